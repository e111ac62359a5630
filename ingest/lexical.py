"""Dutch BM25 over chunk texts (bm25s + Snowball ``dutch`` stemmer + Dutch stopwords).

Dutch glues words together ("mantelzorgondersteuning"), so tokens are also split into parts that
the corpus vocabulary knows, and unknown query words fall back to their longest known prefix.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH

_WORD = re.compile(r"\w+", re.U)
_STOP = frozenset(STOPWORDS_DUTCH) | frozenset(
    (
        "wat waar wie hoe welke welk wanneer waarom kan kun kunt ik mijn mij je jij u uw "
        "er is zijn wordt worden gaat doen iets daar dan ook nog wel "
    ).split()
)
_MIN_PART = 4


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(normalise(text)) if w not in _STOP and (len(w) > 1 or w.isdigit())]


def stems(text: str) -> list[str]:
    return list(_stemmer().stemWords(words(text)))


def _split(token: str, vocab: frozenset[str], stem_head: bool = False) -> list[str]:
    """Two-part compound split where both parts are known words (longest head first). With
    ``stem_head`` the head, a whole word inside the compound, is also known by its stem:
    "energie|coache" splits because "energie" stems to the known "energ"."""
    for cut in range(len(token) - _MIN_PART, _MIN_PART - 1, -1):
        head, tail = token[:cut], token[cut:]
        tail = tail[1:] if tail[:1] == "s" and tail[1:] in vocab else tail
        if tail not in vocab:
            continue
        if head in vocab:
            return [head, tail]
        if stem_head and (stem := _stem(head)) in vocab and len(stem) >= _MIN_PART:
            return [stem, tail]
    return []


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


class LexicalIndex:
    def __init__(self, texts: list[str]) -> None:
        base = [stems(t) for t in texts]
        self.vocab = frozenset(s for doc in base for s in doc if len(s) >= _MIN_PART)
        docs = [self._with_parts(doc) for doc in base]
        self._df: dict[str, int] = {}
        for doc in docs:
            for term in set(doc):
                self._df[term] = self._df.get(term, 0) + 1
        self._bm25 = bm25s.BM25(k1=1.2, b=0.75)
        self._bm25.index(docs, show_progress=False)
        self._size = len(texts)
        self._terms: dict[str, frozenset[str]] = {}  # sentence texts are scored many times per answer

    def _with_parts(self, doc: list[str], stem_head: bool = False) -> list[str]:
        return doc + [p for s in doc if len(s) >= 2 * _MIN_PART for p in _split(s, self.vocab, stem_head)]

    def terms(self, text: str) -> frozenset[str]:
        """A sentence's terms, for matching the question's words in the composer: stems plus the
        known parts of compounds, heads also known by their stem ("veiligheidscoaches" holds
        "coache"). BM25 keeps the stricter split: there the looser one moved ranks for the worse."""
        if (got := self._terms.get(text)) is None:
            got = self._terms[text] = frozenset(self._with_parts(stems(text), stem_head=True))
        return got

    def query_terms(self, text: str) -> list[str]:
        out: list[str] = []
        for s in stems(text):
            if s not in self.vocab and s.endswith("e") and s[:-1] in self.vocab:
                s = s[:-1]  # an inflected adjective the stemmer keeps: "lichtgroene" → "lichtgroen"
            out.append(s)
            if s in self.vocab:
                continue
            parts = _split(s, self.vocab) if len(s) >= 2 * _MIN_PART else []
            if not parts:
                prefix = next((s[:n] for n in range(len(s) - 1, 4, -1) if s[:n] in self.vocab), None)
                parts = [prefix] if prefix else []
            out.extend(parts)
        return out

    def idf(self, term: str) -> float:
        return float(np.log(1.0 + (self._size - self._df.get(term, 0) + 0.5) / (self._df.get(term, 0) + 0.5)))

    def scores(self, text: str) -> np.ndarray:
        terms = [t for t in self.query_terms(text) if t]
        if not terms or not self._size:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)
