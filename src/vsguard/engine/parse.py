"""Parse source with tree-sitter (through ast-grep). Never executes the code it reads."""

from __future__ import annotations

from ast_grep_py import SgNode, SgRoot

from vsguard.engine.languages import GRAMMARS


def parse(code: str, language: str) -> SgNode:
    """Parse into a tree. Tree-sitter is error tolerant: broken snippets still give a tree."""
    return SgRoot(code, GRAMMARS[language]).root()


def syntax_errors(code: str, language: str) -> list[int]:
    """1-based lines of ERROR nodes; empty when the code parses cleanly."""
    root = parse(code, language)
    return sorted({n.range().start.line + 1 for n in root.find_all(kind="ERROR")})
