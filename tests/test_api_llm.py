"""The API with NAOBER_LLM set to a server that does not answer: not ready, yet every answer comes
(extractive, with a note), streamed, and never a hang or a 500."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from api.app import create_app
from naober.settings import Settings
from rag.prompts import NOTE_LLM_UNAVAILABLE
from tests.browser.server import copied_settings, live_server

pytestmark = pytest.mark.server
Q = "Wie helpt mij met DigiD in Hoogeveen?"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def client(small_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    s = copied_settings(small_settings, tmp_path_factory.mktemp("api_llm")).model_copy(
        update={"llm": "openai:qwen", "llm_base_url": f"http://127.0.0.1:{closed_port()}/v1", "llm_timeout_s": 5}
    )
    with live_server(create_app(s, with_ui=False)) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def events(text: str) -> list[tuple[str, Any]]:
    out = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        data = lines["data"]
        out.append((lines.get("event", "message"), data if data == "[DONE]" else json.loads(data)))
    return out


def test_readyz_names_the_unreachable_model(client: httpx.Client) -> None:
    r = client.get("/readyz")
    assert r.status_code == 503 and r.json()["error"]["code"] == "llm_unavailable"


def test_ask_falls_back_to_extractive_with_a_note(client: httpx.Client) -> None:
    r = client.post("/api/v1/ask", json={"question": Q})
    assert r.status_code == 200
    a = r.json()
    assert not a["refused"] and a["citations"] and a["note"] == NOTE_LLM_UNAVAILABLE
    assert a["verification"]["fallback"] == "llm_error"


def test_stream_falls_back_and_keeps_the_event_contract(client: httpx.Client) -> None:
    r = client.post("/api/v1/ask/stream", json={"question": Q})
    assert r.status_code == 200
    ev = events(r.text)
    names = [name for name, _ in ev]
    assert names[0] == "answer" and names[-2:] == ["citations", "done"]
    text = "".join(d["delta"] for name, d in ev if name == "answer")
    assert "Digicafé" in text and ev[-1][1]["note"] == NOTE_LLM_UNAVAILABLE
    assert client.post("/api/v1/ask/stream", json={"question": "  "}).status_code == 422


def test_openai_stream_falls_back(client: httpx.Client) -> None:
    body = {"model": "naober", "stream": True, "messages": [{"role": "user", "content": Q}]}
    r = client.post("/v1/chat/completions", json=body)
    assert r.status_code == 200
    ev = events(r.text)
    assert ev[-1][1] == "[DONE]" and ev[-2][1]["choices"][0]["finish_reason"] == "stop"
    text = "".join(e["choices"][0]["delta"].get("content", "") for _, e in ev[:-1])
    assert "Digicafé" in text and "Bronnen:" in text
