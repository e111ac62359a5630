"""GET /api/v1/search: ranked passages only, no composed answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api import answering
from api.deps import IndexDep, SettingsDep
from api.routes.ask import ERRORS
from api.schemas import SearchOut

router = APIRouter(tags=["zoeken"])


@router.get("/search", response_model=SearchOut, responses=ERRORS)
def search(
    index: IndexDep,
    settings: SettingsDep,
    q: Annotated[str, Query(description="zoekvraag")],
    k: Annotated[int, Query(ge=1, le=50)] = 10,
    doc: Annotated[list[str] | None, Query(description="alleen dit document")] = None,
    year: Annotated[list[int] | None, Query()] = None,
    theme: Annotated[list[str] | None, Query()] = None,
) -> SearchOut:
    """Passages op volgorde van relevantie."""
    filters = answering.make_filters(index, doc or [], year or [], theme or [])
    hits = answering.search(index, settings, q, k, filters)
    return SearchOut.model_validate({"query": q, "passages": hits})
