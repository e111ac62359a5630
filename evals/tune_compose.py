"""Choose the composer's sentence weights by what they do to whole answers on the tune half.

Usage: python -m evals.tune_compose [--gold evals/dev.jsonl] [--split tune] [--rounds 2]
Coordinate search: each weight in ``rag.compose.SENTENCE_WEIGHTS`` (and the stop ratio) is moved
over a few steps while the others stay put, every setting answers the split's questions through
the real ``answer()`` path, and a step is kept only when it raises key-fact recall without
lowering refusal accuracy or raising false refusals. Retrieval does not depend on these weights,
and query vectors are cached, so one setting costs about a second. The other split is printed
beside it as the check against fitting our own questions.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from evals.gold import GoldItem, load_gold
from evals.metrics import key_fact_recall
from evals.run import audience
from naober.settings import get_settings
from rag import compose
from rag.runtime import load_index
from rag.serialize import answer_dict
from rag.service import answer

STEPS = (-1.0, -0.5, -0.25, 0.25, 0.5, 1.0)  # relative moves; a zero weight moves by absolute ones


def measure(items: list[GoldItem], ask: Any) -> dict[str, float]:
    kf, refused_unans, refused_ans, n_unans, n_ans = [], 0, 0, 0, 0
    for item in items:
        result = ask(item)
        if item.answerable:
            n_ans += 1
            refused_ans += bool(result["refused"])
            if (v := key_fact_recall(item, result)) is not None:
                kf.append(v)
        else:
            n_unans += 1
            refused_unans += bool(result["refused"])
    return {
        "kf": sum(kf) / max(1, len(kf)),
        "refusal": refused_unans / max(1, n_unans),
        "false_refusal": refused_ans / max(1, n_ans),
    }


def better(new: dict[str, float], old: dict[str, float]) -> bool:
    return (
        new["kf"] > old["kf"] + 1e-9
        and new["refusal"] >= old["refusal"] - 1e-9
        and new["false_refusal"] <= old["false_refusal"] + 1e-9
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="evals/dev.jsonl")
    ap.add_argument("--split", default="tune")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    settings = get_settings()
    index = load_index(settings)
    gold = load_gold(Path(args.gold)).items
    mine = [i for i in gold if i.split == args.split]
    other = [i for i in gold if i.split != args.split]

    def ask(item: GoldItem) -> dict[str, Any]:
        a = answer(item.question, index=index, settings=settings, audience=audience(item))
        return answer_dict(a)

    def report(label: str) -> dict[str, float]:
        m, o = measure(mine, ask), measure(other, ask)
        print(f"{label:>28}: {args.split} {_fmt(m)} | other {_fmt(o)}", flush=True)
        return m

    best = report("start")
    for _ in range(args.rounds):
        for name in [*compose.SENTENCE_WEIGHTS, "stop_below"]:
            current = compose.STOP_BELOW if name == "stop_below" else compose.SENTENCE_WEIGHTS[name]
            for step in STEPS:
                value = round(current * (1 + step) if current else step, 4)
                _set(name, value)
                got = measure(mine, ask)
                if better(got, best):
                    best, current = got, value
                    report(f"{name}={value}")
            _set(name, current)
    print("weights:", {**compose.SENTENCE_WEIGHTS, "stop_below": compose.STOP_BELOW})
    report("final")


def _set(name: str, value: float) -> None:
    if name == "stop_below":
        compose.STOP_BELOW = value
    else:
        compose.SENTENCE_WEIGHTS[name] = value


def _fmt(m: dict[str, float]) -> str:
    return f"KF {m['kf']:.3f} refusal {m['refusal']:.3f} FR {m['false_refusal']:.3f}"


if __name__ == "__main__":
    main()
