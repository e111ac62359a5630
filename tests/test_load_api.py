"""Load: 16 concurrent clients for ~10 s against /api/v1/ask on `naober serve --workers 2` (real
processes sharing one index read-only). 0 errors; the figures are printed. `make bench` runs 60 s."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from api.bench import line, run
from api.bench_servers import naober_server
from naober.settings import Settings
from tests.browser.server import copied_settings

pytestmark = pytest.mark.server


def test_sixteen_clients_two_workers_no_errors(small_settings: Settings, tmp_path: Path) -> None:
    s = copied_settings(small_settings, tmp_path)
    env = {"NAOBER_DATA_DIR": str(s.data_dir), "NAOBER_CORPUS_DIR": str(s.corpus_dir),
           "NAOBER_API__RATE_LIMIT_PER_MINUTE": "0"}
    with naober_server(env, workers=2) as url:
        r = asyncio.run(run(url, 16, duration=10))
    print("\n" + line("embedded 2w", r))
    assert r["errors"] == 0, r["error_kinds"]
    assert r["requests"] >= 16 and r["rps"] > 0
