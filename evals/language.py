"""Plain-language proxies for B1 Dutch, and a cheap check that an answer is Dutch at all.

No readability model: mean words per sentence and the share of long words (more than 12
letters; Dutch compounds such as "gezondheidsachterstanden" are what make policy text hard).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evals.normalise import strip_markers
from ingest.clean import sentence_spans

LONG_WORD = 12  # letters; a word with more is "long"
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
NL_STOP = frozenset(
    "de het een en van in op te dat die is voor met aan er niet zijn om als bij ook of door naar "
    "wordt worden we wij ze u uw je hij zij nog over uit tot dan maar kan kunnen meer deze dit "
    "wat wie waar hoe geen heeft hebben was werd zal zullen moet moeten onder tussen binnen".split()
)
EN_STOP = frozenset(
    "the and of to in is that for on with as are be this by it from at or an was which have "
    "has not but can will their they we you your what who where how".split()
)


@dataclass(frozen=True, slots=True)
class Readability:
    sentences: int
    words: int
    long_words: int

    @property
    def mean_sentence_words(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_word_share(self) -> float:
        return self.long_words / self.words if self.words else 0.0


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def readability(answer: str) -> Readability:
    """Sentence and word counts of an answer, citation markers left out."""
    text = strip_markers(answer)
    spans = [s for s in sentence_spans(text) if words(text[s[0] : s[1]])]
    ws = words(text)
    return Readability(len(spans), len(ws), sum(1 for w in ws if len(w.replace("-", "")) > LONG_WORD))


def is_dutch(answer: str) -> bool:
    """More Dutch than English function words, and enough of them to be running text.

    Very short answers (a name, a list of partners) carry too few function words to judge and
    pass unless they look English.
    """
    ws = [w.casefold() for w in words(strip_markers(answer))]
    nl = sum(1 for w in ws if w in NL_STOP)
    en = sum(1 for w in ws if w in EN_STOP)
    if len(ws) < 12:
        return en <= nl
    return nl > en and nl / len(ws) >= 0.08
