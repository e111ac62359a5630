"""The CI gate: minimums (and maximums) from thresholds.toml checked against a summary."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

THRESHOLDS = Path(__file__).with_name("thresholds.toml")


def load_thresholds(path: Path = THRESHOLDS) -> dict[str, dict[str, float]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {"min": dict(data.get("min", {})), "max": dict(data.get("max", {}))}


def _value(summary: dict[str, Any], key: str) -> float | None:
    """``metric`` reads the overall mean; ``latency.total.p95`` reads the latency table."""
    if key.startswith("latency."):
        _, stage, stat = key.split(".")
        return summary["latency_ms"].get(stage, {}).get(stat)
    return summary["overall"].get(key)


def violations(summary: dict[str, Any], thresholds: dict[str, dict[str, float]]) -> list[str]:
    """One line per metric outside its bound; a metric missing from the summary is a violation."""
    out = []
    for key, bound in thresholds.get("min", {}).items():
        v = _value(summary, key)
        if v is None or v < bound:
            out.append(f"{key} = {v if v is None else f'{v:.4f}'} < minimum {bound}")
    for key, bound in thresholds.get("max", {}).items():
        v = _value(summary, key)
        if v is None or v > bound:
            out.append(f"{key} = {v if v is None else f'{v:.4f}'} > maximum {bound}")
    return out
