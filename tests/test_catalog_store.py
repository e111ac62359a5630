"""The catalog file is named by its content, so better extraction is never hidden by an old file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import ingest.catalog_store as store
from ingest.catalog import extract_initiatives
from ingest.load import load_file, load_sources

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_changed_field_values_give_a_new_catalog_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = "werkagenda-gezonde-marke-2025.txt"
    doc = load_file(CORPUS / name, load_sources(CORPUS).get(name))
    first = store.build_catalog(tmp_path, [doc])
    assert store.build_catalog(tmp_path, [doc]) == first  # same content, same file

    def improved(d):  # type: ignore[no-untyped-def]
        return [dataclasses.replace(r, planning=r.planning or "Q3 2025") for r in extract_initiatives(d)]

    monkeypatch.setattr(store, "extract_initiatives", improved)
    second = store.build_catalog(tmp_path, [doc])
    assert second != first
    assert (tmp_path / second).exists() and (tmp_path / first).exists()
