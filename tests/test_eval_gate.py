"""The CI gate: the dev set and the ten blind sets through the real naober pipeline on the full
corpus index, in-process.

Fails listing every metric below its minimum in evals/thresholds*.toml. The report stays in the
test's tmp dir (the path is printed) so a failing run can be inspected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.gate import load_thresholds, violations
from evals.run import run_eval
from naober.settings import Settings

EVALS = Path(__file__).resolve().parents[1] / "evals"


@pytest.mark.parametrize(
    ("gold", "bounds", "least"),
    [
        ("dev.jsonl", "thresholds.toml", 100),
        ("fresh.jsonl", "thresholds-fresh.toml", 60),
        ("fresh2.jsonl", "thresholds-fresh2.toml", 48),
        ("fresh3.jsonl", "thresholds-fresh3.toml", 45),
        ("fresh4.jsonl", "thresholds-fresh4.toml", 45),
        ("fresh5.jsonl", "thresholds-fresh5.toml", 45),
        ("fresh6.jsonl", "thresholds-fresh6.toml", 45),
        ("fresh7.jsonl", "thresholds-fresh7.toml", 45),
        ("fresh8.jsonl", "thresholds-fresh8.toml", 45),
        ("fresh9.jsonl", "thresholds-fresh9.toml", 45),
        ("fresh10.jsonl", "thresholds-fresh10.toml", 45),
    ],
)
def test_gold_set_meets_thresholds(full_settings: Settings, tmp_path: Path, gold: str, bounds: str, least: int) -> None:
    out = tmp_path / "eval"
    run = run_eval(EVALS / gold, out, settings=full_settings, k=5, pipeline="naober")
    assert not run.errors
    assert run.summary["n"] >= least
    for name in ("results.jsonl", "summary.json", "report.md", "report.html"):
        assert (out / name).stat().st_size > 0, name
    problems = violations(run.summary, load_thresholds(EVALS / bounds))
    assert not problems, f"eval below thresholds (report: {out / 'report.html'}):\n" + "\n".join(problems)
