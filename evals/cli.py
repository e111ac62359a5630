"""``naober eval``: run a gold set in-process with a progress bar and write the reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from evals.metrics import METRICS

err = Console(stderr=True)
THRESHOLDS = Path(__file__).with_name("thresholds.toml")


def eval_command(
    gold: Annotated[Path, typer.Option("--gold", help="gold-set JSONL", exists=True, dir_okay=False)],
    out: Annotated[Path, typer.Option("--out", help="map voor results.jsonl, summary.json en rapporten")] = Path("out"),
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="aantal passages voor hit@k en het antwoord")] = 5,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="map van een eerdere run")] = None,
    pipeline: Annotated[str, typer.Option("--pipeline", help="naober of naive")] = "naober",
    split: Annotated[str, typer.Option("--split", help="all, tune of holdout")] = "all",
    gate: Annotated[bool, typer.Option("--gate", help="exit 1 als een metric buiten de drempels valt")] = False,
    thresholds: Annotated[
        Path, typer.Option("--thresholds", help="drempels voor --gate", exists=True, dir_okay=False)
    ] = THRESHOLDS,
    llm: Annotated[
        str | None, typer.Option("--llm", help="generatief: ollama:<model>, openai:<model> of llamacpp:<pad.gguf>")
    ] = None,
) -> None:
    """Meet de antwoordkwaliteit op een set gold-vragen (offline, deterministisch)."""
    from evals.gate import load_thresholds, violations
    from evals.run import PIPELINES, run_eval
    from naober.settings import get_settings

    if pipeline not in PIPELINES:
        raise typer.BadParameter(f"kies uit {', '.join(PIPELINES)}", param_hint="--pipeline")
    if split not in ("all", "tune", "holdout"):
        raise typer.BadParameter("kies uit all, tune, holdout", param_hint="--split")
    if baseline is not None and not (baseline / "summary.json").exists():
        raise typer.BadParameter(f"geen summary.json in {baseline}", param_hint="--baseline")
    with Progress(
        TextColumn("eval {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as bar:
        task = bar.add_task(pipeline, total=None)
        run = run_eval(
            gold,
            out,
            settings=get_settings().model_copy(update={"llm": llm}) if llm else get_settings(),
            k=k,
            pipeline=pipeline,
            split=split,
            baseline=baseline,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    for e in run.errors:
        err.print(f"[yellow]Overgeslagen gold-regel[/] {e}")
    _print_summary(run.summary)
    err.print(f"Rapport: {out / 'report.html'}")
    if gate and (problems := violations(run.summary, load_thresholds(thresholds))):
        for p in problems:
            err.print(f"[red]onder drempel:[/] {p}")
        raise typer.Exit(1)


def _print_summary(summary: dict[str, object]) -> None:
    overall = summary["overall"]
    assert isinstance(overall, dict)
    t = Table(title=f"n={summary['n']}")
    t.add_column("metric")
    t.add_column("waarde", justify="right")
    for name, (label, _) in METRICS.items():
        v = overall.get(name)
        t.add_row(label, "–" if v is None else f"{v:.3f}")
    Console().print(t)
