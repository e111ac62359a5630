"""Which answer a question asks for, and when the composed answer plainly lacks it."""

from __future__ import annotations

import pytest

from ingest.embed import Embedder
from ingest.store import open_index
from naober.settings import Settings
from rag.answer_type import absent_names, expected_type, missing_type, question_parts, strong_type, unknown_names
from rag.intents import FIELD_INTENTS
from rag.query import expand
from rag.service import _named_as
from rag.types import Citation


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Wat is het telefoonnummer van het Wmo-loket?", "telefoon"),
        ("Op welke dagen en tijden is het dorpshuis open?", "tijd"),
        ("Hoe meld ik mij aan voor de cursus?", "aanmelden"),
        ("Vergoedt mijn zorgverzekering een wandelcoach?", "vergoeding"),
        ("Hoe hoog is mijn eigen risico dit jaar?", "vergoeding"),
        ("Wie is de huidige wethouder zorg van Assen?", "persoon"),
        ("Welk bedrag heeft de regio gekregen?", "bedrag"),
        ("Wat moet ik per maand betalen voor een kamer?", "bedrag"),
        ("Hoeveel scholen doen mee?", "aantal"),
        ("Op welke dagen en tijden kan ik langskomen?", "tijd"),
        ("Wat is de naam van de projectleider bij de GGD?", "persoon"),
        ("Wanneer zijn ze klaar en wat gaat de huur kosten?", "bedrag"),
        ("Hoeveel weken moet je gemiddeld wachten?", "duur"),
        ("Welk ontwerpteam heeft de prijsvraag gewonnen?", "winnaar"),
        ("Wat waren de conclusies van de evaluatie?", "uitkomst"),
        ("Geen huisarts wil ons nog inschrijven. Doen ze er iets aan?", None),  # not asking how to register
        ("Hoe heet de dorpscoördinator in Grolloo?", "persoon"),
        ("Wie is bij Stichting Gerrit de projectleider?", "persoon"),
        ("Hoe kan ik die persoon bereiken?", "contact"),
        ("Waar is die campus gevestigd?", "adres"),
        ("Moet mijn moeder stoppen met die nieuwe pillen?", "advies"),
        ("Hoe lang is de gemiddelde wachttijd voor een intake?", "duur"),
        ("Wordt er iets gedaan voor mensen in de wachttijd?", None),  # the topic, not a duration asked
        ("Wie trekt de Beweegreis?", None),
        ("Wie is aangesteld als netwerkleider van het MGN?", "persoon"),
        ("Welk budget heeft de werkgroep vastgelegd?", "bedrag"),
        ("Wat is het doel van de lichtgroene laag op de praatplaat?", "doel"),
        ("Hoe vaak komt de werkgroep bij elkaar?", "frequentie"),
        ("Wie vormen de kern en waarvoor is het bedoeld?", "doel"),
        ("Wat is het doel voor het aantal zorgzame gemeenschappen?", None),  # a target figure, not a purpose
        ("Rond welke vijf thema's is de agenda opgebouwd?", "lijst"),
        ("Welke kleuren/lagen onderscheidt de praatplaat?", "lijst"),
        ("Wat zijn de zes regio-opgaven uit het regioplan?", "lijst"),
        ("Welke organisaties doen mee aan het netwerk?", None),  # names, not the parts of a whole
    ],
)
def test_expected_type(question: str, kind: str | None) -> None:
    assert expected_type(question) == kind


def test_a_two_part_question_is_split_at_its_second_question_word() -> None:
    q = "Wat is het adres van de herstelacademie, en wanneer kan ik er binnenlopen?"
    assert len(question_parts(q)) == 2
    assert strong_type(q) is None and strong_type("Wat is het adres van de herstelacademie?") == "adres"


def test_missing_type_needs_the_type_in_a_sentence_about_the_subject() -> None:
    q = "Hoeveel euro is er begroot voor de Beweegreis?"
    prize = "Een club kan een geldbedrag winnen van 3.000 euro. [1] De Beweegreis wordt doorontwikkeld. [2]"
    assert missing_type(q, prize) == "bedrag"  # the amount is about something else
    assert missing_type(q, "Voor de Beweegreis is € 40.000 begroot. [1]") is None
    anaphora = "De Beweegreis start in 2025. [1] Het budget bedraagt € 40.000. [2]"
    assert missing_type(q, anaphora) is None  # the subject stands in the sentence before


def test_a_year_is_not_a_count_and_an_inspanning_number_is_not_an_answer() -> None:
    q = "Hoeveel zorgteams werken er in Zuidoost-Drenthe?"
    assert missing_type(q, "In 2025 werken zorgteams in Zuidoost-Drenthe samen. [1]") == "aantal"
    assert missing_type(q, "Over de inspanning ‘4. Zorgteams’ (Zorg): zorgteams werken samen. [1]") == "aantal"
    assert missing_type(q, "In Zuidoost-Drenthe werken 12 zorgteams. [1]") is None
    assert missing_type(q, "2. Zorgteams in Zuidoost-Drenthe … [1]") == "aantal"  # a list item's number


def test_an_open_part_keeps_the_half_answer() -> None:
    q = "Wat doet het steunpunt, en wat is het telefoonnummer?"
    assert missing_type(q, "Het steunpunt helpt slachtoffers van huiselijk geweld. [1]") is None
    both = "Wat is het adres van het steunpunt, en wanneer is het open?"
    assert missing_type(both, "Het steunpunt helpt slachtoffers. [1]") == "adres"


@pytest.mark.parametrize(
    ("question", "added"),
    [
        ("Welke gemeente neemt het voortouw bij de handhaving?", "initiatiefnemer"),
        ("Wie zoekt dat uit en met welke partners?", "initiatiefnemer"),
        ("Welke inspanning helpt wachtenden, en wie nemen daarin het initiatief?", "initiatiefnemer"),
        ("Wie zit erachter?", "initiatiefnemer"),
        ("Wie trekken de netwerkvorming?", "initiatiefnemer"),
        ("Welke organisaties nemen het initiatief voor het netwerk?", "initiatiefnemer"),
        ("Welke partijen trekken het netwerk?", "initiatiefnemer"),
        ("Mijn buurvrouw heeft haar man verloren. Is er hulp?", "life events"),
        ("Ik snap de brieven van de gemeente niet.", "begrijpelijk B1 taal"),
        ("Mijn vader is al twee keer gevallen. Wordt er iets gedaan?", "valpreventie"),
        ("Doen ze iets om te voorkomen dat ouderen vallen?", "valpreventie"),
    ],
)
def test_everyday_words_bring_the_documents_words(question: str, added: str) -> None:
    expanded = expand(question)
    assert expanded.startswith(question) and added in expanded[len(question) :]


def test_a_question_without_intent_words_is_searched_as_asked() -> None:
    assert expand("Wat is de Beweegreis?") == "Wat is de Beweegreis?"
    # the scale cell is read from the record; "schaal focus" would find the tables' header lines
    assert expand("Op welke schaal werkt de Beweegreis?") == "Op welke schaal werkt de Beweegreis?"
    # "gevallen" as cases and "vallen onder" are no falls
    assert expand("In welke gevallen is er hulp?") == "In welke gevallen is er hulp?"
    assert expand("Dat is in veel gevallen zo.") == "Dat is in veel gevallen zo."
    assert expand("Welke inspanningen vallen onder de coalitie?") == "Welke inspanningen vallen onder de coalitie?"


@pytest.mark.parametrize(
    ("question", "asks_scale"),
    [
        ("Met welke partij, en op welke schaal?", True),
        ("Waar ligt de eerste geografische focus?", True),
        ("In welke plaats ligt eerst de focus?", True),
        ("In welk gebied wordt eerst gewerkt?", True),
        ("Wat is de focus van de Sociale Agenda?", False),
    ],
)
def test_where_an_inspanning_runs_is_its_scale(question: str, asks_scale: bool) -> None:
    assert any(i.field == "scale" and i.pattern.search(question) for i in FIELD_INTENTS) is asks_scale


def test_a_target_does_not_answer_how_things_stand_now() -> None:
    q = "Hoeveel zorgzame gemeenschappen zijn er op dit moment actief?"
    target = "Het doel is om eind 2026 25 zorgzame gemeenschappen te hebben. [1]"
    assert missing_type(q, target) == "aantal"
    assert missing_type("Hoeveel zorgzame gemeenschappen komen er?", target) is None  # a plan may answer a plan
    assert missing_type(q, "Er zijn nu 14 zorgzame gemeenschappen actief. [1]") is None


def test_a_year_or_the_province_name_is_no_subject() -> None:
    q = "Hoeveel zorgzame gemeenschappen waren er in Drenthe in 2025?"
    unrelated = "In Drenthe is de wet op 11 februari 2025 aangenomen. [1]"
    assert missing_type(q, unrelated) == "aantal"


def test_a_date_or_a_section_number_is_no_count() -> None:
    q = "Hoeveel buurtsportcoaches deden mee aan de Summerschool?"
    dated = "De Summerschool voor buurtsportcoaches begon op 11 februari. [1]"
    numbered = "Buurtsportcoaches: zie Thema 3 en operationeel doel 2.5.1. [1]"
    assert missing_type(q, dated) == "aantal" and missing_type(q, numbered) == "aantal"
    assert missing_type(q, "Aan de Summerschool deden 40 buurtsportcoaches mee. [1]") is None


def test_so_far_is_answered_by_what_happened_not_by_what_starts_later() -> None:
    q = "Hoeveel medewerkers hebben tot nu toe een toekomstgesprek gevoerd?"
    assert missing_type(q, "Vanaf 2026 voeren elk jaar 1000 medewerkers een toekomstgesprek. [1]") == "aantal"


def test_a_role_without_a_name_does_not_answer_who_holds_it() -> None:
    q = "Wat is de naam van de projectleider van de Gezonde School?"
    assert missing_type(q, "Gezonde School. Andere kosten projectleider: SPUK/IZA 2025. [1]") == "persoon"
    assert missing_type(q, "De Gezonde School heeft projectleider Hillene Jakobs. [1]") is None


def test_a_winner_or_a_finding_must_be_said_not_only_the_plan() -> None:
    won = "Welk team heeft de EO Wijersprijsvraag gewonnen?"
    assert missing_type(won, "Ook bij de EO Wijersprijsvraag staat gezondheid centraal. [1]") == "winnaar"
    found = "Wat waren de conclusies van de evaluatie van het Trendbureau?"
    assert missing_type(found, "We voeren in 2019 een evaluatie uit van het Trendbureau. [1]") == "uitkomst"
    assert missing_type(found, "Uit de evaluatie van het Trendbureau bleek dat het goed werkt. [1]") is None


def test_another_year_than_the_one_asked_does_not_answer() -> None:
    q = "Welke organisatie won de prijs in 2024?"
    assert missing_type(q, "Sweelpop is de winnaar van de prijs 2025. [1]") == "winnaar"
    assert missing_type(q, "De prijs van 2024 werd gewonnen door het Dorpshuis. [1]") is None


def test_a_name_the_answer_never_mentions_makes_it_no_answer() -> None:
    shown = "Het programma Kansen voor Kinderen koppelt een buddy aan het gezin. [1]"
    assert absent_names("Doet Coevorden mee met Kansen voor Kinderen?", shown) == ["Coevorden"]
    assert absent_names("Wat doet Kansen voor Kinderen?", shown) == []
    # where the asker lives is context, not the subject
    assert absent_names("Ik woon in Emmen. Is er een buddy voor mijn gezin?", shown) == []
    assert absent_names("Wie trekt FlexDrenthe500?", "Initiatiefnemer van Flex Drenthe 500: Kerngroep HR [1]") == []


def test_a_region_the_corpus_names_only_inside_another_name_is_unknown() -> None:
    corpus = "huis voor de sport groningen en regio groningen-assen werken samen in de provincie drenthe"
    assert unknown_names("Wat staat er in het plan van de regio Groningen?", corpus) == ["regio Groningen"]
    assert unknown_names("Wat staat er in het plan van de provincie Drenthe?", corpus) == []


def test_personal_medical_advice_is_never_in_a_policy_answer() -> None:
    q = "Mijn moeder valt sinds ze plaspillen slikt. Moet ze daar gewoon mee stoppen?"
    related = "Valpreventie: ouderen stoppen met onnodige medicijnen na een medicatiereview. [1]"
    assert missing_type(q, related) == "advies"


def test_a_name_in_the_question_must_stand_where_the_figure_stands() -> None:
    q = "Hoeveel inwoners van de provincie Groningen gingen naar de voedselbank?"
    elsewhere = (
        "In Drenthe maken ongeveer 3 duizend inwoners gebruik van de voedselbank. [1] "
        "Alle gemeenten in de provincie Groningen werken aan Kansen voor kinderen. [2]"
    )
    assert missing_type(q, elsewhere) == "aantal"
    assert missing_type(q, "In Groningen gingen 9 duizend inwoners naar de voedselbank. [1]") is None


def test_what_the_asker_tells_about_themselves_is_context_not_the_subject() -> None:
    corpus = "het dorpsvernieuwingsfonds van de provincie drenthe steunt dorpshuizen"
    told = "Ons dorpshuis in Zuidwolde moet worden opgeknapt. Hoeveel geld zit er in het dorpsvernieuwingsfonds?"
    assert unknown_names(told, corpus) == []
    assert absent_names("Ik ben apotheker in Zuidwest-Drenthe. Wat doet het Dorpsvernieuwingsfonds?", corpus) == []
    # a sentence that asks or requests keeps its names, first person or not
    assert unknown_names("Ik wil weten wat Zuidwolde doet. Is er een fonds?", corpus) == ["Zuidwolde"]
    assert unknown_names("Wat doet Zuidwolde met het fonds?", corpus) == ["Zuidwolde"]


def test_a_name_may_stand_in_another_cell_of_the_inspanning_that_holds_the_figure() -> None:
    q = "Met hoeveel wil de werkgroep 'Iedereen welkom' het aantal leerplekken in 2026 uitbreiden?"
    row = (
        "Over de inspanning ‘4. Uitbreiden van leerplekken’ (Arbeidsmarkt): in 2026 het aantal leerplekken "
        "vergroten met 30%; [1] Initiatiefnemer: Werkgroep ‘Iedereen welkom’. [2]"
    )
    assert missing_type(q, row) is None
    other_row = row.replace(" Initiatiefnemer", " Over de inspanning ‘5. Stage’ (Arbeidsmarkt): Initiatiefnemer")
    assert missing_type(q, other_row) == "aantal"


def test_a_source_is_also_known_by_its_publisher(small_settings: Settings, embedder: Embedder) -> None:
    index = open_index(small_settings, embedder)  # the toelichting's publisher is Dokter Drenthe
    doc_id = index.doc_id_by_file["toelichting-visual-versterking-eerstelijn-2025.txt"]
    cited = Citation(1, doc_id, "t.txt", "Toelichting Visual", "Spreekuur", None, 1, 2, 0, 10, "kernteams")
    q = "Wat zegt de toelichting van Dokter Drenthe over kernteams?"
    shown = "De kernteams worden doorontwikkeld. [1]"
    assert absent_names(q, shown) == ["Dokter Drenthe"]
    assert absent_names(q, f"{shown} {_named_as(index, cited)}") == []


def test_what_someone_told_the_asker_is_context_too() -> None:
    corpus = "de sociale voedseltuin de pluimerije in darp"
    q = "Ik woon bij Havelte en iemand vertelde me over een voedseltuin. Waar is die tuin?"
    assert unknown_names(q, corpus) == []
    assert unknown_names("Vertel me wat Havelte doet.", corpus) == ["Havelte"]  # a request keeps its names


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Door wie en in welk jaar is de dorpshub opgezet?", "moment"),
        ("Wat willen ze bereiken en tegen wanneer?", "moment"),
        ("Wanneer start het project?", "moment"),
        ("Sinds wanneer bestaat de Datawerkplaats en met hoeveel partners?", "aantal"),  # the count is checkable
        ("Wie kan ik bellen wanneer ik hulp nodig heb?", "telefoon"),
        ("Wat doet de provincie wanneer een dorp krimpt?", None),  # "wanneer" as "if"
    ],
)
def test_a_question_after_a_date_prefers_sentences_with_one_but_is_never_refused_for_lacking_it(
    question: str, asked: str | None
) -> None:
    assert expected_type(question) == asked
    if asked == "moment":
        assert strong_type(question) is None
        assert missing_type(question, "Het project gaat over mobiliteit op het platteland. [1]") is None
