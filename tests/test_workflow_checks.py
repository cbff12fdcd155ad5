"""The text checks behind the workflow rules: downloads run unchecked, literal credentials."""

from __future__ import annotations

import pytest

from vsguard.engine.downloads import runs_unverified_download
from vsguard.engine.secrets import is_literal_credential

RUNS_UNCHECKED = [
    "curl -fsSLo install.sh https://get.example.io/i.sh\nsh install.sh",
    "curl -fsSL -o /tmp/i.sh https://example.io/i.sh && bash /tmp/i.sh --yes",
    "wget https://github.com/a/b/releases/download/v1/tool_amd64.deb\nsudo dpkg -i tool_amd64.deb",
    "curl -LO https://dl.k8s.io/release/v1.30.0/bin/linux/amd64/kubectl\nchmod +x kubectl",
    "wget -O setup.py https://example.io/s.py && python3 setup.py install",
    "curl -o tool https://example.io/tool\nchmod 0755 tool",
    "curl -sSL \\\n  -o agent.sh https://example.io/agent.sh\n./agent.sh",
    "curl -fsSLO https://dl.k8s.io/kubectl && install -m 0755 kubectl /usr/local/bin/kubectl",
]
LEFT_ALONE = [
    "curl -LO https://dl.k8s.io/kubectl\necho 'abc  kubectl' | sha256sum --check\nchmod +x kubectl",
    "curl -o coverage.json https://example.io/c.json\n./gradlew build",
    "curl -fsSL https://example.io/tool.tar.gz -o tool.tar.gz\ntar xzf tool.tar.gz",
    "wget -qO- https://example.io/i.sh | sh",  # a pipe: gha-curl-pipe-shell's case
    "curl -sSfL https://example.io/i.sh -o i.sh\ngpg --verify i.sh.asc i.sh\nsh i.sh",
    "curl -o data.csv https://example.io/data.csv\npython analyze.py data.csv",
    "chmod 644 tool\ncurl -o tool https://example.io/tool",
    "sh install.sh\ncurl -o install.sh https://example.io/install.sh",  # run before it was fetched
    "curl -fsSLo LICENSE https://example.io/LICENSE && install -m 0644 LICENSE /usr/share/doc/",
    "curl -o x.sh https://example.io/x.sh 'unbalanced\nsh x.sh && sha512sum -c sums",
]


@pytest.mark.parametrize("script", RUNS_UNCHECKED)
def test_download_run_without_a_check(script: str) -> None:
    assert runs_unverified_download(script)


@pytest.mark.parametrize("script", LEFT_ALONE)
def test_checked_or_not_run_downloads_pass(script: str) -> None:
    assert not runs_unverified_download(script)


@pytest.mark.parametrize("value", ["s3cret", "npm_a8Kd92LmQpR4sTuVwXyZ01bCdEfGhIjKlMnO", "Wint3r-Is-C0ming!"])
def test_literal_credentials(value: str) -> None:
    assert is_literal_credential(value)


@pytest.mark.parametrize(
    "value",
    ["", "${{ secrets.TOKEN }}", "$NPM_TOKEN", "false", "3600", "NPM_TOKEN", "changeme", "<your-token>",
     "/run/secrets/db", "https://vault.example.com/v1/db", "load-from-vault", "postgres", "minioadmin"],
)  # fmt: skip
def test_references_and_placeholders_are_not_credentials(value: str) -> None:
    assert not is_literal_credential(value)


def test_a_workflow_credential_is_shown_redacted_once() -> None:
    from vsguard.engine.scanner import scan_text

    token = "npm_a8Kd92LmQpR4sTuVwXyZ01bCdEfGhIjKlMnO"
    found = scan_text(f"env:\n  NPM_TOKEN: {token}\n", "github-actions").findings
    assert [f.rule_id for f in found] == ["gha-hardcoded-secret"]
    assert found[0].snippet == f"NPM_TOKEN: npm_…[redacted {len(token)} chars]"
