"""The gold-set format (one JSON object per line) and a loader that survives bad lines.

A malformed line is reported with its line number and skipped; the rest of the set still runs,
so one typo in a 200-question file does not hide the other 199 results.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

Persona = Literal["inwoner", "professional", "evaluator"]


class GoldItem(BaseModel):
    """One gold question. Unknown fields are ignored so sets can carry their own notes."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    persona: Persona
    kind: str
    question: str = Field(min_length=1)
    answerable: bool
    doc: list[str] = Field(default_factory=list)
    quotes: list[str] = Field(default_factory=list)
    key_facts: list[str] = Field(default_factory=list)
    answer: str = ""
    theme: str = ""
    split: str = "all"

    @field_validator("doc", mode="before")
    @classmethod
    def _doc_list(cls, v: object) -> object:
        if v is None:
            return []
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _consistent(self) -> GoldItem:
        if self.answerable and not self.quotes:
            raise ValueError("answerable item needs at least one quote")
        if not self.answerable and (self.quotes or self.key_facts):
            raise ValueError("unanswerable item must have empty quotes and key_facts")
        return self


@dataclass(frozen=True, slots=True)
class GoldError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"regel {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class GoldSet:
    items: tuple[GoldItem, ...]
    errors: tuple[GoldError, ...]


def parse_lines(lines: list[str]) -> GoldSet:
    """Parse JSONL lines; blank lines are skipped, bad ones become GoldErrors."""
    items: list[GoldItem] = []
    errors: list[GoldError] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = GoldItem.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(GoldError(n, f"geen geldige JSON ({exc.msg}, kolom {exc.colno})"))
            continue
        except ValidationError as exc:
            errors.append(GoldError(n, _short(exc)))
            continue
        if item.id in seen:
            errors.append(GoldError(n, f"dubbele id {item.id!r}"))
            continue
        seen.add(item.id)
        items.append(item)
    return GoldSet(tuple(items), tuple(errors))


def load_gold(path: Path, split: str = "all") -> GoldSet:
    """Read a gold file; ``split`` keeps only items of that split ("all" keeps everything)."""
    gold = parse_lines(path.read_text(encoding="utf-8").splitlines())
    if split == "all":
        return gold
    return GoldSet(tuple(i for i in gold.items if i.split == split), gold.errors)


def _short(exc: ValidationError) -> str:
    parts = []
    for e in exc.errors():
        where = ".".join(str(p) for p in e["loc"]) or "item"
        parts.append(f"{where}: {e['msg']}")
    return "; ".join(parts)
