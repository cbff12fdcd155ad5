"""MCP resources over the detection rules: `vsguard://rules` (the index) and one page per rule,
`vsguard://rules/RULE-ID`, the same markdown as `vsguard rules show`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mcp.server.mcpserver.exceptions import ResourceNotFoundError

if TYPE_CHECKING:
    from mcp.server import MCPServer

INDEX_URI = "vsguard://rules"


def rules_index() -> str:
    from vsguard.rules.loader import load_rules

    lines = [
        "# vsguard rules",
        "",
        f"Read `{INDEX_URI}/RULE-ID` for a rule's documentation.",
        "",
        "| rule | language | severity | CWE | title |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in load_rules():
        cwe = ", ".join(f"CWE-{c}" for c in r.cwe)
        lines.append(f"| `{r.id}` | {r.language} | {r.severity.value} | {cwe} | {r.title} |")
    return "\n".join(lines) + "\n"


def read_rule_doc(rule_id: str) -> str:
    from vsguard.report.rule_doc import rule_doc, rule_or_error

    try:
        return rule_doc(rule_or_error(rule_id), try_fix=True)
    except ValueError as exc:  # reported to the client as invalid params, with close ids
        raise ResourceNotFoundError(str(exc)) from None


def register(server: MCPServer) -> None:
    server.resource(
        INDEX_URI,
        name="vsguard-rules",
        title="vsguard detection rules",
        description="Every rule: id, language, severity, CWE and title",
        mime_type="text/markdown",
    )(rules_index)
    server.resource(
        f"{INDEX_URI}/{{rule_id}}",
        name="vsguard-rule",
        title="vsguard rule documentation",
        description="vsguard://rules/py-sql-injection: what the rule detects, why, examples, CWE, ASVS, fix",
        mime_type="text/markdown",
    )(read_rule_doc)
