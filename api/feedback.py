"""Feedback in SQLite under the data dir (stdlib sqlite3). Questions go to the database, never to logs."""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger("naober.feedback")

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    comment TEXT,
    source TEXT NOT NULL DEFAULT 'api'
)
"""


@dataclass(frozen=True, slots=True)
class Feedback:
    question: str
    answer: str
    rating: str  # "up" | "down"
    comment: str | None = None
    source: str = "api"  # "api" | "ui"


class FeedbackStore:
    """One SQLite file; a connection per call, so threads and worker processes can share it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ready = False
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        with self._lock:
            if not self._ready:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with sqlite3.connect(self.path, timeout=10) as db:
                    db.execute("PRAGMA journal_mode=WAL")
                    db.execute(SCHEMA)
                self._ready = True
        return sqlite3.connect(self.path, timeout=10)

    def add(self, fb: Feedback) -> int:
        if fb.rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', not {fb.rating!r}")
        db = self._connect()
        try:
            with db:
                cur = db.execute(
                    "INSERT INTO feedback (created_at, rating, question, answer, comment, source) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (datetime.now(UTC).isoformat(timespec="seconds"), fb.rating, fb.question, fb.answer,
                     fb.comment, fb.source),
                )
                row_id = int(cur.lastrowid or 0)
        finally:
            db.close()
        log.info("feedback id=%d rating=%s source=%s", row_id, fb.rating, fb.source)
        return row_id

    def recent(self, limit: int = 50) -> list[dict[str, object]]:
        db = self._connect()
        try:
            db.row_factory = sqlite3.Row
            rows = db.execute("SELECT * FROM feedback ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        finally:
            db.close()
        return [dict(r) for r in rows]


def store_for(data_dir: Path) -> FeedbackStore:
    return FeedbackStore(data_dir / "feedback.sqlite3")
