"""Question handling before retrieval: validation and a small Dutch expansion of intent words.

Users say "wie trekt", the tables say "Initiatiefnemer"; users say "wie betaalt", the tables say
"Financiering". The expansion adds the document's words; it never removes the user's.
"""

from __future__ import annotations

import re
import unicodedata

from naober.settings import RetrievalSettings
from rag.intents import FIELD_INTENTS

_FELL = (
    r"\b(?:is|ben|was)\b[^?.]{0,30}(?<!in )(?<!die )(?<!deze )(?<!veel )(?<!alle )(?<!sommige )\bgevallen\b"
    r"|\bouderen\s+(?:\w+\s+)?vallen\b|\bvalpartij\w*"
)
_INTENTS: tuple[tuple[re.Pattern[str], str], ...] = tuple((i.pattern, i.words) for i in FIELD_INTENTS) + tuple(
    (re.compile(p, re.I), extra)
    for p, extra in (
        (r"\b(voor\s+wie|doelgroep)\b", "doelgroep"),
        (r"\b(mantelzorg\w*|zorg\s+voor\s+mijn)", "mantelzorg informele zorg"),
        (r"\b(eenzaam\w*|alleen\s+voel)", "eenzaamheid ontmoeting"),
        (r"\b(somber\w*|depress\w*|psychisch\w*|mentaal|mentale)\b", "mentale gezondheid"),
        # everyday words for what the documents name in policy terms
        (r"\b(overl\w*|verloren|rouw\w*|scheid\w*|ontslag\w*|baan\s+kwijt)\b", "life events"),
        (r"\b(brieven|formulieren|begrijp\w*|snap\w*)\b", "begrijpelijk B1 taal"),
        # "mijn vader is gevallen", "dat ouderen vallen" (not "vallen onder", "in die gevallen")
        (_FELL, "valpreventie"),
    )
)


class QuestionError(ValueError):
    """A question that cannot be answered as asked (empty, too long, unreadable)."""


def validate_question(question: object, cfg: RetrievalSettings) -> str:
    if not isinstance(question, str):
        raise QuestionError("de vraag moet tekst zijn")
    text = "".join(ch if unicodedata.category(ch)[0] != "C" or ch in "\n\t" else " " for ch in question)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise QuestionError("de vraag is leeg; typ een vraag")
    if len(text) > cfg.max_question_chars:
        raise QuestionError(f"de vraag is te lang (meer dan {cfg.max_question_chars} tekens); maak hem korter")
    if not re.search(r"\w", text):
        raise QuestionError("de vraag bevat geen woorden")
    return text


def expand(question: str) -> str:
    extra = [e for p, e in _INTENTS if e and p.search(question)]
    return question if not extra else f"{question} {' '.join(extra)}"
