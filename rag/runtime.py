"""Open the committed index once per process (readers share it; ingest swaps the manifest)."""

from __future__ import annotations

import threading

from ingest.embed import embedder_for
from ingest.store import Index, Manifest, open_index
from naober.settings import Settings

_LOCK = threading.Lock()
_OPEN: dict[str, tuple[str, Index]] = {}


def load_index(settings: Settings) -> Index:
    """The current index; reopened when a newer manifest has been committed."""
    key = f"{settings.data_dir.resolve()}|{settings.chroma_url}"
    manifest = Manifest.read(settings.data_dir)
    stamp = manifest.chunks_file + (manifest.collection if manifest else "") if manifest else ""
    with _LOCK:
        cached = _OPEN.get(key)
        if cached and cached[0] == stamp:
            return cached[1]
        index = open_index(settings, embedder_for(settings))
        _OPEN[key] = (stamp, index)
        return index
