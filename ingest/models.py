"""Frozen domain types for ingest. Ids are content-derived so unchanged content is never re-embedded."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What sources.toml (or the file name) says about a document."""

    file: str
    title: str
    publisher: str = ""
    year: int | None = None
    kind: str = ""


@dataclass(frozen=True, slots=True)
class ParsedDoc:
    """A loaded document. ``text`` is the stored source every span points into.

    For text files it is the decoded file, byte for byte; for PDFs the pages' text joined by
    form feeds, with ``page_starts`` giving where each page begins.
    """

    doc_id: str
    meta: SourceMeta
    text: str
    page_starts: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def is_paged(self) -> bool:
        return bool(self.page_starts)

    def page_at(self, offset: int) -> int | None:
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)

    def line_at(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True, slots=True)
class Chunk:
    """A retrievable passage with full provenance into ``ParsedDoc.text``."""

    chunk_id: str
    doc_id: str
    file: str
    title: str
    year: int | None
    section: str
    text: str
    char_start: int
    char_end: int
    line_start: int | None
    line_end: int | None
    page: int | None
    kind: str = "text"
    theme: str = ""

    def header(self) -> str:
        """Context prepended at embedding time, so the vector knows where the passage stands."""
        parts = [self.title] + ([self.section] if self.section else [])
        return " › ".join(parts)

    def embedding_text(self) -> str:
        return f"{self.header()}\n{self.text}"


def chunk_id_for(doc_id: str, start: int, end: int, text: str) -> str:
    return sha256_hex(f"{doc_id}:{start}:{end}:{text}")[:32]


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What an ingest run did, for the CLI table and the API."""

    added: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    failed: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    chunks_total: int = 0
    chunks_embedded: int = 0
    sentences_embedded: int = 0
    seconds: float = 0.0
    per_doc: dict[str, dict[str, int | None]] = field(default_factory=dict)
