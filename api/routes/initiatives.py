"""GET /api/v1/initiatives (list), /initiatives.csv (export) and /initiatives/{id}: the sociale kaart."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api import initiatives
from api.deps import IndexDep
from api.initiative_schemas import InitiativeListOut, InitiativeOut
from api.routes.documents import NOT_FOUND
from api.schemas import ErrorOut

router = APIRouter(tags=["sociale kaart"])
ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": ErrorOut}, 503: {"model": ErrorOut}}

Theme = Annotated[str, Query(max_length=200, description="deel van de themanaam, bv. 'mentale'")]
Text = Annotated[str, Query(max_length=200, description="woorden in titel, toelichting of thema")]
Org = Annotated[str, Query(max_length=200, description="initiatiefnemer of betrokken partij")]
Doc = Annotated[str, Query(max_length=200, description="bestandsnaam, titel of doc_id")]


@router.get("/initiatives", response_model=InitiativeListOut, responses=ERRORS)
def list_initiatives(index: IndexDep, theme: Theme = "", q: Text = "", org: Org = "",
                     doc: Doc = "") -> dict[str, Any]:
    """Inspanningen en initiatieven uit de documenten, met de plek in de bron."""
    return initiatives.listing(index, theme=theme, q=q, org=org, doc=doc)


@router.get("/initiatives.csv", response_class=Response, responses={
    **ERRORS, 200: {"content": {"text/csv": {}}}})
def export_initiatives(index: IndexDep, theme: Theme = "", q: Text = "", org: Org = "",
                       doc: Doc = "") -> Response:
    """Dezelfde lijst als CSV (UTF-8, met kopregel), om te openen in een spreadsheet."""
    body = initiatives.csv_text(index, theme=theme, q=q, org=org, doc=doc)
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="sociale-kaart.csv"'})


@router.get("/initiatives/{record_id}", response_model=InitiativeOut, responses=NOT_FOUND)
def get_initiative(index: IndexDep, record_id: str) -> dict[str, Any]:
    """Eén inspanning met alle velden en de bron."""
    return initiatives.detail(index, record_id)
