"""JavaScript/TypeScript taint: the adapter's lowering and the taint rules on small programs."""

from __future__ import annotations

import pytest

from vsguard.engine.parse import parse
from vsguard.engine.scanner import scan_text
from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import adapter_for


def findings(code: str, language: str = "javascript") -> set[tuple[str, int]]:
    return {(f.rule_id, f.location.start_line) for f in scan_text(code, language).findings}


def rule_lines(code: str, rule_id: str, language: str = "javascript") -> list[int]:
    return sorted(line for rid, line in findings(code, language) if rid == rule_id)


def test_adapter_serves_all_three_grammars() -> None:
    for language in ("javascript", "typescript", "tsx"):
        adapter = adapter_for(language)
        assert adapter is not None and language in adapter.languages


def test_require_and_import_bind_qualified_names() -> None:
    code = (
        'const { exec: run } = require("child_process");\n'
        'import * as fs from "node:fs";\n'
        'import { join } from "path";\n'
        'import DOMPurify from "dompurify";\n'
    )
    module = adapter_for("javascript").lower(parse(code, "javascript"))  # type: ignore[union-attr]
    bindings = {b for stmt in module.body if isinstance(stmt, ir.Import) for b in stmt.bindings}
    assert bindings == {
        ("run", "child_process.exec"),
        ("fs", "fs"),
        ("join", "path.join"),
        ("DOMPurify", "dompurify"),
    }


def test_callbacks_and_methods_are_functions_of_their_own() -> None:
    code = (
        "app.get('/', (req, res) => res.send('x'));\n"
        "class A { m(a) { return [1].map(function (x) { return x; }); } }\n"
    )
    module = adapter_for("javascript").lower(parse(code, "javascript"))  # type: ignore[union-attr]
    names = [f.name for f in module.functions]
    assert "A.m" in names
    assert sum(n.startswith("<anonymous@") for n in names) == 2


def test_lowering_survives_broken_code() -> None:
    code = "app.get('/x', (req, res) => {\n  const q = req.query.q\n  db.query(`SELECT ${q}` \n  if (\n"
    module = adapter_for("javascript").lower(parse(code, "javascript"))  # type: ignore[union-attr]
    assert module.functions or module.body


def test_destructured_request_fields_reach_the_sink() -> None:
    code = (
        'const { exec } = require("child_process");\n'
        "app.post('/p', ({ body }, res) => {\n"
        "  const { host, opts: { flag } } = body;\n"
        "  exec(`ping ${host} ${flag}`);\n"
        "});\n"
        "app.post('/q', (req, res) => {\n"
        "  const [first] = req.body.hosts;\n"
        "  exec('ping ' + first);\n"
        "});\n"
    )
    assert rule_lines(code, "js-command-injection") == [4, 8]


def test_argument_arrays_and_shell_option() -> None:
    code = (
        'const cp = require("child_process");\n'
        "app.post('/p', (req, res) => {\n"
        "  cp.execFile('ping', ['-c', '1', req.body.host]);\n"
        "  cp.spawn('ls', [req.body.dir]);\n"
        "  cp.spawn(req.body.cmd, { shell: true });\n"
        "  cp.spawn(req.body.cmd, [], { shell: false });\n"
        "});\n"
    )
    assert rule_lines(code, "js-command-injection") == [5]


def test_parameterised_and_tagged_template_queries_are_safe() -> None:
    code = (
        "app.get('/u', async (req, res) => {\n"
        "  await db.query('SELECT * FROM u WHERE id = $1', [req.query.id]);\n"
        "  await sql`SELECT * FROM u WHERE id = ${req.query.id}`;\n"
        "  await prisma.$queryRaw`SELECT * FROM u WHERE id = ${req.query.id}`;\n"
        "  await prisma.$queryRawUnsafe(`SELECT * FROM u WHERE id = ${req.query.id}`);\n"
        "});\n"
    )
    assert rule_lines(code, "js-sql-injection") == [5]


def test_number_conversion_and_escaping_clear_the_value() -> None:
    code = (
        "app.get('/u', async (req, res) => {\n"
        "  const n = Number(req.query.n);\n"
        "  await db.query(`SELECT * FROM u LIMIT ${n}`);\n"
        "  await db.query(`SELECT * FROM u LIMIT ${parseInt(req.query.m, 10)}`);\n"
        "  await db.query(`SELECT * FROM u LIMIT ${req.query.k}`);\n"
        "});\n"
    )
    assert rule_lines(code, "js-sql-injection") == [5]


def test_property_writes_are_sinks_but_text_properties_are_not() -> None:
    code = (
        "const q = new URLSearchParams(location.search).get('q');\n"
        "const el = document.querySelector('#out');\n"
        "el.innerHTML = q;\n"
        "el.textContent = q;\n"
        "el.innerHTML = DOMPurify.sanitize(q);\n"
        "document.querySelector('#x').outerHTML = `<p>${q}</p>`;\n"
    )
    assert rule_lines(code, "js-innerhtml-xss") == [3, 6]


def test_validated_value_is_not_reported() -> None:
    code = (
        'const { execSync } = require("child_process");\n'
        "const ALLOWED = ['ls', 'pwd'];\n"
        "app.get('/run', (req, res) => {\n"
        "  const cmd = req.query.cmd;\n"
        "  if (ALLOWED.includes(cmd)) {\n"
        "    execSync(cmd);\n"
        "  }\n"
        "  execSync(cmd);\n"
        "});\n"
    )
    assert rule_lines(code, "js-command-injection") == [8]


def test_redirect_targets_fixed_by_the_code_are_safe() -> None:
    code = (
        "app.get('/go', (req, res) => {\n"
        "  res.redirect('/home');\n"
        "  res.redirect('/u/' + req.query.id);\n"
        "  res.redirect('https://example.com/p?q=' + req.query.q);\n"
        "  res.redirect('https://' + req.query.host);\n"
        "  res.redirect(req.query.next);\n"
        "});\n"
    )
    assert rule_lines(code, "js-open-redirect") == [5, 6]


def test_trace_names_the_source_line() -> None:
    code = (
        "app.get('/u', async (req, res) => {\n"
        "  const id = req.params.id;\n"
        "  await pool.query('SELECT ' + id);\n"
        "});\n"
    )
    result = scan_text(code, "javascript")
    (finding,) = [f for f in result.findings if f.rule_id == "js-sql-injection"]
    assert finding.trace[0].kind == "source"
    assert finding.trace[0].line == 2
    assert finding.trace[-1].line == 3


@pytest.mark.parametrize("language", ["typescript", "tsx"])
def test_typescript_syntax_keeps_flows(language: str) -> None:
    code = (
        'import { exec } from "child_process";\n'
        "type Body = { cmd: string };\n"
        "export function handler(req: Request, res: Response): void {\n"
        "  const body = req.body as unknown as Body;\n"
        "  const cmd: string = body!.cmd;\n"
        "  exec(`sh -c ${cmd satisfies string}`);\n"
        "}\n"
    )
    assert rule_lines(code, "js-command-injection", language) == [6]


def test_jsx_dangerously_set_inner_html() -> None:
    code = (
        "export function Card({ html }) {\n"
        "  return (<div>\n"
        "    <p dangerouslySetInnerHTML={{ __html: html }} />\n"
        "    <p dangerouslySetInnerHTML={{ __html: '<br/>' }} />\n"
        "    <p>{html}</p>\n"
        "  </div>);\n"
        "}\n"
    )
    assert rule_lines(code, "js-innerhtml-xss", "tsx") == [3]


def test_objects_sent_as_json_are_not_html() -> None:
    code = (
        "app.get('/p', (req, res) => {\n"
        "  res.send({ q: req.query.q });\n"
        "  const payload = [req.query.a, req.query.b];\n"
        "  res.send(payload);\n"
        "  res.send('<p>' + req.query.q + '</p>');\n"
        "});\n"
    )
    assert rule_lines(code, "js-xss-response") == [5]


def test_inline_require_resolves_the_module() -> None:
    code = "const arg = process.argv[2];\nrequire('child_process').execSync('ls ' + arg);\n"
    assert rule_lines(code, "js-command-injection") == [2]


def test_anchored_regex_test_validates_the_value() -> None:
    code = (
        'const { execSync } = require("child_process");\n'
        "app.get('/run', (req, res) => {\n"
        "  const a = req.query.a;\n"
        "  if (!/^[a-z0-9]+$/.test(a)) return res.sendStatus(400);\n"
        "  execSync('ls ' + a);\n"
        "  const b = req.query.b;\n"
        "  if (/^[a-z]+/.test(b)) execSync('ls ' + b);\n"
        "  const c = req.query.c;\n"
        "  if (/^[a-z]+$/m.test(c)) execSync('ls ' + c);\n"
        "});\n"
    )
    assert rule_lines(code, "js-command-injection") == [7, 9]


def test_a_starts_with_guard_proves_a_same_site_redirect() -> None:
    """`startsWith` is read from the catalog like Python's `startswith`: a target known to begin
    with a site path (not `//`) cannot leave the site; a bare `/` prefix still could (`//evil`)."""
    code = (
        "app.get('/go', (req, res) => {\n"
        "  const next = req.query.next;\n"
        "  if (next.startsWith('/app/')) {\n"
        "    res.redirect(next);\n"
        "  }\n"
        "  if (next.startsWith('/')) {\n"
        "    res.redirect(next);\n"
        "  }\n"
        "  if (!next.startsWith('/app/')) {\n"
        "    return res.redirect('/');\n"
        "  }\n"
        "  res.redirect(next);\n"
        "});\n"
    )
    assert rule_lines(code, "js-open-redirect") == [7]


def test_an_anchored_regex_test_is_a_whole_value_check() -> None:
    code = (
        "app.get('/go', (req, res) => {\n"
        "  const page = req.query.page;\n"
        "  if (/^[a-z]+$/.test(page)) {\n"
        "    res.redirect('https://' + page);\n"
        "  }\n"
        "  res.redirect('https://' + page);\n"
        "});\n"
    )
    assert rule_lines(code, "js-open-redirect") == [6]
