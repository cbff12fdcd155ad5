"""JavaScript/TypeScript rewrites for web-stack settings: parser and JWT options, CORS, CSRF,
debug error pages, temporary files."""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, indentation_at
from vsguard.fixes.imports import js_import_default
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import JS_CALL, arguments

JS = ("javascript",)


def _items(container: SgNode) -> list[SgNode]:
    return [c for c in container.named_children() if c.kind() != "comment"]


def remove_item(code: str, container: SgNode, item: SgNode) -> Edit:
    """Delete one pair of an object (or element of an array) with the comma beside it."""
    items = _items(container)
    index = next(i for i, c in enumerate(items) if c.range().start.index == item.range().start.index)
    start, end = item.range().start.index, item.range().end.index
    if index > 0:
        start = items[index - 1].range().end.index  # eat ", " before it
    elif len(items) > 1:
        end = items[1].range().start.index  # first item: eat ", " after it
    else:
        trailing = code[end:].lstrip(" \t\n")
        if trailing.startswith(","):
            end = code.index(",", end) + 1
    return Edit(start, end, "")


def _key(pair: SgNode) -> str:
    key = pair.field("key")
    return key.text().strip("'\"") if key is not None else ""


_DROPPED = {
    "noent": "Entity substitution is off again (libxml2's default), so external entities are no longer "
    "fetched or expanded into the parsed document.",
    "replaceEntities": "Entity substitution is off again (libxml2's default), so external entities are "
    "no longer fetched or expanded into the parsed document.",
    "ignoreExpiration": "Token expiry (`exp`) is checked again; expired tokens are rejected.",
}


@register("drop_js_option", *JS)
def js_drop_option(t: Target) -> Rewrite | NoRewrite:
    pair, container = t.node, t.node.parent()
    explanation = _DROPPED.get(_key(pair)) if pair.kind() == "pair" else None
    if container is None or container.kind() != "object" or explanation is None:
        return NoRewrite("the option is not a plain `key: value` of an options object")
    notes: tuple[str, ...] = ()
    if _key(pair) == "ignoreExpiration":
        notes = (
            "Clients holding expired tokens must now sign in again; allow clock skew with a small "
            "`clockTolerance` if needed.",
        )
    return Rewrite((remove_item(t.code, container, pair),), explanation, notes)


@register("drop_array_element", *JS)
def js_drop_none_algorithm(t: Target) -> Rewrite | NoRewrite:
    array = t.node.parent()
    if array is None or array.kind() != "array":
        return NoRewrite("the algorithm list could not be read")
    if len(_items(array)) < 2:
        return NoRewrite('"none" is the only algorithm allowed: name the algorithm the issuer signs with')
    return Rewrite(
        (remove_item(t.code, array, t.node),),
        'The "none" algorithm is no longer accepted, so unsigned tokens are rejected.',
    )


_ORIGINS_FROM_ENV = '(process.env.CORS_ORIGINS || "").split(",")'


@register("cors_origins_from_env", *JS)
def js_cors_origins(t: Target) -> Rewrite | NoRewrite:
    if t.node.kind() != "pair":
        return NoRewrite(
            "the request's Origin is echoed; compare it with an allow-list (`ALLOWED.includes(origin)`) "
            "before setting Access-Control-Allow-Origin"
        )
    value = t.node.field("value")
    assert value is not None
    return Rewrite(
        (Edit.replace(value, _ORIGINS_FROM_ENV),),
        "Only the origins listed in the CORS_ORIGINS environment variable (comma-separated) may now make "
        "credentialed requests; any other site is refused.",
        (
            "Set CORS_ORIGINS (e.g. `https://app.example.com`) wherever the app runs: until it is set, no "
            "cross-origin request is allowed.",
        ),
        review="cross-origin callers not listed in CORS_ORIGINS stop working",
    )


@register("csrf_protection_on", *JS)
def js_csrf_on(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "pair":
        value = node.field("value")
        assert value is not None
        what = "the origin check" if _key(node) == "checkOrigin" else "lusca's CSRF token check"
        return Rewrite(
            (Edit.replace(value, "true"),),
            f"{what[0].upper()}{what[1:]} is on again, so cross-site form posts are refused.",
            (
                "Forms posted from other origins (or without a token) now fail; list real partner origins "
                "explicitly if any.",
            ),
        )
    array = node.parent()
    if array is None or array.kind() != "array":
        return NoRewrite("the method list could not be read")
    return Rewrite(
        (remove_item(t.code, array, node),),
        f"{node.text()} requests are checked for a CSRF token again.",
        ("Clients sending this method must now include the token.",),
    )


_DEV_ONLY = 'process.env.NODE_ENV === "development"'


@register("debug_only_in_development", *JS)
def js_debug_dev_only(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "pair":
        value = node.field("value")
        assert value is not None
        return Rewrite(
            (Edit.replace(value, 'process.env.NODE_ENV !== "production"'),),
            "Stack traces go into error responses only outside production (NODE_ENV=production turns "
            "them off).",
            ("Make sure NODE_ENV is set to production where the server is deployed.",),
        )
    statement = node.parent()
    if statement is None or statement.kind() != "expression_statement":
        return NoRewrite("the middleware is not installed by a statement of its own")
    parent = statement.parent()
    if parent is None or parent.kind() not in ("program", "statement_block"):
        return NoRewrite("the statement is not in a block that can take an `if`")
    indent = indentation_at(t.code, statement.range().start.index)
    body = statement.text()
    return Rewrite(
        (Edit.replace(statement, f"if ({_DEV_ONLY}) {{\n{indent}  {body}\n{indent}}}"),),
        "errorhandler (stack traces and source paths for the client) is now installed only when "
        "NODE_ENV is development.",
        (
            "In production, errors reach Express's default handler, which sends no stack trace when "
            "NODE_ENV=production.",
        ),
    )


@register("private_temp_dir", *JS)
def js_private_temp_dir(t: Target) -> Rewrite | NoRewrite:
    call = t.node
    if call.kind() != JS_CALL:
        return NoRewrite("the call could not be read")
    func = call.field("function")
    if func is not None and func.text().startswith("tmp."):
        return NoRewrite(
            "tmp.tmpName only picks a name; create the file with `tmp.fileSync()` (or a directory with "
            "`tmp.dirSync()`) instead"
        )
    args = arguments(call)
    if not args:
        return NoRewrite("the path could not be read")
    target = args[0]
    if t.code.count(target.text()) > 1:
        return NoRewrite("the same temp path is used elsewhere: create the directory once and reuse it")
    fs, fs_edits = js_import_default(t.root, t.code, "fs", "fs")
    path, path_edits = js_import_default(t.root, t.code, "path", "path")
    os_, os_edits = js_import_default(t.root, t.code, "os", "os")
    private = f'{fs}.mkdtempSync({path}.join({os_}.tmpdir(), "app-"))'
    edits: list[Edit] = []
    if target.kind() == "string":
        name = target.text()[1:-1]
        prefix = "/tmp/" if name.startswith("/tmp/") else "/var/tmp/"
        leaf = name[len(prefix) :]
        if not leaf or "/" in leaf or "\\" in leaf or "${" in leaf:
            return NoRewrite(
                "the temp path has sub-folders; create a private directory and build the path in it"
            )
        quote = target.text()[0]
        edits.append(Edit.replace(target, f"{path}.join({private}, {quote}{leaf}{quote})"))
    else:
        tmpdirs = [
            n
            for n in target.find_all(kind=JS_CALL)
            if (f := n.field("function")) is not None and f.text() in ("os.tmpdir", "tmpdir")
        ]
        if len(tmpdirs) != 1 or target.kind() != JS_CALL:
            return NoRewrite("the temp path is not a `path.join(os.tmpdir(), ...)` call")
        edits.append(Edit.replace(tmpdirs[0], private))
    return Rewrite(
        (*edits, *fs_edits, *path_edits, *os_edits),
        "The file now goes into a fresh directory made by fs.mkdtempSync (random name, mode 0700), so no "
        "other local user can predict its path or plant a file or symlink there first.",
        (
            "Remove the directory when done (`fs.rmSync(dir, { recursive: true })`); code that reads the "
            "file back must use the new path.",
        ),
        review="the file's path changes from a fixed name to one inside a new random directory",
    )


# 10 MiB: a common ceiling for documents and images; the note asks for the route's real size.
_SIZE_LIMIT = "fileSize: 10 * 1024 * 1024"


@register("upload_size_limit", *JS)
def js_upload_size_limit(t: Target) -> Rewrite | NoRewrite:
    call = t.node
    args = arguments(call)
    if not args:
        arglist = call.field("arguments")
        assert arglist is not None
        edit = Edit.replace(arglist, f"({{ limits: {{ {_SIZE_LIMIT} }} }})")
    elif len(args) == 1 and args[0].kind() == "object":
        options = args[0]
        limits = next((p for p in _items(options) if p.kind() == "pair" and _key(p) == "limits"), None)
        value = limits.field("value") if limits is not None else None
        if value is not None:
            inner = _items(value)
            edit = (
                Edit.insert(inner[-1].range().end.index, f", {_SIZE_LIMIT}")
                if inner
                else Edit.replace(value, f"{{ {_SIZE_LIMIT} }}")
            )
        else:
            items = _items(options)
            edit = (
                Edit.insert(items[-1].range().end.index, f", limits: {{ {_SIZE_LIMIT} }}")
                if items
                else Edit.replace(options, f"{{ limits: {{ {_SIZE_LIMIT} }} }}")
            )
    else:
        return NoRewrite("the options could not be read")
    return Rewrite(
        (edit,),
        "multer now rejects any file over 10 MiB (error code LIMIT_FILE_SIZE) instead of buffering or "
        "storing uploads of any size.",
        (
            "Set the size to the largest file this route really takes, and limit `files` too if it accepts "
            "several.",
        ),
        review="uploads over 10 MiB that were accepted before now fail",
    )
