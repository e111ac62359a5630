"""The sociale kaart as the API, the UI and the CLI show it: filtered records with their source.

Plain functions over an Index (no FastAPI here). Every record carries where it was read: the
file, its lines or page, the exact character span, and the document page opened at that span.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from api.errors import ApiError, unknown_filter
from ingest.catalog import Initiative
from ingest.catalog_store import to_csv
from ingest.store import Index
from rag.retrieve import resolve_docs
from ui.render import doc_url

_SOURCE = ("line_start", "line_end", "page", "char_start", "char_end")


def _not_found(record_id: str) -> ApiError:
    return ApiError(404, "initiative_not_found", f"inspanning {record_id!r} bestaat niet",
                    f"Initiative {record_id!r} does not exist; GET /api/v1/initiatives lists them.")


def _doc_ids(index: Index) -> dict[str, str]:
    return {d["file"]: doc_id for doc_id, d in index.manifest.docs.items()}


def record_dict(r: Initiative, doc_id: str | None) -> dict[str, Any]:
    """One record on the wire: its fields, and ``source`` with the span and a link to it."""
    fields = {k: v for k, v in dataclasses.asdict(r).items() if k != "source_file" and k not in _SOURCE}
    fields["partners"] = list(r.partners)
    source = {"file": r.source_file, "doc_id": doc_id, **{k: getattr(r, k) for k in _SOURCE}}
    source["url"] = doc_url(doc_id, r.char_start, r.char_end) if doc_id else None
    return {**fields, "source": source}


def select(index: Index, *, theme: str = "", q: str = "", org: str = "", doc: str = "") -> list[Initiative]:
    """Records whose theme, organisations and text contain the given words (case-insensitive).

    ``doc`` is a file name, title or doc id as in the other filters; an unknown one is a 422.
    """
    records = index.catalog.search(q=q.strip(), theme=theme.strip(), org=org.strip())
    if not doc.strip():
        return records
    try:
        wanted = resolve_docs(index, (doc.strip(),))
    except ValueError:
        raise unknown_filter("doc", doc) from None
    files = {index.manifest.docs[d]["file"] for d in wanted}
    return [r for r in records if r.source_file in files]


def listing(index: Index, *, theme: str = "", q: str = "", org: str = "", doc: str = "") -> dict[str, Any]:
    """``{"count", "themes", "initiatives"}``; ``themes`` are all themes of the catalog."""
    ids = _doc_ids(index)
    records = select(index, theme=theme, q=q, org=org, doc=doc)
    return {"count": len(records), "themes": index.catalog.themes(),
            "initiatives": [record_dict(r, ids.get(r.source_file)) for r in records]}


def detail(index: Index, record_id: str) -> dict[str, Any]:
    r = index.catalog.get(record_id)
    if r is None:
        raise _not_found(record_id)
    return record_dict(r, _doc_ids(index).get(r.source_file))


def csv_text(index: Index, *, theme: str = "", q: str = "", org: str = "", doc: str = "") -> str:
    return to_csv(select(index, theme=theme, q=q, org=org, doc=doc))
