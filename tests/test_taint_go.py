"""Go taint: the adapter's lowering and the Go taint rules on small programs."""

from __future__ import annotations

from vsguard.engine.parse import parse
from vsguard.engine.scanner import scan_text
from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import adapter_for
from vsguard.models import Confidence, Finding

HEADER = """package app

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)
"""
OFFSET = HEADER.count("\n")


def scan(body: str) -> list[Finding]:
    return list(scan_text(HEADER + body, "go").findings)


def lines(body: str, rule_id: str) -> list[int]:
    """Lines (counted from the start of `body`) where `rule_id` reports."""
    return sorted(f.location.start_line - OFFSET for f in scan(body) if f.rule_id == rule_id)


def lower(code: str) -> ir.Module:
    adapter = adapter_for("go")
    assert adapter is not None
    return adapter.lower(parse(code, "go"))


def test_imports_bind_package_names_to_import_paths() -> None:
    module = lower(
        'package p\nimport (\n\t"os/exec"\n\tsq "database/sql"\n\t"github.com/go-chi/chi/v5"\n'
        '\t"gopkg.in/yaml.v3"\n\t_ "github.com/lib/pq"\n)\n'
    )
    bindings = {b for stmt in module.body if isinstance(stmt, ir.Import) for b in stmt.bindings}
    assert bindings == {
        ("exec", "os/exec"),
        ("sq", "database/sql"),
        ("chi", "github.com/go-chi/chi/v5"),
        ("yaml", "gopkg.in/yaml.v3"),
    }


def test_methods_take_their_receiver_as_this_and_literals_are_functions() -> None:
    module = lower(
        'package p\nimport "net/http"\ntype S struct{}\n'
        "func (s *S) Get(w http.ResponseWriter, r *http.Request) { s.run(func(x string) {}) }\n"
    )
    method = next(f for f in module.functions if f.name == "S.Get")
    assert method.is_method and method.owner_bases == ("S",)
    assert [p.name for p in method.params] == ["this", "w", "r"]
    assert method.params[2].annotation == "*net/http.Request"  # the type with its import path
    call = method.body[0]
    assert isinstance(call, ir.ExprStmt) and isinstance(call.value, ir.Call)
    func = call.value.func
    assert isinstance(func, ir.Attr) and isinstance(func.obj, ir.Name) and func.obj.id == "this"
    assert any(f.name.startswith("<func@") for f in module.functions)


def test_broken_code_is_lowered_and_still_analysed() -> None:
    code = (
        'package p\nimport "os/exec"\nimport "net/http"\n'
        "func H(w http.ResponseWriter, r *http.Request) {\n"
        '\tq := r.FormValue("q")\n'
        '\texec.Command("sh", "-c", "ls "+q).Run()\n'
        "\tif q == {\n"
    )
    module = lower(code)
    assert module.functions
    found = [(f.rule_id, f.location.start_line) for f in scan_text(code, "go").findings]
    assert ("go-shell-command", 6) in found


def test_request_value_through_a_helper_is_reported_at_the_call_with_its_trace() -> None:
    body = """
func find(db *sql.DB, name string) {
	db.Query("SELECT * FROM users WHERE name = '" + name + "'")
}

func Handler(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	find(db, name)
	find(db, "admin")
	find(db, strconv.Quote(name))
	find(db, fmt.Sprint(len(name)))
}
"""
    findings = [f for f in scan(body) if f.rule_id == "go-sql-injection"]
    at_call = next(f for f in findings if f.location.start_line - OFFSET == 8)
    assert at_call.confidence is Confidence.HIGH
    steps = [(s.kind, s.line - OFFSET) for s in at_call.trace]
    assert steps[0] == ("source", 7) and steps[-1] == ("sink", 3)
    assert any("parameter `name` of find()" in s.code for s in at_call.trace)
    # a constant and a number are silent; strconv.Quote does not clear SQL, so line 10 stays,
    # and the helper's own sink is not reported again for the same flow
    assert sorted(f.location.start_line - OFFSET for f in findings) == [8, 10]


def test_methods_on_the_receiver_are_helpers_too() -> None:
    body = """
type Store struct{ db *sql.DB }

func (s *Store) byName(name string) {
	s.db.Exec(fmt.Sprintf("DELETE FROM t WHERE name = '%s'", name))
}

func (s *Store) Delete(c *gin.Context) {
	s.byName(c.Query("name"))
	s.byName("guest")
}
"""
    assert lines(body, "go-sql-injection") == [9]


def test_dangerous_by_construction_sinks_without_a_visible_source_are_medium() -> None:
    body = """
func Run(script string) error {
	return exec.Command("bash", "-c", "set -e; "+script).Run()
}

func Fixed() error {
	return exec.Command("sh", "-c", "ls /tmp").Run()
}
"""
    found = [f for f in scan(body) if f.rule_id == "go-shell-command"]
    assert [(f.location.start_line - OFFSET, f.confidence, f.trace) for f in found] == [
        (3, Confidence.MEDIUM, ())
    ]


def test_sanitizers_inline_and_through_a_variable() -> None:
    body = """
func Download(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("file")
	os.ReadFile(filepath.Join("/srv", name))
	os.ReadFile(filepath.Join("/srv", filepath.Base(name)))
	base := filepath.Base(name)
	os.ReadFile("/srv/" + base)
	n, err := strconv.Atoi(r.FormValue("n"))
	if err != nil {
		return
	}
	os.ReadFile(fmt.Sprintf("/srv/%d.txt", n))
}
"""
    assert lines(body, "go-path-traversal") == [4]


def test_anchored_regexp_allow_list_and_prefix_guards() -> None:
    body = """
var validName = regexp.MustCompile(`^[a-z0-9_]+$`)
var loose = regexp.MustCompile(`[a-z]+`)
var reports = map[string]string{"daily": "/srv/daily.csv", "weekly": "/srv/weekly.csv"}

func Guards(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	if validName.MatchString(name) {
		os.ReadFile("/srv/" + name)
	}
	if loose.MatchString(name) {
		os.ReadFile("/srv/" + name)
	}
	if path, ok := reports[name]; ok {
		os.ReadFile(path)
	}
	if slices.Contains([]string{"a", "b"}, name) {
		os.ReadFile("/srv/" + name)
	}
	switch name {
	case "x", "y":
		os.ReadFile("/srv/" + name)
	default:
		os.ReadFile("/srv/" + name)
	}
	clean := filepath.Clean(filepath.Join("/srv", name))
	if strings.HasPrefix(clean, "/srv/") {
		os.ReadFile(clean)
	}
}
"""
    assert lines(body, "go-path-traversal") == [12, 24]


def test_framework_sources() -> None:
    body = """
func Gin(c *gin.Context) {
	exec.Command("sh", "-c", c.Param("x")).Run()
}

func Echo(c echo.Context) error {
	return exec.Command("sh", "-c", c.QueryParam("x")).Run()
}

func Mux(w http.ResponseWriter, r *http.Request) {
	exec.Command("sh", "-c", mux.Vars(r)["id"]).Run()
	exec.Command("sh", "-c", chi.URLParam(r, "id")).Run()
	exec.Command("sh", "-c", r.Header.Get("X-Cmd")).Run()
}
"""
    found = [f for f in scan(body) if f.rule_id == "go-shell-command"]
    assert sorted(f.location.start_line - OFFSET for f in found) == [3, 7, 11, 12, 13]
    assert all(f.confidence is Confidence.HIGH and f.trace for f in found)


def test_parameter_types_decide_what_a_handle_is() -> None:
    body = """
type Shell interface{ Exec(cmd string) error }

func Purge(conn Shell, db *sql.DB, dir string) {
	conn.Exec("rm -rf " + dir)
	db.Exec("DELETE FROM files WHERE dir = '" + dir + "'")
	handle, _ := sql.Open("postgres", "")
	handle.Exec("DELETE FROM t WHERE d = '" + dir + "'")
}
"""
    assert lines(body, "go-sql-injection") == [6, 8]


def test_log_verbs_that_quote_are_safe() -> None:
    body = """
func Login(r *http.Request) {
	user := r.FormValue("user")
	log.Printf("login failed for %s", user)
	log.Printf("login failed for %q", user)
	log.Printf("login failed for %s", strconv.Quote(user))
	log.Println("user", strings.ReplaceAll(user, "\\n", ""))
}
"""
    assert lines(body, "go-log-injection") == [4]


def test_redirects_to_local_paths_are_safe() -> None:
    body = """
func Back(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	http.Redirect(w, r, next, http.StatusFound)
	http.Redirect(w, r, "/items/"+next, http.StatusFound)
	http.Redirect(w, r, "/"+strings.TrimLeft(next, "/\\\\ "), http.StatusFound)
	http.Redirect(w, r, "https://example.com/"+next, http.StatusFound)
	http.Redirect(w, r, "https://"+next, http.StatusFound)
}
"""
    assert lines(body, "go-open-redirect") == [4, 8]


def test_cleaning_a_rooted_path_keeps_it_below_the_root() -> None:
    body = """
func Static(c echo.Context) error {
	p := c.Param("*")
	name := filepath.Join("/srv/www", filepath.Clean("/"+p))
	os.Stat(name)
	loose := filepath.Join("/srv/www", filepath.Clean(p))
	os.Stat(loose)
	return c.File(filepath.Join("/srv/www", filepath.Clean("static/"+p)))
}
"""
    assert lines(body, "go-path-traversal") == [7, 8]


def test_whole_request_uri_is_the_servers_own_address() -> None:
    body = """
func Canonical(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "https://example.com"+r.RequestURI, http.StatusMovedPermanently)
	w.Header().Set("Location", r.URL.String())
	w.Header().Set("Location", r.URL.Query().Get("to"))
}
"""
    assert lines(body, "go-open-redirect") == [5]


def test_a_frameworks_own_context_type_is_its_request() -> None:
    code = (
        'package echo\nimport "net/http"\n'
        "type Context interface{ Redirect(code int, url string) error }\n"
        "func static(c Context) error {\n"
        "\tp := c.Request().URL.Path\n"
        '\treturn c.Redirect(http.StatusMovedPermanently, p+"/")\n'
        "}\n"
    )
    module = lower(code)
    assert module.functions[0].params[0].annotation == "echo.Context"
    found = [(f.rule_id, f.location.start_line) for f in scan_text(code, "go").findings]
    assert found == [("go-open-redirect", 6)]


def test_values_written_through_pointer_arguments() -> None:
    body = """
type Login struct{ Name string }

func Bind(c *gin.Context) {
	var req Login
	if err := c.ShouldBindJSON(&req); err != nil {
		log.Printf("bad request: %v", err)
		return
	}
	exec.Command("sh", "-c", "echo "+req.Name).Run()
}

func Decode(w http.ResponseWriter, r *http.Request) {
	var body map[string]string
	json.NewDecoder(r.Body).Decode(&body)
	exec.Command("sh", "-c", body["cmd"]).Run()
	var fixed map[string]string
	json.Unmarshal([]byte(`{"cmd": "uptime"}`), &fixed)
	exec.Command("sh", "-c", "echo "+fixed["cmd"]).Run()
}
"""
    found = [f for f in scan(body) if f.rule_id in ("go-shell-command", "go-log-injection")]
    assert sorted((f.rule_id, f.location.start_line - OFFSET, f.confidence) for f in found) == [
        ("go-shell-command", 10, Confidence.HIGH),
        ("go-shell-command", 16, Confidence.HIGH),
        ("go-shell-command", 19, Confidence.MEDIUM),
    ]


def test_deep_nesting_is_bounded() -> None:
    code = (
        'package p\nimport "os/exec"\nfunc f(s string) {\n'
        + '\tif s != "" {' * 300
        + '\n\texec.Command("sh", "-c", s).Run()\n'
        + "}" * 300
        + "\n\tx := "
        + "(" * 400
        + "s"
        + ")" * 400
        + '\n\texec.Command("sh", "-c", x).Run()\n}\n'
    )
    module = lower(code)
    assert module.too_deep  # lowered, with the innermost parts as unknown values
    found = [(f.rule_id, f.location.start_line) for f in scan_text(code, "go").findings]
    assert ("go-shell-command", 8) in found  # past the depth bound, the value stays unknown


def test_rows_read_back_from_the_database_are_not_request_data() -> None:
    body = """
type User struct{ Name string }

func Show(db *sql.DB, orm *gorm.DB, c *gin.Context) {
	var name string
	db.QueryRow("SELECT name FROM users WHERE id = $1", c.Param("id")).Scan(&name)
	exec.Command("sh", "-c", "echo "+name).Run()
	var u User
	orm.Where("id = ?", c.Param("id")).First(&u)
	exec.Command("sh", "-c", "echo "+u.Name).Run()
}
"""
    found = [f for f in scan(body) if f.rule_id == "go-shell-command"]
    assert [(f.location.start_line - OFFSET, f.confidence, f.trace) for f in found] == [
        (7, Confidence.MEDIUM, ()),
        (10, Confidence.MEDIUM, ()),
    ]


def test_program_output_is_not_the_request_and_clients_from_literals_are_clients() -> None:
    body = """
func Ping(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	out, _ := exec.Command("ping", "-c", "1", host).CombinedOutput()
	w.Write(out)
	client := &http.Client{}
	client.Get(r.FormValue("url"))
	w.Write([]byte(host))
}
"""
    found = sorted((f.rule_id, f.location.start_line - OFFSET) for f in scan(body))
    assert found == [("go-ssrf-request-url", 7), ("go-xss-response", 8)]


def test_template_text_from_the_request() -> None:
    body = """
func Preview(w http.ResponseWriter, r *http.Request, t *template.Template) {
	template.New("page").Funcs(nil).Parse(r.FormValue("tpl"))
	t.Parse(r.FormValue("tpl"))
	t.Parse("<p>{{.}}</p>")
	tpl, _ := template.New("x").Parse("<p>{{.}}</p>")
	tpl.Execute(w, r.FormValue("text"))
}
"""
    assert lines(body, "go-template-injection") == [3, 4]


def test_a_function_literal_bound_to_a_name_is_a_helper() -> None:
    body = """
func Handler(w http.ResponseWriter, r *http.Request) {
	run := func(arg string) {
		exec.Command("sh", "-c", "echo "+arg).Run()
	}
	run(r.FormValue("x"))
	run("fixed")
}
"""
    found = [f for f in scan(body) if f.rule_id == "go-shell-command"]
    assert [(f.location.start_line - OFFSET, f.confidence) for f in found] == [(6, Confidence.HIGH)]
