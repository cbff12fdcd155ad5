"""Rust configuration rewrites: credentials from the environment, CORS without credentials for any
origin, JWT checks kept on, private temp files, SHA-256 for MD5/SHA-1, and privileged fields that
request bodies can no longer set."""

from __future__ import annotations

import re

from vsguard.fixes.edits import Edit, statement_removal
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments, enclosing
from vsguard.fixes.strategies._rust import line_indent

RUST = "rust"


_CREDENTIAL_CALL = re.compile(
    r"(EncodingKey|DecodingKey)::from_(secret|base64_secret)$|::new_from_slice$|"
    r"(connect|connect_lazy|establish|from_url)$"
)


def _env_name(function: str) -> str:
    if re.search(r"(Encoding|Decoding)Key::", function):
        return "JWT_SECRET"
    if function.endswith("new_from_slice"):
        return "HMAC_KEY"
    return "DATABASE_URL"


@register("secret_to_env", RUST)
def rust_secret_to_env(t: Target) -> Rewrite | NoRewrite:
    call = t.node
    if call.kind() != "call_expression":  # the generic secrets rule reports the literal itself
        literal = enclosing(call, "string_literal")
        holder = literal.parent() if literal is not None else None
        call = holder.parent() if holder is not None and holder.kind() == "arguments" else None  # type: ignore[assignment]
        if call is None or literal is None or arguments(call)[:1] != [literal]:
            return NoRewrite("the secret is not the first argument of a key or connection call")
    func = call.field("function")
    args = arguments(call)
    if func is None or not args or not _CREDENTIAL_CALL.search(func.text()):
        return NoRewrite("the secret is not passed to a key or connection call")
    literal = args[0]
    found = re.fullmatch(r'(b?)"[^"\\]*"(\.(as_ref|as_bytes)\(\))?', literal.text())
    if found is None:
        return NoRewrite("the credential is not a plain string literal")
    name = _env_name(func.text())
    read = f'std::env::var("{name}").expect("{name} must be set")'
    bytes_wanted = bool(found.group(1) or found.group(2))
    new = f"{read}.as_bytes()" if bytes_wanted else f"{read}.as_str()"
    return Rewrite(
        (Edit.replace(literal, new),),
        f"The {'key' if bytes_wanted else 'connection string'} is now read from the environment variable "
        f"{name} at run time instead of being stored in the source; the program stops with a clear "
        "message when it is missing.",
        (f"Set {name} in the deployment's secret store and rotate the old value: it is in the history.",),
        review=f"the program now needs {name} in its environment and panics at this point without it",
    )


_CORS_REVIEW = (
    "browsers stop sending cookies on cross-origin requests to this API; a front end on another origin "
    "that relies on them must be listed as an allowed origin"
)
_ACTIX_PERMISSIVE = (
    "Cors::default().allow_any_origin().allow_any_method().allow_any_header().expose_any_header()"
    ".max_age(3600)"
)


@register("cors_no_credentials", RUST)
def rust_cors(t: Target) -> Rewrite | NoRewrite:
    call = t.node
    func = call.field("function")
    if func is None:
        return NoRewrite("the CORS call could not be read")
    text = func.text()
    if text.endswith("CorsLayer::very_permissive"):
        edit = Edit.replace(func, text.removesuffix("very_permissive") + "permissive")
    elif re.fullmatch(r"(actix_cors::)?Cors::permissive", text):
        edit = Edit.replace(call, text.removesuffix("permissive").removesuffix("Cors::") + _ACTIX_PERMISSIVE)
    else:
        field, value = func.field("field"), func.field("value")
        args = arguments(call)
        if field is None or value is None:
            return NoRewrite("the CORS call could not be read")
        if field.text() == "allow_credentials" and len(args) == 1 and args[0].text() == "true":
            edit = Edit.replace(args[0], "false")
        elif field.text() == "supports_credentials" and not args:
            edit = Edit(value.range().end.index, call.range().end.index, "")
        else:
            return NoRewrite("credentials are switched on in a way this fix does not read")
    return Rewrite(
        (edit,),
        "Any origin may still read the public responses, but credentials (cookies, HTTP authentication) "
        "are no longer allowed with them.",
        ("If a front end on another origin needs credentials, list its origin instead of allowing all.",),
        review=_CORS_REVIEW,
    )


@register("jwt_verify", RUST)
def rust_jwt_verify(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() in ("assignment_expression", "field_initializer"):
        value = node.field("right") or node.field("value")
        if value is None or value.text() != "false":
            return NoRewrite("the validation switch could not be read")
        return Rewrite(
            (Edit.replace(value, "true"),),
            "The check is switched back on, so expired tokens (or ones with a bad signature) are refused.",
        )
    func = node.field("function")
    field = func.field("field") if func is not None and func.kind() == "field_expression" else None
    statement = node.parent()
    if field is None or field.text() != "insecure_disable_signature_validation" or statement is None:
        return NoRewrite("the token is decoded without a key; decode it with `decode` and a DecodingKey")
    if statement.kind() != "expression_statement":
        return NoRewrite("the call is part of a larger expression")
    return Rewrite(
        (statement_removal(t.code, statement),),
        "insecure_disable_signature_validation() is removed, so the token's signature is checked against "
        "the key given to decode again.",
    )


_TEMP_PATH = re.compile(r'^"(?P<dir>/(?:tmp|var/tmp|dev/shm))/(?P<name>[\w.-]+)"$')


@register("create_temp", RUST)
def rust_create_temp(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    args = arguments(t.node)
    found = _TEMP_PATH.match(args[0].text()) if len(args) == 1 else None
    if func is None or found is None or not re.fullmatch(r"((std::)?fs::)?File::create", func.text()):
        return NoRewrite("only File::create of a fixed name is rewritten; use tempfile::NamedTempFile")
    name = found.group("name")
    if re.search(r"\.(lock|pid|sock)$", name):
        return NoRewrite(
            "a lock, pid or socket file is meant to be found by name; keep it in a private folder"
        )
    if t.code.count(name) > 1:
        return NoRewrite("the fixed name is used elsewhere in the file, which would no longer find it")
    return Rewrite(
        (Edit.replace(t.node, f'tempfile::tempfile_in("{found.group("dir")}")'),),
        f"The file is now created by tempfile::tempfile_in, which opens a new file exclusively under a "
        f"random name (removed when it is closed), so no other user can take `{name}` first.",
        review="it adds a dependency on the tempfile crate, and the file no longer has a name another "
        "program or a later open could find",
    )


_RUSTCRYPTO = re.compile(r"^(?:(?:md5|sha1|sha1_smol)::)?(Md5|Sha1)::(new|digest)$")
_DIGEST_TRAIT = re.compile(r"^use [\w:]*\b(sha1|sha2|md5|digest)::[^;]*\bDigest\b", re.M)
_HASH_REVIEW = (
    "the digests change (32 bytes instead of 16 or 20), so stored or exchanged values no longer match"
)


@register("strong_hash", RUST)
def rust_strong_hash(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    text = func.text() if func is not None else ""
    if func is None:
        return NoRewrite("the digest call could not be read")
    explanation = (
        "The digest is now SHA-256 instead of MD5 or SHA-1, which are broken for collision resistance."
    )
    openssl = re.fullmatch(r"((?:openssl::hash::)?MessageDigest::)(md5|sha1)", text)
    if openssl:
        return Rewrite((Edit.replace(func, openssl.group(1) + "sha256"),), explanation, review=_HASH_REVIEW)
    found = _RUSTCRYPTO.match(text)
    if found is None:
        return NoRewrite("only RustCrypto Md5/Sha1 and openssl MessageDigest are swapped; use sha2::Sha256")
    if not _DIGEST_TRAIT.search(t.code):
        return NoRewrite("the Digest trait is not imported, so Sha256's methods would not be in scope")
    return Rewrite(
        (Edit.replace(func, f"sha2::Sha256::{found.group(2)}"),),
        explanation,
        review=_HASH_REVIEW + "; it adds a dependency on the sha2 crate",
    )


_DEFAULTED = re.compile(
    r"^(bool|[iu](8|16|32|64|128|size)|f32|f64|String|Option<.+>|Vec<.+>|(Hash|BTree)(Set|Map)<.+>)$"
)


@register("serde_skip_field", RUST)
def rust_skip_field(t: Target) -> Rewrite | NoRewrite:
    field = t.node
    kind, name = field.field("type"), field.field("name")
    if kind is None or name is None:
        return NoRewrite("the field could not be read")
    if not _DEFAULTED.match(kind.text().replace(" ", "")):
        return NoRewrite(f"`{kind.text()}` may have no Default value; bind the request into a separate type")
    start = field.range().start.index
    line_start = t.code.rfind("\n", 0, start) + 1
    own_line = t.code[line_start:start].strip() == ""
    separator = "\n" + line_indent(t.code, start) if own_line else " "
    return Rewrite(
        (Edit.insert(start, f"#[serde(skip_deserializing)]{separator}"),),
        f"`{name.text()}` is now skipped when the request body is deserialized: it takes its default value "
        "and the server sets it, so a client cannot grant itself the privilege.",
        review=f"a client that sends `{name.text()}` is ignored now; code that relied on reading it from "
        "the body must set it on the server",
    )
