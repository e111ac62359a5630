"""One normal form for matching gold quotes and key facts against passages and answers.

Passages are cleaned chunk text, citations are raw source spans and gold quotes are raw source
lines, so every side goes through the same steps: NFKC, ingest's cleaner (markup, end-of-line
hyphenation, bullets), typographic quotes and dashes to ASCII, casefold, collapsed whitespace,
and numbers without their thousands dots ("€ 3.000" and "3000 euro" state the same amount).
"""

from __future__ import annotations

import re
import unicodedata

from ingest.clean import clean_text

_MARKER = re.compile(r"\s*\[\d+\]")
_TYPO = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "\u00ad": "", "•": " "}
)
_SPACE = re.compile(r"\s+")
_CUT_WORD = re.compile(r"\w-$")
_BARE_NUMBER = re.compile(r"\s*\d{1,3}\s*")
_THOUSANDS = re.compile(r"(?<=\d)\.(?=\d{3}(?!\d))")  # Dutch groups thousands with dots: 1.700, 3.000


def normalise(text: str) -> str:
    """Matching form of ``text``; ``normalise(a) in normalise(b)`` is the containment test."""
    text = unicodedata.normalize("NFKC", text)
    if _BARE_NUMBER.fullmatch(text):  # the cleaner drops lone 1-3 digit lines as page numbers
        return text.strip()
    text = clean_text(text).translate(_TYPO).casefold()
    text = _THOUSANDS.sub("", _SPACE.sub(" ", text).strip())
    return text[:-1] if _CUT_WORD.search(text) else text  # a quote cut at "initiatief-⏎nemer"


def strip_markers(answer: str) -> str:
    """An answer without its citation markers ("... Drenthe [1]." -> "... Drenthe.")."""
    return _MARKER.sub("", answer)


def contains(haystack: str, needle: str) -> bool:
    """Normalised containment; an empty needle never matches (it would prove nothing)."""
    n = normalise(needle)
    return bool(n) and n in normalise(haystack)


def contains_phrase(haystack: str, needle: str) -> bool:
    """Like ``contains`` but on word boundaries, so key fact "24" is not found in "2024"."""
    n = normalise(needle)
    if not n:
        return False
    return re.search(rf"(?<!\w){re.escape(n)}(?!\w)", normalise(haystack)) is not None
