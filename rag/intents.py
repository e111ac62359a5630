"""What a question asks about an inspanning: its initiatiefnemer, partners, financing, planning or
scale.

One list for both users of it: the query expansion adds the tables' own label words ("wie trekt"
→ "initiatiefnemer"), and the catalog answer reads the matching field from the records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldIntent:
    pattern: re.Pattern[str]
    field: str  # attribute of ingest.catalog.Initiative
    label: str  # as the answer line starts
    words: str  # the documents' words for it, added to the search ("" adds none)


FIELD_INTENTS: tuple[FieldIntent, ...] = (
    FieldIntent(
        re.compile(
            r"\b(wie\s+(trek(t|ken)|leid(t|en)|is\s+(de\s+)?trekker|zijn\s+(de\s+)?trekkers|neemt|nemen|regel(t|en)"
            r"|organiseer?t|organiseren|zit(ten)?\s+(er\s*)?achter|zoekt|pakt|coördineert|verkent|onderzoekt)"
            r"|wie\b[^?]*\binitiatief\b"
            r"|welke\s+(organisaties?|gemeenten?|partij(en)?)\s+(zorg(t|en)|trek(t|ken)|leid(t|en)|regel(t|en)|neemt|nemen"
            r"|pak(t|ken))|(neemt|nemen)\s+het\s+initiatief"
            r"|initiatiefnemer|initiatief\s+(genomen|nemen|neemt)|trekker|verantwoordelijk|voortouw)",
            re.I,
        ),
        "initiatiefnemer",
        "Initiatiefnemer",
        "initiatiefnemer",
    ),
    FieldIntent(
        re.compile(
            r"\b(betrokken\s+(partijen|organisaties)|partners|wie\s+(doen|doet|werken|werkt)\s+mee|samenwerk\w*\s+met"
            r"|met\s+welke\s+(partij|partners|organisaties)|samen\s+met\s+wie)",
            re.I,
        ),
        "partners",
        "Betrokken partijen",
        "betrokken partijen",
    ),
    FieldIntent(
        re.compile(
            r"\b(wie\s+betaalt|betalen|betaald|hoeveel\s+geld|waar\s+komt\s+het\s+geld|kosten|budget|subsidie"
            r"|\w*financier\w*|\w*bekostig\w*|geldbron\w*|uit\s+welke\s+(bronnen|middelen|potten))",
            re.I,
        ),
        "financing",
        "Financiering",
        "financiering",
    ),
    FieldIntent(
        re.compile(r"\b(wanneer|planning|tijdpad|klaar|gereed|looptijd|fasen|fasering|hoe\s+lang|deadline)\b", re.I),
        "planning",
        "Planning",
        "globale planning",
    ),
    FieldIntent(  # where it runs ("Schaal/focus: Noord-Nederland"); "de focus" alone asks the aim.
        # No search words: "schaal focus" finds the tables' header lines, not the cell.
        re.compile(
            r"\b(op\s+welke\s+schaal|schaal|geografische\s+focus|eerst(e)?\s+(de\s+)?focus|in\s+welk\s+gebied"
            r"|in\s+welke\s+regio)\b",
            re.I,
        ),
        "scale",
        "Schaal",
        "",
    ),
)
