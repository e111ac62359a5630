"""Sentence vectors, one file per index generation, named by the manifest like the chunk file.

The composer ranks a passage's sentences by meaning as well as by shared words; embedding ~30
sentences per question at ~25 ms each would cost most of a second, so ingest embeds every
sentence once. Vectors of unchanged passages are carried over from the previous generation.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ingest.embed import Embedder
from ingest.models import Chunk, sha256_hex
from ingest.sentences import SEGMENTATION, chunk_sentences
from ingest.store import atomic_write

BATCH = 64
Progress = Callable[[str, int, int], None]


class SentenceVectors:
    """Per-chunk arrays (one row per sentence of ``chunk_sentences``); unknown chunks give None."""

    def __init__(self, by_chunk: dict[str, np.ndarray]) -> None:
        self.by_chunk = by_chunk

    def get(self, chunk_id: str) -> np.ndarray | None:
        return self.by_chunk.get(chunk_id)

    @staticmethod
    def read(data_dir: Path, rel: str, embedder_id: str) -> SentenceVectors:
        """The stored vectors, or none when missing or made by another embedder or segmentation."""
        path = data_dir / rel
        if not rel or not path.is_file():
            return SentenceVectors({})
        with np.load(path, allow_pickle=False) as z:
            made_by, ids, offsets, vecs = z["made_by"], z["ids"], z["offsets"], z["vectors"]
        if list(made_by) != [SEGMENTATION, embedder_id]:
            return SentenceVectors({})
        return SentenceVectors({str(cid): vecs[offsets[i] : offsets[i + 1]] for i, cid in enumerate(ids)})

    def write(self, data_dir: Path, embedder_id: str) -> str:
        ids = sorted(self.by_chunk)
        sizes = [len(self.by_chunk[c]) for c in ids]
        offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        dim = next((v.shape[1] for v in self.by_chunk.values() if v.ndim == 2), 0)
        vecs = np.concatenate([self.by_chunk[c] for c in ids]) if ids else np.zeros((0, dim), np.float32)
        buf = io.BytesIO()
        made_by = np.array([SEGMENTATION, embedder_id])
        np.savez(buf, made_by=made_by, ids=np.array(ids, dtype=str), offsets=offsets, vectors=vecs.astype(np.float32))
        rel = f"sentences/{sha256_hex(SEGMENTATION + embedder_id + ''.join(ids))[:16]}.npz"
        atomic_write(data_dir / rel, buf.getvalue())
        return rel


def embed_sentences(
    chunks: list[Chunk],
    doc_text: Callable[[str], str],
    embedder: Embedder,
    previous: SentenceVectors,
    progress: Progress,
) -> tuple[SentenceVectors, int]:
    """Vectors for every chunk's sentences; chunks the previous generation had are not re-embedded."""
    out = {c.chunk_id: v for c in chunks if (v := previous.get(c.chunk_id)) is not None}
    todo = [(c, [s.text for s in chunk_sentences(doc_text(c.doc_id), c)]) for c in chunks if c.chunk_id not in out]
    texts = [t for _, ts in todo for t in ts]
    vecs = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i in range(0, len(texts), BATCH):
        progress("zinnen embedden", i, len(texts))
        vecs[i : i + BATCH] = embedder.embed_documents(texts[i : i + BATCH])
    progress("zinnen embedden", len(texts), len(texts))
    at = 0
    for c, ts in todo:
        out[c.chunk_id], at = vecs[at : at + len(ts)], at + len(ts)
    return SentenceVectors(out), len(texts)
