"""Server-Sent Events: one JSON object per event; answers go out one cited sentence at a time."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

_CUT = re.compile(r"(?<=\] )|(?<=\n)")  # after a citation marker, after a line break


def event(name: str | None, data: Any) -> str:
    body = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    head = f"event: {name}\n" if name else ""
    return f"{head}data: {body}\n\n"


def pieces(text: str) -> Iterator[str]:
    """The answer in pieces (up to each [n] marker or line break) that join back to exactly ``text``."""
    yield from (p for p in _CUT.split(text) if p)


def answer_events(ans: dict[str, Any]) -> Iterator[str]:
    """answer deltas, then citations (and passages), then done with the rest of the contract."""
    for piece in pieces(ans["answer"]):
        yield event("answer", {"delta": piece})
    yield from final_events(ans)


def live_events(items: Iterator[str | dict[str, Any]]) -> Iterator[str]:
    """Deltas as a chat model's checked sentences arrive, then the same citations and done events."""
    for item in items:
        if isinstance(item, str):
            if item:
                yield event("answer", {"delta": item})
        else:
            yield from final_events(item)


def final_events(ans: dict[str, Any]) -> Iterator[str]:
    yield event("citations", {"citations": ans["citations"], "passages": ans["passages"],
                              "suggestions": ans["suggestions"]})
    rest = {k: v for k, v in ans.items() if k not in ("answer", "citations", "passages", "suggestions")}
    yield event("done", rest)
