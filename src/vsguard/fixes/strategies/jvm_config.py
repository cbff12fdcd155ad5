"""Java and Kotlin configuration rewrites: credentials read from the environment, CORS without
credentials for a wildcard origin, debug switches off, Jackson default typing removed and temp
files created owner-only."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, statement_removal
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strategies._rule_utils import util_nodes
from vsguard.fixes.strategies.jvm import java_import
from vsguard.fixes.strategies.jvm_web import call_arguments
from vsguard.fixes.strategies.secrets import env_name
from vsguard.models import PatternMatch

JAVA, KOTLIN = "java", "kotlin"
_FUNCTIONS = ("method_declaration", "constructor_declaration", "function_declaration", "lambda_expression")

# --------------------------------------------------------------------------- hardcoded secrets

# The variable a credential passed straight into a well-known API is conventionally read from.
_CALL_ENV = (
    (re.compile(r"\bgetConnection\b"), "DB_PASSWORD"),
    (re.compile(r"AwsBasicCredentials|BasicAWSCredentials"), "AWS_SECRET_ACCESS_KEY"),
    (re.compile(r"SECURITY_CREDENTIALS|java\.naming\.security\.credentials"), "LDAP_PASSWORD"),
    (
        re.compile(r"\b(signWith|setSigningKey|hmacShaKeyFor|HMAC\d+|MACSigner|MACVerifier|HmacKey)\b"),
        "JWT_SECRET",
    ),
    (re.compile(r"\bSecretKeySpec\b"), "ENCRYPTION_KEY"),
    (re.compile(r"(?i)\b(transport|smtp\w*|imap\w*|mail\w*)\b"), "MAIL_PASSWORD"),
    (re.compile(r"(?i)\b(s?ftp\w*)\b"), "FTP_PASSWORD"),
    (re.compile(r"(?i)\b(hikari\w*|dataSource|ds|pool)\b"), "DB_PASSWORD"),
)
SECRET_REVIEW = (
    "the value now comes from the environment variable {name}, which every deployment must set (the "
    "call fails without it); rotate the old value, it stays in the repository history"
)


def _declared_name(t: Target, literal: SgNode) -> tuple[str, SgNode | None] | None:
    """(the constant or property a literal initialises, the Kotlin `const` modifier if any)."""
    holder = literal.parent()
    if holder is None:
        return None
    if t.language == JAVA:
        name = holder.field("name") if holder.kind() == "variable_declarator" else None
        return (name.text(), None) if name is not None and holder.field("value") == literal else None
    var = holder.find(kind="variable_declaration") if holder.kind() == "property_declaration" else None
    ident = var.find(kind="simple_identifier") if var is not None else None
    if ident is None:
        return None
    modifiers = holder.find(kind="modifiers")
    return ident.text(), modifiers.find(regex="^const$") if modifiers is not None else None


def _constant_literal(t: Target, name: SgNode) -> SgNode | None:
    """The literal a same-file constant `name` is initialised with."""
    kind = "variable_declarator" if t.language == JAVA else "property_declaration"
    for holder in t.root.find_all(kind=kind):
        literal = next((c for c in holder.children() if c.kind() == "string_literal"), None)
        declared = _declared_name(t, literal) if literal is not None else None
        if declared is not None and declared[0] == name.text():
            return literal
    return None


def _secret_literal(t: Target) -> tuple[SgNode, str | None] | NoRewrite:
    """(the literal to move out, the variable name a well-known API fixes for it, if any)."""
    if not isinstance(t.rule.match, PatternMatch) or not t.rule.match.utils:  # the secrets detector
        literal = enclosing(t.node, "string_literal") or t.node.find(kind="string_literal")
        return (literal, None) if literal is not None else NoRewrite("the secret is not a string literal")
    scope = t.node.get_match("PW")
    if scope is None:  # a signing key: the first argument (any argument of signWith)
        args = call_arguments(t.node, t.language)
        named = [a for a in args.named_children() if "comment" not in a.kind()] if args is not None else []
        scope = args if re.search(r"\bsignWith\s*\(", t.node.text()) else (named[0] if named else None)
    found = util_nodes(t, ("secret-text",), scope) if scope is not None else []
    if len(found) != 1:
        return NoRewrite("the credential could not be told apart from the other arguments")
    if found[0].kind() == "string_literal":
        return found[0], next((env for pattern, env in _CALL_ENV if pattern.search(t.node.text())), "")
    literal = _constant_literal(t, found[0])
    return (literal, None) if literal is not None else NoRewrite("the constant holding it could not be found")


@register("secret_to_env", JAVA, KOTLIN)
def jvm_secret_to_env(t: Target) -> Rewrite | NoRewrite:
    found = _secret_literal(t)
    if isinstance(found, NoRewrite):
        return found
    literal, name = found
    const: SgNode | None = None
    if name is None:
        declared = _declared_name(t, literal)
        if declared is None:
            return NoRewrite("the secret is not bound to a named constant, so no variable name is obvious")
        constant, const = declared
        word = re.escape(constant)
        if re.search(rf"\bcase\s+{word}\b|@\w+\s*\([^)]*\b{word}\b", t.code):
            return NoRewrite(
                "the constant is used where a compile-time constant is needed (case, annotation)"
            )
        name = env_name(constant)
    elif name and re.search(rf"\b{name}\b", t.code):
        return NoRewrite(f"another value in this file is already called {name}; name this one by hand")
    elif name:
        head = re.sub(r"\s+", "", t.node.text().split("(", 1)[0])
        if len(re.findall(re.escape(head) + r"\s*\(", re.sub(r"\s+", "", t.code))) > 1:
            return NoRewrite(f"several such calls in this file would all read {name}; name each one by hand")
    if not name:
        return NoRewrite("no conventional environment variable name fits this call")
    edits = [Edit.replace(literal, f'System.getenv("{name}")')]
    if const is not None:  # a `const val` must be a compile-time constant
        end = const.range().end.index
        blank = len(t.code[end:]) - len(t.code[end:].lstrip())
        edits.append(Edit(const.range().start.index, end + blank, ""))
    return Rewrite(
        tuple(edits),
        f"The credential is now read from the environment variable {name} at run time instead of being "
        "written into the code.",
        (f"Set {name} in the deployment's secret store and rotate the old value.",),
        review=SECRET_REVIEW.format(name=name),
    )


# --------------------------------------------------------------------------- CORS

_CREDENTIALS_ON = re.compile(r'(\ballowCredentials\s*(?:=\s*"?|\(\s*)|\bsetAllowCredentials\(\s*)true\b')
CORS_REVIEW = (
    "browsers stop sending cookies and auth headers on cross-origin calls to this API; if a known site "
    "needs them, list that origin instead of `*` and keep credentials on for it"
)


@register("cors_without_credentials", JAVA, KOTLIN)
def jvm_cors(t: Target) -> Rewrite | NoRewrite:
    text = t.node.text()
    scope = t.node
    if not _CREDENTIALS_ON.search(text):
        scope = enclosing(t.node, *_FUNCTIONS, "lambda_literal") or t.node
    matches = list(_CREDENTIALS_ON.finditer(scope.text()))
    if len(matches) != 1:
        return NoRewrite("the origin is echoed from the request; check it against a list of allowed origins")
    start = scope.range().start.index + matches[0].end() - len("true")
    return Rewrite(
        (Edit(start, start + 4, "false"),),
        "Credentials are switched off for the wildcard origin, so other sites can no longer read "
        "responses made with the user's cookies.",
        review=CORS_REVIEW,
    )


# --------------------------------------------------------------------------- debug switches


@register("debug_off", JAVA, KOTLIN)
def jvm_debug_off(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    text = node.text()
    if node.kind() == "annotation" and text.startswith("@EnableWebSecurity"):
        return Rewrite(
            (Edit.replace(node, "@EnableWebSecurity"),),
            "Spring Security's debug filter is off again, so requests with their headers and session "
            "are no longer logged.",
        )
    m = re.search(r"\(\s*(true)\s*\)$", text)
    if m is None:
        return NoRewrite("unrecognised debug switch")
    start = node.range().start.index + m.start(1)
    return Rewrite(
        (Edit(start, start + 4, "false"),),
        "The debug switch is off; turn it on only in debug builds (e.g. from BuildConfig.DEBUG).",
    )


# --------------------------------------------------------------------------- Jackson default typing

JACKSON_REVIEW = (
    "the JSON no longer carries (or accepts) class names: documents written with type information "
    "are read differently, so check what produces and consumes them"
)


@register("remove_default_typing", JAVA)
def java_default_typing(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    receiver = node.field("object")
    if node.kind() != "method_invocation" or receiver is None:
        return NoRewrite("a @JsonTypeInfo with class names needs registered subtypes (Id.NAME) instead")
    parent = node.parent()
    if parent is not None and parent.kind() == "expression_statement":
        edit = statement_removal(t.code, parent)
    else:  # a chained configuration call returns the mapper itself
        edit = Edit.replace(node, receiver.text())
    return Rewrite(
        (edit,),
        "Default typing is no longer enabled, so a JSON document cannot name the class Jackson "
        "instantiates; polymorphic fields need @JsonTypeInfo(use = Id.NAME) with @JsonSubTypes.",
        review=JACKSON_REVIEW,
    )


# --------------------------------------------------------------------------- temp files


@register("owner_only_temp_file", JAVA, KOTLIN)
def jvm_temp_file(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    m = re.fullmatch(r"(?:java\.io\.)?File\.createTempFile\((.*?)(?:,\s*null)?\)", node.text(), re.S)
    if m is None:
        return NoRewrite("kotlin.io's createTempFile/createTempDir: use kotlin.io.path.createTempFile()")
    if t.language == JAVA:
        new, imports = f"Files.createTempFile({m.group(1)}).toFile()", java_import(t, "java.nio.file.Files")
    else:
        new, imports = f"java.nio.file.Files.createTempFile({m.group(1)}).toFile()", ()
    return Rewrite(
        (Edit.replace(node, new), *imports),
        "The temp file is created with Files.createTempFile, which makes it readable and writable by "
        "its owner only; it is still returned as a File.",
    )


# A path directly in the shared temp folder: `/tmp/name.ext`, or the tmpdir property joined with it.
_TMP_LITERAL = re.compile(r'^"/(?:var/)?tmp/([\w.-]+?)(\.\w+)?"$')
_TMPDIR = r'System\.getProperty\("java\.io\.tmpdir"\)'
_TMP_JOINED = re.compile(rf'^{_TMPDIR}\s*(?:\+\s*"/|,\s*")([\w.-]+?)(\.\w+)?"$')
_TEMP_REVIEW = (
    "the file now gets a fresh, owner-only name in the temp folder each run and exists (empty) at once; "
    "another program that looked for the fixed path must be given the new one"
)
_IO_ERRORS = re.compile(r"\b(IOException|Exception|Throwable)\b")


def _may_throw_io(node: SgNode) -> bool:
    """An IOException may leave this spot: the method declares it, or a try around it catches it."""
    for anc in node.ancestors():
        if anc.kind() == "try_statement" and any(
            _IO_ERRORS.search(c.text().split(")", 1)[0]) for c in anc.find_all(kind="catch_clause")
        ):
            return True
        if anc.kind() in ("method_declaration", "constructor_declaration"):
            header = anc.text().split("{", 1)[0]
            found = re.search(r"\bthrows\s+([\w.,\s]+)$", header.strip())
            return bool(found and _IO_ERRORS.search(found.group(1)))
        if anc.kind() in ("lambda_expression", "class_body"):
            return False
    return False


@register("fresh_temp_file", JAVA, KOTLIN)
def jvm_fresh_temp_file(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    args = call_arguments(node, t.language)
    values = [a for a in args.named_children() if "comment" not in a.kind()] if args is not None else []
    if not values:
        return NoRewrite("the path could not be read")
    first = values[0].named_children()[0] if values[0].kind() == "value_argument" else values[0]
    paths = ", ".join(v.text() for v in values[:2])
    found = _TMP_LITERAL.match(first.text()) or _TMP_JOINED.match(paths) or _TMP_JOINED.match(first.text())
    if found is None:
        return NoRewrite("the path has sub-folders or a computed name; create it with Files.createTempFile")
    if t.code.count(f'{found.group(1)}{found.group(2) or ""}"') > 1:
        return NoRewrite("the same path is used elsewhere in the file; keep the created path in one variable")
    if t.language == JAVA and not _may_throw_io(node):
        return NoRewrite("Files.createTempFile throws IOException, which this method does not declare")
    files = "Files" if t.language == JAVA else "java.nio.file.Files"
    create = f'{files}.createTempFile("{found.group(1)}", "{found.group(2) or ""}")'
    callee = re.sub(r"^new\s+|\(.*$", "", node.text(), flags=re.S).rsplit(".", 1)[-1]
    joined = _TMP_JOINED.match(paths) is not None
    if callee in ("get", "of", "Path"):
        edit = Edit.replace(node, create)
    elif callee == "File":
        edit = Edit.replace(node, f"{create}.toFile()")
    elif joined:
        return NoRewrite("the stream is opened on a folder and a name; pass it one created temp file instead")
    else:
        edit = Edit.replace(first, f"{create}.toFile()")
    imports = java_import(t, "java.nio.file.Files") if t.language == JAVA else ()
    return Rewrite(
        (edit, *imports),
        "The file is created by Files.createTempFile under a fresh random name, readable and writable by "
        "its owner only, so another local user cannot predict it, create it first or plant a symlink.",
        review=_TEMP_REVIEW,
    )


# --------------------------------------------------------------------------- CSRF

CSRF_REVIEW = (
    "requests that change state (POST, PUT, PATCH, DELETE) must now carry the CSRF token: forms rendered "
    "by Spring get it, JavaScript clients must send the X-XSRF-TOKEN header; endpoints called only with "
    "bearer tokens can be exempted with ignoringRequestMatchers(...)"
)
_CUSTOMIZER = "org.springframework.security.config.Customizer"


@register("enable_csrf", JAVA, KOTLIN)
def jvm_enable_csrf(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    text = node.text()
    explanation = "CSRF protection is on again with Spring Security's defaults (a token per session)."
    legacy = re.search(r"\.csrf\(\)\s*\.disable\(\)$", text)
    if legacy:  # `http.csrf().disable()` -> `http.csrf().and()`: both give the HttpSecurity back
        start = node.range().start.index + text.rindex("disable()")
        return Rewrite((Edit(start, start + len("disable()"), "and()"),), explanation, review=CSRF_REVIEW)
    dsl = re.fullmatch(r"csrf\s*\{\s*(disable\(\)|disabled\s*=\s*true)\s*\}", text)
    if dsl:  # the Kotlin DSL block `csrf { disable() }` -> `csrf { }`
        return Rewrite((Edit.replace(node, "csrf { }"),), explanation, review=CSRF_REVIEW)
    call = re.match(r"(?s)^(.*\.csrf)\s*(\(.*\)|\{.*\})$", text)
    if call is None:
        return NoRewrite("unrecognised CSRF configuration")
    if t.language == JAVA:
        new, imports = f"{call.group(1)}(Customizer.withDefaults())", java_import(t, _CUSTOMIZER)
    else:
        new, imports = f"{call.group(1)}({_CUSTOMIZER}.withDefaults())", ()
    return Rewrite((Edit.replace(node, new), *imports), explanation, review=CSRF_REVIEW)


# --------------------------------------------------------------------------- unsigned JWT parsing

# jjwt's parse methods for unsigned tokens, and their signed counterparts (0.11 and 0.12 names).
_SIGNED_PARSE = {
    "parseClaimsJwt": "parseClaimsJws",
    "parsePlaintextJwt": "parsePlaintextJws",
    "parseUnsecuredClaims": "parseSignedClaims",
    "parseUnsecuredContent": "parseSignedContent",
}
_KEYED = re.compile(r"\.(setSigningKey|verifyWith|setSigningKeyResolver|keyLocator)\(")
JWT_REVIEW = (
    "tokens must now carry a valid signature made with the configured key; a client that sent unsigned "
    "tokens is refused"
)


@register("signed_jwt_parse", JAVA, KOTLIN)
def jvm_signed_jwt(t: Target) -> Rewrite | NoRewrite:
    text = t.node.text()
    name = next((n for n in _SIGNED_PARSE if re.search(rf"\.{n}\s*\([^()]*\)$", text)), None)
    if name is None or not _KEYED.search(text):
        return NoRewrite("the parser has no key to check a signature with; configure verifyWith(key) first")
    parent = t.node.parent()
    member_access = "navigation_expression" if t.language == KOTLIN else "method_invocation"
    used = parent.text()[len(text) :] if parent is not None and parent.kind() == member_access else ""
    if not re.match(r"\s*\.\s*(getBody|getPayload|body|payload)\b", used):
        return NoRewrite(
            "the parsed token is kept as a Jwt; a signed parse returns a Jws, so change its type"
        )
    start = t.node.range().start.index + text.rindex(name)
    return Rewrite(
        (Edit(start, start + len(name), _SIGNED_PARSE[name]),),
        f"{name} (which accepts only unsigned tokens) becomes {_SIGNED_PARSE[name]}, so the token's "
        "signature is checked with the key already configured on the parser before its claims are read.",
        review=JWT_REVIEW,
    )
