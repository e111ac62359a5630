"""Security headers, the CORS allow-list, per-address rate limiting and privacy of the logs."""

from __future__ import annotations

import logging

import httpx
import pytest

from api.app import create_app
from api.ratelimit import RateLimiter
from naober.settings import ApiSettings, Settings
from tests.browser.server import live_server

pytestmark = pytest.mark.server
SECRET = "Geheime vraag over mijn buurvrouw Klaasje en haar schulden"


def test_token_bucket_refills() -> None:
    now = [0.0]
    rl = RateLimiter(per_minute=60, burst=2, clock=lambda: now[0])
    assert rl.take("a") == 0 and rl.take("a") == 0 and rl.take("a") == pytest.approx(1.0)
    assert rl.take("b") == 0  # per address
    now[0] = 1.0
    assert rl.take("a") == 0 and not RateLimiter(0, 5).take("a")


def test_headers_cors_and_rate_limit(small_settings: Settings) -> None:
    s = small_settings.model_copy(update={"api": ApiSettings(rate_limit_per_minute=6, rate_limit_burst=3,
                                                             cors_origins=("https://www.drenthe.nl",))})
    with live_server(create_app(s)) as url, httpx.Client(base_url=url, timeout=60) as c:
        ui = c.get("/")
        csp = ui.headers["content-security-policy"]
        assert ui.status_code == 200 and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        for r in (ui, c.get("/api/v1/documents"), c.get("/healthz")):
            assert r.headers["x-content-type-options"] == "nosniff"
            assert r.headers["referrer-policy"] == "no-referrer" and r.headers["x-frame-options"] == "DENY"
        assert "cdn.jsdelivr.net" in c.get("/docs").headers["content-security-policy"]
        assert "cdn.jsdelivr.net" not in csp

        pre = {"Origin": "https://www.drenthe.nl", "Access-Control-Request-Method": "POST"}
        ok = c.options("/api/v1/ask", headers=pre)
        assert ok.headers["access-control-allow-origin"] == "https://www.drenthe.nl"
        evil = c.get("/api/v1/documents", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in evil.headers

        statuses = [c.post("/api/v1/ask", json={"question": "zorg"}) for _ in range(4)]
        assert [r.status_code for r in statuses[:3]] == [200, 200, 200]
        limited = statuses[3]
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        assert limited.json()["error"]["code"] == "rate_limited"
        assert c.get("/api/v1/search", params={"q": "zorg"}).status_code == 200  # only the ask endpoints


@pytest.mark.parametrize("log_questions", [False, True])
def test_question_text_is_logged_only_when_switched_on(small_settings: Settings, log_questions: bool,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    s = small_settings.model_copy(update={"log_questions": log_questions})
    caplog.set_level(logging.DEBUG)
    with live_server(create_app(s, with_ui=False)) as url, httpx.Client(base_url=url, timeout=60) as c:
        a = c.post("/api/v1/ask", json={"question": SECRET}).json()
        c.post("/api/v1/ask/stream", json={"question": SECRET})
        c.post("/v1/chat/completions", json={"model": "naober", "messages": [{"role": "user", "content": SECRET}]})
        c.get("/api/v1/search", params={"q": SECRET})
        c.post("/api/v1/ask", json={"question": SECRET, "filters": {"docs": [SECRET]}})
    server_side = [r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    assert any(m.startswith("answer refused=") for m in server_side)  # ids, timings, counts
    leaked = [m for m in server_side if "Klaasje" in m or a["answer"][:40] in m]
    assert bool(leaked) == log_questions, leaked
    assert all(r.name.startswith(("naober.questions", "httpx", "httpcore"))
               for r in caplog.records if "Klaasje" in r.getMessage())
