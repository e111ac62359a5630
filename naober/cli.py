"""The ``naober`` command: ingest, ask, docs (and serve, eval, catalog as they arrive)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from naober.settings import Settings, get_settings

app = typer.Typer(
    help="Naober: antwoorden uit Drentse zorg- en welzijnsdocumenten, altijd met bron.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)


def _settings(**overrides: object) -> Settings:
    base = get_settings()
    return base.model_copy(update={k: v for k, v in overrides.items() if v is not None})


@app.command()
def ingest(
    path: Annotated[Path | None, typer.Argument(help="corpusmap of bestand (standaard: corpus/)")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="alles opnieuw embedden")] = False,
) -> None:
    """Lees de documenten in en werk de index bij (alleen gewijzigde documenten worden ge-embed)."""
    from ingest.embed import embedder_for
    from ingest.load import corpus_files
    from ingest.pipeline import ingest_corpus

    s = _settings()
    files = None
    if path is not None:
        if path.is_dir():
            s = s.model_copy(update={"corpus_dir": path})
        elif path.is_file():
            s = s.model_copy(update={"corpus_dir": path.parent})
            files = [path, *[p for p in corpus_files(path.parent) if p != path]]
        else:
            err.print(f"[red]Niet gevonden:[/] {path}")
            raise typer.Exit(2)
    embedder = embedder_for(s)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        rep = ingest_corpus(s, embedder, files, rebuild=rebuild, progress=report)
    _print_report(rep)
    if rep.failed and not (rep.added or rep.unchanged):
        raise typer.Exit(1)


def _print_report(rep: object) -> None:
    from ingest.models import IngestReport

    assert isinstance(rep, IngestReport)
    t = Table(title="Ingest")
    for col in ("document", "status", "pagina's/regels", "chunks", "waarschuwingen"):
        t.add_column(col)
    for name in rep.added:
        d = rep.per_doc.get(name, {})
        size = f"{d.get('pages')} p." if d.get("pages") else f"{d.get('lines')} r."
        t.add_row(name, "nieuw/gewijzigd", size, str(d.get("chunks", "")), "; ".join(rep.warnings.get(name, ())))
    for name in rep.unchanged:
        t.add_row(name, "ongewijzigd", "", "", "")
    for name in rep.removed:
        t.add_row(name, "verwijderd", "", "", "")
    for name, why in rep.failed.items():
        t.add_row(name, "[red]mislukt[/]", "", "", why)
    console.print(t)
    embedded = f"{rep.chunks_embedded} ge-embed ({rep.sentences_embedded} zinnen)"
    console.print(f"{rep.chunks_total} chunks, {embedded}, {rep.seconds:.1f} s")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="uw vraag")],
    as_json: Annotated[bool, typer.Option("--json", help="antwoord als JSON")] = False,
    k: Annotated[int | None, typer.Option("--k", help="aantal passages")] = None,
    doc: Annotated[list[str] | None, typer.Option("--doc", help="alleen dit document (bestandsnaam)")] = None,
    year: Annotated[list[int] | None, typer.Option("--year", help="alleen documenten uit dit jaar")] = None,
    theme: Annotated[list[str] | None, typer.Option("--theme", help="alleen dit thema/deze sectie")] = None,
    audience: Annotated[str, typer.Option("--audience", help="inwoner of professional")] = "inwoner",
) -> None:
    """Stel een vraag; het antwoord komt met de passages waar het op steunt."""
    from ingest.store import NaoberIndexError
    from rag.llm import llm_for
    from rag.query import QuestionError
    from rag.runtime import load_index
    from rag.serialize import answer_dict
    from rag.service import answer
    from rag.types import Filters

    s = _settings()
    try:
        index = load_index(s)
        filters = Filters(docs=tuple(doc or ()), years=tuple(year or ()), themes=tuple(theme or ()))
        a = answer(question, index=index, settings=s, k=k, filters=filters, audience=audience, llm=llm_for(s))
    except (QuestionError, NaoberIndexError, ValueError) as exc:
        err.print(f"[red]Fout:[/] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        sys.stdout.write(json.dumps(answer_dict(a), ensure_ascii=False, indent=1) + "\n")
        return
    console.print(a.answer, highlight=False)
    if a.note:
        console.print(f"[yellow]{a.note}[/]", highlight=False)
    for c in a.citations:
        where = f"p. {c.page}" if c.page else f"r. {c.line_start}-{c.line_end}"
        console.print(f"[dim][{c.n}] {c.title} › {c.section} ({c.file}, {where})[/]", highlight=False)
    if a.refused and a.suggestions:
        console.print("Misschien bedoelt u:")
        for h in a.suggestions:
            console.print(f"  • {h.chunk.title} › {h.chunk.section}", highlight=False)


@app.command()
def docs() -> None:
    """Toon welke documenten in de index staan."""
    from ingest.store import Manifest

    s = _settings()
    m = Manifest.read(s.data_dir)
    if m is None:
        err.print("Nog geen index; draai `naober ingest`.")
        raise typer.Exit(1)
    t = Table(title=f"Index ({m.embedder_id})")
    for col in ("bestand", "titel", "jaar", "chunks", "doc_id"):
        t.add_column(col)
    for doc_id, d in sorted(m.docs.items(), key=lambda kv: kv[1]["file"]):
        t.add_row(d["file"], d["title"], str(d.get("year") or ""), str(d.get("chunks", "")), doc_id[:12])
    console.print(t)


from evals.cli import eval_command  # noqa: E402

app.command(name="eval")(eval_command)


from api.cli import serve  # noqa: E402

app.command()(serve)


from naober.catalog_cli import catalog_command  # noqa: E402

app.command(name="catalog")(catalog_command)


if __name__ == "__main__":
    app()
