"""A regioplan goal code ("2.1.3. D") ties the goal's statement to its potential initiatiefnemers
and to the programmes that refer to it; the composer follows the code (real regioplan rows)."""

from __future__ import annotations

from types import SimpleNamespace

from ingest.clean import clean, sentence_spans
from ingest.models import Chunk
from rag.compose import Sentence, _goal_rows
from rag.goal_rows import ROW_MAX, codes_in, goal_rows, row_span
from rag.types import Hit
from tests.conftest import CORPUS

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
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Operationele doelen",
        "2.1.3. D In 2024 is logeren gerealiseerd.",
        "Zie 1.2.",
        "Netwerk volgt.",
        "Gezond in Drenthe",
        "2.1.2. C 12 Drentse Gemeenten gaan aan de slag.",
        "• Operationeel doel: [2.2.1. B](#)",
    ]


def test_the_composer_brings_the_rows_of_a_chosen_goal() -> None:
    """The goal sentence brings the parties row when the question asks who, and not otherwise;
    a programme's reference line brings the goal's statement."""
    start = REGIOPLAN.index("2.1.3. D\t<p>In 2024 is planbaar logeren")
    chunks = [  # passages that tile the document: a row's citation points into one of them
        Chunk(f"c{i}", "regioplan", "regioplan.txt", "Regioplan", 2024, "", "", a, a + 5000, 1, 2, None)
        for i, a in enumerate(range(0, len(REGIOPLAN), 5000))
    ]
    index = SimpleNamespace(doc_text=lambda _d: REGIOPLAN, chunks=chunks)
    hit = Hit(next(c for c in chunks if c.char_start <= start < c.char_end), 1.0, 0.9, None, 1)
    goal = Sentence(hit, start, start + 60, "2.1.3. D In 2024 is planbaar logeren …", 0)
    with_parties = _goal_rows(index, [goal], [hit], parties=True)  # type: ignore[arg-type]
    assert [s.text for s in with_parties] == ["2.1.3. D Gemeenten Gemeenten Drentse VVT Partijen Altide"]
    assert REGIOPLAN[with_parties[0].start : with_parties[0].end].startswith("2.1.3. D\t<i>Gemeenten</i>")
    assert _goal_rows(index, [goal], [hit], parties=False) == []  # type: ignore[arg-type]
    ref = REGIOPLAN.index("Operationeel doel: [2.2.1. B]")
    ref_hit = Hit(next(c for c in chunks if c.char_start <= ref < c.char_end), 1.0, 0.9, None, 1)
    pointer = Sentence(ref_hit, ref, ref + 25, "• Operationeel doel: [2.2.1.", 0)
    got = _goal_rows(index, [pointer], [ref_hit], parties=False)  # type: ignore[arg-type]
    assert [s.text[:40] for s in got] == ["2.2.1. B In 2025 heeft 80% van de oudere"]
