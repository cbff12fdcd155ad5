class ReportsController < ApplicationController
  # A pipe needs the shell, so an argument list cannot express it: guidance only.
  def count
    @count = `ls #{params[:dir]} | wc -l`
  end
end
