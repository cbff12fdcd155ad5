module ProfileHelper
  def website_link
    link_to "Website", params[:website].to_s.match?(%r{\A(https?://|[^:]*\z)}i) ? params[:website] : "#"
  end

  def homepage_link(user)
    link_to(user.name, params.fetch(:homepage).to_s.match?(%r{\A(https?://|[^:]*\z)}i) ? params.fetch(:homepage) : "#", class: "ext")
  end

  def continue_button
    button_to "Continue", params[:next].to_s.match?(%r{\A(https?://|[^:]*\z)}i) ? params[:next] : "#"
  end
end
