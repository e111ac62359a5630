"""The Sociale kaart tab: filter the initiatives, read one record's card, download the list.

    initiatives_fn(theme, org, q) -> {"count", "themes", "initiatives": [initiative objects]}

The function raises ValueError with a Dutch message; the tab never touches the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import gradio as gr

from ui import strings as s
from ui.catalog_render import csv_url, kaart_card, kaart_table

log = logging.getLogger("naober.ui")

InitiativesFn = Callable[[str, str, str], dict[str, Any]]
Records = dict[str, dict[str, Any]]


def _error(message: object) -> tuple[Any, ...]:
    shown = f'<p role="alert">{s.STATUS_ERROR.format(message=message)}</p>'
    return shown, gr.update(choices=[], value=None), {}, kaart_card(None)


def _fetch(initiatives_fn: InitiativesFn, theme: str, org: str, q: str) -> dict[str, Any] | str:
    """The listing, or the Dutch message to show instead."""
    try:
        return initiatives_fn(theme, org, q)
    except ValueError as exc:
        return str(exc)
    except Exception:
        log.exception("initiatives failed")
        return s.STATUS_FAILED


def _shown(listing: dict[str, Any], theme: str, org: str, q: str) -> tuple[Any, ...]:
    records: Records = {r["id"]: r for r in listing["initiatives"]}
    choices = [(f"{r['title']} ({r['theme']})", rid) for rid, r in records.items()]
    return (kaart_table(listing, csv_url(theme, org, q)), gr.update(choices=choices, value=None), records,
            kaart_card(None))


def make_search(initiatives_fn: InitiativesFn) -> Callable[[str, str, str], tuple[Any, ...]]:
    def search(theme: str | None, org: str | None, q: str | None) -> tuple[Any, ...]:
        theme, org, q = (theme or "").strip(), (org or "").strip(), (q or "").strip()
        listing = _fetch(initiatives_fn, theme, org, q)
        return _error(listing) if isinstance(listing, str) else _shown(listing, theme, org, q)

    return search


def make_load(initiatives_fn: InitiativesFn) -> Callable[[], tuple[Any, ...]]:
    """The full list on page load, and every theme of the catalog as the theme filter's choices."""

    def load() -> tuple[Any, ...]:
        listing = _fetch(initiatives_fn, "", "", "")
        if isinstance(listing, str):
            return (gr.update(), *_error(listing))
        choices = [(s.KAART_ALL_THEMES, ""), *((t, t) for t in listing.get("themes", []))]
        return (gr.update(choices=choices), *_shown(listing, "", "", ""))

    return load


def show_card(record_id: str | None, records: Records) -> str:
    return kaart_card(records.get(record_id or ""))


def kaart_tab(demo: gr.Blocks, initiatives_fn: InitiativesFn) -> None:
    """Build the tab's content (inside a ``gr.Tab``) and wire its events."""
    gr.Markdown(s.KAART_INTRO)
    with gr.Row():
        theme = gr.Dropdown([(s.KAART_ALL_THEMES, "")], value="", label=s.KAART_FILTER_THEME,
                            elem_id="kaart-thema")
        org = gr.Textbox(label=s.KAART_FILTER_ORG, placeholder=s.KAART_FILTER_ORG_HINT, max_lines=1,
                         elem_id="kaart-organisatie")
        q = gr.Textbox(label=s.KAART_FILTER_TEXT, placeholder=s.KAART_FILTER_TEXT_HINT, max_lines=1,
                       elem_id="kaart-zoek")
        button = gr.Button(s.KAART_SEARCH, variant="primary", elem_id="kaart-knop")
    table = gr.HTML(kaart_table({}, csv_url()), elem_id="kaart-lijst")
    pick = gr.Dropdown([], value=None, label=s.KAART_PICK, elem_id="kaart-kies")
    card = gr.HTML(kaart_card(None), elem_id="kaart-kaart")
    records = gr.State({})

    search = make_search(initiatives_fn)
    inputs, outputs = [theme, org, q], [table, pick, records, card]
    theme.change(search, inputs, outputs)
    org.submit(search, inputs, outputs)
    q.submit(search, inputs, outputs)
    button.click(search, inputs, outputs)
    pick.change(show_card, [pick, records], card, queue=False)
    demo.load(make_load(initiatives_fn), None, [theme, *outputs])
