"""Means over items (overall and per persona, kind and split), latency percentiles, deltas."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from evals.metrics import METRICS

GROUPS = ("persona", "kind", "split")
STAGES = ("embed", "retrieve", "compose", "total")


def mean_metrics(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    """Mean of each metric over the rows where it applies (None when it applies to none)."""
    out: dict[str, float | None] = {}
    for name in METRICS:
        vals = [r["metrics"][name] for r in rows if r["metrics"].get(name) is not None]
        out[name] = round(sum(vals) / len(vals), 4) if vals else None
    return out


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (deterministic, no interpolation); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def latency(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    out = {}
    for stage in STAGES:
        vals = [float(r["timings_ms"][stage]) for r in rows if stage in (r.get("timings_ms") or {})]
        out[stage] = {"p50": round(percentile(vals, 50), 2), "p95": round(percentile(vals, 95), 2), "n": len(vals)}
    return out


def summarise(rows: list[dict[str, Any]], meta: dict[str, Any]) -> dict[str, Any]:
    """The summary.json body: overall means, the three breakdowns, latency and counts."""
    summary: dict[str, Any] = {"meta": meta, "n": len(rows), "overall": mean_metrics(rows)}
    for group in GROUPS:
        buckets: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            buckets[str(r.get(group, ""))].append(r)
        summary[f"by_{group}"] = {key: {"n": len(b), **mean_metrics(b)} for key, b in sorted(buckets.items())}
    summary["latency_ms"] = latency(rows)
    summary["failures"] = sum(1 for r in rows if r.get("failed"))
    return summary


def delta(current: float | None, baseline: float | None) -> float | None:
    if current is None or baseline is None:
        return None
    return round(current - baseline, 4)


def worst_groups(summary: dict[str, Any], group: str, metric: str, n: int = 3) -> list[tuple[str, float]]:
    """The n buckets of a breakdown with the lowest value of a metric (for the report's headline)."""
    vals = [(k, v[metric]) for k, v in summary.get(f"by_{group}", {}).items() if v.get(metric) is not None]
    return sorted(vals, key=lambda kv: kv[1])[:n]
