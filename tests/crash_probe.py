"""Run in a fresh process: what the committed index in NAOBER_DATA_DIR answers and holds (JSON on stdout)."""

from __future__ import annotations

import json
import sys

from ingest.store import chroma_client, read_chunks
from naober.settings import get_settings
from rag.runtime import load_index
from rag.serialize import answer_dict
from rag.service import answer

QUESTIONS = ("Ik voel me eenzaam, waar kan ik terecht?", "Waar krijg ik hulp met DigiD?",
             "Wie betaalt de huiskamer?")


def main() -> None:
    s = get_settings()
    index = load_index(s)
    answers = []
    for q in QUESTIONS:
        a = answer_dict(answer(q, index=index, settings=s))
        answers.append({k: v for k, v in a.items() if k != "timings_ms"})
    ids = [c.chunk_id for c in read_chunks(s.data_dir, index.manifest.chunks_file)]
    stored = set(chroma_client(s).get_collection(index.manifest.collection).get(ids=ids, include=[])["ids"])
    per_doc = {d: sum(1 for c in index.chunks if c.doc_id == d) for d in index.manifest.docs}
    json.dump({"docs": {d: m["file"] for d, m in index.manifest.docs.items()}, "answers": answers,
               "chunks_missing_in_chroma": len(set(ids) - stored),
               "chunk_counts_match": all(per_doc[d] == m["chunks"] for d, m in index.manifest.docs.items())},
              sys.stdout)


if __name__ == "__main__":
    main()
