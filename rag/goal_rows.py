"""The regioplan's operational goals are numbered ("2.1.3. D") and their parts stand apart: the
goal in one table, its inspiration and potential initiatiefnemers in the next, a transformation
programme that refers to it ("Operationeel doel: [2.2.1. B](#)") pages later. An answer sentence
that carries a goal code brings the other rows of that code, so "who takes up planned respite for
people with dementia, and by when" gets both the year and the parties.
"""

from __future__ import annotations

import re

from ingest.clean import clean

GOAL_CODE = re.compile(r"\b(\d\.\d\.\d)\.\s?([A-J])\b")
_GOAL_TABLE = "Operationele doelen"  # header of the table that states the goals
_PARTY_TABLE = "Potentiële initiatiefnemers"  # header of the table with inspiration and parties
ROW_MAX = 360  # characters of a goal row kept: its first sentence, the bullets under it left out
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def line_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The source line (or lines) holding [start, end)."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, len(text) if b < 0 else b


def codes_in(text: str, start: int, end: int) -> list[tuple[str, str]]:
    """Goal codes on the line of a sentence: ("2.1.3", "D")."""
    a, b = line_around(text, start, end)
    return [(m.group(1), m.group(2)) for m in GOAL_CODE.finditer(text, a, b)]


def goal_rows(text: str, code: tuple[str, str]) -> list[tuple[str, int, int]]:
    """The table rows of a goal code as (table, start, end): table is "goal" for the goal itself,
    "parties" for its inspiration and potential initiatiefnemers."""
    number, letter = code
    out = []
    for m in re.finditer(rf"^[ \t]*{re.escape(number)}\.\s?{letter}\b[^\n]*", text, re.M):
        goal_at, party_at = text.rfind(_GOAL_TABLE, 0, m.start()), text.rfind(_PARTY_TABLE, 0, m.start())
        if max(goal_at, party_at) >= 0:
            out.append(("goal" if goal_at > party_at else "parties", m.start(), m.end()))
    return out


def row_span(text: str, table: str, start: int, end: int) -> tuple[int, int]:
    """The part of a row an answer quotes: a goal row up to its first full stop (within ROW_MAX),
    a parties row whole."""
    cleaned = clean(text, start, end)
    stop = len(cleaned.text)
    if table == "goal":
        m = _SENTENCE_END.search(cleaned.text, len("1.1.1. A "))
        stop = m.start() if m else stop
    if stop > ROW_MAX:  # at the last space before the bound, else at the bound
        space = cleaned.text.rfind(" ", 0, ROW_MAX)
        stop = space if space > 0 else ROW_MAX
    return cleaned.source_span(0, stop)
