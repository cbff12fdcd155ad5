"""C and C++ rewrites: bounded string functions sized from the destination array, constant formats,
and TLS verification switched back on.

Sizes come from `sizeof dst`, so a rewrite is only offered when `dst` is an array declared in the
same function or file (for a pointer, `sizeof` would give the pointer's size, not the buffer's).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Strategy, Target, register
from vsguard.fixes.strategies._common import CallStrategy, arguments, enclosing, on_call
from vsguard.records import record

C = ("c",)  # C++ files run the C rules through the rule family, so these cover both


@record(frozen=True)
class _Call:
    """The C call around a finding."""

    node: SgNode
    prefix: str  # namespace prefix such as `std::`, kept on rewritten names
    name: str  # bare function name
    args: list[SgNode]


def _read_call(node: SgNode) -> tuple[_Call] | None:
    call = enclosing(node, "call_expression")
    if call is None:
        return None
    func = call.field("function")
    prefix, _, name = (func.text() if func is not None else "").rpartition("::")
    return (_Call(call, prefix + "::" if prefix else "", name, arguments(call)),)


def _on_call(strategy: str) -> Callable[[CallStrategy], Strategy]:
    """Register a C strategy on the call around the finding; it is given (target, call)."""
    return on_call(strategy, C, _read_call)


def array_size(node: SgNode, name: str) -> str | None:
    """The declared size of array `name` visible from `node` (function first, then file)."""
    scopes = [s for s in (enclosing(node, "function_definition"), node.get_root().root()) if s is not None]
    for scope in scopes:
        for decl in scope.find_all(kind="array_declarator"):
            inner = decl.field("declarator")
            size = decl.field("size")
            if inner is not None and inner.text() == name:
                return size.text() if size is not None else ""
    return None


def _array_argument(call: _Call, index: int) -> SgNode | NoRewrite:
    """Argument `index` when it names an array whose declaration is in sight (so `sizeof` is its size)."""
    args = call.args
    if len(args) <= index or args[index].kind() != "identifier":
        return NoRewrite("the destination is not a plain variable")
    if array_size(call.node, args[index].text()) is None:
        return NoRewrite(f"`{args[index].text()}` is not an array declared here, so its size is unknown")
    return args[index]


@_on_call("remove_verify_false")
def c_tls(_: Target, call: _Call) -> Rewrite | NoRewrite:
    name, args = call.name, call.args
    if name in ("SSL_CTX_set_verify", "SSL_set_verify") and len(args) >= 2:
        return Rewrite(
            (Edit.replace(args[1], "SSL_VERIFY_PEER"),),
            "The peer certificate is now verified (SSL_VERIFY_PEER); make sure trusted CAs are loaded with "
            "SSL_CTX_set_default_verify_paths or SSL_CTX_load_verify_locations.",
        )
    if name == "curl_easy_setopt" and len(args) >= 3:
        value = "2L" if args[1].text().endswith("VERIFYHOST") else "1L"
        return Rewrite(
            (Edit.replace(args[2], value),),
            f"{args[1].text()} is set back to {value}, so libcurl verifies the server's "
            "certificate and name.",
        )
    return NoRewrite("unrecognised verification setting")


@_on_call("gets_to_fgets")
def c_gets(_: Target, call: _Call) -> Rewrite | NoRewrite:
    if call.name != "gets":
        return NoRewrite("wide-character gets has no drop-in bounded twin here")
    buf = _array_argument(call, 0)
    if isinstance(buf, NoRewrite):
        return buf
    return Rewrite(
        (Edit.replace(call.node, f"{call.prefix}fgets({buf.text()}, sizeof {buf.text()}, stdin)"),),
        f"gets is replaced by fgets bounded by sizeof {buf.text()}, so long input can no longer "
        "overrun the buffer.",
        ("fgets keeps the trailing newline; strip it with `buf[strcspn(buf, \"\\n\")] = '\\0';` if needed.",),
    )


@_on_call("sprintf_to_snprintf")
def c_sprintf(_: Target, call: _Call) -> Rewrite | NoRewrite:
    name = call.name
    bounded = {"sprintf": "snprintf", "vsprintf": "vsnprintf"}.get(name)
    if bounded is None:
        return NoRewrite(f"`{name}` has no drop-in bounded twin")
    buf = _array_argument(call, 0)
    if isinstance(buf, NoRewrite):
        return buf
    func = call.node.field("function")
    assert func is not None
    return Rewrite(
        (
            Edit.replace(func, call.prefix + bounded),
            Edit.insert(buf.range().end.index, f", sizeof {buf.text()}"),
        ),
        f"{name} becomes {bounded} bounded by sizeof {buf.text()}, so the output is truncated instead of "
        "overflowing the buffer.",
    )


@_on_call("bounded_copy")
def c_copy(_: Target, call: _Call) -> Rewrite | NoRewrite:
    prefix, name, args = call.prefix, call.name, call.args
    dst = _array_argument(call, 0)
    if isinstance(dst, NoRewrite):
        return dst
    if len(args) != 2:
        return NoRewrite("unexpected arguments")
    src = args[1].text()
    d = dst.text()
    if name == "strcpy":
        new = f'{prefix}snprintf({d}, sizeof {d}, "%s", {src})'
        how = "snprintf bounded by the destination size, which truncates and always NUL-terminates"
    elif name == "strcat":
        new = f"{prefix}strncat({d}, {src}, sizeof {d} - {prefix}strlen({d}) - 1)"
        how = "strncat limited to the space left in the destination"
    else:
        return NoRewrite(f"`{name}` has no drop-in bounded twin")
    return Rewrite(
        (Edit.replace(call.node, new),),
        f"{name} becomes {how}, so a long source can no longer overrun `{d}`.",
        ("Check the return value (or strlen first) if silent truncation would be a bug.",),
    )


_SCAN_CONVERSION = re.compile(r"%(%|\*?)(\d*)(l|h|ll|hh|L|z|j|t)?(\[\^?\]?[^\]]*\]|[a-zA-Z])")


@_on_call("scanf_width")
def c_scanf(_: Target, call: _Call) -> Rewrite | NoRewrite:
    name, args = call.name, call.args
    fmt_index = 0 if name in ("scanf", "wscanf", "vscanf") else 1
    if len(args) <= fmt_index or args[fmt_index].kind() != "string_literal" or name.startswith("v"):
        return NoRewrite("the format is not a single string literal")
    fmt = args[fmt_index]
    text = fmt.text()
    targets = args[fmt_index + 1 :]
    edits: list[Edit] = []
    index = 0
    for m in _SCAN_CONVERSION.finditer(text):
        flag, width, conv = m.group(1), m.group(2), m.group(4)
        if flag == "%":
            continue
        if flag == "*":
            continue  # assignment suppressed: consumes no argument
        if index >= len(targets):
            return NoRewrite("the format and the arguments do not line up")
        target = targets[index]
        index += 1
        if width or not (conv == "s" or conv.startswith("[")):
            continue
        if target.kind() != "identifier":
            return NoRewrite("a string conversion writes to something other than a named array")
        size = array_size(call.node, target.text())
        if not size or not size.isdigit() or int(size) < 2:
            return NoRewrite(f"the size of `{target.text()}` is not a number written in its declaration")
        offset = fmt.range().start.index + m.start() + 1
        edits.append(Edit.insert(offset, str(int(size) - 1)))
    if not edits:
        return NoRewrite("no unbounded string conversion found")
    return Rewrite(
        tuple(edits),
        "Each string conversion now has a maximum field width one less than its array's size, so input "
        "longer than the buffer is cut off instead of overflowing it.",
    )


_FORMAT_POSITION = {
    "printf": 0,
    "vprintf": 0,
    "fprintf": 1,
    "vfprintf": 1,
    "dprintf": 1,
    "syslog": 1,
    "err": 1,
    "errx": 1,
    "warn": 0,
    "warnx": 0,
    "sprintf": 1,
    "snprintf": 2,
    "asprintf": 1,
}


@_on_call("constant_format")
def c_format(_: Target, call: _Call) -> Rewrite | NoRewrite:
    name, args = call.name, call.args
    position = _FORMAT_POSITION.get(name)
    if position is None or name.startswith("v"):
        return NoRewrite(f"`{name}` takes a va_list; build the message with a constant format instead")
    if len(args) != position + 1:
        return NoRewrite("the variable format has its own arguments; choose a constant format for them")
    value = args[position]
    return Rewrite(
        (Edit.insert(value.range().start.index, '"%s", '),),
        f'The text is now printed through the constant format "%s", so `%` sequences in `{value.text()}` are '
        "shown as-is instead of reading or writing memory.",
    )


# --------------------------------------------------------------------------- C++ <random> engines

# 32-bit engines only: `std::random_device` returns `unsigned int`, the same width as these.
_ENGINE_32 = re.compile(
    r"^((?:std::)?)(mt19937|minstd_rand0?|default_random_engine|ranlux24(_base)?|knuth_b)$"
)


def _declared_name(decl: SgNode) -> SgNode | None:
    declarators = [c for c in decl.named_children() if c != decl.field("type") and c.kind() != "comment"]
    if len(declarators) != 1:
        return None
    node = declarators[0]
    if node.kind() in ("function_declarator", "init_declarator"):
        node = node.field("declarator")  # type: ignore[assignment]
    return node if node is not None and node.kind() == "identifier" else None


def _uses_after(body: SgNode, name: str, start: int) -> list[SgNode]:
    return [
        i for i in body.find_all(kind="identifier") if i.text() == name and i.range().start.index >= start
    ]


def _unused_seed_source(t: Target, decl: SgNode, body: SgNode) -> list[Edit]:
    """The line declaring `std::random_device rd;` when the replaced engine was its only user."""
    seeds = {i.text() for i in decl.find_all(kind="identifier")} | {
        i.text() for i in decl.find_all(kind="type_identifier")
    }
    edits = []
    for other in body.find_all(kind="declaration"):
        kind = other.field("type")
        name = _declared_name(other)
        if kind is None or name is None or not re.fullmatch(r"(std::)?random_device", kind.text()):
            continue
        if name.text() not in seeds or other.range().end.index > decl.range().start.index:
            continue
        used = [i for i in _uses_after(body, name.text(), other.range().end.index) if not _inside(i, decl)]
        used += [
            i
            for i in body.find_all(kind="type_identifier")
            if i.text() == name.text() and not _inside(i, decl) and not _inside(i, other)
        ]
        line_start = t.code.rfind("\n", 0, other.range().start.index) + 1
        line_end = t.code.find("\n", other.range().end.index) + 1
        whole = not t.code[line_start : other.range().start.index].strip()
        if not used and whole and line_end > 0 and not t.code[other.range().end.index : line_end].strip():
            edits.append(Edit(line_start, line_end, ""))
    return edits


def _inside(node: SgNode, outer: SgNode) -> bool:
    a, b = node.range(), outer.range()
    return b.start.index <= a.start.index and a.end.index <= b.end.index


@register("random_device", "cpp")
def cpp_random_engine(t: Target) -> Rewrite | NoRewrite:
    decl = t.node
    kind = decl.field("type")
    found = _ENGINE_32.match(kind.text()) if kind is not None else None
    name = _declared_name(decl)
    body = enclosing(decl, "compound_statement")
    if found is None or name is None or body is None:
        return NoRewrite("only a single local 32-bit engine declaration is rewritten")
    for use in _uses_after(body, name.text(), decl.range().end.index):
        parent = use.parent()
        if parent is None or parent.kind() != "argument_list":
            return NoRewrite(
                f"`{name.text()}` is used directly (called, seeded or copied), not only handed to "
                "distributions, so swapping the engine could change its values' range"
            )
    return Rewrite(
        (
            Edit.replace(decl, f"{found.group(1)}random_device {name.text()};"),
            *_unused_seed_source(t, decl, body),
        ),
        f"`{name.text()}` is now a std::random_device, which reads the operating system's random source; "
        "the distributions it feeds keep their ranges.",
        (
            "std::random_device is non-deterministic on the major standard libraries (it may throw where "
            "no OS source exists); for keys, prefer getrandom/RAND_bytes.",
        ),
    )


# --------------------------------------------------------------------------- copy lengths from data

_CLAMPED = re.compile(r"^(std::)?(memcpy|memmove|strncpy|wmemcpy|CopyMemory|RtlCopyMemory)$")


@register("clamp_copy_length", *C)
def c_clamp_length(t: Target) -> Rewrite | NoRewrite:
    args = arguments(t.node)
    dst, count = (args[0], args[2]) if len(args) == 3 else (None, None)
    func = t.node.field("function")
    if dst is None or count is None or func is None or not _CLAMPED.match(func.text()):
        return NoRewrite("only memcpy, memmove, strncpy and wmemcpy counts are clamped")
    if count.kind() not in ("identifier", "field_expression"):
        return NoRewrite("the count is computed in the call; store it in a variable and check it first")
    if array_size(t.node, dst.text()) is None:
        return NoRewrite(f"`{dst.text()}` is not an array declared in sight, so its size is unknown")
    d, n = dst.text(), count.text()
    capacity = f"sizeof {d} / sizeof {d}[0]" if func.text().endswith("wmemcpy") else f"sizeof {d}"
    limit = f"({capacity})" if "/" in capacity else capacity
    return Rewrite(
        (Edit.replace(count, f"{n} < {limit} ? {n} : {limit}"),),
        f"The count `{n}` is clamped to the size of `{d}`, so a length taken from the data can no longer "
        "write past its end; a count that fits copies exactly as before.",
        (
            "A longer value is now cut short; reject it instead (`if (n > sizeof buf) return -1;`) if a "
            "truncated copy would be wrong.",
        ),
    )
