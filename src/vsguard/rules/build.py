"""Rules as `models` dataclasses, built from the data of a rule file that is known to be valid.

The data is either what the YAML reader gave for a file proven valid before (see `checked.py`)
or the dump of the schema's models after they checked it (`schema.py`); both spell the same
rule, so a test builds every bundled file both ways and compares. Nothing here checks: invalid
data never reaches these functions.
"""

from __future__ import annotations

from typing import Any

from vsguard.models import (
    Confidence,
    FixSpec,
    MetavarCheck,
    PatternMatch,
    Rule,
    SecretsMatch,
    Severity,
    SinkCondition,
    TaintMatch,
    TaintSink,
    VulnClass,
)


def _sink(raw: dict[str, Any]) -> TaintSink:
    args = raw.get("args", (0,))
    return TaintSink(
        callee=raw.get("callee"),
        args=tuple(args) if isinstance(args, list | tuple) else (args,),
        when=tuple(SinkCondition(**c) for c in raw.get("when", ())),
        when_any=tuple(SinkCondition(**c) for c in raw.get("when_any", ())),
        unless=tuple(SinkCondition(**c) for c in raw.get("unless", ())),
        safe_prefix=raw.get("safe_prefix"),
        returns=raw.get("returns"),
        store=raw.get("store"),
        require=raw.get("require"),
        printf=raw.get("printf", False),
        keys_only=raw.get("keys_only", False),
        text_only=raw.get("text_only", False),
    )


def _match(kind: str, raw: dict[str, Any]) -> PatternMatch | TaintMatch | SecretsMatch:
    if kind == "taint":
        return TaintMatch(
            sources=tuple(raw["sources"]),
            sinks=tuple(_sink(s) for s in raw["sinks"]),
            sanitizers=tuple(raw.get("sanitizers", ())),
            require=raw.get("require", "source"),
            safe_prefix=raw.get("safe_prefix"),
            source_confidence=Confidence(raw.get("source_confidence", Confidence.HIGH)),
        )
    if kind == "secrets":
        return SecretsMatch(detector=raw["detector"])
    return PatternMatch(
        rule=raw["rule"],
        constraints=raw.get("constraints"),
        utils=raw.get("utils"),
        transform=raw.get("transform"),
        report=raw.get("report"),
    )


def build_rule(raw: dict[str, Any], language: str, source_file: str) -> Rule:
    """One entry of a rule file as a `Rule` (messages trimmed of YAML's trailing newline)."""
    kind = raw.get("kind", "pattern")
    fix = raw.get("fix")
    return Rule(
        id=raw["id"],
        language=language,
        title=raw["title"],
        message=raw["message"].strip(),
        remediation=raw["remediation"].strip(),
        severity=Severity(raw["severity"]),
        confidence=Confidence(raw["confidence"]),
        cwe=tuple(raw["cwe"]),
        asvs=tuple(raw["asvs"]),
        kind=kind,
        tags=tuple(raw.get("tags", ())),
        vulnerability_class=VulnClass(raw["vulnerability_class"]),
        match=_match(kind, raw["match"]),
        require=tuple(
            MetavarCheck(metavar=r["metavar"], is_=r["is"], negate=r.get("negate", False))
            for r in raw.get("require", ())
        ),
        fix=FixSpec(strategy=fix["strategy"]) if fix is not None else None,
        source_file=source_file,
    )
