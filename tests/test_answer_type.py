"""Which answer a question asks for, and when the composed answer plainly lacks it."""

from __future__ import annotations

import pytest

from rag.answer_type import expected_type, missing_type, question_parts, strong_type
from rag.query import expand


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
        ("Wie trekt de Beweegreis?", None),
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
        ("Mijn buurvrouw heeft haar man verloren. Is er hulp?", "life events"),
        ("Ik snap de brieven van de gemeente niet.", "begrijpelijk B1 taal"),
    ],
)
def test_everyday_words_bring_the_documents_words(question: str, added: str) -> None:
    expanded = expand(question)
    assert expanded.startswith(question) and added in expanded[len(question) :]


def test_a_question_without_intent_words_is_searched_as_asked() -> None:
    assert expand("Wat is de Beweegreis?") == "Wat is de Beweegreis?"


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
