"""SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, IDEs).

Every location is a URI relative to the repository root under the `%SRCROOT%` base id, so the log
is the same from any working folder and an upload matches files in the repository; the run's
`originalUriBaseIds` says where that root was on this machine.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from vsguard import __version__
from vsguard.models import Finding, Rule, ScanResult, Severity, Skipped
from vsguard.report.options import ReportOptions
from vsguard.report.rule_doc import rule_doc
from vsguard.report.rule_help import help_text, help_uri
from vsguard.rules.loader import rule_by_id
from vsguard.sha import sha256_hex
from vsguard.verdict import skip_label

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "vsguard/v2"
_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub ranks alerts by this 0-10 score.
_SCORE = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "1.0",
}
_SPACE = re.compile(r"\s+")


def _rule_descriptor(f: Finding, rule: Rule | None) -> dict[str, Any]:
    """The rule's own severity and confidence (a finding may raise or lower its own)."""
    severity = rule.severity if rule else f.severity
    precision = (rule.confidence if rule else f.confidence).value
    tags = ["security", *(f"external/cwe/cwe-{c}" for c in f.cwe), *(f"asvs/5.0.0/{a}" for a in f.asvs_5)]
    descriptor: dict[str, Any] = {
        "id": f.rule_id,
        "name": "".join(w.capitalize() for w in f.rule_id.split("-")),
        "shortDescription": {"text": f.title},
        "fullDescription": {"text": rule.message if rule else f.message},
        "helpUri": help_uri(rule.cwe if rule else f.cwe),
        "help": {
            "text": help_text(rule, f.fixable) if rule else f.remediation,
            "markdown": rule_doc(rule) if rule else f"**How to fix:** {f.remediation}",
        },
        "defaultConfiguration": {"level": _LEVEL[severity]},
        "properties": {
            "tags": tags,
            "precision": precision,
            "security-severity": _SCORE[severity],
            "cwe": [f"CWE-{c}" for c in f.cwe],
            "asvs-5.0.0": list(f.asvs_5),
            "asvs-4.0.3": list(f.asvs_4),
        },
    }
    return descriptor


class _Locator:
    """Turns scanner paths into root-relative artifact locations.

    Without a root, relative paths stay as given and absolute ones are made relative to the folder
    they all share, so no location is ever an absolute `file:` URI.
    """

    def __init__(self, result: ScanResult, options: ReportOptions) -> None:
        self.options = options
        self.root: Path | None = options.root
        if self.root is None:
            absolute = [p for p in _paths(result) if Path(p).is_absolute()]
            if absolute:
                common = os.path.commonpath(absolute)
                # a single file's "common path" is itself: use its folder
                self.options = ReportOptions(
                    root=Path(common) if len(set(absolute)) > 1 else Path(common).parent
                )

    def relative(self, path: str | None) -> str:
        return self.options.relative(path) if path else "input"

    def artifact(self, path: str | None) -> dict[str, str]:
        return {"uri": quote(self.relative(path), safe="/"), "uriBaseId": SRCROOT}

    def base_ids(self) -> dict[str, Any]:
        if self.root is None:
            return {}
        uri = Path(os.path.abspath(self.root)).as_uri().rstrip("/") + "/"
        return {"originalUriBaseIds": {SRCROOT: {"uri": uri}}}


def _paths(result: ScanResult) -> list[str]:
    return [p for p in (*(f.path for f in result.findings), *(s.path for s in result.skipped)) if p]


def _fingerprints(result: ScanResult, locator: _Locator) -> list[str]:
    """Path from the root, rule and whitespace-normalised snippet, hashed; no line numbers, so a
    finding keeps its identity when code above it moves. Identical snippets in one file are told
    apart by their order."""
    seen: Counter[str] = Counter()
    out = []
    for f in result.findings:
        snippet = _SPACE.sub(" ", f.snippet).strip()
        key = "\0".join((locator.relative(f.path), f.rule_id, snippet))
        digest = sha256_hex(key.encode("utf-8"))[:32]
        seen[digest] += 1
        out.append(f"{digest}:{seen[digest]}")
    return out


def _result(f: Finding, rule_index: int, fingerprint: str, locator: _Locator) -> dict[str, Any]:
    loc = f.location
    out: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": locator.artifact(f.path),
                    "region": {
                        "startLine": loc.start_line,
                        "startColumn": loc.start_column,
                        "endLine": loc.end_line,
                        "endColumn": loc.end_column,
                        "snippet": {"text": f.snippet},
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if f.trace:
        steps = [
            {
                "location": {
                    "physicalLocation": {
                        "artifactLocation": locator.artifact(f.path),
                        "region": {"startLine": step.line},
                    },
                    "message": {"text": f"{step.kind}: {step.code}"},
                }
            }
            for step in f.trace
        ]
        out["codeFlows"] = [{"threadFlows": [{"locations": steps}]}]
    if f.suppressed:
        out["suppressions"] = [{"kind": "inSource"}]
    return out


def _notification(skip: Skipped, locator: _Locator) -> dict[str, Any]:
    """One per file the scan could not analyse (level error: the run is incomplete) or passed over."""
    region = {"region": {"startLine": skip.line}} if skip.line else {}
    return {
        "level": "error" if skip.incomplete else "note",
        "message": {"text": f"{skip_label(skip)}: {skip.reason}"},
        "descriptor": {"id": f"vsguard/{skip.kind.value}"},
        "locations": [{"physicalLocation": {"artifactLocation": locator.artifact(skip.path), **region}}],
    }


def render_sarif(result: ScanResult, options: ReportOptions | None = None) -> str:
    locator = _Locator(result, options or ReportOptions())
    descriptors: dict[str, int] = {}
    rules: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for f, fingerprint in zip(result.findings, _fingerprints(result, locator), strict=True):
        if f.rule_id not in descriptors:
            descriptors[f.rule_id] = len(rules)
            rules.append(_rule_descriptor(f, rule_by_id(f.rule_id)))
        results.append(_result(f, descriptors[f.rule_id], fingerprint, locator))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "vsguard",
                "version": __version__,
                "rules": rules,
            }
        },
        **locator.base_ids(),
        "results": results,
        "invocations": [
            {
                "executionSuccessful": result.complete,
                "toolExecutionNotifications": [_notification(s, locator) for s in result.skipped],
            }
        ],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2) + "\n"
