"""The sociale kaart over HTTP (real uvicorn, real index) and in the CLI.

The index holds the small corpus plus tests/fixtures/werkagenda-proef-2025.txt, a werkagenda-shaped
appendix that the real extractor reads: two themes, three inspanningen, one field left open (n.t.b.).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from api.app import create_app
from naober import settings as settings_mod
from naober.cli import app as cli_app
from naober.settings import Settings
from tests.browser.server import copied_settings, live_server

pytestmark = pytest.mark.server

FILE = "werkagenda-proef-2025.txt"
STEUNPUNT = {
    "title": "Steunpunt Mantelzorg Dorpen",
    "theme": "Mentale gezondheid",
    "document": "Werkagenda Proefregio 2025",
    "initiatiefnemer": "Welzijn Proefregio",
    "partners": ["Gemeente Proefstad", "huisartsen", "Stichting Mantelzorg Drenthe"],
    "planning": "Q1 2026: eerste steunpunt open Q4 2026: vijf steunpunten open",
    "financing": "Regiodeal Proefregio en gemeente",
    "scale": "Lokaal",
}


@pytest.fixture(scope="module")
def kaart_settings(catalog_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return copied_settings(catalog_settings, tmp_path_factory.mktemp("kaart-api"))


@pytest.fixture(scope="module")
def client(kaart_settings: Settings) -> Iterator[httpx.Client]:
    app = create_app(kaart_settings, with_ui=False, warm=False)
    with live_server(app) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def get(client: httpx.Client, path: str, **params: str) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def werkagenda(client: httpx.Client, **params: str) -> list[dict[str, Any]]:
    data = get(client, "/api/v1/initiatives", doc=FILE, **params)
    assert data["count"] == len(data["initiatives"])
    return list(data["initiatives"])


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_list_has_every_row_with_its_fields_and_nothing_invented(client: httpx.Client) -> None:
    records = werkagenda(client)
    assert [(r["theme"], r["title"]) for r in records] == [
        ("Mentale gezondheid", "Steunpunt Mantelzorg Dorpen"),
        ("Mentale gezondheid", "Praatgroep Jongeren"),
        ("Vitaal ouder worden", "Valpreventie Thuis"),
    ]
    assert {k: records[0][k] for k in STEUNPUNT} == STEUNPUNT
    praat = records[1]
    assert praat["initiatiefnemer"] == "GGD Proefregio" and praat["partners"] == ["Scholen", "jongerenwerk"]
    assert praat["financing"] == "" and praat["scale"] == ""  # 'n.t.b.' and no cell: left empty
    everything = get(client, "/api/v1/initiatives")
    assert {"Mentale gezondheid", "Vitaal ouder worden"} <= set(everything["themes"])
    assert everything["count"] >= 3


def test_every_record_cites_its_exact_source_span_and_links_the_document_page(client: httpx.Client) -> None:
    for r in werkagenda(client):
        src = r["source"]
        doc = get(client, f"/api/v1/documents/{src['doc_id']}")
        assert doc["file"] == src["file"] == FILE
        span = doc["text"][src["char_start"] : src["char_end"]]
        for value in (r["title"], r["initiatiefnemer"], *r["partners"], r["planning"], r["financing"]):
            assert squash(value) in squash(span), value
        assert src["line_start"] == doc["text"].count("\n", 0, src["char_start"]) + 1
        assert src["line_start"] <= src["line_end"] and src["page"] is None
        assert src["url"] == f"/documenten/{src['doc_id']}?van={src['char_start']}&tot={src['char_end']}#citaat"
        page = client.get(src["url"])
        assert page.status_code == 200 and '<mark id="citaat">' in page.text


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"theme": "mentale"}, {"Steunpunt Mantelzorg Dorpen", "Praatgroep Jongeren"}),
        ({"theme": "Vitaal ouder worden"}, {"Valpreventie Thuis"}),
        ({"org": "welzijn proefregio"}, {"Steunpunt Mantelzorg Dorpen", "Valpreventie Thuis"}),
        ({"org": "GGD"}, {"Praatgroep Jongeren"}),
        ({"q": "mantelzorgers"}, {"Steunpunt Mantelzorg Dorpen"}),
        ({"q": "vallen", "theme": "mentale"}, set()),
        ({"doc": "Werkagenda Proefregio 2025", "theme": "vitaal"}, {"Valpreventie Thuis"}),
    ],
)
def test_filters(client: httpx.Client, params: dict[str, str], titles: set[str]) -> None:
    data = get(client, "/api/v1/initiatives", **params)
    assert {r["title"] for r in data["initiatives"]} == titles and data["count"] == len(titles)


def test_one_record_by_id_and_a_clear_404(client: httpx.Client) -> None:
    first = werkagenda(client)[0]
    assert get(client, f"/api/v1/initiatives/{first['id']}") == first
    r = client.get("/api/v1/initiatives/bestaat-niet")
    assert r.status_code == 404
    err = r.json()["error"]
    assert err["code"] == "initiative_not_found" and "bestaat niet" in err["message"] and err["message_en"]


@pytest.mark.parametrize(
    ("params", "code"),
    [({"doc": "bestaat-niet.txt"}, "unknown_filter"), ({"q": "x" * 201}, "invalid_request")],
)
def test_bad_filters_are_a_clear_422(client: httpx.Client, params: dict[str, str], code: str) -> None:
    for path in ("/api/v1/initiatives", "/api/v1/initiatives.csv"):
        r = client.get(path, params=params)
        assert r.status_code == 422, r.text
        assert r.json()["error"]["code"] == code


def test_csv_export_uses_the_same_filters(client: httpx.Client) -> None:
    r = client.get("/api/v1/initiatives.csv", params={"theme": "mentale", "doc": FILE})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "sociale-kaart.csv" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["title"] for row in rows] == ["Steunpunt Mantelzorg Dorpen", "Praatgroep Jongeren"]
    assert rows[0]["partners"] == "Gemeente Proefstad; huisartsen; Stichting Mantelzorg Drenthe"
    assert rows[0]["source_file"] == FILE and rows[0]["financing"] == STEUNPUNT["financing"]


def test_openapi_documents_the_routes(client: httpx.Client) -> None:
    paths = get(client, "/openapi.json")["paths"]
    assert {"/api/v1/initiatives", "/api/v1/initiatives.csv", "/api/v1/initiatives/{record_id}"} <= set(paths)


@pytest.fixture
def cli(kaart_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("NAOBER_DATA_DIR", str(kaart_settings.data_dir))
    monkeypatch.setenv("COLUMNS", "200")
    settings_mod.get_settings.cache_clear()
    yield CliRunner()
    settings_mod.get_settings.cache_clear()


def test_cli_table_json_and_csv(cli: CliRunner, tmp_path: Path) -> None:
    table = cli.invoke(cli_app, ["catalog", "--theme", "mentale"])
    assert table.exit_code == 0, table.output
    assert "Steunpunt Mantelzorg Dorpen" in table.output and "Welzijn Proefregio" in table.output
    assert "Valpreventie" not in table.output

    as_json = cli.invoke(cli_app, ["catalog", "--org", "welzijn proefregio", "--json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert [r["title"] for r in data["initiatives"]] == ["Steunpunt Mantelzorg Dorpen", "Valpreventie Thuis"]
    assert data["initiatives"][0]["source"]["file"] == FILE

    out = tmp_path / "kaart.csv"
    written = cli.invoke(cli_app, ["catalog", "--q", "vallen", "--csv", str(out)])
    assert written.exit_code == 0, written.output
    assert [row["title"] for row in csv.DictReader(out.open(encoding="utf-8"))] == ["Valpreventie Thuis"]

    bad = cli.invoke(cli_app, ["catalog", "--doc", "bestaat-niet.txt"])
    assert bad.exit_code == 2 and "onbekende waarde" in bad.output
