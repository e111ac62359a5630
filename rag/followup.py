"""A deterministic check for follow-up questions, so history is used only when it is needed."""

from __future__ import annotations

import re

_FOLLOWUP = re.compile(
    r"^(en|maar|ook|dus|en\s+wat|en\s+wie|en\s+hoe|en\s+waar|en\s+wanneer)\b"
    r"|\b(dat|dit|die|deze|daar|daarvan|daarbij|daarvoor|het|hij|zij|ze|hun|hem)\b\s*\??$"
    r"|\b(daarvan|daarbij|daarvoor|daarin|hiervoor|hiervan|ervan)\b",
    re.I,
)


def is_followup(question: str) -> bool:
    q = question.strip()
    return bool(_FOLLOWUP.search(q)) or len(q.split()) <= 3
