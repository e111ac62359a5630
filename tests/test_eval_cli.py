"""``naober eval`` end to end on the small corpus, and the naive baseline's contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evals.gold import GoldItem
from evals.metrics import Sources, item_metrics
from evals.naive import NaivePipeline
from ingest.embed import Embedder
from naober import settings as settings_mod
from naober.cli import app
from naober.settings import Settings

GOLD = [
    {
        "id": "s1",
        "persona": "inwoner",
        "kind": "where_help",
        "question": "Waar kan ik hulp krijgen met mijn DigiD?",
        "answerable": True,
        "doc": "ondersteuning-thuis-2026.md",
        "quotes": ["helpt het Digicafé inwoners"],
        "key_facts": ["Digicafé"],
        "note": "extra fields are ignored",
    },
    {
        "id": "s2",
        "persona": "evaluator",
        "kind": "unanswerable",
        "question": "Wat kost een parkeervergunning in Parijs?",
        "answerable": False,
        "doc": [],
        "quotes": [],
        "key_facts": [],
    },
]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n{broken\n", encoding="utf-8")
    return path


def test_eval_command_writes_reports_and_compares_with_a_baseline(
    small_settings: Settings, gold_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NAOBER_DATA_DIR", str(small_settings.data_dir))
    monkeypatch.setenv("NAOBER_CORPUS_DIR", str(small_settings.corpus_dir))
    settings_mod.get_settings.cache_clear()
    try:
        runner = CliRunner()
        first = runner.invoke(app, ["eval", "--gold", str(gold_file), "--out", str(tmp_path / "a")])
        assert first.exit_code == 0, first.output
        second = runner.invoke(
            app, ["eval", "--gold", str(gold_file), "--out", str(tmp_path / "b"), "--baseline", str(tmp_path / "a")]
        )
        assert second.exit_code == 0, second.output
    finally:
        settings_mod.get_settings.cache_clear()
    results = [json.loads(line) for line in (tmp_path / "b" / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in results] == ["s1", "s2"]
    assert {"answer", "citations", "passages", "timings_ms", "metrics"} <= set(results[0])
    summary = json.loads((tmp_path / "b" / "summary.json").read_text())
    assert summary["meta"]["gold_errors"] == [
        "regel 3: geen geldige JSON (Expecting property name enclosed in double quotes, kolom 2)"
    ]
    assert summary["overall"]["citation_verbatim"] == 1.0
    md = (tmp_path / "b" / "report.md").read_text()
    assert "| metric | current | baseline | delta |" in md and "+0.000" in md


def test_naive_baseline_produces_the_contract_with_exact_citations(
    small_settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    s = Settings(data_dir=tmp_path / "data", corpus_dir=small_settings.corpus_dir)
    naive = NaivePipeline(s, embedder)
    again = NaivePipeline(s, embedder)  # reuses the cached collection
    assert again.collection.count() == len(naive.chunks)
    item = GoldItem.model_validate(GOLD[0])
    result = naive.ask(item.question, k=5)
    assert not result["refused"] and result["citations"] and result["passages"]
    assert result["passages"][0]["rank"] == 1 and set(result["timings_ms"]) == {"embed", "retrieve", "compose", "total"}
    m = item_metrics(item, result, 5, Sources(s.corpus_dir))
    assert m["citation_verbatim"] == 1.0 and m["hit_at_k"] == 1.0
