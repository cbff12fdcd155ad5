"""C# rewrites: SHA-256, cookie Secure flag, XML without DTDs, default certificate validation, CSPRNG,
bound SQL values (Dapper, EF Core Raw methods)."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strings import Lit, Part
from vsguard.models import TaintMatch

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


# --------------------------------------------------------------------------- SQL

_DAPPER = re.compile(
    r"^(Query|QueryFirst|QueryFirstOrDefault|QuerySingle|QuerySingleOrDefault|QueryMultiple|Execute"
    r"|ExecuteScalar|ExecuteReader)(Async)?(<.*>)?$",
    re.S,
)
_EF_RAW = re.compile(r"^(ExecuteSqlRaw|ExecuteSqlRawAsync|FromSqlRaw|SqlQueryRaw)(<.*>)?$", re.S)


def cs_arguments(call: SgNode) -> list[SgNode]:
    arglist = call.field("arguments")
    return [a for a in arglist.named_children() if a.kind() == "argument"] if arglist is not None else []


def _kind(argument: SgNode) -> str:
    parts = argument.named_children()
    return parts[-1].kind() if parts else ""


def cs_sink_argument(t: Target) -> SgNode | None:
    """The argument a finding is about: the matched `argument` of a pattern rule, or for a taint
    finding on a call, the first argument its sink names that is not a literal."""
    node = t.node
    if node.kind() == "argument" or not isinstance(t.rule.match, TaintMatch):
        return node if node.kind() == "argument" else None
    if node.kind() not in ("invocation_expression", "object_creation_expression"):
        return None
    func = node.field("function") or node.field("type")
    text = re.sub(r"<[^<>()]*>", "", func.text()) if func is not None else ""
    args = cs_arguments(node)
    for sink in t.rule.match.sinks:
        if not sink.callee or not re.search(sink.callee, text):
            continue
        for want in sink.args:
            if isinstance(want, int) and want < len(args) and "literal" not in _kind(args[want]):
                return args[want]
    return None


@register("parameterize_sql", CS)
def cs_sql(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies._literals import csharp_built, text_has, write_concatenation
    from vsguard.fixes.strategies.sql import NAMED, NUMERIC, parameterize

    call = t.node
    func = call.field("function")
    name = func.field("name") if func is not None and call.kind() == "invocation_expression" else None
    args = cs_arguments(call)
    if name is None or not args:
        return NoRewrite("ADO.NET commands take their values as Parameters.AddWithValue(...) statements")
    dapper = _DAPPER.match(name.text()) is not None and re.search(r"^using Dapper;", t.code, re.M)
    raw = _EF_RAW.match(name.text()) is not None
    if not (dapper or raw):
        return NoRewrite("without a Dapper import this call's parameter form is unknown")
    if len(args) != 1:
        return NoRewrite("the call already passes more arguments; merge the values into them by hand")
    query = args[0].named_children()[-1]
    built = csharp_built(query)
    if not built.dynamic:
        return NoRewrite("the query has no interpolated value to bind")
    if raw and text_has(built, r"[{}]|\$\d"):
        return NoRewrite("the SQL text has braces, which the Raw methods read as placeholders")
    if dapper and text_has(built, r"[:@]\w"):
        return NoRewrite("the SQL text already has `:name` or `@name` markers")

    def value_of(parts: list[Part]) -> str:
        return write_concatenation(parts)

    result = parameterize(built, NAMED if dapper else NUMERIC, t.language, value_of)
    if dapper:
        members: dict[str, str] = {}  # parameter name -> value; a bare variable keeps its own name
        renamed: dict[str, str] = {}
        for n, v in zip(result.names, result.values, strict=True):
            own = v if re.fullmatch(r"[A-Za-z_]\w*", v) and members.get(v, v) == v else n
            members[own], renamed[n] = v, own
        sql = [
            Lit(re.sub(r":(\w+)", lambda m: "@" + renamed[m.group(1)], p.text)) if isinstance(p, Lit) else p
            for p in result.sql
        ]
        listed = [n if n == v else f"{n} = {v}" for n, v in members.items()]
        extra = "new { " + ", ".join(listed) + " }"
        how = "passed to Dapper as named parameters"
    else:
        sql = [
            Lit(re.sub(r"\$(\d+)", lambda m: "{" + str(int(m.group(1)) - 1) + "}", p.text))
            if isinstance(p, Lit)
            else p
            for p in result.sql
        ]
        extra = ", ".join(result.values)
        how = "passed as the Raw method's parameters, which EF Core sends as DbParameters"
    return Rewrite(
        (Edit.replace(query, write_concatenation(sql) + ", " + extra),),
        f"The SQL text is now constant and the values ({', '.join(result.values)}) are {how}, so quotes "
        "in them cannot change the query.",
    )


# --------------------------------------------------------------------------- raw HTML


def using_edit(t: Target, namespace: str) -> tuple[Edit, ...]:
    """`using namespace;` in sorted position among the file's top-level using lines (none if there)."""
    line = f"using {namespace};"
    usings = [u for u in t.root.find_all(kind="using_directive") if u.parent() == t.root]
    if any(u.text() == line for u in usings):
        return ()
    after = [u for u in usings if u.text() < line]
    if after:
        return (Edit.insert(after[-1].range().end.index, "\n" + line),)
    start = usings[0].range().start.index if usings else 0
    return (Edit.insert(start, line + "\n" + ("" if usings else "\n")),)


@register("encode_html", CS)
def cs_html_raw(t: Target) -> Rewrite | NoRewrite:
    value = t.node.get_match("X")
    if value is None and (argument := cs_sink_argument(t)) is not None:
        value = argument.named_children()[-1]
    if value is None:
        return NoRewrite("the raw HTML value could not be read")
    if "Microsoft.AspNetCore" in t.code:
        encode, imports = (
            f"HtmlEncoder.Default.Encode({value.text()})",
            using_edit(t, "System.Text.Encodings.Web"),
        )
    elif re.search(r"^using System\.Web(\.Mvc)?;", t.code, re.M):
        encode, imports = f"HttpUtility.HtmlEncode({value.text()})", using_edit(t, "System.Web")
    else:
        return NoRewrite("whether this is ASP.NET Core or classic ASP.NET could not be told from the usings")
    return Rewrite(
        (Edit.replace(value, encode), *imports),
        "The value is HTML-encoded before it is marked as raw HTML, so markup in it is shown as text; the "
        "type of the result is unchanged.",
        ("If the value must carry real markup, sanitize it with an allow-list sanitizer (Ganss.Xss).",),
    )


@register("rsa_oaep", CS)
def cs_rsa_oaep(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.jvm import OAEP_REVIEW

    node = t.node
    if node.kind() == "member_access_expression" and node.text() == "RSAEncryptionPadding.Pkcs1":
        edit = Edit.replace(node, "RSAEncryptionPadding.OaepSHA256")
        how = "RSAEncryptionPadding.OaepSHA256"
    elif node.kind() == "invocation_expression" and re.match(r"^[\w.]*\.(Encrypt|Decrypt)\(", node.text()):
        args = cs_arguments(node)
        if len(args) != 2 or args[1].text() != "false":
            return NoRewrite("the padding argument could not be read")
        edit, how = Edit.replace(args[1], "true"), "OAEP (fOAEP: true)"
    else:
        return NoRewrite(
            "only RSA with PKCS#1 v1.5 padding has a drop-in replacement; a symmetric cipher "
            "needs a new key, IV and mode"
        )
    return Rewrite(
        (edit,),
        f"RSA now encrypts with {how} instead of PKCS#1 v1.5 padding, which is open to padding-oracle "
        "attacks.",
        review=OAEP_REVIEW,
    )


# --------------------------------------------------------------------------- shell commands

_CS_POSIX_SHELL = re.compile(r'^@?"((/usr)?/bin/)?(sh|bash|zsh)"$')


def cs_string_parameters(node: SgNode) -> set[str]:
    method = enclosing(node, "method_declaration", "local_function_statement", "constructor_declaration")
    params = method.find_all(kind="parameter") if method is not None else []
    names = set()
    for p in params:
        kind, name = p.field("type"), p.field("name")
        if kind is not None and name is not None and kind.text() == "string":
            names.add(name.text())
    return names


def _unwrap(node: SgNode | None) -> SgNode | None:
    """The expression of an `argument` node (a pattern variable may bind either)."""
    if node is not None and node.kind() == "argument" and node.named_children():
        return node.named_children()[-1]
    return node


@register("shell_to_argv", CS)
def cs_shell(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies._literals import csharp_built, write_concatenation
    from vsguard.fixes.strategies.shell import split_command
    from vsguard.fixes.strings import Built, Expr, merge

    shell, command = (_unwrap(t.node.get_match(name)) for name in ("SH", "ARGS"))
    if shell is None and isinstance(t.rule.match, TaintMatch) and len(cs_arguments(t.node)) == 2:
        shell, command = (_unwrap(a) for a in cs_arguments(t.node))  # a taint finding on the call
    if shell is None or command is None or not re.match(r"^Process\.Start\(", t.node.text()):
        return NoRewrite("only Process.Start(shell, arguments) is rewritten (.NET 5+ takes an argument list)")
    if not _CS_POSIX_SHELL.match(shell.text()):
        return NoRewrite("only a POSIX shell is rewritten (cmd and PowerShell quote differently)")
    parts = list(csharp_built(command).parts)
    first, last = parts[0], parts[-1]
    if not (isinstance(first, Lit) and isinstance(last, Lit) and re.match(r'^\s*-c\s+"', first.text)):
        return NoRewrite('the arguments are not `-c "script"`, so how .NET splits them is unclear')
    inner = [Lit(first.text[first.text.index('"') + 1 :]), *parts[1:-1], Lit(last.text[:-1])]
    if not last.text.endswith('"') or len(parts) < 2:
        return NoRewrite('the arguments are not `-c "script"`, so how .NET splits them is unclear')
    if any(isinstance(p, Lit) and re.search(r'["\\]', p.text) for p in inner):
        return NoRewrite("the script has quotes or backslashes, which .NET and the shell would both read")
    words = split_command(Built(merge(inner), '"'))
    strings = cs_string_parameters(t.node)
    items = []
    for word in words:
        exprs = [p for p in word if isinstance(p, Expr)]
        if len(word) == 1 and exprs and exprs[0].source not in strings:
            items.append('$"{' + exprs[0].source + '}"')
        else:
            items.append(write_concatenation(word))
    program, rest = items[0], items[1:]
    arguments = "new[] { " + ", ".join(rest) + " }" if rest else "System.Array.Empty<string>()"
    return Rewrite(
        (Edit(shell.range().start.index, command.range().end.index, f"{program}, {arguments}"),),
        f"The program now starts without a shell, with an argument list ({', '.join(items)}), so each value "
        "reaches it as one argument and shell metacharacters in it have no effect.",
        ("Process.Start(string, IEnumerable<string>) needs .NET 5 or later.",),
    )
