"""Load on POST /api/v1/ask: C concurrent clients for D seconds (or a fixed number of requests).

    python -m api.bench --url http://127.0.0.1:8000 --duration 60 --concurrency 16
    python -m api.bench --spawn --workers 1 2 --duration 60          # starts `naober serve` itself
    python -m api.bench --spawn --chroma-server --duration 60        # ... on a Chroma server

``--spawn`` serves the index in NAOBER_DATA_DIR with rate limiting off; ``--chroma-server`` first
ingests NAOBER_CORPUS_DIR into a fresh ``chroma run`` in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx

from api.bench_servers import chroma_server, naober_server

QUESTIONS = (
    "Ik voel me eenzaam, waar kan ik terecht?",
    "Ik zorg voor mijn moeder. Wie kan mij helpen?",
    "Wat doet Drenthe voor ouderen in kleine dorpen?",
    "Wie zijn de initiatiefnemers van de versterking van de eerstelijn?",
    "Hoe wordt de aanpak gefinancierd?",
    "Welke afspraken zijn er over mentale gezondheid?",
    "Waar kan ik terecht met vragen over mantelzorg?",
    "Wat is de sociale agenda?",
)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def run(url: str, concurrency: int, *, total: int | None = None, duration: float | None = None) -> dict[str, Any]:
    """``total`` requests, or as many as fit in ``duration`` seconds; latencies in ms."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    sent = 0
    stop_at = time.perf_counter() + duration if duration else None

    def more() -> bool:
        return (stop_at is not None and time.perf_counter() < stop_at) or (total is not None and sent < total)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal sent
        while more():
            i, sent = sent, sent + 1
            t0 = time.perf_counter()
            try:
                r = await client.post("/api/v1/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]})
                status = str(r.status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            latencies.append((time.perf_counter() - t0) * 1000)
            if status != "200":
                errors[status] = errors.get(status, 0) + 1

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    return {"clients": concurrency, "requests": len(latencies), "errors": sum(errors.values()),
            "error_kinds": errors, "seconds": wall, "rps": len(latencies) / wall,
            "p50_ms": statistics.median(latencies), "p95_ms": percentile(latencies, 95),
            "p99_ms": percentile(latencies, 99), "max_ms": max(latencies)}


HEADER = "setup                 clients  requests  errors   req/s  p50_ms  p95_ms  p99_ms  max_ms"


def line(label: str, r: dict[str, Any]) -> str:
    return (f"{label:<20}  {r['clients']:>7}  {r['requests']:>8}  {r['errors']:>6}  {r['rps']:>6.1f}  "
            f"{r['p50_ms']:>6.0f}  {r['p95_ms']:>6.0f}  {r['p99_ms']:>6.0f}  {r['max_ms']:>6.0f}")


def measure(url: str, concurrency: int, duration: float | None, total: int) -> dict[str, Any]:
    httpx.post(f"{url}/api/v1/ask", json={"question": QUESTIONS[0]}, timeout=120)  # warm-up
    return asyncio.run(run(url, concurrency, total=None if duration else total, duration=duration))


@contextmanager
def chroma_env(stack: ExitStack) -> Iterator[dict[str, str]]:
    """A temporary data dir whose vectors live in a fresh Chroma server (the corpus ingested into it)."""
    tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="naober-bench-")))
    url = stack.enter_context(chroma_server(tmp / "chroma"))
    env = {"NAOBER_CHROMA_URL": url, "NAOBER_DATA_DIR": str(tmp / "data")}
    subprocess.run([sys.executable, "-m", "naober.cli", "ingest"], env={**os.environ, **env}, check=True,
                   stdout=subprocess.DEVNULL)
    yield env


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8000")
    ap.add_argument("--requests", type=int, default=48, help="per run, when --duration is 0")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds per run (0: use --requests)")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[16])
    ap.add_argument("--spawn", action="store_true", help="start `naober serve` for each --workers value")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--chroma-server", action="store_true", help="with --spawn: vectors in a `chroma run` server")
    args = ap.parse_args()
    print(HEADER)
    if not args.spawn:
        if urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("bench only targets a server on this machine (127.0.0.1/localhost)")
        for c in args.concurrency:
            print(line("given server", measure(args.url, c, args.duration, args.requests)), flush=True)
        return
    with ExitStack() as stack:
        env = {"NAOBER_API__RATE_LIMIT_PER_MINUTE": "0"}
        if args.chroma_server:
            env |= stack.enter_context(chroma_env(stack))
        store = "chroma-server" if args.chroma_server else "embedded"
        for w in args.workers:
            with naober_server(env, workers=w) as url:
                for c in args.concurrency:
                    print(line(f"{store} {w}w", measure(url, c, args.duration, args.requests)), flush=True)


if __name__ == "__main__":
    main()
