class ReportsController < ApplicationController
  def usage
    @listing = IO.popen(["ls", "-l", "#{params[:dir]}"], &:read)
    @size = IO.popen(["du", "-sh", "#{params[:dir]}"], &:read)
  end
end
