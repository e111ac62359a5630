"""kill -9 a real ``naober ingest`` at several points of adding a document; after every kill the
committed index answers exactly as before (document fully out) or holds the document completely."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ingest.models import sha256_hex
from naober.settings import Settings
from tests.conftest import CORPUS, ROOT
from tests.sites import writable_settings

pytestmark = pytest.mark.server
NEW_CHARS = 20_000  # ~36 chunks: two embedding batches of 32
ARTIFACTS = ROOT / "tests" / "artifacts"


def _env(s: Settings, cache: Path) -> dict[str, str]:
    return {**os.environ, "NAOBER_DATA_DIR": str(s.data_dir), "NAOBER_CACHE_DIR": str(cache),
            "PYTHONPATH": str(ROOT)}


def probe(s: Settings, cache: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "tests.crash_probe"], env=_env(s, cache), cwd=ROOT,
                         capture_output=True, text=True, timeout=180, check=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _embedded(s: Settings) -> int:
    try:
        with sqlite3.connect(f"file:{s.data_dir / 'chroma' / 'chroma.sqlite3'}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM embeddings").fetchone()[0])
    except sqlite3.Error:
        return -1


def triggers(s: Settings, new_id: str) -> list[tuple[str, Callable[[], bool]]]:
    """(name, condition) pairs; the ingest is killed as soon as the condition holds."""
    base = _embedded(s)
    chunks_before = set((s.data_dir / "chunks").iterdir())
    manifest_mtime = (s.data_dir / "manifest.json").stat().st_mtime_ns
    return [
        ("after parsing, before embedding", lambda: (s.data_dir / "docs" / f"{new_id}.txt").exists()),
        ("after the first embedded batch", lambda: _embedded(s) > base),
        ("after the chunk file, around the manifest write",
         lambda: bool(set((s.data_dir / "chunks").iterdir()) - chunks_before)),
        ("after the commit, during clean-up",
         lambda: (s.data_dir / "manifest.json").stat().st_mtime_ns != manifest_mtime),
    ]


def kill_when(s: Settings, cache: Path, condition: Callable[[], bool], timeout: float = 240) -> float:
    proc = subprocess.Popen([sys.executable, "-m", "naober.cli", "ingest", str(s.corpus_dir)], env=_env(s, cache),
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.monotonic()
    try:
        while not condition():
            if proc.poll() is not None:
                return -1.0  # finished before the point was reached
            assert time.monotonic() - t0 < timeout, "ingest took too long"
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
        return time.monotonic() - t0
    finally:
        proc.wait(timeout=30)


def test_kill_9_during_ingest_never_breaks_the_index(small_settings: Settings, tmp_path: Path) -> None:
    s = writable_settings(small_settings, tmp_path)
    cache = tmp_path / "cache"  # empty: the new document is really embedded
    new = (CORPUS / "jaarverslag-sociale-agenda-2025.txt").read_text(encoding="utf-8")[:NEW_CHARS]
    (s.corpus_dir / "jaarverslag-deel-2025.txt").write_text(new, encoding="utf-8")
    new_id = sha256_hex(new.encode("utf-8"))
    baseline = probe(s, cache)
    assert new_id not in baseline["docs"]
    log = []
    for name, condition in triggers(s, new_id):
        after = kill_when(s, cache, condition)
        state = probe(s, cache)
        assert state["chunks_missing_in_chroma"] == 0 and state["chunk_counts_match"], (name, state)
        if new_id in state["docs"]:
            assert set(state["docs"]) == {*baseline["docs"], new_id}, name
            outcome = "document fully in"
        else:
            assert state == baseline, name  # the previous index answers exactly as before
            outcome = "document fully out, previous answers identical"
        log.append({"kill point": name, "killed after s": round(after, 2), "outcome": outcome})
    final = kill_when(s, cache, lambda: False)
    assert final == -1.0 and new_id in probe(s, cache)["docs"]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "crash-kill-points.json").write_text(json.dumps(log, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(log, indent=1, ensure_ascii=False))
    assert sum(e["killed after s"] > 0 for e in log) >= 3, log
