"""SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, IDEs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vsguard import __version__
from vsguard.models import Finding, ScanResult, Severity, Skipped
from vsguard.rules.loader import rule_by_id

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
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


def _rule_descriptor(f: Finding) -> dict:
    rule = rule_by_id(f.rule_id)
    tags = ["security", *(f"external/cwe/cwe-{c}" for c in f.cwe), *(f"asvs/5.0.0/{a}" for a in f.asvs_5)]
    return {
        "id": f.rule_id,
        "name": "".join(w.capitalize() for w in f.rule_id.split("-")),
        "shortDescription": {"text": f.title},
        "fullDescription": {"text": rule.message if rule else f.message},
        "help": {"text": f.remediation, "markdown": f"**Fix:** {f.remediation}"},
        "defaultConfiguration": {"level": _LEVEL[f.severity]},
        "properties": {
            "tags": tags,
            "precision": {"high": "high", "medium": "medium", "low": "low"}[f.confidence.value],
            "security-severity": _SCORE[f.severity],
            "cwe": [f"CWE-{c}" for c in f.cwe],
            "asvs-5.0.0": list(f.asvs_5),
            "asvs-4.0.3": list(f.asvs_4),
        },
    }


def _uri(path: str | None) -> str:
    if not path:
        return "input"
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def _result(f: Finding, rule_index: int) -> dict:
    loc = f.location
    out: dict = {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
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
        "partialFingerprints": {"vsguard/v1": f.fingerprint},
    }
    if f.trace:
        out["codeFlows"] = [
            {
                "threadFlows": [
                    {
                        "locations": [
                            {
                                "location": {
                                    "physicalLocation": {
                                        "artifactLocation": {"uri": _uri(f.path)},
                                        "region": {"startLine": step.line},
                                    },
                                    "message": {"text": f"{step.kind}: {step.code}"},
                                }
                            }
                            for step in f.trace
                        ]
                    }
                ]
            }
        ]
    if f.suppressed:
        out["suppressions"] = [{"kind": "inSource"}]
    return out


def _notification(skip: Skipped) -> dict[str, Any]:
    """One per file the scan could not analyse (level error: the run is incomplete) or passed over."""
    region = {"region": {"startLine": skip.line}} if skip.line else {}
    return {
        "level": "error" if skip.incomplete else "note",
        "message": {"text": f"{'not fully analysed' if skip.incomplete else 'skipped'}: {skip.reason}"},
        "descriptor": {"id": f"vsguard/{skip.kind.value}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(skip.path)}, **region}}],
    }


def render_sarif(result: ScanResult) -> str:
    descriptors: dict[str, int] = {}
    rules: list[dict] = []
    results: list[dict] = []
    for f in result.findings:
        if f.rule_id not in descriptors:
            descriptors[f.rule_id] = len(rules)
            rules.append(_rule_descriptor(f))
        results.append(_result(f, descriptors[f.rule_id]))
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "vsguard",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": result.complete,
                        "toolExecutionNotifications": [_notification(s) for s in result.skipped],
                    }
                ],
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"
