"""Java and Kotlin injection rewrites: SQL values bound through JdbcTemplate or JPA, and commands run
as an argument array instead of a command line or a `sh -c` script."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strategies._literals import jvm_built, text_has, write_jvm
from vsguard.fixes.strings import Expr, Lit, Part, Unsupported, merge

JAVA, KOTLIN = "java", "kotlin"
_FUNCTIONS = ("method_declaration", "constructor_declaration", "function_declaration", "lambda_expression")


# Rules that report the call without naming its parts (the LLM-output rules) are read by position.
_BY_POSITION = {"S": "receiver", "M": "method", "Q": "first", "CMD": "first"}


def _call_part(t: Target, part: str) -> SgNode | None:
    node = t.node
    if node.kind() == "method_invocation":
        args = node.field("arguments")
        first = next((a for a in args.named_children() if "comment" not in a.kind()), None) if args else None
        return {"receiver": node.field("object"), "method": node.field("name"), "first": first}[part]
    if node.kind() != "call_expression" or not node.children():
        return None
    nav = node.children()[0]
    if nav.kind() != "navigation_expression":
        return None
    if part == "receiver":
        return nav.children()[0]
    if part == "method":
        suffix = nav.children()[-1]
        return suffix.find(kind="simple_identifier") if suffix.kind() == "navigation_suffix" else None
    values, _ = _call_arguments(node)
    return values[0] if values else None


def _metavar(t: Target, name: str) -> SgNode | None:
    node = t.node.get_match(name)
    if node is None and name in _BY_POSITION:
        node = _call_part(t, _BY_POSITION[name])
    if node is not None and node.kind() == "value_argument" and len(node.named_children()) == 1:
        return node.named_children()[0]
    return node


def _known_string(t: Target, name: str) -> bool:
    """`name` is declared as a (non-null) String in the function around the finding."""
    scope = enclosing(t.node, *_FUNCTIONS)
    text = scope.text() if scope is not None else t.code
    if t.language == KOTLIN:
        return re.search(rf"\b{re.escape(name)}\s*:\s*String\b(?!\?)", text) is not None
    return re.search(rf"\bString\s+{re.escape(name)}\b", text) is not None


def _as_string(t: Target, word: tuple[Part, ...]) -> str:
    """Source for one argument word as a String (a value that may not be one is converted the way
    string concatenation converted it)."""
    if len(word) == 1 and isinstance(word[0], Expr):
        source = word[0].source
        if re.fullmatch(r"[A-Za-z_]\w*", source) and _known_string(t, source):
            return source
        return f"String.valueOf({source})" if t.language == JAVA else write_jvm(word, KOTLIN)
    if (
        t.language == JAVA
        and word
        and not isinstance(word[0], Lit)
        and not any(isinstance(p, Lit) for p in word)
    ):
        raise Unsupported("an argument joins several values without text between them")
    if (
        t.language == JAVA
        and word
        and isinstance(word[0], Expr)
        and (len(word) < 2 or not isinstance(word[1], Lit))
    ):
        raise Unsupported("an argument starts with two values, which `+` could add as numbers")
    return write_jvm(word, t.language) if word else '""'


# --------------------------------------------------------------------------- Runtime.exec(String)

_TOKEN_SPACE = " \t\n\r\f"  # what Runtime.exec(String) splits on (a StringTokenizer)


def _exec_words(parts: tuple[Part, ...]) -> list[tuple[Part, ...]]:
    words: list[tuple[Part, ...]] = []
    current: list[Part] = []
    for part in parts:
        if isinstance(part, Expr):
            current.append(part)
            continue
        if '"' in part.text or "'" in part.text:
            raise Unsupported("the command line has quotes, which Runtime.exec(String) passes on literally")
        for i, chunk in enumerate(re.split(r"[ \t\n\r\f]+", part.text)):
            if i > 0 and current:
                words.append(merge(current))
                current = []
            if chunk:
                current.append(Lit(chunk))
    if current:
        words.append(merge(current))
    if not words or not (len(words[0]) == 1 and isinstance(words[0][0], Lit)):
        raise Unsupported("the program name itself comes from data; choose it from a fixed set instead")
    return words


def _array(t: Target, items: list[str]) -> str:
    if t.language == KOTLIN:
        return f"arrayOf({', '.join(items)})"
    return "new String[] {" + ", ".join(items) + "}"


@register("exec_argv", JAVA, KOTLIN)
def jvm_exec_argv(t: Target) -> Rewrite | NoRewrite:
    command = _metavar(t, "CMD")
    if command is None:
        return NoRewrite("the command could not be read")
    words = _exec_words(jvm_built(command, t.language).parts)
    items = [_as_string(t, w) for w in words]
    return Rewrite(
        (Edit.replace(command, _array(t, items)),),
        f"The command is now an argument array ({', '.join(items)}), so a value is one argument however "
        "many spaces it holds, and cannot add arguments of its own.",
    )


# --------------------------------------------------------------------------- sh -c script

_POSIX_SHELL = re.compile(r'^"((/usr)?/bin/)?(sh|bash|zsh|dash|ksh)"$')


@register("shell_to_argv", JAVA, KOTLIN)
def jvm_shell(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.shell import split_command

    shell, flag, script = _metavar(t, "SH"), _metavar(t, "FLAG"), _metavar(t, "SCRIPT")
    if shell is None or flag is None or script is None:
        return NoRewrite("the shell call could not be read")
    if not _POSIX_SHELL.match(shell.text()) or flag.text() != '"-c"':
        return NoRewrite("only a POSIX shell with -c is rewritten (cmd and PowerShell quote differently)")
    words = split_command(jvm_built(script, t.language))
    items = [_as_string(t, w) for w in words]
    start = shell.range().start.index
    return Rewrite(
        (Edit(start, script.range().end.index, ", ".join(items)),),
        f"The program now runs without a shell, with separate arguments ({', '.join(items)}), so each "
        "value reaches it as one argument and shell metacharacters in it have no effect.",
    )


# --------------------------------------------------------------------------- SQL

# JdbcTemplate methods whose overloads take the bind values as trailing varargs, with how many
# arguments come before them (the SQL, then a RowMapper / extractor / result class).
_JDBC_BASE = {
    "query": 2,
    "queryForObject": 2,
    "queryForStream": 2,
    "queryForList": 1,
    "queryForMap": 1,
    "queryForRowSet": 1,
    "update": 1,
}
_JPA = ("createQuery", "createNativeQuery")


def _call_arguments(call: SgNode) -> tuple[list[SgNode], bool]:
    """Arguments of a Java or Kotlin call, and whether a Kotlin trailing lambda follows them."""
    if call.kind() == "method_invocation":
        arglist = call.field("arguments")
        args = arglist.named_children() if arglist is not None else []
        return [a for a in args if a.kind() not in ("comment", "line_comment", "block_comment")], False
    suffix = next((c for c in call.children() if c.kind() == "call_suffix"), None)
    if suffix is None:
        return [], False
    values = suffix.find(kind="value_arguments")
    args = [a for a in values.named_children() if a.kind() == "value_argument"] if values else []
    return args, suffix.find(kind="annotated_lambda") is not None


@register("parameterize_sql", JAVA, KOTLIN)
def jvm_sql(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.sql import NUMERIC, QMARK, parameterize

    receiver, method_node, query = _metavar(t, "S"), _metavar(t, "M"), _metavar(t, "Q")
    if receiver is None or method_node is None or query is None:
        return NoRewrite("the query call could not be read")
    method = method_node.text()
    args, trailing_lambda = _call_arguments(t.node)
    jpa = method in _JPA
    if not jpa and (method not in _JDBC_BASE or not re.search(r"(?i)jdbc|template", receiver.text())):
        return NoRewrite(
            f"`{method}` on a plain JDBC statement takes no values; use a PreparedStatement with setters"
        )
    if re.search(r"(?i)named", receiver.text()):
        return NoRewrite("NamedParameterJdbcTemplate takes its values as a map of names")
    if trailing_lambda:
        return NoRewrite("the row mapper is a trailing lambda; the values cannot follow it")
    base = _JDBC_BASE.get(method, 1)
    if jpa:
        extra_ok = len(args) <= 2
    elif method == "queryForList" and len(args) == 2:
        extra_ok = args[1].text().endswith(("::class.java", ".class"))
    else:
        extra_ok = len(args) <= base
    if not extra_ok:
        return NoRewrite("the call already passes values; merge the interpolated ones into them by hand")
    built = jvm_built(query, t.language)
    if not built.dynamic:
        return NoRewrite("the query has no interpolated value to bind")
    if jpa and text_has(built, r"\$\d|\?"):
        return NoRewrite("the query text already has `?` or `$n` markers")

    def value_of(parts: list[Part]) -> str:
        return write_jvm(parts, t.language)

    result = parameterize(built, NUMERIC if jpa else QMARK, t.language, value_of)
    parts = result.sql
    if jpa:  # JPQL numbers its positional parameters `?1`, `?2`
        parts = tuple(Lit(re.sub(r"\$(\d+)", r"?\1", p.text)) if isinstance(p, Lit) else p for p in parts)
    sql = write_jvm(parts, t.language)
    if jpa:
        binds = "".join(f".setParameter({i}, {v})" for i, v in enumerate(result.values, 1))
        edits = (Edit.replace(query, sql), Edit.insert(t.node.range().end.index, binds))
        how = "bound with setParameter"
    else:
        edits = (
            Edit.replace(query, sql),
            Edit.insert(args[-1].range().end.index, ", " + ", ".join(result.values)),
        )
        how = "passed as JdbcTemplate's bind arguments"
    return Rewrite(
        edits,
        f"The SQL text is now constant with {'`?n`' if jpa else '`?`'} placeholders and the values "
        f"({', '.join(result.values)}) are {how}, so quotes in them cannot change the query.",
    )
