"""C# rewrites: SHA-256, cookie Secure flag, XML without DTDs, default certificate validation, CSPRNG."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing

CS = "csharp"
_WEAK_HASH = re.compile(r"\b(MD5|SHA1)(Managed|CryptoServiceProvider|Cng)?\b")


def _token_edit(node: SgNode, pattern: re.Pattern[str], new: str) -> Edit | None:
    m = pattern.search(node.text())
    if m is None:
        return None
    start = node.range().start.index + m.start()
    return Edit(start, start + len(m.group(0)), new)


@register("strong_hash", CS)
def cs_strong_hash(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    declarator = enclosing(node, "variable_declaration")
    type_node = declarator.field("type") if declarator is not None else None
    if type_node is not None and _WEAK_HASH.search(type_node.text()):
        return NoRewrite(
            f"the variable is declared as {type_node.text()}; change its type to HashAlgorithm first"
        )
    text = node.text()
    note = ("Digests change, so stored or compared values must be recomputed.",)
    if node.kind() == "object_creation_expression":  # new SHA1Managed() -> SHA256.Create()
        if not re.fullmatch(r"new\s+(System\.Security\.Cryptography\.)?(MD5|SHA1)\w*\(\s*\)", text):
            return NoRewrite("the hash object is built with arguments")
        return Rewrite(
            (Edit.replace(node, "SHA256.Create()"),), "The hash is now SHA-256 (SHA256.Create()).", note
        )
    edit = _token_edit(node, _WEAK_HASH, "SHA256")
    if edit is None:
        return NoRewrite("unrecognised hash algorithm")
    return Rewrite((edit,), "The hash is now SHA-256, which has no known collision attack.", note)


@register("cookie_flags", CS)
def cs_cookie(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "assignment_expression":
        right = node.field("right")
        if right is None or right.text() != "false":
            return NoRewrite("the flag is not a literal false")
        return Rewrite((Edit.replace(right, "true"),), "The cookie's Secure flag is now true (HTTPS only).")
    if node.kind() != "object_creation_expression":
        return NoRewrite("unrecognised cookie construction")
    init = node.find(kind="initializer_expression")
    if init is None:
        return Rewrite(
            (Edit.insert(node.range().end.index, " { Secure = true }"),),
            "The cookie options now set Secure = true, so the browser only sends the cookie over HTTPS.",
        )
    members = [m for m in init.named_children() if m.kind() != "comment"]
    if not members:
        return Rewrite(
            (Edit.replace(init, "{ Secure = true }"),), "The cookie options now set Secure = true."
        )
    return Rewrite(
        (Edit.insert(members[-1].range().end.index, ", Secure = true"),),
        "The cookie options now set Secure = true, so the browser only sends the cookie over HTTPS.",
    )


@register("xml_resolver_null", CS)
def cs_xxe(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    left, right = node.field("left"), node.field("right")
    if node.kind() != "assignment_expression" or left is None or right is None:
        return NoRewrite("unrecognised XML setting")
    name = left.text().rsplit(".", 1)[-1]
    if name == "XmlResolver":
        new, how = "null", "the document no longer resolves external entities or DTDs (XmlResolver = null)"
    elif name == "DtdProcessing":
        new, how = "DtdProcessing.Prohibit", "documents with a DTD are refused (DtdProcessing.Prohibit)"
    elif name == "ProhibitDtd":
        new, how = "true", "documents with a DTD are refused (ProhibitDtd = true)"
    else:
        return NoRewrite("unrecognised XML setting")
    return Rewrite((Edit.replace(right, new),), f"The parser is hardened: {how}.")


@register("default_cert_validation", CS)
def cs_tls(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() != "lambda_expression":
        return NoRewrite("the callback accepts every certificate; remove it to get the default validation")
    params = node.field("parameters")
    body = node.field("body")
    names = [p.text().split()[-1] for p in params.named_children()] if params is not None else []
    if len(names) != 4 or body is None or body.text() != "true":
        return NoRewrite("the callback's shape is not (message, cert, chain, errors) => true")
    return Rewrite(
        (Edit.replace(body, f"{names[3]} == System.Net.Security.SslPolicyErrors.None"),),
        "The callback now accepts a certificate only when the platform found no error with it, which is the "
        "default validation.",
    )


@register("random_to_securerandom", CS)
def cs_random(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    call = node if node.kind() == "invocation_expression" else enclosing(node, "invocation_expression")
    if call is None:
        return NoRewrite(
            "the Random instance is kept and used later; draw each value from RandomNumberGenerator"
        )
    func = call.field("function")
    args = call.field("arguments")
    m = re.fullmatch(r"(new\s+Random\(\s*\)|Random\.Shared)\s*\.\s*Next", func.text() if func else "")
    count = len(args.named_children()) if args is not None else 0
    if m is None:
        return NoRewrite(
            "the Random instance is kept and used later; draw each value from RandomNumberGenerator"
        )
    if args is None or count == 0:
        new = "System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue)"
    else:
        new = f"System.Security.Cryptography.RandomNumberGenerator.GetInt32{args.text()}"
    return Rewrite(
        (Edit.replace(call, new),),
        "The number now comes from RandomNumberGenerator.GetInt32 (the OS CSPRNG) with the same range as "
        "Random.Next.",
    )
