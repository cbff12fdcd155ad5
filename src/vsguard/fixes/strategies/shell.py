"""shell_to_argv and os_system_to_subprocess: run the program directly with an argument list.

The command template is split the way a POSIX shell splits words; an interpolated value becomes one
argument of its own, so metacharacters inside it reach the program as plain text. Templates that
need the shell itself (pipes, redirects, globs, `$`, `;`) are refused: dropping the shell would
change what they do.
"""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.imports import python_import
from vsguard.fixes.registry import NoRewrite, Rewrite, Target
from vsguard.fixes.strategies._common import (
    arguments,
    call_with_callee,
    has_splat,
    keyword,
    on_call,
    on_python_call,
    remove_argument,
    single_use_binding,
)
from vsguard.fixes.strings import Built, Expr, Lit, Part, Unsupported, as_value, merge, read_built

_META = set("|&;<>()$`\\*?[]\n")


def split_command(built: Built) -> list[tuple[Part, ...]]:
    """Shell words of a command template; raises Unsupported when it relies on shell features."""
    items: list[str | Expr] = []
    for part in built.parts:
        items.extend(part.text if isinstance(part, Lit) else [part])
    words: list[tuple[Part, ...]] = []
    current: list[Part] | None = None
    quote: str | None = None
    for item in items:
        if isinstance(item, Expr):
            current = current if current is not None else []
            current.append(item)
            continue
        if quote:
            if item == quote:
                quote = None
            elif quote == '"' and item in "$`\\":
                raise Unsupported("the command uses shell expansion inside double quotes")
            else:
                assert current is not None  # the opening quote started a word
                current.append(Lit(item))
            continue
        if item in " \t":
            if current is not None:
                words.append(merge(current))
                current = None
        elif item in "'\"":
            quote = item
            current = current if current is not None else []
        elif item in _META or (item in "~#" and current is None) or item in "{}":
            shown = "newline" if item == "\n" else item
            raise Unsupported(
                f"the command uses shell syntax (`{shown}`), which an argument list cannot express"
            )
        else:
            current = current if current is not None else []
            current.append(Lit(item))
    if quote:
        raise Unsupported("unbalanced quotes in the command")
    if current is not None:
        words.append(merge(current))
    if not words:
        raise Unsupported("empty command")
    if not (len(words[0]) == 1 and isinstance(words[0][0], Lit)):
        raise Unsupported("the program name itself comes from data; choose it from a fixed set instead")
    return words


def _word_source(word: tuple[Part, ...], language: str, quote: str) -> str:
    return as_value(word, language, quote if len(quote) == 1 and quote != "`" else '"') if word else '""'


def _command_source(call: SgNode, language: str) -> tuple[SgNode, SgNode] | NoRewrite:
    """(argument node, string-building node) for the command, following a single-use local name."""
    args = arguments(call)
    if not args or args[0].kind() in ("keyword_argument", "pair"):
        return NoRewrite("the command is not the first argument")
    arg = args[0]
    if arg.kind() == "identifier":
        binding = single_use_binding(arg, language)
        if binding is None:
            return NoRewrite(f"`{arg.text()}` is assigned more than once or used elsewhere")
        return arg, binding.value
    return arg, arg


def _python_argv(expr: SgNode) -> tuple[str, list[str]]:
    built = read_built(expr, "python")
    words = split_command(built)
    items = [_word_source(w, "python", built.quote) for w in words]
    return "[" + ", ".join(items) + "]", items


@on_python_call("shell_to_argv")
def python_shell(t: Target, call: SgNode, _: SgNode) -> Rewrite | NoRewrite:
    shell = keyword(call, "shell")
    if shell is None or has_splat(call) or keyword(call, "executable") is not None:
        return NoRewrite("the call's shell settings are not plain keyword arguments")
    source = _command_source(call, "python")
    if isinstance(source, NoRewrite):
        return source
    _, expr = source
    argv, _items = _python_argv(expr)
    edits = (Edit.replace(expr, argv), remove_argument(t.code, call, shell))
    return Rewrite(
        edits,
        f"The command now runs without a shell as the argument list {argv}; each value is a single argument, "
        "so shell metacharacters in it have no effect.",
    )


def _statement_parent(call: SgNode) -> bool:
    parent = call.parent()
    return parent is not None and parent.kind() == "expression_statement"


@on_python_call("os_system_to_subprocess")
def python_os_system(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    name = func.text().rsplit(".", 1)[-1]
    found = _command_source(call, "python")
    if isinstance(found, NoRewrite):
        return found
    _, expr = found
    if name == "popen" and len(arguments(call)) > 1:
        return NoRewrite("os.popen with a mode or buffering argument")
    argv, _ = _python_argv(expr)
    binding_edit: tuple[Edit, ...] = ()
    arg_text = argv
    if expr != arguments(call)[0]:  # the command came through a local name: rewrite its value
        binding_edit = (Edit.replace(expr, argv),)
        arg_text = arguments(call)[0].text()
    imports = python_import(t.root, t.code, "subprocess")
    if name == "system":
        if _statement_parent(call):
            new = f"subprocess.run({arg_text}, check=True)"
            how = "raises CalledProcessError when the command fails"
        else:
            new = f"subprocess.run({arg_text}).returncode"
            how = "gives the exit code (os.system gave the raw wait status; zero still means success)"
        return Rewrite(
            (*binding_edit, Edit.replace(call, new), *imports),
            "The command now runs without a shell via subprocess.run with the argument list "
            f"{argv}, and {how}.",
        )
    # os.popen(cmd).read() -> captured stdout
    parent = call.parent()
    outer = parent.parent() if parent is not None else None
    if parent is None or parent.kind() != "attribute" or outer is None or outer.kind() != "call":
        return NoRewrite("the os.popen result is used as a file object; switch to subprocess.Popen by hand")
    attr = parent.field("attribute")
    if attr is None or attr.text() != "read" or arguments(outer):
        return NoRewrite("the os.popen result is used as a file object; switch to subprocess.Popen by hand")
    new = f"subprocess.run({arg_text}, capture_output=True, text=True).stdout"
    return Rewrite(
        (*binding_edit, Edit.replace(outer, new), *imports),
        f"The command now runs without a shell via subprocess.run with the argument list {argv}, and its "
        "output is read from the captured stdout.",
    )


# --------------------------------------------------------------------------- JavaScript

_JS_FILE_VARIANT = {"exec": "execFile", "execSync": "execFileSync"}


def _js_named_import_edit(t: Target, local: str, wanted: str) -> tuple[Edit, ...] | None:
    """Add `wanted` next to `local` in a `{ exec } = require("child_process")` or named import."""
    for decl in t.root.find_all(kind="variable_declarator"):
        pattern, value = decl.field("name"), decl.field("value")
        if pattern is None or value is None or pattern.kind() != "object_pattern":
            continue
        if "child_process" not in value.text():
            continue
        names = [c.text() for c in pattern.named_children()]
        if wanted in names:
            return ()
        if local in names:
            return (Edit.insert(pattern.named_children()[-1].range().end.index, f", {wanted}"),)
    specs = []
    for spec in t.root.find_all(kind="import_specifier"):
        source = next((a.field("source") for a in spec.ancestors() if a.kind() == "import_statement"), None)
        if source is not None and "child_process" in source.text():
            specs.append(spec)
    if any(s.text() == wanted for s in specs):
        return ()
    for spec in specs:
        if spec.text() == local:
            return (Edit.insert(spec.range().end.index, f", {wanted}"),)
    return None


@on_call("shell_to_argv", ("javascript",), lambda node: call_with_callee(node, "javascript"))
def javascript_shell(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    args = arguments(call)
    if any("shell" in a.text() for a in args[1:] if a.kind() == "object"):
        return NoRewrite("the options ask for a shell explicitly")
    found = _command_source(call, t.language)
    if isinstance(found, NoRewrite):
        return found
    arg, expr = found
    built = read_built(expr, t.language)
    words = split_command(built)
    items = [_word_source(w, t.language, built.quote) for w in words]
    program, rest = items[0], "[" + ", ".join(items[1:]) + "]"
    edits: list[Edit] = []
    if func.kind() == "member_expression":
        prop = func.field("property")
        assert prop is not None
        edits.append(Edit.replace(prop, _JS_FILE_VARIANT[prop.text()]))
    else:
        local = func.text()
        wanted = _JS_FILE_VARIANT.get(local)
        if wanted is None:
            return NoRewrite("the exec function is not imported under its own name")
        added = _js_named_import_edit(t, local, wanted)
        if added is None:
            return NoRewrite(f"could not find where `{local}` is imported to add `{wanted}`")
        edits.extend(added)
        edits.append(Edit.replace(func, wanted))
    if expr == arg:
        edits.append(Edit.replace(arg, f"{program}, {rest}"))
    else:
        return NoRewrite("the command is built in a separate variable; pass program and arguments directly")
    return Rewrite(
        tuple(edits),
        f"The command now runs without a shell: program {program} with arguments {rest}, so each value "
        "reaches the program as one argument and shell metacharacters do nothing.",
    )
