"""What kind of answer a question asks for, and whether the found text can be that answer.

A retrieval score cannot tell "Wat is het telefoonnummer van het Wmo-loket?" from an answerable
question about the Wmo: both find Wmo passages. But a phone number, an opening time, an address or
an amount either stands in the chosen sentences or it does not. Names the documents never mention
(another province, a health insurer) are a second, equally plain signal.
"""

from __future__ import annotations

import re

from ingest.lexical import stems

_TYPES: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (name, re.compile(ask, re.I), re.compile(found, re.I))
    for name, ask, found in (
        ("telefoon", r"\btelefoon\w*|\bbellen\b|\bbel\s+ik\b", r"\b0\d{1,3}[- ]?\d{6,8}\b|\b\d{3,4}[- ]\d{3,7}\b"),
        (
            "tijd",
            r"\bopeningstijd\w*|\bhoe\s+laat\b|\bopen\s+(is|zijn)\b|\bbinnenlopen\b|\b(?:dagen|tijden|wanneer)\b.*\bopen\b",
            r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:uur|u)\b",
        ),
        ("adres", r"\badres\b|\bwaar\s+zit\b", r"\b[A-Z]\w+(?:straat|weg|laan|plein|singel|dijk|kade)\s+\d+"),
        (
            "aanmelden",
            r"\bhoe\s+(?:meld|schrijf|geef)\s+(?:ik|je|u|we|wij)\b|\baanmeld\w*|\binschrijv\w*",
            r"\baanmeld\w*|\binschrijv\w*|\bopgeven\b|\bmeld\w*\s+(?:je|u|zich)\b[^.]*\baan\b",
        ),
        (  # personal entitlements: the insurer or the gemeente decides, not a policy agenda
            "vergoeding",
            r"\bvergoed\w*|\bbasisverzekering\b|\baanvullende\s+verzekering\b|\beigen\s+risico\b"
            r"|\bpersoonsgebonden\s+budget\b|\bpgb\b",
            r"\bvergoed\w*|\bbasisverzekering\b|\baanvullende\s+verzekering\b|\beigen\s+risico\b"
            r"|\bpersoonsgebonden\s+budget\b|\bpgb\b",
        ),
        (
            "persoon",
            r"\bwie\s+is\s+(?:de|het)\s+(?:huidige\s+|nieuwe\s+)?"
            r"(?:wethouder|burgemeester|gedeputeerde|directeur|voorzitter|minister|bestuurder|contactpersoon)\b",
            r"\b(?:wethouder|burgemeester|gedeputeerde|directeur|voorzitter|minister|bestuurder|contactpersoon)\b",
        ),
        (
            "bedrag",
            r"\bhoeveel\s+(?:euro|geld|budget|subsidie)\b|\bwelk\s+bedrag\b|\bbedraagt\b|\bwat\s+kost\b"
            r"|\bwat\s+(?:moet|moeten|betaal|betaalt)\b.*\bbetalen\b|\bverdien\w*\b|\bbegroot\b|\bhoe\s+hoog\s+is\b",
            r"€\s?\d|\b\d[\d.,]*\s*(?:euro|miljoen|mln|duizend)\b",
        ),
        ("duur", r"\bwachttijd\w*|\bhoe\s+lang\s+(duurt|moet)\b", r"\b\d+\s*(?:dagen|weken|maanden|jaar|uur)\b"),
        ("percentage", r"\bhoeveel\s+procent\b|\bwelk\s+percentage\b", r"\d\s*%|\bprocent\b"),
        (
            "aantal",
            r"\bhoeveel\b",
            r"\b(?!(?:19|20)\d\d\b)\d[\d.,]*|\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|"  # a year is no count
            r"elf|twaalf|twintig|dertig|veertig|vijftig|honderd|duizend|tientallen|honderden)\b",
        ),
    )
)
_CAPITAL = re.compile(r"(?<![\w.])([A-Z][\w\-]*[a-z][\w\-]*|[A-Z]{2,})(?:\s+([A-Z][\w\-]+))?")
_COMMON = frozenset(
    "ik mijn wat wie waar hoe welke welk wanneer waarom is kan kun zijn er de het een in op voor volgens "
    "drenthe drentse drents nederland provincie gemeente".split()
)


def expected_type(question: str) -> str | None:
    """The most specific answer type the question asks for (telefoon, tijd, adres, aanmelden,
    vergoeding, persoon, bedrag, duur, percentage, aantal), or None for an open question."""
    return next((name for name, ask, _ in _TYPES if ask.search(question)), None)


STRONG = frozenset(
    {"telefoon", "tijd", "adres", "aanmelden", "vergoeding", "persoon", "bedrag", "duur", "percentage", "aantal"}
)
_PARTS = re.compile(r",?\s+en\s+(?=(?:wie|wat|welke?|hoe|waar|wanneer|sinds|op|in|met|hoeveel)\b)", re.I)


def question_parts(question: str) -> list[str]:
    """The questions inside one ("Wat is het adres, en wanneer kan ik binnenlopen?" has two)."""
    return [p for p in _PARTS.split(question) if p.strip()]


def strong_type(question: str) -> str | None:
    """The checkable answer type of a one-part question (a streamed answer must show it)."""
    want = expected_type(question)
    return want if want in STRONG and len(question_parts(question)) == 1 else None


def missing_type(question: str, answer_text: str) -> str | None:
    """The asked-for answer type that the answer lacks, when every part of the question asks for
    one (a phone number, an address, an amount …) and none of them is there; else None. A question
    with an open part ("en wat doet het?") keeps its half-answer. The amount must stand in a cited
    sentence about the question's subject: "3.000 euro" for a prize does not answer what the
    Beweegreis costs."""
    wanted = [expected_type(p) for p in question_parts(question)]
    if not wanted or any(w not in STRONG for w in wanted):
        return None
    segments = _CITED.split(answer_text)
    if _NOW.search(question):  # a plan's target figure does not say how things stand now
        segments = [seg for seg in segments if not _PLANNED.search(seg)]
    # the subject: not "mee" or "gaf", not a year, not the name every document carries
    topic = {t for t in stems(question) if len(t) >= 4 and not t.isdigit()} - _TYPE_WORDS - _EVERYWHERE
    # the subject may stand in the sentence before ("De proef …. Het budget bedraagt 48.000 euro.")
    pairs = list(zip(["", *segments], segments, strict=False))
    missing = [w for w in wanted if w and not any(_answers(prev, seg, w, topic) for prev, seg in pairs)]
    return missing[0] if len(missing) == len(wanted) else None


_CITED = re.compile(r"\[\d+\]")
_NOW = re.compile(r"\b(?:op\s+dit\s+moment|momenteel|inmiddels|daadwerkelijk|nu\s+al|huidige?)\b", re.I)
_PLANNED = re.compile(
    r"\b(?:doel\w*|ambitie\w*|streven\w*|streef\w*|beoog\w*|willen|wil|zullen|zal|moet(?:en)?)\b", re.I
)
_EVERYWHERE = frozenset(stems("Drenthe Drentse Drents provincie gemeente gemeenten regio"))
_TYPE_WORDS = frozenset(
    stems("euro geld budget bedrag bedraagt kost kosten begroot betalen hoog hoeveel precies verdient per uur procent")
)


def _answers(previous: str, segment: str, kind: str, topic: set[str]) -> bool:
    """The segment holds the type outside its inspanning title, and it or the sentence before it
    names the question's subject."""
    plain = re.sub(r"‘[^’]*’", " ", segment)
    return has_type(plain, kind) and (not topic or bool(topic & set(stems(f"{previous} {segment}"))))


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
