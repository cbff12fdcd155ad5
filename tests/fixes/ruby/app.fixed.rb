require "digest"
require "net/http"
require "bcrypt"
require "securerandom"

class AccountsController < ApplicationController
  def create
    self.password_digest = BCrypt::Password.create(params[:password])
    self.reset_token = SecureRandom.random_number(36**20).to_s(36)
    conf = YAML.safe_load(params[:config])
    @greeting = "<b>Hello #{ERB::Util.html_escape(params[:name])}</b>".html_safe
    [conf]
  end

  def fetch(uri)
    http = Net::HTTP.new(uri.host, uri.port)
    http.verify_mode = OpenSSL::SSL::VERIFY_PEER
    http
  end
end
