"""A stand-alone, accessible HTML page of one document, opened at a cited place.

Every line has an anchor ``#r-N`` and every page ``#p-N``; the cited span is a ``<mark id="citaat">``.
Built from the API's document object (``GET /api/v1/documents/{doc_id}``).
"""

from __future__ import annotations

from typing import Any

from ui import strings as s
from ui.render import esc

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:0 auto;
padding:1rem;color:#1a1a1a;background:#fff;line-height:1.5}
a{color:#0b4f9c}a:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
.tekst{white-space:pre-wrap;font-family:inherit;border-top:1px solid #ccc;padding-top:1rem}
.ln{display:inline-block;width:3.5em;color:#555;font-size:.8em;user-select:none}
.pagina{display:block;margin:1rem 0 .5rem;font-weight:700;color:#333;border-bottom:1px dashed #999}
mark{background:#ffe066;color:#000;padding:0 .1em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:700}
"""


def _markers(detail: dict[str, Any], start: int | None, end: int | None) -> list[tuple[int, int, str]]:
    """(offset, order, html) insertions: page headings, line numbers, the citation mark."""
    out: list[tuple[int, int, str]] = []
    for n, off in enumerate(detail.get("page_starts") or [], start=1):
        out.append((off, 0, f'<span class="pagina" id="p-{n}">Pagina {n}</span>'))
    for n, off in enumerate(detail["line_starts"], start=1):
        out.append((off, 1, f'<span class="ln" id="r-{n}" aria-hidden="true">{n}</span>'))
    if start is not None and end is not None and 0 <= start <= end <= len(detail["text"]):
        out.append((start, 2, '<mark id="citaat">'))
        out.append((end, -1, "</mark>"))
    return sorted(out)


def text_html(detail: dict[str, Any], start: int | None = None, end: int | None = None) -> str:
    text, parts, pos = detail["text"], [], 0
    for off, _, tag in _markers(detail, start, end):
        parts.append(esc(text[pos:off].replace("\f", "")))
        parts.append(tag)
        pos = off
    parts.append(esc(text[pos:].replace("\f", "")))
    return "".join(parts)


def _sections(detail: dict[str, Any]) -> str:
    items = []
    for sec in detail["sections"]:
        anchor = f"p-{sec['page']}" if sec.get("page") else f"r-{sec.get('line_start') or 1}"
        items.append(f'<li><a href="#{anchor}">{esc(sec["section"] or detail["title"])}</a></li>')
    return f'<nav aria-labelledby="inhoud"><h2 id="inhoud">{s.DOC_PAGE_SECTIONS}</h2><ul>{"".join(items)}</ul></nav>'


def document_page(detail: dict[str, Any], start: int | None = None, end: int | None = None) -> str:
    meta = [("Bestand", detail["file"]), ("Uitgever", detail.get("publisher")), ("Jaar", detail.get("year")),
            ("Soort", detail.get("kind"))]
    dl = "".join(f"<dt>{k}</dt><dd>{esc(v)}</dd>" for k, v in meta if v)
    cited = f'<p><a href="#citaat">{s.DOC_PAGE_CITED}</a></p>' if start is not None else ""
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(detail['title'])} – {s.TITLE}</title><style>{CSS}</style></head><body>"
        f'<header><p><a href="/">{s.DOC_PAGE_BACK}</a></p><h1>{esc(detail["title"])}</h1><dl>{dl}</dl>'
        f"{cited}</header>{_sections(detail)}"
        f'<main><h2>Tekst</h2><div class="tekst">{text_html(detail, start, end)}</div></main></body></html>'
    )
