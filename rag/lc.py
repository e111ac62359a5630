"""Naober's retrieval as a langchain ``BaseRetriever`` (langchain stays at this edge)."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from naober.settings import Settings
from rag.query import expand
from rag.retrieve import retrieve
from rag.serialize import hit_dict
from rag.types import Filters


class NaoberRetriever(BaseRetriever):
    """Dense + BM25 fused passages as langchain Documents, with full provenance in metadata."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    index: Any
    settings: Settings
    k: int = 5
    filters: Filters = Filters()

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = retrieve(self.index, expand(query), self.settings.retrieval, n=self.k, k=self.k, filters=self.filters)
        docs = []
        for h in hits:
            meta = {k: v for k, v in hit_dict(h).items() if k != "text" and v is not None}
            docs.append(Document(page_content=h.chunk.text, metadata=meta, id=h.chunk.chunk_id))
        return docs
