require "digest"
require "net/http"

class AccountsController < ApplicationController
  def create
    self.password_digest = Digest::SHA1.hexdigest(params[:password])
    self.reset_token = rand(36**20).to_s(36)
    conf = YAML.load(params[:config])
    @greeting = "<b>Hello #{params[:name]}</b>".html_safe
    [conf]
  end

  def fetch(uri)
    http = Net::HTTP.new(uri.host, uri.port)
    http.verify_mode = OpenSSL::SSL::VERIFY_NONE
    http
  end
end
