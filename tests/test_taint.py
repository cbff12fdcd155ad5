"""Taint engine: flows, sanitizers, dead branches, containers, summaries, traces, robustness."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from ast_grep_py import SgRoot

from vsguard.engine.scanner import scan_source, scan_text
from vsguard.engine.taint import find_flows, ir
from vsguard.engine.taint.adapter import adapter_for
from vsguard.engine.taint.values import SOURCE, UNKNOWN, Taint, Value, join
from vsguard.models import Confidence
from vsguard.rules.loader import rules_for

FLASK = "from flask import Flask, request, redirect\nimport os, subprocess, sqlite3\napp = Flask(__name__)\n"


def hits(code: str, rule: str | None = None, path: str | None = None) -> list[tuple[str, int]]:
    result = scan_text(textwrap.dedent(code), "python", path=path)
    return sorted(
        (f.rule_id, f.location.start_line) for f in result.findings if rule is None or f.rule_id == rule
    )


def finding(code: str, rule: str):
    found = [f for f in scan_text(textwrap.dedent(code), "python").findings if f.rule_id == rule]
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------- flows and traces


def test_request_data_reaches_shell_with_trace_and_high_confidence() -> None:
    code = FLASK + textwrap.dedent(
        """
        @app.route("/x")
        def x():
            host = request.args.get("host")
            cmd = "ping -c 1 " + host
            subprocess.run(cmd, shell=True)
        """
    )
    f = finding(code, "py-subprocess-shell")
    assert f.confidence == Confidence.HIGH
    kinds = [step.kind for step in f.trace]
    assert kinds[0] == "source" and kinds[-1] == "sink" and "step" in kinds
    assert f.trace[0].line == 7 and f.trace[-1].line == 9
    assert "request data" in f.message


def test_parameter_of_unknown_origin_still_reported_for_sql_but_with_lower_confidence() -> None:
    f = finding(
        """
        def find(cur, name):
            cur.execute("SELECT * FROM t WHERE n = '" + name + "'")
        """,
        "py-sql-injection",
    )
    assert f.confidence == Confidence.MEDIUM and f.trace == ()


def test_parameter_passed_whole_is_not_sql_injection_but_a_request_value_is() -> None:
    assert hits("def run(cur, query):\n    cur.execute(query)\n", "py-sql-injection") == []
    assert hits(FLASK + "def q(cur):\n    cur.execute(request.args['q'])\n", "py-sql-injection") == [
        ("py-sql-injection", 5)
    ]


def test_source_required_rules_ignore_unknown_parameters() -> None:
    code = "import requests\ndef fetch(url):\n    return requests.get(url, timeout=5)\n"
    assert hits(code, "py-ssrf") == []


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        ('q = f"SELECT {v}"', True),
        ('q = "SELECT %s" % v', True),
        ('q = "SELECT {}".format(v)', True),
        ('q = " ".join(["SELECT", v])', True),
        ('q = "SELECT "\n    q += v', True),
        ('a, b = "SELECT ", v\n    q = a + b', True),
        ('q = "SELECT " + str(int(v))', False),
        ('q = "SELECT " + LIMIT', False),
    ],
)
def test_string_building_forms(build: str, expected: bool) -> None:
    code = f"LIMIT = '10'\ndef f(cur, v):\n    {build}\n    cur.execute(q)\n"
    assert bool(hits(code, "py-sql-injection")) is expected, code


# ---------------------------------------------------------------------- containers


def test_constant_key_of_a_tainted_dict_is_not_tainted() -> None:
    code = FLASK + textwrap.dedent(
        """
        def f(cur):
            data = {"kind": request.args["kind"], "table": "items"}
            cur.execute("SELECT * FROM " + data["table"])
            cur.execute("SELECT * FROM " + data["kind"])
            body = request.get_json()
            body["role"] = "member"
            os.system("echo " + body["role"])
        """
    )
    assert hits(code) == [("py-sql-injection", 8)]


def test_lookup_in_a_constant_table_yields_constants() -> None:
    code = FLASK + textwrap.dedent(
        """
        COMMANDS = {"up": "uptime", "disk": "df -h"}
        def f():
            os.system(COMMANDS[request.args["c"]])
            os.system(COMMANDS.get(request.args["c"], "uptime"))
        """
    )
    assert hits(code) == []


def test_list_append_and_element_reads() -> None:
    code = FLASK + textwrap.dedent(
        """
        def f():
            parts = ["ls"]
            parts.append(request.args["dir"])
            os.system(parts[0])
            os.system(" ".join(parts))
        """
    )
    assert hits(code, "py-os-system") == [("py-os-system", 9)]


# ---------------------------------------------------------------------- branches and conditions


def test_branch_that_can_never_run_carries_no_taint() -> None:
    code = FLASK + textwrap.dedent(
        """
        DEBUG = False
        def f():
            v = request.args["v"]
            if DEBUG:
                os.system("echo " + v)
            if 2 * 3 > 10:
                os.system("echo " + v)
            while False:
                os.system("echo " + v)
            x = v if 1 == 2 else "safe"
            os.system("echo " + x)
        """
    )
    assert hits(code) == []


def test_taint_joins_after_branches_and_loops() -> None:
    code = FLASK + textwrap.dedent(
        """
        def f(flag):
            cmd = "ls"
            if flag:
                cmd = "ls " + request.args["d"]
            os.system(cmd)
            for item in request.args.getlist("i"):
                last = item
            os.system("rm " + last)
        """
    )
    assert hits(code, "py-os-system") == [("py-os-system", 9), ("py-os-system", 12)]


def test_try_handlers_see_taint_from_the_try_body() -> None:
    code = FLASK + textwrap.dedent(
        """
        def f():
            cmd = "ls"
            try:
                cmd = "cat " + request.args["f"]
                risky()
            except OSError:
                os.system(cmd)
        """
    )
    assert hits(code, "py-os-system") == [("py-os-system", 11)]


def test_allow_list_and_validators_clear_taint() -> None:
    code = FLASK + textwrap.dedent(
        """
        ALLOWED = {"a", "b"}
        def f():
            v = request.args["v"]
            if v not in ALLOWED:
                return "bad"
            os.system("echo " + v)
            w = request.args["w"]
            if w.isdigit():
                os.system("sleep " + w)
            u = request.args["u"]
            if u in ("x", "y"):
                os.system("echo " + u)
            os.system("echo " + u)
        """
    )
    assert hits(code, "py-os-system") == [("py-os-system", 17)]


def test_path_prefix_check_needs_a_normalised_path() -> None:
    code = FLASK + textwrap.dedent(
        """
        BASE = "/srv/files"
        def f():
            full = os.path.realpath(os.path.join(BASE, request.args["p"]))
            if not full.startswith(BASE + os.sep):
                return "no"
            open(full)
            raw = os.path.join(BASE, request.args["p"])
            if not raw.startswith(BASE):
                return "no"
            open(raw)
        """
    )
    assert hits(code, "py-path-traversal") == [("py-path-traversal", 14)]


# ---------------------------------------------------------------------- sanitizers per class


def test_sanitizers_are_specific_to_their_class() -> None:
    code = FLASK + textwrap.dedent(
        """
        import shlex, html
        @app.route("/s")
        def s():
            v = request.args["v"]
            os.system("echo " + shlex.quote(v))
            os.system("echo " + html.escape(v))
            return "<p>" + shlex.quote(v) + "</p>"
        """
    )
    assert hits(code) == [("py-os-system", 10), ("py-xss", 11)]


def test_type_conversions_and_arithmetic_clear_everything() -> None:
    code = FLASK + textwrap.dedent(
        """
        def f(cur, page: int):
            n = int(request.args["n"])
            cur.execute(f"SELECT * FROM t LIMIT {n}")
            cur.execute(f"SELECT * FROM t OFFSET {page * 20}")
            cur.execute(f"SELECT * FROM t OFFSET {len(request.args['q']) - 1}")
        """
    )
    assert hits(code) == []


# ---------------------------------------------------------------------- summaries


def test_local_helper_summaries() -> None:
    code = FLASK + textwrap.dedent(
        """
        import shlex
        def same(x):
            return x
        def fixed(x):
            return "uptime"
        def cleaned(x):
            return shlex.quote(x)
        def user_host():
            return request.args["host"]
        @app.route("/a")
        def a():
            v = request.args["v"]
            os.system("echo " + same(v))
            os.system(fixed(v))
            os.system("echo " + cleaned(v))
            os.system("ping " + user_host())
            return "ok"
        """
    )
    found = scan_text(code, "python").findings
    assert sorted((f.rule_id, f.location.start_line) for f in found) == [
        ("py-os-system", 17),
        ("py-os-system", 20),
    ]
    assert all(f.confidence == Confidence.HIGH for f in found)


def test_summary_from_a_sibling_module(tmp_path: Path) -> None:
    (tmp_path / "helpers.py").write_text(
        "import shlex\n\ndef clean(v):\n    return shlex.quote(v)\n\ndef passthrough(v):\n    return v\n"
    )
    app = tmp_path / "app.py"
    app.write_text(
        FLASK
        + "from helpers import clean\nfrom .helpers import passthrough\n\n"
        + "def f():\n    v = request.args['v']\n    os.system('echo ' + clean(v))\n"
        + "    os.system('echo ' + passthrough(v))\n"
    )
    result = scan_text(app.read_text(), "python", path=str(app))
    assert [(f.rule_id, f.location.start_line) for f in result.findings] == [("py-os-system", 10)]


# ---------------------------------------------------------------------- sources


@pytest.mark.parametrize(
    "source",
    [
        "request.form['x']",
        "request.values.get('x')",
        "request.get_json()['x']",
        "request.cookies.get('x')",
        "request.headers['X-Name']",
        "request.view_args['x']",
        "input()",
        "sys.argv[1]",
    ],
)
def test_sources(source: str) -> None:
    code = f"import sys, os\nfrom flask import request\ndef f():\n    os.system('echo ' + {source})\n"
    f = finding(code, "py-os-system")
    assert f.trace and f.trace[0].kind == "source"


def test_framework_parameters_are_sources() -> None:
    code = textwrap.dedent(
        """
        import os
        from fastapi import FastAPI, Depends
        api = FastAPI()
        @api.get("/items/{name}")
        def item(name: str, count: int = 1, db=Depends(get_db)):
            os.system("echo " + name)
            os.system(f"echo {count}")
            os.system("echo " + db)
        def view(request, slug):
            os.system("echo " + slug)
            os.system("echo " + request.GET["q"])
        """
    )
    found = {(f.rule_id, f.location.start_line, f.confidence) for f in scan_text(code, "python").findings}
    assert ("py-os-system", 7, Confidence.HIGH) in found
    assert not any(line == 8 for _, line, _ in found)
    assert ("py-os-system", 9, Confidence.MEDIUM) in found  # injected dependency: unknown, not a source
    assert ("py-os-system", 11, Confidence.MEDIUM) in found  # an undecorated function: unknown origin
    assert ("py-os-system", 12, Confidence.HIGH) in found


def test_llm_reply_is_a_source_for_the_llm_rules_only() -> None:
    code = textwrap.dedent(
        """
        import os
        from openai import OpenAI
        client = OpenAI()
        def act(q):
            reply = client.chat.completions.create(model="m", messages=[]).choices[0].message.content
            os.system(reply)
        """
    )
    ids = {f.rule_id for f in scan_text(code, "python").findings}
    assert "py-os-system" not in ids  # a whole value, not built: only the dedicated LLM rule speaks
    assert "py-llm-output-shell" in ids


# ---------------------------------------------------------------------- XSS return sinks


def test_flask_handler_return_is_an_html_sink_but_json_and_fastapi_are_not() -> None:
    code = textwrap.dedent(
        """
        from flask import Flask, request, jsonify
        from fastapi import FastAPI
        app = Flask(__name__)
        api = FastAPI()
        @app.route("/a")
        def a():
            return "<b>" + request.args["n"] + "</b>"
        @app.route("/b")
        def b():
            return jsonify(name=request.args["n"])
        @app.route("/c")
        def c():
            return {"name": request.args["n"]}
        @api.get("/d")
        def d(n: str):
            return "<b>" + n + "</b>"
        """
    )
    assert hits(code, "py-xss") == [("py-xss", 8)]


# ---------------------------------------------------------------------- syntax and robustness


def test_new_syntax_and_broken_code_are_analysed() -> None:
    code = textwrap.dedent(
        """
        import os
        from flask import request
        def f(cmd):
            match cmd:
                case "a":
                    os.system("echo " + request.args["x"])
                case _:
                    pass
            name = request.args["n"]
            os.system(f"echo {f"{name}"}")
            broken = (
        """
    )
    lines = [line for _, line in hits(code, "py-os-system")]
    assert lines == [7, 11]


def test_match_on_a_constant_subject_takes_one_case() -> None:
    code = textwrap.dedent(
        """
        import os
        from flask import request
        MODE = "safe"
        def f():
            v = request.args["v"]
            match MODE:
                case "unsafe":
                    os.system("echo " + v)
                case "safe":
                    os.system("echo ok")
        """
    )
    assert hits(code) == []


def test_deeply_nested_expression_does_not_crash() -> None:
    code = "x = " + "+".join(["'a'"] * 3000) + "\n"
    result = scan_source(code, "python")
    assert result.findings == () or all(f.rule_id for f in result.findings)


def test_find_flows_is_empty_for_languages_without_an_adapter() -> None:
    rules = [r for r in rules_for("python") if r.kind == "taint"]
    root = SgRoot("x = 1", "go").root()
    assert find_flows(root, rules, "go") == []


def test_python_adapter_lowers_to_the_ir() -> None:
    adapter = adapter_for("python")
    assert adapter is not None
    module = adapter.lower(
        SgRoot("import os as o\ndef f(a, *b, c=1, **d):\n    return o.path.join(a)\n", "python").root()
    )
    imp, func = module.body
    assert isinstance(imp, ir.Import) and imp.bindings == (("o", "os"),)
    assert isinstance(func, ir.FunctionDef) and [p.star for p in func.params] == ["", "*", "", "**"]
    (ret,) = func.get_body()
    assert isinstance(ret, ir.Return) and isinstance(ret.value, ir.Call)


def test_value_join_keeps_common_knowledge() -> None:
    a = Value(taints=frozenset({Taint(SOURCE, "web")}), shape="str", prefix="/a")
    b = Value(taints=frozenset({Taint(UNKNOWN, "p")}), shape="str", prefix="/b")
    joined = join(a, b)
    assert joined.shape == "str" and len(joined.taints) == 2 and joined.prefix == "/"
    assert join(Value(const=1), Value(const=1)).const == 1


def test_a_check_stored_in_a_variable_guards_like_the_check_itself() -> None:
    code = textwrap.dedent(
        """
        from django.http import HttpResponseRedirect
        from django.utils.http import url_has_allowed_host_and_scheme
        from django.views.generic import View
        class Login(View):
            def post(self, request):
                target = request.POST.get("next")
                url_is_safe = url_has_allowed_host_and_scheme(url=target, allowed_hosts={"a.example"})
                safe_target = target if url_is_safe else "/"
                ok = url_has_allowed_host_and_scheme(target, {"a.example"})
                target = request.GET["other"]
                if ok:
                    return HttpResponseRedirect(target)
                return HttpResponseRedirect(safe_target)
        """
    )
    assert hits(code, "py-open-redirect") == [("py-open-redirect", 13)]


def test_url_checks_on_parsed_parts_and_prefixes_vouch_for_a_redirect() -> None:
    code = FLASK + textwrap.dedent(
        """
        from urllib.parse import urlsplit
        HOSTS = {"docs.example.com"}
        def pick(target):
            parts = urlsplit(target)
            if not parts.netloc and target.startswith("/") and not target.startswith(("//", "/\\\\")):
                return target
            if parts.scheme == "https" and parts.hostname in HOSTS:
                return target
            return "/"
        def loose(target):
            if target.startswith("/"):
                return target
            return "/"
        @app.route("/go")
        def go():
            redirect(pick(request.args["next"]))
            return redirect(loose(request.args["next"]))
        """
    )
    assert hits(code, "py-open-redirect") == [("py-open-redirect", 21)]


def test_accumulating_flags_do_not_loop() -> None:
    code = textwrap.dedent(
        """
        import os
        def f(items):
            changed = False
            for item in items:
                changed = changed or os.path.exists(item)
                done = not changed
                changed = done and changed
                if changed:
                    os.system("sync")
        """
    )
    result = scan_text(code, "python")
    assert result.skipped == () and result.findings == ()


def test_sibling_module_is_analysed_once_per_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from collections import OrderedDict

    from vsguard.engine.taint import modules
    from vsguard.engine.taint.interpreter import Analysis

    (tmp_path / "helpers.py").write_text("def passthrough(v):\n    return v\n")
    built: list[str] = []

    class Counting(Analysis):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            built.append("x")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(modules, "_CACHE", OrderedDict())
    monkeypatch.setattr(modules, "Analysis", Counting)
    lines = []
    for name in ("a.py", "b.py", "c.py"):
        app = tmp_path / name
        app.write_text(
            FLASK + "from helpers import passthrough\n\n"
            "def f():\n    os.system('echo ' + passthrough(request.args['v']))\n"
        )
        result = scan_text(app.read_text(), "python", path=str(app))
        lines += [(f.rule_id, f.location.start_line) for f in result.findings]
    assert lines == [("py-os-system", 7)] * 3
    assert len(built) == 1  # the sibling is summarised by the first importer and reused after


def test_a_parsed_url_whose_host_was_checked_is_itself_a_safe_target() -> None:
    code = FLASK + textwrap.dedent(
        """
        import requests
        from urllib.parse import urlsplit
        @app.route("/fetch")
        def fetch():
            url = request.args["url"]
            parts = urlsplit(url)
            requests.get(parts.geturl())
            if parts.hostname != "img.example.com":
                return "no"
            return requests.get(parts.geturl()).text
        """
    )
    assert hits(code, "py-ssrf") == [("py-ssrf", 11)]
