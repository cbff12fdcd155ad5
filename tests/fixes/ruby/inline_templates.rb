class PagesController < ApplicationController
  def preview
    render inline: "<h1>#{params[:title]}</h1><p>#{params.fetch(:body)}</p>"
  end

  def banner
    render inline: "<div class='banner'>Hello #{current_user.name}, you searched #{params[:q]}</div>", layout: false
  end

  def custom
    render inline: params[:template]
  end
end
