"""The Sociale kaart tab without a browser: table and card HTML, and the handlers on a fake service."""

from __future__ import annotations

from typing import Any

import pytest

from ui.catalog_render import csv_url, kaart_card, kaart_table
from ui.catalog_tab import make_load, make_search, show_card

RECORD: dict[str, Any] = {
    "id": "abc123", "title": "Huiskamer <b>De Zonnebloem</b>", "theme": "Veerkrachtig samenleven",
    "document": "Werkagenda", "section": "Inspanningen Veerkrachtig samenleven 1", "description": "Een huiskamer.",
    "initiatiefnemer": "Welzijn & Co", "partners": ["Gemeente", "Dorpshuis"], "target_group": "", "planning": "2026",
    "financing": "", "scale": "", "status": "",
    "source": {"file": "w.txt", "doc_id": "d1", "line_start": 4, "line_end": 9, "page": None, "char_start": 10,
               "char_end": 90, "url": "/documenten/d1?van=10&tot=90#citaat"},
}
LISTING = {"count": 1, "themes": ["Veerkrachtig samenleven"], "initiatives": [RECORD]}


def test_table_escapes_counts_and_links_the_filtered_csv() -> None:
    out = kaart_table(LISTING, csv_url("Veerkrachtig samenleven", "Welzijn & Co", ""))
    assert "1 inspanning gevonden." in out and "<b>" not in out and "&lt;b&gt;" in out
    assert 'href="/api/v1/initiatives.csv?theme=Veerkrachtig+samenleven&amp;org=Welzijn+%26+Co"' in out
    assert "Geen inspanningen" in kaart_table({"initiatives": []}, csv_url())


def test_card_shows_every_field_marks_empty_ones_and_links_the_source_span() -> None:
    out = kaart_card(RECORD)
    for label in ("Thema", "Initiatiefnemer", "Betrokken partijen", "Doelgroep", "Planning", "Financiering", "Bron"):
        assert f"<dt>{label}</dt>" in out
    assert "Gemeente, Dorpshuis" in out and "Welzijn &amp; Co" in out and "regels 4–9" in out
    assert out.count("Staat niet in het document") == 4  # target_group, financing, scale, status: nothing invented
    assert 'href="/documenten/d1?van=10&amp;tot=90#citaat"' in out


def test_handlers_fill_choices_and_turn_errors_into_a_message() -> None:
    calls: list[tuple[str, str, str]] = []

    def fn(theme: str, org: str, q: str) -> dict[str, Any]:
        calls.append((theme, org, q))
        if org == "fout":
            raise ValueError("onbekende waarde")
        return LISTING

    theme_update, table, pick, records, _ = make_load(fn)()
    assert theme_update["choices"][0][1] == "" and ("Veerkrachtig samenleven", "Veerkrachtig samenleven") in [
        tuple(c) for c in theme_update["choices"]]
    assert "1 inspanning gevonden." in table and records == {"abc123": RECORD}
    assert pick["choices"] == [("Huiskamer <b>De Zonnebloem</b> (Veerkrachtig samenleven)", "abc123")]
    assert "Welzijn &amp; Co" in show_card("abc123", records)
    table, *_ = make_search(fn)(" Veerkrachtig ", None, "huiskamer")
    assert calls[-1] == ("Veerkrachtig", "", "huiskamer")
    table, _, records, _ = make_search(fn)("", "fout", "")
    assert 'role="alert"' in table and "onbekende waarde" in table and records == {}


@pytest.mark.parametrize("record_id", [None, "", "bestaat-niet"])
def test_no_card_without_a_known_record(record_id: str | None) -> None:
    assert "Kies hierboven een inspanning" in show_card(record_id, {"abc123": RECORD})
