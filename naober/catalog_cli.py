"""``naober catalog``: the sociale kaart in the terminal, as JSON, or as a CSV file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from naober.settings import get_settings

console = Console()
err = Console(stderr=True)


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _table(listing: dict[str, Any]) -> Table:
    """One row a record; long fields shortened (``--json`` and the API give them in full)."""
    t = Table(title=f"Sociale kaart: {listing['count']} inspanningen", show_lines=True)
    t.add_column("titel", ratio=3, min_width=16)
    t.add_column("thema", ratio=2, min_width=10)
    for col in ("initiatiefnemer", "planning", "financiering"):
        t.add_column(col, ratio=2, min_width=12)
    t.add_column("bron", ratio=2, min_width=12, overflow="fold")
    t.add_column("id", no_wrap=True)
    for r in listing["initiatives"]:
        src = r["source"]
        where = f"p. {src['page']}" if src["page"] else f"r. {src['line_start']}-{src['line_end']}"
        t.add_row(
            r["title"],
            r["theme"],
            _short(r["initiatiefnemer"]),
            _short(r["planning"]),
            _short(r["financing"]),
            f"{src['file']} {where}",
            r["id"],
        )
    return t


def catalog_command(
    theme: Annotated[str, typer.Option("--theme", help="deel van de themanaam, bv. 'mentale'")] = "",
    org: Annotated[str, typer.Option("--org", help="initiatiefnemer of betrokken partij")] = "",
    q: Annotated[str, typer.Option("--q", help="woorden in titel, toelichting of thema")] = "",
    doc: Annotated[str, typer.Option("--doc", help="alleen dit document (bestandsnaam of titel)")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="de lijst als JSON (zoals de API)")] = False,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="schrijf de lijst als CSV naar dit bestand")] = None,
) -> None:
    """Toon de inspanningen en initiatieven uit de documenten (de sociale kaart), met hun bron."""
    from api import initiatives
    from api.errors import ApiError
    from ingest.store import NaoberIndexError
    from rag.runtime import load_index

    try:
        index = load_index(get_settings())
        listing = initiatives.listing(index, theme=theme, q=q, org=org, doc=doc)
        if csv_file is not None:
            csv_file.write_text(initiatives.csv_text(index, theme=theme, q=q, org=org, doc=doc), encoding="utf-8")
    except (ApiError, NaoberIndexError, OSError) as exc:
        err.print(f"[red]Fout:[/] {exc.message if isinstance(exc, ApiError) else exc}")
        raise typer.Exit(2) from exc
    if as_json:
        sys.stdout.write(json.dumps(listing, ensure_ascii=False, indent=1) + "\n")
    elif csv_file is not None:
        err.print(f"{listing['count']} inspanningen geschreven naar {csv_file}")
    else:
        console.print(_table(listing))
