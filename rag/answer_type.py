"""What kind of answer a question asks for, and whether the found text can be that answer.

A retrieval score cannot tell "Wat is het telefoonnummer van het Wmo-loket?" from an answerable
question about the Wmo: both find Wmo passages. But a phone number, an opening time, an address or
an amount either stands in the chosen sentences or it does not. Names the documents never mention
(another province, a health insurer) are a second, equally plain signal; a name the question
carries but the answer never mentions (Coevorden, "de provincie Groningen") is a third.
"""

from __future__ import annotations

import re

from ingest.lexical import stems
from ingest.sentences import CELL_LABEL
from rag.prompts import INSPANNING_PREFIX

_ROLES = (
    "wethouder|burgemeester|gedeputeerde|directeur|voorzitter|minister|bestuurder|contactpersoon|projectleider|coördinator"
    "|leider|manager|kwartiermaker|aanjager|ambassadeur"
)
# a person's name beside the role ("projectleider Hillene Jakobs", "Erik Mulder, voorzitter"), not the role alone
_PERSON = r"(?-i:[A-Z][a-z]+\s+(?:(?:van|de|der|den|ter)\s+)*[A-Z][a-z]+)"
_COUNTS = r"twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d{1,2}"
_PARTS_OF_A_WHOLE = (
    r"thema['’]?s|onderwerpen|opgaven|pijlers|lagen|kleuren|rollen|lijnen|sporen|stappen|fasen|functies"
    r"|actielijnen|speerpunten|prioriteiten|niveaus|domeinen"
)
_COUNTED_LIST = rf"\b(?:welke|wat\s+zijn\s+de)\s+({_COUNTS})\s+\w"  # "welke vijf thema's": the number asked
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_TYPES: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (name, re.compile(ask, re.I), re.compile(found, re.I))
    for name, ask, found in (
        ("telefoon", r"\btelefoon\w*|\bbellen\b|\bbel\s+ik\b", r"\b0\d{1,3}[- ]?\d{6,8}\b|\b\d{3,4}[- ]\d{3,7}\b"),
        (
            "tijd",
            r"\bopeningstijd\w*|\bhoe\s+laat\b|\bopen\s+(is|zijn)\b|\bbinnenlopen\b|\b(?:dagen|tijden|wanneer)\b.*\bopen\b"
            r"|\b(?:welke|op\s+welke)\s+(?:dagen\s+en\s+)?tijden\b",
            r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:uur|u)\b",
        ),
        (
            "adres",
            r"\badres\b|\bwaar\s+zit\b|\bwaar\s+(?:is|zijn)\b[^?]*\bgevestigd\b",
            r"\b[A-Z]\w+(?:straat|weg|laan|plein|singel|dijk|kade)\s+\d+|\bgevestigd\s+(?:in|aan|op)\s+[A-Z]",
        ),
        (
            "contact",
            r"\bcontact\s+opnemen\b|\b(?:hoe|waar)\s+kan\s+ik\b[^?]*\bbereiken\b|\be-?mail\w*\b|\bmailadres\b",
            r"[\w.-]+@[\w-]+\.\w+|\bwww\.\w|https?://|\b0\d{1,3}[- ]?\d{6,8}\b",
        ),
        (  # personal medical advice: a policy agenda never gives it
            "advies",
            r"\b(?:moet|mag|kan)\s+(?:ik|ze|hij|mijn\s+\w+)\b[^?]*\b(?:stoppen|slikken|innemen|medicijn\w*|pillen)\b",
            r"(?!x)x",  # matches nothing: the answer never holds it
        ),
        (
            "aanmelden",
            r"\bhoe\s+(?:meld|schrijf|geef)\s+(?:ik|je|u|we|wij)\b|\b(?:hoe|waar)\b[^?]*\b(?:aanmeld\w*|inschrijv\w*)",
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
            rf"\b(?:wie\s+is|hoe\s+heet|(?:wat\s+is\s+)?de\s+naam\s+van)\b[^?]*?\b\w*(?:{_ROLES})\b",
            rf"\b\w*(?:{_ROLES})\b[\s:,]+(?:[a-z]+\s+){{0,3}}?{_PERSON}|{_PERSON},\s+(?:[a-z]+\s+){{0,2}}\w*(?:{_ROLES})\b",
        ),
        (
            "bedrag",
            r"\bhoeveel\s+(?:euro|geld|budget|subsidie)\b|\bwelk\s+(?:bedrag|budget)\b|\bbedraagt\b|\bwat\s+kost\b"
            r"|\b(?:wat|hoe\s+groot)\s+is\s+het\s+(?:\w+\s+)?budget\b"
            r"|\bwat\s+(?:gaat|gaan|zal|zullen)\b[^?]*\bkosten\b"
            r"|\bwat\s+(?:moet|moeten|betaal|betaalt)\b.*\bbetalen\b|\bverdien\w*\b|\bbegroot\b|\bhoe\s+hoog\s+is\b",
            r"€\s?\d|\b\d[\d.,]*\s*(?:euro|miljoen|mln|duizend)\b",
        ),
        (
            "duur",
            r"\bwat\s+is\s+de\s+(?:\w+\s+)?wachttijd\b|\bhoe\s+lang\s+(?:duurt|moet|is|zijn)\b"
            r"|\bhoeveel\s+(?:dagen|weken|maanden)\b",
            r"\b\d+\s*(?:dagen|weken|maanden|jaar|uur)\b",
        ),
        ("percentage", r"\bhoeveel\s+procent\b|\bwelk\s+percentage\b", r"\d\s*%|\bprocent\b"),
        (
            "winnaar",
            r"\b(?:won|wint|gewonnen|winnaars?)\b",
            r"\bw[io]nt?\b|\bgewonnen\b|\bwinnaars?\b|\bwinnende\b",
        ),
        (  # what an evaluation or study found: a plan to evaluate is no finding
            "uitkomst",
            r"\b(?:conclusies?|uitkomsten?|bevindingen|resultaten\s+van\s+(?:de|het)\s+(?:evaluatie|onderzoek))\b"
            r"|\bhoe\s+(?:beoordeelden|waardeerden|tevreden|ervoeren)\b|\bwat\s+vonden\b",
            r"\bconclu\w*|\buitkomst\w*|\bbevinding\w*|\bbl(?:eek|ijkt)\b|\btoonde?\s+aan\b|\bwees\s+uit\b"
            r"|\btevreden\b|\bbeoordeelden\b|\bwaardeerden\b|\brapportcijfer\b",
        ),
        (  # how often: a preference only ("Eens per 6 weken overleg" in a row of cells)
            "frequentie",
            r"\bhoe\s+(?:vaak|regelmatig|dikwijls)\b|\bwelke\s+frequentie\b",
            r"\b(?:eens|één\s+keer|\d+\s*(?:keer|x))\s+per\b|\bper\s+(?:week|maand|kwartaal|jaar|\d+\s+weken)\b"
            r"|\b(?:wekelijks|tweewekelijks|maandelijks|jaarlijks|dagelijks)\b",
        ),
        (
            "aantal",
            r"\bhoeveel\b",
            r"\b(?!(?:19|20)\d\d\b)\d[\d.,]*|\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|"  # a year is no count
            r"elf|twaalf|twintig|dertig|veertig|vijftig|honderd|duizend|tientallen|honderden)\b",
        ),
        (  # when: a composer preference only, never a refusal ("wanneer" also asks a condition)
            "moment",
            r"\bin\s+welk\s+jaar\b|\b(?:sinds|vanaf|tegen|per|tot)\s+wanneer\b|(?:^|[,.?:;]\s*|\ben\s+)wanneer\b",
            rf"\b(?:19|20)\d\d\b|\bQ[1-4]\b|\b(?:{_MONTHS})\b",
        ),
        (  # a purpose: the "Doel: …" line under a list item, "met als doel …"; a preference only
            "doel",
            r"\bwat\s+is\s+(?:het|hun|zijn|haar)\s+doel\s+van\b|\bwaarvoor\s+is\b[^?]*\bbedoeld\b|\bmet\s+welk\s+doel\b",
            r"(?:^|\s)Doel:|\bmet\s+als\s+doel\b|\bhet\s+doel\s+is\b|\bdoel\s+is\s+om\b|\bbedoeld\s+(?:om|voor)\b",
        ),
        (  # an enumeration ("Welke vijf thema's …", "Welke kleuren/lagen …"): a lead-in that brings its list
            "lijst",
            rf"{_COUNTED_LIST}|\bwelke\s+(?:\w+/)?(?:{_PARTS_OF_A_WHOLE})\b",
            r":\s*$",
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
    vergoeding, persoon, bedrag, duur, percentage, winnaar, uitkomst, contact, advies, frequentie,
    aantal, moment, doel, lijst), or None for an open question."""
    return next((name for name, ask, _ in _TYPES if ask.search(question)), None)


STRONG = frozenset(
    {
        "telefoon",
        "tijd",
        "adres",
        "aanmelden",
        "vergoeding",
        "persoon",
        "bedrag",
        "duur",
        "percentage",
        "winnaar",
        "uitkomst",
        "contact",
        "advies",
        "aantal",
    }
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
    pairs = list(zip(["", *segments], segments, _rows(segments), strict=False))
    years = set(_YEAR.findall(question))
    names = [parts for _, parts in named_parts(question) if parts]
    missing = [
        w
        for w in wanted
        if w and not any(_answers(prev, seg, w, topic, years, names, row) for prev, seg, row in pairs)
    ]
    return missing[0] if len(missing) == len(wanted) else None


_CITED = re.compile(r"\[\d+\]")
_NOW = re.compile(
    r"\b(?:op\s+dit\s+moment|momenteel|inmiddels|intussen|daadwerkelijk|nu\s+al|huidige?|tot\s+nu\s+toe|tot\s+dusver"
    r"|tot\s+op\s+heden)\b",
    re.I,
)
_PLANNED = re.compile(
    r"\b(?:doel\w*|ambitie\w*|streven\w*|streef\w*|beoog\w*|willen|wil|zullen|zal|moet(?:en)?)\b|\bvanaf\s+20\d\d\b",
    re.I,
)
_EVERYWHERE = frozenset(stems("Drenthe Drentse Drents Drenten provincie gemeente gemeenten regio"))
_TYPE_WORDS = frozenset(
    stems("euro geld budget bedrag bedraagt kost kosten begroot betalen hoog hoeveel precies verdient per uur procent")
)


def _rows(segments: list[str]) -> list[str]:
    """Per answer segment, all segments about the same inspanning: the answer names an inspanning
    once ("Over de inspanning ‘…’ (…):") and its next cells (Initiatiefnemer, Planning …) follow."""
    rows: list[list[str]] = []
    for seg in segments:
        in_row = bool(rows) and rows[-1][0].lstrip().startswith(_ROW_START)
        if in_row and CELL_LABEL.match(seg.lstrip()):
            rows[-1].append(seg)
        else:
            rows.append([seg])
    return [" ".join(row) for row in rows for _ in row]


_ROW_START = INSPANNING_PREFIX.split("‘", 1)[0]


def _answers(
    previous: str, segment: str, kind: str, topic: set[str], years: set[str], names: list[set[str]], row: str = ""
) -> bool:
    """The segment holds the type outside its inspanning title, it, the sentence before it or its
    inspanning's other cells name the question's subject, and it is not explicitly about another
    year than the one asked."""
    plain = re.sub(r"‘[^’]*’", " ", segment)
    if years and (said := set(_YEAR.findall(f"{previous} {plain}"))) and not said & years:
        return False  # "Sweelpop won in 2025" does not say who won in 2024
    said_here = f"{previous} {segment} {row}".casefold()
    if any(not any(p in said_here for p in name) for name in names):
        return False  # "3 duizend inwoners in Drenthe" does not count the voedselbank in Groningen
    return has_type(plain, kind) and (not topic or bool(topic & set(stems(f"{previous} {segment}"))))


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def has_type(text: str, kind: str) -> bool:
    if kind == "aantal":  # "op 11 februari", "Thema 3", "inspanning 10", "2.5.1", "2. Actielijn" count nothing
        text = _NO_COUNT.sub(" ", text)
    return any(found.search(text) for name, _, found in _TYPES if name == kind)


_NO_COUNT = re.compile(  # nor does a list item's own number ("2. Actielijn Toekomstgesprek")
    rf"^\W*\d{{1,2}}\.(?=\s)|\b\d{{1,2}}\s+(?:{_MONTHS})\b|\b\d{{1,2}}(?:\.\d{{1,2}}){{2,}}\b|\b(?:thema|inspanning|hoofdstuk|doel|fase|stap|bijlage|nr|nummer|paragraaf)"
    r"\.?\s+\d[\d.]*",
    re.I,
)


def unknown_names(question: str, corpus_text: str) -> list[str]:
    """Capitalised names in the question (not a sentence's first word) of which no part occurs in
    the corpus ("Limburg", "Zilveren Kruis"), and a region, province or municipality the corpus
    never names as such ("regio Groningen" where only "Hanzehogeschool Groningen" occurs)."""
    out = []
    question = asked_part(question)
    for name in _names(question):
        parts = [p for p in re.split(r"[\s\-/]+", name) if len(p) >= 3 and p.casefold() not in _COMMON]
        if parts and not any(p.casefold() in corpus_text for p in parts):
            out.append(name)
    for m in _PLACE.finditer(question):  # "de regio Groningen": the name is known, that region's plan is not
        named = rf"(?<![\w-]){re.escape(m.group(0).casefold())}(?![\w-])"  # not "regio Groningen-Assen"
        if m.group(2).casefold() not in _HOME and not re.search(named, corpus_text):
            out.append(m.group(0))
    return out


def absent_names(question: str, shown: str) -> list[str]:
    """Names in the question (a place, an organisation, a programme) that the answer never
    mentions: an answer about Drenthe's shortage does not answer "… in de provincie Groningen",
    and one about Kansen voor Kinderen in general does not say whether Coevorden takes part.
    ``shown`` is the answer with its cited passages' titles and sections."""
    seen = shown.casefold()
    joined = re.sub(r"[\s\-]+", "", seen)  # "FlexDrenthe500" is shown as "Flex Drenthe 500"
    named = named_parts(question)
    return [name for name, parts in named if parts and not any(p in seen or p in joined for p in parts)]


def asked_count(question: str) -> str:
    """How many parts a list question asks for, as written ("welke vijf onderwerpen" → "vijf");
    "" when it names no number."""
    m = re.search(_COUNTED_LIST, question, re.I)
    return m.group(1).casefold() if m else ""


def named_parts(question: str) -> list[tuple[str, set[str]]]:
    """Each name the question asks about with its telling words (casefolded); no words for where
    the asker lives and for common words."""
    context = {(m.group(1) or m.group(2)).casefold() for m in _HOME_TOWN.finditer(question)}
    out = []
    for name in _names(asked_part(question)):
        parts = {p.casefold() for p in re.split(r"[\s\-/]+", name) if len(p) >= 3} - context
        out.append((name, {p for p in parts if p not in _COMMON and not set(stems(p)) <= _EVERYWHERE}))
    return out


# "Ik woon in Emmen": where the asker lives is context for a general question, not its subject
_HOME_TOWN = re.compile(
    r"\b(?:(?:woon|wonen|woont|verhuisd\s+naar|kom\s+uit|komen\s+uit)\s+(?:in\s+)?([A-Z][\w\-]+)"
    r"|(?:in|naar)\s+([A-Z][\w\-]+)\s+(?:wonen|woon|verhuisd|gaan\s+wonen))"
)


def asked_part(question: str) -> str:
    """The question without the sentences in which the asker only tells about themselves ("Ik ben
    apotheker in Zuidwest-Drenthe.", "Ons dorpshuis in Zuidwolde moet worden opgeknapt."): the
    names there are context, not what is asked. A sentence that asks or requests stays."""
    kept = [s for s in _SENTENCE_END.split(question) if not _tells_about_self(s)]
    return " ".join(kept) if kept else question


_SENTENCE_END = re.compile(r"(?<=[.!])\s+(?=[A-Z])")
_FIRST_PERSON = re.compile(r"\b(?:ik|we|wij|ons|onze|mijn|me|mij)\b", re.I)
_ASKS = re.compile(
    r"\b(?:wie|wat|welke?|waar\w*|wanneer|hoe\w*|waarom|weet|weten|zoek\w*|vraag\w*|benieuwd|graag|vertel|vertelt"
    r"|kun|kunt|kan|mag)\b|\?",
    re.I,
)


def _tells_about_self(sentence: str) -> bool:
    return bool(_FIRST_PERSON.search(sentence)) and not _ASKS.search(sentence)


def _names(question: str) -> list[str]:
    """Capitalised words and pairs, not a sentence's first word."""
    out = []
    for m in _CAPITAL.finditer(question):
        before = question[: m.start()].rstrip()
        first_word = not before or before[-1] in ".!?:"
        name = (m.group(2) or "") if first_word else m.group(0)
        if name:
            out.append(name)
    return out


_PLACE = re.compile(r"\b(regio|provincie|gemeente)\s+([A-Z][\w\-]+)")
_HOME = frozenset({"drenthe"})
