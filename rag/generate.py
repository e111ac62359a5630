"""Generative answers from an optional chat model, every sentence checked before it is shown.

The extractive pipeline runs first and decides: a refusal there is a refusal here (the model is
not called), and its answer is the fallback. The model reads numbered passages; its text is cut
into sentences as it streams, each checked (rag/grounding.py) and shown only when supported.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ingest.store import Index
from naober.settings import Settings
from rag.answer_type import has_type, strong_type
from rag.catalog_answer import catalog_answer
from rag.compose import Sentence
from rag.followup import is_followup
from rag.grounding import Passage, Verdict, Verifier, is_refusal, offered, parse_claim, split_complete
from rag.prompts import (
    GROUNDED_PASSAGE,
    GROUNDED_SYSTEM,
    GROUNDED_USER,
    NOTE_LLM_CUT,
    NOTE_LLM_REFUSED,
    NOTE_LLM_UNAVAILABLE,
    NOTE_LLM_UNCHECKED,
    REFUSAL,
    REWRITE_SYSTEM,
    REWRITE_USER,
    STYLE_INWONER,
    STYLE_PROFESSIONAL,
)
from rag.query import QuestionError, validate_question
from rag.types import Answer, Citation, Filters
from rag.verify import verify_citations

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

PROMPT_PASSAGES = 3  # with PASSAGE_CHARS, a prompt of ~900 tokens: ~20 s on 2 idle cores
MIN_SHOWN_CHARS = 40  # text is shown once this much has been verified (and has the asked-for type)
Message = tuple[str, str]  # (role, content); langchain messages are made only in _deltas


def build_messages(question: str, passages: list[Passage], audience: str = "inwoner") -> list[Message]:
    style = STYLE_PROFESSIONAL if audience == "professional" else STYLE_INWONER
    blocks = [
        GROUNDED_PASSAGE.format(n=p.n, title=p.hit.chunk.title, section=p.hit.chunk.section, text=p.text)
        for p in passages
    ]
    return [
        ("system", f"{GROUNDED_SYSTEM.format(refusal=REFUSAL)} {style}"),
        ("user", GROUNDED_USER.format(passages="\n\n".join(blocks), question=question)),
    ]


def _deltas(llm: BaseChatModel, messages: list[Message]) -> Iterator[str]:
    from langchain_core.messages import HumanMessage, SystemMessage

    lc = [SystemMessage(c) if role == "system" else HumanMessage(c) for role, c in messages]
    try:
        for chunk in llm.stream(lc):
            content = chunk.content
            yield content if isinstance(content, str) else "".join(str(c) for c in content)
    except ValueError as exc:  # langchain's way of saying the model answered with nothing
        if "No generation chunks" not in str(exc):
            raise


def standalone(question: str, history: list[dict[str, str]] | None, llm: BaseChatModel) -> str | None:
    """A follow-up rewritten into a question that stands on its own; None when not needed or failed."""
    if not history or not is_followup(question):
        return None
    turns = "\n".join(f"{m.get('role')}: {m.get('content', '')[:400]}" for m in history[-4:])
    try:
        text = "".join(
            _deltas(llm, [("system", REWRITE_SYSTEM), ("user", REWRITE_USER.format(history=turns, question=question))])
        )
    except Exception:
        return None
    line = next((x.strip(" \"'“”") for x in text.splitlines() if x.strip()), "")
    return line[:300] if len(line.split()) >= 3 else None


def answer_stream(
    question: str,
    *,
    index: Index,
    settings: Settings,
    llm: BaseChatModel,
    k: int | None = None,
    filters: Filters | None = None,
    audience: str = "inwoner",
    history: list[dict[str, str]] | None = None,
) -> Iterator[str | Answer]:
    """Text deltas, then the final Answer (its ``answer`` is the deltas joined)."""
    from rag.service import answer

    t0 = time.perf_counter()
    q = validate_question(question, settings.retrieval)
    rewritten = standalone(q, history, llm)
    try:
        base = answer(
            rewritten or q,
            index=index,
            settings=settings,
            k=k,
            filters=filters,
            audience=audience,
            history=None if rewritten else history,
        )
    except QuestionError:
        rewritten = None
        base = answer(q, index=index, settings=settings, k=k, filters=filters, audience=audience, history=history)
    info: dict[str, Any] = {"mode": "extractief", "rewritten_question": rewritten}
    base = replace(base, question=q, verification={**base.verification, **info})
    asked = rewritten or q
    listed = catalog_answer(index, asked, list(base.passages[: k or settings.retrieval.k]))
    if base.refused or (listed and listed[2]):
        yield base.answer  # the gate before the model: refusals and catalogue lists stay as they are
        yield base
        return
    passages = offered(index, list(base.passages[:PROMPT_PASSAGES]))
    run = _Run(index, Verifier(index, passages), {p.n for p in passages}, strong_type(asked))
    yield from run.stream(llm, build_messages(asked, passages, audience))
    final = run.result(base, t0, settings.llm or "")
    if not run.shown:
        yield final.answer  # the extractive fallback
    yield final


class _Run:
    """One generation: verdicts per sentence, the citations of what is shown, the shown deltas."""

    def __init__(self, index: Index, verifier: Verifier, numbers: set[int], want: str | None) -> None:
        self.index, self.verifier, self.numbers, self.want = index, verifier, numbers, want
        self.verdicts: list[Verdict] = []
        self.pending: list[Verdict] = []
        self.shown: list[str] = []
        self.citations: dict[tuple[str, int, int], Citation] = {}
        self.timings: dict[str, float] = {}
        self.error = ""

    def stream(self, llm: BaseChatModel, messages: list[Message]) -> Iterator[str]:
        t = time.perf_counter()
        buffer = ""
        try:
            for delta in _deltas(llm, messages):
                self.timings.setdefault("llm_first_token", (time.perf_counter() - t) * 1000)
                done, buffer = split_complete(buffer + delta)
                for raw in done:
                    yield from self._add(raw, t)
        except Exception as exc:  # unreachable server, timeout, model error: show what was verified
            self.error = f"{type(exc).__name__}: {exc}"[:300]
        for raw in split_complete(buffer, final=True)[0]:
            yield from self._add(raw, t)
        self.timings["llm"] = (time.perf_counter() - t) * 1000

    def _add(self, raw: str, t: float) -> Iterator[str]:
        v = self.verifier.check(parse_claim(raw, self.numbers))
        self.verdicts.append(v)
        if not v.ok:
            return
        self.pending.append(v)
        text = " ".join([*self.shown, *(p.claim.text for p in self.pending)])
        if not self.shown and (len(text) < MIN_SHOWN_CHARS or (self.want and not has_type(text, self.want))):
            return
        for p in self.pending:
            piece = ("" if not self.shown else " ") + self._render(p)
            self.timings.setdefault("first_delta", (time.perf_counter() - t) * 1000)
            self.shown.append(piece)
            yield piece
        self.pending = []

    def _render(self, v: Verdict) -> str:
        marks = "".join(f"[{self._cite(s).n}]" for s in v.support)
        text = v.claim.text if v.claim.text.endswith((".", "!", "?", ":")) else v.claim.text + "."
        return f"{text} {marks}"

    def _cite(self, s: Sentence) -> Citation:
        key = (s.hit.chunk.doc_id, s.start, s.end)
        if key not in self.citations:
            self.citations[key] = citation_for(self.index, s, len(self.citations) + 1)
        return self.citations[key]

    def result(self, base: Answer, t0: float, llm_name: str) -> Answer:
        removed = [
            {"sentence": v.claim.text, "reason": v.reason, "detail": v.detail} for v in self.verdicts if not v.ok
        ]
        info = {
            "llm": llm_name,
            "sentences": len(self.verdicts),
            "kept": len(self.verdicts) - len(removed),
            "removed": removed,
            "invented_citations": sorted({n for v in self.verdicts for n in v.claim.invented}),
            "attributed": sum(v.attributed and v.ok for v in self.verdicts),
            "error": self.error,
        }
        timings = {**base.timings_ms, **{k: round(v, 2) for k, v in self.timings.items()}}
        timings["total"] = round((time.perf_counter() - t0) * 1000, 2)
        if not self.shown:
            note, why = self._fallback_note(removed)
            return replace(
                base,
                note=note,
                timings_ms=timings,
                verification={**base.verification, **info, "mode": "extractief", "fallback": why},
            )
        ok, problems = verify_citations(self.index, tuple(self.citations.values()))
        return replace(
            base,
            answer="".join(self.shown),
            citations=ok,
            timings_ms=timings,
            note=NOTE_LLM_CUT if self.error else "",
            verification={**base.verification, **info, "mode": "generatief", "fallback": None, "problems": problems},
        )

    def _fallback_note(self, removed: list[dict[str, str]]) -> tuple[str, str]:
        if self.error and not self.verdicts:
            return NOTE_LLM_UNAVAILABLE, "llm_error"
        if any(is_refusal(r["sentence"]) for r in removed) and not any(v.ok for v in self.verdicts):
            return NOTE_LLM_REFUSED, "llm_refused"
        return NOTE_LLM_UNCHECKED, "too_little_verified"


def citation_for(index: Index, s: Sentence, n: int) -> Citation:
    c = s.hit.chunk
    text = index.doc_text(c.doc_id)
    return Citation(
        n=n,
        doc_id=c.doc_id,
        file=c.file,
        title=c.title,
        section=c.section,
        page=None if c.page is None else text.count("\f", 0, s.start) + 1,
        line_start=None if c.page is not None else text.count("\n", 0, s.start) + 1,
        line_end=None if c.page is not None else text.count("\n", 0, s.end) + 1,
        char_start=s.start,
        char_end=s.end,
        quote=text[s.start : s.end],
    )
