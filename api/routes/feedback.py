"""POST /api/v1/feedback: a thumbs up or down on an answer, stored in SQLite."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import FeedbackDep
from api.feedback import Feedback
from api.routes.ask import ERRORS
from api.schemas import FeedbackIn, FeedbackOut

router = APIRouter(tags=["feedback"])


@router.post("/feedback", response_model=FeedbackOut, status_code=201, responses=ERRORS)
def feedback(body: FeedbackIn, store: FeedbackDep) -> FeedbackOut:
    """Bewaar een beoordeling (duim omhoog/omlaag) met een optionele toelichting."""
    row = store.add(Feedback(question=body.question, answer=body.answer, rating=body.rating,
                             comment=body.comment, source="api"))
    return FeedbackOut(id=row, rating=body.rating)
