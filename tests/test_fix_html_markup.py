"""The JavaScript XSS rewrite keeps the code's own markup and escapes only the inserted values."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from vsguard.fixes import suggest_fix
from vsguard.models import FixStatus


def _fix(code: str) -> tuple[FixStatus, str, str | None]:
    result = suggest_fix(code, language="javascript")
    (fix,) = [f for f in result.fixes if f.rule_id == "js-innerhtml-xss"]
    return fix.status, fix.explanation, result.fixed_code


def test_the_helper_follows_the_files_quotes_and_semicolons() -> None:
    code = "function row(el, name) {\n  el.innerHTML = `<td class='n'>${name}</td>`\n}\n"
    status, _, fixed = _fix(code)
    assert status is FixStatus.VERIFIED and fixed is not None
    assert "el.innerHTML = `<td class='n'>${escapeHtml(name)}</td>`\n" in fixed
    assert ".replace(/'/g, '&#39;')\n}" in fixed
    assert not any(line.endswith(";") for line in fixed.splitlines())


def test_insert_adjacent_html_keeps_its_markup() -> None:
    code = 'function add(list, item) {\n  list.insertAdjacentHTML("beforeend", "<li>" + item + "</li>");\n}\n'
    status, _, fixed = _fix(code)
    assert status is FixStatus.VERIFIED and fixed is not None
    assert 'list.insertAdjacentHTML("beforeend", "<li>" + escapeHtml(item) + "</li>");' in fixed


def test_an_existing_helper_is_reused_and_one_is_added_once() -> None:
    two = (
        "function a(el, x) {\n  el.innerHTML = `<b>${x}</b>`;\n}\n"
        "function b(el, y) {\n  el.innerHTML = `<i>${y}</i>`;\n}\n"
    )
    result = suggest_fix(two, language="javascript")
    assert all(f.status is FixStatus.VERIFIED for f in result.fixes)
    assert result.fixed_code is not None and result.fixed_code.count("function escapeHtml(") == 1
    declared = two + "function escapeHtml(v) {\n  return require('escape-html')(v);\n}\n"
    status, _, fixed = _fix(declared.split("function b")[0] + declared.split("</i>`;\n}\n")[1])
    assert status is FixStatus.VERIFIED and fixed is not None
    assert fixed.count("function escapeHtml(") == 1 and "${escapeHtml(x)}" in fixed


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ('`<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>`', "build markup of their own"),
        ('a + b + "<br>"', "before its first string"),
        ('`<a href="${a}">link</a>`', "inside a tag"),
        ("'<img title=' + a + '>'", "inside a tag"),
        ('"<script>var n = \'" + a + "\';</script>"', "script/style"),
    ],
)
def test_values_the_escaper_would_break_are_refused(value: str, says: str) -> None:
    status, explanation, _ = _fix(f"function f(el, items, a, b) {{\n  el.innerHTML = {value};\n}}\n")
    assert status is FixStatus.GUIDANCE and says in explanation


def test_text_without_markup_still_becomes_text() -> None:
    status, _, fixed = _fix('function f(el, n) {\n  el.innerHTML = "a < b: " + n;\n}\n')
    assert status is FixStatus.VERIFIED and fixed is not None
    assert 'el.textContent = "a < b: " + n;' in fixed and "escapeHtml" not in fixed


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_helper_escapes_every_character_html_reads() -> None:
    _, _, fixed = _fix("function f(el, n) {\n  el.innerHTML = `<b>${n}</b>`;\n}\n")
    assert fixed is not None
    script = fixed + "process.stdout.write(JSON.stringify(escapeHtml(`<a href=\"x\" title='y'>&`)));"
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=30, check=True)
    assert json.loads(out.stdout) == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;"
