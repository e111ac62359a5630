"""Incremental, atomic ingest of a corpus folder into the index.

Unchanged documents (same sha256) keep their chunks and are never re-embedded; chunks already in
Chroma from an interrupted run are not embedded again; the manifest is written last, so a crash
at any point leaves the previous index fully usable.
"""

from __future__ import annotations

import fcntl
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ingest.catalog_store import build_catalog, doc_from_store
from ingest.chunk import chunk_document
from ingest.embed import Embedder
from ingest.load import LoadError, corpus_files, load_file, load_sources, meta_for
from ingest.models import Chunk, IngestReport, ParsedDoc, sha256_hex
from ingest.sentence_store import SentenceVectors, embed_sentences
from ingest.store import (
    Manifest,
    atomic_write,
    chroma_client,
    doc_text_path,
    get_collection,
    read_chunks,
    write_chunks,
)
from naober.settings import Settings

Progress = Callable[[str, int, int], None]  # (stage, done, total)
EMBED_BATCH = 32


class IngestBusyError(Exception):
    pass


@contextmanager
def ingest_lock(data_dir: Path) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / ".ingest.lock").open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IngestBusyError("er loopt al een ingest op deze data-map") from exc
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _noop(stage: str, done: int, total: int) -> None:
    return None


def ingest_corpus(
    settings: Settings,
    embedder: Embedder,
    files: list[Path] | None = None,
    *,
    rebuild: bool = False,
    progress: Progress = _noop,
    client: Any = None,
) -> IngestReport:
    t0 = time.perf_counter()
    with ingest_lock(settings.data_dir):
        old = Manifest.read(settings.data_dir)
        signature = settings.chunking.signature()
        compatible = old is not None and not rebuild and old.embedder_id == embedder.id and old.chunking == signature
        old_chunks = read_chunks(settings.data_dir, old.chunks_file) if old and compatible else []
        files = corpus_files(settings.corpus_dir) if files is None else files
        sources = load_sources(settings.corpus_dir)
        docs, chunks, report = _collect(settings, files, sources, old if compatible else None, old_chunks, progress)
        client = client or chroma_client(settings)
        name = (
            old.collection
            if (old and compatible)
            else f"naober-{sha256_hex(embedder.id + signature)[:10]}-{secrets.token_hex(3)}"
        )
        collection = get_collection(client, name, embedder, {"embedder": embedder.id, "chunking": signature})
        embedded = _embed_missing(collection, embedder, chunks, progress)
        sentences_file, sentences_embedded = _sentence_vectors(settings, embedder, old, chunks, progress)
        catalog_file = build_catalog(settings.data_dir, _stored_docs(settings, docs))
        manifest = Manifest(
            catalog_file=catalog_file,
            sentences_file=sentences_file,
            embedder_key=settings.embedder,
            embedder_id=embedder.id,
            chunking=signature,
            collection=name,
            chunks_file=write_chunks(settings.data_dir, sha256_hex("".join(c.chunk_id for c in chunks))[:16], chunks),
            docs=docs,
        )
        manifest.write(settings.data_dir)  # the commit point
        _collect_garbage(settings, client, collection, old, manifest, chunks)
    new_files = {d["file"] for d in docs.values()}
    removed = tuple(sorted(d["file"] for d in (old.docs.values() if old else []) if d["file"] not in new_files))
    return IngestReport(
        added=report["added"],
        unchanged=report["unchanged"],
        removed=removed,
        failed=report["failed"],
        warnings=report["warnings"],
        chunks_total=len(chunks),
        chunks_embedded=embedded,
        sentences_embedded=sentences_embedded,
        seconds=time.perf_counter() - t0,
        per_doc=report["per_doc"],
    )


def _collect(
    settings: Settings,
    files: list[Path],
    sources: dict[str, Any],
    old: Manifest | None,
    old_chunks: list[Chunk],
    progress: Progress,
) -> tuple[dict[str, dict[str, Any]], list[Chunk], dict[str, Any]]:
    by_doc: dict[str, list[Chunk]] = {}
    for c in old_chunks:
        by_doc.setdefault(c.doc_id, []).append(c)
    old_by_file = {d["file"]: k for k, d in (old.docs.items() if old else [])}
    docs: dict[str, dict[str, Any]] = {}
    chunks: list[Chunk] = []
    rep: dict[str, Any] = {"added": [], "unchanged": [], "failed": {}, "warnings": {}, "per_doc": {}}
    for i, path in enumerate(files):
        progress("lezen", i, len(files))
        meta = meta_for(path, sources)
        try:
            doc_id = sha256_hex(path.read_bytes())
        except OSError as exc:
            rep["failed"][path.name] = f"kan bestand niet lezen ({exc.strerror})"
            continue
        if old and doc_id in old.docs and doc_id in by_doc:
            docs[doc_id] = {**old.docs[doc_id], **_meta_dict(meta)}
            chunks += by_doc[doc_id]
            rep["unchanged"].append(path.name)
            continue
        try:
            doc = load_file(path, meta)
            doc_chunks = chunk_document(doc, settings.chunking)
        except LoadError as exc:
            rep["failed"][path.name] = str(exc)
            prev = old_by_file.get(path.name)
            if prev and prev in by_doc:  # keep the last good version rather than lose it
                docs[prev], chunks = old.docs[prev], chunks + by_doc[prev]  # type: ignore[union-attr]
            continue
        _store_text(settings, doc)
        docs[doc.doc_id] = _doc_entry(doc, doc_chunks)
        chunks += doc_chunks
        rep["added"].append(path.name)
        if doc.warnings:
            rep["warnings"][path.name] = doc.warnings
        rep["per_doc"][path.name] = {
            "chunks": len(doc_chunks),
            "pages": len(doc.page_starts) or None,
            "lines": None if doc.is_paged else doc.text.count("\n") + 1,
        }
    progress("lezen", len(files), len(files))
    rep = {k: tuple(v) if isinstance(v, list) else v for k, v in rep.items()}
    return docs, chunks, rep


def _stored_docs(settings: Settings, docs: dict[str, dict[str, Any]]) -> list[ParsedDoc]:
    return [
        doc_from_store(doc_id, d, doc_text_path(settings.data_dir, doc_id).read_text(encoding="utf-8"))
        for doc_id, d in docs.items()
    ]


def _meta_dict(meta: Any) -> dict[str, Any]:
    return {"file": meta.file, "title": meta.title, "publisher": meta.publisher, "year": meta.year, "kind": meta.kind}


def _doc_entry(doc: ParsedDoc, chunks: list[Chunk]) -> dict[str, Any]:
    return {
        **_meta_dict(doc.meta),
        "chunks": len(chunks),
        "pages": len(doc.page_starts) or None,
        "lines": None if doc.is_paged else doc.text.count("\n") + 1,
        "chars": len(doc.text),
        "warnings": list(doc.warnings),
    }


def _store_text(settings: Settings, doc: ParsedDoc) -> None:
    path = doc_text_path(settings.data_dir, doc.doc_id)
    if not path.exists():
        atomic_write(path, doc.text.encode("utf-8"))


def _embed_missing(collection: Any, embedder: Embedder, chunks: list[Chunk], progress: Progress) -> int:
    ids = [c.chunk_id for c in chunks]
    present: set[str] = set()
    for i in range(0, len(ids), 1000):
        present |= set(collection.get(ids=ids[i : i + 1000], include=[])["ids"])
    todo = [c for c in chunks if c.chunk_id not in present]
    for i in range(0, len(todo), EMBED_BATCH):
        progress("embedden", i, len(todo))
        batch = todo[i : i + EMBED_BATCH]
        vecs = embedder.embed_documents([c.embedding_text() for c in batch])
        collection.upsert(
            ids=[c.chunk_id for c in batch],
            embeddings=[v.tolist() for v in vecs],
            documents=[c.text for c in batch],
            metadatas=[{"doc_id": c.doc_id, "file": c.file, "year": c.year or 0, "kind": c.kind} for c in batch],
        )
    progress("embedden", len(todo), len(todo))
    return len(todo)


def _sentence_vectors(
    settings: Settings, embedder: Embedder, old: Manifest | None, chunks: list[Chunk], progress: Progress
) -> tuple[str, int]:
    if not settings.sentence_vectors:
        return "", 0
    previous = SentenceVectors.read(settings.data_dir, old.sentences_file if old else "", embedder.id)
    texts: dict[str, str] = {}

    def doc_text(doc_id: str) -> str:
        if doc_id not in texts:
            texts[doc_id] = doc_text_path(settings.data_dir, doc_id).read_text(encoding="utf-8")
        return texts[doc_id]

    vectors, embedded = embed_sentences(chunks, doc_text, embedder, previous, progress)
    return vectors.write(settings.data_dir, embedder.id), embedded


def _collect_garbage(
    settings: Settings, client: Any, collection: Any, old: Manifest | None, new: Manifest, chunks: list[Chunk]
) -> None:
    """After the commit: drop what the new manifest no longer names. Failures here are harmless."""
    try:
        if old and old.collection != new.collection:
            client.delete_collection(old.collection)
        keep = {c.chunk_id for c in chunks}
        stale = [i for i in collection.get(include=[])["ids"] if i not in keep]
        for i in range(0, len(stale), 1000):
            collection.delete(ids=stale[i : i + 1000])
        if old and old.chunks_file != new.chunks_file:
            (settings.data_dir / old.chunks_file).unlink(missing_ok=True)
        for attr in ("catalog_file", "sentences_file"):
            before, now = (getattr(old, attr) if old else ""), getattr(new, attr)
            if before and before != now:
                (settings.data_dir / before).unlink(missing_ok=True)
        live = set(new.docs)
        for p in (settings.data_dir / "docs").glob("*.txt"):
            if p.stem not in live:
                p.unlink(missing_ok=True)
        for p in (settings.data_dir / "sentences").glob("*.npz"):  # also those of a crashed run
            if f"sentences/{p.name}" != new.sentences_file:
                p.unlink(missing_ok=True)
    except Exception:
        return
