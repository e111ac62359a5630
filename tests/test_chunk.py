"""Chunking keeps provenance: chunks tile their document, carry sections, and tables give rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ingest.chunk import chunk_document
from ingest.clean import clean, clean_text, sentence_spans
from ingest.load import load_file, load_sources, load_text_bytes
from ingest.models import Chunk, ParsedDoc, SourceMeta
from ingest.sentences import chunk_sentences
from naober.settings import ChunkSettings
from tests import pdfs
from tests.conftest import CORPUS

CFG = ChunkSettings()
SOURCES = load_sources(CORPUS)
FILES = sorted(p.name for p in CORPUS.glob("*.txt"))


def split_sentences(text: str) -> list[str]:
    """The sentences ``sentence_spans`` finds in a cleaned text, as strings."""
    return [text[a:b] for a, b in sentence_spans(text)]


def _doc(name: str) -> ParsedDoc:
    return load_file(CORPUS / name, SOURCES.get(name))


def assert_rebuilds(doc: ParsedDoc) -> None:
    chunks = chunk_document(doc, CFG)
    assert chunks
    pos, rebuilt = 0, []
    for c in chunks:
        gap = doc.text[pos : c.char_start]
        assert not gap.strip(), f"text lost between chunks: {gap[:80]!r}"
        rebuilt += [gap, doc.text[c.char_start : c.char_end]]
        assert clean(doc.text, c.char_start, c.char_end).text == c.text
        pos = c.char_end
    assert not doc.text[pos:].strip()
    assert "".join(rebuilt) + doc.text[pos:] == doc.text


def _chunks_of(text: str) -> tuple[ParsedDoc, list[Chunk]]:
    """A made-up text document, checked to rebuild from its chunks, and those chunks."""
    doc = load_text_bytes(text.encode(), SourceMeta("doc.txt", "Doc"))
    assert_rebuilds(doc)
    return doc, chunk_document(doc, CFG)


@pytest.mark.parametrize("name", FILES)
def test_chunks_rebuild_each_corpus_document(name: str) -> None:
    assert_rebuilds(_doc(name))


def test_chunks_rebuild_a_pdf_and_know_their_page(tmp_path: Path) -> None:
    doc = load_file(pdfs.write(tmp_path / "a.pdf", pdfs.text_pdf()))
    assert_rebuilds(doc)
    chunks = chunk_document(doc, CFG)
    pages = {c.page for c in chunks}
    assert pages == {1, 2, 3}
    assert all(c.line_start is None for c in chunks)
    steunpunt = next(c for c in chunks if "Steunpunt Mantelzorg" in c.text)
    assert steunpunt.page == 2


@pytest.mark.parametrize("name", FILES)
def test_chunk_sizes_fit_the_model(name: str) -> None:
    sizes = [len(c.text) for c in chunk_document(_doc(name), CFG)]
    assert max(sizes) <= CFG.max_chars + 400  # one over-long sentence may stretch a chunk
    assert sorted(sizes)[len(sizes) // 2] >= 300


def test_line_numbers_point_at_the_text() -> None:
    doc = _doc("werkagenda-gezonde-marke-2025.txt")
    lines = doc.text.split("\n")
    for c in chunk_document(doc, CFG)[:50]:
        assert c.line_start is not None and c.line_end is not None
        first_line = lines[c.line_start - 1].strip()
        assert first_line and first_line in doc.text[c.char_start : c.char_end]


def test_every_inspanning_row_is_its_own_chunk_with_theme_and_title() -> None:
    chunks = chunk_document(_doc("werkagenda-gezonde-marke-2025.txt"), CFG)
    rows = [c for c in chunks if c.kind == "inspanning"]
    themes = {c.theme for c in rows}
    assert {"Gezondheid en leefstijl", "Mentale gezondheid", "Digitalisering"} <= themes
    beweeg = [c for c in rows if c.section.endswith("5. Beweegreis")]
    assert beweeg and beweeg[0].theme == "Gezondheid en leefstijl"
    assert all(c.header().startswith("Werkagenda Gezonde Marke") for c in rows)
    assert "Inspanningen Gezondheid en leefstijl › 5. Beweegreis" in beweeg[0].embedding_text()


def test_sections_are_detected() -> None:
    chunks = chunk_document(_doc("jaarverslag-sociale-agenda-2025.txt"), CFG)
    assert any(c.section.startswith("NAOBERSCHAP") for c in chunks)
    regio = chunk_document(_doc("regioplan-drenthe-iza.txt"), CFG)
    assert any("1.2 Sterke sociale basis" in c.section for c in regio)


def test_chunk_ids_are_content_derived() -> None:
    a = chunk_document(_doc("toelichting-visual-versterking-eerstelijn-2025.txt"), CFG)
    b = chunk_document(_doc("toelichting-visual-versterking-eerstelijn-2025.txt"), CFG)
    assert [c.chunk_id for c in a] == [c.chunk_id for c in b]
    assert len({c.chunk_id for c in a}) == len(a)


def test_cleaning_keeps_a_map_to_the_source() -> None:
    src = "Het **regioplan** beschrijft ontwikke-\nlingen in Zuid-\nDrenthe.<br>Zorg- en\nwelzijn <i>samen</i>."
    c = clean(src)
    assert c.text == "Het regioplan beschrijft ontwikkelingen in Zuid-Drenthe. Zorg- en welzijn samen."
    for a, b in sentence_spans(c.text):
        s, e = c.source_span(a, b)
        assert clean_text(src[s:e]) == c.text[a:b]


def test_a_list_item_keeps_the_paragraphs_that_follow_it() -> None:
    """A chunk that must be cut is cut before its last list item, not between an item and its
    "Doel: …" line: that line never names the item it belongs to."""
    filler = "Deze tekst vult de ruimte tussen de onderdelen van de plaat op. " * 3
    items = "\n\n".join(
        f"• {colour}: de laag van {colour.lower()}. {filler}\n\nDoel: het doel van de {colour.lower()} laag. {filler}"
        for colour in ("Blauw", "Groen", "Geel", "Rood", "Paars")
    )
    text = f"Inleiding\n\nDe plaat heeft lagen.\n\n{items}\n"
    _, chunks = _chunks_of(text)
    assert len(chunks) >= 2
    for colour in ("Blauw", "Groen", "Geel", "Rood", "Paars"):
        item = next(c for c in chunks if f"• {colour}:" in c.text)
        assert f"het doel van de {colour.lower()} laag" in item.text
    assert all(c.text.startswith(("Inleiding", "•")) for c in chunks)


def test_a_bullet_glued_to_a_full_stop_starts_a_sentence() -> None:
    """HTML lists extracted without spaces ("….• Komt het …"): the last item must not drown in one
    over-long sentence that is cut off before it."""
    text = (
        "Idealiter: • Wordt het beheerd door inwoners.• Komt het op een schaal van 500 tot 3000 inwoners."
        "• Klaar?• Ja"
    )
    assert split_sentences(text) == [
        "Idealiter:",
        "• Wordt het beheerd door inwoners.",
        "• Komt het op een schaal van 500 tot 3000 inwoners.",
        "• Klaar?",
        "• Ja",
    ]


def test_a_list_number_opens_its_item_not_closes_the_sentence_before() -> None:
    """Wrapped lists come out of the PDF as one line ("• Sociaal 2. Beschikbare zorg 3. …"): the
    number belongs to the item after it. A number a word counts, or one without a neighbour in
    its list, stays where it is."""
    text = (
        "Onze inzet beschrijven we binnen 5 thema’s: • Kennis: 1. Kennis, Drenthe leert • Sociaal "
        "2. Beschikbare zorg 3. Onderwijskwaliteit, iedereen doet mee"
    )
    assert split_sentences(text) == [
        "Onze inzet beschrijven we binnen 5 thema’s:",
        "• Kennis:",
        "1. Kennis, Drenthe leert",
        "• Sociaal",
        "2. Beschikbare zorg",
        "3. Onderwijskwaliteit, iedereen doet mee",
    ]
    for plain in ("Het budget is 5. Daarna volgt meer.", "Zie stap 1. Doe dan stap 2. Klaar."):
        assert all(not s.startswith(("1.", "2.", "5.")) for s in split_sentences(plain))


def test_a_marker_alone_is_no_sentence() -> None:
    """"• a. Het hanteren …" and a paragraph opening "2. Beschikbare …" are one item each, not a
    marker sentence and a headless one; a number after an item's short head opens its own item."""
    assert split_sentences("• a. Het hanteren van een netwerkaanpak • b. Het versterken van de sociale basis") == [
        "• a. Het hanteren van een netwerkaanpak",
        "• b. Het versterken van de sociale basis",
    ]
    assert split_sentences("2. Beschikbare en toegankelijke zorg") == ["2. Beschikbare en toegankelijke zorg"]
    assert split_sentences("• Fysiek 4. Kwaliteit leefgebieden") == ["• Fysiek", "4. Kwaliteit leefgebieden"]
    assert split_sentences("Dat zijn er 12. Ook is er meer.") == ["Dat zijn er 12.", "Ook is er meer."]


def test_consecutive_numbered_lines_are_a_list_not_sections() -> None:
    """"3. Onderwijskwaliteit …" right under "2. Beschikbare zorg …" is the list's next item: the
    five thema's stay in one chunk with their lead-in, and no item becomes a section."""
    text = (
        "1.5 Thema's\n\nOnze inzet beschrijven we binnen 5 thema's die we hier toelichten:\n\n"
        "• Sociaal\n\n2. Beschikbare en toegankelijke zorg en gezondheid en vitaliteit door sport en bewegen\n\n"
        "3. Onderwijskwaliteit en toegang arbeidsmarkt\n\n• Fysiek\n4. Kwaliteit leefgebieden\n\n"
        "5. Bereikbare bovenlokale voorzieningen\n\nDrenthe leert\nWe zorgen voor kennis.\n\n"
        "1. Werken\n\nHier begint een echt hoofdstuk.\n"
    )
    _, chunks = _chunks_of(text)
    listed = next(c for c in chunks if "Onze inzet" in c.text)
    assert "5. Bereikbare bovenlokale voorzieningen" in listed.text and listed.section == "1.5 Thema's"
    assert not any(c.section.startswith(("3.", "5.")) for c in chunks)
    assert any(c.section == "1. Werken" for c in chunks)  # a number after prose still heads a section


def test_a_signed_letter_keeps_its_signature_and_the_next_part_heads_a_section() -> None:
    """The werkagenda's voorwoord: the name under "Namens de kerngroep Gezonde Marke," signs it and
    is no section; "Inleiding" straight under the signature is one, blank line or not."""
    text = (
        "Voorwoord\nMet trots presenteren we de werkagenda. Deze agenda is een routekaart.\n\n"
        "Namens de kerngroep Gezonde Marke,\n\nErik Mulder\nVoorzitter kerngroep Gezonde Marke\n"
        " Inleiding\nOnze gedeelde ambitie\nIn het netwerk werken we samen aan een vitaal Drenthe.\n"
    )
    doc, chunks = _chunks_of(text)
    assert [c.section for c in chunks] == ["Voorwoord", "Inleiding"]
    assert "Erik Mulder" in chunks[0].text and chunks[1].text.startswith("Inleiding")
    # the signature is a sentence of the letter, also when a passage starts at it
    signed = replace(chunks[0], char_start=text.index("Erik"), text="")
    assert [s.text for s in chunk_sentences(doc.text, signed)] == ["Erik Mulder Voorzitter kerngroep Gezonde Marke"]


def test_sentences_respect_dutch_abbreviations() -> None:
    text = "Dit gebeurt o.a. in Assen, bijv. bij de GGD. Daarna volgt Emmen."
    assert split_sentences(text) == [
        "Dit gebeurt o.a. in Assen, bijv. bij de GGD.",
        "Daarna volgt Emmen.",
    ]
