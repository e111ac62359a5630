"""The CI gate: the dev set through the real naober pipeline on the full corpus index, in-process.

Fails listing every metric below its minimum in evals/thresholds.toml. The report stays in the
test's tmp dir (the path is printed) so a failing run can be inspected.
"""

from __future__ import annotations

from pathlib import Path

from evals.gate import load_thresholds, violations
from evals.run import run_eval
from naober.settings import Settings

DEV = Path(__file__).resolve().parents[1] / "evals" / "dev.jsonl"


def test_dev_set_meets_thresholds(full_settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "eval"
    run = run_eval(DEV, out, settings=full_settings, k=5, pipeline="naober")
    assert not run.errors
    assert run.summary["n"] >= 100
    for name in ("results.jsonl", "summary.json", "report.md", "report.html"):
        assert (out / name).stat().st_size > 0, name
    problems = violations(run.summary, load_thresholds())
    assert not problems, f"eval below thresholds (report: {out / 'report.html'}):\n" + "\n".join(problems)
