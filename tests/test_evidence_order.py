"""Which passage is shown first, and which sentence words count: compound parts in the composer's
word overlap, a list answer's overview page first, and a passage with the asked figure first."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from ingest.lexical import LexicalIndex
from ingest.models import Chunk
from rag.answer_type import expected_type
from rag.compose import Asked, Sentence, item_heads, sentence_features, sentence_terms
from rag.service import _answer_first, _figure_first, _overview
from rag.types import Citation, Hit


def _chunk(i: int, text: str) -> Chunk:
    return Chunk(f"c{i}", "d", "d.txt", "Doc", 2025, "Sectie", text, i * 100, i * 100 + 90, 1, 2, None)


def _hits(*texts: str) -> list[Hit]:
    return [Hit(_chunk(i, t), 1.0 - i / 10, 0.9, None, i + 1) for i, t in enumerate(texts)]


def test_a_compound_in_a_sentence_holds_the_question_word_it_is_made_of() -> None:
    """"jeugdzorgachtergrond" answers a question about "jeugdzorg", as it does in the BM25 index."""
    lexical = LexicalIndex(["De jeugdzorg in Drenthe.", "Een andere achtergrond.", "Iets over wonen."])
    index = SimpleNamespace(lexical=lexical)
    assert "jeugdzorg" in lexical.terms("jongeren met een jeugdzorgachtergrond")
    hit = _hits("Kamers voor jongeren met een jeugdzorgachtergrond.")[0]
    s = Sentence(hit, 0, 50, hit.chunk.text, 0)
    q_terms = set(lexical.query_terms("jeugdzorg"))
    assert sentence_features(index, s, q_terms, 1.0)["overlap"] == 1.0  # type: ignore[arg-type]


def test_a_who_question_prefers_the_sentence_that_names_someone() -> None:
    """"Wie ondertekent het voorwoord namens de kerngroep?": the closing lines name the kerngroep
    and its chair; a sentence about what the kerngroep does names no one. Only a who-question
    counts the name, and a capital at a sentence's start is no name."""
    lexical = LexicalIndex(["De kerngroep is eigenaar.", "Namens de kerngroep Gezonde Marke,", "Iets over wonen."])
    index = SimpleNamespace(lexical=lexical)
    hit = _hits("x")[0]
    named = Sentence(hit, 0, 40, "Namens de kerngroep Gezonde Marke,", 0)
    plain = Sentence(hit, 0, 40, "De kerngroep is eigenaar.", 1)
    q_terms = set(lexical.query_terms("Wie ondertekent namens de kerngroep?"))

    def naming(s: Sentence, asked: Asked) -> float:
        return sentence_features(index, s, q_terms, 1.0, asked)["naming"]  # type: ignore[arg-type]

    assert naming(named, Asked(names=True)) == 1.0 and naming(plain, Asked(names=True)) == 0.0
    assert naming(named, Asked()) == 0.0  # not asked who
    assert naming(named, Asked(want="moment", names=True)) == 0.0  # "wie … en wanneer": the type decides
    assert naming(Sentence(hit, 0, 30, "Sweelpop wint de prijs.", 0), Asked(names=True)) == 0.0
    assert naming(Sentence(hit, 0, 30, "Het loopt via de GGD.", 0), Asked(names=True)) == 1.0


def test_a_compound_head_is_known_by_its_stem_in_the_composer_not_in_bm25() -> None:
    """"energiecoaches" holds "coaches" although "energie" is only known as its stem "energ"; the
    BM25 index keeps the strict split (the looser one moved retrieval ranks for the worse)."""
    lexical = LexicalIndex(["Energie is duur.", "De coaches komen langs.", "Iets over wonen."])
    assert "coache" in lexical.terms("de inzet van energiecoaches")
    assert "coache" not in lexical._with_parts(["energiecoache"])


def test_a_line_under_a_list_item_knows_the_item_it_belongs_to() -> None:
    """"Doel: voorkomen verergering …" answers "het doel van de lichtgroene laag" only through the
    item it stands under ("• Lichtgroen: MDO, kernteams …:"); the next item starts afresh."""
    texts = [
        "• Lichtgroen: MDO, kernteams 2.0 etc.: hier wordt casuïstiek besproken.",
        "Doel: voorkomen verergering van zorgklachten.",
        "• Groen: hechte wijkverbanden.",
        "Doel: zorgvragen voorkomen.",
        "• Een item zonder label.",
        "Een zin eronder.",
    ]
    assert item_heads(texts) == ["", "Lichtgroen: MDO, kernteams 2.0 etc.", "", "Groen", "", ""]
    assert item_heads(["Een zin.", "Nog een."]) == ["", ""]
    lexical = LexicalIndex(["De lichtgroen laag.", "Het doel.", "Iets over wonen.", "MDO overleg."])
    index = SimpleNamespace(lexical=lexical)
    hit = _hits(texts[1])[0]
    s = Sentence(hit, 0, 40, texts[1], 1, item=item_heads(texts)[1])
    assert {"lichtgroen", "mdo", "doel"} <= sentence_terms(index, s)  # type: ignore[arg-type]
    assert "mdo" not in sentence_terms(index, Sentence(hit, 0, 40, texts[1], 1))  # type: ignore[arg-type]


def test_an_inflected_adjective_finds_its_plain_form() -> None:
    """The stemmer keeps "lichtgroene" whole; the question still means the "Lichtgroen" layer."""
    lexical = LexicalIndex(["De laag Lichtgroen.", "Iets over wonen.", "Iets anders."])
    assert lexical.query_terms("de lichtgroene laag") == ["lichtgroen", "laag"]
    assert lexical.query_terms("een groene laag")[0] == "groene"  # "groen" is unknown: kept as asked


def test_the_passage_of_the_best_answer_sentence_is_shown_first() -> None:
    hits = _hits("Over het fonds.", "Het fonds geeft € 5 miljoen aan dorpen.", "Iets anders.")
    moved = _answer_first(hits, hits[1], 5)
    assert [h.chunk.chunk_id for h in moved] == ["c1", "c0", "c2"]
    assert [h.rank for h in moved] == [1, 2, 3]
    assert _answer_first(hits, hits[0], 5) == hits  # already first


def test_the_passage_of_a_list_that_ran_past_the_retrieved_ones_joins_them_first() -> None:
    """A list question's items may stand in the passage after the last one retrieved: the answer
    rests on it, so it is shown first and the last passage makes room."""
    hits = _hits("De volgende lagen:", "Iets over wonen.", "Iets anders.")
    items = _hits("• Donkerblauw: de inwoner.", "x", "y")[0]
    items = replace(items, chunk=replace(items.chunk, chunk_id="items"))
    moved = _answer_first(hits, items, 3)
    assert [h.chunk.chunk_id for h in moved] == ["items", "c0", "c1"]
    assert [h.rank for h in moved] == [1, 2, 3]


def test_a_passage_with_the_asked_figure_is_shown_first_when_it_is_near_the_top() -> None:
    hits = _hits("Het fonds steunt dorpen.", "Er is € 5 miljoen beschikbaar.", "Gemeenten dienen aanvragen in.")
    moved = _figure_first("Hoeveel geld zit er in het fonds?", hits, 5)
    assert [h.chunk.chunk_id for h in moved] == ["c1", "c0", "c2"]
    assert [h.rank for h in moved] == [1, 2, 3]
    assert _figure_first("Wat doet het fonds?", hits, 5) == hits  # no figure asked
    assert _figure_first("Hoeveel geld zit er in het fonds?", hits, 1) == hits  # the answer saw only the first
    far = _hits("Het fonds steunt dorpen.", "Gemeenten dienen in.", "Het loopt tot 2026.", "Er is € 5 miljoen.")
    assert _figure_first("Hoeveel geld zit er in het fonds?", far, 5) == far  # too far down to lead
    first = _hits("Er is € 5 miljoen beschikbaar.", "Er is € 2 miljoen beschikbaar.")
    assert _figure_first("Hoeveel geld zit er in het fonds?", first, 5) == first


def test_asking_what_the_budget_is_asks_an_amount() -> None:
    assert expected_type("Wat is het budget dat de zorgverzekeraar heeft toegezegd?") == "bedrag"
    assert expected_type("Hoe groot is het totale budget voor dit plan?") == "bedrag"
    assert expected_type("Wat is het doel van het budgetcoachproject?") != "bedrag"


def test_fewer_than_three_listed_inspanningen_have_no_overview() -> None:
    cite = Citation(1, "d", "d.txt", "Doc", "Thema › 1. Iets", None, 1, 1, 0, 4, "Iets")
    assert _overview(SimpleNamespace(chunks=[]), (cite, cite)) is None  # type: ignore[arg-type]


def test_on_the_real_index_a_coalitions_list_is_shown_with_its_overview_page_first(full_settings, embedder) -> None:  # type: ignore[no-untyped-def]
    """The werkagenda lists each coalition's inspanningen together before their table rows; that
    page shows the whole list in one passage, where each row shows one."""
    from ingest.lexical import normalise
    from ingest.store import open_index
    from rag.service import answer

    index = open_index(full_settings, embedder)
    a = answer("Welke inspanningen heeft de coalitie Vitaal ouder worden?", index=index, settings=full_settings)
    assert not a.refused and len(a.citations) >= 3
    first = a.passages[0].chunk
    assert first.kind != "inspanning"
    titles = {normalise(c.section.split(" › ", 1)[-1].split(" (")[0]) for c in a.citations}
    assert sum(t in normalise(first.text) for t in titles) >= 3
    starts = [c.char_start for c in a.citations]
    rows = [h.chunk for h in a.passages[1:4]]  # the cited rows follow it
    assert all(r.kind == "inspanning" and any(r.char_start <= s < r.char_end for s in starts) for r in rows)
