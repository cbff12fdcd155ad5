"""Calls: sinks checked at each call, library flow summaries, and calls into analysed helpers."""

from __future__ import annotations

import re

from vsguard.engine.taint import ir
from vsguard.engine.taint.folding import (
    fold_conversion,
)
from vsguard.engine.taint.spec import Library
from vsguard.engine.taint.state import AnalysisBase, Env, Frame
from vsguard.engine.taint.summaries import HelperCall
from vsguard.engine.taint.support import (
    _CONVERSION,
    _DERIVED,
    _FIRST_ARG,
    _NEWLINES,
    _NO_FLAGS,
    _PATH_RESULT,
    _TERMINATES,
    _URL_PARSER,
    _apply_summary,
    _as_object_data,
    _base_taints,
    _container,
    _is_object,
    _is_str,
    _LazyStep,
    _path,
    _step,
)
from vsguard.engine.taint.values import (
    ALL_CLASSES,
    EMPTY,
    NO_CONST,
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


class Calls(AnalysisBase):
    def _call(self, call: ir.Call, env: Env, frame: Frame) -> Value:
        receiver: Value | None = None
        method = ""
        if isinstance(call.func, ir.Attr):
            path = _path(call.func)
            receiver = self.eval(call.func.obj, env, frame)
            method = call.func.attr
            func = env[path] if path and path in env else self._attribute(receiver, method, call.func.node)
        else:
            func = self.eval(call.func, env, frame)
        args = [self.eval(a, env, frame) for a in call.args]
        kwargs = {name: self.eval(v, env, frame) for name, v in call.kwargs}
        star = [self.eval(a, env, frame) for a in call.star_args]
        star_kw = [self.eval(a, env, frame) for a in call.star_kwargs]
        qual = func.qual or ""
        if qual and (frame.report or frame.param_sinks is not None):
            for spec, sink in self._sinks_for(qual):
                self._check_sink(spec, sink, call, receiver, args, kwargs, star, star_kw, frame)
        flags = self._flags(qual) if qual else _NO_FLAGS
        if flags & _TERMINATES:
            frame.terminated_by_call = True
        every = [*args, *kwargs.values(), *star, *star_kw]
        arg_taints = frozenset().union(*(v.taints for v in every)) if every else frozenset()
        helper = self._helper_call(qual, call, args, kwargs, frame) if qual else None
        result = self._call_result(
            call, qual, func, receiver, method, args, kwargs, every, arg_taints, env, frame, helper
        )
        result_qual = f"{qual}()" if qual else None
        if result_qual:
            extra = self._source_taints(result_qual, result, call.node)
            if extra:
                result = result.with_taints(result.taints | extra)
            facts = tuple((k, v.const) for k, v in kwargs.items() if v.is_const)
            shape = "path" if flags & _PATH_RESULT else result.shape
            result = result.evolve(qual=result_qual, facts=facts or result.facts, shape=shape)
        return result

    def _call_result(
        self,
        call: ir.Call,
        qual: str,
        func: Value,
        receiver: Value | None,
        method: str,
        args: list[Value],
        kwargs: dict[str, Value],
        every: list[Value],
        arg_taints: frozenset[Taint],
        env: Env,
        frame: Frame,
        helper: HelperCall | None,
    ) -> Value:
        """The value a call returns. `helper`: the callee's summary, with this call's arguments in
        place of its parameters (what the catalog says of the callee still comes first)."""
        step = _LazyStep(call.node)
        lib = self.catalog.library
        flags = self._flags(qual) if qual else _NO_FLAGS
        if flags & _CONVERSION:
            if all(v.is_const for v in every) and every:
                folded = fold_conversion(qual, [v.const for v in every])
                if folded is not NO_CONST:
                    return const(folded)
            return clear(
                Value(taints=arg_taints, shape="number"),
                frozenset({ALL_CLASSES}),
                step.get() if arg_taints else None,
            )
        if flags & _FIRST_ARG:
            keyword = lib.first_arg_keyword
            first = args[0] if args else kwargs.get(keyword, EMPTY) if keyword else EMPTY
            return Value(taints=first.taints, shape="call").with_taints(first.taints)
        cleared = self._clears(qual, args[0] if len(args) == 1 else None) if qual else None
        if cleared is not None:
            base = receiver if receiver is not None and not args else (args[0] if args else EMPTY)
            if receiver is not None and receiver.taints and method in lib.path_keep_receiver:
                base = receiver
            shape = "path" if base.shape == "path" else "call"
            return clear(Value(taints=base.taints, shape=shape), cleared, step.get() if base.taints else None)
        if flags & _DERIVED:
            receiver_taints = receiver.taints if receiver is not None else frozenset()
            derived = (
                unknown(f"result of {qual}()", step.get()).taints
                if arg_taints or receiver_taints
                else frozenset()
            )
            return Value(taints=receiver_taints | derived, shape="call")
        if flags & _URL_PARSER and call.args:
            source_path = _path(call.args[0])
            parsed = Value(taints=arg_taints, shape="call").with_taints(arg_taints) if arg_taints else Value()
            return parsed.evolve(facts=(("url_of", source_path),)) if source_path else parsed
        if helper is not None:
            summary, actuals, offset = helper
            taken = step.get() if any(a.taints for a in actuals) else None
            return _apply_summary(summary.returns, actuals, offset, taken)
        if receiver is not None:
            method_result = self._method_result(method, receiver, args, kwargs, arg_taints, call, env, frame)
            if method_result is not None:
                return method_result
        if qual in lib.copy_constructors:
            if len(args) == 1 and not kwargs:
                base = args[0]
                if qual == lib.text_constructor:
                    if base.is_const:
                        return base
                    kept = tuple(f for f in base.facts if f[0] == "not_prefix")  # text of a text
                    return Value(taints=base.taints, shape="str", prefix=base.prefix, facts=kept)
                return base.evolve(qual=None, const=base.const if qual == lib.tuple_constructor else NO_CONST)
            if qual == lib.mapping_constructor and not args and kwargs:
                return _container(list(kwargs.items()), False)
            if not every:
                return Value(shape="container", elems=() if qual == lib.mapping_constructor else None)
        if receiver is not None and _is_object(receiver):
            arg_taints = _as_object_data(arg_taints)
        taints = func.taints | arg_taints
        return Value(taints=taints, shape="call").with_taints(taints) if taints else Value(shape="call")

    def _method_result(
        self,
        method: str,
        receiver: Value,
        args: list[Value],
        kwargs: dict[str, Value],
        arg_taints: frozenset[Taint],
        call: ir.Call,
        env: Env,
        frame: Frame,
    ) -> Value | None:
        lib = self.catalog.library
        if method in lib.format_methods and _is_str(receiver):
            return (
                self._format([receiver, *args, *kwargs.values()])
                if not (receiver.is_const and not arg_taints and not args and not kwargs)
                else receiver
            )
        if method in lib.join_methods and _is_str(receiver):
            parts = [receiver, *args]
            if all(p.is_const for p in parts) or (
                receiver.is_const
                and args
                and args[0].elems is not None
                and all(v.is_const for _, v in args[0].elems)
            ):
                return Value(shape="str")
            built = mark_built(receiver.taints | arg_taints)
            return Value(taints=built, shape="str").with_taints(built)
        if method in lib.lookup_methods and args:
            key = args[0]
            default = args[1] if len(args) > 1 else kwargs.get("default", const(None))
            if key.is_const:
                item = receiver.elem(key.const)
                if item is not None:
                    return item
            if receiver.elems is not None and not receiver.taints:
                return join_all([default, *(v for _, v in receiver.elems)])
            if key.is_const and receiver.elems:
                receiver = receiver.with_taints(_base_taints(receiver))
            return (
                join(Value(taints=receiver.taints), default)
                if receiver.taints
                else default
                if default.taints
                else Value()
            )
        stripped = _stripped_leading(method, args, lib)
        if stripped is not None:  # what is left cannot start with these characters
            facts = tuple(("not_prefix", c) for c in stripped)
            return Value(taints=receiver.taints, shape="str", facts=facts)
        if method in lib.class_filters and _keeps_no_line_break(args):
            # only the characters of a class without CR/LF are left: no line can be forged
            out = Value(taints=receiver.taints, shape=receiver.shape)
            return clear(out, frozenset({"log_injection", "header_injection"}), _step(call.node))
        if method in lib.replace_methods and len(args) >= 2:
            old = args[0]
            out = Value(taints=receiver.taints | args[1].taints, shape=receiver.shape)
            if old.is_const and isinstance(old.const, str) and any(n in old.const for n in _NEWLINES):
                return clear(out, frozenset({"log_injection", "header_injection"}), _step(call.node))
            return out
        if method in lib.mutators:
            self._mutate(call, receiver, method, args, kwargs, arg_taints, env)
            if method in lib.builder_appends:  # the builder itself, its text now holding the arguments
                built = mark_built(arg_taints)
                return receiver.evolve(
                    taints=receiver.with_taints(receiver.taints | built).taints, elems=None, const=NO_CONST
                )
            return const(None)
        if method in lib.keep_methods:
            if receiver.is_const and not arg_taints:
                return Value(shape=receiver.shape)
            if _is_object(receiver):
                arg_taints = _as_object_data(arg_taints)
            return Value(
                taints=receiver.taints | arg_taints,
                shape=receiver.shape if receiver.shape != "container" else None,
            )
        return None

    def _mutate(
        self,
        call: ir.Call,
        receiver: Value,
        method: str,
        args: list[Value],
        kwargs: dict[str, Value],
        arg_taints: frozenset[Taint],
        env: Env,
    ) -> None:
        lib = self.catalog.library
        obj = call.func.obj if isinstance(call.func, ir.Attr) else None
        # in a chain `b.add(x).add(y)` every call adds to the builder `b` the chain starts from
        while (
            isinstance(obj, ir.Call)
            and isinstance(obj.func, ir.Attr)
            and obj.func.attr in lib.builder_appends
        ):
            obj = obj.func.obj
        path = _path(obj) if obj is not None else None
        if not path:
            return
        if obj is not (call.func.obj if isinstance(call.func, ir.Attr) else None):
            receiver = env.get(path, receiver)
        elems = receiver.elems
        if method in lib.appenders and elems is not None and args:
            elems = (*elems, (len(elems), args[0]))
        elif method in lib.mergers and args and args[0].elems is not None and elems is not None:
            new_keys = {k for k, _ in args[0].elems}
            elems = tuple((k, v) for k, v in elems if k not in new_keys) + args[0].elems
        elif method in lib.mergers and kwargs and elems is not None:
            elems = tuple((k, v) for k, v in elems if k not in kwargs) + tuple(kwargs.items())
        elif method in lib.defaulters:
            pass  # adds a key only when absent: every known entry stays as it was
        else:
            elems = None
        if method in lib.builder_appends:
            arg_taints = mark_built(arg_taints)  # text assembled from the appended values
        env[path] = receiver.evolve(
            taints=receiver.with_taints(receiver.taints | arg_taints).taints, elems=elems, const=NO_CONST
        )

    def _flags(self, qual: str) -> int:
        """What the catalog says about a callee, as bits; memoised per qualified name."""
        found = self._flag_cache.get(qual)
        if found is None:
            cat = self.catalog
            found = (
                (_TERMINATES if cat.terminators.search(qual) else 0)
                | (_CONVERSION if cat.conversions.search(qual) else 0)
                | (_DERIVED if cat.derived_results.search(qual) else 0)
                | (_URL_PARSER if cat.library.url_parsers.search(qual) else 0)
                | (_PATH_RESULT if cat.library.path_constructors.search(f"{qual}()") else 0)
                | (_FIRST_ARG if cat.first_arg_carries.search(qual) else 0)
            )
            self._flag_cache[qual] = found
        return found

    def _clears(self, qual: str, base: Value | None = None) -> frozenset[str] | None:
        """Classes a call clears; `base` (the argument) for sanitizers that ask its known start."""
        if base is not None:
            lead = leading_text(base)
            extra = {
                c
                for s in self.sanitizers
                if s.leading is not None and lead and s.leading.search(lead) and s.callee.search(qual)
                for c in s.clears
            }
            if extra:
                return frozenset(extra | (self._clears(qual) or frozenset()))
        if qual in self._clear_cache:
            return self._clear_cache[qual]
        classes: set[str] = set()
        for sanitizer in self.sanitizers:
            if sanitizer.leading is None and sanitizer.callee.search(qual):
                classes |= sanitizer.clears
        result = frozenset(classes) if classes else None
        self._clear_cache[qual] = result
        return result


_CLASS_ESCAPES = {"s": " \t\r\n\f\v", "t": "\t", "r": "\r", "n": "\n", "f": "\f", "v": "\v"}


def _stripped_leading(method: str, args: list[Value], lib: Library) -> str | None:
    """The characters a leading-strip call removes (`lstrip("/")`, `replace(/^[/\\]+/, "")`)."""
    if not args or not (args[0].is_const and isinstance(args[0].const, str)):
        return None
    if method in lib.leading_strippers:
        return args[0].const or None
    if method in lib.leading_pattern_removers and len(args) >= 2 and args[1].is_const and args[1].const == "":
        return _leading_class(args[0].const)
    return None


def _leading_class(pattern: str) -> str | None:
    """The characters of `^[...]+` (a regex literal's delimiters and flags allowed), or None."""
    if pattern.startswith("/") and pattern.rfind("/") > 0:
        pattern = pattern[1 : pattern.rfind("/")]
    if not (pattern.startswith("^[") and pattern.endswith(("]+", "]*"))) or pattern.startswith("^[^"):
        return None
    body, chars, i = pattern[2:-2], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            chars.append(_CLASS_ESCAPES.get(nxt, nxt if not nxt.isalnum() else ""))
            i += 2
            continue
        if ch in "[]" or (ch == "-" and 0 < i < len(body) - 1):
            return None  # nested classes and ranges are not read
        chars.append(ch)
        i += 1
    return "".join(chars) or None


_NEGATED_CLASS = re.compile(r"^\[\^((?:\\.|[^\]\\])+)\][+*]?$")


def _keeps_no_line_break(args: list[Value]) -> bool:
    """`(pattern, "")` deleting every character outside a class that holds no line break."""
    if len(args) < 2 or not (args[1].is_const and args[1].const == ""):
        return False
    pattern = args[0].const if args[0].is_const else None
    found = _NEGATED_CLASS.match(pattern) if isinstance(pattern, str) else None
    if found is None:
        return False
    kept = found.group(1)
    # a range could span CR/LF (only `\x00-\x1f` style ones can: letters and digits cannot)
    spans = re.findall(r"(.)-(.)", kept)
    if any(ord(lo) <= 13 <= ord(hi) or ord(lo) <= 10 <= ord(hi) for lo, hi in spans):
        return False
    if "\n" in kept or "\r" in kept:
        return False
    return not any(f"\\{c}" in kept for c in "nrsvRWSDpPxu0c")  # escapes that may stand for CR/LF
