"""Rewrites for files that configure builds: GitHub Actions workflows and Dockerfiles.

Workflows: an untrusted `${{ ... }}` expression moves out of the script into the step's `env:`,
and the script reads the variable, so the runner passes the value as data instead of pasting it
into the program text. Dockerfiles: the final stage gets an unprivileged `USER`, and a literal
secret is taken out of `ENV`/`ARG`; both change how the image behaves, so they need review. In both,
the command-line switches that turn certificate or package-signature checks off are dropped.
"""

from __future__ import annotations

import itertools
import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, indentation_at
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register

GHA = "github-actions"
DOCKER = "dockerfile"


def _untrusted_expressions(t: Target, text: str) -> list[tuple[int, int, str]]:
    """(start, end, expression) of each `${{ ... }}` the rule calls untrusted: the rule's own
    `untrusted-expression` regex finds where one starts, the closing `}}` where it ends."""
    utils = getattr(t.rule.match, "utils", None) or {}
    found = re.compile(utils["untrusted-expression"]["regex"]) if "untrusted-expression" in utils else None
    spans: list[tuple[int, int, str]] = []
    for m in found.finditer(text) if found is not None else ():
        close = text.find("}}", m.start())
        if close > 0 and (not spans or m.start() >= spans[-1][1]):
            spans.append((m.start(), close + 2, text[m.start() + 3 : close].strip()))
    return spans


def _pair_key(pair: SgNode) -> str:
    key = pair.field("key")
    return key.text().strip() if key is not None else ""


def _mapping_pairs(mapping: SgNode) -> list[SgNode]:
    return [c for c in mapping.children() if c.kind() == "block_mapping_pair"]


def _env_name(expr: str, taken: set[str]) -> str:
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", expr) if p and p not in ("github", "event")]
    base = "_".join(parts[-2:]).upper() or "VALUE"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def _shell_state(text: str) -> str:
    """The quoting in force at the end of `text` in POSIX shell: 'none', 'single' or 'double'."""
    state, escaped = "none", False
    for ch in text:
        if escaped:
            escaped = False
        elif ch == "\\" and state != "single":
            escaped = True
        elif ch == "'" and state != "double":
            state = "none" if state == "single" else "single"
        elif ch == '"' and state != "single":
            state = "none" if state == "double" else "double"
        elif ch == "\n" and state == "none":
            escaped = False
    return state


def _shell_reference(text: str, start: int, end: int, name: str) -> tuple[int, int, str]:
    """(start, end, replacement) reading `$name` where the expression stood, quoted as one word."""
    state = _shell_state(text[:start])
    if state == "double":
        return start, end, "${" + name + "}"
    if state == "none":  # unquoted, as before: word splitting stays as it was, but no code runs
        return start, end, "${" + name + "}"
    # 'x' exactly around the expression: swap the single quotes for double ones
    if text[start - 1 : start] == "'" and text[end : end + 1] == "'":
        return start - 1, end + 1, '"${' + name + '}"'
    # inside a longer single-quoted string: close it, expand the variable in double quotes, reopen
    return start, end, "'\"${" + name + "}\"'"


def _js_reference(text: str, start: int, end: int, name: str) -> tuple[int, int, str] | None:
    before, after = text[start - 1 : start], text[end : end + 1]
    if before and before == after and before in "'\"`":
        return start - 1, end + 1, f"process.env.{name}"
    prefix = text[:start]
    if prefix.count("`") % 2 == 1:  # inside a template literal: interpolate the variable
        return start, end, "${process.env." + name + "}"
    if prefix.count('"') % 2 == 0 and prefix.count("'") % 2 == 0:
        return start, end, f"process.env.{name}"
    return None


def _step_of(pair: SgNode, key: str) -> SgNode | None:
    """The step mapping holding `pair` (`run:` sits in it; `script:` sits in its `with:`)."""
    mapping = pair.parent()
    if key == "script":
        with_pair = mapping.parent() if mapping is not None else None
        while with_pair is not None and with_pair.kind() != "block_mapping_pair":
            with_pair = with_pair.parent()
        if with_pair is None or _pair_key(with_pair) != "with":
            return None
        mapping = with_pair.parent()
    return mapping if mapping is not None and mapping.kind() == "block_mapping" else None


@register("expression_to_env", GHA)
def expression_to_env(t: Target) -> Rewrite | NoRewrite:
    pair = t.node
    key = _pair_key(pair)
    value = pair.field("value")
    step = _step_of(pair, key)
    if value is None or step is None or key not in ("run", "script"):
        return NoRewrite("the script is not a step's `run:` or github-script `script:`")
    text = value.text()
    env_pair = next((p for p in _mapping_pairs(step) if _pair_key(p) == "env"), None)
    env_map = env_pair.field("value") if env_pair is not None else None
    if env_pair is not None and (
        env_map is None or "block_mapping" not in {c.kind() for c in env_map.children()}
    ):
        return NoRewrite("the step's `env:` is not a block mapping; add the variable to it by hand")
    taken = {_pair_key(p) for p in (env_map.find_all(kind="block_mapping_pair") if env_map else [])}
    names: dict[str, str] = {}
    replacements: list[tuple[int, int, str]] = []
    for start, end, expr in _untrusted_expressions(t, text):
        name = names.get(expr) or names.setdefault(expr, _env_name(expr, taken))
        ref = (_shell_reference if key == "run" else _js_reference)(text, start, end, name)
        if ref is None:
            return NoRewrite("the expression sits inside a quoted string the variable cannot be spliced into")
        replacements.append(ref)
    if not replacements:
        return NoRewrite("no untrusted expression was found in the script")
    new_text = text
    for start, end, repl in sorted(replacements, reverse=True):
        new_text = new_text[:start] + repl + new_text[end:]
    edits = [Edit.replace(value, new_text)]
    lines = "".join(f"{name}: ${{{{ {expr} }}}}\n" for expr, name in names.items())
    if env_pair is not None and env_map is not None:
        first = _mapping_pairs(next(c for c in env_map.children() if c.kind() == "block_mapping"))[0]
        indent = " " * first.range().start.column
        at = first.range().start.index
        edits.append(Edit.insert(at, "".join(f"{line}{indent}" for line in lines.splitlines(True))))
    else:
        first = _mapping_pairs(step)[0]
        indent = " " * first.range().start.column
        body = "".join(f"{indent}  {line}" for line in lines.splitlines(True))
        edits.append(Edit.insert(first.range().start.index, f"env:\n{body}{indent}"))
    shown = ", ".join(f"`{n}`" for n in names.values())
    reads = "reads them as shell variables" if key == "run" else "reads them from `process.env`"
    return Rewrite(
        tuple(edits),
        f"The untrusted values now reach the step as environment variables ({shown}) and the script "
        f"{reads}, so the runner no longer pastes them into the program text before it runs.",
    )


@register("least_privilege_token", GHA)
def least_privilege_token(t: Target) -> Rewrite | NoRewrite:
    value = t.node.field("value")
    if value is None:
        return NoRewrite("the permissions value was not found")
    return Rewrite(
        (Edit.replace(value, "{ contents: read }"),),
        "The token can now only read the repository's contents.",
        review="jobs that push, comment, label or publish need those scopes added back, e.g. "
        "`pull-requests: write` on the job that comments",
    )


# --------------------------------------------------------------------------- Dockerfile

_USER_FIRST = re.compile(r"(?i)^(?:CMD|ENTRYPOINT)\b")


@register("unprivileged_user", DOCKER)
def unprivileged_user(t: Target) -> Rewrite | NoRewrite:
    from_node = t.node
    after = [n for n in from_node.next_all() if n.kind() != "comment"]
    run_point = next((n for n in after if _USER_FIRST.match(n.text())), None)
    indent = indentation_at(t.code, from_node.range().start.index)
    if run_point is not None:
        at, text = run_point.range().start.index, f"USER 65532:65532\n{indent}"
    else:
        end = (after[-1] if after else from_node).range().end.index
        at, text = end, "\nUSER 65532:65532"
    return Rewrite(
        (Edit.insert(at, text),),
        "The final stage now runs the application as the unprivileged user 65532.",
        review="files the application writes at run time must be writable by uid 65532 (chown them "
        "in the build), and ports below 1024 can no longer be bound",
    )


_SECRET_NAME = re.compile(
    r"(?i)^[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)"
)


@register("secret_out_of_image", DOCKER)
def secret_out_of_image(t: Target) -> Rewrite | NoRewrite:
    command = t.node
    name_node = command.field("name")
    instruction = (name_node.text() if name_node is not None else command.text().split()[0]).upper()
    words = [c for c in command.children() if c.kind() != "command_name"]
    if any(w.kind() not in ("word",) for w in words):
        return NoRewrite("the instruction uses quoting or expansion; move the value out by hand")
    pairs = [w.text() for w in words]
    if "=" not in "".join(pairs):  # the older `ENV NAME value` form
        if instruction != "ENV" or len(pairs) < 2 or not _SECRET_NAME.match(pairs[0]):
            return NoRewrite("the secret's name and value were not recognised")
        kept: list[str] = []
        removed = [pairs[0]]
    else:
        kept = [p for p in pairs if not _SECRET_NAME.match(p.split("=", 1)[0]) or "=" not in p]
        removed = [p.split("=", 1)[0] for p in pairs if p not in kept]
    if instruction == "ARG":
        new = "ARG " + " ".join([*kept, *removed])  # the build now gets the value from --build-arg
        where = "passed at build time with `--build-arg` (better: a `RUN --mount=type=secret`)"
    else:
        new = "ENV " + " ".join(kept) if kept else ""
        where = "supplied at run time (`docker run -e`, a compose or orchestrator secret)"
    edit = (
        Edit.replace(command, new)
        if new
        else Edit(command.range().start.index, _line_end(t.code, command), "")
    )
    return Rewrite(
        (edit,),
        f"The literal value of {', '.join(f'`{n}`' for n in removed)} is no longer baked into the image.",
        review=f"the value must now be {where}; rotate the old one, it is in every image built so far",
    )


def _line_end(code: str, node: SgNode) -> int:
    end = node.range().end.index
    return end + 1 if code[end : end + 1] == "\n" else end


@register("literal_to_repository_secret", GHA)
def literal_to_repository_secret(t: Target) -> Rewrite | NoRewrite:
    """The literal becomes a `${{ secrets.NAME }}` reference named after its key; the secret itself
    has to be created (and the leaked value rotated) by someone who holds it."""
    pair = t.node
    value = pair.field("value")
    if value is None or value.find(kind="block_scalar") is not None:
        return NoRewrite("the value spans several lines; store it as a secret and reference it by hand")
    name = re.sub(r"[^A-Za-z0-9]+", "_", _pair_key(pair).strip("\"'")).strip("_").upper()
    if not name or name.startswith("GITHUB_") or name[0].isdigit():
        return NoRewrite("secret names may not start with GITHUB_ or a digit; choose a name by hand")
    reference = "${{ secrets." + name + " }}"
    if pair.kind() == "flow_pair":  # `{`, `}` and `,` are syntax inside `{...}`: quote it
        reference = f'"{reference}"'
    return Rewrite(
        (Edit.replace(value, reference),),
        f"The value is now read from the repository secret `{name}`, which the runner masks in logs.",
        review=f"create the secret `{name}` (Settings > Secrets and variables > Actions) with a new "
        "value, and revoke the old one: it stays readable in the repository's history",
    )


_INSECURE_WORDS = frozenset({"--insecure", "--proxy-insecure", "--no-check-certificate"})
_VALUE_OPTIONS = frozenset({"--trusted-host", "--allow-insecure-host"})  # followed by a host
_CURL_CLUSTER = re.compile(r"^-[fsSLviIlNnqROJGgjZ0-6#]*k[A-Za-z0-9#]*$")
_RUNS_CURL = re.compile(
    r"^(?:RUN\s+(?:--\S+\s+)*)?(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+)?(?:\w+=\S*\s+)*(?:\S*/)?curl\s"
)


def _word_span(code: str, word: SgNode) -> tuple[int, int]:
    """The word with the blanks before it, so that removing it leaves one space between neighbours."""
    start, end = word.range().start.index, word.range().end.index
    while start > 0 and code[start - 1] in " \t":
        start -= 1
    return start, end


def _drop_switches(
    code: str, words: list[SgNode], switches: frozenset[str], takes_value: frozenset[str] = frozenset()
) -> tuple[list[Edit], list[str]]:
    """Edits removing each word that is one of `switches` or a `takes_value` option, as `--opt=value`
    or as a bare `--opt` together with the value word after it; and the removed switches, as shown."""
    edits: list[Edit] = []
    removed: list[str] = []
    skip_next = False
    for word in words:
        text = word.text()
        if skip_next or text in switches or text.split("=", 1)[0] in takes_value:
            edits.append(Edit(*_word_span(code, word), ""))
            removed.extend(() if skip_next else (f"`{text}`",))
            skip_next = not skip_next and text in takes_value
    return edits, removed


@register("remove_insecure_flag", DOCKER)
def remove_insecure_flag(t: Target) -> Rewrite | NoRewrite:
    """Drop the command-line switch that turns certificate checks off; a setting written by a
    config command or a variable is left to a person, who knows which CA the server needs."""
    words = [c for c in t.node.children() if c.kind() == "word"]
    utils = getattr(t.rule.match, "utils", None) or {}
    runs_curl = utils.get("runs-curl", {}).get("regex")  # the rule's own test for a curl command
    curl = runs_curl is not None and re.match(runs_curl, t.node.text()) is not None
    edits, removed = _drop_switches(t.code, words, _INSECURE_WORDS, _VALUE_OPTIONS)
    for word in words if curl else ():
        if _CURL_CLUSTER.match(word.text()):
            rest = word.text().replace("k", "", 1)
            edits.append(Edit(*_word_span(t.code, word), "") if rest == "-" else Edit.replace(word, rest))
            removed.append("`-k`")
    if not edits:
        return NoRewrite(
            "the check is switched off by a setting, not a command-line switch; remove it and install "
            "the server's CA certificate in the image if it needs one"
        )
    return Rewrite(
        tuple(edits),
        f"{', '.join(removed)} is removed, so the download's certificate is checked again. If the server "
        "uses a private CA, install that CA in the image (or pass it with `--cacert`/`--cert`).",
    )


_SEGMENT = re.compile(r"[^;&|\n]+")
_RUN_TOOL = re.compile(r"^\s*(?:sudo\s+(?:-\S+\s+)*)?(?:\S*/)?(?P<tool>[\w.-]+)")
_SWITCH = re.compile(
    r"[ \t]+(?:--insecure|--proxy-insecure|--no-check-certificate|--(?:trusted-host|allow-insecure-host)"
    r"(?:=\S+|[ \t]+[^\s-]\S*))(?=\s|$)"
)
_PIP_TOOLS = frozenset({"pip", "pip3", "python", "python3", "uv", "pipenv", "poetry"})


@register("remove_insecure_switch", GHA)
def remove_insecure_switch(t: Target) -> Rewrite | NoRewrite:
    """A `run:` script loses the command-line switches that turn certificate checks off (curl's
    `-k` also inside a cluster such as `-fsSLk`); settings made by config commands or variables
    are left to a person, who knows which CA the server needs."""
    pair = t.node
    value = pair.field("value")
    if _pair_key(pair) != "run" or value is None:
        return NoRewrite("the check is switched off by a variable; remove it and give the tool the CA")
    text = value.text()
    out: list[str] = []
    last = 0
    for seg in _SEGMENT.finditer(text):
        tool = _RUN_TOOL.match(seg.group(0))
        name = tool.group("tool") if tool else ""
        piece = seg.group(0)
        if name in ("curl", "wget") or name in _PIP_TOOLS or name.startswith("pip"):
            piece = _SWITCH.sub("", piece)
        if name == "curl":  # `-k` alone goes with the blank before it; in a cluster only the letter
            piece = re.sub(r"[ \t]+-k(?=\s|$)", "", piece)
            piece = re.sub(r"(?<=\s)-([fsSLviIlNnqROJGgjZ0-6#]*)k([A-Za-z0-9#]*)(?=\s|$)", r"-\1\2", piece)
        out.append(text[last : seg.start()] + piece)
        last = seg.end()
    new_text = "".join(out) + text[last:]
    if new_text == text:
        return NoRewrite(
            "the check is switched off by a setting, not a command-line switch; remove it and give the "
            "tool the server's CA certificate if it needs one"
        )
    return Rewrite(
        (Edit.replace(value, new_text),),
        "The switches that turned certificate checks off are removed, so the downloads are verified "
        "again. If the server uses a private CA, give the tool that CA (`curl --cacert`, `pip --cert`).",
    )


_UNSIGNED_SWITCHES = frozenset(
    {"--allow-untrusted", "--allow-unauthenticated", "--allow-insecure-repositories", "--nogpgcheck",
     "--no-gpg-checks", "--nosignature", "--nodigest"}
)  # fmt: skip
_APT_UNSIGNED = re.compile(
    r"(?i)^(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|"
    r"Acquire::AllowDowngradeToInsecureRepositories)=[\"']?(?:true|1|yes)[\"']?$"
)
_TRUSTED_SOURCE = re.compile(r"\[(?P<options>(?:[^\]\n]*\s)?trusted=yes\b[^\]\n]*)\]\s?")
_GPGCHECK_OFF = re.compile(r"(?P<key>(?:^|(?<=\W)|(?<=\\n))(?:repo_)?gpgcheck\s*=\s*)0\b")


_FORCE_YES_REST = "--allow-downgrades --allow-remove-essential --allow-change-held-packages"


def _apt_option_words(words: list[SgNode]) -> list[SgNode]:
    """`-o APT::Get::AllowUnauthenticated=true` (both words) wherever apt is given it."""
    pairs = itertools.pairwise(words)
    return [w for o, v in pairs if o.text() == "-o" and _APT_UNSIGNED.match(v.text()) for w in (o, v)]


def _source_edits(t: Target) -> tuple[list[Edit], list[str]]:
    """`[trusted=yes]` dropped from an apt source line (the other options stay) and `gpgcheck=0`
    turned into `gpgcheck=1` in a yum/dnf repository, in the command's own text."""
    base, text = t.node.range().start.index, t.node.text()
    edits, changed = [], []
    for m in _TRUSTED_SOURCE.finditer(text):
        options = [o for o in m.group("options").split() if o != "trusted=yes"]
        kept = f"[{' '.join(options)}]" + m.group(0)[len(m.group(0).rstrip()) :] if options else ""
        edits.append(Edit(base + m.start(), base + m.end(), kept))
        changed.append("`trusted=yes` removed from the source line")
    for m in _GPGCHECK_OFF.finditer(text):
        edits.append(Edit(base + m.end() - 1, base + m.end(), "1"))
        changed.append(f"`{''.join(m.group('key').split())}1` set")
    return edits, changed


def _force_yes_edits(t: Target, words: list[SgNode]) -> list[Edit]:
    """apt's `--force-yes` becomes the three switches it also stood for, less the signature skip."""
    utils = getattr(t.rule.match, "utils", None) or {}
    runs_apt = utils.get("runs-apt", {}).get("regex")  # the rule's own test for an apt command
    if runs_apt is None or re.match(runs_apt, t.node.text()) is None:
        return []
    return [Edit.replace(w, _FORCE_YES_REST) for w in words if w.text() == "--force-yes"]


@register("restore_package_signatures", DOCKER)
def restore_package_signatures(t: Target) -> Rewrite | NoRewrite:
    """The package manager checks signatures again: its skip switch is dropped, a trusted source
    loses `trusted=yes`, a repository gets `gpgcheck=1`. Settings written to apt's configuration
    files are left to a person."""
    words = [c for c in t.node.children() if c.kind() == "word"]
    options = _apt_option_words(words)
    edits, removed = _drop_switches(t.code, [w for w in words if w not in options], _UNSIGNED_SWITCHES)
    edits.extend(Edit(*_word_span(t.code, w), "") for w in options)
    removed.extend(f"`-o {v.text()}`" for v in options[1::2])
    changed = [f"{', '.join(removed)} removed"] if removed else []
    forced = _force_yes_edits(t, words)
    changed.extend([f"`--force-yes` replaced by `{_FORCE_YES_REST}`"] if forced else [])
    source_edits, source_changes = _source_edits(t)
    if not edits + forced + source_edits:
        return NoRewrite(
            "the check is switched off by a setting written to a configuration file (or in a form vsguard "
            "does not rewrite); remove that setting and install the repository's signing key"
        )
    review = (
        "a package or repository that is not signed, or whose key is not installed in the image, now "
        "makes the build fail, which is the point: install the publisher's key first (`/etc/apk/keys`, "
        "`[signed-by=/usr/share/keyrings/KEY.gpg]`, `rpm --import KEY`)"
    )
    if forced:
        review += (
            "; the `--allow-...` switches that replace `--force-yes` need apt 1.1 or later (Debian 9, "
            "Ubuntu 16.04), and can go too unless the build downgrades or removes held or essential packages"
        )
    return Rewrite(
        tuple(edits + forced + source_edits),
        f"The package manager checks package signatures again ({'; '.join(changed + source_changes)}).",
        review=review,
    )
