class PagesController < ApplicationController
  def preview
    render inline: "<h1><%= title %></h1><p><%= body %></p>", locals: { title: params[:title], body: params.fetch(:body) }
  end

  def banner
    render inline: "<div class='banner'>Hello <%= name %>, you searched <%= q %></div>", layout: false, locals: { name: current_user.name, q: params[:q] }
  end

  def custom
    render inline: params[:template]
  end
end
