"""Java and Kotlin rewrites of a trust decision or a filter: an empty `checkServerTrusted` delegates
to the platform's default trust manager, and an LDAP filter built from values passes them as JNDI
filter arguments, which the directory context escapes."""

from __future__ import annotations

import re

from vsguard.fixes.edits import Edit, indentation_at
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strategies._literals import jvm_built, write_jvm
from vsguard.fixes.strategies._rule_utils import call_part
from vsguard.fixes.strategies.jvm_web import call_arguments
from vsguard.fixes.strings import Expr, Lit

JAVA, KOTLIN = "java", "kotlin"
_TMF = "javax.net.ssl.TrustManagerFactory"
_X509 = "javax.net.ssl.X509TrustManager"
_CERT_ERROR = "java.security.cert.CertificateException"

# CHAIN and AUTH stand for the method's parameter names; TMF, X509 and CERT_ERROR for class names.
_JAVA_BODY = """{
    TMF factory;
    try {
        factory = TMF.getInstance(TMF.getDefaultAlgorithm());
        factory.init((java.security.KeyStore) null);
    } catch (java.security.GeneralSecurityException e) {
        throw new CERT_ERROR("the default trust store cannot be loaded", e);
    }
    for (javax.net.ssl.TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509) {
            ((X509) manager).checkServerTrusted(CHAIN, AUTH);
            return;
        }
    }
    throw new CERT_ERROR("no default X509TrustManager");
}"""
_KOTLIN_BODY = """{
    val factory = TMF.getInstance(TMF.getDefaultAlgorithm())
    factory.init(null as java.security.KeyStore?)
    factory.trustManagers.filterIsInstance<X509>().first().checkServerTrusted(CHAIN, AUTH)
}"""
_TRUST_EXPLANATION = (
    "checkServerTrusted now hands the chain to the platform's default trust manager, which rejects a "
    "certificate that does not chain to a trusted CA (or has expired), instead of accepting every one."
)
_PRIVATE_CA = (
    "For a private CA, initialise the TrustManagerFactory with a KeyStore holding that CA instead of null.",
)


def _block(template: str, indent: str, chain: str, auth: str) -> str:
    names = {"TMF": _TMF, "X509": _X509, "CERT_ERROR": _CERT_ERROR, "CHAIN": chain, "AUTH": auth}
    text = re.sub(r"\b(TMF|X509|CERT_ERROR|CHAIN|AUTH)\b", lambda m: names[m.group(1)], template)
    lines = text.split("\n")
    return "\n".join(lines[:1] + [indent + line for line in lines[1:]])


@register("default_trust_manager", JAVA, KOTLIN)
def jvm_trust_manager(t: Target) -> Rewrite | NoRewrite:
    method = enclosing(t.node, "method_declaration", "function_declaration")
    if method is None:
        return NoRewrite("the checkServerTrusted method could not be read")
    indent = indentation_at(t.code, method.range().start.index)
    if t.language == JAVA:
        params = method.field("parameters")
        names = [p.field("name") for p in params.named_children()] if params is not None else []
        body = method.field("body")
        template = _JAVA_BODY
    else:
        params = method.find(kind="function_value_parameters")
        found = (
            [p.find(kind="simple_identifier") for p in params.find_all(kind="parameter")] if params else []
        )
        names = list(found)
        body = method.find(kind="function_body")
        template = _KOTLIN_BODY
    texts = [n.text() for n in names if n is not None]
    if body is None or len(texts) != 2:
        return NoRewrite("checkServerTrusted does not take (chain, authType)")
    edits = [Edit.replace(body, _block(template, indent, texts[0], texts[1]))]
    if t.language == JAVA and not re.search(r"\bthrows\b", method.text().split("{", 1)[0]):
        edits.append(Edit.insert(params.range().end.index if params else 0, f" throws {_CERT_ERROR}"))
    return Rewrite(tuple(edits), _TRUST_EXPLANATION, _PRIVATE_CA)


# --------------------------------------------------------------------------- LDAP filters

_DIR_CONTEXT = re.compile(r"(?i)^(ctx|context|dirContext|ldapContext|\w*DirContext|\w*LdapContext)$")


@register("ldap_filter_arguments", JAVA, KOTLIN)
def jvm_ldap_filter(t: Target) -> Rewrite | NoRewrite:
    receiver, filter_node = call_part(t, "C", "receiver"), call_part(t, "F", 1)
    args = call_arguments(t.node, t.language)
    values = [a for a in args.named_children() if "comment" not in a.kind()] if args is not None else []
    if receiver is None or filter_node is None or not _DIR_CONTEXT.match(receiver.text()):
        return NoRewrite("only a JNDI DirContext takes filter arguments; LdapTemplate needs LdapQueryBuilder")
    if len(values) != 3:
        return NoRewrite("the search already passes filter arguments or has no SearchControls")
    if filter_node.kind() == "value_argument" and filter_node.named_children():
        filter_node = filter_node.named_children()[0]
    built = jvm_built(filter_node, t.language)
    if not built.dynamic:
        return NoRewrite("the filter has no interpolated value")
    text: list[str] = []
    bound: list[str] = []
    for part in built.parts:
        if isinstance(part, Lit):
            if "{" in part.text or "}" in part.text:
                return NoRewrite("the filter text has braces, which JNDI reads as argument markers")
            text.append(part.text)
        elif isinstance(part, Expr):
            text.append(f"{{{len(bound)}}}")
            bound.append(part.source)
    array = (
        "new Object[] {" + ", ".join(bound) + "}"
        if t.language == JAVA
        else f"arrayOf<Any?>({', '.join(bound)})"
    )
    constant = write_jvm((Lit("".join(text)),), t.language)
    end = filter_node.range().end.index
    return Rewrite(
        (Edit.replace(filter_node, constant), Edit.insert(end, f", {array}")),
        f"The filter is now constant with {{n}} markers and the values ({', '.join(bound)}) are passed as "
        "filter arguments, which the directory context escapes, so `*`, `(` or `)` in them cannot change "
        "the filter.",
    )
