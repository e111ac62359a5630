"""HTML for the Sociale kaart tab: the filtered table and one record's card.

Built from the API's initiative objects (``GET /api/v1/initiatives``), plain dicts.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from ui import strings as s
from ui.render import esc, where

CSV_PATH = "/api/v1/initiatives.csv"
_CARD_FIELDS = (
    ("theme", s.KAART_THEME),
    ("document", s.KAART_DOCUMENT),
    ("section", s.KAART_SECTION),
    ("description", s.KAART_DESCRIPTION),
    ("initiatiefnemer", s.KAART_LEAD),
    ("partners", s.KAART_PARTNERS),
    ("target_group", s.KAART_TARGET),
    ("planning", s.KAART_PLANNING),
    ("financing", s.KAART_FINANCING),
    ("scale", s.KAART_SCALE),
    ("status", s.KAART_STATUS),
)


def csv_url(theme: str = "", org: str = "", q: str = "") -> str:
    query = urlencode({k: v for k, v in (("theme", theme), ("org", org), ("q", q)) if v})
    return f"{CSV_PATH}?{query}" if query else CSV_PATH


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def kaart_table(listing: dict[str, Any], csv_href: str) -> str:
    """The count (a live status line), the CSV link and the table of records."""
    records = listing.get("initiatives", [])
    count = s.KAART_COUNT_ONE if len(records) == 1 else s.KAART_COUNT.format(n=len(records))
    download = (f'<p><a href="{esc(csv_href)}" download="sociale-kaart.csv" class="kaart-csv">'
                f"{s.KAART_CSV}</a></p>")
    if not records:
        return f'<p role="status" aria-live="polite">{s.KAART_NONE}</p>'
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in s.KAART_COLUMNS)
    rows = []
    for r in records:
        cells = (r["title"], r["theme"], _short(r["initiatiefnemer"]), _short(r["planning"]), r["document"])
        rows.append("<tr>" + "".join(f"<td>{esc(v) if v else '–'}</td>" for v in cells) + "</tr>")
    return (f'<p role="status" aria-live="polite">{count}</p>{download}'
            f'<table class="documenten kaart-tabel"><caption class="sr-only">{s.TAB_KAART}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _value(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if isinstance(value, list):
        value = ", ".join(value)
    return esc(value) if value else f'<span class="leeg">{s.KAART_EMPTY}</span>'


def kaart_card(record: dict[str, Any] | None) -> str:
    """All fields of one record, and a link that opens the document at the record's source."""
    if not record:
        return f"<p>{s.KAART_PICK_HINT}</p>"
    src = record["source"]
    rows = "".join(f"<dt>{label}</dt><dd>{_value(record, key)}</dd>" for key, label in _CARD_FIELDS)
    place = where(src)
    rows += f"<dt>{s.KAART_SOURCE}</dt><dd>{esc(src['file'])}{' · ' + esc(place) if place else ''}</dd>"
    link = ""
    if src.get("url"):
        link = (f'<p><a class="kaart-bron" href="{esc(src["url"])}" target="_blank" rel="noopener">'
                f'{s.KAART_OPEN_SOURCE}<span class="sr-only"> {s.SOURCE_NEW_TAB}</span></a></p>')
    return (f'<article class="kaart" aria-labelledby="kaart-{esc(record["id"])}">'
            f'<h3 id="kaart-{esc(record["id"])}">{esc(record["title"])}</h3><dl>{rows}</dl>{link}</article>')
