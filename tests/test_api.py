"""The HTTP API against a real uvicorn server and a real index of the small corpus."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.deps import get_index
from ingest.store import IndexMissingError
from naober.settings import Settings
from tests.browser.server import copied_settings, live_server

pytestmark = pytest.mark.server

LONELY = "Ik voel me eenzaam, waar kan ik terecht?"


@pytest.fixture(scope="module")
def api_settings(small_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return copied_settings(small_settings, tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(api_settings: Settings) -> Iterator[httpx.Client]:
    with live_server(create_app(api_settings)) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def ask(client: httpx.Client, **body: Any) -> dict[str, Any]:
    r = client.post("/api/v1/ask", json=body)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


def sse(text: str) -> list[tuple[str, Any]]:
    events = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines.get("event", "message"), json.loads(lines["data"])))
    return events


def test_health_and_ready(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["documents"] == 3 and ready["chunks"] > 0


def test_ask_answers_with_citations_that_are_exact_source_spans(client: httpx.Client) -> None:
    a = ask(client, question=LONELY)
    assert not a["refused"] and "Zonnebloem" in a["answer"]
    assert set(a) >= {"question", "answer", "citations", "passages", "suggestions", "timings_ms", "verification"}
    for c in a["citations"]:
        doc = client.get(f"/api/v1/documents/{c['doc_id']}").json()
        assert doc["text"][c["char_start"] : c["char_end"]] == c["quote"]
        assert f"[{c['n']}]" in a["answer"]


def test_follow_up_question_uses_the_history(client: httpx.Client) -> None:
    history = [{"role": "user", "content": "Wat is de huiskamer De Zonnebloem in Zuidwolde?"},
               {"role": "assistant", "content": "Een huiskamer voor inwoners."}]
    a = ask(client, question="En wie betaalt dat?", history=history)
    assert a["searched_query"].startswith("Wat is de huiskamer De Zonnebloem")
    assert any("Dorpsbudget" in p["text"] for p in a["passages"][:3])


def test_professional_filter_on_one_document(client: httpx.Client) -> None:
    docs = client.get("/api/v1/documents").json()
    md = next(d for d in docs if d["file"] == "ondersteuning-thuis-2026.md")
    a = ask(client, question="Waar krijg ik hulp met DigiD?", audience="professional",
            filters={"docs": [md["file"]]})
    assert a["passages"] and {p["doc_id"] for p in a["passages"]} == {md["doc_id"]}
    assert {c["doc_id"] for c in a["citations"]} == {md["doc_id"]}
    years = ask(client, question="Wie helpt met de huisarts?", filters={"years": [2025]})
    assert {p["year"] for p in years["passages"]} == {2025}


def test_refusal_is_friendly(client: httpx.Client) -> None:
    a = ask(client, question="Hoeveel kost een parkeervergunning in Amsterdam?")
    assert a["refused"] and a["citations"] == [] and "gemeente" in a["answer"]


BAD: list[tuple[str, Any, int, str]] = [
    ("empty", {"question": ""}, 422, "question_empty"),
    ("whitespace", {"question": "   \n\t "}, 422, "question_empty"),
    ("too long", {"question": "zorg " * 401}, 422, "question_too_long"),
    ("not a string", {"question": 42}, 422, "invalid_request"),
    ("missing", {}, 422, "invalid_request"),
    ("k as text", {"question": "zorg", "k": "veel"}, 422, "invalid_request"),
    ("k too big", {"question": "zorg", "k": 500}, 422, "invalid_request"),
    ("bad audience", {"question": "zorg", "audience": "iedereen"}, 422, "invalid_request"),
    ("unknown key", {"question": "zorg", "filter": {}}, 422, "invalid_request"),
    ("history wrong type", {"question": "zorg", "history": "eerder"}, 422, "invalid_request"),
    ("unknown doc", {"question": "zorg", "filters": {"docs": ["bestaat-niet.pdf"]}}, 422, "unknown_filter"),
    ("unknown year", {"question": "zorg", "filters": {"years": [1850]}}, 422, "unknown_filter"),
    ("unknown theme", {"question": "zorg", "filters": {"themes": ["ruimtevaart"]}}, 422, "unknown_filter"),
    ("year as text", {"question": "zorg", "filters": {"years": ["vorig jaar"]}}, 422, "invalid_request"),
]


@pytest.mark.parametrize(("name", "body", "status", "code"), BAD, ids=[b[0] for b in BAD])
@pytest.mark.parametrize("path", ["/api/v1/ask", "/api/v1/ask/stream"])
def test_bad_input_is_a_clear_4xx(client: httpx.Client, path: str, name: str, body: Any, status: int,
                                  code: str) -> None:
    r = client.post(path, json=body)
    assert r.status_code == status, (name, r.text)
    err = r.json()["error"]
    assert err["code"] == code and err["message"] and err["message_en"]


@pytest.mark.parametrize("raw", [b'{"question": ', b"vraag=zorg", b"[1, 2", b"\xff\xfe"])
def test_malformed_json_is_400(client: httpx.Client, raw: bytes) -> None:
    r = client.post("/api/v1/ask", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "malformed_json"


def test_stream_sends_answer_then_citations_then_done(client: httpx.Client) -> None:
    plain = ask(client, question=LONELY)
    with client.stream("POST", "/api/v1/ask/stream", json={"question": LONELY}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        events = sse(r.read().decode("utf-8"))
    names = [n for n, _ in events]
    assert names[-2:] == ["citations", "done"] and set(names[:-2]) == {"answer"}
    assert "".join(d["delta"] for n, d in events if n == "answer") == plain["answer"]
    assert events[-2][1]["citations"] == plain["citations"]
    assert events[-1][1]["refused"] is False


def test_search_ranks_passages(client: httpx.Client) -> None:
    r = client.get("/api/v1/search", params={"q": "boodschappen voor ouderen", "k": 3})
    hits = r.json()["passages"]
    assert r.status_code == 200 and len(hits) == 3 and [h["rank"] for h in hits] == [1, 2, 3]
    assert "Boodschappendienst" in hits[0]["section"]
    bad_params: list[dict[str, str | int]] = [{"q": " "}, {"q": "zorg", "k": 0}, {"k": 3},
                                              {"q": "zorg", "doc": "x.pdf"}]
    for params in bad_params:
        bad = client.get("/api/v1/search", params=params)
        assert bad.status_code == 422 and bad.json()["error"]["message_en"], params


def test_documents_with_sections_and_anchors(client: httpx.Client) -> None:
    docs = client.get("/api/v1/documents").json()
    assert {d["file"] for d in docs} == {"dorpshuiskamer.pdf", "ondersteuning-thuis-2026.md",
                                         "toelichting-visual-versterking-eerstelijn-2025.txt"}
    pdf = client.get("/api/v1/documents/dorpshuiskamer.pdf").json()
    assert pdf["pages"] == 3 and len(pdf["page_starts"]) == 3 and pdf["sections"]
    text = pdf["text"]
    assert text[pdf["page_starts"][1] :].startswith("Hoofdstuk 2")
    assert all(text[s - 1] == "\n" for s in pdf["line_starts"][1:])
    ctx = client.get(f"/api/v1/documents/{pdf['doc_id'][:12]}/context", params={"start": 40, "end": 60}).json()
    assert ctx["quote"] == text[40:60] and ctx["page"] == 1
    assert client.get("/api/v1/documents/onbekend").status_code == 404
    assert client.get(f"/api/v1/documents/{pdf['doc_id']}/context",
                      params={"start": 5, "end": 10**7}).status_code == 422


def test_document_page_opens_at_the_cited_place(client: httpx.Client) -> None:
    c = ask(client, question=LONELY)["citations"][0]
    r = client.get(f"/documenten/{c['doc_id']}", params={"van": c["char_start"], "tot": c["char_end"]})
    assert r.status_code == 200 and '<html lang="nl">' in r.text
    assert '<mark id="citaat">' in r.text and 'id="p-1"' in r.text


def test_feedback_is_stored_and_questions_stay_out_of_the_logs(
    client: httpx.Client, api_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Geheime vraag over mijn buurvrouw Klaasje"
    caplog.set_level(logging.DEBUG)
    client.post("/api/v1/ask", json={"question": secret})
    client.get("/api/v1/search", params={"q": secret})
    r = client.post("/api/v1/feedback", json={"question": secret, "answer": "Een antwoord.", "rating": "up",
                                              "comment": "duidelijk"})
    assert r.status_code == 201, r.text
    with sqlite3.connect(Path(api_settings.data_dir) / "feedback.sqlite3") as db:
        row = db.execute("SELECT rating, question, comment FROM feedback WHERE id = ?", (r.json()["id"],)).fetchone()
    assert row == ("up", secret, "duidelijk")
    server_side = [r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    assert any("feedback" in m for m in server_side)
    assert not [m for m in server_side if "Klaasje" in m]
    for bad in ({"question": secret, "answer": "x", "rating": "meh"}, {"question": "", "answer": "x", "rating": "up"}):
        assert client.post("/api/v1/feedback", json=bad).status_code == 422


def test_ui_is_mounted_at_root(client: httpx.Client) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "gradio" in r.text.lower()
    assert client.get("/openapi.json").json()["info"]["title"] == "Naober API"


def test_missing_index_is_503_not_500(api_settings: Settings) -> None:
    app = create_app(api_settings, with_ui=False, warm=False)

    def missing() -> None:
        raise IndexMissingError("geen index gevonden; draai eerst `naober ingest`")

    app.dependency_overrides[get_index] = missing
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as c:
        assert c.get("/healthz").status_code == 200
        for r in (c.get("/readyz"), c.post("/api/v1/ask", json={"question": LONELY}), c.get("/api/v1/documents")):
            assert r.status_code == 503 and r.json()["error"]["code"] == "index_unavailable"


def test_an_unexpected_failure_is_a_json_500_without_the_question(api_settings: Settings) -> None:
    app = create_app(api_settings, with_ui=False, warm=False)

    def broken() -> None:
        raise RuntimeError("stuk")

    app.dependency_overrides[get_index] = broken
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as c:
        r = c.post("/api/v1/ask", json={"question": LONELY})
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
