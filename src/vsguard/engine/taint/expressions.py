"""Expressions: names, attributes, literals, operators, formatting and comprehensions."""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.engine.taint import ir
from vsguard.engine.taint.folding import (
    fits,
    fold_binary,
    fold_compare,
    fold_format,
    fold_unary,
    truthy,
)
from vsguard.engine.taint.state import AnalysisBase, Env, Frame
from vsguard.engine.taint.support import (
    _NUMERIC_OPS,
    NUMBER,
    _base_taints,
    _container,
    _in_url_tail,
    _is_str,
    _lead_facts,
    _line,
    _marks_url_tail,
    _path,
    _printf_url_tail,
    _text,
)
from vsguard.engine.taint.values import (
    ALL_CLASSES,
    EMPTY,
    MAX_PREFIX,
    NO_CONST,
    SOURCE,
    Step,
    Taint,
    Value,
    clear,
    const,
    join,
    join_all,
    leading_text,
    mark_built,
    unknown,
)


class Expressions(AnalysisBase):
    def eval(self, expr: ir.Expr | None, env: Env, frame: Frame) -> Value:
        if expr is None:
            return EMPTY
        if isinstance(expr, ir.Name):
            return self._lookup(expr.id, env)
        if isinstance(expr, ir.Const):
            # a huge number literal (hex has no digit limit) is not worth knowing exactly
            return const(expr.value) if not isinstance(expr.value, int) or fits(expr.value) else NUMBER
        if isinstance(expr, ir.Call):
            return self._call(expr, env, frame)
        if isinstance(expr, ir.Attr):
            path = _path(expr)
            if path and path in env:
                return env[path]
            return self._attribute(self.eval(expr.obj, env, frame), expr.attr, expr.node)
        if isinstance(expr, ir.Format):
            return self._format([self.eval(p, env, frame) for p in expr.parts])
        if isinstance(expr, ir.BinOp):
            return self._binop_chain(expr, env, frame)
        if isinstance(expr, ir.Index):
            item = self._index(self.eval(expr.obj, env, frame), self.eval(expr.key, env, frame))
            if item.qual:  # an item read can be a source of its own (`env[...]` of a web server)
                extra = self._source_taints(item.qual, item, expr.node)
                if extra:
                    item = item.with_taints(item.taints | extra)
            return item
        if isinstance(expr, ir.Seq):
            values = [self.eval(e, env, frame) for e in expr.elts]
            return _container(list(enumerate(values)), expr.kind == "tuple")
        if isinstance(expr, ir.DictLit):
            return self._dict(expr, env, frame)
        if isinstance(expr, ir.Compare):
            return self._compare(expr, env, frame)
        if isinstance(expr, ir.BoolOp):
            return self._boolop(expr, env, frame)
        if isinstance(expr, ir.UnaryOp):
            operand = self.eval(expr.operand, env, frame)
            if operand.is_const:
                folded = fold_unary(expr.op, operand.const)
                if folded is not NO_CONST:
                    return const(folded)
            if expr.op == "not":
                return Value(shape="number")
            return Value(taints=operand.taints, shape=operand.shape)
        if isinstance(expr, ir.IfExp):
            test = self.eval(expr.test, env, frame)
            if test.is_const:
                return self.eval(expr.body if truthy(test.const) else expr.orelse, env, frame)
            env_true, env_false = self._split(expr.test, env, frame)
            return join(self.eval(expr.body, env_true, frame), self.eval(expr.orelse, env_false, frame))
        if isinstance(expr, ir.Await):
            return self.eval(expr.value, env, frame)
        if isinstance(expr, ir.Comp):
            return self._comprehension(expr, env, frame)
        if isinstance(expr, ir.Unpack):
            values = [self.eval(e, env, frame) for e in expr.elts]
            return _container(list(enumerate(values)), True)
        if isinstance(expr, ir.Opaque):
            values = [self.eval(p, env, frame) for p in expr.parts]
            taints = frozenset().union(*(v.taints for v in values)) if values else frozenset()
            return Value(taints=taints | unknown("expression").taints)
        return unknown("expression")

    def _binop_chain(self, expr: ir.BinOp, env: Env, frame: Frame) -> Value:
        """`a + b + c ...`: the left-nested chain folded in a loop, left to right (no recursion)."""
        spine: list[ir.BinOp] = []
        left: ir.Expr | None = expr
        while isinstance(left, ir.BinOp):
            spine.append(left)
            left = left.left
        value = self.eval(left, env, frame)
        for link in reversed(spine):
            value = self._binop(link.op, value, self.eval(link.right, env, frame), link.node)
        return value

    def _lookup(self, name: str, env: Env) -> Value:
        value = env.get(name)
        if value is not None:
            return value
        value = self.globals.get(name)
        if value is not None:
            return value
        if name in self.catalog.library.global_names:
            return Value(qual=name)
        if name in self.functions:
            return Value(qual=name)
        return unknown(name).evolve(qual=name)

    def _attribute(self, obj: Value, attr: str, node: SgNode | None) -> Value:
        base = obj.qual or (self.catalog.library.path_type if obj.shape == "path" else None)
        qual = f"{base}.{attr}" if base else None
        taints = obj.taints
        if qual:
            taints = taints | self._source_taints(qual, obj, node)
        shape = "path" if obj.shape == "path" else None
        return Value(taints=taints, qual=qual, shape=shape) if taints or qual else EMPTY

    def _source_taints(self, qual: str, obj: Value, node: SgNode | None) -> frozenset[Taint]:
        groups = self._source_cache.get(qual)
        if groups is None:
            groups = tuple(
                name
                for name, (_, pattern) in self.catalog.sources.items()
                if name in self._wanted_sources and pattern.search(qual)
            )
            self._source_cache[qual] = groups
        if groups:
            present = {t.label for t in obj.taints if t.kind == SOURCE}
            groups = tuple(g for g in groups if g not in present)
        if not groups:
            return frozenset()
        origin = Step(_line(node), _text(node))
        return frozenset(Taint(SOURCE, g, origin) for g in groups)

    def _index(self, obj: Value, key: Value) -> Value:
        if key.is_const:
            item = obj.elem(key.const)
            if item is not None:
                return item
            if obj.elems:
                obj = obj.with_taints(_base_taints(obj))
        if obj.elems is not None and not obj.taints:
            # A constant table read with any key yields one of its constants.
            return join_all([v for _, v in obj.elems]) if obj.elems else EMPTY
        qual = f"{obj.qual}[]" if obj.qual else None
        if not obj.taints:
            return EMPTY if obj.is_const or obj.shape == "container" else Value(qual=qual)
        return Value(taints=obj.taints, qual=qual)

    def _dict(self, expr: ir.DictLit, env: Env, frame: Frame) -> Value:
        items: list[tuple[object, Value]] = []
        taints: frozenset[Taint] = frozenset()
        complete = True
        for key_expr, value_expr in expr.items:
            value = self.eval(value_expr, env, frame)
            taints |= value.taints
            if key_expr is None:
                complete = False
                items.extend(value.elems or ())
                continue
            key = self.eval(key_expr, env, frame)
            if key.is_const:
                items.append((key.const, value))
            else:
                complete = False
                taints |= key.taints
        out = _container(items, False)
        return out.with_taints(out.taints | taints) if not complete else out

    def _format(self, parts: list[Value]) -> Value:
        taints: frozenset[Taint] = frozenset()
        if all(p.is_const for p in parts):
            text = fold_format(p.const for p in parts)
            if text is not NO_CONST:
                return const(text)
            return Value(shape="str")
        prefix_parts: list[str] = []
        prefix_open = True
        tail = False
        facts: tuple[tuple[str, object], ...] = ()
        for p in parts:
            if tail:
                p = _in_url_tail(p)
            taints |= p.taints
            tail = tail or _marks_url_tail(p)
            if prefix_open:
                if p.is_const:
                    prefix_parts.append(str(p.const))
                else:
                    facts = _lead_facts("".join(prefix_parts), p)
                    if p.prefix:
                        prefix_parts.append(p.prefix)
                    prefix_open = False
        prefix = "".join(prefix_parts)[:MAX_PREFIX] or None
        built = mark_built(taints)
        return Value(taints=built, shape="str", prefix=prefix, facts=facts).with_taints(built)

    def _binop(self, op: str, left: Value, right: Value, node: SgNode | None) -> Value:
        if left.is_const and right.is_const:
            folded = fold_binary(op, left.const, right.const)
            if folded is not NO_CONST:
                return const(folded)
        printf = self.catalog.library.percent_formats_text and op == "%"
        if op == "+" and _marks_url_tail(left):
            right = _in_url_tail(right)
        elif printf and left.is_const and isinstance(left.const, str):
            right = _printf_url_tail(left.const, right)
        taints = left.taints | right.taints
        # `template % {...}` / `template % (a, b)`: only string formatting takes a mapping or tuple
        stringy = (
            _is_str(left)
            or (op == "+" and _is_str(right))
            or (printf and right.shape == "container" and not left.is_const)
        )
        if (op == "+" or printf) and stringy:
            built = mark_built(taints)
            prefix = leading_text(left)
            if printf and prefix is not None:
                prefix = prefix.split("%", 1)[0] or None  # only the text before the first conversion is fixed
            facts = _lead_facts(left.const, right) if op == "+" and isinstance(left.const, str) else ()
            return Value(taints=built, shape="str", prefix=prefix, facts=facts).with_taints(built)
        if op == "/" and (
            left.shape == "path" or (left.qual and self.catalog.library.path_constructors.search(left.qual))
        ):
            return Value(taints=taints, shape="path").with_taints(taints)
        if op in _NUMERIC_OPS or (op == "*" and "number" in (left.shape, right.shape) and not stringy):
            # the result is a number (or the operation fails): no text survives
            return clear(Value(taints=taints, shape="number"), frozenset({ALL_CLASSES}), None)
        shape = left.shape if left.shape == right.shape and left.shape in ("number", "call") else None
        return Value(taints=taints, shape=shape).with_taints(taints)

    def _compare(self, expr: ir.Compare, env: Env, frame: Frame) -> Value:
        values = [self.eval(e, env, frame) for e in expr.operands]
        if all(v.is_const for v in values) and len(values) == len(expr.ops) + 1:
            result: object = True
            for op, a, b in zip(expr.ops, values, values[1:], strict=False):
                folded = fold_compare(op, a.const, b.const)
                if folded is NO_CONST:
                    result = NO_CONST
                    break
                if not folded:
                    result = False
                    break
            if result is not NO_CONST:
                return const(result)
        return Value(shape="number")

    def _boolop(self, expr: ir.BoolOp, env: Env, frame: Frame) -> Value:
        seen: list[Value] = []
        local = dict(env)
        for operand in expr.values:
            value = self.eval(operand, local, frame)
            if value.is_const:
                truth = truthy(value.const)
                if (expr.op == "and" and not truth) or (expr.op == "or" and truth):
                    return value if not seen else join_all([*seen, value])
                continue  # this operand is skipped over at run time
            seen.append(value)
            self.refine(operand, expr.op == "and", local, frame)
        return join_all(seen) if seen else const(expr.op == "and")

    def _comprehension(self, expr: ir.Comp, env: Env, frame: Frame) -> Value:
        local = dict(env)
        for target, iterable in expr.generators:
            self.assign(target, self._element(self.eval(iterable, local, frame)), local, frame, None)
        for cond in expr.conditions:
            self.eval(cond, local, frame)
            self.refine(cond, True, local, frame)
        elt = self.eval(expr.elt, local, frame)
        key = self.eval(expr.key, local, frame) if expr.key is not None else EMPTY
        taints = elt.taints | key.taints
        fixed_keys = expr.key is not None and not any(not t.clears("mass_assignment") for t in key.taints)
        return Value(taints=taints, shape="fixed_keys" if fixed_keys else "container").with_taints(taints)

    def _element(self, container: Value) -> Value:
        if container.elems is not None and not container.taints:
            return join_all([v for _, v in container.elems]) if container.elems else EMPTY
        if container.elems:
            return join_all([v for _, v in container.elems])
        if container.is_const and isinstance(container.const, str):
            return Value(shape="str")
        return Value(taints=container.taints)
