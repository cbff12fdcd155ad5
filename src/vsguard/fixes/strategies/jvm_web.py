"""Java and Kotlin data-flow rewrites: each request value the rule reports inside a response write,
header, log call or file path is wrapped where it is used (HTML-encoded, stripped of line breaks,
reduced to a file name), so the value keeps its text but loses what made it dangerous there.

The values are found with the rule's own `untrusted` (or upload-name) utils, so the wrap lands on
exactly what was reported. A value that may be null is converted the way string concatenation
converts it (`"null"`), so a missing parameter reads as it did before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strategies._literals import jvm_built
from vsguard.fixes.strategies._rule_utils import util_nodes
from vsguard.fixes.strategies.flow import BASENAME_NOTE
from vsguard.fixes.strategies.jvm import java_import
from vsguard.fixes.strategies.web_flow import _LOCAL_PATH_NOTE, _REDIRECT_REVIEW
from vsguard.fixes.strings import Expr, Lit

JAVA, KOTLIN = "java", "kotlin"
_FUNCTIONS = ("method_declaration", "constructor_declaration", "function_declaration", "lambda_expression")
_UNTRUSTED = ("untrusted",)
# Spring binds these from the request and rejects the request when they are missing.
_REQUIRED_BINDING = re.compile(r"@(PathVariable|RequestParam|RequestHeader|CookieValue|RequestBody)\b")


def _declared_non_null(t: Target, use: SgNode) -> bool:
    """`use` names a value that cannot be null: a Kotlin `String` (not `String?`) in the function,
    or a Java parameter Spring binds as required."""
    name = use.text()
    scope = enclosing(use, *_FUNCTIONS)
    if scope is None or not re.fullmatch(r"[A-Za-z_]\w*", name):
        return False
    if t.language == KOTLIN:
        return re.search(rf"\b{name}\s*:\s*String\b(?!\?)", scope.text()) is not None
    params = scope.field("parameters")
    for param in params.named_children() if params is not None else []:
        declared = param.field("name")
        if declared is None or declared.text() != name:
            continue
        head = param.text()[: declared.range().start.index - param.range().start.index]
        binding = _REQUIRED_BINDING.search(head)
        optional = re.search(r"required\s*=\s*false", head) and "defaultValue" not in head
        return binding is not None and not optional and re.search(r"\bString\s*$", head) is not None
    return False


def _in_text(use: SgNode) -> bool:
    """The value is joined into text, where a null already read as `"null"`."""
    parent = use.parent()
    if parent is None:
        return False
    if use.kind() == "interpolated_identifier" or parent.kind() == "interpolated_expression":
        return True
    if parent.kind() == "binary_expression":
        operator = parent.field("operator")
        return operator is not None and operator.text() == "+"
    return parent.kind() == "additive_expression"


def _as_text(t: Target, use: SgNode) -> str:
    """Source for the value as a non-null String that reads as concatenation would read it."""
    source = use.text()
    if _declared_non_null(t, use):
        return source
    return f"String.valueOf({source})" if t.language == JAVA else f"java.lang.String.valueOf({source})"


def _replacement(use: SgNode, new: str) -> Edit:
    """Replace `use`; a Kotlin `$name` template becomes `${...}` around the new expression."""
    if use.kind() == "interpolated_identifier":
        return Edit(use.range().start.index - 1, use.range().end.index, "${" + new + "}")
    return Edit.replace(use, new)


# Request reads that return a String (getRequestURL is a StringBuffer, getParameterValues an array).
_TEXT_READ = re.compile(
    r"^\w+\.(getParameter\(|getHeader\(|getQueryString\(|getRequestURI\(|getPathInfo\(|"
    r"getOriginalFilename\(|getSubmittedFileName\(|queryString$|requestURI$|pathInfo$|"
    r"originalFilename$|originalFileName$|submittedFileName$)"
)


# Ktor's request parameters (String?, read by name).
_KTOR_READ = re.compile(r"^call\.(parameters|request\.queryParameters)\[")


def _is_text(t: Target, use: SgNode) -> bool:
    """`use` is a String: a String-returning request read, or a name declared as a String (or, in
    Kotlin, a `val` initialised from such a read)."""
    text = use.text()
    if _TEXT_READ.match(text) or (t.language == KOTLIN and _KTOR_READ.match(text)):
        return True
    if not re.fullmatch(r"[A-Za-z_]\w*", text):
        return False
    scope = (enclosing(use, *_FUNCTIONS) or t.root).text()
    if t.language == JAVA:
        return re.search(rf"\bString\s+{text}\b", scope) is not None
    if re.search(rf"\b{text}\s*:\s*String\b", scope):
        return True
    init = re.search(rf"\b(?:val|var)\s+{text}\s*=\s*([^\n]+)", scope)
    value = init.group(1).strip() if init is not None else ""
    return bool(_TEXT_READ.match(value) or _KTOR_READ.match(value) or value.startswith('"'))


def _text_uses(t: Target, uses: list[SgNode]) -> list[SgNode] | NoRewrite:
    odd = next((u for u in uses if not _is_text(t, u)), None)
    if odd is not None:
        return NoRewrite(f"`{odd.text()}` is not a String here; encode the text that is written from it")
    return uses


Wrapper = Callable[[SgNode], str | None]  # None: this use cannot be wrapped soundly


def _wrap_uses(
    t: Target, uses: list[SgNode], wrapper: Wrapper, explanation: str, *, extra: tuple[Edit, ...] = ()
) -> Rewrite | NoRewrite:
    if not uses:
        return NoRewrite("the request value could not be located inside the call")
    edits = []
    for use in uses:
        new = wrapper(use)
        if new is None:
            return NoRewrite(
                f"`{use.text()}` may be null and is the whole value; decide what a missing value should be"
            )
        edits.append(_replacement(use, new))
    shown = ", ".join(f"`{u.text()}`" for u in uses)
    return Rewrite((*edits, *extra), explanation.format(values=shown))


def call_arguments(node: SgNode, language: str) -> SgNode | None:
    """A call's own argument list (Java `argument_list`, Kotlin `value_arguments`), never the one of
    a call in its receiver chain."""
    if language == JAVA:
        return node.field("arguments")
    suffix = next((c for c in node.children() if c.kind() == "call_suffix"), None)
    return suffix.find(kind="value_arguments") if suffix is not None else None


def _arguments(t: Target) -> SgNode:
    """Where the call's values are: its argument list (so the receiver is never rewritten)."""
    return call_arguments(t.node, t.language) or t.node


def _nth_argument(t: Target, n: int) -> SgNode | None:
    args = call_arguments(t.node, t.language)
    values = [a for a in args.named_children() if "comment" not in a.kind()] if args is not None else []
    return values[n] if n < len(values) else None


# --------------------------------------------------------------------------- HTML output

# spring-web (which holds HtmlUtils) is on the classpath when the file uses its web or http packages.
_SPRING = re.compile(r"\bimport\s+org\.springframework\.(web|http)\.")
_SPRING_UTIL = "org.springframework.web.util"
ENCODER_REVIEW = (
    "adds the OWASP Java Encoder library (org.owasp.encoder:encoder) to the build; the page now shows "
    "markup characters in the value as text"
)


@register("encode_html", JAVA, KOTLIN)
def jvm_encode_html(t: Target) -> Rewrite | NoRewrite:
    scope = t.node if t.node.kind() in ("return_statement", "jump_expression") else _arguments(t)
    uses = _text_uses(t, util_nodes(t, _UNTRUSTED, scope))
    if isinstance(uses, NoRewrite):
        return uses
    # Spring's HtmlUtils is already on a Spring application's classpath; it refuses null, so a value
    # that may be null goes in as the text concatenation made of it ("null").
    spring = _SPRING.search(t.code) is not None
    if spring:
        call = "HtmlUtils.htmlEscape" if t.language == JAVA else f"{_SPRING_UTIL}.HtmlUtils.htmlEscape"
        imports = java_import(t, f"{_SPRING_UTIL}.HtmlUtils") if t.language == JAVA else ()
    else:
        call = "Encode.forHtml" if t.language == JAVA else "org.owasp.encoder.Encode.forHtml"
        imports = java_import(t, "org.owasp.encoder.Encode") if t.language == JAVA else ()
    result = _wrap_uses(
        t,
        uses,
        lambda u: f"{call}({_as_text(t, u) if spring else u.text()})",
        "{values} is HTML-encoded with " + call + " where it is written, so markup in it is shown as text "
        "instead of running in the visitor's browser.",
        extra=imports,
    )
    if isinstance(result, Rewrite) and not spring:
        return Rewrite(result.edits, result.explanation, result.notes, review=ENCODER_REVIEW)
    return result


# --------------------------------------------------------------------------- CR/LF in headers and logs


@register("strip_line_breaks", JAVA, KOTLIN)
def jvm_strip_line_breaks(t: Target) -> Rewrite | NoRewrite:
    header = t.rule.vulnerability_class == "header_injection"
    scope = _nth_argument(t, 1) if header else _arguments(t)
    if scope is None:
        return NoRewrite("the header value could not be read")
    fill = "" if header else "_"

    def wrapper(use: SgNode) -> str | None:
        if header and not _in_text(use) and not _declared_non_null(t, use):
            return None
        text = _as_text(t, use)
        if t.language == JAVA:
            return f'{text}.replaceAll("[\\\\r\\\\n]", "{fill}")'
        return f'{text}.replace(Regex("[\\r\\n]"), "{fill}")'

    where = "header value" if header else "log entry"
    return _wrap_uses(
        t,
        util_nodes(t, _UNTRUSTED, scope),
        wrapper,
        "Line breaks in {values} are "
        + ("removed" if header else "replaced with `_`")
        + f" before it goes into the {where}, so it cannot start a forged "
        + ("header or split the response." if header else "log line."),
    )


# --------------------------------------------------------------------------- file paths

_UPLOAD_NAME = ("client-name", "client-var")


@register("path_basename", JAVA, KOTLIN)
def jvm_path_basename(t: Target) -> Rewrite | NoRewrite:
    names = _UPLOAD_NAME if t.rule.vulnerability_class == "file_upload" else _UNTRUSTED
    uses = _text_uses(t, util_nodes(t, names, _arguments(t)))
    if isinstance(uses, NoRewrite):
        return uses
    if t.language == JAVA:
        call, imports = "Paths.get({v}).getFileName().toString()", java_import(t, "java.nio.file.Paths")
    else:
        imported = re.search(r"(?m)^import java\.io\.(File|\*)$", t.code) is not None
        call, imports = ("File({v}).name" if imported else "java.io.File({v}).name"), ()
    result = _wrap_uses(
        t,
        uses,
        lambda u: call.format(v=u.text()),
        "{values} is reduced to its last path segment, so `../` and absolute paths cannot leave the "
        "intended folder.",
        extra=imports,
    )
    if isinstance(result, Rewrite):
        return Rewrite(result.edits, result.explanation, (BASENAME_NOTE,))
    return result


# --------------------------------------------------------------------------- redirects

_OPERAND = re.compile(r"[\w.]+(\([^()]*\))?")
_STRIP = {
    JAVA: '.replaceFirst("^[/\\\\\\\\\\\\s]+", "")',
    KOTLIN: '.replaceFirst(Regex("^[/\\\\\\\\\\\\s]+"), "")',
}


def _redirect_target(t: Target) -> SgNode | None:
    node = t.node
    if node.kind() in ("return_statement", "jump_expression"):
        return next(
            (c for c in node.named_children() if c.kind() not in ("line_comment", "block_comment")), None
        )
    name = node.text().split("(", 1)[0]
    first = _nth_argument(t, 1 if re.search(r"\b(setHeader|addHeader|header)\s*$", name) else 0)
    if first is not None and first.kind() == "value_argument" and first.named_children():
        return first.named_children()[0]
    return first


@register("local_redirect", JAVA, KOTLIN)
def jvm_local_redirect(t: Target) -> Rewrite | NoRewrite:
    target = _redirect_target(t)
    if target is None:
        return NoRewrite("the redirect target could not be read")
    prefix, operand = "", target
    if target.kind() in ("binary_expression", "additive_expression", "string_literal"):
        built = jvm_built(target, t.language).parts
        if not (
            len(built) == 2
            and isinstance(built[0], Lit)
            and built[0].text in ("redirect:", "forward:")
            and isinstance(built[1], Expr)
        ):
            return NoRewrite("the target joins the value with other text; check the whole URL instead")
        prefix, source = built[0].text, built[1].source
    else:
        source = operand.text()
    if not _OPERAND.fullmatch(source):
        return NoRewrite("the target is a compound expression; store it in a variable first")
    if t.language == KOTLIN and not _kotlin_platform_or_non_null(t, operand if not prefix else None, source):
        return NoRewrite("the target may be null; decide where a missing target goes")
    new = f'"{prefix}/" + {source}{_STRIP[t.language]}'
    return Rewrite(
        (Edit.replace(target, new),),
        f"The redirect now goes to a path on this site: `{source}` loses any leading slashes, backslashes "
        "and blanks and gets a single `/` in front, so `//evil.example` or `https://evil.example` "
        "cannot send the user elsewhere.",
        (_LOCAL_PATH_NOTE,),
        review=_REDIRECT_REVIEW,
    )


def _kotlin_platform_or_non_null(t: Target, node: SgNode | None, source: str) -> bool:
    """A Kotlin value a String method can be called on: declared `String`, or read from a servlet
    getter (a platform type), directly or through a `val`."""
    if _TEXT_READ.match(source) and not source.startswith("call."):
        return True
    scope = (enclosing(node or t.node, *_FUNCTIONS) or t.root).text()
    if re.search(rf"\b{re.escape(source)}\s*:\s*String\b(?!\?)", scope):
        return True
    init = re.search(rf"\b(?:val|var)\s+{re.escape(source)}\s*=\s*([^\n]+)", scope)
    return init is not None and _TEXT_READ.match(init.group(1).strip()) is not None
