"""C# configuration rewrites: key sizes, JWT validation flags, the developer exception page kept to
Development, credentials read from the environment, unguessable temp names, upload names reduced
to their last element, and Json.NET without type names."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, indentation_at, statement_removal
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing, larger_key
from vsguard.fixes.strategies.csharp import CS, cs_arguments
from vsguard.fixes.strategies.secrets import env_name

_SHORT_KEY = re.compile(r"^(\d{1,3}|1\d{3}|20[0-3]\d|204[0-7])$")


@register("strong_key_size", CS)
def cs_key_size(t: Target) -> Rewrite | NoRewrite:
    if re.match(r"^new\s+DSACryptoServiceProvider\b", t.node.text()):
        return NoRewrite("DSACryptoServiceProvider stops at 1024 bits; move to DSA.Create(2048) or ECDsa")
    return larger_key([n for n in t.node.find_all(kind="integer_literal") if _SHORT_KEY.match(n.text())])


@register("jwt_checks_on", CS)
def cs_jwt_checks(t: Target) -> Rewrite | NoRewrite:
    left, right = t.node.field("left"), t.node.field("right")
    if left is None or right is None or right.text() != "false":
        return NoRewrite(
            "remove the custom SignatureValidator and set IssuerSigningKey so signatures are checked"
        )
    name = left.text().rsplit(".", 1)[-1]
    return Rewrite(
        (Edit.replace(right, "true"),),
        f"{name} is back to true, so tokens that fail this check are refused.",
        ("Tokens that were accepted only because this check was off are now refused.",),
    )


_HOST_ENV = re.compile(r"^(Microsoft\.AspNetCore\.Hosting\.)?I(Web)?Host(ing)?Environment$")


def _environment(call: SgNode) -> str | None:
    """The expression naming the host environment where `call` runs: an environment parameter of
    the method, or `app.Environment` for a WebApplication built in this method."""
    method = enclosing(call, "method_declaration", "local_function_statement", "constructor_declaration")
    func = call.field("function")
    receiver = func.field("expression") if func is not None else None
    for param in method.find_all(kind="parameter") if method is not None else []:
        kind, name = param.field("type"), param.field("name")
        if kind is not None and name is not None and _HOST_ENV.match(kind.text()):
            return name.text()
    scope = method if method is not None else call.get_root().root()
    if receiver is None or receiver.kind() != "identifier":
        return None
    for decl in scope.find_all(kind="variable_declarator"):
        name = decl.field("name")
        value = decl.named_children()[-1]
        if name is not None and name.text() == receiver.text() and re.search(r"\.Build\(\)$", value.text()):
            return f"{receiver.text()}.Environment"
    return None


@register("dev_page_in_development", CS)
def cs_developer_page(t: Target) -> Rewrite | NoRewrite:
    statement = t.node.parent()
    if statement is None or statement.kind() != "expression_statement":
        return NoRewrite("the call is part of a larger expression; guard it with IsDevelopment() by hand")
    env = _environment(t.node)
    if env is None:
        return NoRewrite("no IWebHostEnvironment or built WebApplication is in sight to ask IsDevelopment()")
    indent = indentation_at(t.code, statement.range().start.index)
    guarded = f"if ({env}.IsDevelopment())\n{indent}{{\n{indent}    {statement.text()}\n{indent}}}"
    return Rewrite(
        (Edit.replace(statement, guarded),),
        f"The page is now only enabled when {env}.IsDevelopment(), so production errors no longer show "
        "stack traces and configuration.",
        ('Add `app.UseExceptionHandler("/Error")` for the other environments if there is no handler yet.',),
    )


# --------------------------------------------------------------------------- credentials


def _holder_name(node: SgNode) -> str | None:
    """The variable or property a value is stored in (`var x = ...`, `a.B = ...`)."""
    for anc in (node, *node.ancestors()):
        if anc.kind() == "variable_declarator":
            name = anc.field("name")
            return name.text() if name is not None else None
        if anc.kind() == "assignment_expression":
            left = anc.field("left")
            return left.text() if left is not None else None
        if anc.kind() in ("block", "argument_list", "method_declaration"):
            return None
    return None


def _secret_literal(t: Target) -> tuple[SgNode, str] | None:
    """(the literal to move out, the environment variable to read it from)."""
    kinds = ("string_literal", "verbatim_string_literal", "raw_string_literal")
    node = t.node
    kind = node.field("type") if node.kind() == "object_creation_expression" else None
    if kind is not None and re.search(r"SymmetricSecurityKey$|^HMACSHA", kind.text()):
        keys = node.field("arguments")
        key = keys.find(any=[{"kind": k} for k in kinds]) if keys is not None else None
        return (key, "JWT_SIGNING_KEY") if key is not None else None
    if kind is not None:  # new NetworkCredential(user, "password")
        args = cs_arguments(node)
        literal = args[1].named_children()[-1] if len(args) >= 2 else None
        holder = _holder_name(node)
        prefix = env_name(holder) if holder else ""
        name = prefix if prefix.endswith("PASSWORD") else f"{prefix or 'SERVICE'}_PASSWORD"
        return (literal, name) if literal is not None and literal.kind() in kinds else None
    if node.kind() in kinds:
        holder = _holder_name(node)
        name = env_name(holder) if holder else ""
        if not name or name in ("CONNECTION_STRING", "CONN_STR", "CONNECTION", "CONN", "DSN"):
            client = enclosing(node, "object_creation_expression", "invocation_expression")
            used_by = client.text() if client is not None else ""
            name = next((v for k, v in _SERVICES if re.match(k, used_by)), "DB_CONNECTION_STRING")
        return node, name
    return None


_SERVICES = (  # the client a connection string is given to -> the variable it is read from
    (r"^new\s+MongoClient\b", "MONGODB_CONNECTION_STRING"),
    (r"^ConnectionMultiplexer\.Connect", "REDIS_CONNECTION_STRING"),
    (r"^new\s+ConnectionFactory\b", "RABBITMQ_CONNECTION_STRING"),
)


@register("secret_to_env", CS)
def cs_secret_to_env(t: Target) -> Rewrite | NoRewrite:
    found = _secret_literal(t)
    if found is None:
        return NoRewrite("the secret is not a single string literal")
    literal, name = found
    declaration = enclosing(literal, "field_declaration", "local_declaration_statement")
    if enclosing(literal, "attribute", "parameter") is not None or (
        declaration is not None and any(c.text() == "const" for c in declaration.children())
    ):
        return NoRewrite("the literal is a constant, attribute argument or parameter default")
    read = (
        f'System.Environment.GetEnvironmentVariable("{name}") '
        f'?? throw new System.InvalidOperationException("{name} is not set")'
    )
    return Rewrite(
        (Edit.replace(literal, read),),  # qualified: ASP.NET classes often have an `Environment` property
        f"The secret is now read from the environment variable {name} at run time; a missing variable stops "
        "the program instead of running with no secret.",
        (
            f"Set {name} from the deployment's secret store (user secrets in development), and rotate the "
            "old value: it is in the repository history and must be treated as leaked.",
        ),
        review=f"the program now needs {name} in its environment, holding the value that was in the code",
    )


# --------------------------------------------------------------------------- files and formats


@register("random_temp_name", CS)
def cs_temp_name(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() != "invocation_expression":
        return NoRewrite("only Path.Combine(Path.GetTempPath(), name) is rewritten")
    decl = node.parent()
    if decl is None or decl.kind() != "variable_declarator":
        return NoRewrite("the path is not kept in a local variable, so other code may rebuild the same name")
    args = cs_arguments(node)
    if len(args) != 2:
        return NoRewrite("the temp path has more than one name part")
    name = args[1].named_children()[-1]
    if re.search(r"[/\\]", name.text()):
        return NoRewrite(
            "the name has a folder part; create the folder with Directory.CreateTempSubdirectory()"
        )
    if name.kind() == "string_literal":
        new = f'Path.GetRandomFileName() + "-{name.text()[1:]}'
    else:
        new = f'Path.GetRandomFileName() + "-" + {name.text()}'
    return Rewrite(
        (Edit.replace(name, new),),
        "The temp file name now starts with Path.GetRandomFileName(), so another local user cannot guess it "
        "and create the file (or a link) first.",
        ("Open it with FileMode.CreateNew to refuse a file that already exists.",),
        review=(
            "the file gets a new name on every run; anything that finds it by its old fixed name must use "
            "the variable"
        ),
    )


@register("upload_file_name", CS)
def cs_upload_name(t: Target) -> Rewrite | NoRewrite:
    if t.node.kind() != "member_access_expression":
        return NoRewrite("unrecognised use of the uploaded file name")
    path = "Path" if re.search(r"^using System\.IO;", t.code, re.M) else "System.IO.Path"
    return Rewrite(
        (Edit.replace(t.node, f"{path}.GetFileName({t.node.text()})"),),
        f"The client's file name is reduced to its last element with Path.GetFileName, so `../` segments or "
        f"an absolute path in {t.node.text()} can no longer leave the upload folder.",
        ("Prefer a generated name (Path.GetRandomFileName()) with an allowlisted extension.",),
    )


@register("no_type_names", CS)
def cs_type_names(t: Target) -> Rewrite | NoRewrite:
    right = t.node.field("right") if t.node.kind() == "assignment_expression" else None
    if right is None or not right.text().startswith("TypeNameHandling."):
        return NoRewrite(
            "this serializer reads type names from the payload by design; move to System.Text.Json "
            "or DataContractSerializer with a fixed type"
        )
    return Rewrite(
        (Edit.replace(right, "TypeNameHandling.None"),),
        "Json.NET no longer creates the types a payload names in `$type`, so a crafted payload cannot "
        "instantiate gadget classes.",
        review="payloads that rely on `$type` for polymorphic members now deserialize to the declared types",
    )


# --------------------------------------------------------------------------- CORS and antiforgery


@register("cors_from_env", CS)
def cs_cors(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function") if t.node.kind() == "invocation_expression" else None
    name = func.field("name") if func is not None else None
    if func is None or name is None or name.text() != "SetIsOriginAllowed":
        return NoRewrite("the request's Origin is echoed by hand; compare it with a list of trusted origins")
    args = t.node.field("arguments")
    assert args is not None
    origins = (
        '(System.Environment.GetEnvironmentVariable("CORS_ALLOWED_ORIGINS") ?? "")'
        ".Split(',', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries)"
    )
    return Rewrite(
        (Edit.replace(name, "WithOrigins"), Edit.replace(args, f"({origins})")),
        "The policy now allows only the origins listed in CORS_ALLOWED_ORIGINS (comma-separated) instead of "
        "every origin, so other sites can no longer make credentialed requests and read the answers.",
        review="cross-origin callers now need their origin listed in CORS_ALLOWED_ORIGINS",
    )


@register("enable_csrf", CS)
def cs_antiforgery(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    review = "browsers and API clients must now send the antiforgery token with these requests"
    how = "Antiforgery tokens are validated again"
    if (
        node.kind() == "object_creation_expression"
    ):  # options.Filters.Add(new IgnoreAntiforgeryTokenAttribute())
        kind = node.field("type")
        assert kind is not None
        return Rewrite(
            (Edit.replace(kind, "AutoValidateAntiforgeryTokenAttribute"),),
            f"{how}: the global filter now checks the token on every unsafe method (POST, PUT, PATCH, "
            "DELETE).",
            review=review,
        )
    if node.kind() == "invocation_expression":  # .DisableAntiforgery() on a form endpoint
        func = node.field("function")
        receiver = func.field("expression") if func is not None else None
        if receiver is None:
            return NoRewrite("the endpoint call could not be read")
        return Rewrite(
            (Edit(receiver.range().end.index, node.range().end.index, ""),),
            f"{how}: the form endpoint no longer opts out of the antiforgery check.",
            review=review,
        )
    attributes = node.parent()
    if attributes is None or attributes.kind() != "attribute_list":
        return NoRewrite("the attribute could not be read")
    others = [a for a in attributes.named_children() if a.kind() == "attribute" and a != node]
    if others:
        index = attributes.named_children().index(node)
        siblings = attributes.named_children()
        start = siblings[index - 1].range().end.index if index > 0 else node.range().start.index
        end = node.range().end.index if index > 0 else siblings[index + 1].range().start.index
        edit = Edit(start, end, "")
    else:
        edit = statement_removal(t.code, attributes)
    return Rewrite(
        (edit,),
        f"{how}: the [IgnoreAntiforgeryToken] attribute is removed, so another site can no longer submit "
        "this form with the user's cookies.",
        ("Make sure the form sends the token (`<form asp-action>` or @Html.AntiForgeryToken()).",),
        review=review,
    )
