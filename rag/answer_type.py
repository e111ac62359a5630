"""What kind of answer a question asks for, and whether the found text can be that answer.

A retrieval score cannot tell "Wat is het telefoonnummer van het Wmo-loket?" from an answerable
question about the Wmo: both find Wmo passages. But a phone number, an opening time, an address or
an amount either stands in the chosen sentences or it does not. Names the documents never mention
(another province, a health insurer) are a second, equally plain signal.
"""

from __future__ import annotations

import re

_TYPES: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (name, re.compile(ask, re.I), re.compile(found, re.I))
    for name, ask, found in (
        ("telefoon", r"\btelefoon\w*|\bbellen\b|\bbel\s+ik\b", r"\b0\d{1,3}[- ]?\d{6,8}\b|\b\d{3,4}[- ]\d{3,7}\b"),
        (
            "tijd",
            r"\bopeningstijd\w*|\bhoe\s+laat\b|\bopen\s+(is|zijn)\b|\bbinnenlopen\b",
            r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:uur|u)\b",
        ),
        ("adres", r"\badres\b|\bwaar\s+zit\b", r"\b[A-Z]\w+(?:straat|weg|laan|plein|singel|dijk|kade)\s+\d+"),
        (
            "bedrag",
            r"\bhoeveel\s+(euro|geld)\b|\bbedraagt\b|\bwat\s+kost\b|\bverdien\w*\b|\bbegroot\b|\beigen\s+risico\b"
            r"|\bhoe\s+hoog\s+is\b",
            r"€\s?\d|\b\d[\d.,]*\s*(?:euro|miljoen|mln|duizend)\b",
        ),
        ("duur", r"\bwachttijd\w*|\bhoe\s+lang\s+(duurt|moet)\b", r"\b\d+\s*(?:dagen|weken|maanden|jaar|uur)\b"),
        (
            "aantal",
            r"\bhoeveel\b|\bwelk\s+percentage\b",
            r"\d|\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|"
            r"elf|twaalf|twintig|dertig|veertig|vijftig|honderd|duizend)\b",
        ),
    )
)
_CAPITAL = re.compile(r"(?<![\w.])([A-Z][\w\-]*[a-z][\w\-]*|[A-Z]{2,})(?:\s+([A-Z][\w\-]+))?")
_COMMON = frozenset(
    "ik mijn wat wie waar hoe welke welk wanneer waarom is kan kun zijn er de het een in op voor volgens "
    "drenthe drentse drents nederland provincie gemeente".split()
)


def expected_type(question: str) -> str | None:
    """The most specific answer type the question asks for (telefoon, tijd, adres, bedrag, duur, aantal)."""
    return next((name for name, ask, _ in _TYPES if ask.search(question)), None)


STRONG = frozenset({"telefoon", "tijd", "adres", "bedrag", "duur"})


def single_question(question: str) -> bool:
    """One thing asked (a type check on a two-part question would refuse half-answers)."""
    return not re.search(r",?\s+en\s+(wie|wat|welke?|hoe|waar|wanneer|sinds|op|in|met|hoeveel)\b", question, re.I)


def has_type(text: str, kind: str) -> bool:
    return any(found.search(text) for name, _, found in _TYPES if name == kind)


def unknown_names(question: str, corpus_text: str) -> list[str]:
    """Capitalised names in the question (not a sentence's first word) of which no part occurs in
    the corpus: "Limburg", "Zilveren Kruis"."""
    out = []
    for m in _CAPITAL.finditer(question):
        name = m.group(0)
        before = question[: m.start()].rstrip()
        if not before or before[-1] in ".!?:":
            name = m.group(2) or ""
        parts = [p for p in re.split(r"[\s\-/]+", name) if len(p) >= 3 and p.casefold() not in _COMMON]
        if parts and not any(p.casefold() in corpus_text for p in parts):
            out.append(name)
    return out
