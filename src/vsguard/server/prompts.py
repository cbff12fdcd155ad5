"""Prompts an MCP client can offer its user: ready-made secure-coding workflows."""

from __future__ import annotations

from mcp.server import MCPServer


def secure_feature(feature: str, language: str = "python") -> str:
    """Plan and write a feature securely: requirements first, then scan and fix what you wrote."""
    return (
        f"You are about to implement: {feature} (in {language}).\n"
        "1. Call check_security_requirements with the code_type that fits (authentication, "
        "session_management, access_control, input_validation, cryptography, ...), "
        f"language={language!r} and this feature as "
        "context. List the requirements you will satisfy.\n"
        "2. Write the code so that each of them holds.\n"
        "3. Call scan_code on every file you wrote (or scan_files on the files on disk, with diff_ref to "
        "see only what you changed), following next_offset until has_more is false; for each finding "
        "marked fixable call suggest_fix and apply the verified rewrite; fix the rest by hand following "
        "the fix hint.\n"
        "4. Scan again until the summary says passed, then report which ASVS ids the code satisfies."
    )


def review_code(code: str) -> str:
    """Security review of existing code against OWASP ASVS."""
    return (
        "Review this code for security flaws. Call scan_code on it first, then explain each finding, its "
        "ASVS requirement (get_requirement) and the fix (suggest_fix where available). Also point out design "
        "issues a scanner cannot see, such as missing authorization checks.\n\n"
        f"```\n{code}\n```"
    )


def register(server: MCPServer) -> None:
    server.prompt()(secure_feature)
    server.prompt()(review_code)
