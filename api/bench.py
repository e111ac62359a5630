"""Latency of POST /api/v1/ask under 1 and N concurrent clients (a bounded loop, localhost only).

    python -m api.bench --url http://127.0.0.1:8000 --requests 48 --concurrency 1 16
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from urllib.parse import urlparse

import httpx

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


async def run(url: str, total: int, concurrency: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(i)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            i = queue.get_nowait()
            t0 = time.perf_counter()
            r = await client.post("/api/v1/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]})
            latencies.append((time.perf_counter() - t0) * 1000)
            errors += r.status_code != 200

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    return {"clients": concurrency, "requests": total, "errors": errors, "p50_ms": statistics.median(latencies),
            "p95_ms": percentile(latencies, 95), "max_ms": max(latencies), "rps": total / wall}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--url", default="http://127.0.0.1:8000")
    ap.add_argument("--requests", type=int, default=48)
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 16])
    args = ap.parse_args()
    if urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("bench only targets a server on this machine (127.0.0.1/localhost)")
    httpx.post(f"{args.url}/api/v1/ask", json={"question": QUESTIONS[0]}, timeout=120)  # warm-up
    print("clients  requests  errors  p50_ms  p95_ms  max_ms   req/s")
    for c in args.concurrency:
        r = asyncio.run(run(args.url, args.requests, c))
        print(f"{r['clients']:>7}  {r['requests']:>8}  {r['errors']:>6}  {r['p50_ms']:>6.0f}  {r['p95_ms']:>6.0f}  "
              f"{r['max_ms']:>6.0f}  {r['rps']:>6.1f}")


if __name__ == "__main__":
    main()
