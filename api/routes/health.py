"""GET /healthz (the process is up) and GET /readyz (index loaded, embedder answers)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import IndexDep
from api.errors import ApiError
from api.schemas import ErrorOut, Health, Ready

router = APIRouter(tags=["status"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Ready, responses={503: {"model": ErrorOut}})
def readyz(index: IndexDep) -> Ready:
    try:
        index.embedder.embed_query("gereed")
    except Exception as exc:
        raise ApiError(503, "embedder_unavailable", f"het embeddingmodel werkt niet: {exc}",
                       f"The embedding model is not working: {exc}") from exc
    return Ready(status="ready", documents=len(index.manifest.docs), chunks=len(index.chunks),
                 embedder=index.manifest.embedder_id)
