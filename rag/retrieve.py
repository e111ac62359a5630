"""Dense (Chroma) + lexical (BM25) retrieval, fused by weighted reciprocal rank."""

from __future__ import annotations

import re
import time

import numpy as np

from ingest.models import Chunk
from ingest.store import Index
from naober.settings import RetrievalSettings
from rag.types import Filters, Hit


def _matches(chunk: Chunk, f: Filters, doc_ids: set[str]) -> bool:
    if f.docs and chunk.doc_id not in doc_ids:
        return False
    if f.years and chunk.year not in f.years:
        return False
    if f.themes:
        hay = f"{chunk.theme} {chunk.section}".casefold()
        return any(t.casefold() in hay for t in f.themes)
    return True


def resolve_docs(index: Index, docs: tuple[str, ...]) -> set[str]:
    """Doc filter values may be file names, titles or doc ids; unknown ones raise ValueError."""
    out: set[str] = set()
    for value in docs:
        found = {
            doc_id
            for doc_id, d in index.manifest.docs.items()
            if value in (doc_id, d["file"], d.get("title")) or (doc_id.startswith(value.lower()) and len(value) >= 8)
        }
        if not found:
            raise ValueError(f"onbekend document in filter: {value!r}")
        out |= found
    return out


def retrieve(
    index: Index,
    query: str,
    cfg: RetrievalSettings,
    *,
    n: int = 10,
    k: int | None = None,
    filters: Filters | None = None,
    timings: dict[str, float] | None = None,
) -> list[Hit]:
    f = filters or Filters()
    timings = timings if timings is not None else {}
    doc_ids = resolve_docs(index, f.docs) if f.docs else set()
    t0 = time.perf_counter()
    qvec = index.query_vector(query)
    t1 = time.perf_counter()
    timings["embed"] = (t1 - t0) * 1000
    allowed = np.array([_matches(c, f, doc_ids) for c in index.chunks]) if f else None
    dense = index.dense(qvec, cfg.candidates * (3 if f else 1), sorted(doc_ids) if doc_ids else None)
    dense = [(i, s) for i, s in dense if allowed is None or allowed[i]][: cfg.candidates]
    lex = index.lexical.scores(query)
    if allowed is not None:
        lex = np.where(allowed, lex, -1.0)
    lex_order = [int(i) for i in np.argsort(-lex, kind="stable")[: cfg.candidates] if lex[i] > 0]
    fused: dict[int, float] = {}
    for rank, (i, _) in enumerate(dense):
        fused[i] = fused.get(i, 0.0) + cfg.dense_weight / (cfg.rrf_k + rank + 1)
    for rank, i in enumerate(lex_order):
        fused[i] = fused.get(i, 0.0) + cfg.bm25_weight / (cfg.rrf_k + rank + 1)
    dense_sim = dict(dense)
    if fused:
        missing = [i for i in fused if i not in dense_sim]
        if missing:  # exact cosine for lexical-only candidates, so every hit carries its evidence
            vecs = _vectors(index, missing)
            dense_sim.update({i: float(v @ qvec) for i, v in zip(missing, vecs, strict=True) if v is not None})
    order = sorted(fused, key=lambda i: -fused[i])
    if dense and cfg.dense_guard and dense[0][0] in order[cfg.dense_guard :]:
        _move_up(order, fused, dense[0][0], cfg.dense_guard)
    _show_named_documents(index, query, order, fused, k or cfg.k)
    order = order[:n]
    timings["retrieve"] = (time.perf_counter() - t1) * 1000
    return [
        Hit(
            chunk=index.chunks[i],
            score=round(fused[i], 6),
            dense=dense_sim.get(i),
            lexical=float(lex[i]) if lex[i] > 0 else None,
            rank=r + 1,
        )
        for r, i in enumerate(order)
    ]


def named_documents(index: Index, query: str) -> set[str]:
    """The documents a question names by their kind: "het regioplan", "volgens de IZA-werkagenda",
    not "een toelichting geven"."""
    return {
        d
        for d, meta in index.manifest.docs.items()
        if (kind := str(meta.get("kind", ""))) and re.search(_NAMED_KIND.format(kind=re.escape(kind)), query, re.I)
    }


_NAMED_KIND = r"\b(?:de|het|dit|deze|dat|die)\s+(?:[\w-]+\s+)?(?:\w+-)?{kind}\b"


def _show_named_documents(index: Index, query: str, order: list[int], fused: dict[int, float], k: int) -> None:
    """A document the question names by its kind ("… terug in het regioplan?") has a passage in the
    top k: the best-ranked one moves up to place k, tied with the score it displaces. Without it a
    question about two documents is answered from the one its names match best."""
    for doc_id in sorted(named_documents(index, query)):
        if len(order) <= k or any(index.chunks[i].doc_id == doc_id for i in order[:k]):
            continue
        best = next((i for i in order[k:] if index.chunks[i].doc_id == doc_id), None)
        if best is not None:
            _move_up(order, fused, best, k)


def _move_up(order: list[int], fused: dict[int, float], row: int, place: int) -> None:
    """Put ``row`` at 1-based ``place``, tied with the score it displaces: scores stay in rank order
    for the composer's prior."""
    fused[row] = fused[order[place - 1]]
    order.remove(row)
    order.insert(place - 1, row)


def _vectors(index: Index, rows: list[int]) -> list[np.ndarray | None]:
    if (mat := index.chunk_matrix) is not None:
        return [mat[i] for i in rows]
    ids = [index.chunks[i].chunk_id for i in rows]
    got = index.collection.get(ids=ids, include=["embeddings"])
    by_id = {cid: np.asarray(e, dtype=np.float32) for cid, e in zip(got["ids"], got["embeddings"], strict=True)}
    return [by_id.get(cid) for cid in ids]
