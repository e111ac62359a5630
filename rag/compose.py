"""Extractive answers: the source sentences that best answer the question, each cited.

No model writes anything here; every sentence shown is a span of a stored document, so the
answer cannot contain a fact that the documents do not.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from ingest.clean import clean
from ingest.sentences import SentenceSpan, chunk_sentences
from ingest.store import Index, chunk_at
from rag.answer_type import asked_count, expected_type, has_type, named_parts
from rag.goal_rows import codes_in, goal_rows, line_around, row_span
from rag.prompts import INSPANNING_PREFIX
from rag.retrieve import named_documents
from rag.types import Citation, Hit

MIN_SENTENCE = 20
SEMANTIC_CENTRE = 0.8
STOP_BELOW = 0.45  # a next sentence must score at least this share of the best one


@dataclass(frozen=True, slots=True)
class Sentence:
    hit: Hit
    start: int  # source offsets
    end: int
    text: str  # cleaned
    position: int
    block: int = 0  # paragraph within the passage: a neighbour must share it
    similarity: float | None = None  # cosine to the question, when sentence vectors are stored
    item: str = ""  # the head of the labelled list item the sentence stands in, after its first line
    leads: bool = False  # it opens a list: a lead-in ("… de volgende thema's:"), or one follows it ("Dit zijn:")


def sentences(index: Index, hit: Hit, query_vec: np.ndarray | None = None) -> list[Sentence]:
    """A passage's sentences as exact source spans, with their similarity to the question."""
    spans = chunk_sentences(index.doc_text(hit.chunk.doc_id), hit.chunk)
    sims = _similarities(index, hit, spans, query_vec)
    items = item_heads([s.text for s in spans])
    return [
        Sentence(
            hit,
            s.start,
            s.end,
            s.text,
            s.position,
            s.block,
            None if sims is None else float(sims[i]),
            items[i],
            hit.chunk.kind == "text"  # a table row's "Financiering:" is a cell label, not a list
            and (_is_lead_in(s.text) or (i + 1 < len(spans) and _short_lead_in(s, spans[i + 1]))),
        )
        for i, s in enumerate(spans)
    ]


# "• Lichtgroen: MDO, kernteams …: hier wordt …": a short label (not "De vijf ketenaanpakken betreffen:")
_ITEM_HEAD = re.compile(r"•\s*(?!(?:De|Het|Een|Dit|Deze|Dat|Die|We|Wij)\b)((?:[^\s:]+\s?){1,3}:(?:.{0,80}:)?)\s")


def item_heads(texts: list[str]) -> list[str]:
    """For each sentence, the label of the list item it continues: after "• Lichtgroen: MDO,
    kernteams …: hier wordt …", the "Doel: voorkomen verergering …" lines belong to Lichtgroen,
    though they never name it. A sentence that opens an item, or stands in none, gets ""."""
    out, head = [], ""
    for text in texts:
        if text.startswith("•"):
            m = _ITEM_HEAD.match(text)
            head = m.group(1).rstrip(":") if m else ""
            out.append("")
        else:
            out.append(head)
    return out


def _similarities(index: Index, hit: Hit, spans: list[SentenceSpan], query_vec: np.ndarray | None) -> np.ndarray | None:
    if query_vec is None:
        return None
    vecs = index.sentence_vectors.get(hit.chunk.chunk_id)
    return vecs @ query_vec if vecs is not None and len(vecs) == len(spans) else None


def _pool(index: Index, hits: list[Hit], query_vec: np.ndarray | None = None) -> list[Sentence]:
    """Sentences of the top passages; a table row counts as one unit, so a hit on any part of an
    inspanning also offers the row's other cells (its Initiatiefnemer, Financiering …)."""
    seen: set[str] = set()
    out: list[Sentence] = []
    for h in hits:
        siblings = index.row_chunks(h.chunk) if h.chunk.kind == "inspanning" else [h.chunk]
        for c in siblings:
            if c.chunk_id in seen:
                continue
            seen.add(c.chunk_id)
            out += sentences(index, h if c.chunk_id == h.chunk.chunk_id else replace(h, chunk=c), query_vec)
    return out


# Weights of a sentence's features, chosen on the dev set's tune half (`python -m evals.tune_compose`
# finds no single step from these that raises key facts). "meaning" is per unit of cosine: e5
# cosines of related text lie in a narrow band around SEMANTIC_CENTRE.
SENTENCE_WEIGHTS: dict[str, float] = {
    "overlap": 0.6,
    "prior": 0.4,
    "lead": 0.05,
    "typed": 0.25,
    "short": -0.15,
    "meaning": 2.5,
    "listing": -0.2,
    "naming": 0.05,
}


@dataclass(frozen=True, slots=True)
class Asked:
    """What the question asks for, as the sentence scores see it: an answer type ("lijst",
    "bedrag" …; None once a pick holds it), whether it asks who, and a counted list's number."""

    want: str | None = None
    names: bool = False
    count: str = ""


def sentence_features(
    index: Index, s: Sentence, q_terms: set[str], top_score: float, asked: Asked = Asked()
) -> dict[str, float]:
    """What makes a sentence an answer: the idf-weighted share of the (still uncovered) question
    words it holds, its closeness in meaning (paraphrases share few words), the passage's retrieval
    score, and whether it has the kind of answer asked for. A bare list of names (a table's
    partner cell) only answers a question that asks who; such a question slightly prefers a
    sentence that names someone ("Namens de kerngroep Gezonde Marke," over what the kerngroep does)."""
    terms = sentence_terms(index, s)
    total = sum(index.lexical.idf(t) for t in q_terms) or 1.0
    return {
        "overlap": sum(index.lexical.idf(t) for t in q_terms if t in terms) / total,
        "prior": s.hit.score / top_score if top_score else 0.0,
        "lead": float(s.position == 0),
        "typed": _typed(s, asked.want, asked.count),
        "short": float(len(s.text) < MIN_SENTENCE),
        "meaning": s.similarity - SEMANTIC_CENTRE if s.similarity is not None else 0.0,
        "listing": float(not asked.names and name_list(s.text)),
        "naming": float(asked.names and asked.want is None and bool(_NAME_INSIDE.search(s.text))),
    }


PARTLY_TYPED = 0.5  # a sentence that does half of what a counted list question asks


def _typed(s: Sentence, want: str | None, count: str = "") -> float:
    """How well the sentence holds the kind of answer asked for: a list is held by the sentence that
    opens it; "welke vijf onderwerpen" best by one that opens a list and counts as many ("… de zes
    regio-opgaven geformuleerd. Deze opgaven zijn:"), less by one that does either ("… zien we vijf
    thema's", the five then follow as headings)."""
    if want != "lijst":
        return float(bool(want and has_type(s.text, want)))
    if not count:
        return float(s.leads)
    counts = bool(re.search(rf"\b{re.escape(count)}\s+[^\W\d]", s.text, re.I))
    return 1.0 if s.leads and counts else PARTLY_TYPED if s.leads or counts else 0.0


def score_sentence(index: Index, s: Sentence, q_terms: set[str], top_score: float, asked: Asked = Asked()) -> float:
    f = sentence_features(index, s, q_terms, top_score, asked)
    return sum(SENTENCE_WEIGHTS[k] * v for k, v in f.items())


# a name inside a sentence ("… de kerngroep Gezonde Marke", "… door de GGD"), not its first word
_NAME_INSIDE = re.compile(r"(?<=\S\s)(?:[A-Z][a-z]+\s+[A-Z][a-z]+|[A-Z]{2,5}\b)")
_WORD = re.compile(r"[^\W\d_][\w\-+]*")
_ASKS_NAMES = re.compile(r"\bwie\b|\bpartners?\b|\bpartijen\b|\borganisaties\b|\binitiatiefnemer", re.I)


def name_list(text: str) -> bool:
    """Mostly capitalised words and no sentence around them: "Sedna Welzijn Proscoop Zorgbelang …"."""
    words = _WORD.findall(text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.5 * len(words)


def sentence_terms(index: Index, s: Sentence) -> frozenset[str]:
    terms = index.lexical.terms(s.text)
    if s.item:
        terms |= index.lexical.terms(s.item)
    if s.hit.chunk.kind == "inspanning":  # the row's title and theme stand in its section path
        terms |= index.lexical.terms(s.hit.chunk.section)
    return terms


def compose(
    index: Index,
    query: str,
    hits: list[Hit],
    *,
    max_sentences: int = 3,
    max_passages: int = 5,
    first_n: int = 1,
    skip: tuple[tuple[str, int, int], ...] = (),
    neighbours: int = 2,
) -> tuple[str, tuple[Citation, ...], Hit | None]:
    """Pick sentences greedily: each next one must add question words the earlier ones lack (a
    two-part question gets both parts), then order them as in the sources and cite each. Also
    returns the passage the answer rests on: the retrieved passage of the best pick, or for a list
    question the passage of the list's first item (which may lie past the passages retrieved)."""
    if not hits:
        return "", (), None
    q_terms = set(index.lexical.query_terms(query))
    asked = Asked(expected_type(query), bool(_ASKS_NAMES.search(query)), asked_count(query))
    still = asked  # what the picks so far have not yet given
    query_vec = index.query_vector(query) if index.sentence_vectors.by_chunk else None
    offered = _pool(index, hits[:max_passages], query_vec)
    pool = [s for s in offered if len(s.text) >= MIN_SENTENCE and not _overlaps(s, skip) and not _row_title(s)]
    chosen: list[Sentence] = []
    per_hit: dict[str, int] = {}
    uncovered, best = set(q_terms), 0.0
    while pool and len(chosen) < max_sentences:
        terms = uncovered or q_terms
        ranked = sorted(pool, key=lambda s: -score_sentence(index, s, terms, hits[0].score, still))
        top = ranked[0]
        score = score_sentence(index, top, terms, hits[0].score, still)
        best = best or score
        if score < STOP_BELOW * best:
            break
        pool.remove(top)
        if per_hit.get(top.hit.chunk.chunk_id, 0) >= 2:
            continue
        chosen.append(top)
        per_hit[top.hit.chunk.chunk_id] = per_hit.get(top.hit.chunk.chunk_id, 0) + 1
        uncovered -= sentence_terms(index, top)
        still = replace(still, want=None) if _typed(top, still.want, still.count) else still

    def on_question(s: Sentence) -> float:
        return score_sentence(index, s, q_terms, hits[0].score)

    # a pick from a row's other cell stands in no retrieved passage: nothing moves for it
    lead = next((h for h in hits if chosen and h.chunk.chunk_id == chosen[0].hit.chunk.chunk_id), None)
    chosen += _covering(_telling(pool, asked.names), chosen, _naming(named_parts(query)), on_question, most=NAMING_MAX)
    chosen += _covering(pool, chosen, _from_documents(named_documents(index, query)), on_question)
    picked = len(chosen)
    chosen = _with_list_items(chosen, offered, lambda s: _next_passages(index, s))
    items = [s for s in chosen[picked:] if _is_item(s.text)]
    if asked.want == "lijst" and items:
        lead = items[0].hit
    chosen = _with_neighbours(chosen, offered, neighbours)
    chosen = _with_specification(chosen, offered)
    chosen = _with_continuations(chosen, offered)
    chosen = _with_antecedents(chosen, offered)
    chosen += _goal_rows(index, chosen, hits, parties=asked.names)
    chosen.sort(key=lambda s: (s.hit.rank, s.start))
    return (*_render(index, chosen, first_n), lead)


def _row_title(s: Sentence) -> bool:
    """An inspanning's own title line ("6. Laagdrempelige ondersteuning bij life events"), or a
    table's header row ("Titel van inspanning Beknopte toelichting …"): the answer already names
    the inspanning before its sentences, so neither answers anything."""
    title = s.hit.chunk.kind == "inspanning" and s.text == s.hit.chunk.section.split(" › ")[-1]
    return title or s.hit.chunk.kind == "table"


def _covering(
    pool: list[Sentence],
    chosen: list[Sentence],
    needs: list[Callable[[Sentence], bool]],
    score: Callable[[Sentence], float],
    most: int | None = None,
) -> list[Sentence]:
    """For each need no chosen sentence meets, the best-scoring sentence of the top passages that
    does (at most ``most`` of them): a multi-part question loses a part when the greedy picks
    answer the others."""
    added: list[Sentence] = []
    for need in needs:
        if any(need(s) for s in [*chosen, *added]) or (most is not None and len(added) >= most):
            continue
        offered = [s for s in pool if need(s)]
        if offered:
            added.append(max(offered, key=score))
    return added


def _telling(pool: list[Sentence], names: bool) -> list[Sentence]:
    """Sentences that can tell about a name: a partner cell listing it among others ("Betrokken
    partijen: GGD Drenthe, …, Gemeenten Emmen") says nothing about it, unless the question asks who."""
    return [s for s in pool if names or not name_list(s.text)]


def _naming(named: list[tuple[str, set[str]]]) -> list[Callable[[Sentence], bool]]:
    """A sentence that mentions a name the question asks about ("… in de Eerste Kamer behandeld"):
    an answer silent on such a name is refused."""

    def mentions(parts: set[str]) -> Callable[[Sentence], bool]:
        return lambda s: any(p in s.text.casefold() for p in parts)

    return [mentions(parts) for _, parts in named if parts]


NAMING_MAX = 2


def _from_documents(docs: set[str]) -> list[Callable[[Sentence], bool]]:
    """A sentence from a document the question names ("… en hoe komt het terug in het
    regioplan?"): a question about two documents is answered from both."""

    def comes_from(doc_id: str) -> Callable[[Sentence], bool]:
        return lambda s: s.hit.chunk.doc_id == doc_id

    return [comes_from(doc_id) for doc_id in sorted(docs)]


def _with_list_items(
    chosen: list[Sentence],
    pool: list[Sentence],
    after: Callable[[Sentence], list[Sentence]] = lambda s: [],
    most: int = 8,
) -> list[Sentence]:
    """A chosen lead-in brings the list that follows it: "… de volgende drie projecten:" with its
    bullets or numbered items, or "… door een aantal werkgroepen. Dit zijn:" with the item lines
    of the next paragraph (item lines without bullets are read as one sentence there). A list runs
    on into the passages ``after`` its own: a chunk may end at the lead-in."""
    out = list(chosen)
    for picked in chosen:
        following = sorted(
            (s for s in pool if s.hit.chunk.chunk_id == picked.hit.chunk.chunk_id and s.start > picked.start),
            key=lambda s: s.start,
        )
        lead = picked
        if not _is_lead_in(picked.text) and following and _short_lead_in(picked, following[0]):
            lead = following.pop(0)  # "Dit zijn:" after the sentence that names the list
            _add(out, lead)
        if not _is_lead_in(lead.text):
            continue
        for s in _list_after(lead, [*following, *after(lead)], most):
            _add(out, s)
    return out


def _list_after(lead: Sentence, following: list[Sentence], most: int) -> list[Sentence]:
    """The items after a lead-in: bullets or numbered lines, passing over an item's further
    sentences and short remarks between items ("Doel: …"); or, with no bullet first, the lines of
    the paragraph right after the lead-in."""
    def key(s: Sentence) -> tuple[str, int]:
        return s.hit.chunk.chunk_id, s.block

    first = key(following[0]) if following and key(following[0]) != key(lead) else None
    items: list[Sentence] = []
    item_block: tuple[str, int] | None = None
    between = 0  # characters of other paragraphs since the last item
    for s in following:
        if len(items) >= most:
            break
        if _is_item(s.text):
            items.append(s)
            item_block, between = key(s), 0
        elif item_block is None:
            if key(s) != first:
                break
            items.append(s)
        elif key(s) != item_block and _LETTER.search(s.text):  # a rule of dashes is no remark
            between += len(s.text)
            if between > LIST_GAP:
                break
    return items


def _is_item(text: str) -> bool:
    return _ITEM_OPENS.match(text) is not None


LEAD_IN_MAX = 40  # "Dit zijn:", "Denk hierbij aan:", "Het gaat om de volgende partijen:"
LIST_GAP = 400  # characters of remarks between two items of one list ("Doel: …" under an item)
_ITEM_OPENS = re.compile(r"[•\-–·▪]\s*[^\s\-–]|\d{1,2}\.\s")  # "• Donkerblauw: …", "2. Beschikbare zorg …"
_LETTER = re.compile(r"[^\W\d_]")
_POINTS_AHEAD = re.compile(r"(?:Dit|Deze|Dat|Die)\b")  # "Deze opgaven zijn:" in the paragraph after


def _is_lead_in(text: str) -> bool:
    return text.rstrip().endswith(":")


def _short_lead_in(a: SentenceSpan | Sentence, b: SentenceSpan | Sentence) -> bool:
    """``b`` is a short lead-in that names no list of its own but continues ``a``: "… door een
    aantal werkgroepen. Dit zijn:", or "… de zes regio-opgaven geformuleerd." ¶ "Deze opgaven zijn:"."""
    near = b.block == a.block or (b.block == a.block + 1 and _POINTS_AHEAD.match(b.text) is not None)
    return near and _is_lead_in(b.text) and not _is_lead_in(a.text) and len(b.text) <= LEAD_IN_MAX


def _next_passages(index: Index, s: Sentence, n: int = 6) -> list[Sentence]:
    """Sentences of the passages right after ``s``'s own in the same section (the index keeps a
    document's chunks in order), for a list that runs on past its passage's end. They keep the
    rank of ``s``'s passage, so the list stays under its lead-in."""
    c = s.hit.chunk
    at = index.by_id[c.chunk_id]
    later = index.chunks[at + 1 : at + 1 + n]
    same = itertools.takewhile(lambda x: x.doc_id == c.doc_id and x.section == c.section, later)
    return [t for x in same for t in sentences(index, replace(s.hit, chunk=x))]


def _add(out: list[Sentence], s: Sentence) -> None:
    if all(s.start != o.start for o in out):
        out.append(s)


def _with_neighbours(chosen: list[Sentence], pool: list[Sentence], neighbours: int) -> list[Sentence]:
    """The best sentences come with their neighbours in the same paragraph: the figure before it
    or the "Daarbinnen streven we naar 50%" after it is often the rest of the answer."""
    if not chosen:
        return chosen
    out = list(chosen)
    for best in chosen[:neighbours]:
        for s in pool:
            near = _step(best, s) in (-1, 1) and len(s.text) >= MIN_SENTENCE
            if near and all(s.start != o.start for o in out):
                out.append(s)
    return out


def _step(a: Sentence, b: Sentence) -> int | None:
    """How many sentences after ``a`` ``b`` stands in the same paragraph of the same passage."""
    same = b.hit.chunk.chunk_id == a.hit.chunk.chunk_id and b.block == a.block
    return b.position - a.position if same else None


def _with_step(chosen: list[Sentence], pool: list[Sentence], step: int, applies: re.Pattern[str]) -> list[Sentence]:
    """Chosen sentences bring the sentence ``step`` places away in the same paragraph when
    ``applies`` matches the later of the two: the next one spells the chosen one out (step 1), or
    the chosen one points back to the one before (step -1)."""
    out = list(chosen)
    for picked in chosen:
        for s in pool:
            if _step(picked, s) == step and applies.match(s.text if step > 0 else picked.text):
                _add(out, s)
    return out


def _with_specification(chosen: list[Sentence], pool: list[Sentence]) -> list[Sentence]:
    """A chosen sentence brings the next one when that one spells it out ("… de 'vier v's' op orde
    hebben." → "Dit betekent: een VOG, …"; "Een slagvaardige groep is nodig." → "Deze groep bestaat
    uit …"): the specifics a question asks for stand there, not in the announcement."""
    return _with_step(chosen, pool, 1, _SPELLS_OUT)


def _with_continuations(chosen: list[Sentence], pool: list[Sentence]) -> list[Sentence]:
    """A chosen sentence that ends in a comma goes on in the next one, also past a blank line:
    "Namens de kerngroep Gezonde Marke," is finished by the name that signs it."""
    out = list(chosen)
    for picked in chosen:
        if picked.text.endswith(","):
            for s in pool:
                if s.hit.chunk.chunk_id == picked.hit.chunk.chunk_id and s.position == picked.position + 1:
                    _add(out, s)
    return out


def _with_antecedents(chosen: list[Sentence], pool: list[Sentence]) -> list[Sentence]:
    """A chosen sentence that points back ("Dit project richt zich op jongeren …", "Hierin krijgen
    aanstaande moeders …") brings the sentence before it, which names what it is about: an answer
    must say which project helps, not only that "this project" does."""
    return _with_step(chosen, pool, -1, _POINTS_BACK)


_SPELLS_OUT = re.compile(
    r"(?:Dit|Deze|Dat|Die|Het|Hierbij|Daarbij)\s+(?:\w+\s+){0,2}?"
    r"(?:betekent|betekenen|bestaat|bestaan|zijn|gaat|omvat|omvatten|houdt|betreft|betreffen)\b"
)


_POINTS_BACK = re.compile(
    r"(?:Dit|Deze|Dat|Die|Het)\s+(?:project|programma|initiatief|plan|netwerk|platform|fonds|aanpak|traject"
    r"|regeling|werkgroep|overleg|team|centrum|loket|onderzoek|instrument|concept)\b"
    r"|(?:Hierin|Hiermee|Hierbij|Hiervoor|Daarin|Daarmee|Daarvoor)\b"
)


GOAL_ROWS_MAX = 2


def _goal_rows(index: Index, chosen: list[Sentence], hits: list[Hit], parties: bool) -> list[Sentence]:
    """Rows that share a goal code ("2.1.3. D") with a chosen sentence, from anywhere in its
    document: the goal's own statement, and its potential initiatiefnemers when the question asks
    who (``parties``). See ``rag.goal_rows``."""
    out: list[Sentence] = []
    seen = {s.start for s in chosen}
    for s in chosen:
        doc_id = s.hit.chunk.doc_id
        text = index.doc_text(doc_id)
        own = line_around(text, s.start, s.end)
        for code in codes_in(text, s.start, s.end):
            for table, a, b in goal_rows(text, code):
                if own[0] <= a < own[1] or (table == "parties" and not parties) or len(out) >= GOAL_ROWS_MAX:
                    continue
                start, end = row_span(text, table, a, b)
                hit = _hit_at(index, hits, doc_id, start)
                if start not in seen and hit is not None:
                    seen.add(start)
                    # no position or block: the row is no neighbour of the passage's own sentences
                    out.append(Sentence(hit, start, end, clean(text, start, end).text, -1, -1))
    return out


def _hit_at(index: Index, hits: list[Hit], doc_id: str, offset: int) -> Hit | None:
    """The retrieved hit whose passage holds the offset, else a hit made for that passage (ranked
    after the retrieved ones, so the answer keeps its order)."""
    chunk = chunk_at(index.chunks, doc_id, offset)
    if chunk is None:
        return None
    found = next((h for h in hits if h.chunk.chunk_id == chunk.chunk_id), None)
    return found or Hit(chunk, 0.0, None, None, len(hits) + 1)


def _overlaps(s: Sentence, spans: tuple[tuple[str, int, int], ...]) -> bool:
    return any(d == s.hit.chunk.doc_id and a < s.end and s.start < b for d, a, b in spans)


def _render(index: Index, chosen: list[Sentence], first_n: int = 1) -> tuple[str, tuple[Citation, ...]]:
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    parts: list[str] = []
    for s in chosen:
        c = s.hit.chunk
        text = index.doc_text(c.doc_id)
        if c.chunk_id not in numbers and c.kind == "inspanning":
            title = c.section.split(" › ", 1)[-1]
            parts.append(INSPANNING_PREFIX.format(title=title, theme=c.theme))
        n = len(citations) + first_n
        numbers.setdefault(c.chunk_id, n)
        citations.append(
            Citation(
                n=n,
                doc_id=c.doc_id,
                file=c.file,
                title=c.title,
                section=c.section,
                page=c.page if c.page is None else _page(index, c.doc_id, s.start),
                line_start=None if c.page is not None else text.count("\n", 0, s.start) + 1,
                line_end=None if c.page is not None else text.count("\n", 0, s.end) + 1,
                char_start=s.start,
                char_end=s.end,
                quote=text[s.start : s.end],
            )
        )
        ending = "" if s.text.endswith((".", "!", "?", ":")) or _is_item(s.text) else " …"
        parts.append(f"{s.text}{ending} [{n}]")
    return " ".join(parts), tuple(citations)


def _page(index: Index, doc_id: str, offset: int) -> int:
    return index.doc_text(doc_id).count("\f", 0, offset) + 1
