"""An XPath 1.0 literal that holds any text: `'...' + value + '...'` becomes
`concat('...', <value with each ' split out as "'">, '...')`, since XPath literals have no escapes."""

from __future__ import annotations

from collections.abc import Callable

from vsguard.fixes.registry import NoRewrite
from vsguard.fixes.strings import Expr, Lit, Part
from vsguard.records import record


@record(frozen=True)
class Quoted:
    parts: list[Part]  # the expression with the value's literal turned into concat()
    value: str  # the value's source


def quote_value(
    parts: list[Part], split: Callable[[str], str], is_text: Callable[[str], bool]
) -> Quoted | NoRewrite:
    """The one value of `parts` that sits inside a single-quoted literal, passed through `split` (code
    that replaces each `'` in it with `', "'", '`); refused unless `is_text` says it is a string."""
    dynamic = [i for i, p in enumerate(parts) if isinstance(p, Expr) and not p.constant]
    at = dynamic[0] if len(dynamic) == 1 else -1
    before = parts[at - 1] if at > 0 else None
    after = parts[at + 1] if 0 <= at < len(parts) - 1 else None
    if not (isinstance(before, Lit) and isinstance(after, Lit)) or not (
        before.text.endswith("'") and after.text.startswith("'")
    ):
        return NoRewrite("only one value inside a single-quoted XPath literal is rewritten")
    value = parts[at]
    assert isinstance(value, Expr)
    if not is_text(value.source):
        return NoRewrite(f"`{value.source}` is not known to be text here")
    rebuilt = list(parts)
    rebuilt[at - 1] = Lit(before.text[:-1] + "concat('")
    rebuilt[at] = Expr(split(value.source), False)
    rebuilt[at + 1] = Lit("', '')" + after.text[1:])
    return Quoted(rebuilt, value.source)


def explanation(value: str) -> str:
    return (
        f"`{value}` is now always read as one XPath string: the literal became concat('…', '') and each "
        'quote in the value is passed as a separate "\'" piece, so a quote cannot end the literal and add '
        "conditions; the same nodes match for values without quotes."
    )
