"""A chosen sentence that announces a list brings the list, however the source lays it out; a name
asked about brings the sentence that names it."""

from __future__ import annotations

from dataclasses import replace

from ingest.embed import Embedder
from ingest.models import Chunk
from ingest.sentences import chunk_sentences
from ingest.store import open_index
from naober.settings import Settings
from rag.answer_type import asked_count, named_parts
from rag.compose import (
    NAMING_MAX,
    Sentence,
    _covering,
    _naming,
    _next_passages,
    _row_title,
    _telling,
    _typed,
    _with_antecedents,
    _with_continuations,
    _with_list_items,
    _with_specification,
    sentences,
)
from rag.types import Hit


def _sentences(source: str) -> list[Sentence]:
    return _passages(source)[0]


def _passages(*parts: str) -> list[list[Sentence]]:
    """The sentences of consecutive passages of one document."""
    source, out, start = "".join(parts), [], 0
    for i, part in enumerate(parts):
        end = start + len(part)
        chunk = Chunk(f"c{i + 1}", "d1", "doc.txt", "Doc", 2025, "Werkgroepen", part, start, end, 1, None, None)
        hit = Hit(chunk, 1.0, 0.9, 1.0, 1)
        out.append([Sentence(hit, s.start, s.end, s.text, s.position, s.block) for s in chunk_sentences(source, chunk)])
        start = end
    return out


def _picked(pool: list[Sentence], startswith: str) -> list[Sentence]:
    return [s for s in pool if s.text.startswith(startswith)]


def test_a_short_lead_in_after_the_chosen_sentence_brings_the_item_lines() -> None:
    source = (
        "De kerngroep wordt ondersteund door een aantal werkgroepen. Dit zijn:\n\n"
        "werkgroep Inwonersbetrokkenheid\nwerkgroep Lobby\nwerkgroep Financiering\n\n"
        "Tot slot pakken we aanvullende onderwerpen op die belangrijk zijn voor het netwerk.\n"
    )
    pool = _sentences(source)
    out = _with_list_items(_picked(pool, "De kerngroep"), pool)
    shown = " ".join(s.text for s in out)
    assert "Dit zijn:" in shown and "werkgroep Lobby" in shown and "werkgroep Financiering" in shown
    assert "Tot slot" not in shown  # the paragraph after the list is not part of it


def test_bullets_after_a_colon_are_brought_and_a_plain_sentence_brings_nothing() -> None:
    source = (
        "We werken aan de volgende drie projecten:\n"
        "• Beweegreis voor ouderen\n• Valpreventie in de wijk\n• Kansrijke Start\n\n"
        "Daarnaast ondersteunen we mantelzorgers in de hele provincie.\n"
    )
    pool = _sentences(source)
    listed = _with_list_items(_picked(pool, "We werken"), pool)
    assert [s.text for s in listed[1:]] == [
        "• Beweegreis voor ouderen",
        "• Valpreventie in de wijk",
        "• Kansrijke Start",
    ]
    plain = _picked(pool, "Daarnaast")
    assert _with_list_items(plain, pool) == plain


def test_numbered_items_after_a_lead_in_are_brought_like_bullets() -> None:
    source = (
        "Onze inzet beschrijven we binnen 3 thema’s: • Kennis: 1. Kennis, Drenthe leert • Sociaal "
        "2. Beschikbare zorg 3. Onderwijskwaliteit, iedereen doet mee\n\nDaarnaast doen we meer.\n"
    )
    pool = _sentences(source)
    shown = [s.text for s in _with_list_items(_picked(pool, "Onze inzet"), pool)]
    assert shown[1:] == [
        "• Kennis:",
        "1. Kennis, Drenthe leert",
        "• Sociaal",
        "2. Beschikbare zorg",
        "3. Onderwijskwaliteit, iedereen doet mee",
    ]  # the paragraph after the list is not part of it


def test_a_name_asked_about_that_the_picks_never_mention_brings_its_sentence() -> None:
    source = (
        "De wet DOS geeft regelruimte aan zorgzame gemeenschappen. "
        "Het amendement Bushoff laat kwaliteit van leven meetellen. "
        "Op 22 april 2025 kwam de wet in de eerste kamer. "
        "Daarnaast ondersteunen we mantelzorgers in de hele provincie.\n"
    )
    pool = _sentences(source)
    chosen = _picked(pool, "De wet DOS")
    named = named_parts("Welke wet geeft regelruimte, en wanneer kwam die in de Eerste Kamer?")
    rest = [s for s in pool if s not in chosen]
    added = _covering(rest, chosen, _naming(named), lambda s: -s.position, most=NAMING_MAX)
    assert [s.text for s in added] == ["Op 22 april 2025 kwam de wet in de eerste kamer."]
    # a name the picks already mention, or one no offered sentence holds, adds nothing
    assert _covering(pool, chosen, _naming(named_parts("Wat zegt de wet DOS?")), lambda s: 0.0) == []
    assert _covering(pool, chosen, _naming(named_parts("Wat doet Coevorden met de wet?")), lambda s: 0.0) == []


def test_a_cell_label_starts_a_new_unit_but_not_where_it_is_a_noun_in_a_sentence() -> None:
    source = (
        "Uitvoeren en versterken van de Drentse aanpak zorgcoördinatie, in lijn met het\n\n"
        "AZNN is de Initiatiefnemer.\nBetrokken partijen: zoals benoemd in het transformatieplan.\n"
    )
    row = "Inspanningen › 2. Zorgcoördinatie"
    chunk = Chunk("c1", "d1", "w.txt", "Werkagenda", 2025, row, source, 0, len(source), 1, None, None, "inspanning")
    texts = [s.text for s in chunk_sentences(source, chunk)]
    assert "AZNN is de Initiatiefnemer." in texts
    assert "Betrokken partijen: zoals benoemd in het transformatieplan." in texts


def test_a_sentence_that_spells_out_the_chosen_one_comes_with_it() -> None:
    source = (
        "Verenigingen moeten de 'vier v's' op orde hebben. Dit betekent: een VOG, een vertrouwenscontactpersoon "
        "en een gedragscode. De subsidie loopt drie jaar. Dat is veel geld voor een kleine club.\n"
    )
    pool = _sentences(source)
    out = _with_specification(_picked(pool, "Verenigingen"), pool)
    assert [s.text.split()[0] for s in out] == ["Verenigingen", "Dit"]
    # a following sentence that does not spell the chosen one out is not brought
    assert _with_specification(_picked(pool, "Dit betekent"), pool) == _picked(pool, "Dit betekent")


def test_a_sentence_ending_in_a_comma_brings_the_next_one_past_a_blank_line() -> None:
    """"Namens de kerngroep Gezonde Marke," is finished by the name that signs it, a paragraph
    further; a finished sentence brings nothing."""
    source = "Samen brengen we de droom dichterbij.\n\nNamens de kerngroep Gezonde Marke,\n\nErik Mulder\nVoorzitter\n"
    pool = _sentences(source)
    out = _with_continuations(_picked(pool, "Namens"), pool)
    assert [s.text for s in out] == ["Namens de kerngroep Gezonde Marke,", "Erik Mulder Voorzitter"]
    done = _picked(pool, "Samen")
    assert _with_continuations(done, pool) == done


def test_a_sentence_that_points_back_brings_the_one_that_names_its_subject() -> None:
    """"Dit project richt zich op jongeren …" alone never says which project (jaarverslag, Kamers
    met Aandacht); a sentence that names its own subject brings nothing."""
    source = (
        "De provincie wil starten met het project Kamers met Aandacht. "
        "Dit project richt zich op jongeren van 18 tot 23 jaar. "
        "Jongeren wonen er samen met studenten.\n"
    )
    pool = _sentences(source)
    out = _with_antecedents(_picked(pool, "Dit project"), pool)
    assert [s.text for s in out] == [
        "Dit project richt zich op jongeren van 18 tot 23 jaar.",
        "De provincie wil starten met het project Kamers met Aandacht.",
    ]
    plain = _picked(pool, "Jongeren wonen")
    assert _with_antecedents(plain, pool) == plain
    first = _sentences("Dit project is nieuw. Het loopt tot 2026.\n")[:1]
    assert _with_antecedents(first, first) == first  # nothing before it in the passage


def test_a_list_runs_on_into_the_next_passage() -> None:
    """A chunk may end at the lead-in ("Deze opgaven zijn:", in the paragraph after the sentence
    that names the list): the items at the start of the next passage still come with it."""
    first, after = _passages(
        "Daarom hebben we de zes regio-opgaven geformuleerd.\n\nDeze opgaven zijn:\n",
        "• a. Het hanteren van een netwerkaanpak\n• b. Het versterken van de sociale basis\n\n"
        "Met deze opgaven kijken we breed naar gezondheid.\n",
    )
    out = _with_list_items(_picked(first, "Daarom"), first, lambda s: after)
    assert [s.text for s in out[1:]] == [
        "Deze opgaven zijn:",
        "• a. Het hanteren van een netwerkaanpak",
        "• b. Het versterken van de sociale basis",
    ]
    # without the next passage the lead-in stands alone; a paragraph that does not point ahead is no lead-in
    assert [s.text for s in _with_list_items(_picked(first, "Daarom"), first)] == [
        "Daarom hebben we de zes regio-opgaven geformuleerd.",
        "Deze opgaven zijn:",
    ]
    other = _sentences("We kozen zes opgaven.\n\nWerkgroepen zijn:\n\n• Lobby\n")
    assert _with_list_items(_picked(other, "We kozen"), other) == _picked(other, "We kozen")


def test_remarks_between_items_are_passed_over_but_a_long_text_ends_the_list() -> None:
    """The praatplaat's layers have "Doel: …" lines and a rule between them; the list goes on past
    them to its last layer, and stops where prose takes over."""
    source = (
        "2. Van binnen naar buiten:\n\n• Donkerblauw: de inwoner.\n\n• Lichtgroen: het MDO.\n\n"
        "Doel: voorkomen van verergering.\n\n--------------------\n\n"
        "Bovenstaande zorg gaat over individuele patiënten.\n\n• Rood: Gezonde Marke.\n\n"
        + "Buiten de cirkel is een contractoverleg over de plannen van de regio. " * 7
        + "\n\n• Paars: een andere lijst.\n"
    )
    pool = _sentences(source)
    shown = [s.text for s in _with_list_items(_picked(pool, "2. Van binnen"), pool)]
    assert shown[1:] == ["• Donkerblauw: de inwoner.", "• Lichtgroen: het MDO.", "• Rood: Gezonde Marke."]


def test_an_inspanning_title_is_no_answer_sentence_and_a_list_question_wants_a_lead_in() -> None:
    row = "Inspanningen Veerkrachtig samenleven › 6. Laagdrempelige ondersteuning bij life events"
    source = "6. Laagdrempelige ondersteuning bij life events\n\nLife events zoals een scheiding raken mensen.\n"
    chunk = Chunk("c1", "d1", "w.txt", "Werkagenda", 2025, row, source, 0, len(source), 1, None, None, "inspanning")
    hit = Hit(chunk, 1.0, 0.9, 1.0, 1)
    texts = [s.text for s in chunk_sentences(source, chunk)]
    sents = [Sentence(hit, 0, 1, t, i) for i, t in enumerate(texts)]
    assert [_row_title(s) for s in sents] == [True, False]
    header = replace(chunk, kind="table", section="Inspanningen Veerkrachtig samenleven")
    assert _row_title(Sentence(Hit(header, 1.0, 0.9, 1.0, 1), 0, 1, "Titel van inspanning Beknopte toelichting", 0))
    lead = Sentence(hit, 0, 1, "Deze opgaven zijn verdeeld over vier thema's:", 0, leads=True)
    assert _typed(lead, "lijst") and not _typed(sents[1], "lijst")


def test_a_list_question_with_a_number_prefers_the_sentence_that_counts_as_many() -> None:
    """"Welke vijf onderwerpen …": the werkagenda announces its five thema's ("… zien we vijf
    thema's") and prints them as headings; a lead-in of another list does less, and a lead-in
    that also counts as many does best."""
    assert asked_count("Welke vijf onderwerpen pakt Gezonde Marke netwerkbreed op?") == "vijf"
    assert asked_count("Wat zijn de zes regio-opgaven?") == "zes" and asked_count("Welke rollen zijn er?") == ""
    hit = Hit(Chunk("c1", "d1", "w.txt", "W", 2025, "S", "x", 0, 1, 1, None, None), 1.0, 0.9, 1.0, 1)
    counts = Sentence(hit, 0, 1, "In de werkagenda zien we vijf thema's voor een brede aanpak.", 0)
    other = Sentence(hit, 0, 1, "Tot slot pakken we aanvullende onderwerpen op. Denk hierbij aan:", 1, leads=True)
    both = Sentence(hit, 0, 1, "We zien vijf thema's. Dit zijn:", 2, leads=True)
    assert _typed(both, "lijst", "vijf") > _typed(counts, "lijst", "vijf") == _typed(other, "lijst", "vijf") > 0
    assert _typed(counts, "lijst", "zes") == 0 and _typed(counts, "lijst") == 0  # another number, or none asked
    assert _typed(other, "lijst") == 1


def test_a_partner_cell_does_not_answer_for_a_name_unless_who_is_asked() -> None:
    """"Doet Emmen mee met Kamers met Aandacht?": a row listing "Gemeenten Emmen" among its
    partners says nothing about that, so it cannot stand in for the name in the answer."""
    pool = _sentences(
        "Betrokken partijen: GGD Drenthe, welzijnswerk, SportDrenthe, Gemeenten Emmen, Zorgverzekeraar.\n\n"
        "In Emmen start in 2026 een nieuwe woonvorm voor jongeren.\n"
    )
    named = _naming(named_parts("Doet de gemeente Emmen ook mee?"))
    added = _covering(_telling(pool, names=False), [], named, lambda s: -s.position)
    assert [s.text for s in added] == ["In Emmen start in 2026 een nieuwe woonvorm voor jongeren."]
    assert len(_telling(pool, names=True)) == 2


def test_the_praatplaat_layers_come_whole_on_the_real_index(full_settings: Settings, embedder: Embedder) -> None:
    """The layers run over several passages of the toelichting, with "Doel: …" lines between
    them: the lead-in brings all seven, from Donkerblauw to Rood, in order."""
    index = open_index(full_settings, embedder)
    chunk = next(c for c in index.chunks if "2. Van binnen naar buiten:" in c.text)
    pool = sentences(index, Hit(chunk, 1.0, 0.9, None, 1))
    listed = _with_list_items(_picked(pool, "2. Van binnen naar buiten"), pool, lambda s: _next_passages(index, s))
    heads = [s.text.split(":")[0] for s in listed[1:]]
    assert heads == ["• Donkerblauw", "• Lichtblauw", "• Lichtgroen", "• Groen", "• Geel", "• Oranje", "• Rood"]
    assert len({s.hit.chunk.chunk_id for s in listed}) > 1  # the list ran on past its passage
