#!/usr/bin/env python3
"""Check evals/dev.jsonl against the corpus (stdlib only).

For every item:
  * each quote must occur verbatim in the named document (for a list of
    documents: in at least one of them), read from /work/main/corpus/<doc>
    if that exists, else /work/shared/corpus/<doc>;
  * each key_fact must occur case-insensitively in at least one of the docs;
  * answerable items need >= 1 quote, unanswerable items must have none.
Prints every failure and exits 1 if there is any; also prints counts per
persona / kind / doc / split.
"""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DEV = os.path.join(HERE, "dev.jsonl")
CORPUS_DIRS = ["/work/main/corpus", "/work/shared/corpus"]

_cache = {}


def load_doc(name):
    if name not in _cache:
        text = None
        for d in CORPUS_DIRS:
            p = os.path.join(d, name)
            if os.path.isfile(p):
                with open(p, encoding="utf-8") as f:
                    text = f.read()
                break
        _cache[name] = text
    return _cache[name]


def main(path=DEV):
    failures = []
    items = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as e:
                failures.append(f"line {n}: invalid JSON ({e})")

    seen = set()
    for it in items:
        qid = it.get("id", "?")
        if qid in seen:
            failures.append(f"{qid}: duplicate id")
        seen.add(qid)
        docs = it.get("doc") or []
        if isinstance(docs, str):
            docs = [docs]
        quotes = it.get("quotes") or []
        facts = it.get("key_facts") or []
        texts = []
        for d in docs:
            t = load_doc(d)
            if t is None:
                failures.append(f"{qid}: document not found: {d}")
            else:
                texts.append(t)

        if it.get("answerable"):
            if not quotes:
                failures.append(f"{qid}: answerable item without quotes")
            if not docs:
                failures.append(f"{qid}: answerable item without doc")
        else:
            if quotes:
                failures.append(f"{qid}: unanswerable item has quotes")
            if facts:
                failures.append(f"{qid}: unanswerable item has key_facts")

        for q in quotes:
            if "\n" in q:
                failures.append(f"{qid}: quote spans a line break: {q!r}")
            if not any(q in t for t in texts):
                failures.append(f"{qid}: quote not found verbatim: {q!r}")
        for k in facts:
            if not any(k.lower() in t.lower() for t in texts):
                failures.append(f"{qid}: key_fact not found: {k!r}")

    def count(key):
        c = Counter()
        for it in items:
            v = it.get(key)
            if isinstance(v, list):
                if not v:
                    c["(none)"] += 1
                for x in v:
                    c[x] += 1
            else:
                c[v] += 1
        return c

    print(f"items: {len(items)}")
    for key in ("persona", "kind", "doc", "split"):
        print(f"\nper {key}:")
        for k, v in sorted(count(key).items(), key=lambda kv: (-kv[1], str(kv[0]))):
            print(f"  {k}: {v}")

    if failures:
        print(f"\nFAILURES ({len(failures)}):")
        for msg in failures:
            print("  " + msg)
        return 1
    print("\nOK: all quotes and key_facts found.")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
