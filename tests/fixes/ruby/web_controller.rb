class SessionsController < ApplicationController
  skip_before_action :verify_authenticity_token

  def create
    user = User.authenticate(params[:email], params[:password])
    cookies.signed[:user_id] = user.id
    cookies.permanent[:auth] = { value: user.token, httponly: false }
    cookies[:remember_token] = { value: user.remember_token, expires: 2.weeks.from_now }
    Rails.logger.info("Login by #{params[:email]}")
    logger.warn "Bad referer: " + request.referer
    redirect_to params[:return_to]
  end

  def download
    name = params[:name]
    response.headers["X-Label"] = params[:label]
    headers["Content-Disposition"] = "attachment; filename=#{name}"
    response.set_header("X-Trace", request.headers["X-Trace"])
    redirect_to params[:continue] || root_path
  end
end

class ApiController < ApplicationController
  skip_forgery_protection
end

Rails.application.config.session_store :cookie_store, key: "_shop_session", httponly: false

Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    origins "*"
    resource "*", headers: :any, methods: [:get, :post], credentials: true
  end
end
