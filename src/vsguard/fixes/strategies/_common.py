"""Small syntax helpers shared by strategies: calls, arguments and single-use local bindings."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Strategy, Target, register
from vsguard.records import record

PY_CALL, JS_CALL = "call", "call_expression"
_SCOPES = {
    "python": ("function_definition", "lambda", "module"),
    "javascript": (
        "function_declaration",
        "function_expression",
        "arrow_function",
        "method_definition",
        "program",
    ),
}


def scopes(language: str) -> tuple[str, ...]:
    return _SCOPES["python" if language == "python" else "javascript"]


def is_js(language: str) -> bool:
    return language in ("javascript", "typescript", "tsx")


def enclosing(node: SgNode, *kinds: str) -> SgNode | None:
    if node.kind() in kinds:
        return node
    for anc in node.ancestors():
        if anc.kind() in kinds:
            return anc
    return None


def call_of(node: SgNode, language: str) -> SgNode | None:
    return enclosing(node, PY_CALL if language == "python" else JS_CALL)


def call_with_callee(node: SgNode, language: str) -> tuple[SgNode, SgNode] | None:
    """(call, callee) of the call around `node`, or None when either cannot be read."""
    call = call_of(node, language)
    func = call.field("function") if call is not None else None
    return None if call is None or func is None else (call, func)


CallStrategy = Callable[..., Rewrite | NoRewrite]


def on_call(
    strategy: str, languages: Sequence[str], read: Callable[[SgNode], tuple[Any, ...] | None]
) -> Callable[[CallStrategy], Strategy]:
    """Register a strategy that rewrites the call around the finding.

    `read` turns the matched node into the parts the strategy needs (None when the call cannot be
    read); the strategy is then called as `func(target, *parts)`.
    """

    def wrap(func: CallStrategy) -> Strategy:
        @functools.wraps(func)
        def run(t: Target) -> Rewrite | NoRewrite:
            found = read(t.node)
            if found is None:
                return NoRewrite("the call could not be read")
            return func(t, *found)

        return register(strategy, *languages)(run)

    return wrap


def on_python_call(strategy: str) -> Callable[[CallStrategy], Strategy]:
    """Register a Python strategy on the call around the finding; it is given (target, call, callee)."""
    return on_call(strategy, ("python",), lambda node: call_with_callee(node, "python"))


def arguments(call: SgNode) -> list[SgNode]:
    args = call.field("arguments")
    if args is None:
        return []
    return [a for a in args.named_children() if a.kind() != "comment"]


def keyword(call: SgNode, name: str) -> SgNode | None:
    """Python keyword argument node `name=...` of a call."""
    for arg in arguments(call):
        if arg.kind() == "keyword_argument":
            key = arg.field("name")
            if key is not None and key.text() == name:
                return arg
    return None


def has_splat(call: SgNode) -> bool:
    return any(a.kind() in ("list_splat", "dictionary_splat", "spread_element") for a in arguments(call))


def remove_argument(code: str, call: SgNode, arg: SgNode) -> Edit:
    """Delete one argument together with the comma that separates it from its neighbour."""
    args = arguments(call)
    index = next(i for i, a in enumerate(args) if a.range().start.index == arg.range().start.index)
    start, end = arg.range().start.index, arg.range().end.index
    if index > 0:
        start = args[index - 1].range().end.index  # eat ", " before it
    elif len(args) > 1:
        end = args[1].range().start.index  # first argument: eat ", " after it
    else:
        trailing = code[end:].lstrip(" \t")
        if trailing.startswith(","):
            end = code.index(",", end) + 1
    return Edit(start, end, "")


def append_arguments(code: str, call: SgNode, text: str) -> Edit:
    """Insert `text` (already comma-separated) after the last argument, before any trailing comma."""
    args = arguments(call)
    arglist = call.field("arguments")
    assert arglist is not None
    if not args:
        close = arglist.range().end.index - 1
        return Edit.insert(close, text)
    last = args[-1]
    last_end = last.range().end.index
    line_start = code.rfind("\n", 0, last.range().start.index) + 1
    before = code[line_start : last.range().start.index]
    if before.strip() == "" and "\n" in code[arglist.range().start.index : last.range().start.index]:
        # one argument per line: keep that layout
        return Edit.insert(last_end, "".join(f",\n{before}{item.strip()}" for item in text.split(", ")))
    return Edit.insert(last_end, ", " + text)


def insert_argument_after(arg: SgNode, text: str) -> Edit:
    return Edit.insert(arg.range().end.index, ", " + text)


@record(frozen=True)
class Binding:
    """`name = value` that is the only assignment of `name` in its scope, with one other use."""

    name: str
    value: SgNode
    assignment: SgNode


def _identifier_uses(scope: SgNode, name: str, language: str) -> list[SgNode]:
    uses = []
    for ident in scope.find_all(kind="identifier"):
        if ident.text() != name:
            continue
        parent = ident.parent()
        if parent is not None and language == "python":
            if parent.kind() == "attribute" and parent.field("attribute") == ident:
                continue
            if parent.kind() == "keyword_argument" and parent.field("name") == ident:
                continue
        uses.append(ident)
    return uses


def single_use_binding(ident: SgNode, language: str) -> Binding | None:
    """The lone local assignment that feeds `ident`, when `ident` is that value's only reader."""
    if ident.kind() != "identifier":
        return None
    scope = enclosing(ident, *scopes(language))
    if scope is None:
        return None
    name = ident.text()
    kinds = (
        ("assignment", "augmented_assignment")
        if language == "python"
        else (
            "variable_declarator",
            "assignment_expression",
            "augmented_assignment_expression",
        )
    )
    assigns = []
    for kind in kinds:
        for node in scope.find_all(kind=kind):
            target = node.field("left") or node.field("name")
            if target is not None and target.text() == name:
                assigns.append(node)
    if len(assigns) != 1 or assigns[0].kind().startswith("augmented"):
        return None
    assign = assigns[0]
    value = assign.field("right") or assign.field("value")
    if value is None or assign.range().end.index > ident.range().start.index:
        return None
    if enclosing(assign, *scopes(language)) != scope:
        return None
    uses = [
        u
        for u in _identifier_uses(scope, name, language)
        if not _within(u, assign.field("left") or assign.field("name"))
    ]
    if len(uses) != 1 or uses[0].range().start.index != ident.range().start.index:
        return None
    return Binding(name, value, assign)


def _within(node: SgNode, outer: SgNode | None) -> bool:
    if outer is None:
        return False
    a, b = node.range(), outer.range()
    return b.start.index <= a.start.index and a.end.index <= b.end.index


_PY_BINDERS = (
    "assignment",
    "augmented_assignment",
    "for_statement",
    "with_item",
    "parameters",
    "lambda_parameters",
)
_JS_BINDERS = ("variable_declarator", "formal_parameters", "function_declaration", "class_declaration")


def name_is_rebound(node: SgNode, name: str, language: str) -> bool:
    """True when `name` is assigned or a parameter in a scope around `node` (so it is not the module).

    A rewrite that calls `html.escape(...)` or `path.basename(...)` must not land where a local
    variable of that name hides the module.
    """
    binders = _PY_BINDERS if language == "python" else _JS_BINDERS
    local_scopes = [
        a for a in node.ancestors() if a.kind() in scopes(language) and a.kind() not in ("module", "program")
    ]
    for scope in local_scopes:
        for kind in binders:
            for binder in scope.find_all(kind=kind):
                if enclosing(binder, *scopes(language)) != scope and kind not in (
                    "parameters",
                    "formal_parameters",
                ):
                    continue
                target = binder.field("left") or binder.field("name") or binder.field("alias")
                texts = [target.text()] if target is not None else []
                if kind in ("parameters", "lambda_parameters", "formal_parameters", "for_statement"):
                    texts = [i.text() for i in binder.find_all(kind="identifier")]
                if name in texts or any(
                    re.fullmatch(rf"(.*\W)?{re.escape(name)}(\W.*)?", t) for t in texts if t
                ):
                    if (
                        kind in ("parameters", "formal_parameters")
                        and binder.parent() not in node.ancestors()
                    ):
                        continue
                    return True
    return False
