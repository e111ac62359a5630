"""Run a gold set through a pipeline in-process and write results, summary and reports.

The naober pipeline is the exact code path of ``naober ask --json`` (rag.service.answer and
rag.serialize.answer_dict), with the index opened once for the whole run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals.aggregate import summarise
from evals.gold import GoldItem, GoldSet, load_gold
from evals.metrics import Sources, failure_reasons, item_metrics
from naober.settings import Settings

AskFn = Callable[[GoldItem], dict[str, Any]]
PIPELINES = ("naober", "naive")


@dataclass(frozen=True, slots=True)
class EvalRun:
    out_dir: Path
    summary: dict[str, Any]
    rows: tuple[dict[str, Any], ...]
    errors: tuple[str, ...]  # malformed gold lines


def audience(item: GoldItem) -> str:
    """Residents get the short inwoner answer; professionals and evaluators the longer one."""
    return "inwoner" if item.persona == "inwoner" else "professional"


def make_pipeline(name: str, settings: Settings, k: int) -> tuple[AskFn, Sources]:
    if name == "naober":
        from rag.llm import llm_for
        from rag.runtime import load_index
        from rag.serialize import answer_dict
        from rag.service import answer

        index = load_index(settings)
        llm = llm_for(settings)  # None unless NAOBER_LLM / --llm names a chat model

        def ask(item: GoldItem) -> dict[str, Any]:
            a = answer(item.question, index=index, settings=settings, k=k, audience=audience(item), llm=llm)
            return answer_dict(a)

        return ask, Sources(settings.corpus_dir, index)
    if name == "naive":
        from evals.naive import NaivePipeline

        naive = NaivePipeline(settings)
        return (lambda item: naive.ask(item.question, k)), Sources(settings.corpus_dir)
    raise ValueError(f"onbekende pipeline {name!r}; kies uit {', '.join(PIPELINES)}")


def evaluate_item(item: GoldItem, ask: AskFn, k: int, sources: Sources) -> dict[str, Any]:
    """One results.jsonl row: the ask JSON, the gold labels, the metric values, why it failed."""
    try:
        result = ask(item)
    except ValueError as exc:  # QuestionError and friends: recorded, the run goes on
        result = {
            "question": item.question,
            "answer": "",
            "refused": True,
            "citations": [],
            "passages": [],
            "timings_ms": {},
            "error": str(exc),
        }
    m = item_metrics(item, result, k, sources)
    reasons = failure_reasons(item, result, m)
    return {
        "id": item.id,
        "persona": item.persona,
        "kind": item.kind,
        "split": item.split,
        "gold": item.model_dump(),
        **result,
        "metrics": m,
        "failed": bool(reasons),
        "reasons": reasons,
    }


def run_eval(
    gold_path: Path,
    out_dir: Path,
    *,
    settings: Settings,
    k: int = 5,
    pipeline: str = "naober",
    split: str = "all",
    baseline: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> EvalRun:
    """Evaluate every gold item, then write results.jsonl, summary.json, report.md, report.html."""
    from evals.report import write_reports

    gold: GoldSet = load_gold(gold_path, split)
    ask, sources = make_pipeline(pipeline, settings, k)
    rows = []
    for i, item in enumerate(gold.items):
        rows.append(evaluate_item(item, ask, k, sources))
        if progress:
            progress(i + 1, len(gold.items))
    meta = {
        "gold": str(gold_path),
        "pipeline": pipeline,
        "k": k,
        "split": split,
        "embedder": settings.embedder,
        "llm": settings.llm,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "gold_errors": [str(e) for e in gold.errors],
    }
    summary = summarise(rows, meta)
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (out_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    base = load_summary(baseline) if baseline else None
    write_reports(out_dir, summary, rows, base)
    return EvalRun(out_dir, summary, tuple(rows), tuple(str(e) for e in gold.errors))


def load_summary(out_dir: Path) -> dict[str, Any]:
    """A previous run's summary.json (``--baseline DIR``)."""
    path = out_dir / "summary.json" if out_dir.is_dir() else out_dir
    return dict(json.loads(path.read_text(encoding="utf-8")))
