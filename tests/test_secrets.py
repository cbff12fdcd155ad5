"""Secret detection: every provider format, placeholders left alone, and nothing ever shown whole.

Keys are generated at run time in each provider's documented shape (random, never real), so this
file holds no key-shaped literal that a scanner of this repository would have to skip.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import string
import time
from pathlib import Path

import pytest

from vsguard.engine.scanner import scan_paths, scan_source, scan_text
from vsguard.engine.secrets import PROVIDERS, find_secrets, redact, redact_secrets
from vsguard.report.json_report import render_json
from vsguard.report.markdown import render_markdown
from vsguard.report.sarif import render_sarif
from vsguard.report.text import render_text

_RND = random.Random(4242)
_AN = string.ascii_letters + string.digits
_URL = _AN + "-_"
_HEX = "0123456789abcdef"
_B64 = _AN + "+/"


def _r(alphabet: str, n: int) -> str:
    return "".join(_RND.choice(alphabet) for _ in range(n))


def _b64url(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _jwt(alg: str = "HS256", signed: bool = True) -> str:
    head, body = _b64url({"alg": alg, "typ": "JWT"}), _b64url({"sub": "svc", "iat": 1764115200})
    if not signed:
        return f"{head}.{body}."
    mac = hmac.new(_r(_AN, 32).encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


_PEM_BODY = "\\n".join(_r(_B64, 64) for _ in range(3))

# provider kind -> (line of text that carries the secret, the secret itself)
SAMPLES: dict[str, tuple[str, str]] = {}


def _add(kind: str, template: str, secret: str) -> None:
    SAMPLES[kind] = (template.format(s=secret), secret)


_add("AWS access key id", "AWS_ACCESS_KEY_ID={s}", "AKIA" + _r("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16))
_add("AWS secret access key", "aws_secret_access_key = {s}", _r(_B64, 40))
_add("GitHub token", "token: {s}", "ghp_" + _r(_AN, 36))
_add("GitHub fine-grained token", "GH={s}", "github_pat_" + _r(_AN, 22) + "_" + _r(_AN, 59))
_add("GitLab token", "CI_TOKEN={s}", "glpat-" + _r(_URL, 20))
_add(
    "Slack token",
    "SLACK={s}",
    "xoxb-" + _r(string.digits, 12) + "-" + _r(string.digits, 13) + "-" + _r(_AN, 24),
)
_add(
    "Slack webhook",
    "hook: {s}",
    f"https://hooks.slack.com/services/T{_r('ABCDEFGH0123', 8)}/B{_r('ABCDEFGH0123', 10)}/{_r(_AN, 24)}",
)
_add("Stripe secret key", "STRIPE={s}", "sk_live_" + _r(_AN, 24))
_add("Stripe webhook secret", "STRIPE_WEBHOOK_SECRET={s}", "whsec_" + _r(_AN, 32))
_add(
    "Slack app token",
    "SLACK_APP={s}",
    "xapp-1-A" + _r("ABCDEFGHJK0123456789", 10) + "-" + _r(string.digits, 13) + "-" + _r(_HEX, 64),
)
_add("Google OAuth client secret", "GOOGLE_CLIENT_SECRET={s}", "GOCSPX-" + _r(_URL, 28))
_add(
    "Azure SAS token",
    "BLOB_URL=https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=r&sig={s}",
    _r(_AN, 43) + "%3D",
)
_add("Twilio API key", "TWILIO_SID={s}", "SK" + _r(_HEX, 32))
_add("Twilio auth token", "TWILIO_AUTH_TOKEN={s}", _r(_HEX, 32))
_add("SendGrid API key", "SG_KEY={s}", "SG." + _r(_URL, 22) + "." + _r(_URL, 43))
_add("OpenAI API key", "OPENAI={s}", "sk-proj-" + _r(_URL, 60) + "T3BlbkFJ" + _r(_URL, 60))
_add("Anthropic API key", "ANTHROPIC={s}", "sk-ant-api03-" + _r(_URL, 93) + "AA")
_add("Hugging Face token", "HF={s}", "hf_" + _r(string.ascii_letters, 34))
_add("Google API key", "MAPS={s}", "AIza" + _r(_URL, 35))
_add("GCP service account key", '"private_key_id": "{s}",', _r(_HEX, 40))
_add(
    "Azure storage account key",
    "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={s};",
    _r(_B64, 86) + "==",
)
_add(
    "Azure shared access key",
    "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey={s}",
    _r(_B64, 43) + "=",
)
_add("Azure AD client secret", "AZURE_CLIENT_SECRET={s}", _r(_AN, 3) + "8Q~" + _r(_AN, 34))
_add("database URL with password", "DATABASE_URL=postgresql://app:{s}@db.internal:5432/app", _r(_AN, 14))
_add("JSON Web Token", "AUTH={s}", _jwt())
_add(
    "private key block",
    '"private_key": "{s}' + _PEM_BODY + '\\n-----END PRIVATE KEY-----\\n"',
    "-----BEGIN PRIVATE KEY-----\\n",
)

REQUIRED_KINDS = {
    "AWS access key id",
    "AWS secret access key",
    "GCP service account key",
    "Azure storage account key",
    "Azure AD client secret",
    "GitHub token",
    "GitLab token",
    "Slack token",
    "Stripe secret key",
    "Twilio API key",
    "SendGrid API key",
    "OpenAI API key",
    "Anthropic API key",
    "Hugging Face token",
    "private key block",
    "JSON Web Token",
    "database URL with password",
}


def test_samples_cover_every_required_provider_and_every_pattern() -> None:
    assert set(SAMPLES) >= REQUIRED_KINDS
    assert {p.kind for p in PROVIDERS} <= set(SAMPLES)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_provider_format_detected(kind: str) -> None:
    text, _ = SAMPLES[kind]
    kinds = {h.kind for h in find_secrets(text)}
    assert kind in kinds, f"{kind} not found in {text!r}: {kinds}"


@pytest.mark.parametrize(
    "text",
    [
        "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "GITHUB_TOKEN=ghp_" + "x" * 36,
        "GITHUB_TOKEN=${GITHUB_TOKEN}",
        "STRIPE=sk_test_" + _r(_AN, 24),
        "OPENAI_API_KEY=sk-proj-your-key-here",
        "OPENAI_API_KEY=<your OpenAI key>",
        "api_key: {{ .Values.apiKey }}",
        "DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev",
        "DATABASE_URL=postgres://user:password@localhost/app",
        "DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app",
        # The jwt.io sample token, and an unsigned (alg none) token.
        "jwt = eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
        ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "AUTH=" + _jwt(alg="none", signed=False),
        '"private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----"',
        "-----BEGIN PUBLIC KEY-----\n" + _r(_B64, 64),
        "password: changeme",
        "password_min_length: 12",
        "token_url: https://oauth2.example.com/token",
        "secret_key_file: /run/secrets/app_key",
        'password = os.environ["DB_PASSWORD"]',
        'PASSWORD_PARAM = "password"',
        'TOKEN_ENV = "API_TOKEN"',
        "api_key = sk-0123456789abcdefghijklmnopqrstuv",
        "checksum: 3f786850e387550fdab836ed7e6dc881de23001b",
        'app.config["SECRET_KEY"] = "load-from-secret-store"',
        "credentials: 'same-origin'",
        "const secret = decodeURIComponent(raw.slice(sep + 1));",
        '"subject_token": user_access_token,',
        "privateKey: myPrivateKey,",
        "query = f\"SELECT * FROM users WHERE password = '{password}'\"",
    ],
)
def test_placeholders_examples_and_fixtures_are_not_secrets(text: str) -> None:
    assert find_secrets(text) == []


def test_quoted_only_ignores_unquoted_code_values() -> None:
    assert find_secrets("password = load_password(cfg)", quoted_only=True) == []
    assert find_secrets('password = "Tr0ub4dor&3-horse"', quoted_only=True)


def test_redact_keeps_only_a_short_prefix() -> None:
    for _, secret in SAMPLES.values():
        shown = redact(secret)
        assert secret not in shown
        assert shown.startswith(secret[:1])
        assert len(shown.split("…")[0]) <= 4


def test_redact_secrets_scrubs_free_text() -> None:
    for text, secret in SAMPLES.values():
        if len(secret) < 20 and "BEGIN" not in secret:
            continue
        assert secret not in redact_secrets(text), text


def _secret_laden_tree(root: Path) -> list[str]:
    """Files of several kinds, each carrying generated keys; returns every secret planted."""
    secrets = [s for _, s in SAMPLES.values()]
    env_lines = [text for text, _ in SAMPLES.values()]
    (root / ".env").write_text("\n".join(env_lines) + "\n", encoding="utf-8")
    (root / "settings.yaml").write_text(
        f"openai:\n  api_key: {SAMPLES['OpenAI API key'][1]}\n"
        f'db:\n  password: "{SAMPLES["database URL with password"][1]}"\n',
        encoding="utf-8",
    )
    (root / "client.py").write_text(
        "import openai\n\n"
        f'client = openai.OpenAI(api_key="{SAMPLES["OpenAI API key"][1]}")\n'
        f'STRIPE_KEY = "{SAMPLES["Stripe secret key"][1]}"\n',
        encoding="utf-8",
    )
    (root / "client.js").write_text(
        'const Anthropic = require("@anthropic-ai/sdk");\n'
        f'const a = new Anthropic({{ apiKey: "{SAMPLES["Anthropic API key"][1]}" }});\n',
        encoding="utf-8",
    )
    (root / "Config.java").write_text(
        f'class Config {{ static final String TOKEN = "{SAMPLES["GitHub token"][1]}"; }}\n', encoding="utf-8"
    )
    return secrets


def test_no_output_format_prints_a_whole_secret(tmp_path: Path) -> None:
    planted = _secret_laden_tree(tmp_path)
    result = scan_paths([tmp_path])
    assert result.summary.total >= len(SAMPLES), "the secret-laden tree must produce findings"
    outputs = {
        "json": render_json(result),
        "sarif": render_sarif(result),
        "text": render_text(result),
        "markdown": render_markdown(result, max_findings=10_000),
    }
    for name, rendered in outputs.items():
        for secret in planted:
            # Private key blocks are reported by header; their body must not leak either.
            needles = [secret] if "BEGIN" not in secret else _PEM_BODY.split("\\n")
            for needle in needles:
                assert needle not in rendered, f"{name} output shows a whole secret ({needle[:4]}…)"


def test_single_source_scan_redacts_rule_snippets() -> None:
    key = SAMPLES["OpenAI API key"][1]
    result = scan_source(f'import openai\nclient = openai.OpenAI(api_key="{key}")\n', "python")
    assert result.findings
    dumped = render_json(result)
    assert key not in dumped


def test_long_lines_scan_in_linear_time() -> None:
    """Minified or base64 blobs must not make the assignment scan quadratic."""
    blob = "\n".join(
        token * (4000 // len(token)) for token in ("a", "QUJD", "a.", "x_y-z.", "a:", "a ") for _ in range(20)
    )
    start = time.perf_counter()
    find_secrets(blob)
    redact_secrets(blob)
    assert time.perf_counter() - start < 2.0


# ---------------------------------------------------------------------- fixes and errors


def _needles(secret: str) -> list[str]:
    """What must never be shown: the secret, or for a private key block each line of its body."""
    return [secret] if "BEGIN" not in secret else _PEM_BODY.split("\\n")


def _assert_no_secret(name: str, shown_text: str, planted: list[str]) -> None:
    for secret in planted:
        for needle in _needles(secret):
            assert needle not in shown_text, f"{name} shows a whole secret ({needle[:4]}…)"


def _fixable_with_secrets() -> tuple[str, list[str]]:
    """Python with every sample next to a fixable flaw, so each lands in a diff hunk."""
    parts = ["import yaml\n"]
    for number, (text, _) in enumerate(SAMPLES.values()):
        parts.append(f"\n\ndef load_{number}(d):\n    token = {text!r}\n    return yaml.load(d)\n")
    return "".join(parts), [s for _, s in SAMPLES.values()]


def test_fix_command_never_prints_a_whole_secret(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vsguard.cli import main

    code, planted = _fixable_with_secrets()
    app = tmp_path / "app.py"
    app.write_text(code, encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    planted += _secret_laden_tree(tree)
    files = [app, *sorted(tree.iterdir())]
    for args in (["fix"], ["fix", "--rule", "hardcoded-secret"], ["fix", "--diff", "--apply"]):
        for path in files:
            main([*args, str(path)])
            out = capsys.readouterr()
            _assert_no_secret(f"`vsguard {' '.join(args)} {path.name}`", out.out + out.err, planted)


def test_fix_diff_redacts_but_apply_writes_the_real_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from vsguard.cli import main

    code, planted = _fixable_with_secrets()
    app = tmp_path / "app.py"
    app.write_text(code, encoding="utf-8")
    assert main(["fix", "--rule", "py-yaml-unsafe-load", str(app)]) == 0
    diff = capsys.readouterr().out
    assert diff.count("+    return yaml.safe_load(d)") == len(SAMPLES)
    assert "[redacted" in diff
    assert main(["fix", "--apply", "--diff", "--rule", "py-yaml-unsafe-load", str(app)]) == 0
    _assert_no_secret("the --apply diff", capsys.readouterr().out, planted)
    assert app.read_text(encoding="utf-8") == code.replace("yaml.load(", "yaml.safe_load(")


def test_suggest_fix_tool_redacts_secret_literals_only() -> None:
    from vsguard.fixes import suggest_fix
    from vsguard.fixes.engine import shown
    from vsguard.server.tools_core import suggest_fix as suggest_fix_tool

    code, planted = _fixable_with_secrets()
    answer = suggest_fix_tool(
        code, vulnerability_type="py-yaml-unsafe-load", language="python", detail="full"
    )
    assert not answer.is_error
    _assert_no_secret("suggest_fix", answer.model_dump_json(), planted)
    data = answer.structured_content or {}
    real = suggest_fix(code, language="python", rule_id="py-yaml-unsafe-load", redact=False)
    assert real.fixed_code == code.replace("yaml.load(", "yaml.safe_load(")
    # Usable code: only the secret literals differ from the real rewrite.
    assert data["fixed_code"] == shown(real.fixed_code) != real.fixed_code
    assert data["fixed_code"].count("\n") == real.fixed_code.count("\n")
    assert scan_source(data["fixed_code"], "python").skipped == ()
    assert any("shown redacted" in note for note in data["guidance"])
    # With the secrets moved to the environment, nothing is left to redact in the fixed code.
    moved = suggest_fix_tool(code, vulnerability_type="hardcoded_secret", language="python")
    _assert_no_secret("suggest_fix (secrets moved)", moved.model_dump_json(), planted)


def test_suggest_fix_without_secrets_adds_no_note() -> None:
    from vsguard.fixes import suggest_fix

    result = suggest_fix("import yaml\nx = yaml.load(d)\n", language="python")
    assert result.verified and not any("redacted" in note for note in result.guidance)


def test_multi_line_private_key_bodies_are_redacted() -> None:
    from vsguard.fixes.engine import shown

    body = [_r(_B64, 64) for _ in range(3)]
    text = 'KEY = """-----BEGIN PRIVATE KEY-----\n' + "\n".join(body) + '\n-----END PRIVATE KEY-----"""\n'
    out = shown(text)
    assert all(line not in out for line in body)
    assert out.count("\n") == text.count("\n") and "-----END PRIVATE KEY-----" in out


def test_malformed_baseline_error_shows_no_secret(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vsguard.cli import main

    token = SAMPLES["GitHub token"][1]
    key = SAMPLES["OpenAI API key"][1]
    (tmp_path / "ok.py").write_text("x = 1\n")
    bad = {
        "wrong types": {"findings": [{"rule_id": "x", "snippet": f"token: {token}", "location": key}]},
        "one bad field": {"findings": [{"rule_id": token, "severity": key}]},
        "not a report": [token, key],
        "not json": f'{{"findings": ["{token}", {key}',
    }
    for name, content in bad.items():
        baseline = tmp_path / "baseline.json"
        baseline.write_text(content if isinstance(content, str) else json.dumps(content))
        assert main(["scan", str(tmp_path / "ok.py"), "--baseline", str(baseline)]) == 2, name
        err = capsys.readouterr().err
        assert err.startswith("vsguard: error: ") and "baseline" in err and err.count("\n") == 1, err
        for secret in (token, key):
            assert secret[4:20] not in err, f"{name}: the error shows part of a secret"


def test_secrets_in_text_files_beside_code_are_reported(tmp_path: Path) -> None:
    """Shell scripts, Markdown, .env and Dockerfiles are read for secrets by a path scan, named or
    walked; pre-commit passes every text file, and the ones vsguard cannot read are skipped."""
    from vsguard.cli import main

    token = SAMPLES["GitHub token"][1]
    files = {
        "deploy.sh": f"export GITHUB_TOKEN={token}\n",
        "NOTES.md": f"token: {token}\n",
        ".env.local": f"GITHUB_TOKEN={token}\n",
        "Dockerfile.prod": f"ENV GITHUB_TOKEN={token}\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    walked = scan_paths([tmp_path])
    assert sorted(Path(f.path or "").name for f in walked.findings) == sorted(files)
    assert all(token not in f.snippet + f.message for f in walked.findings)
    (tmp_path / "LICENSE").write_text("Permission is hereby granted...\n")
    named = [str(tmp_path / n) for n in [*files, "LICENSE"]]
    assert main(["scan", *named]) == 2  # LICENSE is not a file vsguard can read: incomplete
    assert main(["scan", "--ignore-unsupported", *named]) == 1  # the pre-commit hook's form


def test_documentation_examples_are_not_credentials(tmp_path: Path) -> None:
    """Prose shows `PASSWORD = "swordfish"` as an example; only a provider's key format counts there."""
    token = SAMPLES["GitHub token"][1]
    (tmp_path / "config.rst").write_text('Set ``SECRET_KEY = "192b9bdd22ab9ed4d12e236c78afcb9a"``.\n')
    (tmp_path / "setup.md").write_text(f'PASSWORD = "swordfish"\nand a leaked token {token}\n')
    (tmp_path / "deploy.sh").write_text('export DB_PASSWORD="s3cr3t-Pa55word-xyz"\n')
    found = sorted((Path(f.path or "").name, f.location.start_line) for f in scan_paths([tmp_path]).findings)
    assert found == [("deploy.sh", 1), ("setup.md", 2)]


def test_a_detected_secret_is_shown_redacted_once() -> None:
    """The detector's snippet is already redacted; credential rules' extra redaction must not
    redact the redacted form again (`p…[redacted 3 chars]s…[redacted 24 chars]`)."""
    token = SAMPLES["GitHub token"][1]
    found = scan_text(f'GITHUB_TOKEN = "{token}"\n', None).findings
    assert found and all(f.snippet.count("[redacted") == 1 for f in found), [f.snippet for f in found]
