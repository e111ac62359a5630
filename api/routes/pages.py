"""GET /documenten/{doc_id}: a document as a readable page, opened at a cited place."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from api import documents
from api.deps import IndexDep
from ui.document_page import document_page

router = APIRouter(tags=["pagina's"], include_in_schema=False)


@router.get("/documenten/{doc_id}", response_class=HTMLResponse)
def document_view(
    index: IndexDep,
    doc_id: str,
    van: Annotated[int | None, Query(ge=0)] = None,
    tot: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    return HTMLResponse(document_page(documents.detail(index, doc_id), van, tot))
