"""Ruby model rewrites: `permit!` replaced by the controller's own strong-parameters method."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies.ruby_web import RUBY


def _permitting_methods(klass: SgNode, required: str) -> list[str]:
    """Names of the class's `*_params` methods that permit a fixed list from the same `params...`."""
    names = []
    for method in klass.find_all(kind="method"):
        name = method.field("name")
        body = method.text()
        if name is None or not name.text().endswith("_params"):
            continue
        if re.search(rf"{re.escape(required)}\.permit\((?!\s*\))", body) and "permit!" not in body:
            names.append(name.text())
    return names


@register("strong_parameters", RUBY)
def ruby_mass_assignment(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    chain = node if node.text().endswith(".permit!") else None
    required = chain.text()[: -len(".permit!")] if chain is not None else ""
    if not re.fullmatch(r"params(\.require\(\s*:\w+\s*\)|\[\s*:\w+\s*\])?", required):
        return NoRewrite("list the assignable attributes: params.require(:model).permit(:name, ...)")
    klass = next((a for a in node.ancestors() if a.kind() == "class"), None)
    methods = _permitting_methods(klass, required) if klass is not None else []
    if len(methods) != 1:
        return NoRewrite(
            "no single strong-parameters method for these params; list the attributes with permit"
        )
    return Rewrite(
        (Edit.replace(node, methods[0]),),
        f"`{node.text()}` becomes `{methods[0]}`, the controller's own strong-parameters method, so only the "
        "attributes it permits reach the model.",
        review=f"attributes that {methods[0]} does not permit are no longer assigned here",
    )
