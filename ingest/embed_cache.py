"""A persistent cache of passage vectors keyed by (embedder id, sha256 of the text).

Embedding is the slow part of ingest (~25 passages/s on 2 cores). Rebuilding an index, changing
chunk sizes or re-running CI on the same machine only embeds texts never seen before.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import numpy as np

from ingest.embed import Embedder
from ingest.models import sha256_hex


class CachedEmbedder:
    def __init__(self, inner: Embedder, path: Path) -> None:
        self.inner, self.id, self.dim = inner, inner.id, inner.dim
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, v BLOB NOT NULL)")
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def _key(self, text: str) -> str:
        return sha256_hex(f"{self.id}\x00{text}")

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        with self._lock:
            found: dict[str, bytes] = {}
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                q = f"SELECT key, v FROM vec WHERE key IN ({','.join('?' * len(part))})"
                found.update(self._db.execute(q, part).fetchall())
        todo = [i for i, k in enumerate(keys) if k not in found]
        self.hits += len(texts) - len(todo)
        self.misses += len(todo)
        fresh = self.inner.embed_documents([texts[i] for i in todo]) if todo else None
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, k in enumerate(keys):
            if k in found:
                out[i] = np.frombuffer(found[k], dtype=np.float32)
        if fresh is not None:
            for j, i in enumerate(todo):
                out[i] = fresh[j]
            with self._lock, self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vec VALUES (?, ?)",
                    [(keys[i], fresh[j].astype(np.float32).tobytes()) for j, i in enumerate(todo)],
                )
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)
