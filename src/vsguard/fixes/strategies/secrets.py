"""secret_to_env: load a hardcoded credential from the environment under a name derived from its key."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, statement_removal
from vsguard.fixes.imports import python_import
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing, is_js

_STRING_KINDS = ("string", "template_string", "concatenated_string")
_KINDS_BY_LANGUAGE = {"python": ("string", "concatenated_string")}


def env_name(key: str) -> str:
    """`apiKey` / `api-key` / `self.API_KEY` -> API_KEY."""
    quoted = re.findall(r"[\"'`]([A-Za-z_][\w-]*)[\"'`]", key)
    key = quoted[-1] if quoted else key.rsplit(".", 1)[-1].strip("'\"`")
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key)
    return re.sub(r"[^A-Za-z0-9]+", "_", snake).strip("_").upper()


def _holder(literal: SgNode) -> tuple[SgNode | None, str]:
    """(the key naming the secret, how it is held) for assignment, keyword, declarator or pair."""
    parent = literal.parent()
    if parent is None:
        return None, ""
    kind = parent.kind()
    if kind in ("assignment", "assignment_expression") and parent.field("right") == literal:
        return parent.field("left"), "assignment"
    if kind == "keyword_argument":
        return parent.field("name"), "keyword"
    if kind == "variable_declarator":
        return parent.field("name"), "declarator"
    if kind == "pair" and parent.field("value") == literal:
        return parent.field("key"), "pair"
    return None, ""


def _literal(t: Target) -> SgNode | None:
    lit = enclosing(t.node, *_STRING_KINDS)
    if lit is None:  # the finding spans a whole assignment: take the value it assigns
        holder = enclosing(
            t.node, "assignment", "keyword_argument", "pair", "variable_declarator", "assignment_expression"
        )
        value = (holder.field("right") or holder.field("value")) if holder is not None else None
        if value is not None and value.kind() in _STRING_KINDS:
            return value
    if lit is None:  # otherwise the one string inside the reported span
        kinds = _KINDS_BY_LANGUAGE.get(t.language, ("string", "template_string"))
        found = [n for k in kinds for n in t.node.find_all(kind=k)]
        outer = [n for n in found if not any(_inside(n, m) for m in found if m != n)]
        lit = outer[0] if len(outer) == 1 else None
    while lit is not None and (outer_lit := lit.parent()) is not None and outer_lit.kind() in _STRING_KINDS:
        lit = outer_lit
    return lit


_CLIENTS = re.compile(
    r"(?i)^(?:async|create)?(openai|anthropic|groq|mistral|cohere|together|replicate|gemini)(?:client)?$"
)


def _client_name(literal: SgNode) -> str | None:
    """`OpenAI(api_key="...")` -> OPENAI: the SDK that reads <NAME>_API_KEY by convention."""
    call = enclosing(literal, "call", "call_expression", "new_expression")
    func = (call.field("function") or call.field("constructor")) if call is not None else None
    m = _CLIENTS.match(func.text().rsplit(".", 1)[-1]) if func is not None else None
    return m.group(1) if m else None


_BARE_PASSWORD = frozenset({"PASSWORD", "PASS", "PASSWD", "PWD"})


def _module_name(literal: SgNode) -> str | None:
    """`mysql.createConnection({password: ...})` -> MYSQL: whose password a bare `password` key is."""
    call = enclosing(literal, "call", "call_expression", "new_expression")
    func = (call.field("function") or call.field("constructor")) if call is not None else None
    root = re.match(r"^[A-Za-z_]\w*", func.text()) if func is not None else None
    return root.group(0).upper() if root else None


def _inside(inner: SgNode, outer: SgNode) -> bool:
    a, b = inner.range(), outer.range()
    return b.start.index <= a.start.index and a.end.index <= b.end.index


@register("secret_to_env", "python", "javascript")
def secret_to_env(t: Target) -> Rewrite | NoRewrite:
    if t.language == "python" and t.node.kind() == "assignment":
        left = t.node.field("left")
        if left is not None and re.match(r"^os\.environ\[", left.text()):
            holder = t.node.parent()
            statement = holder if holder is not None else t.node
            return Rewrite(
                (statement_removal(t.code, statement),),
                f"The line that wrote a literal credential into {left.text()} is removed; the process now "
                "takes the value from its real environment.",
                (
                    "Set the variable in the deployment's secret store and rotate the old key: it is in the "
                    "repository history.",
                ),
            )
    lit = _literal(t)
    if lit is None:
        return NoRewrite("the secret is not a plain string literal in code")
    interpolation = "interpolation" if t.language == "python" else "template_substitution"
    if (t.language == "python" or is_js(t.language)) and lit.find(kind=interpolation) is not None:
        return NoRewrite("the value is assembled at run time, so it is not a stored credential to move out")
    key, how = _holder(lit)
    if key is None or not env_name(key.text()):
        return NoRewrite("the secret is not bound to a named setting, so there is no obvious variable name")
    if how == "keyword" and enclosing(lit, "default_parameter", "typed_default_parameter") is not None:
        return NoRewrite("the secret is a parameter default; pass it in from configuration instead")
    name = env_name(key.text())
    client = _client_name(lit) if how in ("keyword", "pair") else None
    provider = re.match(r"^(\w+)\.api_key$", key.text())
    owner = client or (provider.group(1) if provider else None)
    if owner and name in ("API_KEY", "TOKEN", "API_TOKEN"):
        name = f"{owner.upper()}_API_KEY"
    elif name in _BARE_PASSWORD and how in ("keyword", "pair") and (module := _module_name(lit)):
        name = f"{module}_PASSWORD"
    if t.language == "python":
        new = f'os.environ["{name}"]'
        edits = (Edit.replace(lit, new), *python_import(t.root, t.code, "os"))
    elif is_js(t.language):
        new = f"process.env.{name}"
        edits = (Edit.replace(lit, new),)
    else:
        return NoRewrite("no environment rewrite for this language")
    return Rewrite(
        edits,
        f"The credential is now read from the environment variable {name} at run time instead of "
        "being stored "
        "in the source.",
        (
            f"Set {name} in the deployment's secret store, and rotate the old value: it is in the repository "
            "history and must be treated as leaked.",
        ),
    )
