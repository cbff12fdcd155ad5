require "sinatra"
require "logger"

enable :show_exceptions
set :show_exceptions, true

LOGGER = Logger.new($stdout)

get "/download" do
  LOGGER.info("Download of #{params[:file]} by #{request.user_agent}")
  headers["X-File"] = params[:file]
end
