"""A field answer's cited row cell is shown among the top passages, next to its row."""

from __future__ import annotations

from types import SimpleNamespace

from ingest.models import Chunk
from rag.service import _cited_shown
from rag.types import Citation, Hit


def _chunk(cid: str, start: int, section: str) -> Chunk:
    return Chunk(cid, "d1", "w.txt", "Werkagenda", 2025, section, "tekst", start, start + 100, 1, 2, None, "inspanning")


def test_a_low_ranked_cited_cell_joins_the_top_passages_after_its_row() -> None:
    row = "Inspanningen › 1. Zorgzame Gemeenschappen"
    chunks = [_chunk(f"c{i}", i * 100, row if i in (0, 7) else f"Elders {i}") for i in range(10)]
    hits = [Hit(c, 1.0 - i / 10, 0.9, None, i + 1) for i, c in enumerate(chunks)]
    cite = Citation(1, "d1", "w.txt", "Werkagenda", row, None, 1, 2, 710, 730, "versnellingsgelden")
    shown = _cited_shown(SimpleNamespace(chunks=chunks), hits, (cite,), k=5)  # type: ignore[arg-type]
    assert [h.chunk.chunk_id for h in shown[:3]] == ["c0", "c7", "c1"]  # right after the row's first cell
    assert [h.rank for h in shown] == list(range(1, 11)) and len(shown) == len(hits)
    assert _cited_shown(SimpleNamespace(chunks=chunks), hits, (), k=5) == hits  # type: ignore[arg-type]
