"""Structure-aware chunking: sections, paragraphs and sentences, with exact source spans.

Every non-whitespace character of the source lands in exactly one chunk, in order, so the chunks
rebuild their document. Headings open a new chunk and name its section path; the werkagenda's
inspanningen tables give one chunk per row (split only when a row is too long for the model).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.clean import clean, sentence_spans
from ingest.models import Chunk, ParsedDoc, chunk_id_for
from ingest.tables import find_tables
from naober.settings import ChunkSettings

_LINE = re.compile(r"[^\n\f]*")
_MD_HEAD = re.compile(r"^[ \t]*(#{1,6})[ \t]+(\S.*)$")
_NUM_HEAD = re.compile(r"^[ \t]*(\d{1,2}(?:\.\d{1,2}){0,3})\.?[ \t]+(\S.*)$")
_TERMINAL = (".", ",", ";", ":", "!", "?", "-", "–", "(")
_FUNCTION_WORDS = frozenset(
    {
        "van",
        "de",
        "het",
        "een",
        "en",
        "in",
        "op",
        "voor",
        "met",
        "te",
        "aan",
        "bij",
        "om",
        "of",
        "die",
        "dat",
        "naar",
        "door",
        "tot",
        "uit",
        "over",
        "als",
        "zijn",
        "is",
        "wordt",
        "worden",
        "we",
        "wij",
        "onze",
        "hun",
        "er",
    }
)
_MAX_PATH = 3
# a report's standard parts: a heading also where the text runs on into them without a blank line
_SECTION_NAMES = frozenset(
    "voorwoord inleiding samenvatting leeswijzer begrippenlijst inhoud inhoudsopgave bijlagen colofon".split()
)


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    after_page: bool = False

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(slots=True)
class _Block:
    """A run of source to be chunked under one section path."""

    start: int
    end: int
    section: str
    kind: str = "text"
    theme: str = ""


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[_Line]:
    end = len(text) if end is None else end
    out = []
    for m in _LINE.finditer(text, start, end):
        if m.start() == m.end() and m.start() > start and text[m.start() - 1 : m.start()] not in "\n\f":
            continue
        out.append(_Line(m.start(), m.end(), m.group(), text[m.start() - 1 : m.start()] == "\f"))
    return out


def heading_level(lines: list[_Line], i: int) -> tuple[int, str] | None:
    """(level, title) when line i is a heading; None for body text."""
    line = lines[i]
    t = line.text.strip()
    prev_blank = i == 0 or lines[i - 1].blank or line.after_page
    nxt = next((ln.text.strip() for ln in lines[i + 1 : i + 4] if not ln.blank), "")
    if not t or len(t) > 80 or (nxt[:1].islower() and not t.startswith("#")):
        return None
    if m := _MD_HEAD.match(line.text):
        return len(m.group(1)), clean(m.group(2)).text
    if t[:1].isupper() and t.casefold() in _SECTION_NAMES:
        return 9, clean(t).text
    if not prev_blank or t.endswith(_TERMINAL) or len(t.split()) > 10:
        return None
    if t.split()[-1].casefold() in _FUNCTION_WORDS:
        return None
    if m := _NUM_HEAD.match(line.text):
        title = m.group(2).strip()
        numbered_ok = "." in m.group(1) or t[len(m.group(1)) :].startswith(".")
        titled = title[:1].isupper() and not title[:1].isdigit()
        if numbered_ok and titled and not _continues_list(lines, i, m.group(1)):
            return m.group(1).count(".") + 1, clean(t).text
        return None
    if t[:1].isupper() and len(t) <= 60 and len(t.split()) <= 8 and nxt and not _after_comma(lines, i):
        return 9, clean(t).text
    return None


def _line_above(lines: list[_Line], i: int) -> str:
    """The nearest non-blank line of the three above line i ("" when there is none)."""
    return next((ln.text for ln in reversed(lines[max(0, i - 3) : i]) if not ln.blank), "")


def _after_comma(lines: list[_Line], i: int) -> bool:
    """The line before ends in a comma: "Namens de kerngroep Gezonde Marke," goes on with the name
    that signs it ("Erik Mulder"), which is no section of its own."""
    return _line_above(lines, i).rstrip().endswith(",")


_LIST_NUMBER = re.compile(r"[ \t]*(\d{1,2})\.\s*\S")


def _continues_list(lines: list[_Line], i: int, number: str) -> bool:
    """"3. Onderwijskwaliteit …" right under "2. Beschikbare zorg …" is the next item of a list,
    not a section: the werkgroepen and thema's of a list stay together with their lead-in."""
    if "." in number:
        return False
    m = _LIST_NUMBER.match(_line_above(lines, i))
    return m is not None and int(m.group(1)) == int(number) - 1


def _section_blocks(doc: ParsedDoc, start: int, end: int, base: list[tuple[int, str]]) -> list[_Block]:
    """Split [start, end) into blocks at headings; each block starts at its heading line."""
    lines = split_lines(doc.text, start, end)
    path = list(base)
    blocks: list[_Block] = []
    cur_start = start
    cur_path = " › ".join(t for _, t in path[-_MAX_PATH:])
    body_seen = False
    for i, line in enumerate(lines):
        head = None if line.blank else heading_level(lines, i)
        if head is None:
            body_seen = body_seen or not line.blank
            continue
        if body_seen:
            blocks.append(_Block(cur_start, line.start, cur_path))
            cur_start, body_seen = line.start, False
        level, title = head
        path = [(lv, t) for lv, t in path if lv < level] + [(level, title)]
        cur_path = " › ".join(t for _, t in path[-_MAX_PATH:])
    blocks.append(_Block(cur_start, end, cur_path))
    return blocks


def document_blocks(doc: ParsedDoc) -> list[_Block]:
    """Prose blocks by heading, table rows as blocks of their own."""
    blocks: list[_Block] = []
    pos = 0
    for table in find_tables(doc.text) if not doc.is_paged else []:
        blocks += _section_blocks(doc, pos, table.start, [])
        first = table.rows[0].start if table.rows else table.end
        blocks.append(_Block(table.start, first, f"Inspanningen {table.theme}", "table", table.theme))
        for row in table.rows:
            section = f"Inspanningen {table.theme} › {row.number}. {row.title}"
            blocks.append(_Block(row.start, row.end, section, "inspanning", table.theme))
        pos = table.end
    blocks += _section_blocks(doc, pos, len(doc.text), [])
    return [b for b in blocks if doc.text[b.start : b.end].strip()]


def _paragraphs(doc: ParsedDoc, block: _Block) -> Iterator[tuple[int, int]]:
    """Paragraph spans (blank-line separated), also cut at page boundaries."""
    para_start: int | None = None
    last_end = block.start
    for line in split_lines(doc.text, block.start, block.end):
        at_page = doc.text[line.start - 1 : line.start] == "\f" if line.start else False
        if (line.blank or at_page) and para_start is not None:
            yield para_start, last_end
            para_start = None
        if not line.blank:
            para_start = line.start if para_start is None else para_start
            last_end = line.end
    if para_start is not None:
        yield para_start, last_end


def _pieces(doc: ParsedDoc, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut an over-long paragraph at sentence ends into contiguous pieces of at most ~limit chars."""
    c = clean(doc.text, start, end)
    if len(c.text) <= limit:
        return [(start, end)]
    cuts, size = [start], 0
    for a, b in sentence_spans(c.text):
        if size and size + (b - a) > limit:
            cuts.append(c.source_span(a, b)[0])
            size = 0
        size += b - a + 1
    cuts.append(end)
    return [(x, y) for x, y in itertools.pairwise(cuts) if x < y]


def _spans(doc: ParsedDoc, block: _Block, cfg: ChunkSettings) -> list[tuple[int, int]]:
    """Group paragraphs into chunk spans near the target size, never cutting mid-sentence. A cut
    falls back to the start of the chunk's last list item, so an item keeps the paragraphs that
    follow it ("• Lichtgroen: …" with its "Doel: …")."""
    out: list[tuple[int, int]] = []
    cur: list[tuple[int, int, int]] = []  # (start, end, cleaned length + 1) of the pieces so far
    for p_start, p_end in _paragraphs(doc, block):
        for s, e in _pieces(doc, p_start, p_end, cfg.max_chars):
            n = len(clean(doc.text, s, e).text)
            cur_len = sum(x[2] for x in cur)
            new_page = bool(cur) and "\f" in doc.text[cur[-1][1] : s]
            if new_page or cur_len + n > cfg.max_chars:
                out.append((cur[0][0], cur[-1][1]))
                cur = []
            elif cur and cur_len + n > cfg.target_chars and cur_len >= cfg.min_chars:
                at = None if _is_item(doc, s) else _last_item(doc, cur, cfg.min_chars)
                keep = cur[at:] if at else []
                out.append((cur[0][0], cur[(at or len(cur)) - 1][1]))
                cur = keep
            cur.append((s, e, n + 1))
    if cur:
        out.append((cur[0][0], cur[-1][1]))
    if out:  # the block's heading line belongs to its first chunk
        out[0] = (min(out[0][0], _first_nonspace(doc.text, block.start)), out[0][1])
    return out


_ITEM = re.compile(r"[ \t]*[•●▪◦]")


def _is_item(doc: ParsedDoc, pos: int) -> bool:
    """A paragraph that opens a list item."""
    return _ITEM.match(doc.text, pos) is not None


def _last_item(doc: ParsedDoc, cur: list[tuple[int, int, int]], min_chars: int) -> int | None:
    """Index of the last list item in the chunk with at least min_chars before it, if any."""
    before = list(itertools.accumulate(x[2] for x in cur))
    for i in range(len(cur) - 1, 0, -1):
        if _is_item(doc, cur[i][0]) and before[i - 1] >= min_chars:
            return i
    return None


def _first_nonspace(text: str, pos: int) -> int:
    m = re.compile(r"\S").search(text, pos)
    return m.start() if m else pos


def chunk_document(doc: ParsedDoc, cfg: ChunkSettings) -> list[Chunk]:
    chunks: list[Chunk] = []
    for block in document_blocks(doc):
        for s, e in _spans(doc, block, cfg):
            text = clean(doc.text, s, e).text
            if not text:
                continue
            last = doc.text.rstrip(" \t\n\f")[:e]
            paged = doc.is_paged
            chunks.append(
                Chunk(
                    chunk_id=chunk_id_for(doc.doc_id, s, e, text),
                    doc_id=doc.doc_id,
                    file=doc.meta.file,
                    title=doc.meta.title,
                    year=doc.meta.year,
                    section=block.section,
                    text=text,
                    char_start=s,
                    char_end=e,
                    line_start=None if paged else doc.line_at(s),
                    line_end=None if paged else doc.line_at(max(s, len(last) - 1)),
                    page=doc.page_at(s),
                    kind=block.kind,
                    theme=block.theme,
                )
            )
    return chunks
