"""Ruby view rewrites: request values out of inline ERB source and into locals, and link targets
limited to web addresses and paths."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._items import unique_name
from vsguard.fixes.strategies.go_ruby_rust import _rb_arguments
from vsguard.fixes.strategies.ruby_web import RUBY
from vsguard.fixes.strings import Expr, Lit, Part, Unsupported, read_built, write_ruby

_NAMED_READ = re.compile(r"^params(\[\s*:(\w+)\s*\]|\[\s*[\"'](\w+)[\"']\s*\]|\.fetch\(\s*:(\w+)\s*\))$")


def _local_name(source: str, taken: set[str]) -> str:
    """A template local for the value: the parameter's own name (`params[:title]` -> title)."""
    m = _NAMED_READ.match(source)
    chain = re.fullmatch(r"@?[a-z_]\w*(\.([a-z_]\w*))*", source)  # user.name -> name
    base = (
        next((g for g in m.groups()[1:] if g), "")
        if m
        else chain.group(0).rsplit(".", 1)[-1]
        if chain
        else ""
    )
    base = base.lstrip("@")
    base = base if base and base[0].isalpha() else "value"
    return unique_name(base, taken)


@register("template_context", RUBY)
def ruby_inline_template(t: Target) -> Rewrite | NoRewrite:
    args = _rb_arguments(t.node)
    pairs = [a for a in args if a.kind() == "pair"]
    inline = next((p for p in pairs if re.match(r"^:?inline(:|\s*=>)", p.text())), None)
    source = inline.field("value") if inline is not None else None
    if source is None or any(re.match(r"^:?locals(:|\s*=>)", p.text()) for p in pairs):
        return NoRewrite("the template's locals are already set; pass the value through them by hand")
    try:
        built = read_built(source, "ruby")
    except Unsupported:
        return NoRewrite("the whole template comes from the request; render a template file instead")
    taken = set(re.findall(r"\b[a-z_]\w*\b", "".join(p.text for p in built.parts if isinstance(p, Lit))))
    parts: list[Part] = []
    bound: list[str] = []
    for part in built.parts:
        if isinstance(part, Expr):
            name = _local_name(part.source, taken)
            bound.append(f"{name}: {part.source}")
            parts.append(Lit(f"<%= {name} %>"))
        else:
            parts.append(part)
    if not bound:
        return NoRewrite("no interpolated value was found in the template")
    last = args[-1]
    return Rewrite(
        (
            Edit.replace(source, write_ruby(parts)),
            Edit.insert(last.range().end.index, f", locals: {{ {', '.join(bound)} }}"),
        ),
        "The template source is now constant and the values reach it as locals printed with <%= %>, so "
        "they are escaped as text and never run as ERB.",
        ("Values are HTML-escaped now; markup that used to pass through raw is shown as text.",),
    )


_SAFE_LINK = r".to_s.match?(%r{\A(https?://|[^:]*\z)}i)"


@register("safe_link_target", RUBY)
def ruby_link_target(t: Target) -> Rewrite | NoRewrite:
    args = [a for a in _rb_arguments(t.node) if a.kind() not in ("pair", "comment")]
    block = t.node.field("block") is not None
    url: SgNode | None = args[0] if block and args else args[1] if len(args) >= 2 else None
    if url is None or not re.match(r"^(params|cookies)(\[[^\[\]]*\]|\.(fetch|dig)\([^()]*\))$", url.text()):
        return NoRewrite("the link target could not be read; accept only http(s) URLs and paths")
    value = url.text()
    return Rewrite(
        (Edit.replace(url, f'{value}{_SAFE_LINK} ? {value} : "#"'),),
        f"The link uses {value} only when it is an http(s) URL or has no scheme at all (a path); a "
        "`javascript:` or `data:` address becomes `#`, so clicking the link cannot run script.",
    )
