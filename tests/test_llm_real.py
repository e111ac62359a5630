"""Generative answers with a real local model (``make test-llm``; NAOBER_TEST_GGUF is the GGUF path).

In process through llama-cpp-python, and through the OpenAI-compatible ``llama_cpp.server`` that
the test starts. The model is small (Qwen2.5-Coder-1.5B Q4_K_M): these tests check grounding and
plumbing, not its knowledge.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ingest.embed import Embedder
from ingest.store import Index, open_index
from naober.settings import Settings
from rag.llm import llm_for, llm_problem
from rag.service import answer
from rag.types import Answer

pytestmark = pytest.mark.llm
ROOT = Path(__file__).resolve().parents[1]
DEV = {json.loads(line)["id"]: json.loads(line) for line in (ROOT / "evals" / "dev.jsonl").open(encoding="utf-8")}
ANSWERABLE = ["q113", "q061", "q032"]  # Trendbureau, the overall goal, VELD and its ZonMw grant
UNANSWERABLE = "q152"  # mantelzorgcompliment in Hoogeveen: not in the documents


@pytest.fixture(scope="module")
def gguf() -> str:
    path = os.environ.get("NAOBER_TEST_GGUF", "")
    if not path or not Path(path).is_file():
        pytest.fail("set NAOBER_TEST_GGUF to the model from `python tools/get_test_model.py` (make test-llm does)")
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")  # before llama_cpp is imported
    return path


@pytest.fixture(scope="module")
def index(full_settings: Settings, embedder: Embedder) -> Index:
    return open_index(full_settings, embedder)


def assert_grounded(index: Index, a: Answer) -> None:
    """Every shown citation is an exact source span, every marker has one, every number is sourced."""
    assert a.citations, a.answer
    for c in a.citations:
        assert index.doc_text(c.doc_id)[c.char_start : c.char_end] == c.quote
    assert {int(n) for n in re.findall(r"\[(\d+)\]", a.answer)} == {c.n for c in a.citations}
    if a.verification.get("mode") == "generatief":
        v = a.verification
        assert v["kept"] + len(v["removed"]) == v["sentences"] and v["problems"] == []
        cited = " ".join(index.doc_text(c.doc_id) for c in a.citations)
        for number in re.findall(r"\d+", re.sub(r"\[\d+\]", "", a.answer)):
            assert number in cited, (number, a.answer)


def test_local_model_answers_dev_questions_with_verified_citations(gguf: str, index: Index,
                                                                   full_settings: Settings) -> None:
    s = full_settings.model_copy(update={"llm": f"llamacpp:{gguf}", "llm_timeout_s": 240})
    assert llm_problem(s) is None
    llm = llm_for(s)
    modes = []
    for qid in ANSWERABLE:
        a = answer(DEV[qid]["question"], index=index, settings=s, llm=llm, audience="professional")
        assert not a.refused, (qid, a.answer)
        assert_grounded(index, a)
        assert a.timings_ms["llm"] > 0 and "llm_first_token" in a.timings_ms
        modes.append(a.verification["mode"])
    assert "generatief" in modes, modes  # the model's own sentences survived verification at least once
    refused = answer(DEV[UNANSWERABLE]["question"], index=index, settings=s, llm=llm)
    assert refused.refused and not refused.citations and "llm" not in refused.timings_ms


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server(gguf: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = (tmp_path_factory.mktemp("llama_server") / "server.log").open("w")
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", gguf, "--host", "127.0.0.1", "--port", str(port),
           "--n_ctx", "4096", "--n_threads", "2", "--seed", "42", "--verbose", "False", "--model_alias", "qwen"]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "OMP_WAIT_POLICY": "passive"})
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "llama_cpp.server did not start"
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_openai_compatible_server_streams_through_the_api(llama_server: str, full_settings: Settings,
                                                          embedder: Embedder, tmp_path: Path) -> None:
    from api.app import create_app
    from tests.browser.server import copied_settings, live_server

    s = copied_settings(full_settings, tmp_path).model_copy(
        update={"llm": "openai:qwen", "llm_base_url": llama_server, "llm_timeout_s": 240}
    )
    with live_server(create_app(s, with_ui=False)) as url, httpx.Client(base_url=url, timeout=300) as c:
        assert c.get("/readyz").status_code == 200
        r = c.post("/api/v1/ask/stream", json={"question": DEV["q113"]["question"], "audience": "professional"})
        assert r.status_code == 200
    events = [dict(line.split(": ", 1) for line in block.splitlines()) for block in r.text.strip().split("\n\n")]
    names = [e.get("event") for e in events]
    assert names[0] == "answer" and names[-2:] == ["citations", "done"]
    text = "".join(json.loads(e["data"])["delta"] for e in events if e.get("event") == "answer")
    citations = json.loads(events[-2]["data"])["citations"]
    done = json.loads(events[-1]["data"])
    assert citations and not done["refused"] and done["verification"]["llm"] == "openai:qwen"
    index = open_index(s, embedder)
    for c in citations:
        assert index.doc_text(c["doc_id"])[c["char_start"] : c["char_end"]] == c["quote"]
    assert {int(n) for n in re.findall(r"\[(\d+)\]", text)} == {c["n"] for c in citations}

