"""A field answer's cited row cell is shown among the top passages, next to its row: the placement
rule on hand-made hits, and the whole path on the real corpus index."""

from __future__ import annotations

from types import SimpleNamespace

from ingest.models import Chunk
from rag.service import _cited_shown
from rag.types import Citation, Hit


def _chunk(cid: str, start: int, section: str) -> Chunk:
    return Chunk(cid, "d1", "w.txt", "Werkagenda", 2025, section, "tekst", start, start + 100, 1, 2, None, "inspanning")


ROW = "Inspanningen › 1. Zorgzame Gemeenschappen"


def _hits(row_at: tuple[int, int]) -> tuple[list[Chunk], list[Hit]]:
    """Ten ranked hits; the row's chunks sit at the ranks in ``row_at`` (0-based), the rest elsewhere."""
    chunks = [_chunk(f"c{i}", i * 100, ROW if i in row_at else f"Elders {i}") for i in range(10)]
    return chunks, [Hit(c, 1.0 - i / 10, 0.9, None, i + 1) for i, c in enumerate(chunks)]


CITE = Citation(1, "d1", "w.txt", "Werkagenda", ROW, None, 1, 2, 710, 730, "versnellingsgelden")  # cell c7


def test_a_low_ranked_cited_cell_joins_the_top_passages_after_its_row() -> None:
    chunks, hits = _hits((0, 7))
    shown = _cited_shown(SimpleNamespace(chunks=chunks), hits, (CITE,), k=5)  # type: ignore[arg-type]
    assert [h.chunk.chunk_id for h in shown[:3]] == ["c0", "c7", "c1"]  # right after the row's first cell
    assert [h.rank for h in shown] == list(range(1, 11)) and len(shown) == len(hits)
    assert _cited_shown(SimpleNamespace(chunks=chunks), hits, (), k=5) == hits  # type: ignore[arg-type]


def test_a_row_in_the_last_top_place_moves_up_to_keep_its_cell_beside_it() -> None:
    chunks, hits = _hits((4, 7))
    shown = _cited_shown(SimpleNamespace(chunks=chunks), hits, (CITE,), k=5)  # type: ignore[arg-type]
    assert [h.chunk.chunk_id for h in shown[:6]] == ["c0", "c1", "c2", "c4", "c7", "c3"]
    assert [h.rank for h in shown] == list(range(1, 11)) and len(shown) == len(hits)


def test_on_the_real_index_a_financing_answer_shows_the_cell_it_cites(full_settings, embedder) -> None:  # type: ignore[no-untyped-def]
    from ingest.store import open_index
    from rag.service import answer

    index = open_index(full_settings, embedder)
    k = full_settings.retrieval.k
    q = "In ons dorp willen we meer voor elkaar zorgen. Hoe worden zorgzame gemeenschappen in het begin betaald?"
    a = answer(q, index=index, settings=full_settings)  # retrieval ranks the financing cell 9th
    assert not a.refused and a.answer.startswith("Financiering van"), a.answer
    cited = a.citations[0]
    shown = [h.chunk for h in a.passages[:k]]
    holds = [c.doc_id == cited.doc_id and c.char_start <= cited.char_start < c.char_end for c in shown]
    assert any(holds), "the cited cell is not among the top passages"
    at = holds.index(True)
    assert at > 0 and shown[at - 1].section == shown[at].section  # next to its row, not pushed to the front


def test_on_the_real_index_a_scale_question_is_answered_from_the_scale_cell(full_settings, embedder) -> None:  # type: ignore[no-untyped-def]
    from ingest.store import open_index
    from rag.service import answer

    index = open_index(full_settings, embedder)
    a = answer("Op welke schaal loopt de Voedseltransitie van Gezonde Marke?", index=index, settings=full_settings)
    assert not a.refused and a.answer.startswith("Schaal van ‘Voedseltransitie’"), a.answer
    assert "Noord-Nederland" in a.citations[0].quote


def test_on_the_real_index_a_field_answer_needs_a_row_that_holds_what_the_question_names(
    full_settings, embedder
) -> None:  # type: ignore[no-untyped-def]
    """"Wanneer start het steunpunt Intieme Terreur?" names something no inspanning row holds: the
    Planning of the row retrieval ranked high would answer another question. A named row still
    gets its field answer."""
    from ingest.store import open_index
    from rag.service import answer

    index = open_index(full_settings, embedder)
    elsewhere = answer("Wanneer start het steunpunt Intieme Terreur?", index=index, settings=full_settings)
    assert not elsewhere.answer.startswith("Planning van"), elsewhere.answer
    assert "intieme terreur" in elsewhere.answer.casefold()
    named = answer("Wie neemt het initiatief voor de Beweegreis?", index=index, settings=full_settings)
    assert named.answer.startswith("Initiatiefnemer van ‘Beweegreis’"), named.answer
