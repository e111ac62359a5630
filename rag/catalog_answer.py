"""Answer questions about inspanningen from the catalog records, each line with its citation.

"Welke inspanningen vallen onder mentale gezondheid?", "Wie trekt de Beweegreis?", "Wie betaalt
Kansrijke Start?": a list of passages answers these badly; the records answer them directly.
Every shown value is located in the record's source span and cited as an exact span.
"""

from __future__ import annotations

import re

from ingest.catalog import Initiative
from ingest.clean import clean
from ingest.lexical import normalise, stems
from ingest.store import Index
from rag.answer_type import named_parts
from rag.intents import FIELD_INTENTS
from rag.types import Citation, Hit

_LIST = re.compile(
    r"\b(welke|wat\s+voor|overzicht|lijst)\b.*\b(inspanning\w*|initiatie\w*|project\w*|activiteit\w*|programma\w*)",
    re.I,
)
_PLURAL = re.compile(r"\b(inspanningen|initiatieven|projecten|activiteiten|programma'?s)\b", re.I)
MAX_LIST = 12


def locate(index: Index, r: Initiative, value: str) -> tuple[int, int] | None:
    """Exact source span of ``value`` (a cleaned field) inside the record's span."""
    doc_id = index.doc_id_by_file.get(r.source_file)
    if not doc_id or not value:
        return None
    c = clean(index.doc_text(doc_id), r.char_start, r.char_end)
    at = c.text.find(value)
    return None if at < 0 else c.source_span(at, at + len(value))


def _records_for_hits(index: Index, hits: list[Hit]) -> list[Initiative]:
    out: list[Initiative] = []
    for h in hits:
        c = h.chunk
        for r in index.catalog.records:
            if r.source_file == c.file and r.char_start <= c.char_start < r.char_end and r not in out:
                out.append(r)
    return out


def _theme_records(index: Index, question: str) -> list[Initiative]:
    q = set(stems(question))
    fits = {t: len(set(stems(t))) for t in index.catalog.themes() if set(stems(t)) and set(stems(t)) <= q}
    best = max(fits.values(), default=0)
    return [r for r in index.catalog.records if fits.get(r.theme, -1) == best]


def catalog_answer(index: Index, question: str, hits: list[Hit]) -> tuple[str, tuple[Citation, ...], bool] | None:
    """A record-based answer, or None when the question is not about inspanningen or their fields.

    Returns (text, citations, complete): a field answer is not complete — the caller adds passage
    sentences for the rest of the question; a list of inspanningen is.
    """
    try:
        catalog = index.catalog
    except (OSError, ValueError):
        return None
    if not catalog.records:
        return None
    fields = [(i.field, i.label) for i in FIELD_INTENTS if i.pattern.search(question)]
    top = _records_for_hits(index, [h for h in hits[:3] if h.chunk.kind == "inspanning"])
    if fields and top and _about(index, top[0], question):
        lines: list[str] = []
        cites: list[Citation] = []
        for field, label in fields:
            got = _field_line(index, top[0], field, label, len(cites) + 1)
            if got:
                lines.append(got[0])
                cites.append(got[1])
        return (" ".join(lines), tuple(cites), False) if cites else None
    if _LIST.search(question):
        # a theme's whole list, or the inspanningen found; "welke inspanning richt zich op …" asks
        # for one, which the passage answer gives better than a list
        if not _PLURAL.search(question):
            return None
        found = _records_for_hits(index, [h for h in hits[:8] if h.chunk.kind == "inspanning"])
        records = _theme_records(index, question) or found
        listed = _list_answer(index, records[:MAX_LIST]) if records else None
        return (*listed, True) if listed else None
    return None


def _about(index: Index, r: Initiative, question: str) -> bool:
    """The question asks about this inspanning: it names nothing, or a name it uses stands in the
    row, its title, theme or document. "Wanneer start het steunpunt Intieme Terreur?" is not
    answered with the Planning of another row that retrieval ranked high."""
    named = [part for _, parts in named_parts(question) for part in parts]
    if not named:
        return True
    doc_id = index.doc_id_by_file.get(r.source_file, "")
    row = index.doc_text(doc_id)[r.char_start : r.char_end] if doc_id else ""
    text = _squashed(f"{r.title} {r.theme} {r.document} {row}")
    return any(_squashed(part) in text for part in named)


def _squashed(text: str) -> str:
    """Letters and digits only: "FlexDrenthe500" is found as "FlexDrenthe 500"."""
    return re.sub(r"[\W_]+", "", normalise(text))


def _citation(index: Index, r: Initiative, n: int, span: tuple[int, int]) -> Citation:
    doc_id = index.doc_id_by_file[r.source_file]
    text = index.doc_text(doc_id)
    s, e = span
    paged = r.page is not None
    return Citation(
        n=n,
        doc_id=doc_id,
        file=r.source_file,
        title=r.document,
        section=f"{r.theme} › {r.title}",
        page=text.count("\f", 0, s) + 1 if paged else None,
        line_start=None if paged else text.count("\n", 0, s) + 1,
        line_end=None if paged else text.count("\n", 0, e) + 1,
        char_start=s,
        char_end=e,
        quote=text[s:e],
    )


def _field_line(index: Index, r: Initiative, field: str, label: str, n: int) -> tuple[str, Citation] | None:
    value = str(getattr(r, field)) if field != "partners" else ""
    probe = r.partners[0] if field == "partners" and r.partners else value
    span = locate(index, r, probe) if probe else None
    if not span:
        return None
    if field == "partners" and len(r.partners) > 1:
        last = locate(index, r, r.partners[-1])
        span = (span[0], last[1]) if last and last[1] > span[0] else span
    cite = _citation(index, r, n, span)
    return f"{label} van ‘{r.title}’ ({r.theme}): {clean(cite.quote).text} [{n}]", cite


def listed_title(title: str) -> str:
    """An inspanning's title as lists name it: without the parenthesised addition
    ("Basisset interventies Gezond Leven (Doorlopende levenslijn)" → "Basisset interventies Gezond Leven")."""
    return title.split(" (")[0]


def _list_answer(index: Index, records: list[Initiative]) -> tuple[str, tuple[Citation, ...]] | None:
    lines: list[str] = []
    cites: list[Citation] = []
    for r in records:
        span = locate(index, r, listed_title(r.title)[:60])
        if not span:
            continue
        n = len(cites) + 1
        cites.append(_citation(index, r, n, span))
        who = f" — initiatiefnemer: {r.initiatiefnemer}" if r.initiatiefnemer and len(r.initiatiefnemer) < 80 else ""
        lines.append(f"• {r.title} ({r.theme}){who} [{n}]")
    if not cites:
        return None
    return "Deze inspanningen passen bij uw vraag:\n" + "\n".join(lines), tuple(cites)
