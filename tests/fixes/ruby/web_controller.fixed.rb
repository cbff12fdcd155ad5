class SessionsController < ApplicationController

  def create
    user = User.authenticate(params[:email], params[:password])
    cookies.signed[:user_id] = { value: user.id, secure: true, httponly: true }
    cookies.permanent[:auth] = { value: user.token, httponly: true, secure: true }
    cookies[:remember_token] = { value: user.remember_token, expires: 2.weeks.from_now, httponly: true, secure: true }
    Rails.logger.info("Login by #{params[:email].to_s.tr("\r\n", " ")}")
    logger.warn "Bad referer: " + request.referer.to_s.tr("\r\n", " ")
    redirect_to params[:return_to], allow_other_host: false
  end

  def download
    name = params[:name]
    response.headers["X-Label"] = params[:label].to_s.delete("\r\n")
    headers["Content-Disposition"] = "attachment; filename=#{name.to_s.delete("\r\n")}"
    response.set_header("X-Trace", request.headers["X-Trace"].to_s.delete("\r\n"))
    redirect_to params[:continue] || root_path, allow_other_host: false
  end
end

class ApiController < ApplicationController
end

Rails.application.config.session_store :cookie_store, key: "_shop_session", httponly: true

Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    origins ENV.fetch("CORS_ALLOWED_ORIGINS", "").split(",")
    resource "*", headers: :any, methods: [:get, :post], credentials: true
  end
end
