"""HTML for answers, sources and documents, built from the API's JSON objects (plain dicts)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from ui import strings as s

ContextFn = Callable[[str, int, int, int], dict[str, Any]]
_MARK = re.compile(r"\[(\d+)\]")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def doc_url(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    base = f"/documenten/{quote(doc_id)}"
    return base if start is None else f"{base}?van={start}&tot={end}#citaat"


def where(c: dict[str, Any]) -> str:
    if c.get("page"):
        return s.SOURCE_PAGE.format(page=c["page"])
    if c.get("line_start"):
        return s.SOURCE_LINES.format(start=c["line_start"], end=c.get("line_end") or c["line_start"])
    return ""


def _flat(text: str, keep_lines: bool) -> str:
    """Escaped text without raw newlines: the chat renders markdown, and a blank line would end
    the HTML block (so '## Kop' in a source would turn into a heading)."""
    lines = [esc(line) for line in text.replace("\f", "\n").split("\n")]
    return "<br>".join(lines) if keep_lines else " ".join(lines)


def _excerpt(ctx: dict[str, Any], keep_lines: bool = False) -> str:
    before = ("…" if ctx["before"][:1].strip() else "") + _flat(ctx["before"].lstrip(), keep_lines)
    after = _flat(ctx["after"].rstrip(), keep_lines) + ("…" if ctx["after"] else "")
    return f'{before}<mark>{_flat(ctx["quote"], keep_lines)}</mark>{after}'


def citation_html(c: dict[str, Any], context_fn: ContextFn | None) -> str:
    """One source: title, section, place; the passage with the cited words marked; more on demand."""
    head = (f'<p class="bron-kop"><strong>[{c["n"]}] {esc(c["title"])}</strong><br>'
            f'{esc(c["section"])}{" · " + esc(where(c)) if where(c) else ""}</p>')
    start, end = c["char_start"], c["char_end"]
    if context_fn is None:
        body = f'<blockquote class="citaat"><mark>{_flat(c["quote"], False)}</mark></blockquote>'
        more = ""
    else:
        body = f'<blockquote class="citaat">{_excerpt(context_fn(c["doc_id"], start, end, 160))}</blockquote>'
        wide = context_fn(c["doc_id"], start, end, 1200)
        more = (f'<details class="meer"><summary>{s.SOURCE_MORE}</summary>'
                f'<div class="context">{_excerpt(wide, keep_lines=True)}</div></details>')
    link = (f'<p><a href="{esc(doc_url(c["doc_id"], start, end))}" target="_blank" rel="noopener">'
            f'{s.SOURCE_OPEN}<span class="sr-only"> {s.SOURCE_NEW_TAB}</span></a></p>')
    return f'<li class="bron">{head}{body}{more}{link}</li>'


def passages_html(passages: list[dict[str, Any]]) -> str:
    items = []
    for p in passages:
        dense = "–" if p.get("dense") is None else f'{p["dense"]:.3f}'
        lexical = "–" if p.get("lexical") is None else f'{p["lexical"]:.2f}'
        score = s.SCORE_LABELS.format(score=p["score"], dense=dense, lexical=lexical)
        items.append(f'<li><strong>{esc(p["title"])}</strong> › {esc(p["section"])} '
                     f'({esc(where(p))})<br><span class="score">{esc(score)}</span></li>')
    return (f'<details class="passages"><summary>{s.PASSAGES_HEADING}</summary>'
            f'<ol>{"".join(items)}</ol></details>')


def answer_text_html(text: str) -> str:
    """The answer with its [n] markers as small superscript references to the sources list."""
    return _MARK.sub(lambda m: f'<sup class="ref">[{m.group(1)}]</sup>', esc(text).replace("\n", "<br>"))


def refusal_html(ans: dict[str, Any]) -> str:
    tips = "".join(f'<li>{esc(h["title"])} › {esc(h["section"])}</li>' for h in ans.get("suggestions", []))
    more = f"<p>{s.SUGGESTIONS_INTRO}</p><ul>{tips}</ul>" if tips else ""
    return (f'<div class="weigering"><p><strong>{s.REFUSAL_HEADING}</strong></p>'
            f"<p>{esc(s.REFUSAL)}</p><p>{esc(_next_step(ans))}</p>{more}</div>")


def _next_step(ans: dict[str, Any]) -> str:
    """The refusal's own next step (the huisarts for medical advice …), after the fixed first part."""
    text = ans.get("answer", "")
    return text[len(s.REFUSAL) :].strip() if text.startswith(s.REFUSAL) else s.REFUSAL_NEXT_STEP


def answer_html(ans: dict[str, Any], *, context_fn: ContextFn | None, professional: bool) -> str:
    if ans["refused"]:
        body = refusal_html(ans)
    else:
        cites = "".join(citation_html(c, context_fn) for c in ans["citations"])
        body = (f'<p class="antwoord">{answer_text_html(ans["answer"])}</p>'
                f'<h3 class="bronnen-kop">{s.SOURCES_HEADING}</h3><ol class="bronnen">{cites}</ol>')
    if professional and ans.get("passages"):
        body += passages_html(ans["passages"])
    return f'<div class="naober-antwoord">{body}</div>'


def documents_table(docs: list[dict[str, Any]]) -> str:
    head = "".join(f'<th scope="col">{esc(c) if c else "<span class=sr-only>Actie</span>"}</th>'
                   for c in s.DOCS_COLUMNS)
    rows = []
    for d in docs:
        size = (s.DOCS_SIZE_PAGES.format(n=d["pages"]) if d.get("pages")
                else s.DOCS_SIZE_LINES.format(n=d.get("lines") or "?"))
        link = (f'<a href="{esc(doc_url(d["doc_id"]))}" target="_blank" rel="noopener">{s.DOCS_OPEN}'
                f'<span class="sr-only"> {esc(d["title"])} {s.SOURCE_NEW_TAB}</span></a>')
        cells = (d["title"], d.get("publisher") or "", d.get("year") or "", d.get("kind") or "", size)
        rows.append("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in cells) + f"<td>{link}</td></tr>")
    return (f"<p>{s.DOCS_INTRO}</p><table class=\"documenten\"><caption class=\"sr-only\">{s.TAB_DOCS}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
