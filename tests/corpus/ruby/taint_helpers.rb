# Request data passed to helpers: reported at the call, silent for constants and cleaned values.
class ReportsController < ApplicationController
  def run
    build_report(params[:name]) # expect: rb-command-injection
    build_report("monthly") # ok: rb-command-injection
    build_report(Shellwords.escape(params[:name])) # ok: rb-command-injection
    self.build_report(params[:other]) # expect: rb-command-injection
  end

  def rows
    Report.find_by_sql(report_query(params[:region])) # expect: rb-sql-injection
    Report.find_by_sql(report_query("north")) # ok: rb-sql-injection
    Report.find_by_sql(report_query(params[:region].to_i)) # ok: rb-sql-injection
  end

  def file
    read_export(params[:path]) # expect: rb-path-traversal
    read_export(File.basename(params[:path])) # ok: rb-path-traversal
    read_export(safe_name) # ok: rb-path-traversal
  end

  def target
    go_to(requested_target) # expect: rb-open-redirect
    go_to(root_path) # ok: rb-open-redirect
  end

  def cleaned
    system("bin/report --name #{quoted(params[:name])}") # ok: rb-command-injection
    Report.where(format("region = '%s'", params[:region])) # expect: rb-sql-injection
    Report.where(format("id = %d", params[:id].to_i)) # ok: rb-sql-injection
  end

  private

  def build_report(name)
    system("bin/report --name #{name}")
  end

  def report_query(region)
    "SELECT * FROM reports WHERE region = '#{region}'"
  end

  def read_export(name)
    File.read(File.join("exports", name))
  end

  def quoted(value)
    Shellwords.escape(value)
  end

  def safe_name
    "summary.csv"
  end

  def requested_target
    params[:next]
  end

  def go_to(url)
    redirect_to url
  end
end

# A helper of the file, outside any class.
def shell_out(command)
  `#{command}`
end

get "/tools/:tool" do |tool|
  shell_out("tool-#{tool}") # expect: rb-command-injection
  shell_out("uptime") # ok: rb-command-injection
end

post "/eval" do
  instance_eval(request.body.read) # expect: rb-code-injection
end
