"""Choose fusion weights and the refusal threshold from measurements on the dev set.

Usage: python -m evals.tune [--gold evals/dev.jsonl] [--split tune]
Prints MRR@10/hit@5 per weight setting (on the chosen split, and the other split for comparison)
and the refusal accuracy / false-refusal trade-off per threshold. Retrieval runs once per question;
the grid is fused in memory, so a full sweep takes seconds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.clean import clean_text
from ingest.store import Index
from naober.settings import get_settings
from rag.query import expand
from rag.runtime import load_index
from rag.service import evidence
from rag.types import Hit


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", clean_text(text).casefold()).strip()


@dataclass
class Item:
    id: str
    split: str
    answerable: bool
    quotes: list[str]
    dense: list[tuple[int, float]]
    lex: np.ndarray


def gold_rank(index: Index, item: Item, order: list[int]) -> int | None:
    for r, i in enumerate(order[:10], 1):
        text = norm(index.chunks[i].text)
        if any(norm(q) in text for q in item.quotes):
            return r
    return None


def fuse(item: Item, dw: float, lw: float, k: int) -> list[int]:
    scores: dict[int, float] = {}
    for r, (i, _) in enumerate(item.dense):
        scores[i] = scores.get(i, 0) + dw / (k + r + 1)
    for r, i in enumerate(np.argsort(-item.lex, kind="stable")[:40]):
        if item.lex[i] > 0:
            scores[int(i)] = scores.get(int(i), 0) + lw / (k + r + 1)
    return sorted(scores, key=lambda i: -scores[i])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="evals/dev.jsonl")
    ap.add_argument("--split", default="tune")
    args = ap.parse_args()
    settings = get_settings()
    index = load_index(settings)
    items = []
    for line in Path(args.gold).read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        q = expand(g["question"])
        vec = index.embedder.embed_query(q)
        items.append(
            Item(
                g["id"],
                g.get("split", "tune"),
                g["answerable"],
                g["quotes"],
                index.dense(vec, 40),
                index.lexical.scores(q),
            )
        )
        items[-1].question = g["question"]  # type: ignore[attr-defined]
    print("weights (dense, bm25, rrf_k) -> MRR@10 / hit@5  [split] | [other]")
    rows = []
    for dw, lw, k in itertools.product([1.0], [0.0, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0], [5, 10, 20, 30, 60]):
        res = {}
        for split in (args.split, "other"):
            sel = [it for it in items if it.answerable and ((it.split == args.split) == (split == args.split))]
            ranks = [gold_rank(index, it, fuse(it, dw, lw, k)) for it in sel]
            mrr = sum(1 / r for r in ranks if r) / max(1, len(ranks))
            hit5 = sum(1 for r in ranks if r and r <= 5) / max(1, len(ranks))
            res[split] = (mrr, hit5)
        rows.append(((dw, lw, k), res))
    rows.sort(key=lambda r: -r[1][args.split][0])
    for (dw, lw, k), res in rows[:12]:
        a, b = res[args.split], res["other"]
        print(f"  {dw:.1f} {lw:.1f} {k:3d} -> {a[0]:.3f} / {a[1]:.3f} | {b[0]:.3f} / {b[1]:.3f}")
    cfg = settings.retrieval
    print("refusal: features per item with current fusion")
    feats = []
    for it in items:
        order = fuse(it, cfg.dense_weight, cfg.bm25_weight, cfg.rrf_k)
        dense = dict(it.dense)
        hits = [Hit(index.chunks[i], 0.0, dense.get(i), None, r + 1) for r, i in enumerate(order[:3])]
        ev = evidence(index, it.question, hits)  # type: ignore[attr-defined]
        feats.append((it, ev))
    for w in (0.0, 0.25, 0.5, 0.75, 1.0):
        best = None
        for t in np.arange(0.70, 1.60, 0.01):
            refuse = [(it, ev["dense"] + w * ev["coverage"] < t) for it, ev in feats if it.split == args.split]
            unans = [r for it, r in refuse if not it.answerable]
            ans = [r for it, r in refuse if it.answerable]
            acc, fr = sum(unans) / max(1, len(unans)), sum(ans) / max(1, len(ans))
            if fr <= 0.03 and (best is None or acc > best[1]):
                best = (round(float(t), 2), acc, fr)
        print(f"  coverage_weight={w}: best threshold with false refusals <= 3%: {best}")
    for it, ev in sorted(feats, key=lambda f: f[1]["dense"] + cfg.coverage_weight * f[1]["coverage"])[:40]:
        print(f"   {it.id} {'A' if it.answerable else 'U'} {ev} {it.question[:70]}")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
