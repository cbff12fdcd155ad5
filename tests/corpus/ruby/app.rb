class UsersController < ApplicationController
  ORDER = "created_at DESC"

  def index
    @users = User.where("name = '#{params[:name]}'") # expect: rb-sql-injection
    @users = User.where("age > " + params[:age]) # expect: rb-sql-injection
    sql = "SELECT * FROM users WHERE email = '#{params[:email]}'"
    rows = User.find_by_sql(sql) # expect: rb-sql-injection
    @sorted = User.order("#{params[:sort]} ASC") # expect: rb-sql-injection
    ActiveRecord::Base.connection.execute("DELETE FROM logs WHERE id = %s" % params[:id]) # expect: rb-sql-injection

    @safe = User.where("name = ?", params[:name]) # ok: rb-sql-injection
    @hash = User.where(name: params[:name]) # ok: rb-sql-injection
    @num = User.where("age > #{params[:age].to_i}") # ok: rb-sql-injection
    @fixed = User.order(ORDER) # ok: rb-sql-injection
    @active = User.where("status = 'active'") # ok: rb-sql-injection
    @quoted = User.where("name = #{User.connection.quote(params[:name])}") # ok: rb-sql-injection
    rows
  end

  def ping
    system("ping -c 1 #{params[:host]}") # expect: rb-command-injection
    out = `nslookup #{params[:domain]}` # expect: rb-command-injection
    list = %x(ls #{params[:dir]}) # expect: rb-command-injection
    cmd = "tar czf backup.tgz " + params[:path]
    exec(cmd) # expect: rb-command-injection
    Open3.capture2("git log #{params[:branch]}") # expect: rb-command-injection

    system("ping", "-c", "1", params[:host]) # ok: rb-command-injection
    system("ping -c 1 #{Shellwords.escape(params[:host])}") # ok: rb-command-injection
    date = `date` # ok: rb-command-injection
    Open3.capture2("git", "log", params[:branch]) # ok: rb-command-injection
    count = `wc -l #{params[:n].to_i}` # ok: rb-command-injection
    [out, list, date, count]
  end

  def calc
    result = eval(params[:expr]) # expect: rb-code-injection
    code = "1 + #{params[:n]}"
    other = instance_eval(code) # expect: rb-code-injection
    Foo.class_eval(params[:body]) # expect: rb-code-injection
    two = eval("1 + 1") # ok: rb-code-injection
    Foo.class_eval { attr_accessor :name } # ok: rb-code-injection
    data = JSON.parse(params[:expr]) # ok: rb-code-injection
    [result, other, two, data]
  end

  def dispatch
    @user.send(params[:field]) # expect: rb-unsafe-reflection
    klass = params[:type].constantize # expect: rb-unsafe-reflection
    report = Object.const_get(params[:report]).new # expect: rb-unsafe-reflection
    @user.public_send("#{params[:attr]}=", params[:value]) # expect: rb-unsafe-reflection
    @user.send(:name) # ok: rb-unsafe-reflection
    field = %w[name email].include?(params[:field]) ? params[:field] : "name"
    ALLOWED_TYPES.fetch(params[:type]).new # ok: rb-unsafe-reflection
    "Report".constantize # ok: rb-unsafe-reflection
    @user.send(:update, params.require(:user).permit(:name)) # ok: rb-unsafe-reflection
    [klass, report, field]
  end

  def restore
    state = Marshal.load(Base64.decode64(cookies[:state])) # expect: rb-unsafe-deserialization
    conf = YAML.load(params[:config]) # expect: rb-unsafe-deserialization
    doc = YAML.unsafe_load(request.body.read) # expect: rb-unsafe-deserialization
    obj = Oj.load(params[:json]) # expect: rb-unsafe-deserialization
    safe = YAML.safe_load(params[:config]) # ok: rb-unsafe-deserialization
    json = JSON.parse(params[:json]) # ok: rb-unsafe-deserialization
    fixed = YAML.load("--- {a: 1}") # ok: rb-unsafe-deserialization
    plain = Oj.load(params[:json], mode: :strict) # ok: rb-unsafe-deserialization
    dumped = Marshal.dump(state) # ok: rb-unsafe-deserialization
    [conf, doc, obj, safe, json, fixed, plain, dumped]
  end

  def show
    @bio = @user.bio.html_safe # expect: rb-xss-html-safe
    @greeting = "<b>Hello #{params[:name]}</b>".html_safe # expect: rb-xss-html-safe
    @note = raw(params[:note]) # expect: rb-xss-html-safe
    @title = ("<h1>" + @page.title + "</h1>").html_safe # expect: rb-xss-html-safe
    @static = "<br>".html_safe # ok: rb-xss-html-safe
    @escaped = "<b>#{h(params[:name])}</b>".html_safe # ok: rb-xss-html-safe
    @count = "<i>#{@items.size}</i>".html_safe # ok: rb-xss-html-safe
    @tr = t("welcome_html").html_safe # ok: rb-xss-html-safe
  end

  def update
    @user.update(params.require(:user).permit!) # expect: rb-mass-assignment
    User.create(params.permit!) # expect: rb-mass-assignment
    attrs = params[:profile].permit!  # expect: rb-mass-assignment
    @user.update(params.require(:user).permit(:name, :email)) # ok: rb-mass-assignment
    Settings.permit! # ok: rb-mass-assignment
    opts = params.permit(:page, :per) # ok: rb-mass-assignment
    [attrs, opts]
  end

  def download
    send_file params[:path] # expect: rb-path-traversal
    body = File.read(File.join("uploads", params[:name])) # expect: rb-path-traversal
    File.open("reports/#{params[:file]}") { |f| f.read } # expect: rb-path-traversal
    FileUtils.rm_rf(params[:dir]) # expect: rb-path-traversal
    send_file File.join("uploads", File.basename(params[:name])) # ok: rb-path-traversal
    doc = File.read(Rails.root.join("docs", "help.md")) # ok: rb-path-traversal
    attachment = Upload.find(params[:id]) # ok: rb-path-traversal
    send_file Upload.find(params[:id]).path # ok: rb-path-traversal
    [body, doc, attachment]
  end
end
