"""The sociale kaart on disk: initiatives in SQLite, rebuilt with every committed index.

Each build writes a new content-named file and the manifest points at it, so the catalog and the
index always change together (a crash mid-ingest leaves both as they were).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from ingest.catalog import Initiative, extract_initiatives
from ingest.models import ParsedDoc, SourceMeta, sha256_hex

_COLUMNS = [f.name for f in dataclasses.fields(Initiative)]


def doc_from_store(doc_id: str, entry: dict[str, Any], text: str) -> ParsedDoc:
    """Rebuild a ParsedDoc from the stored text (PDF pages are separated by form feeds)."""
    starts: tuple[int, ...] = ()
    if entry.get("pages"):
        starts = (0, *(i + 1 for i, ch in enumerate(text) if ch == "\f"))
    meta = SourceMeta(
        file=entry["file"],
        title=entry["title"],
        publisher=entry.get("publisher", ""),
        year=entry.get("year"),
        kind=entry.get("kind", ""),
    )
    return ParsedDoc(doc_id=doc_id, meta=meta, text=text, page_starts=starts)


def build_catalog(data_dir: Path, docs: list[ParsedDoc]) -> str:
    """Extract every document's initiatives and write them to a new SQLite file; returns its path."""
    records = [r for d in docs for r in extract_initiatives(d)]
    rows = [[_cell(getattr(r, c)) for c in _COLUMNS] for r in records]
    # named by every value, not only the ids: better field extraction must not reuse a stale file
    name = sha256_hex(json.dumps(rows, ensure_ascii=False))[:16]
    rel = f"catalog/{name}.sqlite"
    target = data_dir / rel
    if target.exists():
        return rel
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    with sqlite3.connect(tmp) as db:
        cols = ", ".join(f"{c} TEXT" for c in _COLUMNS)
        db.execute(f"CREATE TABLE initiative ({cols})")
        db.executemany(
            f"INSERT INTO initiative VALUES ({', '.join('?' * len(_COLUMNS))})",
            rows,
        )
    Path(tmp).replace(target)
    return rel


def _cell(value: object) -> str | None:
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return None if value is None else str(value)


def _record(row: sqlite3.Row) -> Initiative:
    d = dict(row)
    d["partners"] = tuple(json.loads(d["partners"] or "[]"))
    for key in ("line_start", "line_end", "char_start", "char_end"):
        d[key] = int(d[key])
    d["page"] = int(d["page"]) if d["page"] not in (None, "") else None
    return Initiative(**d)


class Catalog:
    """Read-only queries over one catalog file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        db.row_factory = sqlite3.Row
        self.records = [_record(r) for r in db.execute("SELECT * FROM initiative ORDER BY rowid")]
        db.close()
        self._by_id = {r.id: r for r in self.records}

    @classmethod
    def empty(cls) -> Catalog:
        c = cls.__new__(cls)
        c.path, c.records, c._by_id = Path(), [], {}
        return c

    def get(self, record_id: str) -> Initiative | None:
        return self._by_id.get(record_id)

    def themes(self) -> list[str]:
        return sorted({r.theme for r in self.records if r.theme})

    def search(self, q: str = "", theme: str = "", org: str = "", doc: str = "") -> list[Initiative]:
        def has(hay: str, needle: str) -> bool:
            return not needle or needle.casefold() in hay.casefold()

        return [
            r
            for r in self.records
            if has(r.theme, theme)
            and has(f"{r.initiatiefnemer} {' '.join(r.partners)}", org)
            and (not doc or doc in (r.source_file, r.document))
            and has(f"{r.title} {r.description} {r.theme}", q)
        ]


def to_csv(records: list[Initiative]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(_COLUMNS)
    for r in records:
        w.writerow(["; ".join(r.partners) if c == "partners" else getattr(r, c) for c in _COLUMNS])
    return buf.getvalue()
