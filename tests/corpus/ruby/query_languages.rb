require "nokogiri"
require "net/ldap"

class ImportController < ApplicationController
  def parse(xml)
    doc = Nokogiri::XML(xml, nil, nil, Nokogiri::XML::ParseOptions::NOENT) # expect: rb-xxe
    dtd = Nokogiri::XML(xml) { |config| config.strict.dtdload } # expect: rb-xxe
    other = Nokogiri::XML::Document.parse(xml) { |c| c.noent } # expect: rb-xxe
    LibXML::XML.default_substitute_entities = true # expect: rb-xxe

    plain = Nokogiri::XML(xml) # ok: rb-xxe
    strict = Nokogiri::XML(xml) { |config| config.strict.nonet } # ok: rb-xxe
    opts = Nokogiri::XML(xml, nil, nil, Nokogiri::XML::ParseOptions::DEFAULT_XML) # ok: rb-xxe
    LibXML::XML.default_substitute_entities = false # ok: rb-xxe
    [doc, dtd, other, plain, strict, opts]
  end

  def search(doc)
    users = doc.xpath("//user[name='#{params[:name]}']") # expect: rb-xpath-injection
    expr = "//order[@id='" + params[:id] + "']"
    order = doc.at_xpath(expr) # expect: rb-xpath-injection
    node = REXML::XPath.first(doc, "//item[@sku='#{params[:sku]}']") # expect: rb-xpath-injection

    bound = doc.xpath("//user[name=$name]", nil, name: params[:name]) # ok: rb-xpath-injection
    num = doc.xpath("//order[@id=#{params[:id].to_i}]") # ok: rb-xpath-injection
    all = doc.xpath("//user[@active='1']") # ok: rb-xpath-injection
    kind = "admin"
    admins = doc.xpath("//user[@role='#{kind}']") # ok: rb-xpath-injection
    [users, order, node, bound, num, all, admins]
  end

  def directory(ldap)
    ldap.search(base: "dc=example,dc=com", filter: "(uid=#{params[:user]})") # expect: rb-ldap-injection
    filter = Net::LDAP::Filter.construct("(mail=#{params[:mail]})") # expect: rb-ldap-injection
    raw = "(&(objectClass=person)(cn=" + params[:cn] + "))"
    ldap.search(base: "dc=example,dc=com", filter: raw) # expect: rb-ldap-injection

    ldap.search(base: "dc=example,dc=com", filter: Net::LDAP::Filter.equals("uid", params[:user])) # ok: rb-ldap-injection
    esc = Net::LDAP::Filter.construct("(mail=#{Net::LDAP::Filter.escape(params[:mail])})") # ok: rb-ldap-injection
    ldap.search(base: "dc=example,dc=com", filter: "(objectClass=person)") # ok: rb-ldap-injection
    users.search(filter: "(uid=#{params[:user]})") # ok: rb-ldap-injection
    [filter, esc]
  end

  def mongo(client)
    user = client[:users].find(name: params[:name], password: params[:password]).first # expect: rb-nosql-injection
    query = params[:q]
    hits = client[:posts].find(query) # expect: rb-nosql-injection
    logs = collection.find(JSON.parse(request.body.read)) # expect: rb-nosql-injection
    js = Post.where("$where" => "this.owner == '#{params[:owner]}'") # expect: rb-nosql-injection

    ok = client[:users].find(name: params[:name].to_s, active: true).first # ok: rb-nosql-injection
    one = client[:users].find(_id: BSON::ObjectId(params[:id])).first # ok: rb-nosql-injection
    open = collection.find(status: "open") # ok: rb-nosql-injection
    static = Post.where("$where" => "this.a > this.b") # ok: rb-nosql-injection
    record = User.find(params[:id]) # ok: rb-nosql-injection
    [user, hits, logs, js, ok, one, open, static, record]
  end

  def preview
    html = ERB.new(params[:template]).result(binding) # expect: rb-ssti
    render inline: "<h1>#{params[:title]}</h1>" # expect: rb-ssti
    src = request.body.read
    out = Haml::Engine.new(src).render # expect: rb-ssti
    render inline: params[:body], type: :erb # expect: rb-ssti

    page = ERB.new(File.read(Rails.root.join("app/views/mail.erb"))).result(binding) # ok: rb-ssti
    render inline: "<h1><%= title %></h1>", locals: { title: params[:title] } # ok: rb-ssti
    greeting = ERB.new("Hello <%= name %>").result_with_hash(name: params[:name]) # ok: rb-ssti
    liquid = Liquid::Template.parse(params[:template]).render("user" => current_user.name) # ok: rb-ssti
    [html, out, page, greeting, liquid]
  end
end
