"""suggest_fix as the MCP tool and the CLI call it: selection, verification gate, guidance, errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from ast_grep_py import SgNode

from vsguard.engine.languages import UnsupportedLanguage
from vsguard.engine.scanner import InputTooLarge, scan_text
from vsguard.fixes import fixable_rule_ids, suggest_fix
from vsguard.fixes import registry as fix_registry
from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import Rewrite, Target
from vsguard.models import FixResult, FixStatus

# The three examples the original VSGuard answered with a fixed template.
ORIGINAL_SQL = """def get_user(cursor, user_id):
    query = "SELECT * FROM accounts WHERE id = '" + user_id + "'"
    cursor.execute(query)
    return cursor.fetchone()
"""
ORIGINAL_XSS = """function showGreeting() {
  const name = new URLSearchParams(window.location.search).get("name");
  document.getElementById("greeting").innerHTML = name;
}
"""
ORIGINAL_PASSWORD = """import hashlib

def save_user(db, username, password):
    hashed = hashlib.md5(password.encode()).hexdigest()
    db.insert(username, hashed)
"""


def test_original_sql_example_is_rewritten_not_templated() -> None:
    result = suggest_fix(ORIGINAL_SQL, vulnerability_type="sql_injection", language="python")
    assert result.verified
    assert result.fixed_code == ORIGINAL_SQL.replace(
        '"SELECT * FROM accounts WHERE id = \'" + user_id + "\'"', '"SELECT * FROM accounts WHERE id = ?"'
    ).replace("cursor.execute(query)", "cursor.execute(query, (user_id,))")
    assert [f.status for f in result.fixes] == [FixStatus.VERIFIED]
    assert result.fixes[0].asvs_5 == ("V1.2.4",) and result.fixes[0].asvs_4


def test_original_xss_example_is_rewritten() -> None:
    result = suggest_fix(ORIGINAL_XSS, vulnerability_type="xss", language="javascript")
    assert result.verified
    assert result.fixed_code == ORIGINAL_XSS.replace(".innerHTML =", ".textContent =")


def test_original_weak_password_example_is_rewritten() -> None:
    held = suggest_fix(ORIGINAL_PASSWORD, vulnerability_type="weak_password")
    # Proven, but stored hashes change format and argon2 becomes a dependency: held for review.
    assert [f.status for f in held.fixes] == [FixStatus.NEEDS_REVIEW] and held.fixed_code is None
    assert held.needs_review and "argon2" in (held.fixes[0].todo or "")
    assert "+    hashed = PasswordHasher().hash(password.encode())" in held.fixes[0].diff
    result = suggest_fix(ORIGINAL_PASSWORD, vulnerability_type="weak_password", accept_review=True)
    assert result.verified and result.fixed_code is not None
    assert "hashed = PasswordHasher().hash(password.encode())" in result.fixed_code
    assert "from argon2 import PasswordHasher\n" in result.fixed_code
    assert "def save_user(db, username, password):" in result.fixed_code
    assert "re-hash" in result.fixes[0].explanation


@pytest.mark.parametrize("selector", ["sql_injection", "CWE-89", "cwe89", "89", "py-sql-injection"])
def test_selectors_pick_only_their_findings(selector: str) -> None:
    code = ORIGINAL_SQL + "\n" + ORIGINAL_PASSWORD
    result = suggest_fix(code, vulnerability_type=selector, language="python")
    assert {f.rule_id for f in result.fixes} == {"py-sql-injection"}
    assert any(f.rule_id == "py-weak-password-hash" for f in result.remaining_findings)


def test_rule_id_argument_and_everything_by_default() -> None:
    code = ORIGINAL_SQL + "\n" + ORIGINAL_PASSWORD
    only = suggest_fix(code, rule_id="py-weak-password-hash", language="python")
    assert {f.rule_id for f in only.fixes} == {"py-weak-password-hash"}
    everything = suggest_fix(code, language="python", accept_review=True)
    assert {f.rule_id for f in everything.fixes} == {"py-sql-injection", "py-weak-password-hash"}
    assert everything.verified and not everything.remaining_findings
    by_default = suggest_fix(code, language="python")  # the SQL fix alone; the hash change waits
    assert by_default.verified and by_default.fixed_code is not None
    assert "PasswordHasher" not in by_default.fixed_code and "?" in by_default.fixed_code


def test_unknown_names_are_rejected_with_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="sql_injection"):
        suggest_fix(ORIGINAL_SQL, vulnerability_type="sqlinjectionz", language="python")
    with pytest.raises(ValueError, match="unknown rule id"):
        suggest_fix(ORIGINAL_SQL, rule_id="py-nope", language="python")
    with pytest.raises(UnsupportedLanguage):
        suggest_fix(ORIGINAL_SQL, language="cobol")
    with pytest.raises(UnsupportedLanguage):
        suggest_fix("???")


def test_input_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VSGUARD_MAX_INPUT_BYTES", "64")
    with pytest.raises(InputTooLarge):
        suggest_fix(ORIGINAL_SQL, language="python")


def test_type_with_no_finding_gives_catalog_guidance() -> None:
    result = suggest_fix("def add(a, b):\n    return a + b\n", vulnerability_type="xxe", language="python")
    assert result.fixes == () and result.fixed_code is None and not result.verified
    assert len(result.guidance) == 1 and "no finding in this code" in result.guidance[0]
    assert "ASVS 5.0.0 V1.5.1" in result.guidance[0]


def test_no_sound_rewrite_gives_specific_guidance_with_example() -> None:
    code = "from flask import request\n\ndef run():\n    exec(request.form['code'])\n"
    result = suggest_fix(code, language="python")
    assert [f.status for f in result.fixes] == [FixStatus.GUIDANCE]
    assert result.fixed_code is None and result.diff == ""
    assert "exec runs statements" in result.fixes[0].explanation
    text = "\n".join(result.guidance)
    assert "py-eval" in text and "ASVS 5.0.0 V1.3.2" in text and "```python" in text


def test_identifier_in_sql_is_refused_not_broken() -> None:
    code = (
        'def rows(conn, column):\n    return conn.execute(f"SELECT id FROM t ORDER BY {column}").fetchall()\n'
    )
    result = suggest_fix(code, language="python")
    assert result.fixes[0].status is FixStatus.GUIDANCE
    assert "expects a name" in result.fixes[0].explanation


YAML_LOAD = "import yaml\n\ndef f(d):\n    return yaml.load(d)\n"


def _fix_with_rewrite(
    monkeypatch: pytest.MonkeyPatch, strategy: str, new_text: Callable[[SgNode], str], code: str
) -> FixResult:
    """suggest_fix on `code` after `strategy` is replaced by one that rewrites the matched node to
    `new_text(node)`, so the verification gate can be tried on bad rewrites."""

    def replacement(t: Target) -> Rewrite:
        return Rewrite((Edit.replace(t.node, new_text(t.node)),), "rewrite supplied by the test")

    table = fix_registry.registered()
    table[(strategy, "python")] = replacement
    monkeypatch.setattr(fix_registry, "_REGISTRY", table)
    return suggest_fix(code, language="python")


def test_rewrite_that_breaks_parsing_is_not_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _fix_with_rewrite(monkeypatch, "yaml_safe_load", lambda _: "yaml.safe_load(((", YAML_LOAD)
    assert not result.verified and result.fixed_code is None and result.diff == ""
    assert result.fixes[0].status is FixStatus.UNVERIFIED
    assert "not valid Python" in (result.fixes[0].remaining or "")


def test_rewrite_that_adds_a_finding_is_not_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    # trades one flaw for another: yaml for pickle
    result = _fix_with_rewrite(monkeypatch, "yaml_safe_load", lambda _: "pickle.loads(d)", YAML_LOAD)
    assert not result.verified and result.fixed_code is None
    assert "py-pickle-load" in (result.fixes[0].remaining or "")


def test_rewrite_that_leaves_the_finding_is_not_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    # cosmetic: changes nothing that matters
    result = _fix_with_rewrite(monkeypatch, "yaml_safe_load", lambda node: node.text() + "  ", YAML_LOAD)
    assert result.fixes[0].status is FixStatus.UNVERIFIED
    assert "still reports py-yaml-unsafe-load" in (result.fixes[0].remaining or "")


def test_verified_and_failed_fixes_are_kept_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    code = "import pickle\nimport yaml\n\ndef f(d, b):\n    return yaml.load(d), pickle.loads(b)\n"
    result = _fix_with_rewrite(monkeypatch, "pickle_to_json", lambda _: "json.loads((", code)
    statuses = {f.rule_id: f.status for f in result.fixes}
    assert statuses == {"py-yaml-unsafe-load": FixStatus.VERIFIED, "py-pickle-load": FixStatus.UNVERIFIED}
    assert result.verified and result.fixed_code is not None
    assert "yaml.safe_load(d), pickle.loads(b)" in result.fixed_code
    assert [f.rule_id for f in result.remaining_findings] == ["py-pickle-load"]


def test_suppressed_findings_are_left_alone() -> None:
    marker = "# vsguard: ignore[py-yaml-unsafe-load] trusted file"
    code = f"import yaml\n\ndef f(d):\n    return yaml.load(d)  {marker}\n"
    result = suggest_fix(code, language="python")
    assert result.fixes == () and result.fixed_code is None


def test_scanner_fixable_flag_agrees_with_the_registry() -> None:
    code = ORIGINAL_SQL + "\nexec(input())\n"
    findings = scan_text(code, "python").findings
    assert findings and all(f.fixable == (f.rule_id in fixable_rule_ids()) for f in findings)
    assert {f.rule_id: f.fixable for f in findings} == {"py-sql-injection": True, "py-eval": True}


def test_every_fixable_rule_names_a_registered_strategy() -> None:
    from vsguard.rules.loader import load_rules

    named = {r.id for r in load_rules() if r.fix}
    assert fixable_rule_ids() <= named


def test_context_names_the_language_when_nothing_else_does() -> None:
    snippet = "x = yaml.load(data)\n"
    with pytest.raises(UnsupportedLanguage):
        suggest_fix(snippet)
    result = suggest_fix(snippet, context="a python helper that reads settings")
    assert result.language == "python" and result.verified
    assert result.fixed_code == "x = yaml.safe_load(data)\n"


def test_sanitizer_is_not_called_through_a_shadowed_module_name() -> None:
    view = (
        "from flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.route('/hello')\n"
        "def hello():\n    name = request.args.get('name', '')\n    {body}\n"
    )
    shadowed = suggest_fix(
        view.replace("{body}", "html = '<p>' + name + '</p>'\n    return html"), language="python"
    )
    assert [f.status for f in shadowed.fixes] == [FixStatus.GUIDANCE]
    assert "hides the module" in shadowed.fixes[0].explanation
    plain = suggest_fix(view.replace("{body}", "return '<p>' + name + '</p>'"), language="python")
    assert plain.verified and "html.escape(str(name))" in (plain.fixed_code or "")
