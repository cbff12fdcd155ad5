"""The HTML report: one self-contained, escaped page with the verdict, charts and every finding."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from vsguard.cli import main
from vsguard.engine.scanner import scan_paths
from vsguard.models import Finding, Location, ScanResult, Severity, SkipKind, Skipped, TraceStep
from vsguard.records import replace
from vsguard.report.html import render_html
from vsguard.report.options import ReportOptions
from vsguard.rules.loader import load_rules
from vsguard.verdict import summarize

EXAMPLES = Path(__file__).parent.parent / "examples"
PAYLOAD = '</pre></script><script>alert("x")</script><img src=x onerror=alert(1)>'


class _Page(HTMLParser):
    """Tags, attributes and the text of inline scripts and styles, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def _finding(**changes: object) -> Finding:
    base = Finding(
        rule_id="py-os-system",
        title="os.system on a built command",
        severity=Severity.HIGH,
        confidence=load_rules()[0].confidence,
        cwe=(78,),
        asvs_5=("V1.2.5",),
        asvs_4=(),
        location=Location(start_line=3, start_column=1, end_line=3, end_column=9),
        snippet="os.system(cmd)",
        message="built command",
        remediation="use an argument list",
        language="python",
        path="app.py",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _result(findings: tuple[Finding, ...], skipped: tuple[Skipped, ...] = ()) -> ScanResult:
    return ScanResult(
        language=None,
        findings=findings,
        summary=summarize(findings, skipped),
        skipped=skipped,
        files_scanned=len(findings) + len(skipped),
    )


def test_cli_writes_one_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["scan", str(EXAMPLES / "vulnerable"), "-f", "html", "-o", str(out), "-q"]) == 1
    page = out.read_text(encoding="utf-8")
    parsed = _parse(page)
    # nothing is loaded: no external scripts, styles, images, fonts or frames
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, tag
        assert tag not in ("link", "iframe", "object", "embed", "img"), attrs
    assert not re.search(r"@import|url\(|@font-face", "".join(parsed.styles))
    [csp] = [a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp is not None and csp.startswith("default-src 'none'")
    [script] = parsed.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp  # the one inline script, allowed by its hash

    result = scan_paths([EXAMPLES / "vulnerable"])
    assert 'class="verdict failed">FAILED<' in page
    for rule_id in {f.rule_id for f in result.findings}:
        assert f'<span class="rule">{rule_id}</span>' in page
    assert page.count('<article class="finding') == len(result.findings)
    assert "examples/vulnerable/app.py" in page and str(EXAMPLES) not in page  # repo-relative paths
    assert "<svg" in page and "CWE-89" in page and "Findings by CWE and severity" in page
    # grouped by severity, most severe first
    order = [
        m.group(1) for m in re.finditer(r'<section class="sevgroup"><h2><span class="badge s-(\w+)"', page)
    ]
    assert order == sorted(set(order), key=lambda s: -Severity(s).rank)


def test_snippets_paths_and_traces_are_escaped() -> None:
    evil = _finding(
        path=f"src/{PAYLOAD}.py",
        snippet=f"os.system('{PAYLOAD}')\nsecond line",
        message=f"message `{PAYLOAD}`",
        title=f"title {PAYLOAD}",
        trace=(TraceStep(line=2, kind="source", code=PAYLOAD), TraceStep(line=3, kind="sink", code="x")),
    )
    skipped = Skipped(path=f"{PAYLOAD}.js", reason=f"reason {PAYLOAD}", kind=SkipKind.PARSE_ERROR)
    page = render_html(_result((evil,), (skipped,)))
    parsed = _parse(page)
    assert len(parsed.scripts) == 1 and "alert" not in parsed.scripts[0]
    assert not any(tag == "img" for tag, _ in parsed.tags)
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    assert PAYLOAD not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "message <code>&lt;/pre&gt;&lt;/script&gt;" in page  # a code span, its text still escaped
    assert '<span class="ln">1</span>' not in page and '<span class="ln">4</span>second line' in page


def test_incomplete_verdict_lists_what_was_not_analysed() -> None:
    skipped = (
        Skipped(path="big.py", reason="larger than the limit", kind=SkipKind.TOO_LARGE),
        Skipped(path="logo.png", reason="binary file", kind=SkipKind.BINARY, incomplete=False),
    )
    page = render_html(_result((_finding(),), skipped))
    assert 'class="verdict incomplete">INCOMPLETE<' in page
    assert "Not analysed (1 make the scan incomplete)" in page
    assert "<code>big.py</code></td><td>not analysed</td><td>too_large</td>" in page
    assert "<code>logo.png</code></td><td>skipped</td>" in page
    clean = render_html(_result(()))
    assert 'class="verdict passed">PASSED<' in clean and "No findings." in clean


def test_asvs_coverage_counts_the_rules_and_the_findings() -> None:
    from vsguard.catalog.loader import load_catalog

    catalog = load_catalog()
    known = {r.id for r in catalog.for_version("5.0.0")}
    checkable = {a for rule in load_rules() for a in rule.asvs} & known
    page = render_html(_result((_finding(asvs_5=("V1.2.5", "V11.4.1")),)))
    total = sum(c.requirement_count for c in catalog.chapters_for("5.0.0"))
    assert f"Requirements vsguard rules check: {len(checkable)} of {total} in ASVS 5.0.0" in page
    touched = page.split("Requirements touched by findings (2)", 1)[1].split("<details>", 1)[0]
    assert re.findall(r'chip hit"[^>]*>(V[\d.]+)<', touched) == ["V1.2.5", "V11.4.1"]
    encoding = catalog.chapters_for("5.0.0")[0]
    v1 = len([a for a in checkable if a.startswith("V1.")])
    assert f"{encoding.id} {encoding.name}</b> " in page
    assert f"1 touched, {v1} checked of {encoding.requirement_count}" in page


def test_paths_are_relative_to_the_root_given(tmp_path: Path) -> None:
    finding = _finding(path=str(tmp_path / "pkg" / "app.py"))
    page = render_html(_result((finding,)), ReportOptions(root=tmp_path, cwd=tmp_path))
    assert '<div class="file">pkg/app.py</div>' in page and str(tmp_path) not in page


def test_only_the_html_format_reads_the_asvs_catalog() -> None:
    code = (
        "import sys\nfrom vsguard.cli import main\n"
        f"main(['scan', {str(EXAMPLES / 'safe')!r}, '-f', 'sarif', '-q'])\n"
        "from vsguard.catalog.loader import load_catalog\n"
        "print(load_catalog.cache_info().currsize, 'vsguard.report.html' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 False"


@pytest.mark.parametrize("count", [1, 30])
def test_large_reports_stay_bounded(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import vsguard.report.html as html_report

    monkeypatch.setattr(html_report, "MAX_FINDINGS", 10)
    findings = tuple(
        _finding(location=Location(start_line=i, start_column=1, end_line=i, end_column=2))
        for i in range(1, count + 1)
    )
    page = render_html(_result(findings))
    assert page.count('<article class="finding') == min(count, 10)
    assert ("Showing the 10 most severe of 30 findings" in page) == (count > 10)


def test_a_found_secret_is_never_shown_whole(tmp_path: Path) -> None:
    import random

    rnd = random.Random(7)
    token = "ghp_" + "".join(
        rnd.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(36)
    )
    (tmp_path / "settings.py").write_text(f'GITHUB_TOKEN = "{token}"\n', encoding="utf-8")
    result = scan_paths([tmp_path])
    assert any(f.rule_id == "hardcoded-secret" for f in result.findings)
    page = render_html(result, ReportOptions(root=tmp_path, cwd=tmp_path))
    assert token not in page and token[:12] not in page
