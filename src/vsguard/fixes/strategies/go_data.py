"""Go data-layer rewrites: libxml2 parsed without entity expansion or DTD loading, and a MongoDB
`$where` equality test turned into an ordinary field match."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import remove_argument
from vsguard.fixes.strategies._go import go_import, string_parameters, string_request_values
from vsguard.fixes.strategies._literals import go_built, write_concatenation
from vsguard.fixes.strategies._xpath import explanation, quote_value
from vsguard.fixes.strings import Expr, Lit, Unsupported

GO = "go"


_UNSAFE_OPTION = re.compile(r"^parser\.(XMLParseNoEnt|XMLParseDTDLoad)$")


@register("harden_xml_parser", GO)
def go_libxml2(t: Target) -> Rewrite | NoRewrite:
    option = t.node
    top = option
    while (up := top.parent()) is not None and up.kind() in ("binary_expression", "parenthesized_expression"):
        op = up.field("operator")
        if up.kind() == "binary_expression" and (op is None or op.text() != "|"):
            return NoRewrite("the parser options are combined in a way this fix does not read")
        top = up
    # every unsafe flag of the combination goes in one edit, which the other findings repeat
    flags = [top] if top is option else [n for n in top.find_all(kind="selector_expression")]
    kept = [f.text() for f in flags if not _UNSAFE_OPTION.match(f.text())]
    holder = top.parent()
    if kept and top is not option:
        edit = Edit.replace(top, "|".join(kept))
    elif holder is not None and holder.kind() == "argument_list" and holder.parent() is not None:
        edit = remove_argument(t.code, holder.parent(), top)  # type: ignore[arg-type]
    else:
        return NoRewrite("the option is stored before use; leave XMLParseNoEnt and XMLParseDTDLoad off there")
    return Rewrite(
        (edit,),
        f"`{option.text()}` is dropped from the options, so libxml2 neither substitutes entities nor "
        "loads DTDs: a document cannot pull in local files or remote URLs through an external entity.",
        review="documents that rely on their DTD (entities they define, default attribute values) are "
        "read without it, so entity references stay unexpanded",
    )


# `this.field == 'value'`: the script's text around the one spliced value.
_WHERE_TEXT = re.compile(r"^this\.(?P<field>[A-Za-z_]\w*)\s*===?\s*(?P<q>['\"])$")


@register("nosql_string", GO)
def go_mongo_where(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    script = node.get_match("JS") if node.kind() == "keyed_element" else None
    if script is None or not node.text().startswith('"$where"'):
        return NoRewrite("only a $where key in a bson.M literal is rewritten")
    try:
        parts = go_built(script).parts if script.kind() == "binary_expression" else ()
    except Unsupported:
        parts = ()
    found = _WHERE_TEXT.match(parts[0].text) if len(parts) == 3 and isinstance(parts[0], Lit) else None
    value, tail = (parts[1], parts[2]) if found is not None else (None, None)
    if (
        found is None
        or not isinstance(value, Expr)
        or not isinstance(tail, Lit)
        or tail.text != found.group("q")
    ):
        return NoRewrite(
            "the $where script is more than one equality test; express it with query operators instead"
        )
    field = found.group("field")
    holder = node.parent()
    siblings = holder.named_children() if holder is not None else []
    keys = {e.named_children()[0].text().strip('"`') for e in siblings if e.named_children()}
    if field in keys:
        return NoRewrite(f"the query already matches `{field}`; merge the two conditions by hand")
    return Rewrite(
        (Edit.replace(node, f'"{field}": {value.source}'),),
        f"The JavaScript `$where` test on `{field}` is now the ordinary field match "
        f'`"{field}": {value.source}`, so the value is compared as data and can no longer add script '
        "to the query.",
        review="the match is now exact: JavaScript's `==` also matched a number stored as the same text, "
        "which the field match does not",
    )


# Struct fields a client must not set through a request map (the same names the Rust rule uses).
_PRIVILEGED = re.compile(
    r"^(ID|IsAdmin|Admin|IsSuperuser|Superuser|Role|Roles|IsStaff|Permissions|IsVerified|Verified|"
    r"EmailVerified|Balance|Credits|Owner(ID|Id)|Tenant(ID|Id)|Account(ID|Id))$"
)


def _struct_fields(root: SgNode, name: str) -> list[str] | None:
    spec = next(
        (
            s
            for s in root.find_all(kind="type_spec")
            if (n := s.field("name")) is not None and n.text() == name
        ),
        None,
    )
    body = spec.field("type") if spec is not None else None
    if body is None or body.kind() != "struct_type":
        return None
    declared = [f for f in body.find_all(kind="field_declaration")]
    return [n.text() for d in declared for n in d.children() if n.kind() == "field_identifier"]


@register("omit_privileged_columns", GO)
def go_gorm_omit(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    model = re.search(r"\.Model\(&(\w+)\{\}\)", func.text()) if func is not None else None
    fields = _struct_fields(t.root, model.group(1)) if model is not None else None
    field = func.field("field") if func is not None else None
    if model is None or fields is None or field is None:
        return NoRewrite(
            "the model's struct is not declared in this file; list the editable columns with Select"
        )
    omitted = [f for f in fields if _PRIVILEGED.match(f)]
    if not omitted:
        return NoRewrite(
            "no privileged column could be told from the struct; list the editable ones with Select"
        )
    names = ", ".join(f'"{f}"' for f in omitted)
    return Rewrite(
        (Edit.insert(field.range().start.index, f"Omit({names})."),),
        f"The update now omits {names}, so a request map cannot set those columns; the other columns "
        "are updated as before.",
        ("Prefer Select with the columns the form may change, so new privileged fields stay protected.",),
        review="callers that legitimately change these columns through this update must do it in a "
        "separate, authorized call",
    )


# --------------------------------------------------------------------------- XPath

# A quote in the value closes the XPath literal; outside it, concat() joins the pieces around a
# double-quoted "'", so any text is matched as itself (XPath 1.0 literals have no escapes).
_GO_QUOTE_SPLIT = """strings.ReplaceAll({value}, "'", "', \\"'\\", '")"""


@register("xpath_literal", GO)
def go_xpath_literal(t: Target) -> Rewrite | NoRewrite:
    expr = t.node.get_match("E")
    if expr is None or expr.kind() != "binary_expression":
        return NoRewrite("the expression is not built with + here; keep it constant and compare in Go")
    try:
        parts = list(go_built(expr).parts)
    except Unsupported as why:
        return NoRewrite(str(why))
    strings = string_parameters(expr) | {v.text() for v in string_request_values(expr)}
    quoted = quote_value(parts, lambda v: _GO_QUOTE_SPLIT.format(value=v), strings.__contains__)
    if isinstance(quoted, NoRewrite):
        return quoted
    return Rewrite(
        (Edit.replace(expr, write_concatenation(quoted.parts)), *go_import(t, "strings")),
        explanation(quoted.value),
    )
