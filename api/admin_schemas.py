"""Wire schemas of /api/v1/admin (kept apart from the public API's schemas)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

JobStatus = Literal["queued", "waiting", "running", "done", "failed", "interrupted"]


class JobReport(BaseModel):
    added: list[str]
    unchanged: int
    removed: list[str]
    failed: dict[str, str] = Field(description="bestand → reden waarom het niet is opgenomen")
    warnings: dict[str, list[str]]
    chunks_total: int
    chunks_embedded: int
    sentences_embedded: int = 0
    seconds: float


class JobOut(BaseModel):
    id: str
    kind: Literal["ingest", "delete"]
    status: JobStatus
    stage: str = Field(description="lezen of embedden")
    done: int
    total: int
    file: str
    doc_id: str
    created_at: str
    finished_at: str | None
    report: JobReport | None
    error: str | None
    status_url: str = ""
    extra: dict[str, Any] = Field(default_factory=dict, description="bytes, pagina's, vervangt een bestaand bestand")
