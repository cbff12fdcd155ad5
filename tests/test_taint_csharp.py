"""C# taint: the adapter's lowering and the C# taint rules on small programs."""

from __future__ import annotations

import textwrap

from vsguard.engine.parse import parse
from vsguard.engine.scanner import scan_text
from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import adapter_for
from vsguard.models import Confidence, Finding

CONTROLLER = """
using System.Data.SqlClient;
using System.Diagnostics;
using System.IO;
using Microsoft.AspNetCore.Mvc;

public class ItemsController : Controller
{
    private readonly SqlConnection _conn;
"""


def scan(code: str) -> list[Finding]:
    return list(scan_text(textwrap.dedent(code), "csharp").findings)


def lines(code: str, rule: str) -> list[int]:
    return sorted(f.location.start_line for f in scan(code) if f.rule_id == rule)


def only(code: str, rule: str) -> Finding:
    found = [f for f in scan(code) if f.rule_id == rule]
    assert len(found) == 1, found
    return found[0]


def lower(code: str) -> ir.Module:
    adapter = adapter_for("csharp")
    assert adapter is not None
    return adapter.lower(parse(textwrap.dedent(code), "csharp"))


def test_methods_lambdas_and_aliases_are_lowered() -> None:
    module = lower(
        """
        using Proc = System.Diagnostics.Process;
        public class Jobs : ControllerBase
        {
            [HttpPost("run")]
            public void Run(string name) { Helper(name); Shared.Clean(name); }
            private void Helper(string s) { }
            public static void Map(WebApplication app) { app.MapGet("/x", (string q) => q); }
        }
        public static class Shared { public static string Clean(string s) => s; }
        """
    )
    bindings = {b for stmt in module.body if isinstance(stmt, ir.Import) for b in stmt.bindings}
    assert ("Proc", "System.Diagnostics.Process") in bindings
    funcs = {f.name: f for f in module.functions}
    run = funcs["Run"]
    assert run.is_method and [p.name for p in run.params] == ["this", "name"]
    assert "public HttpPost: base ControllerBase" in run.owner_bases
    assert not funcs["Map"].is_method and not funcs["Clean"].is_method  # static: plain functions
    calls = [s.value for s in run.get_body() if isinstance(s, ir.ExprStmt)]
    assert isinstance(calls[0], ir.Call) and isinstance(calls[0].func, ir.Attr)
    assert (
        isinstance(calls[0].func.obj, ir.Name) and calls[0].func.obj.id == "this"
    )  # Helper(x) -> this.Helper(x)
    assert (
        isinstance(calls[1], ir.Call) and isinstance(calls[1].func, ir.Name) and calls[1].func.id == "Clean"
    )
    funcs["Map"].get_body()  # bodies are lowered when needed; a lambda in one joins the module then
    (handler,) = [f for f in module.functions if f.name.startswith("<lambda@")]
    assert isinstance(handler.decorators[0], ir.Attr) and handler.decorators[0].attr == "MapGet"


def test_a_request_value_through_a_receiver_helper_is_reported_at_the_call_with_its_trace() -> None:
    code = (
        CONTROLLER
        + """
    public IActionResult Find(string name)
    {
        Run("SELECT * FROM items WHERE name = '" + name + "'");
        Run("SELECT * FROM items");
        return Ok();
    }

    private void Run(string sql)
    {
        var cmd = _conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
"""
    )
    finding = only(code, "cs-sql-injection")
    assert finding.location.start_line == 13
    assert finding.confidence is Confidence.HIGH
    kinds = [(s.kind, s.line) for s in finding.trace]
    assert kinds[0] == ("source", 11)
    assert ("step", 18) in kinds  # the helper's parameter
    assert kinds[-1] == ("sink", 21)


def test_a_static_helper_of_another_type_is_followed_and_a_sanitized_argument_is_silent() -> None:
    code = (
        CONTROLLER
        + """
    public IActionResult Read(string name)
    {
        var a = Files.Load(name);
        var b = Files.Load(Path.GetFileName(name));
        var clean = Path.GetFileName(name);
        var c = Files.Load(clean);
        return Ok(a + b + c);
    }
}

public static class Files
{
    public static string Load(string file) => System.IO.File.ReadAllText(Path.Combine("/srv", file));
}
"""
    )
    assert lines(code, "cs-path-traversal") == [13]


def test_guards_prove_values_safe() -> None:
    code = (
        CONTROLLER
        + """
    private static readonly string[] Sorts = { "name", "price" };

    public IActionResult Back(string returnUrl, string sort, string name)
    {
        if (!Sorts.Contains(sort)) return BadRequest();
        var cmd = new SqlCommand("SELECT * FROM items ORDER BY " + sort, _conn);
        var full = Path.GetFullPath(Path.Combine("/srv/files", name));
        if (!full.StartsWith("/srv/files/")) return BadRequest();
        var text = System.IO.File.ReadAllText(full);
        if (Url.IsLocalUrl(returnUrl))
        {
            return Redirect(returnUrl);
        }
        return Redirect(returnUrl);
    }
}
"""
    )
    found = {(f.rule_id, f.location.start_line) for f in scan(code)}
    assert found == {("cs-open-redirect", 24)}


def test_without_a_visible_source_a_built_command_is_medium_and_has_no_trace() -> None:
    code = """
    using System.Diagnostics;
    public class Backup
    {
        public void Archive(string dir)
        {
            Process.Start("/bin/sh", "-c \\"tar czf /tmp/b.tgz " + dir + "\\"");
            Process.Start("/bin/sh", "-c \\"tar czf /tmp/b.tgz /srv\\"");
        }
    }
    """
    finding = only(code, "cs-shell-command")
    assert finding.location.start_line == 7
    assert finding.confidence is Confidence.MEDIUM and not finding.trace


def test_typed_numbers_parsed_values_and_injected_services_are_not_request_data() -> None:
    code = (
        CONTROLLER
        + """
    public IActionResult Get(int id, string raw, [FromServices] string tableName)
    {
        var a = new SqlCommand("SELECT * FROM items WHERE id = " + id, _conn);
        if (!long.TryParse(raw, out var n)) return BadRequest();
        var b = new SqlCommand("SELECT * FROM items WHERE id = " + n, _conn);
        var c = new SqlCommand("SELECT * FROM " + tableName, _conn);
        var d = new SqlCommand("SELECT * FROM items WHERE name = '" + raw + "'", _conn);
        return Ok();
    }
}
"""
    )
    found = [(f.location.start_line, f.confidence) for f in scan(code) if f.rule_id == "cs-sql-injection"]
    # the injected table name is not request data but still assembled at run time: medium
    assert found == [(16, Confidence.MEDIUM), (17, Confidence.HIGH)]


def test_minimal_api_lambda_parameters_are_request_data_but_services_are_not() -> None:
    code = """
    var app = WebApplication.Create(args);
    app.MapGet("/files", (string name, IWebHostEnvironment env) =>
        Results.Text(File.ReadAllText(Path.Combine(env.ContentRootPath, name))));
    app.MapGet("/logo", (IWebHostEnvironment env) =>
        Results.Text(File.ReadAllText(Path.Combine(env.WebRootPath, "logo.svg"))));
    app.MapGet("/go", (HttpRequest request) => Results.Redirect(request.Query["to"]));
    """
    found = {(f.rule_id, f.location.start_line, bool(f.trace)) for f in scan(code)}
    assert found == {("cs-path-traversal", 4, True), ("cs-open-redirect", 7, True)}


def test_initializer_properties_are_sinks_at_their_own_line() -> None:
    code = (
        CONTROLLER
        + """
    public IActionResult Run(string dir, string file)
    {
        var shell = new ProcessStartInfo
        {
            FileName = "/bin/sh",
            Arguments = "-c \\"ls " + dir + "\\"",
        };
        var direct = new ProcessStartInfo
        {
            FileName = "ls",
            Arguments = dir,
        };
        var cmd = new SqlCommand { Connection = _conn, CommandText = "DELETE FROM t WHERE f=" + file };
        return Ok();
    }
}
"""
    )
    found = {(f.rule_id, f.location.start_line) for f in scan(code)}
    assert found == {("cs-shell-command", 16), ("cs-sql-injection", 23)}


def test_string_format_and_concat_build_text_but_parameters_do_not() -> None:
    code = (
        CONTROLLER
        + """
    public IActionResult Search(string q, AppDb db)
    {
        var a = db.Items.FromSqlRaw(string.Format("SELECT * FROM items WHERE q = '{0}'", q));
        var b = db.Items.FromSqlRaw(string.Concat("SELECT * FROM items WHERE q = '", q, "'"));
        var c = db.Items.FromSqlRaw("SELECT * FROM items WHERE q = {0}", q);
        var d = db.Items.FromSqlInterpolated($"SELECT * FROM items WHERE q = {q}");
        return Ok();
    }
}
"""
    )
    assert lines(code, "cs-sql-injection") == [13, 14]


def test_a_parsed_uri_whose_host_was_checked_is_a_safe_target() -> None:
    code = (
        CONTROLLER
        + """
    private readonly HttpClient _http;

    public async Task<IActionResult> Fetch(string url)
    {
        var target = new Uri(url);
        var first = await _http.GetStringAsync(target);
        if (target.Host != "img.example.com") return BadRequest();
        var second = await _http.GetStringAsync(target);
        return Ok(first + second);
    }
}
"""
    )
    assert lines(code, "cs-ssrf") == [16]


def test_log_templates_keep_values_apart() -> None:
    code = (
        CONTROLLER
        + """
    private readonly ILogger<ItemsController> _logger;

    public IActionResult Login(string user)
    {
        _logger.LogInformation("Login by {User}", user);
        _logger.LogInformation($"Login by {user}");
        _logger.LogError(new Exception(), "Login by {User}", user);
        _logger.LogError(new Exception(), "Login by " + user);
        _logger.LogInformation("Login by " + user.ReplaceLineEndings(" "));
        return Ok();
    }
}
"""
    )
    assert lines(code, "cs-log-injection") == [16, 18]


def test_lowering_survives_broken_code() -> None:
    code = (
        'public class A : Controller {\n public void M(string q) {\n  var s = "x" + q\n'
        '  Process.Start("cmd.exe", "/c " + s\n  if (\n'
    )
    module = lower(code)
    assert module.functions or module.body
    scan(code)  # no exception


def test_string_builder_appends_chain_and_assemble_text() -> None:
    code = """
    using System.Text;
    public class Repo
    {
        public void Q(SqlConnection c, string x)
        {
            var sb = new StringBuilder("SELECT * FROM t WHERE a = '");
            sb.Append(x).Append("'");
            new SqlCommand(sb.ToString(), c);
            var safe = new StringBuilder();
            safe.Append("SELECT * FROM t").Append(" ORDER BY a");
            new SqlCommand(safe.ToString(), c);
            var chained = new StringBuilder().Append("DELETE FROM t WHERE a = ").Append(x).ToString();
            new SqlCommand(chained, c);
        }
    }
    """
    assert lines(code, "cs-sql-injection") == [9, 14]


def test_deep_nesting_is_bounded() -> None:
    chain = "a" + ".b" * 3000
    parens = "(" * 400 + "q" + ")" * 400
    code = (
        "public class A : Controller {\n public void M(string q) {\n"
        f'  var x = {chain};\n  Process.Start("cmd.exe", "/c " + {parens});\n }}\n}}\n'
    )
    module = lower(code)
    assert module.functions
    assert [(f.rule_id, f.location.start_line) for f in scan(code)] == [("cs-shell-command", 4)]


def test_constant_fields_are_constants_unless_a_constructor_sets_them() -> None:
    code = """
    public class Store
    {
        private const string Table = "items";
        private readonly string _view = "items_view";
        private readonly string _other = "fallback";

        public Store(Settings settings) { _other = settings.Table; }

        public void Drop(SqlConnection c)
        {
            new SqlCommand("DROP TABLE " + Table, c);
            new SqlCommand("DROP VIEW " + this._view, c);
            new SqlCommand("DROP TABLE " + _other, c);
        }
    }
    """
    assert lines(code, "cs-sql-injection") == [14]


def test_a_lambda_sees_the_locals_of_the_method_it_is_written_in() -> None:
    code = (
        CONTROLLER
        + """
    public IActionResult Run(string dir)
    {
        var cmd = "-c \\"tar czf /tmp/a.tgz " + dir + "\\"";
        Task.Run(() => Process.Start("/bin/sh", cmd));
        Task.Run(() => Process.Start("/bin/sh", "-c \\"tar czf /tmp/a.tgz /srv\\""));
        return Ok();
    }
}
"""
    )
    finding = only(code, "cs-shell-command")
    assert finding.location.start_line == 14 and finding.confidence is Confidence.HIGH
    assert [s.kind for s in finding.trace] == ["source", "step", "sink"]


def test_a_controller_constructor_takes_services_not_request_data() -> None:
    code = (
        CONTROLLER
        + """
    private readonly string _table;

    public ItemsController(string table)
    {
        Process.Start("/bin/sh", "-c \\"echo " + table + "\\"");
    }
}
"""
    )
    finding = only(code, "cs-shell-command")
    assert finding.confidence is Confidence.MEDIUM and not finding.trace


def test_a_handler_lambda_is_analysed_even_when_no_rule_needs_its_enclosing_method() -> None:
    code = textwrap.dedent(
        """
        public static class Greeting
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/hello", (string name) => Results.Content($"<h1>{name}</h1>", "text/html"));
            }
        }
        """
    )
    found = scan_text(code, "csharp", rule_ids=["cs-xss-response"]).findings
    assert [(f.rule_id, f.location.start_line, bool(f.trace)) for f in found] == [
        ("cs-xss-response", 6, True)
    ]


def test_switch_sections_bind_patterns_and_do_not_end_the_method() -> None:
    code = (
        CONTROLLER
        + """
    public IActionResult Run(object value, string mode)
    {
        switch (value)
        {
            case string text:
                Process.Start("/bin/sh", "-c " + text);
                break;
            default:
                break;
        }
        switch (mode)
        {
            case "a":
                break;
        }
        Process.Start("/bin/sh", "-c " + mode);
        return Ok();
    }
}
"""
    )
    assert [(f.location.start_line, f.confidence) for f in scan(code) if f.rule_id == "cs-shell-command"] == [
        (16, Confidence.HIGH),
        (26, Confidence.HIGH),
    ]
