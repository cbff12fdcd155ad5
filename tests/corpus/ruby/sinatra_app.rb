require "sinatra"

enable :show_exceptions # expect: rb-debug-enabled
set :show_exceptions, true # expect: rb-debug-enabled

configure :development do
  enable :show_exceptions # ok: rb-debug-enabled
  set :show_exceptions, true # ok: rb-debug-enabled
end

set :show_exceptions, false # ok: rb-debug-enabled
enable :sessions # ok: rb-debug-enabled
