"""A question that names a document by its kind ("… en hoe komt het terug in het regioplan?") gets
that document among the top passages and a sentence from it in the answer: the rules on hand-made
rankings and sentences, and the whole path on the real corpus index."""

from __future__ import annotations

from types import SimpleNamespace

from ingest.models import Chunk
from rag.compose import Sentence, _covering, _from_documents
from rag.retrieve import _show_named_documents, named_documents
from rag.types import Hit

DOCS = {"d-agenda": {"kind": "uitvoeringsagenda"}, "d-plan": {"kind": "regioplan"}, "d-bare": {}}


def _chunk(i: int, doc_id: str) -> Chunk:
    return Chunk(f"c{i}", doc_id, f"{doc_id}.txt", doc_id, 2025, "Sectie", "tekst", i * 100, i * 100 + 90, 1, 2, None)


def _index(docs_in_rank_order: list[str]) -> SimpleNamespace:
    return SimpleNamespace(
        manifest=SimpleNamespace(docs=DOCS), chunks=[_chunk(i, d) for i, d in enumerate(docs_in_rank_order)]
    )


def test_a_document_is_named_by_its_kind_also_inside_a_compound() -> None:
    index = _index([])
    assert named_documents(index, "Hoe komt dat terug in het IZA-regioplan?") == {"d-plan"}  # type: ignore[arg-type]
    assert named_documents(index, "Volgens de uitvoeringsagenda 2019?") == {"d-agenda"}  # type: ignore[arg-type]
    assert named_documents(index, "Wat is een plan voor de regio?") == set()  # type: ignore[arg-type]
    assert named_documents(index, "Kunt u een regioplan maken?") == set()  # type: ignore[arg-type]  # no document


def test_the_named_documents_best_passage_moves_up_to_the_last_top_place() -> None:
    index = _index(["d-agenda"] * 6 + ["d-plan", "d-plan"])
    order = list(range(8))
    fused = {i: 1.0 - i / 10 for i in order}
    _show_named_documents(index, "Hoe komt Grolloo terug in het regioplan?", order, fused, 5)  # type: ignore[arg-type]
    assert order == [0, 1, 2, 3, 6, 4, 5, 7]
    assert [fused[i] for i in order] == sorted(fused.values(), reverse=True)  # ties keep the rank order
    # a question that names no document, or one already shown, keeps the order
    unchanged = list(range(8))
    _show_named_documents(index, "Hoe komt Grolloo terug?", unchanged, dict(fused), 5)  # type: ignore[arg-type]
    _show_named_documents(index, "Wat zegt de uitvoeringsagenda?", unchanged, dict(fused), 5)  # type: ignore[arg-type]
    assert unchanged == list(range(8))


def _sentence(doc_id: str, text: str, position: int) -> Sentence:
    hit = Hit(_chunk(position, doc_id), 1.0, 0.9, 1.0, position + 1)
    return Sentence(hit, position * 100, position * 100 + len(text), text, position)


def test_a_named_document_no_chosen_sentence_comes_from_gives_its_best_sentence() -> None:
    chosen = [_sentence("d-agenda", "Grolloo Zorgt stelt een dorpscoördinator aan.", 0)]
    pool = [
        _sentence("d-plan", "Elke gemeente heeft in 2028 een dorpscoördinator.", 1),
        _sentence("d-plan", "Het regioplan heeft zes regio-opgaven.", 2),
        _sentence("d-agenda", "De dorpshub is een Europees project.", 3),
    ]
    best_first = {1: 2.0, 2: 1.0, 3: 3.0}
    added = _covering(pool, chosen, _from_documents({"d-plan"}), lambda s: best_first[s.position])
    assert [s.text for s in added] == ["Elke gemeente heeft in 2028 een dorpscoördinator."]
    assert _covering(pool, chosen, _from_documents({"d-agenda"}), lambda s: 0.0) == []  # already answered from it


def test_on_the_real_index_a_question_about_two_documents_is_answered_from_both(full_settings, embedder) -> None:  # type: ignore[no-untyped-def]
    """Without the rule the regioplan falls out of the top five and the answer quotes only the 2019
    uitvoeringsagenda, whose Grolloo passages match the question's names best."""
    from ingest.store import open_index
    from rag.service import answer

    index = open_index(full_settings, embedder)
    plan = index.doc_id_by_file["regioplan-drenthe-iza.txt"]
    agenda = index.doc_id_by_file["uitvoeringsagenda-leefbaarheid-krimp-2019.txt"]
    q = "Welke rol speelt de dorpshub in de uitvoeringsagenda, en wat zegt het regioplan over dorpscoördinatoren?"
    a = answer(q, index=index, settings=full_settings)
    assert not a.refused
    assert plan in {h.chunk.doc_id for h in a.passages[: full_settings.retrieval.k]}
    assert {c.doc_id for c in a.citations} >= {plan, agenda}
