class DownloadsController < ApplicationController
  # The whole path comes from the request, with no fixed folder to keep it in: guidance only.
  def raw
    send_file(params[:path])
  end
end
