"""Java and Kotlin rewrites: strong digests, SecureRandom, cookie flags, hardened XML factories."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, indentation_at
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing

JAVA, KOTLIN = "java", "kotlin"
_CALL = {JAVA: "method_invocation", KOTLIN: "call_expression"}

_DIGEST_UTILS = {
    "md2": "sha256",
    "md5": "sha256",
    "sha": "sha256",
    "sha1": "sha256",
    "md2Hex": "sha256Hex",
    "md5Hex": "sha256Hex",
    "shaHex": "sha256Hex",
    "sha1Hex": "sha256Hex",
    "getMd2Digest": "getSha256Digest",
    "getMd5Digest": "getSha256Digest",
    "getSha1Digest": "getSha256Digest",
}


@register("strong_hash", JAVA, KOTLIN)
def jvm_strong_hash(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    text = node.text()
    literal = re.match(r'^(\s*MessageDigest\.getInstance\(\s*)"([^"]*)"', text)
    note = ("Digests change, so stored or compared values must be recomputed.",)
    if literal:
        start = node.range().start.index + literal.start(2) - 1
        end = start + len(literal.group(2)) + 2
        return Rewrite(
            (Edit(start, end, '"SHA-256"'),),
            "The digest is now SHA-256, which has no known collision attack.",
            note,
        )
    m = re.match(r"^(DigestUtils\.)(\w+)", text)
    if m and m.group(2) in _DIGEST_UTILS:
        start = node.range().start.index + m.start(2)
        new = _DIGEST_UTILS[m.group(2)]
        return Rewrite(
            (Edit(start, start + len(m.group(2)), new),),
            f"DigestUtils.{m.group(2)} becomes DigestUtils.{new} (SHA-256).",
            note,
        )
    m = re.match(r"^Hashing\.(md5|sha1)\(\)$", text)
    if m:
        return Rewrite((Edit.replace(node, "Hashing.sha256()"),), "Guava's hash is now SHA-256.", note)
    return NoRewrite("unrecognised digest call")


def java_import(t: Target, qualified: str) -> tuple[Edit, ...]:
    simple = qualified.rsplit(".", 1)[-1]
    imports = [n for n in t.root.children() if n.kind() == "import_declaration"]
    if any(i.text() in (f"import {qualified};", f"import {qualified.rsplit('.', 1)[0]}.*;") for i in imports):
        return ()
    if re.search(rf"\b{simple}\b", t.code) and not imports:
        return ()
    anchor = (
        imports[-1]
        if imports
        else next((n for n in t.root.children() if n.kind() == "package_declaration"), None)
    )
    if anchor is None:
        return (Edit.insert(0, f"import {qualified};\n"),)
    end = anchor.range().end.index
    return (Edit.insert(end, f"\nimport {qualified};"),)


@register("random_to_securerandom", JAVA)
def java_random(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    text = re.sub(r"\s+", "", node.text())
    declarator = node.parent()
    if text != "Math.random()" and declarator is not None and declarator.kind() == "variable_declarator":
        declared = enclosing(declarator, "local_variable_declaration", "field_declaration")
        type_node = declared.field("type") if declared is not None else None
        if type_node is not None and type_node.text() not in ("Random", "var", "SecureRandom"):
            return NoRewrite(f"the generator is declared as {type_node.text()}, which SecureRandom is not")
    if text == "newRandom()":
        new, how = "new SecureRandom()", "new Random() becomes new SecureRandom()"
    elif text == "ThreadLocalRandom.current()":
        parent = node.parent()
        if parent is None or parent.kind() != "method_invocation":
            return NoRewrite(
                "the ThreadLocalRandom instance itself is kept; use SecureRandom where it is created"
            )
        new, how = "new SecureRandom()", "ThreadLocalRandom becomes a SecureRandom (same Random methods)"
    elif text == "Math.random()":
        new, how = (
            "new SecureRandom().nextDouble()",
            "Math.random() becomes SecureRandom.nextDouble() (same range)",
        )
    else:
        return NoRewrite("seeded or library random generators need a manual change")
    return Rewrite(
        (Edit.replace(node, new), *java_import(t, "java.security.SecureRandom")),
        f"{how}, so the value comes from the platform CSPRNG and cannot be predicted.",
    )


def statement_after(t: Target, statement: SgNode, lines: list[str]) -> Edit:
    indent = indentation_at(t.code, statement.range().start.index)
    line_end = t.code.find("\n", statement.range().end.index)
    end = len(t.code) if line_end == -1 else line_end  # after any trailing comment on that line
    return Edit.insert(end, "".join(f"\n{indent}{line}" for line in lines))


_WHAT_FLAG_DOES = {"setSecure": "only sent over HTTPS", "setHttpOnly": "hidden from scripts"}


@register("cookie_flags", JAVA)
def java_cookie(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    text = node.text()
    m = re.match(r"^(\w+)\.(setSecure|setHttpOnly)\(\s*false\s*\)$", text)
    if m:
        start = node.range().start.index + text.rindex("false")
        return Rewrite(
            (Edit(start, start + 5, "true"),),
            f"{m.group(2)}(true) so the cookie is {_WHAT_FLAG_DOES[m.group(2)]}.",
        )
    if node.kind() != "variable_declarator":
        return NoRewrite("unrecognised cookie construction")
    name = node.field("name")
    statement = enclosing(node, "local_variable_declaration")
    if name is None or statement is None:
        return NoRewrite("the cookie is not a local variable")
    setter = "setHttpOnly" if t.rule.id.endswith("httponly") or "http" in t.rule.id else "setSecure"
    return Rewrite(
        (statement_after(t, statement, [f"{name.text()}.{setter}(true);"]),),
        f"`{name.text()}.{setter}(true);` is added right after the cookie is created, so it is "
        f"{'only sent over HTTPS' if setter == 'setSecure' else 'hidden from scripts'}.",
    )


@register("cookie_flags", KOTLIN)
def kotlin_cookie(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    text = node.text()
    if node.kind() == "assignment" and re.search(r"\.(isSecure|secure)\s*=\s*false$", text):
        start = node.range().start.index + text.rindex("false")
        return Rewrite((Edit(start, start + 5, "true"),), "The cookie's Secure flag is switched on.")
    if re.search(r"\.setSecure\(\s*false\s*\)$", text):
        start = node.range().start.index + text.rindex("false")
        return Rewrite((Edit(start, start + 5, "true"),), "The cookie's Secure flag is switched on.")
    if node.kind() == "call_expression" and text.startswith("Cookie("):
        return Rewrite(
            (Edit.insert(node.range().end.index, " .apply { isSecure = true }".lstrip()),),
            "The cookie is created with `isSecure = true`, so the browser only sends it over HTTPS.",
            ("Add `isHttpOnly = true` in the same block unless scripts must read it.",),
        )
    return NoRewrite("unrecognised cookie construction")


_XML_HARDENING = {
    "DocumentBuilderFactory": (
        'setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)',
        True,
    ),
    "SAXParserFactory": ('setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)', True),
    "XMLInputFactory": ("setProperty(XMLInputFactory.SUPPORT_DTD, false)", False),
    "TransformerFactory": (
        'setAttribute(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "")',
        False,
    ),
    "SAXTransformerFactory": ('setAttribute(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "")', False),
}
_TRANSFORMER_EXTRA = 'setAttribute(javax.xml.XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "")'


def _throws_exception(method: SgNode | None) -> bool:
    if method is None:
        return False
    header = method.text().split("{", 1)[0]
    m = re.search(r"\bthrows\s+([\w.,\s]+)$", header.strip())
    return bool(
        m and re.search(r"\b(Exception|Throwable|ParserConfigurationException|SAXException)\b", m.group(1))
    )


@register("xml_disallow_doctype", JAVA, KOTLIN)
def jvm_xxe(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    factory = node.text().split(".", 1)[0]
    spec = _XML_HARDENING.get(factory)
    if spec is None:
        return NoRewrite(f"{factory} needs its own hardening properties")
    call, checked = spec
    if t.language == JAVA:
        declarator = node.parent()
        statement = enclosing(node, "local_variable_declaration")
        if declarator is None or declarator.kind() != "variable_declarator" or statement is None:
            return NoRewrite(
                "the factory is not stored in a local variable, so there is no place to configure it"
            )
        name_node = declarator.field("name")
        if checked and not _throws_exception(
            enclosing(node, "method_declaration", "constructor_declaration")
        ):
            return NoRewrite("setFeature throws a checked exception this method does not declare")
        end = ";"
    else:
        prop = enclosing(node, "property_declaration")
        holder = node.parent()
        if prop is None or holder is None or holder.kind() != "property_declaration":
            return NoRewrite(
                "the factory is not stored in a local value, so there is no place to configure it"
            )
        name_node = prop.find(kind="simple_identifier")
        statement = prop
        end = ""
    if name_node is None:
        return NoRewrite("the factory variable could not be read")
    lines = [f"{name_node.text()}.{call}{end}"]
    if factory.endswith("TransformerFactory"):
        lines.append(f"{name_node.text()}.{_TRANSFORMER_EXTRA}{end}")
    return Rewrite(
        (statement_after(t, statement, lines),),
        f"The {factory} is hardened right after it is created ({lines[0].split('.', 1)[1].rstrip(';')}), so "
        "documents with a DOCTYPE or external entities are refused instead of resolved.",
    )


_DEFAULT_VERIFIER = "javax.net.ssl.HttpsURLConnection.getDefaultHostnameVerifier().verify"


def _verifier_params(node: SgNode) -> list[str]:
    """Parameter names of a Java `verify(host, session)` method or a two-argument lambda."""
    params = node.field("parameters")
    if params is None:
        return []
    if params.kind() == "inferred_parameters":
        return [p.text() for p in params.named_children()]
    names = [p.field("name") for p in params.named_children()]
    return [n.text() for n in names if n is not None]


@register("default_hostname_verifier", JAVA, KOTLIN)
def jvm_hostname(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    explanation = (
        "Host names are checked again: the verifier now delegates to the platform's default, which "
        "accepts a certificate only for the host it was issued to."
    )
    text = node.text()
    if text in ("NoopHostnameVerifier.INSTANCE", "new NoopHostnameVerifier()"):
        package = (
            "org.apache.hc.client5.http.ssl"
            if "org.apache.hc.client5" in t.code
            else "org.apache.http.conn.ssl"
        )
        return Rewrite((Edit.replace(node, f"new {package}.DefaultHostnameVerifier()"),), explanation)
    if t.language == JAVA and node.kind() == "lambda_expression":
        names = _verifier_params(node)
        body = node.field("body")
        if len(names) != 2 or body is None or body.text() != "true":
            return NoRewrite("the verifier's shape is not (host, session) -> true")
        return Rewrite((Edit.replace(body, f"{_DEFAULT_VERIFIER}({names[0]}, {names[1]})"),), explanation)
    if t.language == JAVA:
        method = enclosing(node, "method_declaration")
        names = _verifier_params(method) if method is not None else []
        body = method.field("body") if method is not None else None
        statement = body.find(kind="return_statement") if body is not None else None
        if len(names) != 2 or statement is None:
            return NoRewrite("the verify method could not be read")
        return Rewrite(
            (Edit.replace(statement, f"return {_DEFAULT_VERIFIER}({names[0]}, {names[1]});"),), explanation
        )
    lam = node if node.kind() == "lambda_literal" else node.find(kind="lambda_literal")
    if lam is not None:
        body = lam.find(kind="statements")
        if body is None or body.text() != "true":
            return NoRewrite("the verifier's shape is not { _, _ -> true }")
        return Rewrite(
            (Edit.replace(lam, "{ host, session -> " + _DEFAULT_VERIFIER + "(host, session) }"),), explanation
        )
    function = enclosing(node, "function_declaration")
    body = function.find(kind="function_body") if function is not None else None
    params = function.find(kind="function_value_parameters") if function is not None else None
    found = [p.find(kind="simple_identifier") for p in params.named_children()] if params is not None else []
    names = [n.text() for n in found if n is not None]
    if body is None or len(found) != 2 or len(names) != 2 or body.text().lstrip("= ") != "true":
        return NoRewrite("the verify function could not be read")
    return Rewrite((Edit.replace(body, f"= {_DEFAULT_VERIFIER}({names[0]}, {names[1]})"),), explanation)


def _parent_kind(node: SgNode) -> str | None:
    parent = node.parent()
    return parent.kind() if parent is not None else None


KOTLIN_RANDOM = re.compile(r"^(kotlin\.random\.)?Random(\.Default)?$")


def _kotlin_random_import(t: Target) -> tuple[Edit, ...] | NoRewrite:
    """The import `asKotlinRandom` needs, after the file's imports (or its package line)."""
    line = "import kotlin.random.asKotlinRandom"
    if line in t.code:
        return ()
    heads = [n for n in t.root.children() if n.kind() in ("import_list", "import_header", "package_header")]
    imports = [n for n in heads if n.kind() != "package_header"]
    anchor = imports[-1] if imports else (heads[-1] if heads else None)
    if anchor is not None:
        return (Edit.insert(anchor.range().end.index, f"\n{line}"),)
    if t.code.lstrip().startswith("@file:"):
        return NoRewrite("file annotations come first; add `import kotlin.random.asKotlinRandom` by hand")
    return (Edit.insert(0, f"{line}\n\n"),)  # a file without package or imports: the import opens it


_KOTLIN_SECURE = "java.security.SecureRandom().asKotlinRandom()"


def kotlin_collection_pick(node: SgNode) -> bool:
    """`items.random()` / `(1..6).random()`: an element drawn with the default Kotlin Random."""
    text = re.sub(r"\s+", "", node.text())
    math = re.fullmatch(r"(java\.lang\.)?Math\.random\(\)", text)
    return node.kind() == "call_expression" and text.endswith(".random()") and math is None


def kotlin_secure_random(t: Target, source: SgNode) -> Rewrite | NoRewrite:
    """SecureRandom in place of the Kotlin or Java generator `source` creates or names (for a
    collection's `random()`, passed to it as the generator to draw with)."""
    text = re.sub(r"\s+", "", source.text())
    picks = kotlin_collection_pick(source)
    if KOTLIN_RANDOM.match(text) or picks:
        extra = _kotlin_random_import(t)
        if isinstance(extra, NoRewrite):
            return extra
        if picks:
            close = source.range().end.index - 1
            return Rewrite(
                (Edit.insert(close, _KOTLIN_SECURE), *extra),
                "random() now draws the element with SecureRandom, so the pick cannot be predicted.",
            )
        return Rewrite(
            (Edit.replace(source, _KOTLIN_SECURE), *extra),
            "kotlin.random.Random becomes SecureRandom seen as a Kotlin Random (same methods).",
        )
    if text in ("Random()", "java.util.Random()", "ThreadLocalRandom.current()"):
        new = "java.security.SecureRandom()"
    elif text in ("Math.random()", "java.lang.Math.random()"):
        new = "java.security.SecureRandom().nextDouble()"
    else:
        return NoRewrite("a seeded generator needs a hand-written replacement")
    return Rewrite((Edit.replace(source, new),), f"{source.text()} becomes {new} (same Random methods).")


@register("random_to_securerandom", KOTLIN)
def kotlin_random(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    text = node.text()
    m = re.fullmatch(r"(?:kotlin\.random\.)?Random\.nextBytes\((.+)\)", text, re.S)
    if m:
        new = f"ByteArray({m.group(1)}).also {{ java.security.SecureRandom().nextBytes(it) }}"
        how = "The bytes now come from SecureRandom"
    elif text == "ThreadLocalRandom.current()" and _parent_kind(node) == "navigation_expression":
        new = "java.security.SecureRandom()"
        how = "ThreadLocalRandom becomes SecureRandom (same Random methods)"
    elif node.kind() == "call_expression" and KOTLIN_RANDOM.match(
        re.sub(r"\.\w+\(.*$", "", text, flags=re.S)
    ):
        nav = node.children()[0]
        return kotlin_secure_random(t, nav.children()[0])
    elif re.sub(r"\s+", "", text) in ("Random()", "java.util.Random()", "Math.random()") or (
        kotlin_collection_pick(node)
    ):
        return kotlin_secure_random(t, node)
    else:
        return NoRewrite("this generator needs a hand-written CSPRNG replacement")
    return Rewrite(
        (Edit.replace(node, new),),
        f"{how}, so the value comes from the platform CSPRNG and cannot be predicted.",
    )


_RSA_PKCS1 = re.compile(r'(?i)^"rsa(/[^/]+/pkcs1padding)?"$')
OAEP_REVIEW = (
    "the ciphertext format changes (RSA-OAEP instead of PKCS#1 v1.5), so data encrypted before cannot be "
    "decrypted with the new code and every party must switch together"
)


@register("rsa_oaep", JAVA, KOTLIN)
def jvm_rsa_oaep(t: Target) -> Rewrite | NoRewrite:
    transformation = t.node.get_match("T")
    if transformation is None:
        # each grammar knows only its own kind name (asking Kotlin for argument_list raises)
        args = t.node.find(kind="value_arguments" if t.language == KOTLIN else "argument_list")
        transformation = args.find(kind="string_literal") if args is not None else None
    if transformation is None or not _RSA_PKCS1.match(transformation.text()):
        return NoRewrite(
            "only RSA with PKCS#1 v1.5 padding has a drop-in replacement; a symmetric cipher "
            "needs a new key, IV and mode"
        )
    return Rewrite(
        (Edit.replace(transformation, '"RSA/ECB/OAEPWithSHA-256AndMGF1Padding"'),),
        "RSA now uses OAEP padding with SHA-256 instead of PKCS#1 v1.5, which is open to padding-oracle "
        "attacks; init and doFinal are called as before.",
        (
            "The SunJCE provider uses MGF1 with SHA-1 for this name; pass an OAEPParameterSpec to both "
            "sides if another platform decrypts. The largest message is 55 bytes shorter (190 bytes for "
            "a 2048-bit key).",
        ),
        review=OAEP_REVIEW,
    )
