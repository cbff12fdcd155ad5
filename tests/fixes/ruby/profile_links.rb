module ProfileHelper
  def website_link
    link_to "Website", params[:website]
  end

  def homepage_link(user)
    link_to(user.name, params.fetch(:homepage), class: "ext")
  end

  def continue_button
    button_to "Continue", params[:next]
  end
end
