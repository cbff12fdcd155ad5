class ReportsController < ApplicationController
  def usage
    @listing = `ls -l #{params[:dir]}`
    @size = %x(du -sh "#{params[:dir]}")
  end
end
