"""A catalogue of initiatives (inspanningen, regio-afspraken, projecten) extracted from the corpus.

Deterministic and literal: every non-empty field is text of the record's own source span,
normalised by ``ingest.clean``. The werkagenda's appendix tables are read here, cell by cell;
the other document structures live in ``ingest.catalog_docs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.clean import clean
from ingest.models import ParsedDoc, sha256_hex
from ingest.tables import Table, TableRow, find_tables


@dataclass(frozen=True, slots=True)
class Initiative:
    id: str
    title: str
    theme: str
    document: str
    section: str
    description: str
    initiatiefnemer: str
    partners: tuple[str, ...]
    target_group: str
    planning: str
    financing: str
    scale: str
    status: str
    source_file: str
    line_start: int
    line_end: int
    page: int | None
    char_start: int
    char_end: int


# A cell label starts a line (or follows a wide gap on it); the cell runs to the next label.
_LABELS: dict[str, str] = {
    "initiatiefnemer": r"Initiatiefnemers?(?:\s+en\s+betrokken\s+partijen)?[ \t]*:",
    "partners": r"Betrokken\s+partijen[ \t]*:?",
    "target_group": r"Hoe\s+betrekken\s+we\s+de\s+doelgroep[ \t]*\??",
    "effect": r"(?:Wat\s+is\s+het\s+\(verwachte\)\s+ervaren\s+effect\s+op\s+(?:de\s+)?doelgroep"
    r"|Verwachte\s+ervaren\s+effect)[ \t]*[?:]?",
    "planning": r"Globale\s+planning[ \t]*:?",
    "financing": r"(?:\w+(?:-\w+)+\s+)?[Ff]inanciering\b(?:\s+(?:punt\s+\d|pilots))?[ \t]*:?",
    "scale": r"Schaal[ \t]*/?[ \t]*focus[ \t]*:?",
    "result": r"Gewenste\s+resultaat(?:en)?[ \t]*:?",
    "conditions": r"Aandachtspunten[ \t]*/?\s*randvoorwaarden[ \t]*:*",
}
_LABEL = re.compile(
    # mid-line after one space only with a colon: "Nog uit te werken Globale planning:" (two cells on a line)
    r"(?:^|(?<=[ \t]{2})|(?<=[a-z.] )(?=[A-Z][^\n:]{0,40}:))[ \t]*(?:"
    + "|".join(f"(?P<{k}>{v})" for k, v in _LABELS.items())
    + r")",
    re.M,
)
_GAP = re.compile(r"\n(?:[ \t]*\n){2,}")  # two or more blank lines end a cell that has content
_HEADER_COLUMNS = {
    "initiatiefnemer": "initiatiefnemer",
    "betrokken partijen": "partners",
    "middelen": "financing",
    "globale planning": "planning",
}
_NOT_STATED = re.compile(r"^(?:n\.?t\.?b\.?|n\.?v\.?t\.?|nader te bepalen|nog niet bekend\.?)$", re.I)
_UNKNOWN_PARTY = re.compile(r"^n\.?t\.?b\.?(?![^(]*\()", re.I)
_PARTNER_SPLIT = re.compile(r"\s*(?:,|;|•|\s-\s|\ben\b|\bi\.s\.m\.)\s*")


def _cell_text(text: str, start: int, end: int) -> tuple[str, int]:
    """Cleaned text of a cell running from ``start`` to at most ``end``, and where it stops."""
    body = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    gap = _GAP.search(text, body, end)
    stop = gap.start() if gap else end
    return clean(text, start, stop).text.strip(" :").lstrip("-• "), stop


def split_partners(value: str) -> tuple[str, ...]:
    """Split a partner list on commas, semicolons, bullets and 'en', never inside brackets."""
    parts, depth, cur = [], 0, ""
    pos = 0
    for m in _PARTNER_SPLIT.finditer(value):
        chunk = value[pos : m.start()]
        depth += chunk.count("(") - chunk.count(")")
        cur += chunk
        if depth > 0:
            cur += m.group()
        else:
            parts.append(cur)
            cur = ""
        pos = m.end()
    parts.append(cur + value[pos:])
    kept = (p.strip(" .") for p in parts)
    return tuple(p for p in kept if p and not _NOT_STATED.match(p) and not _UNKNOWN_PARTY.match(p))


def _labelled_cells(text: str, row: TableRow) -> tuple[dict[str, str], int]:
    """Fields of the labelled cells of a row, and where the first label starts.

    A label with a colon beats an earlier one without ("… waar financiering. We zien …" in the
    body, then "Financiering: - Inventarisatie: ZonMW"); a field split into parts ("Financiering
    Gezonde School nu: …", "Financiering Storm nu: …") keeps all its parts, as one source span."""
    fields: dict[str, str] = {}
    firm: set[str] = set()  # fields taken from a label with a colon
    parts_from: dict[str, int] = {}  # where a field in parts starts
    labels = list(_LABEL.finditer(text, row.body_start, row.end))
    for k, m in enumerate(labels):
        stop = labels[k + 1].start() if k + 1 < len(labels) else row.end
        value, cell_stop = _cell_text(text, m.end(), stop)
        name = m.lastgroup or ""
        if not value or _NOT_STATED.match(value):
            continue
        colon = m.group().rstrip().endswith(":")
        part = _PART_LABEL.match(text, m.end())
        if name in parts_from and part:
            fields[name] = clean(text, parts_from[name], cell_stop).text.strip(" :").lstrip("-• ")
        elif not fields.get(name) or (colon and name not in firm):
            fields[name] = value
            if part:
                parts_from[name] = m.end()
        firm |= {name} if colon else set()
    return fields, labels[0].start() if labels else row.end


_PART_LABEL = re.compile(r"[ \t]*[A-Z][^\n:•]{0,40}:")  # "Financiering| Storm nu:"


def _column_cells(text: str, table: Table, row: TableRow, start: int) -> dict[str, str]:
    """Unlabelled tables: the first line with wide gaps holds the cells in header order."""
    columns = [c.strip().casefold() for c in re.split(r"[ \t]{2,}", table.header)]
    names = [_HEADER_COLUMNS.get(c) for c in columns if c not in ("titel van inspanning", "beknopte toelichting")]
    if "initiatiefnemer" not in names:
        return {}
    m = re.compile(r"^[ \t]*\S[^\n]*?[ \t]{2,}\S[^\n]*$", re.M).search(text, start, row.end)
    if not m:
        return {}
    cells = re.split(r"[ \t]{2,}", m.group().strip())
    block_end = text.find("\n\n", m.end())
    block_end = row.end if block_end < 0 or block_end > row.end else block_end
    rest = text[m.end() : block_end]
    fields: dict[str, str] = {}
    for k, (name, cell) in enumerate(zip(names, cells, strict=False)):
        tail = rest if k == len(cells) - 1 else ""
        if name == "partners":
            fields[name] = ", ".join(_list_lines(cell + tail))
        elif name:
            fields[name] = clean(cell + tail).text
    return fields


_PLAN_START = re.compile(r"[ \t]*(?:Fase\s*\d|Q[1-4]\b)")  # "Fase 0: oriëntatie (Q3 2025)", "Q2-Q3 …"
_PLAN_QUARTER = re.compile(r"\bQ[1-4]\s*(?:[-–]\s*Q[1-4]\s*)?(?:20\d\d|[’'‘]\d\d)")  # "gereed in Q1 2026"
_PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")


def _unlabelled_planning(text: str, row: TableRow, first_label: int) -> str:
    """The planning cell of a row that does not label it: after the labelled cells, the first
    paragraph that plans in quarters or phases; else, anywhere in the row, the first paragraph
    that opens with a phase or a quarter. The planning paragraphs right after it come with it."""
    for start, plans in ((first_label, _PLAN_QUARTER.search), (row.body_start, _PLAN_START.match)):
        found: list[str] = []
        for m in _PARAGRAPH.finditer(text, start, row.end):
            if (plans(m.group()) or (found and _PLAN_START.match(m.group()))) and not _LABEL.match(m.group()):
                found.append(clean(m.group()).text)
            elif found:
                break
        if found:
            return " ".join(found)
    return ""


def _list_lines(cell: str) -> list[str]:
    """One item a line, except where a line plainly goes on (open bracket, trailing 'en' or '-')."""
    items: list[str] = []
    for line in (ln.strip() for ln in cell.splitlines() if ln.strip()):
        last = items[-1] if items else ""
        if last and (last.count("(") > last.count(")") or re.search(r"(?:\ben|-)$", last)):
            items[-1] = clean(f"{last}\n{line}").text
        else:
            items.append(clean(line).text)
    return items


def _row_initiative(doc: ParsedDoc, table: Table, row: TableRow) -> Initiative:
    text = doc.text
    fields, first_label = _labelled_cells(text, row)
    description, desc_stop = _cell_text(text, row.body_start, first_label)
    if "initiatiefnemer" not in fields:
        fields = {**_column_cells(text, table, row, desc_stop), **fields}
    if not fields.get("planning"):
        fields["planning"] = _unlabelled_planning(text, row, first_label)
    partners_raw = fields.get("partners", "")
    return make_initiative(
        doc,
        title=row.title,
        theme=row.theme,
        section=f"Inspanningen {row.theme} {row.label}".strip(),
        description=description,
        initiatiefnemer=fields.get("initiatiefnemer", ""),
        partners=split_partners(partners_raw),
        target_group=fields.get("target_group", ""),
        planning=fields.get("planning", ""),
        financing=fields.get("financing", ""),
        scale=fields.get("scale", ""),
        span=(row.start, row.end),
    )


def make_initiative(
    doc: ParsedDoc, *, title: str, theme: str, section: str, span: tuple[int, int], **fields: object
) -> Initiative:
    start, end = span
    end_line = doc.line_at(max(start, end - 1))
    values: dict[str, object] = {
        "description": "",
        "initiatiefnemer": "",
        "partners": (),
        "target_group": "",
        "planning": "",
        "financing": "",
        "scale": "",
        "status": "",
    }
    values.update(fields)
    return Initiative(
        id=sha256_hex(f"{doc.meta.file}\n{title}\n{start}")[:16],
        title=title,
        theme=theme,
        document=doc.meta.title,
        section=section,
        source_file=doc.meta.file,
        line_start=doc.line_at(start),
        line_end=end_line,
        page=doc.page_at(start),
        char_start=start,
        char_end=end,
        **values,  # type: ignore[arg-type]
    )


def werkagenda_initiatives(doc: ParsedDoc) -> list[Initiative]:
    return [_row_initiative(doc, t, r) for t in find_tables(doc.text) for r in t.rows]


def extract_initiatives(doc: ParsedDoc) -> list[Initiative]:
    """All initiatives of a document, in text order, chosen by the structure the text shows."""
    found = werkagenda_initiatives(doc)
    if found:
        return found
    from ingest import catalog_docs  # imports this module; keep the import local

    return catalog_docs.extract_other(doc)
