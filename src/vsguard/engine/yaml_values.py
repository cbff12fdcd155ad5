"""Checks on the text of a YAML scalar captured by a workflow rule (no grammar table needed)."""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.engine.secrets import is_literal_credential

_COMPOUND = ("block_mapping", "block_sequence", "flow_mapping", "flow_sequence")


def _unquoted(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def scalar_text(node: SgNode) -> str | None:
    """The scalar's content: quotes removed, a block scalar's header line dropped and its lines
    dedented; None for a mapping or a list."""
    if any(node.find(kind=k) is not None for k in _COMPOUND):
        return None
    text = node.text().strip()
    if text[:1] in ("|", ">"):
        import textwrap  # only block scalars need it

        return textwrap.dedent(text.split("\n", 1)[1] if "\n" in text else "")
    return _unquoted(text)


def literal_credential(node: SgNode, language: str) -> bool:
    """A one-line scalar holding a literal credential rather than a reference; multi-line values
    (key blocks) are left to the secret detector."""
    text = scalar_text(node)
    return text is not None and "\n" not in text.strip() and is_literal_credential(text)
