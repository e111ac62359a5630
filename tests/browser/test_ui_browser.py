"""End to end in headless Debian chromium: the page a person sees, its answers, feedback and filters.

Needs /usr/bin/chromium (``apt-get install chromium``) and axe-core (``npm ci`` at the repo root).
With CI=true a missing one fails the run; elsewhere the test is skipped with the install hint.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from naober.settings import Settings
from tests.browser.server import copied_settings, live_server

pytestmark = [pytest.mark.browser, pytest.mark.server]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("NAOBER_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=nl-NL"]
TIMEOUT = 60_000


def _require(ok: bool, hint: str) -> None:
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {hint}")
    pytest.skip(hint)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require(CHROMIUM.exists(), f"{CHROMIUM} is missing: install it with `sudo apt-get install chromium`")
    _require(AXE.exists(), "axe-core is missing: run `npm ci` in the repository root")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (no browser download)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(small_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Settings]]:
    settings = copied_settings(small_settings, tmp_path_factory.mktemp("browser"))
    with live_server(create_app(settings)) as url:
        yield url, settings


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical axe-core findings on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def assert_accessible(page: Any, name: str) -> None:
    found = axe_violations(page)
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
    assert not found, json.dumps(found, indent=1)


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def ask(page: Any, question: str, *, keyboard: bool = False) -> Any:
    """Type a question, send it, and return the locator of the newest answer."""
    before = page.locator(".naober-antwoord").count()
    box = page.get_by_role("textbox", name="Uw vraag")
    box.fill(question)
    if keyboard:
        box.press("Enter")
    else:
        page.get_by_role("button", name="Vraag", exact=True).click()
    page.locator(".naober-antwoord").nth(before).wait_for(timeout=TIMEOUT)
    return page.locator(".naober-antwoord").nth(before)


def test_a_person_asks_rates_and_filters(browser: Any, site: tuple[str, Settings]) -> None:
    url, settings = site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="nl-NL")
    page.set_default_timeout(TIMEOUT)
    page.goto(url + "/")

    notice = page.locator("#ai-notice")
    notice.wait_for()
    assert "AI-systeem" in notice.inner_text() and "documenten" in notice.inner_text()
    page.locator("#naober-status[aria-live='polite']").wait_for(state="attached")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert_accessible(page, "start")
    shot(page, "01-start")

    answer = ask(page, "Ik voel me eenzaam, waar kan ik terecht?")
    quote = answer.locator("li.bron blockquote mark").first
    quote.wait_for(state="visible")
    assert "Zonnebloem" in answer.inner_text() and quote.inner_text().strip()
    answer.locator("details.meer summary").first.click()
    assert answer.locator("details.meer .context").first.is_visible()
    assert "bron" in page.locator("#naober-status").inner_text()
    shot(page, "02-antwoord")

    page.get_by_role("button", name=re.compile(r"^(Vind ik leuk|Like)$")).last.click()
    page.get_by_text("Bedankt!").wait_for()
    with sqlite3.connect(settings.data_dir / "feedback.sqlite3") as db:
        rows = db.execute("SELECT rating, question, source FROM feedback").fetchall()
    assert ("up", "Ik voel me eenzaam, waar kan ik terecht?", "ui") in rows

    page.get_by_role("radio", name="Professional").check()
    page.get_by_role("combobox", name="Document").click()
    page.get_by_role("option", name="Ondersteuning thuis 2026").click()
    page.keyboard.press("Escape")
    pro = ask(page, "Waar krijg ik hulp met mijn DigiD?", keyboard=True)
    titles = {t.strip() for t in pro.locator("li.bron .bron-kop strong").all_inner_texts()}
    assert titles and all(t.endswith("Ondersteuning thuis 2026") for t in titles), titles
    pro.locator("details.passages summary").click()
    assert "score" in pro.locator("details.passages").inner_text()
    assert_accessible(page, "antwoorden")
    shot(page, "03-professional")

    page.get_by_role("tab", name="Documenten").click()
    table = page.locator("table.documenten")
    table.wait_for(state="visible")
    assert table.locator("tbody tr").count() == 3
    assert_accessible(page, "documenten")

    href = answer.locator("li.bron a").first.get_attribute("href")
    doc = browser.new_page(viewport={"width": 1000, "height": 900})
    doc.goto(url + href)
    doc.locator("mark#citaat").wait_for(state="visible")
    assert_accessible(doc, "document")
    shot(doc, "04-document")


@pytest.fixture(scope="module")
def kaart_site(catalog_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small corpus plus a werkagenda-shaped appendix, so the Sociale kaart has records."""
    settings = copied_settings(catalog_settings, tmp_path_factory.mktemp("browser-kaart"))
    with live_server(create_app(settings)) as url:
        yield url


def test_a_professional_filters_the_sociale_kaart_and_opens_a_source(browser: Any, kaart_site: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="nl-NL")
    page.set_default_timeout(TIMEOUT)
    page.goto(kaart_site + "/")
    page.get_by_role("tab", name="Sociale kaart").click()
    rows = page.locator("table.kaart-tabel tbody tr")
    rows.first.wait_for(state="visible")
    assert rows.count() >= 3

    page.locator("#kaart-thema").get_by_role("combobox", name="Thema").click()
    page.get_by_role("option", name="Mentale gezondheid", exact=True).click()
    page.get_by_text("2 inspanningen gevonden.").wait_for()
    assert {t.strip() for t in rows.locator("td:first-child").all_inner_texts()} == {
        "Steunpunt Mantelzorg Dorpen", "Praatgroep Jongeren"}
    csv_href = page.locator("a.kaart-csv").get_attribute("href")
    assert csv_href == "/api/v1/initiatives.csv?theme=Mentale+gezondheid"
    exported = page.request.get(kaart_site + csv_href).text().splitlines()
    assert exported[0].startswith("id,title,theme") and len(exported) == 3

    pick = page.get_by_role("combobox", name="Kies een inspanning om alles te zien")
    pick.click()
    pick.press("ArrowDown")  # the keyboard works too: arrow to the first record, Enter to open its card
    pick.press("Enter")
    card = page.locator("article.kaart")
    card.wait_for(state="visible")
    text = card.inner_text()
    assert "Steunpunt Mantelzorg Dorpen" in text and "Welzijn Proefregio" in text
    assert "Regiodeal Proefregio en gemeente" in text and "Staat niet in het document" in text
    link = card.get_by_role("link", name=re.compile("Open de bron op deze plek"))
    href = link.get_attribute("href")
    assert href and href.startswith("/documenten/") and "#citaat" in href
    assert_accessible(page, "sociale-kaart")
    shot(page, "05-sociale-kaart")

    doc = browser.new_page(viewport={"width": 1000, "height": 900})
    doc.goto(kaart_site + href)
    mark = doc.locator("mark#citaat")
    mark.wait_for(state="visible")
    assert "Steunpunt Mantelzorg Dorpen" in mark.inner_text() and "Welzijn Proefregio" in mark.inner_text()
    shot(doc, "06-kaart-bron")
