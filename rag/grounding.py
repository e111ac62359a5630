"""Check a generated sentence against the numbered passages it cites.

A sentence survives only if it cites a passage that was offered, is Dutch, every number and name
in it occurs in a cited passage, and its content words (plus embedding similarity with the cited
passage's sentences) show that the passage says it. The source sentences that support it become
its citations, so a generated answer still cites exact spans of the stored source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from ingest.lexical import normalise, stems
from ingest.store import Index
from rag.compose import Sentence, sentences
from rag.types import Hit

LEX_OK = 0.7  # share of the sentence's content words found in the cited passages: supported
LEX_MIN = 0.4  # below this the sentence is unsupported whatever the embedding says
SIM_MIN = 0.86  # cosine with the closest cited source sentence, needed between LEX_MIN and LEX_OK
SUPPORT_PER_PASSAGE = 2  # source sentences cited for one generated sentence
PASSAGE_CHARS = 700  # per passage in the prompt; a 2-core CPU reads ~50 tokens/s

_MARKS = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W_][\w\-’']*")
_END = re.compile(r"[.!?](?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])*(?=\s)|\n+")
_ABBREV = re.compile(r"\b(?:o\.a|bijv|d\.w\.z|m\.b\.t|i\.s\.m|t\.b\.v|ca|nr|incl|etc)\.$", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_NL = frozenset("de het een en van in op te dat die is voor met er niet zijn om als bij ook of door naar u uw".split())
_EN = frozenset("the and of to in is that for on with as are be this by it from at or an which have has you".split())
_ALWAYS = frozenset("drenthe drentse drents nederland nederlandse naober".split())
_REFUSING = ("kan ik niet vinden", "niet in de passages", "staat niet in de documenten", "geen informatie over")


@dataclass(frozen=True, slots=True)
class Passage:
    n: int
    hit: Hit
    text: str  # what the model reads
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    text: str  # the generated sentence without its markers
    cited: tuple[int, ...]  # offered passage numbers
    invented: tuple[int, ...]  # numbers that were not offered


@dataclass(frozen=True, slots=True)
class Verdict:
    claim: Claim
    reason: str  # "" when supported
    detail: str = ""
    support: tuple[Sentence, ...] = ()
    overlap: float = 0.0
    similarity: float = 0.0
    attributed: bool = False  # the model gave no valid [n]; the verifier chose the passage

    @property
    def ok(self) -> bool:
        return not self.reason


def offered(index: Index, hits: list[Hit]) -> list[Passage]:
    """Numbered passages; a table row brings its other cells along (as the extractive path does)."""
    out: list[Passage] = []
    for n, h in enumerate(hits, 1):
        cells = index.row_chunks(h.chunk) if h.chunk.kind == "inspanning" else [h.chunk]
        sents: list[Sentence] = []
        for s in (s for c in cells or [h.chunk] for s in sentences(index, Hit(c, h.score, h.dense, h.lexical, h.rank))):
            if sents and sum(len(x.text) + 1 for x in sents) + len(s.text) > PASSAGE_CHARS:
                break
            sents.append(s)
        out.append(Passage(n, h, " ".join(s.text for s in sents), tuple(sents)))
    return out


def split_complete(buffer: str, final: bool = False) -> tuple[list[str], str]:
    """Whole sentences (with their trailing markers) and the unfinished rest of a streamed text."""
    done, start = [], 0
    for m in _END.finditer(buffer):
        if _ABBREV.search(buffer[max(start, m.start() - 8) : m.start() + 1]):
            continue
        done.append(buffer[start : m.end()])
        start = m.end()
    rest = buffer[start:]
    if final and rest.strip():
        done, rest = [*done, rest], ""
    return [d.strip() for d in done if d.strip()], rest


def parse_claim(raw: str, offered_ns: set[int]) -> Claim:
    numbers = [int(x) for group in _MARKS.findall(raw) for x in re.split(r"\s*[,;]\s*", group)]
    text = _BULLET.sub("", _MARKS.sub("", raw)).replace("**", "").strip()
    cited = tuple(dict.fromkeys(n for n in numbers if n in offered_ns))
    invented = tuple(dict.fromkeys(n for n in numbers if n not in offered_ns))
    return Claim(text, cited, invented)


def is_refusal(text: str) -> bool:
    t = normalise(text)
    return any(p in t for p in _REFUSING)


class Verifier:
    def __init__(self, index: Index, passages: list[Passage]) -> None:
        self.index = index
        self.passages = {p.n: p for p in passages}

    @cached_property
    def _vectors(self) -> dict[int, np.ndarray]:
        """Sentence vectors stored at ingest; only sentences without one are embedded now."""
        out = {}
        for n, p in self.passages.items():
            stored = [self._stored(s) for s in p.sentences]
            todo = [s.text for s, v in zip(p.sentences, stored, strict=True) if v is None]
            fresh = iter(self.index.embedder.embed_documents(todo) if todo else [])
            rows = [v if v is not None else next(fresh) for v in stored]
            out[n] = _unit(np.vstack(rows)) if rows else np.zeros((0, self.index.embedder.dim), np.float32)
        return out

    def _stored(self, s: Sentence) -> np.ndarray | None:
        vecs = self.index.sentence_vectors.get(s.hit.chunk.chunk_id)
        return vecs[s.position] if vecs is not None and s.position < len(vecs) else None

    def check(self, claim: Claim) -> Verdict:
        words = _WORD.findall(claim.text)
        if len(words) < 3:
            return Verdict(claim, "empty")
        if is_refusal(claim.text):
            return Verdict(claim, "refusal")
        if not claim.cited:  # the model forgot [n] or invented one: strictly checked against its best passage
            best = self._best_passage(claim.text)
            if best is None:
                why = "invented_citation" if claim.invented else "no_citation"
                return Verdict(claim, why, " ".join(f"[{n}]" for n in claim.invented))
            return self._checked(replace(claim, cited=(best,)), words, strict=True)
        return self._checked(claim, words, strict=False)

    def _checked(self, claim: Claim, words: list[str], strict: bool) -> Verdict:
        lowered = [w.casefold() for w in words]
        if sum(w in _EN for w in lowered) > max(1, sum(w in _NL for w in lowered)):
            return Verdict(claim, "not_dutch")
        source = " ".join(f"{self.passages[n].hit.chunk.section} {self.passages[n].text}" for n in claim.cited)
        if missing := _missing_numbers(claim.text, source):
            return Verdict(claim, "number_not_in_source", missing)
        if missing := _missing_names(words, source):
            return Verdict(claim, "name_not_in_source", missing)
        return self._support(claim, strict)

    def _best_passage(self, text: str) -> int | None:
        terms = set(stems(text))
        scored = [(_share(terms, f"{p.hit.chunk.section} {p.text}"), -n) for n, p in self.passages.items()]
        share, n = max(scored, default=(0.0, 0))
        return -n if share > 0 else None

    def _support(self, claim: Claim, strict: bool) -> Verdict:
        """Content words are counted in the shown source sentences (at most two per cited passage,
        plus the section path), not in the whole passage: a claim that glues words from
        different sentences together is not supported by any one of them."""
        terms = set(stems(claim.text))
        vec = _unit(self.index.embedder.embed_documents([claim.text]))[0]
        chosen: list[Sentence] = []
        best_sim = 0.0
        for n in claim.cited:
            sims = self._vectors[n] @ vec
            sents = self.passages[n].sentences
            ranked = sorted(range(len(sents)), key=lambda i: -(float(sims[i]) + _share(terms, sents[i].text)))
            best_sim = max([best_sim, *(float(x) for x in sims)])
            covered: set[str] = set()
            for i in ranked[: SUPPORT_PER_PASSAGE + 2]:
                new = (terms & set(stems(sents[i].text))) - covered
                if new and (not covered or len(new) >= 2):
                    chosen.append(sents[i])
                    covered |= new
                if len(covered) == len(terms) or sum(s in chosen for s in sents) >= SUPPORT_PER_PASSAGE:
                    break
        context = " ".join([*(s.text for s in chosen), *(self.passages[n].hit.chunk.section for n in claim.cited)])
        overlap = _share(terms, context)
        ok = overlap >= LEX_OK or (not strict and overlap >= LEX_MIN and best_sim >= SIM_MIN)
        reason = "" if ok and chosen else ("unsupported_uncited" if strict else "unsupported")
        detail = f"woorden {overlap:.2f}, gelijkenis {best_sim:.2f}"
        if strict:
            detail += f", bron [{claim.cited[0]}] bepaald door de controle"
        return Verdict(claim, reason, detail, tuple(chosen), round(overlap, 3), round(best_sim, 3), strict)


def _unit(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32).reshape(len(m), -1)
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def _share(terms: set[str], text: str) -> float:
    return len(terms & set(stems(text))) / len(terms) if terms else 0.0


def _digits(text: str) -> set[str]:
    return {re.sub(r"[.,]", "", m) for m in _NUMBER.findall(text)}


def _missing_numbers(claim: str, source: str) -> str:
    return " ".join(sorted(_digits(claim) - _digits(source)))


def _missing_names(words: list[str], source: str) -> str:
    """Capitalised words after the first that the cited passages do not contain."""
    src = normalise(source)
    parts = [p for w in words[1:] for p in re.split(r"[-/]", w) if p]
    names = [p for p in parts if p[:1].isupper() and normalise(p) not in _ALWAYS]
    return " ".join(w for w in names if normalise(w).rstrip("’'s") not in src)
