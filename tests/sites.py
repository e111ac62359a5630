"""Helpers for tests that change the corpus: a private copy of the small index, admin calls, job polling."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import httpx

from naober.settings import Settings

TOKEN = "test-admin-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def writable_settings(settings: Settings, into: Path, **api: Any) -> Settings:
    """The small index and its corpus copied, with an admin token and the given API limits."""
    shutil.copytree(settings.data_dir, into / "data")
    shutil.copytree(settings.corpus_dir, into / "corpus")
    return settings.model_copy(update={"data_dir": into / "data", "corpus_dir": into / "corpus",
                                       "admin_token": TOKEN,
                                       "api": settings.api.model_copy(update=api)})


def upload(client: httpx.Client, name: str, data: bytes, headers: dict[str, str] | None = None,
           **fields: str) -> httpx.Response:
    return client.post("/api/v1/admin/documents", files={"file": (name, data)}, data=fields,
                       headers=AUTH if headers is None else headers)


def wait_job(client: httpx.Client, job_id: str, timeout: float = 120.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/v1/admin/jobs/{job_id}", headers=AUTH).json()
        if job["status"] in ("done", "failed", "interrupted"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")
