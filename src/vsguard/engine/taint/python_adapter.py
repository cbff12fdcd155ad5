"""Python adapter: tree-sitter-python (through ast-grep) lowered to the taint IR.

Tree-sitter keeps going past syntax errors, so snippets and newer syntax still lower (statements
inside an ERROR node as far as their pieces allow). Builtins are the names known without import.
"""

from __future__ import annotations

import builtins
import re

from ast_grep_py import SgNode

from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import (
    LanguageAdapter,
    Lowering,
    bounded,
    left_spine,
    register,
    string_from_pieces,
    unescaper,
    unknown_statement,
)

_SIMPLE_STATEMENTS = frozenset(
    {"pass_statement", "global_statement", "nonlocal_statement", "type_alias_statement"}
)
_JUMPS = frozenset({"continue_statement", "break_statement"})
_TARGET_SEQS = frozenset(
    {"pattern_list", "tuple_pattern", "list_pattern", "tuple", "list", "expression_list"}
)
_COMPREHENSIONS = {
    "list_comprehension": "list",
    "set_comprehension": "set",
    "generator_expression": "generator",
    "dictionary_comprehension": "dict",
}
_OPERATOR_KINDS = frozenset({"binary_operator", "boolean_operator"})
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0"}
_unescape = unescaper(re.compile(r"\\(x[0-9a-fA-F]{2}|.)", re.S), _ESCAPES, keep_unknown=True)


def _named(node: SgNode) -> list[SgNode]:
    kids = node.named_children()
    for c in kids:
        if c.kind() == "comment":
            return [k for k in kids if k.kind() != "comment"]
    return kids


class _Lowering(Lowering):
    named = staticmethod(_named)

    def __init__(self) -> None:
        super().__init__()

    # ------------------------------------------------------------------ statements
    def lower_block(self, node: SgNode | None) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        if node is None:
            return out
        for child in _named(node):
            out.extend(self.stmt(child))
        return out

    @bounded(unknown_statement)
    def stmt(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        if kind == "expression_statement":
            parts = _named(node)
            if len(parts) == 1:
                return self.expression_statement(parts[0])
            return [ir.ExprStmt(node, ir.Seq(node, "tuple", tuple(self.expr(p) for p in parts)))]
        if kind in ("function_definition", "class_definition"):
            return [self.definition(node, ())]
        if kind == "decorated_definition":
            decorators = tuple(
                self.expr(d) for dec in node.children() if dec.kind() == "decorator" for d in _named(dec)
            )
            definition = node.field("definition")
            return [self.definition(definition, decorators)] if definition is not None else []
        if kind == "if_statement":
            return [self.if_statement(node)]
        if kind == "for_statement":
            return [
                ir.Loop(
                    node,
                    target=self.target(node.field("left")),
                    iter=self.expr(node.field("right")),
                    body=self.block(node.field("body")),
                    orelse=self._else_body(node.field("alternative")),
                )
            ]
        if kind == "while_statement":
            return [
                ir.Loop(
                    node,
                    test=self.expr(node.field("condition")),
                    body=self.block(node.field("body")),
                    orelse=self._else_body(node.field("alternative")),
                )
            ]
        if kind == "try_statement":
            return [self.try_statement(node)]
        if kind == "with_statement":
            return [self.with_statement(node)]
        if kind == "return_statement":
            parts = _named(node)
            return [ir.Return(node, self._maybe_tuple(node, parts))]
        if kind == "raise_statement":
            return [ir.Raise(node, self.first_operand(node))]
        if kind == "assert_statement":
            return [ir.Assert(node, self.first_operand(node))]
        if kind in ("import_statement", "import_from_statement", "future_import_statement"):
            return [self.import_statement(node)]
        if kind == "match_statement":
            return [self.match_statement(node)]
        if kind in _JUMPS:
            return [ir.Other(node, terminates=True)]
        if kind in _SIMPLE_STATEMENTS:
            return [ir.Other(node)]
        if kind == "delete_statement":
            return [ir.Other(node, tuple(self.expr(p) for p in _named(node)))]
        if kind in ("print_statement", "exec_statement"):
            return [ir.ExprStmt(node, ir.Opaque(node, tuple(self.expr(p) for p in _named(node))))]
        if kind in ("ERROR", "block", "module"):
            out: list[ir.Stmt] = []
            for child in _named(node):
                out.extend(self.stmt(child))
            return out
        if kind.endswith("_statement") or kind.endswith("_clause"):
            # A statement form this adapter does not model: still evaluate what it contains.
            return [ir.Other(node, tuple(self.expr(p) for p in _named(node) if p.kind() != "block"))]
        return self.expression_statement(node)

    def expression_statement(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        if kind == "assignment":
            targets: list[ir.Expr] = []
            current: SgNode | None = node
            while current is not None and current.kind() == "assignment":
                left = current.field("left")
                if left is not None:
                    targets.append(self.target(left))
                current = current.field("right")
            if current is None:  # annotation only: `x: int`
                return []
            return [ir.Assign(node, tuple(targets), self.expr(current))]
        if kind == "augmented_assignment":
            op = node.field("operator")
            return [
                ir.AugAssign(
                    node,
                    self.target(node.field("left")),
                    (op.text() if op is not None else "+=").rstrip("="),
                    self.expr(node.field("right")),
                )
            ]
        return [ir.ExprStmt(node, self.expr(node))]

    def definition(self, node: SgNode, decorators: tuple[ir.Expr, ...]) -> ir.Stmt:
        name_node = node.field("name")
        name = name_node.text() if name_node is not None else ""
        if node.kind() == "class_definition":
            supers = node.field("superclasses")
            body = self.block(node.field("body"))
            base_nodes = _named(supers) if supers is not None else []
            for stmt in body:
                if isinstance(stmt, ir.FunctionDef):
                    stmt.is_method = True
                    stmt.owner_bases = tuple(b.text() for b in base_nodes)
            bases = tuple(self.expr(b) for b in base_nodes)
            return ir.ClassDef(node, name, bases, body)
        params = self.parameters(node.field("parameters"))
        func = ir.FunctionDef(node, name, params, [], decorators)
        body_node = node.field("body")
        # Bodies are lowered on first use: most are never needed when no sink name occurs in them.
        func.lazy_body = lambda: self.block(body_node)
        self.functions.append(func)
        return func

    def parameters(self, node: SgNode | None) -> tuple[ir.Param, ...]:
        if node is None:
            return ()
        out: list[ir.Param] = []
        for p in _named(node):
            kind = p.kind()
            if kind == "identifier":
                out.append(ir.Param(p.text()))
            elif kind in ("default_parameter", "typed_default_parameter", "typed_parameter"):
                name = p.field("name")
                annotation = p.field("type")
                value = p.field("value")
                if name is None:  # typed_parameter wraps the identifier or a splat pattern
                    inner = _named(p)[0] if _named(p) else None
                    if inner is None:
                        continue
                    star = (
                        "**"
                        if inner.kind() == "dictionary_splat_pattern"
                        else "*"
                        if inner.kind() == "list_splat_pattern"
                        else ""
                    )
                    ident = _named(inner)[0].text() if star and _named(inner) else inner.text()
                    out.append(ir.Param(ident, None, annotation.text() if annotation else "", star))
                    continue
                out.append(
                    ir.Param(
                        name.text(),
                        self.expr(value) if value is not None else None,
                        annotation.text() if annotation is not None else "",
                    )
                )
            elif kind in ("list_splat_pattern", "dictionary_splat_pattern"):
                splat = _named(p)
                if splat:
                    out.append(
                        ir.Param(splat[0].text(), star="**" if kind == "dictionary_splat_pattern" else "*")
                    )
        return tuple(out)

    def if_statement(self, node: SgNode) -> ir.If:
        root = ir.If(node, self.expr(node.field("condition")), self.block(node.field("consequence")))
        current = root
        for alt in node.children():
            if alt.kind() == "elif_clause":
                nested = ir.If(alt, self.expr(alt.field("condition")), self.block(alt.field("consequence")))
                current.orelse = [nested]
                current = nested
            elif alt.kind() == "else_clause":
                current.orelse = self.block(alt.field("body"))
        return root

    def _else_body(self, node: SgNode | None) -> list[ir.Stmt]:
        if node is None:
            return []
        return self.block(node.field("body") or node)

    def try_statement(self, node: SgNode) -> ir.Try:
        result = ir.Try(node, body=self.block(node.field("body")))
        for child in node.children():
            kind = child.kind()
            if kind in ("except_clause", "except_group_clause"):
                name: str | None = None
                body: list[ir.Stmt] = []
                for part in _named(child):
                    if part.kind() == "as_pattern":
                        target = part.find(kind="as_pattern_target")
                        name = target.text() if target is not None else None
                    elif part.kind() == "block":
                        body = self.block(part)
                result.handlers.append(ir.Handler(name, body))
            elif kind == "else_clause":
                result.orelse = self.block(child.field("body"))
            elif kind == "finally_clause":
                blocks = [c for c in _named(child) if c.kind() == "block"]
                result.final = self.block(blocks[0]) if blocks else []
        return result

    def with_statement(self, node: SgNode) -> ir.With:
        items: list[tuple[ir.Expr, ir.Expr | None]] = []
        clause = next((c for c in node.children() if c.kind() == "with_clause"), None)
        for item in _named(clause) if clause is not None else ():
            inner = _named(item)
            if not inner:
                continue
            value = inner[0]
            if value.kind() == "as_pattern":
                parts = _named(value)
                target = value.find(kind="as_pattern_target")
                target_expr = _named(target)[0] if target is not None and _named(target) else None
                items.append(
                    (self.expr(parts[0]), self.target(target_expr) if target_expr is not None else None)
                )
            else:
                items.append((self.expr(value), None))
        return ir.With(node, tuple(items), self.block(node.field("body")))

    def import_statement(self, node: SgNode) -> ir.Import:
        bindings: list[tuple[str, str]] = []
        if node.kind() == "import_statement":
            for part in _named(node):
                if part.kind() == "aliased_import":
                    name, alias = part.field("name"), part.field("alias")
                    if name is not None and alias is not None:
                        bindings.append((alias.text(), name.text()))
                elif part.kind() == "dotted_name":
                    dotted = part.text()
                    # `import os.path` binds `os`; attribute reads rebuild the full path.
                    bindings.append((dotted.split(".")[0], dotted.split(".")[0]))
            return ir.Import(node, tuple(bindings))
        module_node = node.field("module_name")
        module, level = "", 0
        if module_node is not None:
            if module_node.kind() == "relative_import":
                prefix = module_node.find(kind="import_prefix")
                level = prefix.text().count(".") if prefix is not None else 1
                dotted_node = module_node.find(kind="dotted_name")
                module = dotted_node.text() if dotted_node is not None else ""
            else:
                module = module_node.text()
        base = ("." * level) + module
        for part in _named(node):
            if module_node is not None and part.range() == module_node.range():
                continue
            if part.kind() == "aliased_import":
                name, alias = part.field("name"), part.field("alias")
                if name is not None and alias is not None:
                    bindings.append((alias.text(), f"{base}.{name.text()}" if base else name.text()))
            elif part.kind() == "dotted_name":
                bindings.append((part.text(), f"{base}.{part.text()}" if base else part.text()))
        return ir.Import(node, tuple(bindings), module, level)

    def match_statement(self, node: SgNode) -> ir.Match:
        result = ir.Match(node, subject=self.expr(node.field("subject")))
        body = node.field("body")
        for case in _named(body) if body is not None else ():
            if case.kind() != "case_clause":
                continue
            patterns = [c for c in _named(case) if c.kind() == "case_pattern"]
            guard_node = next((c for c in _named(case) if c.kind() == "if_clause"), None)
            guard = (
                self.expr(_named(guard_node)[0]) if guard_node is not None and _named(guard_node) else None
            )
            block = case.field("consequence") or next((c for c in _named(case) if c.kind() == "block"), None)
            captures: list[str] = []
            literal: ir.Expr | None = None
            irrefutable = False
            for pattern in patterns:
                inner = _named(pattern)
                if not inner:  # `case _:`
                    irrefutable = guard is None
                    continue
                if (
                    len(patterns) == 1
                    and len(inner) == 1
                    and inner[0].kind() in ("string", "integer", "float", "true", "false", "none")
                ):
                    literal = self.expr(inner[0])
                for name in pattern.find_all(kind="dotted_name"):
                    if (
                        "." not in name.text()
                        and (parent := name.parent()) is not None
                        and parent.kind() == "case_pattern"
                    ):
                        captures.append(name.text())
                if (
                    len(inner) == 1
                    and inner[0].kind() == "dotted_name"
                    and "." not in inner[0].text()
                    and guard is None
                ):
                    irrefutable = True
            result.cases.append(ir.Case(tuple(captures), literal, guard, self.block(block), irrefutable))
        return result

    # ------------------------------------------------------------------ targets and expressions

    @bounded(ir.Opaque)
    def target(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        kind = node.kind()
        if kind in _TARGET_SEQS:
            elts: list[ir.Expr] = []
            starred = -1
            for i, part in enumerate(_named(node)):
                if part.kind() in ("list_splat_pattern", "list_splat"):
                    starred = i
                    inner = _named(part)
                    elts.append(self.target(inner[0]) if inner else ir.Opaque(part))
                else:
                    elts.append(self.target(part))
            return ir.Unpack(node, tuple(elts), starred)
        if kind == "parenthesized_expression":
            inner = _named(node)
            return self.target(inner[0]) if inner else ir.Opaque(node)
        return self.expr(node)

    def _maybe_tuple(self, node: SgNode, parts: list[SgNode]) -> ir.Expr | None:
        if not parts:
            return None
        if len(parts) == 1:
            return self.expr(parts[0])
        return ir.Seq(node, "tuple", tuple(self.expr(p) for p in parts))

    def lower_expr(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        kind = node.kind()
        if kind == "identifier":
            return ir.Name(node, node.text())
        if kind == "attribute":
            attr = node.field("attribute")
            return ir.Attr(node, self.expr(node.field("object")), attr.text() if attr is not None else "")
        if kind == "call":
            return self.call(node)
        if kind == "string":
            return self.string(node)
        if kind == "concatenated_string":
            pieces = [self.string(s) for s in _named(node) if s.kind() == "string"]
            consts = [p for p in pieces if isinstance(p, ir.Const)]
            if len(consts) == len(pieces):
                return ir.Const(node, "".join(str(c.value) for c in consts))
            flat: list[ir.Expr] = []
            for p in pieces:
                flat.extend(p.parts if isinstance(p, ir.Format) else (p,))
            return ir.Format(node, tuple(flat))
        if kind == "integer":
            return ir.Const(node, _int(node.text()))
        if kind == "float":
            try:
                return ir.Const(node, float(node.text().replace("_", "")))
            except ValueError:
                return ir.Opaque(node)
        if kind == "true":
            return ir.Const(node, True)
        if kind == "false":
            return ir.Const(node, False)
        if kind == "none":
            return ir.Const(node, None)
        if kind == "ellipsis":
            return ir.Const(node, ...)
        if kind == "subscript":
            children = _named(node)
            value = node.field("value")
            keys = [p for p in children if value is None or p.range() != value.range()]
            key = (
                self.expr(keys[0])
                if len(keys) == 1
                else ir.Seq(node, "tuple", tuple(self.expr(k) for k in keys))
            )
            return ir.Index(node, self.expr(value), key)
        if kind in _OPERATOR_KINDS:
            return self.operator_chain(node)
        if kind == "not_operator":
            return ir.UnaryOp(node, "not", self.expr(node.field("argument")))
        if kind == "unary_operator":
            op = node.field("operator")
            return ir.UnaryOp(node, op.text() if op is not None else "-", self.expr(node.field("argument")))
        if kind == "comparison_operator":
            operands: list[ir.Expr] = []
            ops: list[str] = []
            for child in node.children():
                if child.kind() == "comment":  # a comment inside a parenthesised condition
                    continue
                if child.is_named():
                    operands.append(self.expr(child))
                else:
                    ops.append(" ".join(child.text().split()))
            return ir.Compare(node, tuple(operands), tuple(ops))
        if kind == "conditional_expression":
            branches = _named(node)
            if len(branches) == 3:
                return ir.IfExp(node, self.expr(branches[1]), self.expr(branches[0]), self.expr(branches[2]))
            return ir.Opaque(node, tuple(self.expr(p) for p in branches))
        if kind == "parenthesized_expression":
            inner = _named(node)
            return (
                self.expr(inner[0])
                if len(inner) == 1
                else ir.Opaque(node, tuple(self.expr(p) for p in inner))
            )
        if kind in ("list", "tuple", "set", "expression_list", "pattern_list"):
            seq_kind = kind if kind in ("list", "set") else "tuple"
            return ir.Seq(node, seq_kind, tuple(self.expr(p) for p in _named(node)))
        if kind == "dictionary":
            items: list[tuple[ir.Expr | None, ir.Expr]] = []
            for part in _named(node):
                if part.kind() == "pair":
                    items.append((self.expr(part.field("key")), self.expr(part.field("value"))))
                elif part.kind() == "dictionary_splat":
                    inner = _named(part)
                    items.append((None, self.expr(inner[0]) if inner else ir.Opaque(part)))
            return ir.DictLit(node, tuple(items))
        if kind == "await":
            inner = _named(node)
            return ir.Await(node, self.expr(inner[0]) if inner else None)
        if kind in _COMPREHENSIONS:
            return self.comprehension(node, _COMPREHENSIONS[kind])
        if kind == "lambda":
            return ir.Opaque(node)
        if kind in (
            "list_splat",
            "dictionary_splat",
            "keyword_argument",
            "yield",
            "named_expression",
            "slice",
        ):
            return ir.Opaque(node, tuple(self.expr(p) for p in _named(node)))
        if kind in ("dotted_name",):
            names = node.text().split(".")
            result: ir.Expr = ir.Name(node, names[0])
            for member in names[1:]:
                result = ir.Attr(node, result, member)
            return result
        return ir.Opaque(node, tuple(self.expr(p) for p in _named(node)))

    def operator_chain(self, node: SgNode) -> ir.Expr:
        """`a + b + c ...` (and `x and y and z ...`) nest to the left: lowered along that spine in a
        loop, so a long chain costs no recursion; `and`/`or` chains become one `BoolOp`."""
        spine, innermost = left_spine(node, _OPERATOR_KINDS)
        result = self.expr(innermost)
        for link in spine:
            op_node = link.field("operator")
            right = self.expr(link.field("right"))
            if link.kind() == "binary_operator":
                result = ir.BinOp(link, op_node.text() if op_node is not None else "?", result, right)
                continue
            op = op_node.text() if op_node is not None else "and"
            if isinstance(result, ir.BoolOp) and result.op == op:
                result = ir.BoolOp(link, op, (*result.values, right))
            else:
                result = ir.BoolOp(link, op, (result, right))
        return result

    def call(self, node: SgNode) -> ir.Call:
        args: list[ir.Expr] = []
        kwargs: list[tuple[str, ir.Expr]] = []
        star_args: list[ir.Expr] = []
        star_kwargs: list[ir.Expr] = []
        arguments = node.field("arguments")
        if arguments is not None and arguments.kind() == "generator_expression":
            args.append(self.expr(arguments))
        elif arguments is not None:
            for arg in _named(arguments):
                kind = arg.kind()
                if kind == "keyword_argument":
                    name = arg.field("name")
                    kwargs.append((name.text() if name is not None else "", self.expr(arg.field("value"))))
                elif kind == "list_splat":
                    inner = _named(arg)
                    star_args.append(self.expr(inner[0]) if inner else ir.Opaque(arg))
                elif kind == "dictionary_splat":
                    inner = _named(arg)
                    star_kwargs.append(self.expr(inner[0]) if inner else ir.Opaque(arg))
                else:
                    args.append(self.expr(arg))
        return ir.Call(
            node,
            self.expr(node.field("function")),
            tuple(args),
            tuple(kwargs),
            tuple(star_args),
            tuple(star_kwargs),
        )

    def string(self, node: SgNode) -> ir.Expr:
        pieces: list[tuple[SgNode, str | ir.Expr]] = []
        raw_string = False
        for child in node.children():
            kind = child.kind()
            if kind == "string_start":
                raw_string = "r" in child.text().lower()
            elif kind == "string_content" or kind == "escape_sequence":
                pieces.append((child, child.text() if raw_string else _unescape(child.text())))
            elif kind == "interpolation":
                inner = [c for c in _named(child) if c.kind() not in ("type_conversion", "format_specifier")]
                pieces.append((child, self.expr(inner[0]) if inner else ir.Opaque(child)))
        return string_from_pieces(node, pieces)

    def comprehension(self, node: SgNode, kind: str) -> ir.Comp:
        generators: list[tuple[ir.Expr, ir.Expr]] = []
        conditions: list[ir.Expr] = []
        elt: ir.Expr | None = None
        key: ir.Expr | None = None
        for part in _named(node):
            pk = part.kind()
            if pk == "for_in_clause":
                generators.append((self.target(part.field("left")), self.expr(part.field("right"))))
            elif pk == "if_clause":
                inner = _named(part)
                if inner:
                    conditions.append(self.expr(inner[0]))
            elif pk == "pair":
                key, elt = self.expr(part.field("key")), self.expr(part.field("value"))
            elif elt is None:
                elt = self.expr(part)
        return ir.Comp(node, tuple(generators), tuple(conditions), elt, key, kind)


def _int(text: str) -> object:
    try:
        return int(text.replace("_", ""), 0)
    except ValueError:
        return text


class PythonAdapter(LanguageAdapter):
    languages = ("python",)
    catalog_file = "catalog_python.yaml"
    global_names = frozenset(dir(builtins))
    module_suffixes = (".py",)
    lowering = _Lowering


register(PythonAdapter())
