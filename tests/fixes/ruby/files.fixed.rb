class DownloadsController < ApplicationController
  def show
    body = File.read("public/reports/#{File.basename(params[:name])}")
    render plain: body
  end

  def fetch
    send_file(File.join("storage/exports", File.basename(params[:file])))
  end
end
