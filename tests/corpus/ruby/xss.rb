module ProfilesHelper
  def website_link
    link_to "Website", params[:website] # expect: rb-xss-link-href
    link_to(@user.name, params.fetch(:homepage), class: "ext") # expect: rb-xss-link-href
    button_to "Continue", params[:next] # expect: rb-xss-link-href
    link_to(params[:url]) { "Open" } # expect: rb-xss-link-href
    link_to(params[:label]) # ok: rb-xss-link-href

    link_to params[:name], user_path(@user) # ok: rb-xss-link-href
    link_to "Website", @user.website_url # ok: rb-xss-link-href
    link_to "Search", search_path(q: params[:q]) # ok: rb-xss-link-href
    content_tag(:p, params[:bio]) # ok: rb-xss-link-href, rb-xss-html-safe
  end

  def page
    render html: "<p>#{params[:msg]}</p>" # ok: rb-xss-html-safe
    render html: "<p>#{params[:msg]}</p>".html_safe # expect: rb-xss-html-safe
  end
end
