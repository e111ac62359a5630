"""Corpus changes requested over the admin API: add an upload, remove a document, as background jobs.

The file lands in ``settings.corpus_dir`` (its title/year/theme in ``sources.toml``) inside the
job, then the ordinary incremental ingest runs; its manifest write is the commit point. A removed
file is kept under ``data_dir/removed/``.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

from api.errors import ApiError
from api.jobs import JobStore, Progress, run
from api.uploads import Upload
from ingest.embed import embedder_for
from ingest.models import IngestReport
from ingest.pipeline import ingest_corpus
from ingest.store import Manifest, atomic_write
from naober.settings import Settings

SOURCES = "sources.toml"


def _sources_blocks(corpus_dir: Path) -> list[str]:
    path = corpus_dir / SOURCES
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    head, *rest = text.split("[[document]]")
    return [head] + [f"[[document]]{b}" for b in rest]


def _block_file(block: str) -> str | None:
    try:
        docs = tomllib.loads(block).get("document", [])
    except tomllib.TOMLDecodeError:
        return None
    return docs[0].get("file") if docs else None


def set_source(corpus_dir: Path, file: str, entry: dict[str, Any] | None) -> None:
    """Replace (or with ``entry=None`` drop) the sources.toml entry of ``file``; other text is kept."""
    head, *blocks = _sources_blocks(corpus_dir)
    kept = [b for b in blocks if _block_file(b) != file]
    if entry:
        body = "".join(f"{k} = {json.dumps(v)}\n" for k, v in entry.items() if v not in (None, ""))
        kept.append(f"[[document]]\n{body}")
    text = head + "".join(b if b.endswith("\n\n") else b.rstrip("\n") + "\n\n" for b in kept)
    if text.strip() or (corpus_dir / SOURCES).exists():
        atomic_write(corpus_dir / SOURCES, text.rstrip("\n").encode("utf-8") + b"\n")


def _ingest(settings: Settings, progress: Progress) -> IngestReport:
    return ingest_corpus(settings, embedder_for(settings), progress=progress)


def submit_upload(settings: Settings, store: JobStore, up: Upload) -> dict[str, Any]:
    replaces = (settings.corpus_dir / up.name).exists()
    job = store.create("ingest", file=up.name, doc_id=up.doc_id, bytes=len(up.data), pages=up.pages,
                       replaces=replaces)

    def work(progress: Progress) -> IngestReport:
        entry = {"file": up.name, "title": up.meta.title, "year": up.meta.year, "kind": up.meta.kind}
        set_source(settings.corpus_dir, up.name, entry)
        atomic_write(settings.corpus_dir / up.name, up.data)
        return _ingest(settings, progress)

    def judge(rep: IngestReport) -> str | None:
        if up.name in rep.failed:
            return rep.failed[up.name]
        return None if up.name in rep.added or up.name in rep.unchanged else "het document is niet opgenomen"

    run(store, job, work, judge)
    return job


def submit_delete(settings: Settings, store: JobStore, doc_id: str) -> dict[str, Any]:
    manifest = Manifest.read(settings.data_dir)
    docs = manifest.docs if manifest else {}
    found = [d for d in docs if d == doc_id or (len(doc_id) >= 8 and d.startswith(doc_id))]
    if len(found) != 1:
        raise ApiError(404, "document_not_found", f"geen document met id {doc_id!r}",
                       f"No document with id {doc_id!r}; GET /api/v1/documents lists them.")
    file = docs[found[0]]["file"]
    job = store.create("delete", file=file, doc_id=found[0])

    def work(progress: Progress) -> IngestReport:
        src = settings.corpus_dir / file
        if src.exists():
            (settings.data_dir / "removed").mkdir(parents=True, exist_ok=True)
            shutil.move(src, settings.data_dir / "removed" / file)
        set_source(settings.corpus_dir, file, None)
        return _ingest(settings, progress)

    def judge(rep: IngestReport) -> str | None:
        return None if file in rep.removed else "het document staat nog in de index"

    run(store, job, work, judge)
    return job
