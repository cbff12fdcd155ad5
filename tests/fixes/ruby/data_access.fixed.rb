require "digest"
require "openssl"
require "net/ldap"

class ReportsController < ApplicationController
  def show
    sig = Digest::SHA256.hexdigest(params[:body])
    d = OpenSSL::Digest.new("SHA256")
    rsa = OpenSSL::PKey::RSA.generate(3072)
    doc = Nokogiri::XML(params[:xml], nil, nil, Nokogiri::XML::ParseOptions::STRICT)
    dtd = Nokogiri::XML(params[:xml]) { |config| config.strict }
    users = doc.xpath("//user[name=$p1]", nil, { p1: params[:name] })
    node = REXML::XPath.first(doc, "//item[@sku=$p1]", nil, { "p1" => params[:sku] })
    filter = Net::LDAP::Filter.construct("(mail=#{Net::LDAP::Filter.escape(params[:mail].to_s)})")
    found = ldap.search(base: "dc=example,dc=com", filter: "(uid=#{Net::LDAP::Filter.escape(params[:user].to_s)})")
    owner = params[:owner]
    posts = client[:posts].find(owner: owner.to_s, state: "published")
    claims = JWT.decode(params[:token], ENV.fetch("JWT_KEY"), true, algorithms: ["HS256"])
    [sig, d, rsa, dtd, users, node, filter, found, posts, claims]
  end

  def summary(client, prompt)
    response = client.chat(parameters: { model: "gpt-4o", messages: [{ role: "user", content: prompt }] })
    code = response.dig("choices", 0, "message", "content")
    system("convert", code, "out.png")
    Post.where("title = ?", code)
  end
end

LibXML::XML.default_substitute_entities = false
DB = Mysql2::Client.new(host: "db", username: "root", password: ENV.fetch("DB_PASSWORD"))
ActionMailer::Base.smtp_settings = { address: "smtp.example.com", user_name: "mailer", password: ENV.fetch("SMTP_PASSWORD") }
