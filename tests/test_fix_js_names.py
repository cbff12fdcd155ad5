"""JavaScript/TypeScript: a rewrite may not use a name the fixed file does not declare or import,
and the imports it made unused go with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vsguard.fixes import suggest_fix
from vsguard.fixes.edits import Edit, apply
from vsguard.fixes.js_cleanup import js_import_cleanup
from vsguard.fixes.js_names import js_globals, undefined_identifiers
from vsguard.fixes.semantics import name_problems
from vsguard.fixes.verify import check
from vsguard.models import FixStatus

CASES = Path(__file__).parent / "fixes" / "javascript"

SCOPES = """import def1, { a as b, c } from "m";
import * as ns from "n";
const { exec, execFile: ef, ...rest } = require("child_process");
const [p, , q = 1] = arr;
function f(x, { y }, [z], w = 2, ...more) {
  try { run(); } catch (e) { log(e); }
  for (const k in o) { k; }
  return x + y + z + w + more + e;
}
const g = (u) => u + zz;
class K { m(a1) { return a1 + this.x + K; } }
const o2 = { short, key: val };
hoisted(b, c, def1, ns, exec, ef, rest, p, q, g, o2, a);
function hoisted() { return escapeHtml(1); }
const named1 = function named() { return named; };
export { b as bb, notDeclared };
console.log(process.env, JSON.stringify(Math.random()), window, document, __dirname);
"""


def test_declarations_imports_parameters_and_globals_are_read() -> None:
    assert undefined_identifiers(SCOPES, "javascript") == {
        "a",  # `a as b` binds b only
        "arr",
        "e",  # the catch parameter is not visible after the clause
        "escapeHtml",
        "log",
        "notDeclared",
        "o",
        "run",
        "short",
        "val",
        "zz",
    }


def test_typescript_classes_enums_and_types() -> None:
    code = (
        "import { Foo } from './x';\nclass Bar {}\nenum E { A }\n"
        "function f(a: number, b?: string): T { const x: Foo = new Bar(); return a + b + x + E.A + gone; }\n"
    )
    assert undefined_identifiers(code, "typescript") == {"gone"}
    assert undefined_identifiers("const el = <div><Comp value={v} /></div>;", "tsx") == {"Comp", "v"}


def test_the_global_list_is_data() -> None:
    names = js_globals()
    assert {"require", "process", "document", "globalThis", "URL", "Buffer"} <= names
    assert "escapeHtml" not in names and "execFile" not in names and "path" not in names


SHOW = 'function show(el, name) {\n  el.innerHTML = "<b>" + name + "</b>";\n}\n'


def test_a_rewrite_introducing_an_undeclared_helper_is_refused() -> None:
    start = SHOW.index("name +")
    edit = Edit(start, start + len("name"), "escapeHtml(name)")
    outcome = check(SHOW, "javascript", [edit], [], [])
    assert not outcome.ok
    assert outcome.semantic == (
        "the rewrite uses 'escapeHtml', which is neither declared, imported nor a known global",
    )
    helper = "\nfunction escapeHtml(value) {\n  return String(value).replace(/</g, '&lt;');\n}\n"
    assert check(SHOW, "javascript", [edit, Edit(len(SHOW), len(SHOW), helper)], [], []).semantic == ()


@pytest.mark.parametrize(
    ("before", "after", "missing"),
    [
        (
            'const { exec } = require("child_process");\nexec(cmd);\n',
            'const { exec } = require("child_process");\nexecFile("ls", [cmd]);\n',
            ["execFile"],
        ),
        (
            'const { exec } = require("child_process");\nexec(cmd);\n',
            'const { exec, execFile } = require("child_process");\nexecFile("ls", [cmd]);\n',
            [],
        ),
        ("fs.readFileSync(p);\n", "fs.readFileSync(path.resolve(root, p));\n", ["path", "root"]),
        (
            'import fs from "fs";\nfs.readFileSync(p);\n',
            'import fs from "fs";\nimport path from "path";\nconst root = "/srv";\n'
            "fs.readFileSync(path.resolve(root, p));\n",
            [],
        ),
    ],
)
def test_new_undefined_names_only(before: str, after: str, missing: list[str]) -> None:
    assert [p.split("'")[1] for p in name_problems(before, after, "javascript")] == missing


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("*.fixed.*")))
def test_the_javascript_fixes_still_verify(case: str) -> None:
    source = CASES / case.replace(".fixed.", ".")
    code = source.read_text(encoding="utf-8")
    result = suggest_fix(code, filename=source.name, accept_review=True)
    assert result.verified and result.fixed_code == (CASES / case).read_text(encoding="utf-8")
    assert all(f.status is not FixStatus.UNVERIFIED for f in result.fixes)
    assert name_problems(code, result.fixed_code, result.language) == []


# --- the imports and requires a rewrite made unused go with it

EXAMPLE_SERVER = Path(__file__).parent.parent / "examples" / "vulnerable" / "server.js"


def test_a_require_the_rewrite_made_unused_is_dropped() -> None:
    result = suggest_fix(EXAMPLE_SERVER.read_text(encoding="utf-8"), filename="server.js")
    assert result.fixed_code is not None
    assert 'const { execFile } = require("child_process");\n' in result.fixed_code
    assert re.search(r"\bexec\b", result.fixed_code) is None


@pytest.mark.parametrize(
    ("code", "old", "new", "expected"),
    [
        (
            'import { a, b as c } from "m";\nimport d from "n";\n\nuse(a, c, d);\n',
            "use(a, c, d)",
            "use(a)",
            'import { a } from "m";\n\nuse(a);\n',
        ),
        (
            'const { exec, execSync: run } = require("child_process");\nexec(x);\nrun(y);\n',
            "exec(x)",
            "other(x)",
            'const { execSync: run } = require("child_process");\nother(x);\nrun(y);\n',
        ),
        (  # still used elsewhere: kept
            'const fs = require("fs");\nfs.readFileSync(a);\nfs.statSync(b);\n',
            "fs.readFileSync(a)",
            "read(a)",
            'const fs = require("fs");\nread(a);\nfs.statSync(b);\n',
        ),
        (  # unused before the rewrite too: not the rewrite's to remove
            'const os = require("os");\nconst fs = require("fs");\nfs.readFileSync(a);\n',
            "fs.readFileSync(a)",
            "read(a)",
            'const os = require("os");\nread(a);\n',
        ),
    ],
)
def test_import_cleanup(code: str, old: str, new: str, expected: str) -> None:
    start = code.index(old)
    edits = [Edit(start, start + len(old), new)]
    cleaned = js_import_cleanup(code, edits, "javascript")
    assert apply(code, cleaned or edits) == expected
