"""The UI's pieces without a browser: HTML of answers and documents, and the chat handlers."""

from __future__ import annotations

from typing import Any

import gradio as gr

from ui.app import build_ui, make_ask, make_feedback
from ui.document_page import document_page
from ui.render import answer_html, documents_table

SOURCE = "## Kop\n\nDe huiskamer <b>De Zonnebloem</b> is open.\fPagina twee."
CITE = {"n": 1, "doc_id": "abc", "file": "a.md", "title": "Titel", "section": "Kop", "page": None,
        "line_start": 3, "line_end": 3, "char_start": 8, "char_end": 45, "quote": SOURCE[8:45]}
ANSWER: dict[str, Any] = {"question": "Waar?", "answer": "De huiskamer is open. [1]", "refused": False,
                          "citations": [CITE], "passages": [], "suggestions": []}


def context(doc_id: str, start: int, end: int, radius: int) -> dict[str, Any]:
    return {"before": SOURCE[max(0, start - radius) : start], "quote": SOURCE[start:end],
            "after": SOURCE[end : end + radius]}


def test_answer_html_marks_the_quote_escapes_and_has_no_raw_newlines() -> None:
    out = answer_html(ANSWER, context_fn=context, professional=False)
    assert "\n" not in out and "\f" not in out  # a blank line would end the HTML block in the chat's markdown
    assert "<b>" not in out and "&lt;b&gt;De Zonnebloem&lt;/b&gt;" in out
    assert "<mark>De huiskamer &lt;b&gt;" in out and "regels 3–3" in out
    assert 'href="/documenten/abc?van=8&amp;tot=45#citaat"' in out
    assert '<sup class="ref">[1]</sup>' in out


def test_refusal_is_friendly_and_points_onwards() -> None:
    hit = {"title": "Titel", "section": "Kop"}
    out = answer_html({**ANSWER, "refused": True, "citations": [], "suggestions": [hit]}, context_fn=None,
                      professional=False)
    assert "Geen antwoord gevonden" in out and "huisarts" in out and "Titel › Kop" in out


def test_a_refusal_shows_its_own_next_step() -> None:
    from rag.prompts import NEXT_STEP_BY_TYPE, REFUSAL

    advice = {**ANSWER, "refused": True, "citations": [], "answer": f"{REFUSAL} {NEXT_STEP_BY_TYPE['advies']}"}
    out = answer_html(advice, context_fn=None, professional=False)
    assert "apotheker" in out and "Wmo-loket" not in out


def test_professional_mode_shows_scores() -> None:
    passage = {"title": "Titel", "section": "Kop", "page": 2, "score": 0.03, "dense": 0.88, "lexical": None}
    out = answer_html({**ANSWER, "passages": [passage]}, context_fn=None, professional=True)
    assert "score 0.0300" in out and "gelijkenis 0.880" in out and "pagina 2" in out


def test_documents_table_and_page() -> None:
    doc = {"doc_id": "abc", "file": "a.md", "title": "Titel", "publisher": "Provincie", "year": 2025,
           "kind": "nota", "pages": None, "lines": 3}
    assert "<td>Provincie</td>" in documents_table([doc]) and "3 regels" in documents_table([doc])
    detail = {**doc, "text": SOURCE, "sections": [{"section": "Kop", "page": None, "line_start": 1}],
              "line_starts": [0, 8, 9], "page_starts": [0, 46]}
    page = document_page(detail, 8, 45)
    assert '<mark id="citaat">' in page and 'id="r-3"' in page and 'id="p-2"' in page
    assert '<html lang="nl">' in page and "&lt;b&gt;" in page


def test_chat_handlers_with_a_plain_answer_function() -> None:
    calls: list[dict[str, Any]] = []

    def answer_fn(question: str, **kw: Any) -> dict[str, Any]:
        calls.append({"question": question, **kw})
        if question == "fout":
            raise ValueError("de vraag is te lang")
        return {**ANSWER, "question": question}

    ask = make_ask(answer_fn, context)
    chat, turns, box, status = ask("Waar?", [], [], "inwoner", ["a.md"], [], [])
    assert box == "" and len(chat) == 2 and "bron" in status and turns[0]["index"] == 1
    assert calls[0]["docs"] == []  # inwoners never filter
    chat, turns, _, _ = ask("En dat?", chat, turns, "professional", ["a.md"], [2025], [])
    assert calls[1]["history"][0] == {"role": "user", "content": "Waar?"} and calls[1]["docs"] == ["a.md"]
    _, _, box, status = ask("fout", chat, turns, "inwoner", [], [], [])
    assert box == "fout" and "te lang" in status
    assert ask("   ", chat, turns, "inwoner", [], [], [])[3] == "Typ eerst een vraag."

    stored: list[tuple[str, str, str]] = []

    def store(question: str, answer: str, rating: str) -> int:
        stored.append((question, answer, rating))
        return len(stored)

    feedback = make_feedback(store)
    msg = feedback(turns, gr.LikeData(None, {"index": 3, "value": "", "liked": False}))
    assert stored == [("En dat?", ANSWER["answer"], "down")] and "niet goed" in msg


def test_build_ui_needs_only_the_answer_function() -> None:
    demo = build_ui(lambda q, **kw: ANSWER)
    assert isinstance(demo, gr.Blocks)
