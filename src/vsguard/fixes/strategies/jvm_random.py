"""A weak random value that becomes a token, cookie or password: the generator it came from (where
it is created, which may be a field far from the finding) is replaced by SecureRandom."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strategies._rule_utils import util_nodes
from vsguard.fixes.strategies.jvm import (
    KOTLIN_RANDOM,
    java_random,
    kotlin_collection_pick,
    kotlin_secure_random,
)
from vsguard.records import replace

JAVA, KOTLIN = "java", "kotlin"
_SCOPES = ("method_declaration", "constructor_declaration", "function_declaration", "lambda_expression")


def _declared_value(t: Target, name: str, near: SgNode | None) -> SgNode | None:
    """The initialiser of the variable `name` (in `near`'s function, else anywhere in the file)."""
    scope = (enclosing(near, *_SCOPES) if near is not None else None) or t.root
    if t.language == JAVA:
        for decl in scope.find_all(kind="variable_declarator"):
            declared = decl.field("name")
            if declared is not None and declared.text() == name:
                return decl.field("value")
        return None if scope is t.root else _declared_value(t, name, None)
    for prop in scope.find_all(kind="property_declaration"):
        var = prop.find(kind="variable_declaration")
        ident = var.find(kind="simple_identifier") if var is not None else None
        if ident is not None and ident.text() == name:
            return next(
                (c for c in reversed(prop.children()) if c.is_named() and c.kind() != "modifiers"), None
            )
    return None if scope is t.root else _declared_value(t, name, None)


def _weak_values(t: Target) -> list[SgNode]:
    values = util_nodes(t, ("weak-value",))
    for var in util_nodes(t, ("weak-var",)):
        init = _declared_value(t, var.text(), var)
        values.extend(util_nodes(t, ("weak-value",), init) if init is not None else [])
    return values


def _generator(t: Target, value: SgNode) -> SgNode | None:
    """The expression the weak value was drawn from (`new Random()`, `rng`, `Random`), or the value
    itself for `Math.random()`."""
    if re.fullmatch(r"(java\.lang\.)?Math\.random\(\)", value.text()):
        return value
    if t.language == JAVA:
        return value.field("object")
    nav = value.children()[0] if value.children() else None
    return nav.children()[0] if nav is not None and nav.kind() == "navigation_expression" else None


def _source(t: Target, generator: SgNode) -> SgNode | None:
    """Where the generator is created: the generator itself, or the initialiser of its variable."""
    if generator.kind() in ("identifier", "simple_identifier") and not KOTLIN_RANDOM.match(generator.text()):
        init = _declared_value(t, generator.text(), generator)
        return init if init is not None and init.kind() != "identifier" else None
    return generator


@register("credential_securerandom", JAVA, KOTLIN)
def jvm_credential_random(t: Target) -> Rewrite | NoRewrite:
    edits: dict[tuple[int, int], Edit] = {}
    values = _weak_values(t)
    if not values:
        return NoRewrite("the random value could not be traced to its generator")
    for value in values:
        if t.language == KOTLIN and kotlin_collection_pick(value):
            generator: SgNode | None = value  # a collection's pick: the generator is passed to it
        else:
            generator = _generator(t, value)
        source = generator if generator is value else (_source(t, generator) if generator else None)
        if source is None:
            return NoRewrite(
                "the generator could not be found (commons-lang RandomStringUtils: use its secure() variant)"
            )
        if t.language == JAVA:
            result = java_random(replace(t, node=source))
        else:
            result = kotlin_secure_random(t, source)
        if isinstance(result, NoRewrite):
            return result
        for e in result.edits:
            edits[(e.start, e.end)] = e
    return Rewrite(
        tuple(edits.values()),
        "The generator behind the value is now SecureRandom, so the token, cookie or password cannot be "
        "predicted from other values it handed out.",
    )
