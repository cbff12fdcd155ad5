"""Flows through helpers: a parameter reaching a sink is reported where attacker data enters it.

The finding sits at the call in the caller, its trace running source -> call -> the helper's
parameter -> steps inside the helper -> the helper's sink; a constant or sanitized argument, or the
helper on its own, is silent; nested helpers, recursion and methods work through the same core for
Python and JavaScript, and a file built to be expensive stops at the time budget, reported as
incomplete.
"""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from vsguard.config import Limits
from vsguard.engine.scanner import scan_text
from vsguard.models import Confidence, Finding, SkipKind

FLASK = "from flask import Flask, request\nimport os, subprocess\napp = Flask(__name__)\n"
EXPRESS = 'const express = require("express");\nconst { exec } = require("child_process");\n'
EXPRESS += "const app = express();\n"


def findings(code: str, language: str = "python", path: str | None = None) -> list[Finding]:
    result = scan_text(textwrap.dedent(code), language, path=path)
    return sorted(result.findings, key=lambda f: (f.location.start_line, f.rule_id))


def lines(code: str, language: str = "python", rule: str | None = None) -> list[tuple[str, int]]:
    return [(f.rule_id, f.location.start_line) for f in findings(code, language) if rule in (None, f.rule_id)]


def test_the_finding_is_at_the_call_with_a_trace_through_the_helper() -> None:
    code = FLASK + textwrap.dedent(
        """
        def ping(host):
            cmd = "ping -c 1 " + host
            subprocess.run(cmd, shell=True)

        @app.route("/p")
        def view():
            target = request.args["host"]
            ping(target)
            return "ok"
        """
    )
    (found,) = findings(code)
    assert (found.rule_id, found.location.start_line) == ("py-subprocess-shell", 12)
    assert found.confidence == Confidence.HIGH
    trace = [(s.kind, s.line) for s in found.trace]
    assert trace[0] == ("source", 11) and trace[-1] == ("sink", 7)
    steps = [line for kind, line in trace if kind == "step"]
    assert steps.index(12) < steps.index(5) < steps.index(6)  # the call, the parameter, the assignment
    assert found.trace[-1].code.startswith("subprocess.run(cmd")
    assert "into ping()" in (found.message or "") and "line 7" in (found.message or "")


def test_constant_sanitized_and_unrelated_arguments_are_silent() -> None:
    code = FLASK + textwrap.dedent(
        """
        import shlex
        def run(cmd, note):
            print(note)
            os.system(cmd)

        @app.route("/p")
        def view():
            v = request.args["v"]
            run("uptime", v)
            run("echo " + shlex.quote(v), "x")
            run("echo " + str(int(v)), v)
            return "ok"
        """
    )
    assert lines(code) == []


def test_a_helper_alone_is_silent_for_rules_that_need_attacker_data() -> None:
    code = "import requests\n\ndef fetch(url):\n    return requests.get(url, timeout=5)\n\n"
    code += "def main():\n    fetch('https://example.com/a')\n"
    assert lines(code) == []


def test_a_helper_whose_parameter_is_the_request_is_reported_inside_once() -> None:
    """A request object is a source wherever it is a parameter: the helper's own sink reads
    request data, and the call passing the request on adds no second finding."""
    code = FLASK + textwrap.dedent(
        """
        def archive(request):
            os.system("tar czf out.tgz " + request.args["dir"])

        @app.route("/a")
        def view():
            archive(request)
            return "ok"
        """
    )
    assert lines(code) == [("py-os-system", 6)]


def test_one_finding_per_flow_not_also_one_inside_the_helper() -> None:
    """The helper's sink, of unknown origin on its own, is the same flow the call reports."""
    helper = 'def find(cur, name):\n    cur.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n'
    assert lines(helper) == [("py-sql-injection", 2)]
    caller = FLASK + helper + "@app.route('/f')\ndef f(cur):\n    find(cur, request.args['n'])\n"
    caller += "    find(cur, 'fixed')\n"
    assert lines(caller) == [("py-sql-injection", 8)]


def test_nested_helpers_and_the_order_of_the_file() -> None:
    """Callers defined before their helpers, three helpers deep: the chain is still followed."""
    body = textwrap.dedent(
        """
        @app.route("/p")
        def view():
            outer(request.args["v"])
            return "ok"
        def outer(a):
            middle("x", a)
        def middle(unused, b):
            inner(b.strip())
        def inner(c):
            os.system("echo " + c)
        """
    )
    (found,) = findings(FLASK + body)
    assert found.location.start_line == 7
    assert "outer() and then middle() and then inner()" in (found.message or "")
    assert [s.line for s in found.trace if s.kind == "sink"] == [14]


def test_recursion_is_bounded_and_keeps_the_flow_it_can_see() -> None:
    code = FLASK + textwrap.dedent(
        """
        def walk(n, cmd):
            if n <= 0:
                os.system("echo " + cmd)
                return cmd
            return walk(n - 1, cmd) + other(cmd)
        def other(cmd):
            return walk(1, cmd)

        @app.route("/p")
        def view():
            walk(5, request.args["v"])
            return "ok"
        """
    )
    assert lines(code) == [("py-os-system", 15)]


def test_routes_and_helpers_nested_in_a_function() -> None:
    code = FLASK + textwrap.dedent(
        """
        def create_app():
            def run(cmd):
                os.system("echo " + cmd)
            @app.route("/r")
            def r():
                run(request.args["c"])
                return request.args["x"]
            return app
        """
    )
    assert lines(code) == [("py-os-system", 10), ("py-xss", 11)]


def test_a_method_called_on_self() -> None:
    code = FLASK + textwrap.dedent(
        """
        class Jobs:
            def run(self, name):
                os.system("make " + name)
            def start(self):
                self.run(request.args["job"])
                self.run("all")
        """
    )
    assert lines(code) == [("py-os-system", 9)]


def test_a_helper_in_a_sibling_module(tmp_path: Path) -> None:
    (tmp_path / "tools.py").write_text(
        "import os\n\n\ndef archive(folder):\n    os.system('tar czf x.tgz ' + folder)\n"
    )
    app = tmp_path / "app.py"
    app.write_text(
        FLASK + "from .tools import archive\n\n@app.route('/a')\ndef a():\n    archive(request.args['d'])\n"
    )
    result = scan_text(app.read_text(), "python", path=str(app))
    (found,) = result.findings
    assert (found.rule_id, found.location.start_line) == ("py-os-system", 8)
    # the other file's lines mean nothing here: the trace ends at the call
    assert [(s.kind, s.line) for s in found.trace][-1] == ("sink", 8)
    assert all(s.line in (8,) for s in found.trace)


def test_javascript_helpers_go_through_the_same_core() -> None:
    code = EXPRESS + textwrap.dedent(
        """
        const list = (dir) => {
          exec("ls " + dir);
        };
        function listTwice(d) {
          list(d);
        }
        class Jobs {
          run(name) {
            exec("make " + name);
          }
          start(req) {
            this.run(req.query.job);
            this.run("all");
          }
        }
        app.get("/l", (req, res) => {
          list(req.query.dir);
          listTwice(req.query.other);
          list("/tmp");
          res.send("ok");
        });
        """
    )
    found = findings(code, "javascript")
    assert [(f.rule_id, f.location.start_line) for f in found] == [
        ("js-command-injection", 16),
        ("js-command-injection", 21),
        ("js-command-injection", 22),
    ]
    assert [s.line for s in found[2].trace if s.kind != "source"] == [22, 8, 9, 5, 6]


def test_typescript_helpers_with_typed_parameters() -> None:
    code = textwrap.dedent(
        """
        import express, { Request, Response } from "express";
        import { exec } from "child_process";
        const app = express();
        function run(dir: string): void {
          exec("ls " + dir);
        }
        const count = (n: number): void => {
          exec("seq " + n);
        };
        app.get("/x", (req: Request, res: Response) => {
          run(req.query.d as string);
          count(Number(req.query.n));
          res.send("ok");
        });
        """
    )
    assert lines(code, "typescript") == [("js-command-injection", 12)]


# ---------------------------------------------------------------------- the time budget


def _helper_chain(helpers: int, branches: int) -> str:
    """Helpers each calling the previous one four times with their parameters shuffled, behind a
    ladder of branches: every summary is as full as it may get."""
    out = [
        FLASK,
        "def h0(a, b, c, d):",
        "    os.system('x ' + a)",
        "    subprocess.run('y ' + b, shell=True)",
    ]
    for i in range(1, helpers):
        out.append(f"def h{i}(a, b, c, d):")
        for k in range(branches):
            out += [f"    if a == '{k}':", "        b = c + d", "    else:", f"        c = b + '{k}'"]
        prev = f"h{i - 1}"
        out += [f"    {prev}(a, b, c, d)", f"    {prev}(b, c, d, a)", f"    {prev}(c + a, d, a, b)"]
        out.append(f"    return {prev}(d, a + b, c, d)")
    out += [
        "@app.route('/')",
        "def view():",
        "    v = request.args['v']",
        f"    return h{helpers - 1}(v, v, v, v)",
    ]
    return "\n".join(out) + "\n"


def _assignment_chain(length: int) -> str:
    out = [
        FLASK,
        "def helper(v):",
        "    os.system('ls ' + v)",
        "    return v",
        "@app.route('/')",
        "def view():",
    ]
    out.append("    a0 = request.args['a']")
    out += [
        f"    a{i} = helper(a{i - 1})" if i % 3 == 0 else f"    a{i} = a{i - 1} + 'x'"
        for i in range(1, length)
    ]
    return "\n".join(out) + "\n"


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "code", [_helper_chain(1200, 10), _assignment_chain(60_000)], ids=["helpers", "assignments"]
)
def test_taint_stops_at_the_time_budget_and_reports_the_file_incomplete(code: str) -> None:
    """Each file takes many times the budget to analyse in full (tens of seconds of CPU).

    The budget is wall-clock time, but the work done is measured in CPU time: on a loaded machine
    a process gets a fraction of a core, so even parsing can take longer than the budget in wall
    time, while ignoring the budget would cost the full analysis in CPU time either way."""
    scan_text(FLASK, "python")  # rules compiled and modules imported before the clock starts
    budget = 1.0
    wall, cpu = time.monotonic(), time.process_time()
    result = scan_text(code, "python", limits=Limits(max_seconds_per_file=budget))
    wall, cpu = time.monotonic() - wall, time.process_time() - cpu
    assert cpu < budget + 3.0, cpu  # parsing and lowering run before the first check
    assert wall < budget + 30.0, wall
    assert any(s.kind == SkipKind.TIME_LIMIT and s.partial and s.incomplete for s in result.skipped)
    assert not result.summary.complete
