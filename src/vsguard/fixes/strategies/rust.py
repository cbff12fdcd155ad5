"""Rust rewrites: bound SQL parameters instead of `format!`, a program with arguments instead of
`sh -c`, and argon2 instead of a fast digest for passwords."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strategies._literals import rust_format, text_has, write_rust
from vsguard.fixes.strings import Built, Expr, Lit, Part

RUST = "rust"

# --------------------------------------------------------------------------- SQL

_SQLX_FUNCTION = re.compile(r"^(sqlx::)?(query|query_as|query_scalar)(::<.*>)?$", re.S)
_EMPTY_PARAMS = re.compile(r"^(\[\]|\(\)|&\[\]|(rusqlite::)?params!\[\]|(rusqlite::)?NO_PARAMS)$")
_RUSQLITE_METHODS = ("execute", "query_row")
_POSTGRES_METHODS = ("query", "execute", "query_one", "query_opt")


def _format_macro(arg: SgNode) -> SgNode | None:
    """The `format!` invocation an argument is made of: `format!(..)`, `&format!(..)`, `&*format!`."""
    node = arg
    if node.kind() == "reference_expression":
        inner = node.named_children()
        node = inner[-1] if inner else node
    if node.kind() == "macro_invocation" and re.match(r"^(std::)?format!", node.text()):
        return node
    return None


def _args(call: SgNode) -> list[SgNode]:
    arglist = call.field("arguments")
    return [] if arglist is None else [a for a in arglist.named_children() if a.kind() != "comment"]


def _sql_value(parts: list[Part]) -> str:
    return write_rust(parts)


def _bound(built: Built, style: str) -> tuple[str, tuple[str, ...]]:
    from vsguard.fixes.strategies.sql import parameterize

    result = parameterize(built, style, RUST, _sql_value)
    sql = write_rust(result.sql)
    return (f"&{sql}" if sql.startswith("format!") else sql), result.values


def _numbered(sql: str, marker: str) -> str:
    """`$1, $2` placeholders renumbered with another marker (`?1` for SQLite)."""
    return re.sub(r"\$(\d+)", lambda m: f"{marker}{m.group(1)}", sql)


def _borrowed(value: str) -> str:
    return value if value.startswith("&") else f"&{value}"


@register("parameterize_sql", RUST)
def rust_sql(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.sql import NUMERIC, QMARK

    call = t.node
    func = call.field("function")
    args = _args(call)
    if func is None or not args:
        return NoRewrite("the query call could not be read")
    macro = _format_macro(args[0])
    if macro is None:
        return NoRewrite("the SQL is built elsewhere; bind its values where the text is written")
    built = rust_format(macro)
    if not built.dynamic:
        return NoRewrite("the query has no interpolated value to bind")
    if text_has(built, r"\$\d|\?"):
        return NoRewrite("the query text already has `?` or `$n` markers")
    field = func.field("field") if func.kind() == "field_expression" else None
    method = field.text() if field is not None else ""
    if _SQLX_FUNCTION.match(func.text()):
        mysql = re.search(r"\bMySql\w*|sqlx::mysql\b", t.code) is not None
        sql, values = _bound(built, QMARK if mysql else NUMERIC)
        parent = call.parent()
        chained = (
            parent.field("field") if parent is not None and parent.kind() == "field_expression" else None
        )
        if chained is not None and chained.text() == "bind":
            return NoRewrite("the query already binds values; merge the interpolated ones in order by hand")
        chain = re.match(r"\n[ \t]*(?=\.)", t.code[call.range().end.index :])
        binds = "".join(f"{chain.group(0) if chain else ''}.bind({v})" for v in values)
        edits = (Edit.replace(args[0], sql), Edit.insert(call.range().end.index, binds))
        driver = "sqlx"
        notes: tuple[str, ...] = (
            ()
            if mysql or re.search(r"\b(Pg\w*|Postgres|Sqlite\w*)\b", t.code)
            else ("No sqlx database type was found; `$n` placeholders (Postgres, SQLite) were used.",)
        )
    elif re.search(r"\brusqlite\b", t.code) and method in _RUSQLITE_METHODS:
        if len(args) < 2 or not _EMPTY_PARAMS.match(args[1].text().replace(" ", "")):
            return NoRewrite("the call already passes parameters; merge the interpolated values by hand")
        sql, values = _bound(built, NUMERIC)
        macro_name = (
            "params!"
            if re.search(r"use rusqlite::\{[^}]*\bparams\b|use rusqlite::params;", t.code)
            else "rusqlite::params!"
        )
        edits = (
            Edit.replace(args[0], _numbered(sql, "?")),
            Edit.replace(args[1], f"{macro_name}[{', '.join(values)}]"),
        )
        driver, notes = "rusqlite", ()
    elif re.search(r"\b(tokio_)?postgres\b", t.code) and method in _POSTGRES_METHODS:
        if len(args) < 2 or args[1].text().replace(" ", "") != "&[]":
            return NoRewrite("the call already passes parameters; merge the interpolated values by hand")
        sql, values = _bound(built, NUMERIC)
        edits = (
            Edit.replace(args[0], sql),
            Edit.replace(args[1], "&[" + ", ".join(_borrowed(v) for v in values) + "]"),
        )
        driver = "postgres"
        notes = ("The postgres crate checks each value's Rust type against the column type.",)
    else:
        return NoRewrite(
            "the database crate could not be told from the code, so its placeholders are unknown"
        )
    return Rewrite(
        edits,
        f"The SQL text is now constant with placeholders and the values ({', '.join(values)}) are bound "
        f"through {driver}, so quotes in them cannot change the query.",
        notes,
    )


# --------------------------------------------------------------------------- shell

_POSIX_SHELL = re.compile(
    r'^((std::process::)?Command::new)\(\s*"(sh|bash|zsh|dash|/bin/sh|/bin/bash)"\s*\)$'
)


_OS_STR_TYPES = re.compile(r"^&?(str|String|&String|Path|PathBuf|OsStr|OsString|&Path|&OsStr)$")


def _os_str_parameters(node: SgNode) -> set[str]:
    """Parameters of the enclosing function whose type `Command::arg` takes by reference."""
    func = enclosing(node, "function_item")
    params = func.field("parameters") if func is not None else None
    names = set()
    for param in params.find_all(kind="parameter") if params is not None else []:
        pattern, kind = param.field("pattern"), param.field("type")
        if pattern is not None and kind is not None and _OS_STR_TYPES.match(kind.text().replace(" ", "")):
            names.add(pattern.text())
    return names


def _word_source(word: tuple[Part, ...], os_strings: set[str]) -> str:
    """One argument: a text parameter by reference, any other value as the text format! made of it."""
    if len(word) == 1 and isinstance(word[0], Expr):
        source = word[0].source
        return _borrowed(source) if source in os_strings else f"{source}.to_string()"
    return write_rust(word) if word else '""'


@register("shell_to_argv", RUST)
def rust_shell(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.shell import split_command

    call = t.node
    func = call.field("function")
    flag_call = func.field("value") if func is not None and func.kind() == "field_expression" else None
    flag_func = flag_call.field("function") if flag_call is not None else None
    shell = (
        flag_func.field("value") if flag_func is not None and flag_func.kind() == "field_expression" else None
    )
    if func is None or flag_call is None or shell is None or (func.field("field") or func).text() != "arg":
        return NoRewrite('only `Command::new("sh").arg("-c").arg(...)` is rewritten')
    if not _POSIX_SHELL.match(shell.text()):
        return NoRewrite("the shell is not a POSIX `sh -c` right before the command")
    args = _args(call)
    macro = _format_macro(args[0]) if len(args) == 1 else None
    if macro is None:
        return NoRewrite("the command text is built elsewhere; pass the program and its arguments separately")
    words = split_command(rust_format(macro))
    program = words[0][0]
    assert isinstance(program, Lit)
    shell_args = _args(shell)
    layout = t.code[flag_call.range().end.index : func.field("field").range().start.index - 1]  # type: ignore[union-attr]
    os_strings = _os_str_parameters(call)
    rest = [_word_source(w, os_strings) for w in words[1:]]
    edits = [
        Edit.replace(shell_args[0], write_rust([program])),
        Edit(shell.range().end.index, flag_call.range().end.index, ""),
    ]
    if rest:
        edits.append(Edit.replace(args[0], rest[0]))
        edits.append(Edit.insert(call.range().end.index, "".join(f"{layout}.arg({w})" for w in rest[1:])))
    else:
        edits.append(Edit(flag_call.range().end.index, call.range().end.index, ""))
    shown = ", ".join([write_rust([program]), *rest])
    return Rewrite(
        tuple(edits),
        f"The program now runs without a shell, with separate arguments ({shown}), so each value reaches "
        "it as one argument and shell metacharacters in it have no effect.",
    )


# --------------------------------------------------------------------------- password hash

_ARGON2 = (
    "argon2::PasswordHasher::hash_password(\n{i}    &argon2::Argon2::default(),\n{i}    {password},\n"
    "{i}    &argon2::password_hash::SaltString::generate(&mut argon2::password_hash::rand_core::OsRng),\n"
    '{i})\n{i}.expect("argon2 hashes with its default parameters")\n{i}.to_string()'
)


def _line_indent(code: str, offset: int) -> str:
    start = code.rfind("\n", 0, offset) + 1
    line = code[start:offset]
    return line[: len(line) - len(line.lstrip())]


def _unused_use_lines(code: str, replaced: SgNode, root: SgNode) -> list[Edit]:
    """`use` lines whose every name the rewrite removed the last use of (e.g. `use sha2::Sha256;`)."""
    rng = replaced.range()
    rest = code[: rng.start.index] + code[rng.end.index :]
    edits = []
    for use in root.find_all(kind="use_declaration"):
        names = re.findall(r"\b[A-Z]\w*|\bmd5\b", use.text().split("::", 1)[-1])
        if not names or not re.match(r"^use (sha1|sha2|md5|sha1_smol|md-5)\b", use.text()):
            continue
        if all(len(re.findall(rf"\b{n}\b", rest)) == 1 for n in names):
            start = use.range().start.index
            end = code.find("\n", use.range().end.index)
            edits.append(Edit(start, len(code) if end < 0 else end + 1, ""))
    return edits


@register("password_hash", RUST)
def rust_password_hash(t: Target) -> Rewrite | NoRewrite:
    call = t.node
    func = call.field("function")
    args = _args(call)
    if func is None or func.kind() == "field_expression" or len(args) != 1:
        return NoRewrite("the digest is fed in steps; hash the password with argon2 where it is stored")
    password = args[0].text()
    if not password.endswith(".as_bytes()"):
        return NoRewrite("the password is not passed as `.as_bytes()`, so its type is unknown")
    outer = call.parent()
    encode = outer.parent() if outer is not None and outer.kind() == "arguments" else None
    encode_func = encode.field("function") if encode is not None else None
    if (
        encode is None
        or encode_func is None
        or encode_func.text() != "hex::encode"
        or len(_args(encode)) != 1
    ):
        return NoRewrite(
            "the digest is not turned into text with hex::encode, so the result type would change"
        )
    indent = _line_indent(t.code, encode.range().start.index)
    return Rewrite(
        (
            Edit.replace(encode, _ARGON2.format(password=password, i=indent)),
            *_unused_use_lines(t.code, encode, t.root),
        ),
        "The password is now hashed with Argon2id (argon2 crate, random salt), a slow salted password "
        "hash; the result is the PHC string that holds salt and parameters.",
        (
            "Check a login with `argon2::PasswordVerifier::verify_password(&Argon2::default(), "
            "pw.as_bytes(), &PasswordHash::new(&stored)?)`; re-hash old records at the next login.",
        ),
        review="it adds a dependency on the argon2 crate, and the stored hashes change format (PHC "
        "strings from a salted hash, no longer hex digests), so existing records need re-hashing at login",
    )


# --------------------------------------------------------------------------- random generators

_SMALL_RNG = re.compile(r"^((?:rand::rngs::)?SmallRng)::(from_entropy|from_os_rng)$")


@register("random_to_securerandom", RUST)
def rust_random(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    found = _SMALL_RNG.match(func.text()) if func is not None else None
    if func is None or found is None:
        return NoRewrite(
            "only an OS-seeded SmallRng is swapped; a fixed seed or fastrand needs a design choice"
        )
    others = [m.start() for m in re.finditer(r"\bSmallRng\b", t.code)]
    uses = [u for u in t.root.find_all(kind="use_declaration") if "SmallRng" in u.text()]
    in_uses = sum(u.text().count("SmallRng") for u in uses)
    if len(others) - in_uses != 1:
        return NoRewrite(
            "SmallRng is named elsewhere (a type or another generator), so the type would change"
        )
    edits = [Edit.replace(func, f"rand::rngs::StdRng::{found.group(2)}")]
    for use in uses:
        if not re.fullmatch(r"use (rand::rngs::)?SmallRng;|use rand::rngs::\{SmallRng\};", use.text()):
            return NoRewrite("SmallRng is imported together with other names; switch the import by hand")
        start = use.range().start.index
        end = t.code.find("\n", use.range().end.index)
        edits.append(Edit(start, len(t.code) if end < 0 else end + 1, ""))
    return Rewrite(
        tuple(edits),
        "The generator is now rand's StdRng (a ChaCha-based CSPRNG), seeded from the operating system the "
        "same way; it offers the same Rng methods, so the values drawn keep their ranges.",
    )
