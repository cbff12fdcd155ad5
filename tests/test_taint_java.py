"""Java taint: the adapter's lowering and the Java taint rules on small programs."""

from __future__ import annotations

from vsguard.engine.parse import parse
from vsguard.engine.scanner import scan_text
from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import adapter_for
from vsguard.models import Confidence, Finding


def scan(code: str) -> list[Finding]:
    return sorted(scan_text(code, "java", path="T.java").findings, key=lambda f: f.location.start_line)


def rule_lines(code: str, rule_id: str) -> list[int]:
    return [f.location.start_line for f in scan(code) if f.rule_id == rule_id]


def lower(code: str) -> ir.Module:
    """The module with every method body lowered (bodies are lowered on first use)."""
    adapter = adapter_for("java")
    assert adapter is not None
    module = adapter.lower(parse(code, "java"))
    done = 0
    while done < len(module.functions):  # lowering a body may add its lambdas
        module.functions[done].get_body()
        done += 1
    return module


SERVLET = "import javax.servlet.http.HttpServletRequest;\nimport java.sql.Connection;\n"


def test_imports_bind_qualified_names() -> None:
    module = lower(
        "import java.nio.file.Paths;\nimport static java.util.Objects.requireNonNull;\n"
        "import org.springframework.web.bind.annotation.*;\nclass A {}\n"
    )
    bindings = {b for stmt in module.body if isinstance(stmt, ir.Import) for b in stmt.bindings}
    assert bindings == {
        ("Paths", "java.nio.file.Paths"),
        ("requireNonNull", "java.util.Objects.requireNonNull"),
    }


def test_methods_lambdas_and_anonymous_classes_are_functions() -> None:
    module = lower(
        "class A {\n  A(int x) {}\n  void m(String a) { list.forEach(v -> g(v)); }\n"
        "  Runnable r() { return new Runnable() { public void run() {} }; }\n}\n"
    )
    by_name = {f.name: f for f in module.functions}
    assert {"A.A", "A.m", "A.r"} <= set(by_name)
    assert any(n.startswith("<lambda@3") for n in by_name)
    assert any(n.startswith("<anonymous@4") and n.endswith(".run") for n in by_name)
    method = by_name["A.m"]
    assert method.is_method and [p.name for p in method.params] == ["this", "a"]
    assert method.params[1].annotation == "String"


def test_a_bare_call_is_a_call_on_this_unless_statically_imported() -> None:
    module = lower("import static a.B.run;\nclass A {\n  void m() { helper(1); run(2); }\n}\n")
    method = next(f for f in module.functions if f.name == "A.m")
    calls = [
        s.value for s in method.get_body() if isinstance(s, ir.ExprStmt) and isinstance(s.value, ir.Call)
    ]
    helper, run = calls
    assert isinstance(helper.func, ir.Attr) and helper.func.attr == "helper"
    assert isinstance(helper.func.obj, ir.Name) and helper.func.obj.id == "this"
    assert isinstance(run.func, ir.Name) and run.func.id == "run"


def test_helper_flow_is_reported_at_the_call_with_the_trace_through_the_helper() -> None:
    code = (
        SERVLET + "class Repo {\n"
        "  private Connection conn;\n"
        "  private void run(String sql) throws Exception {\n"
        "    conn.createStatement().executeQuery(sql);\n"
        "  }\n"
        "  private void byName(String name) throws Exception {\n"
        '    run("SELECT * FROM t WHERE n = \'" + name + "\'");\n'
        "  }\n"
        "  void handle(HttpServletRequest request) throws Exception {\n"
        '    String name = request.getParameter("name");\n'
        "    byName(name);\n"
        "    this.byName(name);\n"
        '    byName("admin");\n'
        '    byName(String.valueOf(Integer.parseInt(request.getParameter("id"))));\n'
        "  }\n}\n"
    )
    found = [f for f in scan(code) if f.rule_id == "java-sql-injection"]
    assert [f.location.start_line for f in found] == [13, 14]
    first = found[0]
    assert first.confidence is Confidence.HIGH
    assert [(s.line, s.kind) for s in first.trace] == [
        (12, "source"),
        (12, "step"),
        (13, "step"),
        (8, "step"),
        (9, "step"),
        (5, "step"),
        (6, "sink"),
    ]


def test_a_helper_parameter_reaching_a_built_query_is_medium_without_a_caller() -> None:
    code = (
        "import java.sql.Statement;\nclass Repo {\n"
        "  void find(Statement st, String name) throws Exception {\n"
        '    st.executeQuery("SELECT * FROM t WHERE n = \'" + name + "\'");\n'
        '    st.executeQuery("SELECT * FROM t WHERE n = ?");\n'
        "  }\n}\n"
    )
    found = [f for f in scan(code) if f.rule_id == "java-sql-injection"]
    assert [(f.location.start_line, f.confidence) for f in found] == [(4, Confidence.MEDIUM)]


def test_spring_parameters_annotations_and_injected_values() -> None:
    code = (
        "import org.springframework.web.bind.annotation.*;\n"
        "class C {\n"
        "  private static final Logger log = LoggerFactory.getLogger(C.class);\n"
        '  public void plain(@RequestParam String q, @RequestHeader("X-Id") int id) {\n'
        '    log.info("q " + q);\n'
        '    log.info("id " + id);\n'
        "  }\n"
        '  @GetMapping("/x")\n'
        "  public String route(String term, Model model, @AuthenticationPrincipal User user) {\n"
        '    log.info("term " + term);\n'
        '    log.info("model " + model.toString());\n'
        '    log.info("user " + user.getName());\n'
        '    return "x";\n'
        "  }\n"
        "  public void notRoute(String term) {\n"
        '    log.info("term " + term);\n'
        "  }\n}\n"
    )
    assert rule_lines(code, "java-log-injection") == [5, 10]


def test_sanitizers_inline_and_through_a_variable() -> None:
    code = (
        SERVLET + "import java.net.URLEncoder;\nclass H {\n"
        "  void h(HttpServletRequest request, HttpServletResponse response) {\n"
        '    String v = request.getParameter("v");\n'
        '    response.setHeader("X-A", URLEncoder.encode(v, "UTF-8"));\n'
        '    String safe = URLEncoder.encode(v, "UTF-8");\n'
        '    response.setHeader("X-B", "v=" + safe);\n'
        '    String stripped = v.replaceAll("[\\\\r\\\\n]", "");\n'
        '    response.setHeader("X-C", stripped);\n'
        '    String letters = v.replaceAll("[^a-z]", "");\n'
        '    response.setHeader("X-D", letters);\n'
        '    String spaced = v.replaceAll("[^\\\\sa-z]", "");\n'
        '    response.setHeader("X-E", spaced);\n'
        '    response.setHeader("X-F", "v=" + v);\n'
        "  }\n}\n"
    )
    # `[^\sa-z]` keeps whitespace, line breaks included
    assert rule_lines(code, "java-header-injection") == [15, 16]


def test_guards_allow_list_regex_and_contained_path() -> None:
    code = (
        SERVLET + "import java.nio.file.*;\nimport java.util.Set;\nclass G {\n"
        '  private static final Set<String> COLUMNS = Set.of("name", "date");\n'
        '  private static final Path BASE = Paths.get("/srv/files");\n'
        "  void g(HttpServletRequest request, Connection conn) throws Exception {\n"
        '    String col = request.getParameter("col");\n'
        "    if (COLUMNS.contains(col)) {\n"
        '      conn.createStatement().executeQuery("SELECT * FROM t ORDER BY " + col);\n'
        "    }\n"
        '    if (col.matches("[a-z_]+")) {\n'
        '      conn.createStatement().executeQuery("SELECT * FROM t ORDER BY " + col);\n'
        "    }\n"
        '    conn.createStatement().executeQuery("SELECT * FROM t ORDER BY " + col);\n'
        '    Path p = BASE.resolve(request.getParameter("f")).normalize();\n'
        "    if (!p.startsWith(BASE)) {\n"
        '      throw new SecurityException("outside");\n'
        "    }\n"
        "    Files.readAllBytes(p);\n"
        '    Path q = BASE.resolve(request.getParameter("g"));\n'
        "    if (!q.startsWith(BASE)) {\n"
        '      throw new SecurityException("not normalised: no proof");\n'
        "    }\n"
        "    Files.readAllBytes(q);\n"
        "  }\n}\n"
    )
    assert rule_lines(code, "java-sql-injection") == [16]
    assert rule_lines(code, "java-path-traversal") == [26]


def test_string_building_forms_carry_request_text() -> None:
    code = (
        SERVLET + "class B {\n"
        "  void b(HttpServletRequest request, Connection conn) throws Exception {\n"
        '    String v = request.getParameter("v");\n'
        "    StringBuilder sb = new StringBuilder();\n"
        '    sb.append("SELECT * FROM t WHERE a = ").append(v);\n'
        "    conn.createStatement().execute(sb.toString());\n"
        '    conn.createStatement().execute(String.format("SELECT %s", v));\n'
        '    conn.createStatement().execute(String.join(" ", "SELECT", v));\n'
        '    conn.createStatement().execute("SELECT ".concat(v));\n'
        '    conn.createStatement().execute("SELECT %s".formatted(v));\n'
        '    conn.createStatement().execute(String.format("SELECT %s", "x"));\n'
        '    conn.createStatement().execute(new StringBuilder("SELECT ").append(1).toString());\n'
        "  }\n}\n"
    )
    assert rule_lines(code, "java-sql-injection") == [8, 9, 10, 11, 12]


def test_dead_branch_and_switch_values() -> None:
    code = (
        SERVLET + "class D {\n"
        "  private static final boolean DEBUG = false;\n"
        "  void d(HttpServletRequest request, Connection conn) throws Exception {\n"
        '    String v = request.getParameter("v");\n'
        '    String table = "t";\n'
        "    if (DEBUG) { table = v; }\n"
        '    conn.createStatement().execute("SELECT * FROM " + table);\n'
        '    String col = switch (v) { case "a" -> "alpha"; default -> "beta"; };\n'
        '    conn.createStatement().execute("SELECT " + col + " FROM t");\n'
        '    String raw = switch (v) { case "a" -> "alpha"; default -> v; };\n'
        '    conn.createStatement().execute("SELECT " + raw + " FROM t");\n'
        "  }\n}\n"
    )
    assert rule_lines(code, "java-sql-injection") == [13]


def test_lambda_bodies_see_the_enclosing_locals() -> None:
    code = (
        SERVLET + "class L {\n"
        "  void l(HttpServletRequest request, Connection conn, java.util.List<String> xs) {\n"
        '    String v = request.getParameter("v");\n'
        '    xs.forEach(x -> conn.createStatement().execute("SELECT " + v));\n'
        "  }\n}\n"
    )
    assert rule_lines(code, "java-sql-injection") == [6]


def test_shell_free_exec_and_code_injection_confidence() -> None:
    code = (
        SERVLET + "class E {\n"
        "  void e(HttpServletRequest request, ScriptEngine engine, String script) throws Exception {\n"
        '    String host = request.getParameter("host");\n'
        '    Runtime.getRuntime().exec("ping " + host);\n'
        '    Runtime.getRuntime().exec(new String[] {"ping", host});\n'
        "    engine.eval(script);\n"
        '    engine.eval("1 + 1");\n'
        "  }\n}\n"
    )
    found = {(f.rule_id, f.location.start_line): f.confidence for f in scan(code)}
    assert found.get(("java-command-injection", 6)) is Confidence.HIGH
    assert ("java-command-injection", 7) not in found
    assert found.get(("java-code-injection", 8)) is Confidence.MEDIUM
    assert ("java-code-injection", 9) not in found


def test_lowering_survives_broken_code() -> None:
    code = (
        SERVLET + "class X {\n  void x(HttpServletRequest request, Connection conn) {\n"
        '    String v = request.getParameter("v");\n'
        '    conn.createStatement().execute("SELECT " + v);\n'
        "    if (v.equals(\n  }\n"
    )
    module = lower(code)
    assert module.functions or module.body
    scan(code)  # never raises
    assert rule_lines(code, "java-sql-injection") == [6]


def test_placeholder_lists_digests_and_where_scripts() -> None:
    code = (
        SERVLET + "import java.util.*;\nclass P {\n"
        "  void p(HttpServletRequest request, Connection conn, List<String> ids, Digest md) throws E {\n"
        '    String marks = String.join(",", Collections.nCopies(ids.size(), "?"));\n'
        '    conn.prepareStatement("SELECT * FROM t WHERE id IN (" + marks + ")");\n'
        '    String v = request.getParameter("v");\n'
        '    md.update(("salt" + v).getBytes());\n'
        '    users.find(new Document("$where", "this.n == \'" + v + "\'"));\n'
        '    users.find(new Document("name", v));\n'
        "  }\n}\n"
    )
    assert [(f.rule_id, f.location.start_line) for f in scan(code) if "injection" in f.rule_id] == [
        ("java-nosql-injection", 10)
    ]


def test_statement_forms_carry_request_data() -> None:
    code = (
        SERVLET + "class K {\n"
        "  private static final Logger log = LoggerFactory.getLogger(K.class);\n"
        "  void k(HttpServletRequest request, Connection conn) throws Exception {\n"
        "    for (Cookie c : request.getCookies()) {\n"
        '      log.info("cookie " + c.getValue());\n'
        "    }\n"
        "    try (Statement st = conn.createStatement()) {\n"
        '      st.execute("DELETE FROM t WHERE id = " + request.getParameter("id"));\n'
        "    } catch (SQLException e) {\n"
        '      log.warn("failed " + e.getMessage());\n'
        "    }\n"
        "    do { log.info(request.getQueryString()); } while (false);\n"
        '    String block = """\n'
        "        SELECT * FROM t WHERE a = '%s'\n"
        '        """.formatted(request.getParameter("a"));\n'
        "    conn.createStatement().executeQuery(block);\n"
        "  }\n}\n"
    )
    found = sorted((f.location.start_line, f.rule_id) for f in scan(code))
    assert found == [
        (7, "java-log-injection"),
        (10, "java-sql-injection"),
        (14, "java-log-injection"),
        (18, "java-sql-injection"),
    ]
