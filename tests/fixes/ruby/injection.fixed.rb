require "open3"

class SearchController < ApplicationController
  def index
    @users = User.where("name = ? AND age > ?", params[:name], params[:age])
    @recent = User.where("created_at > ?", params[:since])
    system("ping", "-c", "1", params[:host])
    log, _status = Open3.capture2("git", "log", "--oneline", params[:branch])
    @log = log
  end
end
