"""The language adapter contract (see the package docstring) and the adapter registry."""

from __future__ import annotations

import functools
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar, cast

from ast_grep_py import SgNode

from vsguard.engine.taint import ir


class LanguageAdapter(ABC):
    """Lowers one grammar's tree into `ir` nodes and names the language's catalog of flow facts."""

    #: vsguard language names this adapter serves (e.g. ("python",))
    languages: tuple[str, ...] = ()
    #: package-data file next to this module with sources, sanitizers and validators, read and
    #: checked by `vsguard.rules.taint_catalog` (catalog_<language>.yaml)
    catalog_file: str = ""
    #: names the language knows without an import (builtins, globals): they resolve to themselves
    global_names: frozenset[str] = frozenset()
    #: file suffixes of modules an import can resolve to, for cross-module summaries
    module_suffixes: tuple[str, ...] = ()
    #: the grammar's `Lowering`, one instance per file (or override `lower`)
    lowering: type[Lowering]

    def lower(self, root: SgNode) -> ir.Module:
        """The whole tree as an `ir.Module`; must not raise on ERROR nodes (lower what parses)."""
        return self.lowering().module(root)


#: statements and expressions nested deeper than this are lowered as unknown (`ir.Opaque`), so
#: that no input drives lowering or the interpreter into unbounded recursion; left-nested operator
#: chains (`a + b + c ...`) are lowered along their spine without recursion and do not count.
MAX_NESTING = 160

_Method = TypeVar("_Method", bound=Callable[..., Any])


def bounded(default: Callable[[SgNode | None], Any]) -> Callable[[_Method], _Method]:
    """For a lowering method that recurses into itself (nested targets, statements): past the
    nesting bound it returns `default(node)` instead of going deeper."""

    def wrap(method: _Method) -> _Method:
        @functools.wraps(method)
        def within_bound(self: Lowering, node: SgNode | None, *args: Any) -> Any:
            if self.depth >= MAX_NESTING:
                self._note_too_deep(node)
                return default(node)
            self.depth += 1
            try:
                return method(self, node, *args)
            finally:
                self.depth -= 1

        return cast(_Method, within_bound)

    return wrap


def unknown_statement(node: SgNode | None) -> list[ir.Stmt]:
    """What a statement nested past the bound lowers to: nothing known about its effects."""
    return [ir.Other(node, (ir.Opaque(node),))]


class Lowering(ABC):
    """State and steps every adapter's lowering of one file shares; the grammar stays in subclasses."""

    def __init__(self) -> None:
        #: every function met so far, nested ones included (becomes `Module.functions`)
        self.functions: list[ir.FunctionDef] = []
        #: current nesting of `expr`/`block` calls, and where lowering stopped going deeper
        self.depth = 0
        self.too_deep: list[int] = []

    @staticmethod
    @abstractmethod
    def named(node: SgNode) -> list[SgNode]:
        """The children lowering reads: the named ones without comments (the grammar names those)."""

    @abstractmethod
    def lower_block(self, node: SgNode | None) -> list[ir.Stmt]:
        """The statements in `node` (the root, for a whole file)."""

    @abstractmethod
    def lower_expr(self, node: SgNode | None) -> ir.Expr:
        """`node` as an expression (`ir.Opaque` for what the grammar's lowering does not model)."""

    def block(self, node: SgNode | None) -> list[ir.Stmt]:
        """`lower_block` within the nesting bound; deeper statements are not modelled."""
        if self.depth >= MAX_NESTING:
            self._note_too_deep(node)
            return unknown_statement(node)
        self.depth += 1
        try:
            return self.lower_block(node)
        finally:
            self.depth -= 1

    def expr(self, node: SgNode | None) -> ir.Expr:
        """`lower_expr` within the nesting bound; a deeper expression is an unknown value."""
        if self.depth >= MAX_NESTING:
            self._note_too_deep(node)
            return ir.Opaque(node)
        self.depth += 1
        try:
            return self.lower_expr(node)
        finally:
            self.depth -= 1

    def _note_too_deep(self, node: SgNode | None) -> None:
        line = node.range().start.line + 1 if node is not None else 0
        if not self.too_deep or self.too_deep[-1] != line:
            self.too_deep.append(line)

    def module(self, root: SgNode) -> ir.Module:
        body = self.block(root)
        return ir.Module(body=body, functions=self.functions, too_deep=self.too_deep)

    def first_operand(self, node: SgNode) -> ir.Expr | None:
        """The first child of `return x`, `raise e`, `throw e`... as an expression; None when bare."""
        parts = self.named(node)
        return self.expr(parts[0]) if parts else None


def left_spine(node: SgNode, kinds: frozenset[str]) -> tuple[list[SgNode], SgNode | None]:
    """The operator nodes from the innermost to `node` down a left-nested chain of `kinds`
    (`((a + b) + c) + d`), and the innermost left operand (`a`); found by a loop, not recursion."""
    spine = [node]
    left = node.field("left")
    while left is not None and left.kind() in kinds:
        spine.append(left)
        left = left.field("left")
    spine.reverse()
    return spine, left


def string_from_pieces(node: SgNode, pieces: Iterable[tuple[SgNode, str | ir.Expr]]) -> ir.Expr:
    """A string literal from its pieces in order: literal text, or a lowered value substituted at a node.

    Without substitutions it is one `Const`; with them a `Format` in which each run of text is a
    `Const` (at the substitution that ends the run, the trailing run at `node`).
    """
    parts: list[ir.Expr] = []
    text: list[str] = []
    interpolated = False
    for at, piece in pieces:
        if isinstance(piece, str):
            text.append(piece)
            continue
        interpolated = True
        if text:
            parts.append(ir.Const(at, "".join(text)))
            text = []
        parts.append(piece)
    if not interpolated:
        return ir.Const(node, "".join(text))
    if text:
        parts.append(ir.Const(node, "".join(text)))
    return ir.Format(node, tuple(parts))


def unescaper(
    escape: re.Pattern[str], table: Mapping[str, str], *, keep_unknown: bool
) -> Callable[[str], str]:
    """A decoder of backslash escapes in string literal text.

    `escape` matches a backslash and captures the code after it: a hex escape (a letter, then hex
    digits: the only codes longer than one character) or one character, looked up in `table`.
    An unknown code keeps its backslash when `keep_unknown` (Python), else loses it (JavaScript).
    """

    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        if len(code) > 1:
            return chr(int(code[1:], 16))
        return table.get(code, m.group(0) if keep_unknown else code)

    def unescape(text: str) -> str:
        return escape.sub(one, text) if "\\" in text else text

    return unescape


def inline_callback(node: SgNode, func: ir.FunctionDef) -> ir.Stmt:
    """The callback's body as a branch that may run: parameters unknown, returns not final."""
    shadow: list[ir.Stmt] = [ir.Assign(node, (ir.Name(node, p.name),), ir.Opaque(node)) for p in func.params]
    return ir.If(node, ir.Opaque(node), [*shadow, *without_exits(func.body)], [])


def without_exits(body: list[ir.Stmt]) -> list[ir.Stmt]:
    """A copy of `body` where `return`/`throw` only evaluate their value: a callback or block
    inlined into its caller ends there, not the caller."""
    out: list[ir.Stmt] = []
    for stmt in body:
        if isinstance(stmt, ir.Return | ir.Raise):
            if stmt.value is not None:
                out.append(ir.ExprStmt(stmt.node, stmt.value))
        elif isinstance(stmt, ir.If):
            out.append(ir.If(stmt.node, stmt.test, without_exits(stmt.body), without_exits(stmt.orelse)))
        elif isinstance(stmt, ir.Loop):
            out.append(
                ir.Loop(
                    stmt.node,
                    stmt.target,
                    stmt.iter,
                    stmt.test,
                    without_exits(stmt.body),
                    without_exits(stmt.orelse),
                )
            )
        elif isinstance(stmt, ir.Try):
            handlers = [ir.Handler(h.name, without_exits(h.body)) for h in stmt.handlers]
            out.append(
                ir.Try(
                    stmt.node,
                    without_exits(stmt.body),
                    handlers,
                    without_exits(stmt.orelse),
                    without_exits(stmt.final),
                )
            )
        elif isinstance(stmt, ir.FunctionDef | ir.ClassDef):
            continue  # nested definitions are analysed on their own
        else:
            out.append(stmt)
    return out


_REGISTRY: dict[str, LanguageAdapter] = {}


def register(adapter: LanguageAdapter) -> None:
    for language in adapter.languages:
        _REGISTRY[language] = adapter


def adapter_for(language: str) -> LanguageAdapter | None:
    if not _REGISTRY:
        from vsguard.engine.taint import (  # noqa: F401 - register themselves
            csharp_adapter,
            go_adapter,
            java_adapter,
            javascript_adapter,
            php_adapter,
            python_adapter,
            ruby_adapter,
        )

    return _REGISTRY.get(language)
