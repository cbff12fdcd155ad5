"""Ruby taint: the adapter's lowering and the Ruby taint rules on small programs."""

from __future__ import annotations

from vsguard.engine.parse import parse
from vsguard.engine.scanner import scan_text
from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import adapter_for
from vsguard.engine.taint.spec import Condition
from vsguard.engine.taint.support import _condition_holds
from vsguard.engine.taint.values import Value, const
from vsguard.models import Finding


def scan(code: str) -> list[Finding]:
    return list(scan_text(code, "ruby").findings)


def rule_lines(code: str, rule_id: str) -> list[int]:
    return sorted(f.location.start_line for f in scan(code) if f.rule_id == rule_id)


def lower(code: str) -> ir.Module:
    adapter = adapter_for("ruby")
    assert adapter is not None
    return adapter.lower(parse(code, "ruby"))


def controller(body: str, helpers: str = "") -> str:
    return f"class ThingsController < ApplicationController\n{body}\n  private\n{helpers}\nend\n"


def test_bare_names_are_calls_unless_bound() -> None:
    module = lower("def show(id)\n  x = params[:q]\n  [x, id, request]\nend\n")
    (func,) = module.functions
    body = func.get_body()
    assert isinstance(body[0], ir.Assign)
    source = body[0].value
    # `params[:q]` with a literal key is a path of the request's params, so checks on it hold
    assert isinstance(source, ir.Attr) and source.attr == "[q]"
    assert isinstance(source.obj, ir.Name) and source.obj.id == "params()"
    ret = body[-1]
    assert isinstance(ret, ir.Return) and isinstance(ret.value, ir.Seq)  # the last value is returned
    x, id_, request = ret.value.elts
    assert isinstance(x, ir.Name) and isinstance(id_, ir.Name) and isinstance(request, ir.Call)


def test_methods_take_self_and_calls_of_sibling_methods_go_through_it() -> None:
    module = lower("class A < B\n  def a\n    helper(1)\n  end\n\n  def helper(v)\n    v\n  end\nend\n")
    names = {f.name: f for f in module.functions}
    assert set(names) == {"A.a", "A.helper"}
    assert [p.name for p in names["A.helper"].params] == ["self", "v"]
    assert names["A.a"].is_method and names["A.a"].owner_bases == ("B",)
    ret = names["A.a"].get_body()[0]
    assert isinstance(ret, ir.Return) and isinstance(ret.value, ir.Call)
    func = ret.value.func
    assert isinstance(func, ir.Attr) and isinstance(func.obj, ir.Name) and func.obj.id == "self"


def test_heredoc_body_is_read_at_its_opener() -> None:
    module = lower("def q\n  sql = <<~SQL\n    SELECT #{name}\n  SQL\n  sql\nend\n")
    assign = module.functions[0].get_body()[0]
    assert isinstance(assign, ir.Assign) and isinstance(assign.value, ir.Format)


def test_lowering_survives_broken_code() -> None:
    code = 'class A < ApplicationController\n  def x\n    system("ls #{params[:d]}"\n    if (\n'
    module = lower(code)
    assert module.functions or module.body
    scan(code)  # no exception on the way to findings


def test_helper_flow_is_reported_at_the_call_with_the_trace_through_the_helper() -> None:
    code = controller(
        '  def run\n    build(params[:name])\n  end\n\n  def fixed\n    build("daily")\n  end\n'
        "  def cleaned\n    build(Shellwords.escape(params[:name]))\n  end\n",
        '  def build(name)\n    system("report #{name}")\n  end\n',
    )
    hits = [f for f in scan(code) if f.rule_id == "rb-command-injection"]
    assert [f.location.start_line for f in hits] == [3]
    trace = [(s.line, s.kind) for s in hits[0].trace]
    assert trace[0] == (3, "source") and trace[-1] == (15, "sink")
    assert any("parameter `name`" in s.code for s in hits[0].trace)
    assert hits[0].confidence.value == "high"


def test_helper_returning_request_data_is_a_source() -> None:
    code = controller("  def go\n    redirect_to target\n  end\n", "  def target\n    params[:next]\n  end\n")
    assert rule_lines(code, "rb-open-redirect") == [3]


def test_sanitizers_inline_and_through_a_variable() -> None:
    code = controller(
        '  def a\n    system("x #{Shellwords.escape(params[:h])}")\n'
        "    safe = params[:h].shellescape\n"
        '    system("x #{safe}")\n'
        '    n = params[:n].to_i\n    User.where("id = #{n}")\n'
        '    system("x #{params[:h]}")\n  end\n'
    )
    assert rule_lines(code, "rb-command-injection") == [8]
    assert rule_lines(code, "rb-sql-injection") == []


def test_guards_allow_list_prefix_and_anchored_regex() -> None:
    code = controller(
        "  def a\n    col = params[:sort]\n"
        "    return unless %w[name date].include?(col)\n"
        '    User.order("#{col} ASC")\n  end\n'
        "  def b\n    path = File.expand_path(params[:p], ROOT)\n"
        "    raise 'outside' unless path.start_with?(ROOT)\n    File.read(path)\n  end\n"
        "  def c\n    id = params[:id]\n    return unless id =~ /\\A\\d+\\z/\n"
        '    system("echo #{id}")\n  end\n'
        "  def d\n    id = params[:id]\n    return unless id =~ /^\\d+$/\n"
        '    system("echo #{id}")\n  end\n'
    )
    assert rule_lines(code, "rb-sql-injection") == []
    assert rule_lines(code, "rb-path-traversal") == []
    # `^`/`$` match at any line in Ruby: only the `\A...\z` check proves the whole value
    assert rule_lines(code, "rb-command-injection") == [20]


def test_dead_branch_and_case_when_constants() -> None:
    code = controller(
        "  def a\n    if false\n      eval(params[:x])\n    end\n"
        '    kind = params[:kind]\n    case kind\n    when "a", "b"\n'
        '      system("make #{kind}")\n    else\n      system("make #{kind}")\n    end\n  end\n'
    )
    assert rule_lines(code, "rb-code-injection") == []
    assert rule_lines(code, "rb-command-injection") == [11]


def test_confidence_high_with_a_request_source_medium_without() -> None:
    code = controller(
        "  def a\n    eval(params[:code])\n  end\n",
        "  def b(code)\n    eval(code)\n  end\n",
    )
    by_line = {f.location.start_line: f for f in scan(code) if f.rule_id == "rb-code-injection"}
    assert set(by_line) == {3, 8}
    assert by_line[3].confidence.value == "high" and by_line[3].trace
    assert by_line[8].confidence.value == "medium" and not by_line[8].trace


def test_blocks_run_inline_with_their_parameters_bound() -> None:
    code = controller(
        '  def a\n    params[:hosts].each do |host|\n      system("ping #{host}")\n    end\n'
        '    %w[a b].each { |h| system("ping #{h}") }\n  end\n'
    )
    assert rule_lines(code, "rb-command-injection") == [4]


def test_sinatra_route_parameters_and_rack_requests_are_sources() -> None:
    code = (
        'require "sinatra"\n'
        'get "/files/:name" do |name|\n  File.read("files/#{name}")\nend\n'
        "class App\n  def call(env)\n    req = Rack::Request.new(env)\n"
        '    system("grep #{req.params["q"]} log")\n  end\nend\n'
    )
    assert rule_lines(code, "rb-path-traversal") == [3]
    hits = [f for f in scan(code) if f.rule_id == "rb-command-injection"]
    assert [f.location.start_line for f in hits] == [8] and hits[0].trace


def test_argv_forms_and_parameterised_queries_are_safe() -> None:
    code = controller(
        '  def a\n    IO.popen(["ls", params[:d]], &:read)\n    system("ls", params[:d])\n'
        '    User.where(["name = ?", params[:n]])\n    User.where(name: params[:n])\n'
        "    `ls #{params[:d]}`\n  end\n"
    )
    assert rule_lines(code, "rb-command-injection") == [7]
    assert rule_lines(code, "rb-sql-injection") == []


def test_safe_yaml_options_and_self_made_dumps() -> None:
    code = controller(
        "  def a\n    YAML.load(params[:y], permitted_classes: [Date])\n"
        "    YAML.load(params[:y], safe: true)\n    Marshal.load(Marshal.dump(@x))\n"
        "    YAML.load(params[:y])\n  end\n"
    )
    assert rule_lines(code, "rb-unsafe-deserialization") == [6]


def test_given_condition_holds_for_any_value_passed() -> None:
    given = Condition(keyword="permitted_classes", position=None, given=True)
    assert _condition_holds(given, [], {"permitted_classes": Value()})
    assert not _condition_holds(given, [], {})
    assert not _condition_holds(Condition(keyword="safe", position=None), [], {"safe": const(False)})


def test_checks_on_a_params_key_hold_for_later_reads_and_sortable_column_helpers() -> None:
    code = controller(
        '  def a\n    @a = User.order(sort_column + " " + sort_direction)\n'
        "    return unless %w[name date].include?(params[:col])\n"
        '    User.order("#{params[:col]} ASC")\n    User.order("#{params[:other]} ASC")\n  end\n',
        '  def sort_column\n    %w[name email].include?(params[:sort]) ? params[:sort] : "name"\n  end\n'
        '  def sort_direction\n    %w[asc desc].include?(params[:dir]) ? params[:dir] : "asc"\n  end\n',
    )
    assert rule_lines(code, "rb-sql-injection") == [6]


def test_signed_cookies_are_not_request_data_and_built_commands_are_medium() -> None:
    code = controller(
        '  def a\n    system("x #{cookies[:a]}")\n    system("x #{cookies.signed[:a]}")\n'
        '    system("x #{@dir}")\n  end\n'
    )
    by_line = {f.location.start_line: f for f in scan(code) if f.rule_id == "rb-command-injection"}
    assert sorted(by_line) == [3, 4, 5]
    assert by_line[3].confidence.value == "high" and by_line[3].trace
    assert all(by_line[n].confidence.value == "medium" and not by_line[n].trace for n in (4, 5))


def test_rack_environment_items_are_request_data() -> None:
    code = (
        "class App\n  def call(env)\n    q = env['QUERY_STRING']\n"
        '    system("grep #{q}")\n    system("grep #{q.to_i}")\n    [200, {}, []]\n  end\nend\n'
    )
    hits = [f for f in scan(code) if f.rule_id == "rb-command-injection"]
    assert [f.location.start_line for f in hits] == [4]
    assert hits[0].trace[0].code == "env['QUERY_STRING']"


def test_appends_defaults_and_class_constants() -> None:
    code = (
        "class Q < ApplicationController\n"
        '  BASE = "SELECT * FROM t"\n\n'
        "  def a\n"
        "    sql = BASE.dup\n"
        '    sql << " WHERE id = #{params[:id]}"\n'
        "    Q.find_by_sql(sql)\n"
        "    fixed = BASE\n"
        "    Q.find_by_sql(fixed)\n"
        "    name ||= params[:name]\n"
        "    Q.where(\"name = '#{name}'\")\n"
        "  end\nend\n"
    )
    assert rule_lines(code, "rb-sql-injection") == [7, 11]


def test_each_heredoc_of_a_line_is_read_at_its_own_opener() -> None:
    code = (
        "class A\n  module_eval(<<~ONE + <<~TWO)\n    def a; end\n  ONE\n"
        "    def #{params[:name]}; end\n  TWO\n"
        "  class_eval <<~THREE\n    def b; end\n  THREE\nend\n"
    )
    assert rule_lines(code, "rb-code-injection") == [2]
