"""Pure text normalisers that keep a map from every cleaned character back to the source.

Joins wrapped lines, undoes end-of-line hyphenation ("ontwikke-\\nlingen"), drops markdown/HTML
remnants and collapses whitespace. ``Cleaned.source_span(i, j)`` turns a cleaned range back into
a range of the original text, so citations stay exact spans of the stored source.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_RULES = re.compile(
    r"(?P<br><br\s*/?>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,80})?>)"
    r"|(?P<entity>&nbsp;|&amp;)"
    r"|(?P<bold>\*\*|__)"
    r"|(?P<mdhead>(?:^|(?<=\n))[ \t]*#{1,6}[ \t]+)"
    r"|(?P<bullet>(?:^|(?<=\n))[ \t]*[•●▪◦·\-\*][ \t]+)"
    r"|(?P<hyphen>(?<=[a-zà-ÿ])-[ \t]*\r?\n[ \t]*(?=[a-zà-ÿ])(?!(?:en|of|tot|als)\b))"
    r"|(?P<compound>(?<=\w-)[ \t]*\r?\n[ \t]*(?=[A-ZÀ-Ý0-9]))"
    r"|(?P<pageno>(?:^|(?<=\n))[ \t]*\d{1,3}[ \t]*(?=\r?\n|\f|$))"
    r"|(?P<space>\s+)"
)
_REPLACEMENT = {
    "br": " ",
    "tag": "",
    "bold": "",
    "mdhead": "",
    "bullet": "• ",
    "hyphen": "",
    "compound": "",
    "pageno": "",
    "space": " ",
}


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    offsets: tuple[int, ...]  # source offset of each cleaned character
    end: int  # source offset just past the cleaned region

    def source_span(self, start: int, stop: int) -> tuple[int, int]:
        """Source range covering cleaned characters [start, stop)."""
        if start >= stop:
            pos = self.offsets[start] if start < len(self.offsets) else self.end
            return pos, pos
        return self.offsets[start], self.offsets[stop - 1] + 1


def clean(source: str, start: int = 0, end: int | None = None) -> Cleaned:
    """Clean ``source[start:end]``; offsets point into ``source``."""
    end = len(source) if end is None else end
    out: list[str] = []
    offs: list[int] = []
    pos = start
    for m in _RULES.finditer(source, start, end):
        if m.start() > pos:
            out.append(source[pos : m.start()])
            offs.extend(range(pos, m.start()))
        kind = m.lastgroup or "space"
        rep = ("&" if m.group() == "&amp;" else " ") if kind == "entity" else _REPLACEMENT[kind]
        if rep:
            out.append(rep)
            offs.extend([m.start()] * len(rep))
        pos = m.end()
    if pos < end:
        out.append(source[pos:end])
        offs.extend(range(pos, end))
    text = "".join(out)
    # collapse spaces produced by adjacent replacements, then strip
    keep = [i for i, ch in enumerate(text) if not (ch == " " and (i == 0 or text[i - 1] == " "))]
    text2 = "".join(text[i] for i in keep)
    offs2 = [offs[i] for i in keep]
    while text2.endswith(" "):
        text2, offs2 = text2[:-1], offs2[:-1]
    return Cleaned(text=text2, offsets=tuple(offs2), end=end)


def clean_text(text: str) -> str:
    """Cleaned form of a string (used for display and for matching quotes)."""
    return clean(text).text


# a bullet glued to the previous item's full stop (".• Komt het …", tables extracted from HTML)
# starts a sentence too: one over-long "sentence" would be cut off before its last items
_SENT_END = re.compile(
    r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9À-Ý•])|(?<=:)\s+(?=•)|\s(?=• )|(?<=[.!?;:])(?=•)"
)
_ABBREV = re.compile(
    r"(?:\b(?:o\.a|t\.b\.v|i\.s\.m|m\.b\.t|bijv|d\.w\.z|e\.d|etc|nr|ca|incl|excl|dhr|mevr|drs|dr|ir|mr|prof|t\.a\.v|z\.s\.m|w\.o|vs|evt|resp|i\.p\.v|o\.b\.v|m\.u\.v|zgn)\.)$",
    re.I,
)


# a numbered goal with its letter: "2.1.3. D In 2024 is …", "Operationeel doel: [2.2.1. B](#)"
_GOAL_CODE = re.compile(r"\b\d+(?:\.\d+)+\.(?=\s?[A-Z](?:[\s\])]|$))")


_ITEM_NUMBER = re.compile(r"(?<!\S)(\d{1,2})\.\s+(?=[\"'“‘(]?[A-Z0-9À-Ý])")
# a number that a word counts ("Stap 1.", "thema 2.", "Fase 3.") is a reference, not a list item
_COUNTED = re.compile(
    r"\b(?:stap|fase|punt|deel|thema|doel|hoofdstuk|bijlage|paragraaf|artikel|nummer|nr|week|dag|jaar"
    r"|niveau|ronde|optie|actie|pijler|lijn|versie|scenario)\s$",
    re.I,
)
_AFTER_HEAD = re.compile(r"(?:[:•]|•\s*(?:[^\s.:;•]+\s+){1,3})\s*$")
_ONLY_MARKER = re.compile(r"[•\-–·▪]?\s*(?:\d{1,2}|[a-zA-Z])\.")  # "2.", "• a.": no sentence on its own
_ENUM_WITHIN = 600  # characters between one item number and the next


def _enumeration(text: str) -> set[int]:
    """Where the numbers of a numbered list start ("1. Kennis … 2. Beschikbare …"): a number
    with its successor or predecessor close by, or right after a colon or a bullet. "Het is 5.
    Daarna …" is neither."""
    found = [
        (m.start(), int(m.group(1)))
        for m in _ITEM_NUMBER.finditer(text)
        if not _COUNTED.search(text, max(0, m.start() - 12), m.start())
    ]
    # "Kennis: 1. Kennis …", "• Fysiek 4. Kwaliteit leefgebieden" (an item's short head before it)
    out = {a for a, _ in found if _AFTER_HEAD.search(text, max(0, a - 40), a)}
    for (a, n), (b, k) in itertools.pairwise(found):
        if k == n + 1 and b - a <= _ENUM_WITHIN:
            out |= {a, b}
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence ranges of cleaned text; Dutch abbreviations, list bullets and list numbers
    respected: "• Sociaal 2. Beschikbare zorg" is "• Sociaal" and "2. Beschikbare zorg", and
    "… Gezond in Drenthe 2.1.2. C 12 Drentse gemeenten …" starts a sentence at the goal code."""
    spans: list[tuple[int, int]] = []
    start = 0
    codes = {m.end(): m.start() for m in _GOAL_CODE.finditer(text)}  # where a code ends: where it starts
    opens = {end: at for end, at in codes.items() if at == 0 or text[at - 1].isspace()}  # a table row's code
    if _ITEM_NUMBER.search(text):
        opens |= {text.index(".", a) + 1: a for a in _enumeration(text)}
    for m in _SENT_END.finditer(text):
        cut = m.start()
        if (at := opens.get(cut)) is not None and at >= start:  # the number opens the next sentence
            if text[start:at].strip():
                spans.append((start, len(text[:at].rstrip())))
            start = at
            continue
        if _ABBREV.search(text[max(start, cut - 12) : cut]) or cut in codes:  # a code's letter is no sentence
            continue
        if _ONLY_MARKER.fullmatch(text[start:cut].strip()):  # "• a. Het hanteren van …" is one item
            continue
        if text[start:cut].strip():
            spans.append((start, cut))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
