"""report.html: one self-contained page (inline CSS and SVG, no scripts, no network).

Headline table, charts per kind and persona, latency distribution, current vs baseline, and the
failing questions with their retrieved passages so a reader sees why each one failed.
"""

from __future__ import annotations

from html import escape
from typing import Any

from evals.charts import bar_chart, histogram
from evals.metrics import METRICS
from evals.normalise import normalise
from evals.report import HEADLINE, failing, fmt, fmt_delta, metric_rows

CSS = """body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1a202c;max-width:1200px}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #e2e8f0;padding:3px 8px;text-align:left;
vertical-align:top}th{background:#edf2f7}.num{text-align:right;font-variant-numeric:tabular-nums}
.up{color:#276749}.down{color:#c53030}svg{margin:6px 12px 6px 0}svg text{font-size:11px;fill:#2d3748}
svg .t{font-size:13px;font-weight:600}svg .na{fill:#a0aec0}.charts{display:flex;flex-wrap:wrap}
details{margin:4px 0}.hit{background:#f0fff4;border-left:3px solid #38a169}.pass{white-space:pre-wrap;
font-size:12px;padding:4px 8px;margin:4px 0;border:1px solid #e2e8f0}.reason{color:#c53030}"""


def render_html(summary: dict[str, Any], rows: list[dict[str, Any]], base: dict[str, Any] | None) -> str:
    meta = summary["meta"]
    title = f"Naober eval: {meta['pipeline']} (split {meta['split']}, n={summary['n']}, k={meta['k']})"
    body = [
        f"<h1>{escape(title)}</h1>",
        f"<p>Gold: {escape(str(meta['gold']))} · {escape(str(meta.get('created', '')))}</p>",
    ]
    if meta.get("gold_errors"):
        items = "".join(f"<li>{escape(e)}</li>" for e in meta["gold_errors"])
        body.append(f"<h2>Malformed gold lines (skipped)</h2><ul>{items}</ul>")
    body += [_headline(summary, base), _charts(summary, base), _latency(summary, rows), _failures(rows)]
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{CSS}</style></head><body>{''.join(body)}</body></html>\n"
    )


def _headline(summary: dict[str, Any], base: dict[str, Any] | None) -> str:
    head = "<tr><th>metric</th><th>current</th>" + ("<th>baseline</th><th>delta</th>" if base else "") + "</tr>"
    trs = []
    for (label, cur, old, d), (_, higher) in zip(metric_rows(summary, base), METRICS.values(), strict=True):
        cells = f"<td>{escape(label)}</td><td class=num>{fmt(cur)}</td>"
        if base:
            good = d is not None and d != 0 and (d > 0) == higher
            cls = "" if not d else ("up" if good else "down")
            cells += f"<td class=num>{fmt(old)}</td><td class='num {cls}'>{fmt_delta(d)}</td>"
        trs.append(f"<tr>{cells}</tr>")
    splits = "".join(
        f"<tr><td>{escape(k)}</td><td class=num>{v['n']}</td>"
        + "".join(f"<td class=num>{fmt(v.get(m))}</td>" for m in HEADLINE)
        + "</tr>"
        for k, v in summary["by_split"].items()
    )
    split_head = "".join(f"<th>{escape(METRICS[m][0])}</th>" for m in HEADLINE)
    return (
        f"<h2>Summary</h2><table>{head}{''.join(trs)}</table>"
        f"<h3>By split</h3><table><tr><th>split</th><th>n</th>{split_head}</tr>{splits}</table>"
    )


def _charts(summary: dict[str, Any], base: dict[str, Any] | None) -> str:
    out = ["<h2>Per kind and persona</h2><div class=charts>"]
    for group in ("kind", "persona"):
        for m in HEADLINE:
            bars = [
                (f"{k} (n={v['n']})", v.get(m), _base_value(base, f"by_{group}", k, m))
                for k, v in summary[f"by_{group}"].items()
            ]
            out.append(bar_chart(f"{METRICS[m][0]} per {group}", bars))
    out.append("</div>")
    if base:
        bars = [
            (label, cur, old)
            for label, cur, old, _ in metric_rows(summary, base)
            if (cur is None or cur <= 1.0) and (old is None or old <= 1.0)
        ]
        out.append(
            "<h2>Current vs baseline</h2><p>Blue: current, grey: baseline "
            f"({escape(str(base.get('meta', {}).get('pipeline', '')))}).</p>"
        )
        out.append(bar_chart("overall", bars))
    return "".join(out)


def _base_value(base: dict[str, Any] | None, section: str, key: str, metric: str) -> float | None:
    return base.get(section, {}).get(key, {}).get(metric) if base else None


def _latency(summary: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    lat = summary["latency_ms"]
    trs = "".join(
        f"<tr><td>{escape(s)}</td><td class=num>{fmt(v['p50'])}</td><td class=num>{fmt(v['p95'])}</td></tr>"
        for s, v in lat.items()
    )
    totals = [float(r["timings_ms"]["total"]) for r in rows if "total" in (r.get("timings_ms") or {})]
    return f"<h2>Latency</h2><table><tr><th>stage</th><th>p50 ms</th><th>p95 ms</th></tr>{trs}</table>" + histogram(
        "total latency per question", totals
    )


def _failures(rows: list[dict[str, Any]]) -> str:
    fails = failing(rows)
    out = [f"<h2>Failing questions ({len(fails)} of {len(rows)})</h2>"]
    for r in fails:
        gold = r.get("gold", {})
        reasons = "; ".join(r.get("reasons", []))
        out.append(
            f"<details><summary><b>{escape(r['id'])}</b> [{escape(r['persona'])}, {escape(r['kind'])}] "
            f"{escape(r['question'])} — <span class=reason>{escape(reasons)}</span></summary>"
            f"<table><tr><th>answer</th><td>{escape(r.get('answer', ''))}</td></tr>"
            f"<tr><th>reference</th><td>{escape(gold.get('answer', ''))}</td></tr>"
            f"<tr><th>key facts</th><td>{escape(', '.join(gold.get('key_facts', [])))}</td></tr>"
            f"<tr><th>gold quotes</th><td>{escape(' | '.join(gold.get('quotes', [])))} "
            f"({escape(', '.join(gold.get('doc', [])))})</td></tr></table>{_passages(r)}</details>"
        )
    return "".join(out)


def _passages(r: dict[str, Any]) -> str:
    quotes = [normalise(q) for q in r.get("gold", {}).get("quotes", [])]
    out = []
    for p in r.get("passages", [])[:5]:
        text = normalise(p.get("text", ""))
        hit = any(q and q in text for q in quotes)
        score = p.get("score")
        head = (
            f"#{p.get('rank')} {p.get('file')} › {p.get('section') or '–'} "
            f"(score {score if score is not None else '–'}, dense {p.get('dense')}){' ✓ gold' if hit else ''}"
        )
        out.append(
            f"<div class='pass{' hit' if hit else ''}'><b>{escape(head)}</b>\n{escape(p.get('text', '')[:900])}</div>"
        )
    return "".join(out) or "<p>geen passages</p>"
