"""Find the rows of the werkagenda's appendix tables of *inspanningen*.

The PDF extraction interleaves the cells of each row, but every row still starts with its row
number on a line of its own (``1.``, ``8``, ``3a. AI om …`` or ``1. Zorgzame``) after a blank
line, numbered 1, 2, 3a, 3b, 4 … within a table headed ``N. Inspanningen <thema>``.

Rows are located by that sequence. Numbered lists inside a cell (``1. Een manifest`` …
``5. Bezoek aan scholen``) are told apart from rows because a list item continues the numbering
of the list item just before it, while a row continues the numbering of the row before it.
A row whose title holds an ``a.`` item (``3. Gegevensoverdracht: a. …``) is split into sub-rows
at the ``b.``, ``c.`` … lines that start a block inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.clean import clean

TABLE_HEADING = re.compile(r"^[ \t]*(\d{1,2})\.[ \t]+Inspanningen[ \t]+(\S[^\n]*?)[ \t]*$", re.M)
_ROW_START = re.compile(r"[ \t]*(\d{1,2})([a-h])?\.?(?:[ \t]+(\S[^\n]*?))?[ \t]*$")
_SUB_ROW = re.compile(r"^[ \t]*([b-h])\.[ \t]+(\S[^\n]*?)[ \t]*$", re.M)
_SUB_ITEM_IN_TITLE = re.compile(r"(?:^|\s)a\.\s+")
_CELL_GAP = re.compile(r"[ \t]{2,}(?=[^a-zà-ÿ\s])")
_MAX_TITLE_LINES = 10
_SHORT_BLOCK = 3
_DANGLING = re.compile(r"\b(?:van|en|om|de|het|in|met|voor|te|op|aan|naar)$")
_TAIL_BLOCK = re.compile(r"\n[ \t]*\n((?:[a-zà-ÿ][^\n]{0,30}\n){1,2})[ \t]*\n")


@dataclass(frozen=True, slots=True)
class TableRow:
    theme: str
    number: int
    title: str
    start: int  # char offset of the row-number line
    end: int  # char offset where the next row (or table) begins
    label: str = ""  # row number as printed, with its letter: "3", "8a"
    body_start: int = -1  # char offset just past the title: where the row's cells begin


@dataclass(frozen=True, slots=True)
class Table:
    theme: str
    start: int
    end: int
    rows: tuple[TableRow, ...]
    header: str = ""  # the column-header line ("Titel van inspanning  Initiatiefnemer  …")


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def _cells(line: str) -> list[str]:
    """A line may carry the next column's text after a wide gap: split it into cells."""
    return _CELL_GAP.split(line.strip())


def _block(text: str, lines: list[tuple[int, int]], j: int) -> tuple[list[int], int]:
    """Indices of the non-blank lines from ``j`` on, and the index of the line that ends them."""
    out = []
    while j < len(lines) and text[lines[j][0] : lines[j][1]].strip():
        out.append(j)
        j += 1
    return out, j


def _continues_title(text: str, lines: list[tuple[int, int]], j: int) -> bool:
    """After one empty line, does the title go on (a page break inside the title cell)?"""
    if j + 1 >= len(lines) or text[lines[j][0] : lines[j][1]] != "":
        return False
    block, _ = _block(text, lines, j + 1)
    if not block:
        return False
    first = text[lines[block[0]][0] : lines[block[0]][1]].strip()
    last = text[lines[block[-1]][0] : lines[block[-1]][1]].rstrip()
    if first[:1].islower():
        return True
    return len(block) <= _SHORT_BLOCK and not last.endswith((".", ":", "?"))


def _title(text: str, lines: list[tuple[int, int]], i: int, first: str | None) -> tuple[str, int]:
    """The title cell of the row starting at line ``i`` and the line index just past it.

    The title ends at a blank line (unless the title goes on after a page break) or at a line
    whose text runs on into the next column.
    """
    parts = _cells(first) if first else []
    if len(parts) > 1:
        return clean(parts[0]).text, i + 1
    j = i + 1
    if not parts:
        while j < len(lines) and not text[lines[j][0] : lines[j][1]].strip():
            j += 1  # the title may start after blank lines following the bare number
    while j < len(lines) and len(parts) < _MAX_TITLE_LINES:
        block, end = _block(text, lines, j)
        for k in block:
            cells = _cells(text[lines[k][0] : lines[k][1]])
            parts.append(cells[0])
            if len(cells) > 1:
                return clean("\n".join(parts)).text, k + 1
        j = end
        if not _continues_title(text, lines, j):
            break
        j += 1
    return clean("\n".join(p for p in parts if p)).text, j


def _follows(prev: tuple[int, str] | None, num: int, letter: str) -> bool:
    """Is (num, letter) the next row number after ``prev``? Gaps of one number are tolerated."""
    if prev is None:
        return num in (1, 2) and letter in ("", "a")
    p_num, p_letter = prev
    if num == p_num:
        return bool(letter) and ord(letter) == ord(p_letter or "`") + 1
    return num in (p_num + 1, p_num + 2) and letter in ("", "a")


def _row_starts(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, str, str, int]]:
    """(line index, number, letter, title, body line index) of every row start."""
    starts: list[tuple[int, int, str, str, int]] = []
    last_item: int | None = None  # number of the latest numbered line that was not a row
    for i, (a, b) in enumerate(lines):
        m = _ROW_START.fullmatch(text, a, b)
        if not m:
            continue
        num, letter = int(m.group(1)), m.group(2) or ""
        prev_blank = i == 0 or not text[lines[i - 1][0] : lines[i - 1][1]].strip()
        prev = (starts[-1][1], starts[-1][2]) if starts else None
        in_list = last_item is not None and num == last_item + 1 and not letter
        if prev_blank and not in_list and _follows(prev, num, letter):
            title, body = _title(text, lines, i, m.group(3))
            if re.search(r"[^\W\d_]", title):
                starts.append((i, num, letter, title, body))
                last_item = None
                continue
        last_item = num
    return starts


def _split_sub_rows(text: str, row: TableRow) -> list[TableRow]:
    """Split ``3. Kop: a. Eerste`` … ``b. Tweede`` into rows 3a, 3b with the shared head."""
    m = _SUB_ITEM_IN_TITLE.search(row.title)
    if not m or row.label[-1:].isalpha():
        return [row]
    head = row.title[: m.start()].strip()
    rows = [row]
    for sub in _SUB_ROW.finditer(text, row.body_start, row.end):
        if text[: sub.start()].rstrip(" \t").endswith("\n\n") or text[sub.start() - 1] == "\n":
            lines = _lines(text, sub.start(), row.end)
            title, body = _title(text, lines, 0, sub.group(2))
            body_at = lines[body][0] if body < len(lines) else row.end
            rows.append(
                TableRow(
                    row.theme,
                    row.number,
                    f"{head} {title}",
                    sub.start(),
                    row.end,
                    f"{row.number}{sub.group(1)}",
                    body_at,
                )
            )
    if len(rows) == 1:
        return rows
    first = TableRow(
        row.theme,
        row.number,
        f"{head} {row.title[m.end() :]}",
        row.start,
        rows[1].start,
        f"{row.number}a",
        row.body_start,
    )
    fixed = [first]
    for k, r in enumerate(rows[1:], 1):
        end = rows[k + 1].start if k + 1 < len(rows) else row.end
        fixed.append(TableRow(r.theme, r.number, r.title, r.start, end, r.label, r.body_start))
    return fixed


def _title_tail(text: str, start: int, end: int, title: str) -> str:
    """A title cut by a page break (``… leren van``) goes on in the first short lowercase block."""
    if not _DANGLING.search(title):
        return title
    m = _TAIL_BLOCK.search(text, start, end)
    return f"{title} {clean(m.group(1)).text}" if m and not m.group(1).rstrip().endswith(".") else title


def _header(text: str, start: int, end: int) -> str:
    m = re.compile(r"^[ \t]*Titel van inspanning[^\n]*", re.M).search(text, start, end)
    return m.group().strip() if m else ""


def find_tables(text: str) -> list[Table]:
    heads = list(TABLE_HEADING.finditer(text))
    tables: list[Table] = []
    for h_i, head in enumerate(heads):
        t_end = heads[h_i + 1].start() if h_i + 1 < len(heads) else len(text)
        theme = clean(head.group(2)).text
        lines = _lines(text, head.end() + 1, t_end)
        starts = _row_starts(text, lines)
        rows: list[TableRow] = []
        for k, (i, num, letter, title, body) in enumerate(starts):
            r_end = lines[starts[k + 1][0]][0] if k + 1 < len(starts) else t_end
            body_at = lines[body][0] if body < len(lines) else r_end
            title = _title_tail(text, body_at, r_end, title)
            row = TableRow(theme, num, title, lines[i][0], r_end, f"{num}{letter}", body_at)
            rows.extend(_split_sub_rows(text, row))
        first_row = rows[0].start if rows else t_end
        tables.append(Table(theme, head.start(), t_end, tuple(rows), _header(text, head.end(), first_row)))
    return tables
