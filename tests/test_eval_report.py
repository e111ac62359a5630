"""Reports from hand-made rows: self-contained, escaped, with charts, failures and baseline deltas."""

from __future__ import annotations

import json
import re

from evals.aggregate import summarise
from evals.report import render_md, write_reports
from evals.report_html import render_html


def rows() -> list[dict]:
    evil = "<script>alert(1)</script> & ‘quotes’"
    passage = {
        "rank": 1,
        "file": "doc.txt",
        "section": evil,
        "text": "De GGD Drenthe is trekker.",
        "score": 0.1,
        "dense": 0.9,
    }
    return [
        {
            "id": "q1",
            "persona": "inwoner",
            "kind": "fact",
            "split": "tune",
            "question": evil,
            "answer": evil,
            "passages": [passage],
            "timings_ms": {"embed": 5.0, "retrieve": 9.0, "compose": 2.0, "total": 16.0},
            "gold": {"answer": "ref", "key_facts": ["GGD"], "quotes": ["GGD Drenthe"], "doc": ["doc.txt"]},
            "metrics": {"hit_at_k": 1.0, "key_fact_recall": 0.0},
            "failed": True,
            "reasons": ["key facts ontbreken"],
        },
        {
            "id": "q2",
            "persona": "evaluator",
            "kind": "unanswerable",
            "split": "holdout",
            "question": "Wat?",
            "answer": "",
            "passages": [],
            "timings_ms": {"total": 40.0},
            "gold": {},
            "metrics": {"refusal_accuracy": 1.0},
            "failed": False,
            "reasons": [],
        },
    ]


def summary(hit: float = 1.0) -> dict:
    r = rows()
    r[0]["metrics"]["hit_at_k"] = hit
    return summarise(
        r,
        {
            "gold": "dev.jsonl",
            "pipeline": "naober",
            "k": 5,
            "split": "all",
            "created": "now",
            "gold_errors": ["regel 3: geen geldige JSON"],
        },
    )


def test_html_is_self_contained_escaped_and_has_charts_and_failures():
    html = render_html(summary(), rows(), None)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert not re.search(r"""(src|href)=["']?https?:""", html) and "<link" not in html
    assert html.count("<svg") >= 10  # per kind and persona, latency histogram
    assert "q1" in html and "key facts ontbreken" in html and "✓ gold" in html
    assert "regel 3" in html and "q2" not in html.split("Failing questions")[1]


def test_baseline_shows_current_baseline_and_delta(tmp_path):
    base = summary(hit=0.0)
    md = render_md(summary(), rows(), base)
    assert "| hit@5 | 1.000 | 0.000 | +1.000 |" in md
    html = render_html(summary(), rows(), base)
    assert "Current vs baseline" in html and "+1.000" in html and "class='num up'" in html
    write_reports(tmp_path, summary(), rows(), base)
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("## Naober eval")
    assert json.dumps(summary())  # summary is plain JSON


def test_markdown_lists_failures_and_escapes_table_pipes():
    md = render_md(summary(), rows(), None)
    assert "### Failures (1 of 2)" in md and "**q1**" in md
    assert "### By split" in md and "| tune | 1 |" in md
