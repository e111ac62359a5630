"""GET /healthz (the process is up) and GET /readyz (index loaded, embedder answers)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import IndexDep, SettingsDep
from api.errors import ApiError
from api.schemas import ErrorOut, Health, Ready
from rag.llm import llm_problem

router = APIRouter(tags=["status"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Ready, responses={503: {"model": ErrorOut}})
def readyz(index: IndexDep, settings: SettingsDep) -> Ready:
    try:
        index.embedder.embed_query("gereed")
    except Exception as exc:
        raise ApiError(503, "embedder_unavailable", f"het embeddingmodel werkt niet: {exc}",
                       f"The embedding model is not working: {exc}") from exc
    index.check_store()  # StoreUnavailableError → 503 store_unavailable
    if problem := llm_problem(settings):  # answers still come (extractive, with a note); readiness says why
        raise ApiError(503, "llm_unavailable", f"het taalmodel (NAOBER_LLM) werkt niet: {problem}",
                       f"The language model (NAOBER_LLM) is not working: {problem}")
    return Ready(status="ready", documents=len(index.manifest.docs), chunks=len(index.chunks),
                 embedder=index.manifest.embedder_id)
