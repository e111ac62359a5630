"""A thin langchain chat model over ``llama_cpp.Llama`` (a local GGUF file, fully offline).

langchain-community's ChatLlamaCpp would pull in a large package for ~60 lines; this adapter
streams, honours a deadline between tokens and serialises calls (a Llama object is not
thread-safe). The GGUF loads on first use.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


class LlamaCppChat(BaseChatModel):
    model_path: str
    n_ctx: int = 4096
    n_threads: int = max(1, min(4, os.cpu_count() or 2))
    max_tokens: int = 400
    temperature: float = 0.0
    seed: int = 42
    timeout_s: float = 120.0

    _llama: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "naober-llamacpp"

    def load(self) -> Any:
        if self._llama is None:
            os.environ.setdefault("OMP_WAIT_POLICY", "passive")  # spinning OpenMP threads starve the rest
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise ImportError("llamacpp: needs llama-cpp-python; pip install 'naober[llamacpp]'") from exc
            if not Path(self.model_path).is_file():
                raise FileNotFoundError(f"llamacpp: model file {self.model_path} does not exist")
            self._llama = Llama(
                model_path=self.model_path, n_ctx=self.n_ctx, n_threads=self.n_threads, seed=self.seed, verbose=False
            )
        return self._llama

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = "".join(str(c.message.content) for c in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        deadline = time.monotonic() + self.timeout_s
        with self._lock:
            parts = self.load().create_chat_completion(
                messages=chat,
                temperature=self.temperature,
                seed=self.seed,
                max_tokens=int(kwargs.get("max_tokens", self.max_tokens)),
                stop=stop,
                stream=True,
            )
            for part in parts:
                delta = part["choices"][0]["delta"].get("content") or ""
                if delta:
                    if run_manager:
                        run_manager.on_llm_new_token(delta)
                    yield ChatGenerationChunk(message=AIMessageChunk(content=delta))
                if time.monotonic() > deadline:
                    raise TimeoutError(f"llamacpp: no answer within {self.timeout_s:.0f} s")
