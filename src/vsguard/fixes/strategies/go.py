"""Go rewrites: SQL values passed as query arguments, SHA-256 in place of MD5/SHA-1, programs run
without `sh -c`, and values escaped before they are marked as trusted HTML."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._go import sink_value, string_parameters
from vsguard.fixes.strategies._literals import escape_double, go_built, write_concatenation
from vsguard.fixes.strings import Expr, Lit, Part

GO = "go"

# --------------------------------------------------------------------------- SQL

_QUERY_FIRST = ("Query", "QueryRow", "Exec", "Queryx", "QueryRowx", "MustExec", "Raw", "Where", "Having")
_QUERY_SECOND = ("QueryContext", "QueryRowContext", "ExecContext", "QueryxContext", "QueryRowxContext")
_GORM = ("Raw", "Where", "Having")
_NUMBERED_DRIVERS = re.compile(r'"github\.com/(lib/pq|jackc/pgx[^"]*)"')
_QMARK_DRIVERS = re.compile(
    r'"(github\.com/go-sql-driver/mysql|github\.com/mattn/go-sqlite3|modernc\.org/sqlite)"'
)


def _args(call: SgNode) -> list[SgNode]:
    arglist = call.field("arguments")
    return [] if arglist is None else [a for a in arglist.named_children() if a.kind() != "comment"]


def _go_value(parts: list[Part]) -> str:
    return write_concatenation(parts)


@register("parameterize_sql", GO)
def go_sql(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.sql import NUMERIC, QMARK, parameterize

    call = t.node
    func = call.field("function")
    field = func.field("field") if func is not None and func.kind() == "selector_expression" else None
    method = field.text() if field is not None else ""
    args = _args(call)
    if method in _QUERY_FIRST:
        index = 0
    elif method in _QUERY_SECOND or (method in ("Select", "Get") and args and args[0].text().startswith("&")):
        index = 1
    else:
        return NoRewrite(f"`{method}` takes no query arguments in the same call")
    if len(args) != index + 1:
        return NoRewrite("the call already passes arguments; merge the interpolated values into them by hand")
    query = args[index]
    if query.kind() not in ("binary_expression", "call_expression", "parenthesized_expression"):
        return NoRewrite("the SQL is built elsewhere; pass its values where the text is written")
    built = go_built(query)
    if not built.dynamic:
        return NoRewrite("the query has no interpolated value to bind")
    note: tuple[str, ...] = ()
    if method in _GORM or _QMARK_DRIVERS.search(t.code):
        style = QMARK
    elif _NUMBERED_DRIVERS.search(t.code):
        style = NUMERIC
    else:
        style = QMARK
        note = (
            "No database driver import was found; `?` placeholders (MySQL, SQLite) were used; "
            "use `$1` for Postgres.",
        )
    result = parameterize(built, style, GO, _go_value)
    values = ", ".join(result.values)
    fmt_import = _fmt_import(t, query, values)
    if isinstance(fmt_import, NoRewrite):
        return fmt_import
    return Rewrite(
        (Edit.replace(query, write_concatenation(result.sql) + ", " + values), *fmt_import),
        f"The SQL text is now constant with {'`?`' if style == QMARK else '`$n`'} placeholders and the "
        f"values ({values}) are passed as query arguments, so the driver binds them instead of splicing "
        "them into the query.",
        (*note, "Values are now sent with their Go types, not as the text fmt made of them."),
    )


def _sprintf_argument(call: SgNode) -> bool:
    """`fmt.Sprintf(...)` passed straight to a query or exec.Command call (what these rewrites remove)."""
    func = call.field("function")
    arglist = call.parent()
    outer = arglist.parent() if arglist is not None and arglist.kind() == "argument_list" else None
    outer_func = outer.field("function") if outer is not None else None
    name = outer_func.text().rsplit(".", 1)[-1] if outer_func is not None else ""
    command = name in ("Command", "CommandContext")
    return (
        func is not None
        and func.text() == "fmt.Sprintf"
        and (name in _QUERY_FIRST + _QUERY_SECOND or command)
    )


def _fmt_import(t: Target, replaced: SgNode, added: str) -> tuple[Edit, ...] | NoRewrite:
    """The `fmt` import line to drop when the rewrite removes the file's last use of fmt.

    Uses that stay are those outside every Sprintf these rewrites remove; when several such Sprintf
    calls are the only uses, no one rewrite can tell whether the others succeed, so it refuses."""
    if replaced.kind() != "call_expression" or "fmt." in added:
        return ()
    uses = [u for u in t.root.find_all(kind="selector_expression") if u.text().startswith("fmt.")]
    removable = [u.parent() for u in uses if u.parent() is not None and _sprintf_argument(u.parent())]  # type: ignore[arg-type]
    if len(uses) > len(removable):
        return ()
    if len(removable) > 1:
        return NoRewrite(
            "several queries or commands are built with fmt.Sprintf and nothing else uses fmt; rewrite "
            "them together so the fmt import can go"
        )
    spec = next((s for s in t.root.find_all(kind="import_spec") if s.text() == '"fmt"'), None)
    if spec is None:
        return NoRewrite("the fmt import could not be found")
    holder = spec.parent()
    declaration = spec if holder is None or holder.kind() == "import_spec_list" else holder
    start = t.code.rfind("\n", 0, declaration.range().start.index) + 1
    end = t.code.find("\n", declaration.range().end.index)
    return (Edit(start, len(t.code) if end < 0 else end + 1, ""),)


# --------------------------------------------------------------------------- weak hash

_WEAK = {"md5": "crypto/md5", "sha1": "crypto/sha1"}
_FMT_CALL = re.compile(
    r"^fmt\.(Sprintf|Printf|Fprintf|Errorf|Sprint|Sprintln|Println|Print|Fprint|Fprintln)$"
)
_FIXED_SIZE = re.compile(r"\b(md5|sha1)\.(Size|BlockSize)\b|\[(16|20)\]byte\b")


def _import_edits(t: Target, package: str, still_used: bool) -> tuple[Edit, ...] | NoRewrite:
    if re.search(r'"crypto/sha256"', t.code):
        return ()
    spec = next((s for s in t.root.find_all(kind="import_spec") if s.text() == f'"{_WEAK[package]}"'), None)
    if spec is None:
        return NoRewrite(f"the {_WEAK[package]} import could not be found")
    if not still_used:
        return (Edit.replace(spec, '"crypto/sha256"'),)
    if spec.parent() is None or spec.parent().kind() != "import_spec_list":  # type: ignore[union-attr]
        return NoRewrite(f"{_WEAK[package]} is still used elsewhere and its import is not in a group")
    line_start = t.code.rfind("\n", 0, spec.range().start.index) + 1
    indent = t.code[line_start : spec.range().start.index]
    return (Edit.insert(spec.range().end.index, f'\n{indent}"crypto/sha256"'),)


_CONTENT_KEY = re.compile(r"(?i)^[\w.]*(etag|checksum|cachekey|cache_key|fingerprint|dedup)\w*\s*(:=|=|:)")
_ASSIGNING = ("short_var_declaration", "assignment_statement", "var_spec", "keyed_element")


def _rewritable(call: SgNode) -> bool:
    """Whether this strategy rewrites `call` (so its use of the package goes away with it)."""
    func = call.field("function")
    found = re.match(r"^(md5|sha1)\.(New|Sum)$", func.text() if func is not None else "")
    if found is None:
        return False
    if any(a.kind() in _ASSIGNING and _CONTENT_KEY.match(a.text()) for a in call.ancestors()):
        return False  # a content fingerprint: not a finding, so it stays
    if found.group(2) == "New":
        return True
    parent = call.parent()
    outer = parent.parent() if parent is not None and parent.kind() == "argument_list" else None
    outer_func = outer.field("function") if outer is not None else None
    return outer_func is not None and _FMT_CALL.match(outer_func.text()) is not None


def _rewritten_call(use: SgNode) -> bool:
    parent = use.parent()
    return parent is not None and parent.kind() == "call_expression" and _rewritable(parent)


@register("strong_hash", GO)
def go_weak_hash(t: Target) -> Rewrite | NoRewrite:
    call = t.node
    func = call.field("function")
    found = re.match(r"^(md5|sha1)\.(New|Sum)$", func.text() if func is not None else "")
    if found is None or func is None:
        return NoRewrite("only crypto/md5 and crypto/sha1 are replaced (MD4 needs a different package)")
    package, name = found.groups()
    if _FIXED_SIZE.search(t.code):
        return NoRewrite("the code relies on the digest's size, which SHA-256 changes")
    if not _rewritable(call):
        return NoRewrite(
            "the fixed-size digest array goes on as a value; a 32-byte array would change its type"
        )
    # Every rewrite in the file computes the same import edit, so they agree when applied together.
    uses = [s for s in t.root.find_all(kind="selector_expression") if s.text().startswith(f"{package}.")]
    staying = [u for u in uses if not _rewritten_call(u)]
    imports = _import_edits(t, package, bool(staying))
    if isinstance(imports, NoRewrite):
        return imports
    replacement = "sha256.New" if name == "New" else "sha256.Sum256"
    return Rewrite(
        (Edit.replace(func, replacement), *imports),
        f"The digest is now SHA-256 (`{replacement}`) instead of {package.upper()}, which is broken for "
        "collision resistance.",
        ("For passwords use golang.org/x/crypto/argon2 or bcrypt instead of any plain digest.",),
        review="the digests change (32 bytes instead of "
        f"{16 if package == 'md5' else 20}), so stored or exchanged {package.upper()} values no longer match",
    )


# --------------------------------------------------------------------------- sh -c script

_POSIX_SHELL = re.compile(r'^"((/usr)?/bin/)?(sh|bash|zsh|dash|ksh)"$')


def _go_word(word: tuple[Part, ...], formatted: bool, strings: set[str]) -> str:
    """One argument as Go source. Values from Sprintf may be numbers, so they keep fmt's text."""
    exprs = [p for p in word if isinstance(p, Expr)]
    if not exprs or not formatted or all(e.source in strings for e in exprs):
        return write_concatenation(word)
    if len(word) == 1:
        return f"fmt.Sprint({exprs[0].source})"
    template = "".join(p.text.replace("%", "%%") if isinstance(p, Lit) else "%v" for p in word)
    return f'fmt.Sprintf("{escape_double(template)}", {", ".join(e.source for e in exprs)})'


@register("shell_to_argv", GO)
def go_shell(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.shell import split_command

    shell, flag, script = (sink_value(t.node, m) for m in ("SH", "FLAG", "SCRIPT"))
    if shell is None or flag is None or script is None:
        return NoRewrite("the shell call could not be read")
    if not _POSIX_SHELL.match(shell.text()) or flag.text() != '"-c"':
        return NoRewrite("only a POSIX shell with -c is rewritten (cmd and PowerShell quote differently)")
    if script.kind() not in ("binary_expression", "call_expression", "parenthesized_expression"):
        return NoRewrite("the script is built elsewhere; pass the program and its arguments separately")
    formatted = script.kind() == "call_expression"
    words = split_command(go_built(script))
    strings = string_parameters(t.node)
    items = [_go_word(w, formatted, strings) for w in words]
    fmt_import = _fmt_import(t, script, ", ".join(items))
    if isinstance(fmt_import, NoRewrite):
        return fmt_import
    return Rewrite(
        (Edit(shell.range().start.index, script.range().end.index, ", ".join(items)), *fmt_import),
        f"The program now runs without a shell, with separate arguments ({', '.join(items)}), so each "
        "value reaches it as one argument and shell metacharacters in it have no effect.",
    )


# --------------------------------------------------------------------------- template.HTML


@register("escape_trusted_html", GO)
def go_trusted_html(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    kind = t.node.get_match("T") or (func.field("field") if func is not None else None)
    value = sink_value(t.node, "X")
    if kind is None or value is None:
        return NoRewrite("the conversion could not be read")
    if kind.text() not in ("HTML", "HTMLAttr"):
        return NoRewrite(
            f"template.{kind.text()} content is code, which escaping would break; validate it instead"
        )
    return Rewrite(
        (Edit.replace(value, f"template.HTMLEscapeString({value.text()})"),),
        f"The value is escaped with template.HTMLEscapeString before it is marked as template.{kind.text()}, "
        "so markup in it is shown as text; the type the template sees is unchanged.",
        ("If the value must carry real markup, sanitize it with an allow-list sanitizer (bluemonday).",),
    )


@register("rsa_oaep", GO)
def go_rsa_oaep(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.jvm import OAEP_REVIEW

    func = t.node.field("function")
    name = func.text() if func is not None else ""
    args = _args(t.node)
    if name not in ("rsa.EncryptPKCS1v15", "rsa.DecryptPKCS1v15") or len(args) != 3 or func is None:
        return NoRewrite("only rsa.EncryptPKCS1v15 / DecryptPKCS1v15 have a drop-in replacement")
    imports = _sha256_import(t)
    if isinstance(imports, NoRewrite):
        return imports
    oaep = "rsa.EncryptOAEP" if name.startswith("rsa.Encrypt") else "rsa.DecryptOAEP"
    return Rewrite(
        (
            Edit.replace(func, oaep),
            Edit.insert(args[0].range().start.index, "sha256.New(), "),
            Edit.insert(args[2].range().end.index, ", nil"),
            *imports,
        ),
        f"RSA now uses OAEP with SHA-256 ({oaep}) instead of PKCS#1 v1.5 padding, which is open to "
        "padding-oracle attacks.",
        review=OAEP_REVIEW,
    )


def _sha256_import(t: Target) -> tuple[Edit, ...] | NoRewrite:
    if '"crypto/sha256"' in t.code:
        return ()
    spec = next((s for s in t.root.find_all(kind="import_spec") if s.text() == '"crypto/rsa"'), None)
    parent = spec.parent() if spec is not None else None
    if spec is None or parent is None or parent.kind() != "import_spec_list":
        return NoRewrite("crypto/rsa is not imported in a group, so crypto/sha256 cannot be added beside it")
    line_start = t.code.rfind("\n", 0, spec.range().start.index) + 1
    indent = t.code[line_start : spec.range().start.index]
    return (Edit.insert(spec.range().end.index, f'\n{indent}"crypto/sha256"'),)
