"""Background ingest jobs, one at a time per process, their state in ``data_dir/jobs/{id}.json``.

State lives on disk so any worker process can answer ``GET /admin/jobs/{id}``; a job whose process
died (kill -9, crash) is reported as ``interrupted`` — the index itself is still the last commit.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest.models import IngestReport
from ingest.pipeline import IngestBusyError
from ingest.store import atomic_write

Progress = Callable[[str, int, int], None]
Work = Callable[[Progress], IngestReport]
_RUN = threading.Lock()  # one admin job at a time in this process
BUSY_WAIT_S = 600.0  # how long a job waits for another process's ingest to finish
_ID = re.compile(r"^[0-9a-f]{16}$")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class JobStore:
    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir / "jobs"

    def _path(self, job_id: str) -> Path:
        return self.dir / f"{job_id}.json"

    def create(self, kind: str, **fields: Any) -> dict[str, Any]:
        job = {"id": secrets.token_hex(8), "kind": kind, "status": "queued", "stage": "", "done": 0, "total": 0,
               "created_at": _now(), "finished_at": None, "pid": os.getpid(), "report": None, "error": None,
               **fields}
        self.save(job)
        return job

    def save(self, job: dict[str, Any]) -> None:
        atomic_write(self._path(job["id"]), json.dumps(job, ensure_ascii=False).encode("utf-8"))

    def get(self, job_id: str) -> dict[str, Any] | None:
        if not _ID.match(job_id) or not self._path(job_id).exists():
            return None
        job: dict[str, Any] = json.loads(self._path(job_id).read_text(encoding="utf-8"))
        if job["status"] in ("queued", "waiting", "running") and not _alive(int(job["pid"])):
            job["status"] = "interrupted"
            job["error"] = "het proces stopte tijdens de ingest; de index is de laatste volledige versie"
        return job


def report_dict(rep: IngestReport) -> dict[str, Any]:
    return {"added": list(rep.added), "unchanged": len(rep.unchanged), "removed": list(rep.removed),
            "failed": dict(rep.failed), "warnings": {k: list(v) for k, v in rep.warnings.items()},
            "chunks_total": rep.chunks_total, "chunks_embedded": rep.chunks_embedded,
            "sentences_embedded": rep.sentences_embedded,
            "seconds": round(rep.seconds, 2)}


def run(store: JobStore, job: dict[str, Any], work: Work, judge: Callable[[IngestReport], str | None]) -> None:
    """Run ``work`` in a daemon thread; ``judge`` turns its report into an error message or None."""

    def progress(stage: str, done: int, total: int) -> None:
        job.update(status="running", stage=stage, done=done, total=total)
        store.save(job)

    def target() -> None:
        with _RUN:
            deadline = time.monotonic() + BUSY_WAIT_S
            while True:
                try:
                    job.update(status="running")
                    store.save(job)
                    rep = work(progress)
                    break
                except IngestBusyError:
                    if time.monotonic() > deadline:
                        return _finish(store, job, None, "er liep te lang een andere ingest")
                    job.update(status="waiting")
                    store.save(job)
                    time.sleep(1.0)
                except Exception as exc:  # reported on the job, never lost in a thread
                    return _finish(store, job, None, f"{type(exc).__name__}: {exc}")
            _finish(store, job, rep, judge(rep))

    threading.Thread(target=target, name=f"naober-job-{job['id']}", daemon=True).start()


def _finish(store: JobStore, job: dict[str, Any], rep: IngestReport | None, error: str | None) -> None:
    job.update(status="failed" if error else "done", error=error, finished_at=_now(),
               report=report_dict(rep) if rep else None)
    store.save(job)
