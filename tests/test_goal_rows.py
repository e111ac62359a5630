"""A regioplan goal code ("2.1.3. D") ties the goal's statement to its potential initiatiefnemers
and to the programmes that refer to it; the composer follows the code (real regioplan rows)."""

from __future__ import annotations

from ingest.clean import clean
from ingest.embed import Embedder
from ingest.store import chunk_at, open_index
from naober.settings import Settings
from rag.compose import Sentence, _goal_rows
from rag.goal_rows import ROW_MAX, codes_in, goal_rows, row_span
from rag.types import Hit
from tests.conftest import CORPUS
from tests.test_chunk import split_sentences

REGIOPLAN = (CORPUS / "regioplan-drenthe-iza.txt").read_text(encoding="utf-8")


def _row(table: str, code: tuple[str, str]) -> str:
    rows = [(a, b) for t, a, b in goal_rows(REGIOPLAN, code) if t == table]
    assert len(rows) == 1, (table, code, rows)
    return clean(REGIOPLAN, *row_span(REGIOPLAN, table, *rows[0])).text


def test_a_goal_code_finds_the_goal_and_its_parties() -> None:
    goal = _row("goal", ("2.1.3", "D"))
    assert goal == (
        "2.1.3. D In 2024 is planbaar logeren voor mensen met dementie gerealiseerd in Drenthe op geschikte "
        "locaties die passend zijn voor de doelgroep."
    )
    assert _row("parties", ("2.1.3", "D")) == "2.1.3. D Gemeenten Gemeenten Drentse VVT Partijen Altide"
    assert _row("goal", ("2.2.1", "B")).startswith("2.2.1. B In 2025 heeft 80% van de ouderen")


def test_a_long_row_is_cut_at_a_space_within_the_bound() -> None:
    long_row = "2.1.1. A " + "woord " * 100
    a, b = row_span(long_row, "parties", 0, len(long_row))
    assert b <= ROW_MAX and long_row[a:b].endswith("woord")
    unbroken = "2.1.1.A" + "x" * 500
    assert row_span(unbroken, "parties", 0, len(unbroken)) == (0, ROW_MAX)


def test_a_reference_to_a_goal_carries_its_code() -> None:
    at = REGIOPLAN.index("Operationeel doel: [2.2.1. B]")
    assert codes_in(REGIOPLAN, at, at + 10) == [("2.2.1", "B")]
    assert codes_in(REGIOPLAN, 0, 10) == []


def test_a_goal_code_starts_its_sentence_and_its_letter_stays_with_it() -> None:
    """Table rows run together in the cleaned text ("… Gezond in Drenthe 2.1.2. C 12 Drentse …"):
    each row's code opens a sentence, and "D" is no sentence of its own."""
    text = (
        "Operationele doelen 2.1.3. D In 2024 is logeren gerealiseerd. Zie 1.2. Netwerk volgt. "
        "Gezond in Drenthe 2.1.2. C 12 Drentse Gemeenten gaan aan de slag. • Operationeel doel: [2.2.1. B](#)"
    )
    assert split_sentences(text) == [
        "Operationele doelen",
        "2.1.3. D In 2024 is logeren gerealiseerd.",
        "Zie 1.2.",
        "Netwerk volgt.",
        "Gezond in Drenthe",
        "2.1.2. C 12 Drentse Gemeenten gaan aan de slag.",
        "• Operationeel doel: [2.2.1. B](#)",
    ]


def test_the_composer_brings_the_rows_of_a_chosen_goal(full_settings: Settings, embedder: Embedder) -> None:
    """On the real index: the goal sentence brings the parties row when the question asks who, and
    not otherwise; a programme's reference line brings the goal's statement."""
    index = open_index(full_settings, embedder)
    doc_id = index.doc_id_by_file["regioplan-drenthe-iza.txt"]
    text = index.doc_text(doc_id)

    def picked(at: int, length: int) -> tuple[Sentence, Hit]:
        chunk = chunk_at(index.chunks, doc_id, at)
        assert chunk is not None
        hit = Hit(chunk, 1.0, 0.9, None, 1)
        return Sentence(hit, at, at + length, clean(text, at, at + length).text, 0), hit

    goal, hit = picked(text.index("2.1.3. D\t<p>In 2024 is planbaar logeren"), 60)
    with_parties = _goal_rows(index, [goal], [hit], parties=True)
    assert [s.text for s in with_parties] == ["2.1.3. D Gemeenten Gemeenten Drentse VVT Partijen Altide"]
    assert text[with_parties[0].start : with_parties[0].end].startswith("2.1.3. D\t<i>Gemeenten</i>")
    assert with_parties[0].hit.chunk.char_start <= with_parties[0].start < with_parties[0].hit.chunk.char_end
    assert _goal_rows(index, [goal], [hit], parties=False) == []
    pointer, ref_hit = picked(text.index("Operationeel doel: [2.2.1. B]"), 25)
    got = _goal_rows(index, [pointer], [ref_hit], parties=False)
    assert [s.text[:40] for s in got] == ["2.2.1. B In 2025 heeft 80% van de oudere"]
