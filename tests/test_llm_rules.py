"""OWASP Top 10 for LLM Applications rules: metadata is complete and consistent across languages."""

from __future__ import annotations

import re

import pytest

from vsguard.catalog.loader import load_catalog
from vsguard.engine.scanner import scan_text
from vsguard.models import Rule
from vsguard.rules.loader import load_rules

LLM_IDS = {f"llm{n:02d}" for n in range(1, 11)}
LLM_RULES = [r for r in load_rules() if re.match(r"^(py|js)-llm-", r.id)]


def test_both_languages_cover_the_required_llm_risks() -> None:
    for prefix in ("py", "js"):
        tags = {t for r in LLM_RULES if r.id.startswith(prefix + "-") for t in r.tags}
        assert {"llm01", "llm02", "llm05", "llm06", "llm10"} <= tags, prefix


@pytest.mark.parametrize("rule", LLM_RULES, ids=lambda r: r.id)
def test_llm_rule_metadata(rule: Rule) -> None:
    risk = [t for t in rule.tags if t in LLM_IDS]
    assert len(risk) == 1, f"{rule.id} must carry exactly one OWASP LLM Top 10 id tag"
    assert "llm" in rule.tags
    catalog = load_catalog()
    for req_id in rule.asvs:
        assert catalog.get("5.0.0", req_id) is not None, f"{rule.id}: unknown ASVS 5.0.0 id {req_id}"
    assert all(c > 0 for c in rule.cwe)


def test_python_and_javascript_llm_rules_pair_up() -> None:
    py = {r.id.removeprefix("py-") for r in LLM_RULES if r.id.startswith("py-")}
    js = {r.id.removeprefix("js-") for r in LLM_RULES if r.id.startswith("js-")}
    assert py == js


def _ids(code: str, language: str) -> set[str]:
    return {f.rule_id for f in scan_text(code, language).findings}


def test_model_output_is_tracked_through_a_helper_variable_in_python() -> None:
    code = (
        "import openai\n"
        "client = openai.OpenAI()\n"
        "def run(q):\n"
        "    r = client.chat.completions.create(model='m', messages=[], max_tokens=5)\n"
        "    text = r.choices[0].message.content.strip()\n"
        "    exec(text)\n"
    )
    assert "py-llm-output-exec" in _ids(code, "python")


def test_model_output_sanitised_for_html_is_not_reported_in_javascript() -> None:
    code = (
        'import OpenAI from "openai";\n'
        'import DOMPurify from "dompurify";\n'
        "const openai = new OpenAI();\n"
        "async function show(el, q) {\n"
        '  const r = await openai.responses.create({ model: "m", input: q, max_output_tokens: 9 });\n'
        "  el.innerHTML = DOMPurify.sanitize(r.output_text);\n"
        "  el.textContent = r.output_text;\n"
        "}\n"
    )
    assert "js-llm-output-html" not in _ids(code, "javascript")
    assert "js-llm-output-html" in _ids(
        code.replace("DOMPurify.sanitize(r.output_text)", "r.output_text"), "javascript"
    )


def test_constant_system_prompt_with_user_message_is_not_prompt_injection() -> None:
    code = (
        "def ask(client, question):\n"
        "    return client.messages.create(model='m', max_tokens=9, system='Be brief.',\n"
        "        messages=[{'role': 'user', 'content': f'Q: {question}'}])\n"
    )
    assert "py-llm-prompt-injection" not in _ids(code, "python")
    assert "py-llm-prompt-injection" in _ids(
        code.replace("'Be brief.'", "f'Be brief about {question}.'"), "python"
    )
