"""report.md for pull requests, and the shared table logic report.html builds on.

With a baseline summary every metric reads current / baseline / delta.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evals.aggregate import STAGES, delta
from evals.metrics import METRICS

HEADLINE = ("hit_at_k", "mrr_at_10", "key_fact_recall", "refusal_accuracy", "false_refusal")
MAX_FAILURES_MD = 40


def fmt(v: float | None) -> str:
    if v is None:
        return "–"
    return f"{v:.3f}" if abs(v) <= 1.0 else f"{v:.1f}"


def fmt_delta(d: float | None) -> str:
    return "–" if d is None else f"{d:+.3f}" if abs(d) <= 1.0 else f"{d:+.1f}"


def metric_rows(
    summary: dict[str, Any], base: dict[str, Any] | None, section: str = "overall", key: str | None = None
) -> list[tuple[str, float | None, float | None, float | None]]:
    """(label, current, baseline, delta) for every metric of a section (overall or one bucket)."""
    cur = summary[section] if key is None else summary[section].get(key, {})
    old = (base.get(section, {}) if key is None else base.get(section, {}).get(key, {})) if base else {}
    rows = []
    for name, (label, _) in METRICS.items():
        label = label.replace("@k", f"@{summary['meta'].get('k', 5)}")
        rows.append((label, cur.get(name), old.get(name), delta(cur.get(name), old.get(name))))
    return rows


def failing(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if r.get("failed")]


def _md_table(header: list[str], body: list[list[str]]) -> list[str]:
    esc = [[c.replace("|", "\\|").replace("\n", " ") for c in row] for row in body]
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *("| " + " | ".join(r) + " |" for r in esc)]


def render_md(summary: dict[str, Any], rows: list[dict[str, Any]], base: dict[str, Any] | None) -> str:
    meta = summary["meta"]
    out = [
        f"## Naober eval: {meta['pipeline']} on {Path(meta['gold']).name} "
        f"(split {meta['split']}, n={summary['n']}, k={meta['k']})",
        "",
    ]
    if meta.get("gold_errors"):
        out += ["**Malformed gold lines (skipped):** " + "; ".join(meta["gold_errors"]), ""]
    header = ["metric", "current"] + (["baseline", "delta"] if base else [])
    body = [[lab, fmt(c)] + ([fmt(b), fmt_delta(d)] if base else []) for lab, c, b, d in metric_rows(summary, base)]
    out += [*_md_table(header, body), ""]
    for group in ("split", "persona", "kind"):
        out += [f"### By {group}", ""]
        cols = [METRICS[m][0] for m in HEADLINE]
        body = [[k, str(v["n"]), *(fmt(v.get(m)) for m in HEADLINE)] for k, v in summary[f"by_{group}"].items()]
        out += [*_md_table([group, "n", *cols], body), ""]
    lat = summary["latency_ms"]
    out += ["### Latency (ms)", ""]
    out += [*_md_table(["stage", "p50", "p95"], [[s, fmt(lat[s]["p50"]), fmt(lat[s]["p95"])] for s in STAGES]), ""]
    fails = failing(rows)
    out += [f"### Failures ({len(fails)} of {len(rows)})", ""]
    for r in fails[:MAX_FAILURES_MD]:
        top = r.get("passages", [])[:3]
        where = "; ".join(f"{p.get('file')} › {p.get('section') or '–'}" for p in top) or "geen passages"
        out.append(
            f"- **{r['id']}** ({r['persona']}, {r['kind']}): {r['question']}  \n"
            f"  {', '.join(r['reasons'])}. Top passages: {where}"
        )
    if len(fails) > MAX_FAILURES_MD:
        out.append(f"- … and {len(fails) - MAX_FAILURES_MD} more (see report.html)")
    return "\n".join(out) + "\n"


def write_reports(
    out_dir: Path, summary: dict[str, Any], rows: list[dict[str, Any]], base: dict[str, Any] | None
) -> None:
    from evals.report_html import render_html

    (out_dir / "report.md").write_text(render_md(summary, rows, base), encoding="utf-8")
    (out_dir / "report.html").write_text(render_html(summary, rows, base), encoding="utf-8")
