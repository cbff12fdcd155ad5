# Flows the taint rules follow in a Rails controller: through locals, helpers, guards and sanitizers.
class OrdersController < ApplicationController
  SORTABLE = %w[created_at total].freeze
  DEFAULT_SORT = "created_at DESC"

  def index
    column = params[:sort]
    @orders = Order.order("#{column} DESC") # expect: rb-sql-injection
    @fixed = Order.order(DEFAULT_SORT) # ok: rb-sql-injection
    if SORTABLE.include?(column)
      @sorted = Order.order("#{column} ASC") # ok: rb-sql-injection
    end
    @bound = Order.where("status = ? AND total > ?", params[:status], params[:min]) # ok: rb-sql-injection
    @array = Order.find_by_sql(["SELECT * FROM orders WHERE id = ?", params[:id]]) # ok: rb-sql-injection
    quoted = Order.connection.quote(params[:status])
    @quoted = Order.where("status = #{quoted}") # ok: rb-sql-injection
  end

  def search
    sql = "SELECT * FROM orders WHERE 1 = 1"
    sql << " AND note LIKE '%#{params[:q]}%'"
    ActiveRecord::Base.connection.execute(sql) # expect: rb-sql-injection
    limit = params[:limit].to_i
    ActiveRecord::Base.connection.execute("SELECT * FROM orders LIMIT #{limit}") # ok: rb-sql-injection
  end

  def export
    name = params[:name]
    system("zip -r /tmp/#{name}.zip exports/") # expect: rb-command-injection
    safe = Shellwords.escape(name)
    system("zip -r /tmp/#{safe}.zip exports/") # ok: rb-command-injection
    system("zip", "-r", "/tmp/#{name}.zip", "exports/") # ok: rb-command-injection
    case name
    when "daily", "weekly"
      system("make report-#{name}") # ok: rb-command-injection
    end
    if false
      system("rm -rf #{name}") # ok: rb-command-injection
    end
  end

  def attachment
    file = params[:file]
    send_file File.join("exports", file) # expect: rb-path-traversal
    base = File.basename(file)
    send_file File.join("exports", base) # ok: rb-path-traversal
    full = File.expand_path(file, EXPORT_ROOT)
    raise ActionController::BadRequest unless full.start_with?(EXPORT_ROOT)
    send_file full # ok: rb-path-traversal
  end

  def back
    redirect_to params[:return_to] # expect: rb-open-redirect
    redirect_to "/orders/#{params[:id]}" # ok: rb-open-redirect
    redirect_to params[:return_to], allow_other_host: false # ok: rb-open-redirect
    redirect_to order_path(params[:id]) # ok: rb-open-redirect
  end

  def fetch_preview
    url = params[:url]
    Net::HTTP.get(URI(url)) # expect: rb-ssrf
    Net::HTTP.get(URI("https://previews.example.com/render?u=#{CGI.escape(url)}")) # ok: rb-ssrf
  end

  def audit
    who = params[:user]
    Rails.logger.info("export by #{who}") # expect: rb-log-injection
    Rails.logger.info("export by #{who.inspect}") # ok: rb-log-injection
    Rails.logger.info("export by #{who.to_s.tr("\r\n", " ")}") # ok: rb-log-injection
  end

  def restore
    blob = Base64.decode64(cookies[:cart])
    @cart = Marshal.load(blob) # expect: rb-unsafe-deserialization
    @copy = Marshal.load(Marshal.dump(@cart)) # ok: rb-unsafe-deserialization
    @config = YAML.load(params[:yaml], permitted_classes: [Symbol]) # ok: rb-unsafe-deserialization
  end

  def pick
    field = params[:field]
    @value = @order.public_send(field) # expect: rb-unsafe-reflection
    @value = @order.public_send(field) if %w[total status].include?(field) # ok: rb-unsafe-reflection
    kind = params[:kind]
    @klass = "#{kind.camelize}Exporter".constantize # expect: rb-unsafe-reflection
  end

  def label
    text = params[:label]
    @label = "<em>#{text}</em>".html_safe # expect: rb-xss-html-safe
    escaped = ERB::Util.html_escape(text)
    @escaped = "<em>#{escaped}</em>".html_safe # ok: rb-xss-html-safe
    response.headers["X-Label"] = text # expect: rb-header-injection
    response.headers["X-Label"] = text.delete("\r\n") # ok: rb-header-injection
  end

  def preview
    render inline: params[:template] # expect: rb-ssti
    render inline: "<p><%= note %></p>", locals: { note: params[:note] } # ok: rb-ssti
  end

  def calc
    eval(params[:expr]) # expect: rb-code-injection
    number = Integer(params[:n])
    eval("1 + #{number}") # ok: rb-code-injection
  end

  def sorted
    @orders = Order.order(sort_column + " " + sort_direction) # ok: rb-sql-injection
    @raw = Order.order(params[:sort] + " " + sort_direction) # expect: rb-sql-injection
  end

  def filtered
    @orders = Order.where(filter_params) # ok: rb-sql-injection
    @check = send("#{params[:action]}_allowed?") # ok: rb-unsafe-reflection
    Rails.logger.info(filter_params) # ok: rb-log-injection
    @where = Order.where(params[:filter]) # expect: rb-sql-injection
  end

  private

  def filter_params
    params.require(:filter).permit(:status, :region)
  end

  def sort_column
    SORTABLE.include?(params[:sort]) ? params[:sort] : "created_at"
  end

  def sort_direction
    %w[asc desc].include?(params[:direction]) ? params[:direction] : "asc"
  end
end
