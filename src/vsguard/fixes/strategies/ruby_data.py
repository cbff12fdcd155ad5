"""Ruby rewrites for digests, key sizes, credentials in code, XML entities, XPath, LDAP and
MongoDB values, and the JWT `none` algorithm."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._items import remove_item, secret_from_env
from vsguard.fixes.strategies.go_ruby_rust import _rb_arguments
from vsguard.fixes.strategies.ruby_web import RUBY, set_assigned
from vsguard.fixes.strings import Expr, Lit, Unsupported, read_built, write_ruby

_WEAK_DIGEST = re.compile(r"(?i)^(?P<q>[\"':]?)(md5|sha1|md4)[\"']?$")


@register("strong_hash", RUBY)
def ruby_strong_hash(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    receiver = node.field("receiver")
    if receiver is None:
        return NoRewrite("the digest call could not be read")
    weak = re.search(r"(MD5|SHA1|MD4)$", receiver.text())
    if weak:
        start = receiver.range().end.index - len(weak.group(1))
        edit = Edit(start, receiver.range().end.index, "SHA256")
        old = weak.group(1)
    else:
        args = _rb_arguments(node)
        m = _WEAK_DIGEST.match(args[0].text()) if args else None
        if m is None:
            return NoRewrite("the algorithm is not named by a literal")
        edit = Edit.replace(args[0], ":SHA256" if m.group("q") == ":" else '"SHA256"')
        old = m.group(2).upper()
    return Rewrite(
        (edit,),
        f"{old} becomes SHA-256, which has no known collision or preimage attack.",
        ("Digests stored or compared elsewhere must be recomputed with SHA-256.",),
        review="the digest changes, so stored or exchanged values made with the old one no longer match",
    )


@register("strong_key_size", RUBY)
def ruby_key_size(t: Target) -> Rewrite | NoRewrite:
    args = _rb_arguments(t.node)
    if not args or args[0].kind() != "integer":
        return NoRewrite("the key size is not a literal number")
    return Rewrite(
        (Edit.replace(args[0], "3072"),),
        f"The key size grows from {args[0].text()} to 3072 bits, the size that keeps 128-bit strength.",
        ("Existing keys stay weak until they are rotated.",),
    )


_ENV_FOR_KEY = {
    "password": "PASSWORD",
    "passwd": "PASSWORD",
    "pwd": "PASSWORD",
    "secret_access_key": "AWS_SECRET_ACCESS_KEY",
    "client_secret": "CLIENT_SECRET",
    "auth_token": "AUTH_TOKEN",
}
_OWNER = (
    (re.compile(r"establish_connection|connects_to|Mysql2|PG|Sequel"), "DB_"),
    (re.compile(r"smtp|SMTP|mailer"), "SMTP_"),
    (re.compile(r"Redis|redis"), "REDIS_"),
    (re.compile(r"LDAP"), "LDAP_"),
    (re.compile(r"Mongo"), "MONGO_"),
)


@register("secret_to_env", RUBY)
def ruby_secret(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "pair":
        key, literal = node.field("key"), node.field("value")
        name = _ENV_FOR_KEY.get(key.text().strip(":'\"") if key is not None else "", "")
        holder = next((a for a in node.ancestors() if a.kind() in ("call", "assignment")), None)
        context = holder.text()[:200] if holder is not None else ""
        prefix = next((p for pattern, p in _OWNER if pattern.search(context)), "")
        if name == "PASSWORD":
            name = f"{prefix or 'APP_'}PASSWORD"
    else:
        args = _rb_arguments(node)
        method = node.field("method")
        literal = args[1] if len(args) >= 2 and method is not None and method.text() != "connect" else None
        receiver = node.field("receiver")
        name = (
            "JWT_SECRET"
            if receiver is not None and receiver.text().endswith("JWT")
            else "AWS_SECRET_ACCESS_KEY"
        )
    if literal is None or literal.kind() != "string" or not name:
        return NoRewrite("the credential is inside a connection string; build it from ENV values")
    return secret_from_env(
        (Edit.replace(literal, f'ENV.fetch("{name}")'),), name, " (ENV.fetch raises without it)"
    )


@register("harden_xml_parser", RUBY)
def ruby_xxe(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "assignment":
        return set_assigned(
            node,
            "false",
            "Entity substitution and external DTD loading are switched off for every document parsed.",
        )
    if node.kind() == "scope_resolution":
        parent = node.parent()
        if parent is not None and parent.kind() == "argument_list" and len(parent.named_children()) >= 1:
            call = parent.parent()
            args = _rb_arguments(call) if call is not None else []
            nokogiri = node.text().lstrip(":").startswith("Nokogiri::")
            if nokogiri and args and args[-1].range() == node.range() and len(args) == 4:
                flag = node.text().rsplit("::", 1)[-1]
                return Rewrite(
                    (Edit.replace(node, node.text()[: -len(flag)] + "STRICT"),),
                    f"The parse options drop {flag} (STRICT is no option at all: no entity substitution, "
                    "no DTD loading), so the document's entities are no longer expanded.",
                )
        return NoRewrite("the option is combined with others; remove NOENT/DTDLOAD from the list by hand")
    method = node.field("method")
    receiver = node.field("receiver")
    if method is None or receiver is None:
        return NoRewrite("the option could not be read")
    return Rewrite(
        (Edit(receiver.range().end.index, method.range().end.index, ""),),
        f"`.{method.text()}` is dropped from the parse options, so entities are no longer expanded or "
        "external DTDs loaded.",
    )


def _xpath_rewrite(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.python_taint import _check_xpath_values
    from vsguard.fixes.strategies.sql import NAMED, parameterize

    node = t.node
    receiver, method = node.field("receiver"), node.field("method")
    args = _rb_arguments(node)
    rexml = receiver is not None and receiver.text().endswith("REXML::XPath")
    at = 1 if rexml else 0
    if method is None or len(args) != at + 1 or args[at].kind() not in ("string", "binary"):
        return NoRewrite("the expression is not written in the call; bind values as XPath variables")
    expr = args[at]
    built = read_built(expr, "ruby")
    _check_xpath_values(built.parts)
    result = parameterize(built, NAMED, "ruby")
    names = result.names
    marker = re.compile(r":(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    if any(isinstance(p, Lit) and marker.search(p.text) for p in built.parts):
        return NoRewrite("the expression's own text looks like one of the new variables")
    xpath = [Lit(marker.sub(r"$\1", p.text)) if isinstance(p, Lit) else p for p in result.sql]
    if rexml:
        bound = ", ".join(f'"{n}" => {v}' for n, v in zip(names, result.values, strict=True))
    else:
        bound = ", ".join(f"{n}: {v}" for n, v in zip(names, result.values, strict=True))
    return Rewrite(
        (Edit.replace(expr, write_ruby(xpath)), Edit.insert(expr.range().end.index, f", nil, {{ {bound} }}")),
        "The XPath expression is now constant with `$` variables and the values "
        f"({', '.join(result.values)}) are passed as XPath variable bindings, so quotes in them cannot "
        "change the expression.",
    )


@register("xpath_variables", RUBY)
def ruby_xpath(t: Target) -> Rewrite | NoRewrite:
    try:
        return _xpath_rewrite(t)
    except Unsupported as why:
        return NoRewrite(str(why).replace("SQL", "XPath"))


_LDAP_ESCAPE = "Net::LDAP::Filter.escape({}.to_s)"


@register("escape_ldap_filter", RUBY)
def ruby_ldap(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    args = _rb_arguments(node)
    value = args[0] if args and args[0].kind() != "pair" else None
    if value is None:
        pair = next(
            (a for a in args if a.kind() == "pair" and re.match(r"^:?filter(:|\s*=>)", a.text())), None
        )
        value = pair.field("value") if pair is not None else None
    if value is None or value.kind() != "string":
        return NoRewrite(
            "the filter is built elsewhere; escape each value with Net::LDAP::Filter.escape there"
        )
    try:
        built = read_built(value, "ruby")
    except Unsupported as why:
        return NoRewrite(str(why))
    parts = [Expr(_LDAP_ESCAPE.format(p.source), False) if isinstance(p, Expr) else p for p in built.parts]
    return Rewrite(
        (Edit.replace(value, write_ruby(parts)),),
        "Each interpolated value is escaped with Net::LDAP::Filter.escape, so `*`, `(`, `)` and `\\` in it "
        "are matched literally instead of changing the filter.",
    )


_RAW_READ = re.compile(r"^(params|request\.params)\[[^\[\]]*\]$|^params\.fetch\([^()]*\)$")


def _raw_source(t: Target, value: SgNode) -> bool:
    if _RAW_READ.match(value.text()):
        return True
    if value.kind() != "identifier":
        return False
    scope = next(
        (a for a in value.ancestors() if a.kind() in ("method", "singleton_method", "program")), None
    )
    assigns = [
        a
        for a in (scope.find_all(kind="assignment") if scope is not None else [])
        if (left := a.field("left")) is not None and left.text() == value.text()
    ]
    right = assigns[0].field("right") if len(assigns) == 1 else None
    return right is not None and bool(_RAW_READ.match(right.text()))


@register("nosql_string", RUBY)
def ruby_nosql(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "pair":
        return NoRewrite("the query runs JavaScript built from the request; use ordinary query operators")
    values = [
        v
        for pair in node.find_all(kind="pair")
        if (v := pair.field("value")) is not None and _raw_source(t, v)
    ]
    if not values:
        return NoRewrite("the whole query comes from the request; build it from known fields instead")
    return Rewrite(
        tuple(Edit.replace(v, f"{v.text()}.to_s") for v in values),
        f"{', '.join(f'`{v.text()}`' for v in values)} is converted with .to_s, so a parameter sent as a "
        "hash (`user[$ne]=`) becomes a plain string and cannot act as a query operator.",
    )


@register("drop_none_algorithm", RUBY)
def ruby_jwt(t: Target) -> Rewrite | NoRewrite:
    nones = [s for s in t.node.find_all(kind="string") if re.fullmatch(r"(?i)[\"']none[\"']", s.text())]
    array = nones[0].parent() if len(nones) == 1 else None
    items = [c for c in array.named_children() if c.kind() != "comment"] if array is not None else []
    if array is None or array.kind() != "array" or len(items) < 2:
        return NoRewrite("name the algorithm the issuer signs with and pass true to verify the signature")
    return Rewrite(
        (remove_item(t.code, items, nones[0]),),
        "`none` is removed from the accepted algorithms, so an unsigned token is rejected.",
    )


_WEAK_CBC = re.compile(
    r"(?i)^[\"'](des|des3|des-cbc|des-ede3|des-ede3-cbc|bf|bf-cbc|blowfish|rc2|rc2-cbc|cast5-cbc)[\"']$"
)


@register("strong_cipher", RUBY)
def ruby_cipher(t: Target) -> Rewrite | NoRewrite:
    """A 64-bit-block CBC cipher whose key and IV the cipher itself generates -> AES-256-CBC: the
    same mode and padding, with key and IV sizes that follow the new cipher."""
    node = t.node
    args = _rb_arguments(node)
    assign = node.parent()
    left = assign.field("left") if assign is not None and assign.kind() == "assignment" else None
    if len(args) != 1 or not _WEAK_CBC.match(args[0].text()) or left is None:
        return NoRewrite(
            "the mode changes too (ECB or a stream cipher); move to aes-256-gcm with a random IV"
        )
    var = re.escape(left.text())
    scope = next((a for a in node.ancestors() if a.kind() in ("method", "singleton_method", "program")), None)
    body = scope.text() if scope is not None else ""
    generated = re.search(rf"{var}\.random_key\b", body) and re.search(rf"{var}\.random_iv\b", body)
    if not generated or re.search(rf"{var}\.(key|iv)\s*=[^=]|{var}\.pkcs5_keyivgen", body):
        return NoRewrite("the key or IV is set from outside, with the old cipher's size; switch both to AES")
    return Rewrite(
        (Edit.replace(args[0], '"aes-256-cbc"'),),
        f"{args[0].text()} becomes aes-256-cbc: the same CBC mode and padding with a 128-bit block, and the "
        "key and IV random_key / random_iv generate now have AES's sizes.",
        ("Prefer aes-256-gcm, which also detects tampering.",),
        review="data encrypted with the old cipher must be decrypted with it and encrypted again",
    )
