require "net/http"
require "open-uri"

class ProxyController < ApplicationController
  def fetch
    body = Net::HTTP.get(URI(params[:url])) # expect: rb-ssrf
    url = params.fetch(:feed)
    feed = URI.open(url).read # expect: rb-ssrf
    resp = HTTParty.get("http://#{params[:host]}/status") # expect: rb-ssrf
    page = URI.parse(params[:page]).read # expect: rb-ssrf
    conn = Faraday.new(url: params[:base]) # expect: rb-ssrf
    res = RestClient.post(params[:callback], { ok: true }.to_json) # expect: rb-ssrf

    api = Net::HTTP.get(URI("https://api.example.com/search?q=#{CGI.escape(params[:q])}")) # ok: rb-ssrf
    fixed = "https://status.example.com/#{params[:id].to_i}"
    status = HTTParty.get(fixed) # ok: rb-ssrf
    health = Net::HTTP.get(URI("https://status.example.com/health")) # ok: rb-ssrf
    client = Faraday.new(url: "https://api.example.com/v2/") # ok: rb-ssrf
    posted = HTTParty.post("https://hooks.example.com/in", body: { text: params[:msg] }) # ok: rb-ssrf
    [body, feed, resp, page, conn, res, api, status, health, client, posted]
  end
end

class SessionsController < ApplicationController
  def create
    redirect_to params[:return_to] # expect: rb-open-redirect
  end

  def back
    target = params.fetch(:next)
    redirect_to target, allow_other_host: true # expect: rb-open-redirect
  end

  def out
    redirect_to "#{params[:host]}/bye" # expect: rb-open-redirect
  end

  def fallback
    redirect_to params[:continue] || root_path # expect: rb-open-redirect
  end

  def safe
    redirect_to url_from(params[:return_to]) || root_path # ok: rb-open-redirect
    redirect_to user_path(params[:id]) # ok: rb-open-redirect
    redirect_to "/orders/#{params[:order_id]}" # ok: rb-open-redirect
    redirect_to params[:return_to], allow_other_host: false # ok: rb-open-redirect
    redirect_to root_path, notice: params[:msg] # ok: rb-open-redirect
    redirect_to "https://www.example.com/#{params[:page]}" # ok: rb-open-redirect
  end
end

class DownloadsController < ApplicationController
  def show
    response.headers["X-Label"] = params[:label] # expect: rb-header-injection
    name = params[:name]
    headers["Content-Disposition"] = "attachment; filename=#{name}" # expect: rb-header-injection
    response.set_header("X-Trace", request.headers["X-Trace"]) # expect: rb-header-injection

    response.headers["X-Page"] = params[:page].to_i.to_s # ok: rb-header-injection
    response.headers["Content-Disposition"] = ActionDispatch::Http::ContentDisposition.format(disposition: "attachment", filename: params[:name]) # ok: rb-header-injection
    response.headers["X-Frame-Options"] = "DENY" # ok: rb-header-injection
    response.headers["X-Query"] = params.fetch(:q).to_s.delete("\r\n") # ok: rb-header-injection
    clean = params[:label].delete("\r\n")
    response.headers["X-Label"] = clean # ok: rb-header-injection
  end

  def audit
    Rails.logger.info("Download by #{params[:user]}") # expect: rb-log-injection
    logger.warn "Bad referer: " + request.referer # expect: rb-log-injection
    @logger.error("Search failed for #{params.fetch(:q)}") # expect: rb-log-injection
    Rails.logger.info("Download by #{params[:user].inspect}") # ok: rb-log-injection
    logger.info("Page #{params[:page].to_i}") # ok: rb-log-injection
    Rails.logger.info(event: "download", user: params[:user]) # ok: rb-log-injection
    logger.info("Download finished for #{current_user.id}") # ok: rb-log-injection
    logger.warn "Bad referer: " + request.referer.to_s.tr("\r\n", " ") # ok: rb-log-injection
    @logger.error("Search failed for #{params.fetch(:q).to_s.tr("\r\n", " ")}") # ok: rb-log-injection
  end

  def remember(user, token)
    cookies[:remember_token] = token # expect: rb-cookie-insecure
    cookies.signed[:user_id] = user.id # expect: rb-cookie-insecure
    cookies[:session_key] = { value: token, secure: true } # expect: rb-cookie-insecure
    cookies.permanent[:auth] = { value: token, httponly: false, secure: true } # expect: rb-cookie-insecure
    cookies[:theme] = { value: "dark", expires: 1.year } # expect: rb-cookie-insecure

    cookies.signed[:remember_token] = { value: token, httponly: true, secure: true, same_site: :lax } # ok: rb-cookie-insecure
    cookies[:locale] = "en" # ok: rb-cookie-insecure
    cookies.delete(:remember_token) # ok: rb-cookie-insecure
    cookies.encrypted[:auth] = { value: token, httponly: true } # ok: rb-cookie-insecure
  end

  def cors
    response.headers["Access-Control-Allow-Origin"] = request.origin # expect: rb-cors-permissive
    response.headers["Access-Control-Allow-Credentials"] = "true"
  end

  def cors_checked
    if ALLOWED_ORIGINS.include?(request.origin)
      response.headers["Access-Control-Allow-Origin"] = request.origin # ok: rb-cors-permissive
    end
    response.headers["Access-Control-Allow-Origin"] = "https://app.example.com" # ok: rb-cors-permissive
  end
end

Rails.application.config.session_store :cookie_store, key: "_shop_session", httponly: false # expect: rb-cookie-insecure
Rails.application.config.session_store :cookie_store, key: "_shop_session", secure: Rails.env.production? # ok: rb-cookie-insecure

Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    origins "*" # expect: rb-cors-permissive
    resource "*", headers: :any, methods: [:get, :post], credentials: true
  end
  allow do
    origins { |source, env| true } # expect: rb-cors-permissive
    resource "/api/*", headers: :any, credentials: true
  end
  allow do
    origins "*" # ok: rb-cors-permissive
    resource "/public/*", headers: :any, methods: [:get]
  end
  allow do
    origins "https://app.example.com" # ok: rb-cors-permissive
    resource "*", headers: :any, credentials: true
  end
end

class WebhooksController < ApplicationController
  skip_before_action :verify_authenticity_token, only: :stripe # ok: rb-csrf-disabled
end

class ApiController < ApplicationController
  skip_before_action :verify_authenticity_token # expect: rb-csrf-disabled
end

class LegacyController < ApplicationController
  skip_forgery_protection # expect: rb-csrf-disabled
  protect_from_forgery with: :null_session # ok: rb-csrf-disabled
end

class FormsController < ApplicationController
  protect_from_forgery with: :exception # ok: rb-csrf-disabled
  skip_forgery_protection if: -> { request.format.json? } # ok: rb-csrf-disabled
end

ActionController::Base.allow_forgery_protection = false # ok: rb-csrf-disabled
