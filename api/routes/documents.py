"""GET /api/v1/documents, /documents/{doc_id} and /documents/{doc_id}/context."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api import documents
from api.deps import IndexDep
from api.schemas import ContextOut, DocumentDetailOut, DocumentOut, ErrorOut

router = APIRouter(tags=["documenten"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}, 503: {"model": ErrorOut}}


@router.get("/documents", response_model=list[DocumentOut], responses=NOT_FOUND)
def list_documents(index: IndexDep) -> list[dict[str, Any]]:
    """De documenten waar Naober uit antwoordt."""
    return documents.listing(index)


@router.get("/documents/{doc_id}", response_model=DocumentDetailOut, responses=NOT_FOUND)
def get_document(index: IndexDep, doc_id: str) -> dict[str, Any]:
    """Metadata, secties en de volledige tekst met regel- en pagina-ankers."""
    return documents.detail(index, doc_id)


@router.get("/documents/{doc_id}/context", response_model=ContextOut,
            responses={**NOT_FOUND, 422: {"model": ErrorOut}})
def get_context(
    index: IndexDep,
    doc_id: str,
    start: Annotated[int, Query(ge=0)],
    end: Annotated[int, Query(ge=0)],
    radius: Annotated[int, Query(ge=0, le=5000)] = 600,
) -> dict[str, Any]:
    """Een geciteerde plaats met de tekst eromheen."""
    return documents.context(index, doc_id, start, end, radius)
