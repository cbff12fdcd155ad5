require "digest"
require "openssl"
require "net/ldap"

class ReportsController < ApplicationController
  def show
    sig = Digest::MD5.hexdigest(params[:body])
    d = OpenSSL::Digest.new("sha1")
    rsa = OpenSSL::PKey::RSA.generate(1024)
    doc = Nokogiri::XML(params[:xml], nil, nil, Nokogiri::XML::ParseOptions::NOENT)
    dtd = Nokogiri::XML(params[:xml]) { |config| config.strict.noent }
    users = doc.xpath("//user[name='#{params[:name]}']")
    node = REXML::XPath.first(doc, "//item[@sku='#{params[:sku]}']")
    filter = Net::LDAP::Filter.construct("(mail=#{params[:mail]})")
    found = ldap.search(base: "dc=example,dc=com", filter: "(uid=#{params[:user]})")
    owner = params[:owner]
    posts = client[:posts].find(owner: owner, state: "published")
    claims = JWT.decode(params[:token], ENV.fetch("JWT_KEY"), true, algorithms: ["none", "HS256"])
    [sig, d, rsa, dtd, users, node, filter, found, posts, claims]
  end

  def summary(client, prompt)
    response = client.chat(parameters: { model: "gpt-4o", messages: [{ role: "user", content: prompt }] })
    code = response.dig("choices", 0, "message", "content")
    system("convert #{code} out.png")
    Post.where("title = '#{code}'")
  end
end

LibXML::XML.default_substitute_entities = true
DB = Mysql2::Client.new(host: "db", username: "root", password: "hunter22")
ActionMailer::Base.smtp_settings = { address: "smtp.example.com", user_name: "mailer", password: "mailpass1" }
