"""Scale-out path: the index in a real `chroma run` server (NAOBER_CHROMA_URL). Ask and search work
through the API; with the server gone /readyz says so (503) while /ask answers from the vectors of the
loaded index generation, and readiness recovers when it is back."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.bench_servers import chroma_server, free_port
from ingest.embed import Embedder
from ingest.pipeline import ingest_corpus
from naober.settings import Settings
from tests.browser.server import live_server

pytestmark = pytest.mark.server
LONELY = "Ik voel me eenzaam, waar kan ik terecht?"


def test_chroma_server_mode_and_recovery(small_settings: Settings, embedder: Embedder, tmp_path: Path) -> None:
    port = free_port()
    chroma_dir = tmp_path / "chroma"
    s = small_settings.model_copy(update={"data_dir": tmp_path / "data", "chroma_url": f"http://127.0.0.1:{port}"})
    first = chroma_server(chroma_dir, port)
    first.__enter__()
    try:
        report = ingest_corpus(s, embedder)
        assert len(report.added) == 3 and not report.failed
        assert not (s.data_dir / "chroma").exists()  # the vectors live in the server
        with live_server(create_app(s, with_ui=False)) as url, httpx.Client(base_url=url, timeout=60) as c:
            assert c.get("/readyz").json()["status"] == "ready"
            before = c.post("/api/v1/ask", json={"question": LONELY}).json()
            assert not before["refused"] and "Zonnebloem" in before["answer"]
            assert before["passages"][0]["dense"] is not None
            hits = c.get("/api/v1/search", params={"q": "boodschappen voor ouderen", "k": 3}).json()["passages"]
            assert "Boodschappendienst" in hits[0]["section"]

            first.__exit__(None, None, None)  # the Chroma server goes away
            r = c.get("/readyz")
            assert r.status_code == 503, r.text
            err = r.json()["error"]
            assert err["code"] == "store_unavailable" and "Chroma" in err["message_en"]
            assert r.headers["retry-after"]
            assert c.get("/healthz").status_code == 200
            # the loaded generation's vectors are in memory: residents keep getting answers
            during = c.post("/api/v1/ask", json={"question": LONELY}).json()
            assert during["answer"] == before["answer"] and during["citations"] == before["citations"]

            with chroma_server(chroma_dir, port):  # back, with the same data
                assert c.get("/readyz").json()["status"] == "ready"
                after = c.post("/api/v1/ask", json={"question": LONELY}).json()
                assert after["answer"] == before["answer"] and after["citations"] == before["citations"]
    finally:
        first.__exit__(None, None, None)
