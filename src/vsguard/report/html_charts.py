"""The HTML report's pictures, drawn here as inline SVG: findings by CWE and severity, and ASVS
5.0.0 coverage (which chapters and requirements the findings touch, and which the rules check)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from html import escape

from vsguard.models import Chapter, Finding, Requirement, Severity
from vsguard.records import record
from vsguard.report.html_assets import SEVERITY_COLOURS

_SEVERITIES = tuple(reversed(Severity))  # critical first
MAX_BAR_ROWS = 15


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def cwe_chart(findings: Sequence[Finding]) -> str:
    """One bar per CWE (most findings first), one segment per severity. A finding with two CWEs
    counts once under each, so each bar shows what that weakness costs."""
    counts: dict[str, Counter[Severity]] = {}
    for f in findings:
        for cwe in f.cwe:
            counts.setdefault(f"CWE-{cwe}", Counter())[f.severity] += 1
    return severity_bars(counts, "Findings by CWE and severity", label_width=86, what="CWE(s)")


def file_chart(findings: Sequence[Finding], path_of: Callable[[Finding], str]) -> str:
    """One bar per file with findings, most first, one segment per severity."""
    counts: dict[str, Counter[Severity]] = {}
    for f in findings:
        counts.setdefault(path_of(f), Counter())[f.severity] += 1
    return severity_bars(counts, "Findings by file and severity", label_width=250, what="file(s)")


def severity_bars(counts: dict[str, Counter[Severity]], title: str, *, label_width: int, what: str) -> str:
    """Horizontal stacked bars, at most MAX_BAR_ROWS, longest first, with a legend."""
    if not counts:
        return '<p class="note">No findings to chart.</p>'
    rows = sorted(counts.items(), key=lambda kv: _bar_order(*kv))
    hidden = len(rows) - MAX_BAR_ROWS
    rows = rows[:MAX_BAR_ROWS]
    most = max(sum(c.values()) for _, c in rows)
    bar_w, row_h, top = 520 - label_width, 24, 6
    height = top + row_h * len(rows) + 22
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {label_width + bar_w + 40} {height}" '
        f'width="100%" aria-label="{_e(title)}">'
    ]
    for i, (label, by_sev) in enumerate(rows):
        y = top + i * row_h
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" font-size="12" fill="#33415a">'
            f"<title>{_e(label)}</title>{_e(_clip(label, label_width // 7))}</text>"
        )
        x = float(label_width)
        for sev in _SEVERITIES:
            n = by_sev.get(sev, 0)
            if not n:
                continue
            w = bar_w * n / most
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" rx="2" '
                f'fill="{SEVERITY_COLOURS[sev.value]}"><title>{_e(label)}: {n} {sev.value}</title></rect>'
            )
            x += w
        total = sum(by_sev.values())
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" font-size="12" fill="#5d6777">{total}</text>')
    axis_y = top + row_h * len(rows) + 2
    parts.append(
        f'<line x1="{label_width}" y1="{axis_y}" x2="{label_width + bar_w}" y2="{axis_y}" stroke="#dfe3ea"/>'
        f'<text x="{label_width}" y="{axis_y + 14}" font-size="11" fill="#5d6777">0</text>'
        f'<text x="{label_width + bar_w}" y="{axis_y + 14}" font-size="11" fill="#5d6777" '
        f'text-anchor="end">{most}</text></svg>'
    )
    parts.append(legend())
    if hidden > 0:
        parts.append(f'<p class="note">…and {hidden} more {what} with fewer findings.</p>')
    return "".join(parts)


def _bar_order(label: str, by_sev: Counter[Severity]) -> tuple[int, int, str, int]:
    """Most findings first, then the most severe, then by name (CWE numbers in number order)."""
    worst = max((sev.rank for sev, n in by_sev.items() if n), default=0)
    number = int(label[4:]) if label.startswith("CWE-") and label[4:].isdigit() else 0
    return -sum(by_sev.values()), -worst, label if not number else "", number


def _clip(label: str, width: int) -> str:
    """Keep the end of a long label (a path's file name matters most)."""
    return label if len(label) <= width else "…" + label[-(width - 1) :]


def legend() -> str:
    items = "".join(f'<span><i class="s-{s.value}"></i>{s.value}</span>' for s in _SEVERITIES)
    return f'<div class="legend">{items}</div>'


@record(frozen=True)
class ChapterCoverage:
    chapter: Chapter
    checkable: tuple[str, ...]  # requirement ids some rule checks, in catalog order
    touched: frozenset[str]  # requirement ids the findings map to


def coverage(
    chapters: Sequence[Chapter],
    requirements: Iterable[Requirement],
    rule_asvs: Iterable[str],
    findings: Sequence[Finding],
) -> list[ChapterCoverage]:
    checkable = set(rule_asvs)
    touched = {a for f in findings for a in f.asvs_5}
    order = [r.id for r in requirements]
    known = set(order)
    # ids a rule or finding names that the catalog lacks still count, after the known ones
    extra = sorted((checkable | touched) - known)
    out = []
    for ch in chapters:
        prefix = ch.id + "."
        ids = [i for i in (*order, *extra) if i.startswith(prefix)]
        out.append(
            ChapterCoverage(
                chapter=ch,
                checkable=tuple(i for i in ids if i in checkable),
                touched=frozenset(i for i in ids if i in touched),
            )
        )
    return out


def coverage_chart(rows: Sequence[ChapterCoverage]) -> str:
    """One bar per chapter: its length is the chapter's requirement count, the blue part the
    requirements the rules check, the red part those this scan's findings touch."""
    label_w, bar_w, row_h, top = 270, 290, 22, 4
    longest = max((r.chapter.requirement_count for r in rows), default=1) or 1
    height = top + row_h * len(rows) + 4
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {label_w + bar_w + 70} {height}" width="100%" '
        f'aria-label="ASVS 5.0.0 chapters: requirements checked by rules and touched by findings">'
    ]
    for i, row in enumerate(rows):
        y = top + i * row_h
        ch = row.chapter
        scale = bar_w / longest
        name = f"{ch.id} {ch.name}"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end" font-size="12" fill="#33415a">'
            f"{_e(name)}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{ch.requirement_count * scale:.1f}" '
            f'height="{row_h - 8}" rx="2" fill="#e8ecf2"><title>{_e(name)}: '
            f"{ch.requirement_count} requirements</title></rect>"
        )
        if row.checkable:
            parts.append(
                f'<rect x="{label_w}" y="{y + 4}" width="{len(row.checkable) * scale:.1f}" '
                f'height="{row_h - 8}" rx="2" fill="#9db8e8"><title>{len(row.checkable)} checked by '
                f"vsguard rules</title></rect>"
            )
        if row.touched:
            parts.append(
                f'<rect x="{label_w}" y="{y + 4}" width="{len(row.touched) * scale:.1f}" '
                f'height="{row_h - 8}" rx="2" fill="#d6452a"><title>{len(row.touched)} touched by '
                f"findings</title></rect>"
            )
        parts.append(
            f'<text x="{label_w + ch.requirement_count * scale + 6:.1f}" y="{y + 14}" font-size="11" '
            f'fill="#5d6777">{len(row.touched)}/{len(row.checkable)}/{ch.requirement_count}</text>'
        )
    parts.append("</svg>")
    parts.append(
        '<div class="legend"><span><i class="cov-hit"></i>touched by findings</span>'
        '<span><i class="cov-rule"></i>checked by vsguard rules</span>'
        '<span><i class="cov-all"></i>all requirements in the chapter</span>'
        "<span>label: touched / checked / all</span></div>"
    )
    return "".join(parts)


def coverage_details(rows: Sequence[ChapterCoverage], summaries: dict[str, str]) -> str:
    """The requirements this scan's findings touch, then (folded) every requirement the rules
    check, chapter by chapter, those with findings highlighted."""

    def chip(rid: str, hit: bool) -> str:
        return (
            f'<span class="chip{" hit" if hit else ""}" title="{_e(summaries.get(rid, ""))}">{_e(rid)}</span>'
        )

    touched = sorted({rid for row in rows for rid in row.touched}, key=_id_key)
    parts = [
        f"<h3>Requirements touched by findings ({len(touched)})</h3>",
        f'<div class="chips">{"".join(chip(rid, True) for rid in touched)}</div>'
        if touched
        else '<p class="note">None: no finding maps to an ASVS requirement.</p>',
    ]
    chapters = []
    for row in rows:
        ids = sorted({*row.checkable, *row.touched}, key=_id_key)
        if not ids:
            continue
        ch = row.chapter
        chapters.append(
            f"<div><b>{_e(ch.id)} {_e(ch.name)}</b> "
            f'<span class="note">{len(row.touched)} touched, {len(row.checkable)} checked of '
            f"{ch.requirement_count}</span>"
            f'<div class="chips">{"".join(chip(rid, rid in row.touched) for rid in ids)}</div></div>'
        )
    total_checked = sum(len(r.checkable) for r in rows)
    total = sum(r.chapter.requirement_count for r in rows)
    parts.append(
        f"<details><summary>Requirements vsguard rules check: {total_checked} of {total} in ASVS "
        f"5.0.0</summary>{''.join(chapters)}</details>"
    )
    return "".join(parts)


def _id_key(req_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in req_id.lstrip("V").split(".") if p.isdigit())
