require "sinatra"
require "logger"

disable :show_exceptions
set :show_exceptions, false

LOGGER = Logger.new($stdout)

get "/download" do
  LOGGER.info("Download of #{params[:file].to_s.tr("\r\n", " ")} by #{request.user_agent.to_s.tr("\r\n", " ")}")
  headers["X-File"] = params[:file].to_s.delete("\r\n")
end
