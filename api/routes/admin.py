"""/api/v1/admin: upload or remove a document (a background ingest job) and follow the job.

Disabled (404) unless NAOBER_ADMIN_TOKEN is set; every call needs ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from api import admin, uploads
from api.admin_schemas import JobOut
from api.deps import AdminDep, JobsDep, SettingsDep
from api.errors import ApiError
from api.schemas import ErrorOut
from api.upload_form import read_upload

router = APIRouter(prefix="/admin", tags=["beheer"])
ERRORS: dict[int | str, dict[str, Any]] = {s: {"model": ErrorOut} for s in (401, 404, 409, 411, 413, 415, 422)}
UPLOAD_DOC = {"requestBody": {"content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary", "description": "PDF, TXT of MD"},
                   "title": {"type": "string"}, "year": {"type": "integer"}, "theme": {"type": "string"}}}}}}}


def _out(job: dict[str, Any]) -> JobOut:
    extra = {k: job[k] for k in ("bytes", "pages", "replaces") if k in job}
    return JobOut.model_validate({**job, "status_url": f"/api/v1/admin/jobs/{job['id']}", "extra": extra})


@router.post("/documents", status_code=202, response_model=JobOut, responses=ERRORS, openapi_extra=UPLOAD_DOC)
async def upload_document(request: Request, _: AdminDep, settings: SettingsDep, jobs: JobsDep) -> JobOut:
    """Voeg een document toe (of vervang het); de ingest loopt op de achtergrond."""
    form = await read_upload(request, settings.api.upload_max_bytes)
    up = await run_in_threadpool(uploads.check_upload, settings, form.name, form.data, title=form.title,
                                 year=form.year, theme=form.theme)
    return _out(admin.submit_upload(settings, jobs, up))


@router.delete("/documents/{doc_id}", status_code=202, response_model=JobOut, responses=ERRORS)
def delete_document(doc_id: str, _: AdminDep, settings: SettingsDep, jobs: JobsDep) -> JobOut:
    """Haal een document uit de index (het bestand wordt bewaard onder data/removed/)."""
    return _out(admin.submit_delete(settings, jobs, doc_id))


@router.get("/jobs/{job_id}", response_model=JobOut, responses=ERRORS)
def get_job(job_id: str, _: AdminDep, jobs: JobsDep) -> JobOut:
    """Voortgang en verslag van een ingest-taak."""
    job = jobs.get(job_id)
    if job is None:
        raise ApiError(404, "job_not_found", f"geen taak met id {job_id!r}", f"No job with id {job_id!r}.")
    return _out(job)
