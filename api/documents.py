"""Documents as the API and the UI show them: metadata, sections, anchored text, a cited place."""

from __future__ import annotations

from typing import Any

from api.errors import ApiError
from ingest.store import Index

_META = ("file", "title", "publisher", "year", "kind", "chunks", "pages", "lines", "chars")


def _not_found(doc_id: str) -> ApiError:
    return ApiError(404, "document_not_found", f"document {doc_id!r} bestaat niet",
                    f"Document {doc_id!r} does not exist; GET /api/v1/documents lists them.")


def resolve(index: Index, doc_id: str) -> str:
    """A full doc id from a doc id, a unique prefix of at least 8 characters, or a file name."""
    docs = index.manifest.docs
    if doc_id in docs:
        return doc_id
    found = [d for d, m in docs.items() if m.get("file") == doc_id or (len(doc_id) >= 8 and d.startswith(doc_id))]
    if len(found) != 1:
        raise _not_found(doc_id)
    return found[0]


def summary(doc_id: str, meta: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"doc_id": doc_id, **{k: meta.get(k) for k in _META}}
    out["title"] = out["title"] or meta.get("file", doc_id)
    out["publisher"] = out["publisher"] or ""
    out["kind"] = out["kind"] or ""
    out["warnings"] = list(meta.get("warnings") or [])
    return out


def listing(index: Index) -> list[dict[str, Any]]:
    docs = index.manifest.docs
    return sorted((summary(d, m) for d, m in docs.items()), key=lambda d: (d["title"].casefold(), d["file"]))


def sections(index: Index, doc_id: str) -> list[dict[str, Any]]:
    """Consecutive chunks of one section folded into one entry, in document order."""
    out: list[dict[str, Any]] = []
    for c in sorted((c for c in index.chunks if c.doc_id == doc_id), key=lambda c: c.char_start):
        last = out[-1] if out else None
        if last and last["section"] == c.section:
            last["char_end"] = max(last["char_end"], c.char_end)
            last["line_end"] = c.line_end if c.line_end is not None else last["line_end"]
            continue
        out.append({"section": c.section, "theme": c.theme, "kind": c.kind, "char_start": c.char_start,
                    "char_end": c.char_end, "page": c.page, "line_start": c.line_start, "line_end": c.line_end})
    return out


def line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def page_starts(text: str) -> list[int]:
    if "\f" not in text:
        return []
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\f"]


def detail(index: Index, doc_id: str) -> dict[str, Any]:
    doc_id = resolve(index, doc_id)
    text = index.doc_text(doc_id)
    return {**summary(doc_id, index.manifest.docs[doc_id]), "sections": sections(index, doc_id), "text": text,
            "line_starts": line_starts(text), "page_starts": page_starts(text)}


def context(index: Index, doc_id: str, start: int, end: int, radius: int = 600) -> dict[str, Any]:
    """The cited span with the text around it, cut at word boundaries."""
    doc_id = resolve(index, doc_id)
    text = index.doc_text(doc_id)
    if not 0 <= start <= end <= len(text):
        raise ApiError(422, "span_out_of_range", f"de plaats {start}-{end} ligt buiten het document",
                       f"The span {start}-{end} lies outside the document (length {len(text)}).")
    a, b = max(0, start - radius), min(len(text), end + radius)
    while 0 < a < start and not text[a - 1].isspace():
        a += 1
    while start < b < len(text) and not text[b].isspace():
        b -= 1
    return {
        "doc_id": doc_id, "title": index.manifest.docs[doc_id].get("title") or doc_id,
        "before": text[a:start], "quote": text[start:end], "after": text[end:b],
        "page": text.count("\f", 0, start) + 1 if "\f" in text else None,
        "line_start": text.count("\n", 0, start) + 1, "line_end": text.count("\n", 0, end) + 1,
    }
