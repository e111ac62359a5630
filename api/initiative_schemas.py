"""Wire schemas of /api/v1/initiatives: the sociale kaart's records with their source."""

from __future__ import annotations

from pydantic import BaseModel, Field


class InitiativeSourceOut(BaseModel):
    file: str
    doc_id: str | None = Field(description="het document in GET /api/v1/documents/{doc_id}")
    line_start: int
    line_end: int
    page: int | None
    char_start: int = Field(description="begin van de rij in de brontekst van het document")
    char_end: int
    url: str | None = Field(description="de documentpagina, geopend op deze plek")


class InitiativeOut(BaseModel):
    id: str
    title: str
    theme: str
    document: str = Field(description="titel van het brondocument")
    section: str
    description: str
    initiatiefnemer: str
    partners: list[str]
    target_group: str
    planning: str
    financing: str
    scale: str
    status: str
    source: InitiativeSourceOut


class InitiativeListOut(BaseModel):
    count: int
    themes: list[str] = Field(description="alle thema's van de sociale kaart (niet alleen die van dit resultaat)")
    initiatives: list[InitiativeOut]
