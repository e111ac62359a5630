"""``naober serve``: API + UI in one process (or N worker processes) under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="adres om op te luisteren")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="poort")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="aantal werkprocessen")] = 1,
) -> None:
    """Start de API (/api/v1, /v1, /docs) en de website (/) op http://HOST:PORT."""
    import uvicorn

    typer.echo(f"Naober draait op http://{host}:{port}  (API-documentatie: /docs)", err=True)
    uvicorn.run("api.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                access_log=False, log_level="info")
