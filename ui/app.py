"""The Gradio front end. ``build_ui`` receives the service's functions; it never touches the store.

    answer_fn(question, *, history, audience, docs, years, themes) -> the ask JSON object
    catalog_fn() -> {"documents": [document summaries], "themes": [str]}
    context_fn(doc_id, start, end, radius) -> {"before", "quote", "after", ...}
    feedback_fn(question, answer, rating) -> row id
    initiatives_fn(theme, org, q) -> {"count", "themes", "initiatives"} (the Sociale kaart tab)

Functions raise ValueError with a Dutch message for input a person can fix.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import gradio as gr

from ui import strings as s
from ui.catalog_tab import InitiativesFn, kaart_tab
from ui.render import ContextFn, answer_html, documents_table
from ui.theme import CSS, HEAD, theme

log = logging.getLogger("naober.ui")

AnswerFn = Callable[..., dict[str, Any]]
CatalogFn = Callable[[], dict[str, Any]]
FeedbackFn = Callable[[str, str, str], int]
Turn = dict[str, Any]  # {"question", "answer", "index"}: one answered question in this session


def _history(turns: list[Turn]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for t in turns:
        out += [{"role": "user", "content": t["question"]}, {"role": "assistant", "content": t["answer"]}]
    return out


def make_ask(answer_fn: AnswerFn, context_fn: ContextFn | None) -> Callable[..., tuple[Any, ...]]:
    def ask(question: str, chat: list[dict[str, Any]], turns: list[Turn], audience: str,
            docs: list[str] | None, years: list[int] | None, themes: list[str] | None) -> tuple[Any, ...]:
        question = (question or "").strip()
        if not question:
            return chat, turns, question, s.STATUS_EMPTY
        pro = audience == "professional"
        try:
            ans = answer_fn(question, history=_history(turns), audience=audience,
                            docs=list(docs or []) if pro else [], years=list(years or []) if pro else [],
                            themes=list(themes or []) if pro else [])
        except ValueError as exc:
            return chat, turns, question, s.STATUS_ERROR.format(message=exc)
        except Exception:
            log.exception("answer failed")
            return chat, turns, question, s.STATUS_FAILED
        shown = answer_html(ans, context_fn=context_fn, professional=pro)
        chat = [*chat, {"role": "user", "content": question}, {"role": "assistant", "content": shown}]
        turns = [*turns, {"question": question, "answer": ans["answer"], "index": len(chat) - 1}]
        n = len(ans["citations"])
        status = s.STATUS_REFUSED if ans["refused"] else s.STATUS_ANSWER.format(n=n)
        return chat, turns, "", status

    return ask


def make_feedback(feedback_fn: FeedbackFn | None) -> Callable[..., str]:
    def feedback(turns: list[Turn], data: gr.LikeData) -> str:
        index = data.index[0] if isinstance(data.index, tuple | list) else data.index
        turn = next((t for t in turns if t["index"] == index), None)
        if feedback_fn is None or turn is None:
            return s.STATUS_NO_FEEDBACK
        up = data.liked is True or data.liked == "Like"
        try:
            feedback_fn(turn["question"], turn["answer"], "up" if up else "down")
        except Exception:
            log.exception("feedback failed")
            return s.STATUS_NO_FEEDBACK
        return s.STATUS_THANKS_UP if up else s.STATUS_THANKS_DOWN

    return feedback


def make_load(catalog_fn: CatalogFn | None) -> Callable[[], tuple[Any, ...]]:
    def load() -> tuple[Any, ...]:
        if catalog_fn is None:
            return gr.update(), gr.update(), gr.update(), ""
        try:
            cat = catalog_fn()
        except Exception as exc:
            log.warning("catalog unavailable: %s", exc)
            return gr.update(), gr.update(), gr.update(), s.STATUS_ERROR.format(message=exc)
        docs = cat["documents"]
        years = sorted({d["year"] for d in docs if d.get("year")})
        return (gr.update(choices=[(d["title"], d["file"]) for d in docs]), gr.update(choices=years),
                gr.update(choices=cat.get("themes", [])), documents_table(docs))

    return load


def switch_audience(audience: str) -> tuple[Any, ...]:
    starters = s.STARTERS.get(audience, s.STARTERS["inwoner"])
    return (gr.update(visible=audience == "professional"), *(gr.update(value=q) for q in starters))


def build_ui(
    answer_fn: AnswerFn,
    *,
    catalog_fn: CatalogFn | None = None,
    context_fn: ContextFn | None = None,
    feedback_fn: FeedbackFn | None = None,
    initiatives_fn: InitiativesFn | None = None,
) -> gr.Blocks:
    with gr.Blocks(title=f"{s.TITLE}: zorg en welzijn in Drenthe") as demo:
        gr.Markdown(f"# {s.TITLE}\n{s.TAGLINE}", elem_id="kop")
        gr.Markdown(f"### {s.NOTICE_HEADING}\n{s.AI_NOTICE}\n\n{s.NOTICE_EXTRA}", elem_id="ai-notice")
        audience = gr.Radio(s.AUDIENCE_CHOICES, value="inwoner", label=s.AUDIENCE_LABEL, info=s.AUDIENCE_INFO,
                            elem_id="doelgroep")
        turns = gr.State([])
        with gr.Tabs():
            with gr.Tab(s.TAB_ASK, id="vraag"):
                with gr.Group(visible=False) as filters:
                    gr.Markdown(f"**{s.FILTERS_HEADING}**")
                    with gr.Row():
                        docs = gr.Dropdown([], multiselect=True, label=s.FILTER_DOCS, elem_id="filter-docs")
                        years = gr.Dropdown([], multiselect=True, label=s.FILTER_YEARS, elem_id="filter-years")
                        themes = gr.Dropdown([], multiselect=True, label=s.FILTER_THEMES, elem_id="filter-themes")
                chat = gr.Chatbot(label=s.CHAT_LABEL, placeholder=s.CHAT_PLACEHOLDER, height=560, elem_id="gesprek",
                                  feedback_options=("Like", "Dislike"), buttons=["copy"], sanitize_html=True)
                status = gr.Markdown("", elem_id="naober-status")
                with gr.Row(equal_height=True):
                    question = gr.Textbox(label=s.QUESTION_LABEL, placeholder=s.QUESTION_PLACEHOLDER, lines=1,
                                          max_length=2000, scale=5, elem_id="vraag")
                    ask_btn = gr.Button(s.ASK_BUTTON, variant="primary", scale=1, elem_id="vraag-knop")
                gr.Markdown(f"**{s.STARTERS_LABEL}**")
                with gr.Row():
                    starters = [gr.Button(q, size="sm", elem_classes=["starter"]) for q in s.STARTERS["inwoner"]]
                new_chat = gr.Button(s.NEW_CHAT, size="sm", elem_id="nieuw-gesprek")
            with gr.Tab(s.TAB_DOCS, id="documenten"):
                docs_table = gr.HTML(documents_table([]), elem_id="documenten")
            if initiatives_fn is not None:
                with gr.Tab(s.TAB_KAART, id="sociale-kaart"):
                    kaart_tab(demo, initiatives_fn)

        ask = make_ask(answer_fn, context_fn)
        inputs = [question, chat, turns, audience, docs, years, themes]
        outputs = [chat, turns, question, status]
        question.submit(ask, inputs, outputs, show_progress_on=[chat])
        ask_btn.click(ask, inputs, outputs, show_progress_on=[chat])
        for b in starters:
            b.click(lambda q: q, b, question, queue=False).then(ask, inputs, outputs, show_progress_on=[chat])
        chat.like(make_feedback(feedback_fn), [turns], [status], queue=False)
        audience.change(switch_audience, audience, [filters, *starters], queue=False)
        new_chat.click(lambda: ([], [], "", ""), None, [chat, turns, question, status], queue=False)
        demo.load(make_load(catalog_fn), None, [docs, years, themes, docs_table])
    return demo


def mount_ui(app: Any, blocks: gr.Blocks, path: str = "/") -> Any:
    """Mount the UI in a FastAPI app with Naober's theme, CSS and accessibility script."""
    return gr.mount_gradio_app(app, blocks, path=path, theme=theme(), css=CSS, head=HEAD, footer_links=[],
                               show_error=False, ssr_mode=False)
