class DownloadsController < ApplicationController
  def show
    body = File.read("public/reports/#{params[:name]}")
    render plain: body
  end

  def fetch
    send_file(File.join("storage/exports", params[:file]))
  end
end
