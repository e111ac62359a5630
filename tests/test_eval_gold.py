"""The dev set is sound: every quote is verbatim in its document, coverage meets the issue, and
the loader reports malformed lines by number while keeping the rest."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from evals.gold import load_gold, parse_lines
from evals.normalise import contains_phrase
from ingest.load import corpus_files, load_file

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "evals" / "dev.jsonl"
FRESH = ROOT / "evals" / "fresh.jsonl"  # written blind, for checking that tuning on dev generalises
GOLD_SETS = [DEV, *sorted((ROOT / "evals").glob("fresh*.jsonl"))]  # every blind set, by authors who saw no other
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def dev():
    gold = load_gold(DEV)
    assert not gold.errors, [str(e) for e in gold.errors]
    return gold.items


@pytest.fixture(
    scope="module",
    params=GOLD_SETS,
    ids=[p.stem for p in GOLD_SETS],
)
def gold_items(request):
    gold = load_gold(request.param)
    assert not gold.errors, [str(e) for e in gold.errors]
    return gold.items


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {p.name: load_file(p).text for p in corpus_files(CORPUS)}


def test_every_quote_is_verbatim_in_its_document(gold_items, texts):
    missing = []
    for item in gold_items:
        for doc in item.doc:
            assert doc in texts, f"{item.id}: unknown document {doc}"
        for q in item.quotes:
            if not any(q in texts[d] for d in item.doc):
                missing.append(f"{item.id}: {q!r}")
    assert not missing, missing


def test_key_facts_occur_in_a_gold_document(gold_items, texts):
    """Matched as the metric matches them (whole words), so an extract can carry each one."""
    missing = [
        f"{i.id}: {f!r}"
        for i in gold_items
        for f in i.key_facts
        if not any(contains_phrase(texts[d], f) for d in i.doc)
    ]
    assert not missing, missing


def test_dev_set_covers_what_the_issue_asks(dev):
    assert len(dev) >= 100
    assert sum(not i.answerable for i in dev) >= 12
    inspanning = {"inspanning_by_theme", "who_leads", "planning_finance"}
    assert sum(i.kind in inspanning for i in dev) >= 15
    assert {i.persona for i in dev} == {"inwoner", "professional", "evaluator"}
    kinds = Counter(i.kind for i in dev)
    for kind in (
        "fact",
        "where_help",
        "inspanning_by_theme",
        "who_leads",
        "planning_finance",
        "number",
        "list",
        "unanswerable",
        "multi_hop",
        "cross_doc",
    ):
        assert kinds[kind] > 0, kind
    assert {d for i in dev for d in i.doc} == {p.name for p in corpus_files(CORPUS)}
    assert {i.split for i in dev} == {"tune", "holdout"}


def test_fresh_set_is_a_separate_blind_check():
    fresh = load_gold(FRESH).items
    assert len(fresh) == 60 and sum(not i.answerable for i in fresh) >= 12
    assert {i.split for i in fresh} == {"fresh"}
    assert not {i.question for i in fresh} & {i.question for i in load_gold(DEV).items}


def test_malformed_lines_are_reported_with_line_numbers_and_the_rest_loads():
    good = {
        "id": "a",
        "persona": "inwoner",
        "kind": "fact",
        "question": "Wat?",
        "answerable": True,
        "doc": "x.txt",
        "quotes": ["q"],
        "key_facts": [],
        "extra_field": 1,
    }
    lines = [
        json.dumps(good),
        "{not json",
        "",
        json.dumps({**good, "id": "b", "persona": "burgemeester"}),
        json.dumps({**good, "id": "c", "answerable": False}),  # unanswerable with quotes
        json.dumps({**good, "id": "a"}),  # duplicate id
        json.dumps({**good, "id": "d", "doc": ["x.txt", "y.txt"]}),
    ]
    gold = parse_lines(lines)
    assert [i.id for i in gold.items] == ["a", "d"]
    assert [e.line for e in gold.errors] == [2, 4, 5, 6]
    assert "persona" in gold.errors[1].message
    assert "dubbele id" in gold.errors[3].message
    assert gold.items[1].doc == ["x.txt", "y.txt"] and gold.items[0].doc == ["x.txt"]


def test_split_filter(tmp_path):
    lines = [
        json.dumps(
            {
                "id": str(n),
                "persona": "evaluator",
                "kind": "unanswerable",
                "question": "?",
                "answerable": False,
                "split": s,
            }
        )
        for n, s in enumerate(["tune", "holdout", "tune"])
    ]
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert len(load_gold(path, "tune").items) == 2
    assert len(load_gold(path, "holdout").items) == 1
    assert len(load_gold(path).items) == 3
