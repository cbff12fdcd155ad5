# Sinatra routes and a Rack app: route captures, params and the Rack request are request data.
require "sinatra"
require "net/ldap"
require "nokogiri"

ALLOWED_REPORTS = %w[daily weekly].freeze

get "/reports/:name" do |name|
  File.read("reports/#{name}.txt") # expect: rb-path-traversal
end

get "/reports/safe/:name" do |name|
  halt 404 unless ALLOWED_REPORTS.include?(name)
  File.read("reports/#{name}.txt") # ok: rb-path-traversal
end

get "/ping" do
  host = params["host"]
  `ping -c 1 #{host}` # expect: rb-command-injection
end

get "/ping/checked" do
  host = params["host"]
  halt 400 unless host =~ /\A[\w-]+\z/
  `ping -c 1 #{host}` # ok: rb-command-injection
end

get "/go" do
  redirect params["to"] # expect: rb-open-redirect
end

get "/go/home" do
  redirect "/home?from=#{params["to"]}" # ok: rb-open-redirect
end

post "/directory" do
  filter = Net::LDAP::Filter.construct("(uid=#{params["uid"]})") # expect: rb-ldap-injection
  escaped = Net::LDAP::Filter.escape(params["uid"])
  same = Net::LDAP::Filter.construct("(uid=#{escaped})") # ok: rb-ldap-injection
  [filter, same]
end

post "/xml" do
  doc = Nokogiri::XML(request.body.read)
  doc.xpath("//user[name='#{params["name"]}']") # expect: rb-xpath-injection
  doc.xpath("//user[name=$name]", nil, name: params["name"]) # ok: rb-xpath-injection
end

post "/template" do
  ERB.new(request.body.read).result(binding) # expect: rb-ssti
  ERB.new(File.read("views/page.erb")).result(binding) # ok: rb-ssti
end

class SearchApp
  def call(env)
    req = Rack::Request.new(env)
    term = req.params["q"]
    out = `grep -r #{term} /srv/docs` # expect: rb-command-injection
    count = `grep -rc #{term.to_i} /srv/docs` # ok: rb-command-injection
    [200, {}, [out, count]]
  end
end

class TraceApp
  def call(env)
    trace = env["HTTP_X_TRACE"]
    system("logger trace #{trace}") # expect: rb-command-injection
    system("logger trace #{trace.to_i}") # ok: rb-command-injection
    system("logger", "trace", trace) # ok: rb-command-injection
    [204, {}, []]
  end
end
