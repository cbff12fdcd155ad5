"""Rust memory-safety rewrites: byte arrays read with `from_ne_bytes` instead of `transmute`, and
raw slices whose length is clamped to the buffer the pointer came from."""

from __future__ import annotations

import re

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments

RUST = "rust"
_SIZES = {
    "u16": 2,
    "i16": 2,
    "u32": 4,
    "i32": 4,
    "f32": 4,
    "u64": 8,
    "i64": 8,
    "f64": 8,
    "u128": 16,
    "i128": 16,
}


@register("transmute_to_from_bytes", RUST)
def rust_transmute(t: Target) -> Rewrite | NoRewrite:
    call = t.node
    func = call.field("function")
    types = func.field("type_arguments") if func is not None and func.kind() == "generic_function" else None
    named = types.named_children() if types is not None else []
    args = arguments(call)
    source = re.fullmatch(r"\[u8;\s*(\d+)\]", named[0].text()) if len(named) == 2 else None
    target = named[1].text() if len(named) == 2 else ""
    if source is None or len(args) != 1 or _SIZES.get(target) != int(source.group(1)):
        return NoRewrite(
            "only a byte array turned into a number of the same size has a safe replacement; parse "
            "structures field by field (from_le_bytes) or with a crate such as zerocopy"
        )
    new = f"{target}::from_ne_bytes({args[0].text()})"
    block = call.parent()
    holder = block.parent() if block is not None else None
    only = block is not None and block.kind() == "block" and len(block.named_children()) == 1
    replaced = holder if only and holder is not None and holder.kind() == "unsafe_block" else call
    return Rewrite(
        (Edit.replace(replaced, new),),
        f"The bytes are now read with `{target}::from_ne_bytes`, which gives the same value as the "
        "transmute (native byte order) without unsafe code."
        + (" The unsafe block that held only the transmute is gone." if replaced is not call else ""),
        ("For data from a file or the network use from_le_bytes or from_be_bytes to fix the byte order.",),
    )


_POINTER = re.compile(r"^([A-Za-z_][\w.]*)\.as_(mut_)?ptr\(\)$")


@register("clamp_slice_length", RUST)
def rust_clamp_length(t: Target) -> Rewrite | NoRewrite:
    args = arguments(t.node)
    found = _POINTER.match(args[0].text()) if len(args) == 2 else None
    if found is None:
        return NoRewrite(
            "the pointer does not come straight from a buffer here, so its length is unknown; check the "
            "length against the allocation before building the slice"
        )
    length = args[1]
    simple = re.fullmatch(r"[A-Za-z_][\w.]*", length.text()) is not None
    bounded = f"{length.text() if simple else f'({length.text()})'}.min({found.group(1)}.len())"
    return Rewrite(
        (Edit.replace(length, bounded),),
        f"The slice length is now at most `{found.group(1)}.len()`, the length of the buffer the pointer "
        "comes from, so a larger length from the input can no longer read or write past it.",
        ("A length above the buffer now gives a shorter slice; reject such input first if that is wrong.",),
    )
