"""Optional chat models through langchain, chosen by one setting (``NAOBER_LLM``).

``ollama:<model>``, ``openai:<model>`` (any OpenAI-compatible server at ``NAOBER_LLM_BASE_URL``)
or ``llamacpp:<path.gguf>``; unset means extractive answers and no model at all. langchain stays
here: the rest of Naober sees a ``BaseChatModel`` only where it calls it (rag/generate.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from naober.settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

MAX_TOKENS = 400  # an answer is at most four sentences; a bound keeps a small CPU model quick
PROBE_TIMEOUT_S = 3.0
PREFIXES = ("ollama:<model>", "openai:<model>", "llamacpp:<path.gguf>")


class LLMConfigError(ValueError):
    """NAOBER_LLM names no known backend, or the backend's package is not installed."""


def make_llm(settings: Settings) -> BaseChatModel | None:
    """The chat model NAOBER_LLM names, or None (extractive answers)."""
    if not settings.llm:
        return None
    kind, _, arg = settings.llm.partition(":")
    build = _BUILDERS.get(kind)
    if build is None or not arg:
        raise LLMConfigError(f"unknown NAOBER_LLM {settings.llm!r}; valid: {', '.join(PREFIXES)}")
    try:
        return build(arg, settings)
    except ImportError as exc:
        raise LLMConfigError(f"{kind}: package missing ({exc}); pip install 'naober[llm]'") from exc


def _ollama(model: str, s: Settings) -> BaseChatModel:
    from langchain_ollama import ChatOllama

    return ChatOllama(
        model=model,
        base_url=s.llm_base_url,
        temperature=0,
        num_predict=MAX_TOKENS,
        client_kwargs={"timeout": s.llm_timeout_s},
    )


def _openai(model: str, s: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=model,
        base_url=s.llm_base_url,
        api_key=s.llm_api_key or "unused",  # type: ignore[arg-type]
        temperature=0,
        max_tokens=MAX_TOKENS,
        timeout=s.llm_timeout_s,
        max_retries=0,
    )  # type: ignore[call-arg]


def _llamacpp(path: str, s: Settings) -> BaseChatModel:
    from rag.llamacpp_chat import LlamaCppChat

    return LlamaCppChat(model_path=path, max_tokens=MAX_TOKENS, timeout_s=s.llm_timeout_s)


_BUILDERS: dict[str, Callable[[str, Settings], BaseChatModel]] = {
    "ollama": _ollama,
    "openai": _openai,
    "llamacpp": _llamacpp,
}
_LOCK = threading.Lock()
_CACHE: dict[tuple[str | None, ...], BaseChatModel | None] = {}


def llm_for(settings: Settings) -> BaseChatModel | None:
    """One chat model per configuration and process (a GGUF is loaded once); raises LLMConfigError."""
    key = (settings.llm, settings.llm_base_url, settings.llm_api_key, str(settings.llm_timeout_s))
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = make_llm(settings)
        return _CACHE[key]


def llm_problem(settings: Settings) -> str | None:
    """Why the configured LLM cannot answer now (for /readyz), or None when it can or none is set."""
    if not settings.llm:
        return None
    try:
        llm = llm_for(settings)
    except LLMConfigError as exc:
        return str(exc)
    kind = settings.llm.partition(":")[0]
    try:
        if kind == "llamacpp":
            getattr(llm, "load")()  # noqa: B009 - loads the GGUF once; later calls are free
        else:
            _probe_http(kind, settings)
    except Exception as exc:
        return f"{settings.llm}: {exc}"
    return None


def _probe_http(kind: str, s: Settings) -> None:
    import httpx

    if kind == "ollama":
        url = (s.llm_base_url or "http://localhost:11434").rstrip("/") + "/api/tags"
    else:
        url = (s.llm_base_url or "https://api.openai.com/v1").rstrip("/") + "/models"
    headers = {"Authorization": f"Bearer {s.llm_api_key}"} if s.llm_api_key else {}
    httpx.get(url, headers=headers, timeout=PROBE_TIMEOUT_S).raise_for_status()
