"""Request dependencies as Annotated aliases; tests swap them with ``app.dependency_overrides``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.errors import index_unavailable
from api.feedback import FeedbackStore
from ingest.store import Index, NaoberIndexError
from naober.settings import Settings
from rag.runtime import load_index


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_index(settings: SettingsDep) -> Index:
    """The committed index (cached per process, reopened after a new ingest); 503 while there is none."""
    try:
        return load_index(settings)
    except NaoberIndexError as exc:
        raise index_unavailable(exc) from exc


IndexDep = Annotated[Index, Depends(get_index)]


def get_feedback_store(request: Request) -> FeedbackStore:
    store: FeedbackStore = request.app.state.feedback
    return store


FeedbackDep = Annotated[FeedbackStore, Depends(get_feedback_store)]
