"""The obvious alternative, measured on the same questions: ``--pipeline naive``.

LangChain's RecursiveCharacterTextSplitter (1000/200) over the raw corpus texts, the same
embedder, plain Chroma similarity search, and as answer the first sentences of the top passage.
Its citation is an exact span of the source, so its verbatim rate is measured fairly. It never
refuses unless nothing is retrieved. It produces the ``naober ask --json`` contract dict.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ingest.clean import clean, sentence_spans
from ingest.embed import Embedder, make_embedder
from ingest.load import corpus_files, load_file, load_sources, meta_for
from ingest.models import ParsedDoc, sha256_hex
from ingest.store import get_collection
from naober.settings import Settings
from rag.prompts import REFUSAL

CHUNK_SIZE, CHUNK_OVERLAP = 1000, 200
ANSWER_SENTENCES = 3
PASSAGES = 10


@dataclass(frozen=True, slots=True)
class NaiveChunk:
    chunk_id: str
    doc: ParsedDoc
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]


def split_docs(docs: list[ParsedDoc]) -> list[NaiveChunk]:
    """Splitter chunks as exact source spans (the splitter's start_index)."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True)
    out = []
    for doc in docs:
        for piece in splitter.create_documents([doc.text]):
            start = int(piece.metadata["start_index"])
            end = start + len(piece.page_content)
            out.append(NaiveChunk(sha256_hex(f"{doc.doc_id}:{start}:{end}")[:24], doc, start, end))
    return out


class NaivePipeline:
    """Built once (embeddings cached in Chroma under the data dir), then asked many questions."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self.embedder = embedder or make_embedder(settings.embedder)
        sources = load_sources(settings.corpus_dir)
        docs = [load_file(p, meta_for(p, sources)) for p in corpus_files(settings.corpus_dir)]
        self.chunks = split_docs(docs)
        self.by_id = {c.chunk_id: c for c in self.chunks}
        path = settings.data_dir / "eval-cache" / "naive-chroma"
        path.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
        key = self.embedder.id + "".join(c.chunk_id for c in self.chunks)
        self.collection = get_collection(client, f"naive-{sha256_hex(key)[:16]}", self.embedder)
        self._fill()

    def _fill(self) -> None:
        if self.collection.count() == len(self.chunks):
            return
        for i in range(0, len(self.chunks), 64):
            batch = self.chunks[i : i + 64]  # documents only: Chroma calls our embedding function
            self.collection.upsert(ids=[c.chunk_id for c in batch], documents=[c.text for c in batch])

    def ask(self, question: str, k: int = 5) -> dict[str, Any]:
        t0 = time.perf_counter()
        qvec = self.embedder.embed_query(question)
        t1 = time.perf_counter()
        res = self.collection.query(query_embeddings=[qvec.tolist()], n_results=max(k, PASSAGES), include=["distances"])
        hits = [
            (self.by_id[i], 1.0 - float(d))
            for i, d in zip(res["ids"][0], res["distances"][0], strict=False)
            if i in self.by_id
        ]
        t2 = time.perf_counter()
        answer, citations = _first_sentences(hits[0][0]) if hits else (REFUSAL, [])
        t3 = time.perf_counter()
        ms = {
            "embed": (t1 - t0) * 1000,
            "retrieve": (t2 - t1) * 1000,
            "compose": (t3 - t2) * 1000,
            "total": (t3 - t0) * 1000,
        }
        return {
            "question": question,
            "answer": answer,
            "refused": not hits,
            "citations": citations,
            "passages": [_passage(c, s, r) for r, (c, s) in enumerate(hits, 1)],
            "suggestions": [],
            "timings_ms": {s: round(v, 2) for s, v in ms.items()},
            "searched_query": question,
            "note": "naive baseline",
            "verification": {},
        }


def _first_sentences(chunk: NaiveChunk) -> tuple[str, list[dict[str, Any]]]:
    cleaned = clean(chunk.doc.text, chunk.start, chunk.end)
    spans = sentence_spans(cleaned.text)[:ANSWER_SENTENCES]
    if not spans:
        return REFUSAL, []
    start, end = cleaned.source_span(spans[0][0], spans[-1][1])
    text = chunk.doc.text
    citation = {
        "n": 1,
        "doc_id": chunk.doc.doc_id,
        "file": chunk.doc.meta.file,
        "title": chunk.doc.meta.title,
        "section": "",
        "page": chunk.doc.page_at(start),
        "line_start": chunk.doc.line_at(start),
        "line_end": chunk.doc.line_at(end),
        "char_start": start,
        "char_end": end,
        "quote": text[start:end],
    }
    return f"{cleaned.text[spans[0][0] : spans[-1][1]]} [1]", [citation]


def _passage(c: NaiveChunk, score: float, rank: int) -> dict[str, Any]:
    return {
        "rank": rank,
        "chunk_id": c.chunk_id,
        "doc_id": c.doc.doc_id,
        "file": c.doc.meta.file,
        "title": c.doc.meta.title,
        "section": "",
        "page": c.doc.page_at(c.start),
        "line_start": c.doc.line_at(c.start),
        "line_end": c.doc.line_at(c.end),
        "char_start": c.start,
        "char_end": c.end,
        "score": round(score, 4),
        "dense": round(score, 4),
        "lexical": None,
        "text": c.text,
    }
