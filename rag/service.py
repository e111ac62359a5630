"""answer(): the whole pipeline as a few plain calls, with timings.

retrieve (dense + BM25, fused) → refuse when the evidence is weak → compose (extractive, or an
optional chat model) → verify every citation against the stored source.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ingest.models import Chunk
from ingest.store import Index, chunk_at
from naober.settings import RetrievalSettings, Settings
from rag.answer_type import absent_names, expected_type, has_type, missing_type, unknown_names
from rag.catalog_answer import catalog_answer, listed_title
from rag.compose import compose
from rag.prompts import NEXT_STEP_BY_TYPE, REFUSAL, REFUSAL_NEXT_STEP
from rag.query import expand, validate_question
from rag.retrieve import retrieve
from rag.types import Answer, Citation, Filters, Hit
from rag.verify import drop_sentences, verify_citations

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

PASSAGES_SHOWN = 10


def evidence(index: Index, question: str, hits: list[Hit]) -> dict[str, Any]:
    """How well the best passages match: cosine of the closest of the top 3, and the idf-weighted
    share of the question's own words that the top 3 passages contain."""
    from ingest.lexical import stems

    dense = max((h.dense or 0.0 for h in hits[:3]), default=0.0)
    q_terms = set(index.lexical.query_terms(question))
    seen = {t for h in hits[:3] for t in index.lexical.query_terms(f"{h.chunk.section} {h.chunk.text}")}
    seen |= {t for h in hits[:3] for t in stems(h.chunk.title)}
    total = sum(index.lexical.idf(t) for t in q_terms)
    coverage = sum(index.lexical.idf(t) for t in q_terms if t in seen) / total if total else 0.0
    return {"dense": round(dense, 4), "coverage": round(coverage, 4)}


def weak(ev: dict[str, Any], cfg: RetrievalSettings) -> bool:
    return ev["dense"] + cfg.coverage_weight * ev["coverage"] < cfg.refuse_below


def answer(
    question: str,
    *,
    index: Index,
    settings: Settings,
    k: int | None = None,
    filters: Filters | None = None,
    audience: str = "inwoner",
    history: list[dict[str, str]] | None = None,
    llm: BaseChatModel | None = None,
) -> Answer:
    if llm is not None:  # generative: the extractive answer below is its gate and its fallback
        *_, last = answer_stream(
            question, index=index, settings=settings, k=k, filters=filters, audience=audience, history=history, llm=llm
        )
        assert isinstance(last, Answer)
        return last
    t0 = time.perf_counter()
    cfg = settings.retrieval
    q = validate_question(question, cfg)
    focus = expand(q)  # what this turn asks; a follow-up is searched with its context
    searched = expand(_with_history(q, history))
    timings: dict[str, float] = {}
    k = k or cfg.k
    hits = retrieve(index, searched, cfg, n=max(k, PASSAGES_SHOWN), k=k, filters=filters, timings=timings)
    t1 = time.perf_counter()
    strength = evidence(index, q, hits)
    strength["unknown_names"] = unknown_names(q, index.corpus_text)
    if not hits or weak(strength, cfg) or strength["unknown_names"]:
        return _refusal(q, searched, hits, timings, t0, strength)
    per_audience = 3 if audience == "inwoner" else 4
    text, citations, complete = catalog_answer(index, focus, hits[:k]) or ("", (), False)
    field_cites = citations
    if complete:
        hits = _evidence_first(index, hits, citations)
    else:
        skip = tuple((c.doc_id, c.char_start, c.char_end) for c in citations)
        more, more_cites, lead = compose(
            index,
            focus,
            hits[:k],
            max_sentences=max(1, per_audience - len(citations)),
            first_n=len(citations) + 1,
            skip=skip,
            neighbours=1 if audience == "inwoner" else 2,  # residents get the shorter answer (B1)
        )
        text, citations = f"{text} {more}".strip(), citations + more_cites
        hits = _cited_shown(index, hits, field_cites, k)
        hits = hits if field_cites or lead is None else _answer_first(hits, lead, k)
        hits = _figure_first(q, hits, k)
    ok, problems = verify_citations(index, citations)
    if problems:
        text = drop_sentences(text, {c.n for c in citations} - {c.n for c in ok})
    timings["compose"] = (time.perf_counter() - t1) * 1000
    timings["total"] = (time.perf_counter() - t0) * 1000
    lacking = missing_type(q, text)
    absent = absent_names(q, " ".join([text, *(_named_as(index, c) for c in ok)]))
    if not ok or lacking or absent:
        strength["missing_type"] = lacking
        strength["absent_names"] = absent
        return _refusal(q, searched, hits, timings, t0, strength)
    return Answer(
        question=q,
        answer=text,
        refused=False,
        citations=ok,
        passages=tuple(hits),
        timings_ms=_round(timings),
        searched_query=searched,
        verification={"evidence": strength, "problems": problems},
    )


def _named_as(index: Index, c: Citation) -> str:
    """How a cited source is known: its title, section and publisher ("het regioplan van Gezonde
    Marke" names the regioplan's publisher, which its text never repeats)."""
    publisher = index.manifest.docs.get(c.doc_id, {}).get("publisher", "")
    return f"{c.title} {c.section} {publisher}"


def _evidence_first(index: Index, hits: list[Hit], citations: tuple[Citation, ...]) -> list[Hit]:
    """A list of inspanningen is found in the catalog, not by passage search: the table rows it
    cites are its evidence, so they lead the passages shown with it, after the overview page
    that lists them together."""
    overview = _overview(index, citations)
    cited: list[Hit] = [_hit_for(overview, hits)] if overview else []
    for c in citations:
        chunk = _chunk_at(index, c)
        if chunk and all(h.chunk.chunk_id != chunk.chunk_id for h in cited):
            cited.append(_hit_for(chunk, hits))
    rest = [h for h in hits if all(h.chunk.chunk_id != c.chunk.chunk_id for c in cited)]
    return [replace(h, rank=i + 1) for i, h in enumerate(cited + rest)][: max(len(hits), len(cited))]


def _answer_first(hits: list[Hit], lead: Hit, k: int) -> list[Hit]:
    """The passage that gave the answer its best sentence is shown first: the first source a reader
    checks is the one the answer rests on. It moves up from the top k the answer was composed
    from, or joins them when it holds the items of a list that ran on past them; a figure passage
    may still go before it (``_figure_first``)."""
    if hits[:1] and hits[0].chunk.chunk_id == lead.chunk.chunk_id:
        return hits
    hit = next((h for h in hits[1:k] if h.chunk.chunk_id == lead.chunk.chunk_id), lead)
    rest = [h for h in hits if h.chunk.chunk_id != lead.chunk.chunk_id]
    return [replace(h, rank=i + 1) for i, h in enumerate([hit, *rest][: len(hits)])]


def _first(hits: list[Hit], hit: Hit | None) -> list[Hit]:
    """``hit`` leads the passages shown (ranks renumbered); None leaves them as they are."""
    if hit is None:
        return hits
    return [replace(h, rank=i + 1) for i, h in enumerate([hit, *(h for h in hits if h is not hit)])]


FIGURE_WITHIN = 3  # how far down a passage holding the asked figure may come from
_FIGURES = frozenset({"bedrag", "percentage", "aantal", "duur"})


def _figure_first(question: str, hits: list[Hit], k: int) -> list[Hit]:
    """A question after a figure ("hoeveel geld", "welk percentage") is best shown its evidence
    first: when the first passage holds no such figure and one of the next two does, that one
    leads. Only the passages shown move, within the top k the answer was composed from."""
    want = expected_type(question)
    if want not in _FIGURES or not hits or has_type(hits[0].chunk.text, want):
        return hits
    return _first(hits, next((h for h in hits[1 : min(FIGURE_WITHIN, k)] if has_type(h.chunk.text, want)), None))


OVERVIEW_MIN = 3  # titles a passage must list to be the overview of a list answer


def _overview(index: Index, citations: tuple[Citation, ...]) -> Chunk | None:
    """The passage (not a row) that names the most of the cited inspanningen: a coalition's
    overview page names all of them where each row names one."""
    from ingest.lexical import normalise

    titles = {normalise(listed_title(c.section.split(" › ", 1)[-1])) for c in citations}  # "theme › title"
    docs = {c.doc_id for c in citations}
    if len(titles) < OVERVIEW_MIN:
        return None
    named = [
        (sum(t in index.plain_texts[ch.chunk_id] for t in titles), ch)
        for ch in index.chunks
        if ch.doc_id in docs and ch.kind != "inspanning"
    ]
    most, chunk = max(named, key=lambda x: x[0], default=(0, None))
    return chunk if most >= OVERVIEW_MIN else None


def _cited_shown(index: Index, hits: list[Hit], citations: tuple[Citation, ...], k: int) -> list[Hit]:
    """A field answer ("Financiering van … : versnellingsgelden") cites a cell of the inspanning's
    row that retrieval may have ranked low: it joins the top passages, next to its row."""
    out = list(hits)
    for c in citations:
        chunk = _chunk_at(index, c)
        if chunk is None or any(h.chunk.chunk_id == chunk.chunk_id for h in out[:k]):
            continue
        hit = _hit_for(chunk, out)
        if hit in out:
            out.remove(hit)
        same_row = [i for i, h in enumerate(out[:k]) if h.chunk.section == chunk.section]
        at = same_row[-1] + 1 if same_row else min(1, len(out))
        if same_row and at >= k > 1:  # the row holds the last top place: it moves up to make room
            out.insert(k - 2, out.pop(same_row[-1]))
            at = k - 1
        out.insert(at, hit)
    return [replace(h, rank=i + 1) for i, h in enumerate(out[: len(hits)])]


def _hit_for(chunk: Chunk, hits: list[Hit]) -> Hit:
    """The retrieved hit of a cited chunk, or a hit made for it (scored as the best) when retrieval
    did not return it."""
    found = next((h for h in hits if h.chunk.chunk_id == chunk.chunk_id), None)
    return found or Hit(chunk, hits[0].score if hits else 0.0, None, None, 0)


def _chunk_at(index: Index, c: Citation) -> Chunk | None:
    return chunk_at(index.chunks, c.doc_id, c.char_start)


def answer_stream(
    question: str, *, index: Index, settings: Settings, llm: BaseChatModel | None = None, **kw: Any
) -> Iterator[str | Answer]:
    """Text deltas, then the final Answer (whose ``answer`` is the deltas joined); for SSE and chat."""
    if llm is None:
        a = answer(question, index=index, settings=settings, **kw)
        yield a.answer
        yield a
        return
    from rag.generate import answer_stream as generated

    yield from generated(question, index=index, settings=settings, llm=llm, **kw)


def _with_history(q: str, history: list[dict[str, str]] | None) -> str:
    """A short follow-up ("en wie betaalt dat?") is searched together with the previous question."""
    if not history:
        return q
    prev = [m.get("content", "") for m in history if m.get("role") == "user"]
    from rag.followup import is_followup

    return f"{prev[-1]} {q}" if prev and is_followup(q) else q


def _refusal(
    q: str, searched: str, hits: list[Hit], timings: dict[str, float], t0: float, strength: dict[str, Any]
) -> Answer:
    timings.setdefault("compose", 0.0)
    timings["total"] = (time.perf_counter() - t0) * 1000
    asked = strength.get("missing_type") or expected_type(q)  # medical advice → the huisarts, not the gemeente
    return Answer(
        question=q,
        answer=f"{REFUSAL} {NEXT_STEP_BY_TYPE.get(asked or '', REFUSAL_NEXT_STEP)}",
        refused=True,
        citations=(),
        passages=tuple(hits),
        timings_ms=_round(timings),
        searched_query=searched,
        suggestions=tuple(hits[:3]),
        verification={"evidence": strength, "problems": []},
    )


def _round(t: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 2) for k, v in t.items()}


def with_note(a: Answer, note: str) -> Answer:
    return replace(a, note=note)
