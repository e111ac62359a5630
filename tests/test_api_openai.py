"""The OpenAI-compatible endpoint and `naober serve`, each against a real server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from api.app import create_app
from naober.settings import Settings
from tests.browser.server import copied_settings, free_port, live_server

pytestmark = pytest.mark.server
Q = "Waar helpt het Digicafé mee?"


@pytest.fixture(scope="module")
def client(small_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = copied_settings(small_settings, tmp_path_factory.mktemp("openai"))
    with live_server(create_app(settings, with_ui=False)) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def chat(client: httpx.Client, **body: Any) -> httpx.Response:
    return client.post("/v1/chat/completions", json={"model": "naober", **body})


def test_models_lists_naober(client: httpx.Client) -> None:
    assert [m["id"] for m in client.get("/v1/models").json()["data"]] == ["naober"]


def test_completion_has_sources_in_text_and_extra_field(client: httpx.Client) -> None:
    r = chat(client, messages=[{"role": "system", "content": "Je bent behulpzaam."},
                               {"role": "user", "content": Q}], temperature=0.2, max_tokens=500)
    assert r.status_code == 200, r.text
    body = r.json()
    msg = body["choices"][0]["message"]
    assert body["object"] == "chat.completion" and msg["role"] == "assistant"
    assert "Digicafé" in msg["content"] and "Bronnen:" in msg["content"]
    assert body["citations"] and all(c["quote"].strip() in msg["content"] for c in body["citations"])
    assert "AI-systeem" in msg["content"]  # first contact: the AI notice
    assert body["usage"]["total_tokens"] > 0


def test_content_parts_and_later_turns(client: httpx.Client) -> None:
    messages = [{"role": "user", "content": [{"type": "text", "text": "Wat is de huiskamer De Zonnebloem?"}]},
                {"role": "assistant", "content": "Een huiskamer in Zuidwolde."},
                {"role": "user", "content": [{"type": "text", "text": "En wie betaalt dat?"}]}]
    r = chat(client, messages=messages)
    assert r.status_code == 200, r.text
    assert "AI-systeem" not in r.json()["choices"][0]["message"]["content"]  # not first contact


def test_stream_is_openai_chunks_then_done(client: httpx.Client) -> None:
    plain = chat(client, messages=[{"role": "user", "content": Q}]).json()
    with client.stream("POST", "/v1/chat/completions",
                       json={"model": "naober", "stream": True, "messages": [{"role": "user", "content": Q}]}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        datas = [line[6:] for line in r.read().decode().splitlines() if line.startswith("data: ")]
    assert datas[-1] == "[DONE]"
    chunks = [json.loads(d) for d in datas[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert text == plain["choices"][0]["message"]["content"]
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop" and chunks[-1]["citations"]


@pytest.mark.parametrize("body", [
    {"messages": []},
    {"messages": [{"role": "assistant", "content": "hallo"}]},
    {"messages": [{"role": "user", "content": "  "}]},
    {"messages": [{"role": "user", "content": 12}]},
    {"messages": "hoi"},
    {"messages": [{"role": "user", "content": Q}], "naober": {"docs": ["onbekend.pdf"]}},
])
def test_bad_chat_requests_are_openai_style_4xx(client: httpx.Client, body: dict[str, Any]) -> None:
    r = chat(client, **body)
    assert 400 <= r.status_code < 500, r.text
    err = r.json()["error"]
    assert err["type"] == "invalid_request_error" and err["message"] and err["message_en"]


def test_naober_serve_command(small_settings: Settings) -> None:
    """`naober serve` in its own process: the uvicorn app factory, API and UI on one port."""
    port = free_port()
    env = {**os.environ, "NAOBER_DATA_DIR": str(small_settings.data_dir),
           "NAOBER_CORPUS_DIR": str(small_settings.corpus_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "naober.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        ready = _wait(f"http://127.0.0.1:{port}/readyz", proc)
        assert ready["status"] == "ready"
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=30).status_code == 200
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert b"Traceback" not in out, out.decode(errors="replace")


def _wait(url: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(proc.stdout.read().decode(errors="replace") if proc.stdout else "exited")
        try:
            r = httpx.get(url, timeout=5)
            if r.status_code == 200:
                data: dict[str, Any] = r.json()
                return data
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} not ready after {timeout}s")
