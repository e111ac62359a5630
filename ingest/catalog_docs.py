"""Initiatives of documents without the werkagenda's tables, found by the structure they show.

* tab-separated tables of numbered afspraken (``2.1.1. A<TAB>doel``) with a second table of
  ``potentiële initiatiefnemers`` under the same numbers (the regioplan's regio-afspraken);
* markdown theme chapters (``# THEMA``) whose ``##`` sections and ``[Meer lezen over X]`` links
  name programmes and initiatives (the jaarverslag);
* chapters headed ``Thema N: naam`` with short headings above prose paragraphs (the
  uitvoeringsagenda's toelichting per project).
"""

from __future__ import annotations

import re

from ingest.catalog import Initiative, make_initiative
from ingest.clean import clean, sentence_spans
from ingest.models import ParsedDoc

_AFSPRAAK = re.compile(r"^(\d+\.\d+\.\d+)\.?[ \t]+([A-Z])\t([^\n]*)$", re.M)
_AFSPRAAK_THEME = re.compile(r"^(\d+\.\d+)\.?[ \t]+([A-Z][^\t\n]{2,60}?)[ \t]*$", re.M)
_NOT_STATED = re.compile(r"^(?:nader te bepalen|n\.?t\.?b\.?)$", re.I)
_MD_THEME = re.compile(r"^#[ \t]+([^#\n]+?)[ \t]*$", re.M)
_MD_SECTION = re.compile(r"^###?[ \t]+(?:■[ \t]*)?([^#\n]+?)[ \t]*$", re.M)
_MD_LINK = re.compile(r"^\[Meer lezen over (?!het interview)([^\]\n]+?)\.?\]\([^)\n]*\)[ \t]*$", re.M)
_GENERIC_SECTION = re.compile(r"^(?:wat willen we bereiken|doelstellingen|waar staan we nu|hoe gaan we verder)\b", re.I)
_THEME_HEADING = re.compile(r"^[ \t]*Thema[ \t]+\d+[ \t]*:[ \t]*(\S[^\n]{4,}?)[ \t]*$", re.M)
_MAX_TITLE = 160


def _first_sentence(text: str) -> str:
    spans = sentence_spans(text)
    first = text[spans[0][0] : spans[0][1]] if spans else text
    return first if len(first) <= _MAX_TITLE else first[:_MAX_TITLE].rsplit(" ", 1)[0]


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def regio_afspraken(doc: ParsedDoc) -> list[Initiative]:
    """Numbered afspraken: a number's first row is the doel, a second row its initiatiefnemers."""
    text = doc.text
    themes = [(m.start(), clean(m.group(2)).text) for m in _AFSPRAAK_THEME.finditer(text)]
    doel: dict[str, re.Match[str]] = {}
    extra: dict[str, re.Match[str]] = {}
    for m in _AFSPRAAK.finditer(text):
        key = re.sub(r"\s+", " ", text[m.start(1) : m.end(2)])
        (extra if key in doel else doel).setdefault(key, m)
    out = []
    for key, m in doel.items():
        description = clean(m.group(3).split("\t")[0]).text
        if not description:
            continue
        theme = next((name for pos, name in reversed(themes) if pos < m.start()), "")
        second = extra.get(key)
        cells = second.group(3).split("\t") if second else []
        who = clean(cells[-1]).text if len(cells) > 1 else ""
        end = _line_end(text, second.start()) if second else _line_end(text, m.start())
        out.append(
            make_initiative(
                doc,
                title=f"{key} {_first_sentence(description)}",
                theme=theme,
                section=f"Regio-afspraak {key}",
                description=description,
                initiatiefnemer="" if _NOT_STATED.match(who) else who,
                span=(m.start(), end),
            )
        )
    return out


def _paragraph(text: str, start: int, end: int) -> tuple[str, int]:
    """Cleaned first prose paragraph in [start, end) and the offset where it ends."""
    m = re.compile(r"^[ \t]*[A-Za-zÀ-ÿ‘'\"“][^\n]*(?:\n[ \t]*\S[^\n]*)*", re.M).search(text, start, end)
    if not m:
        return "", start
    return clean(text, m.start(), min(m.end(), end)).text, min(m.end(), end)


def markdown_themes(doc: ParsedDoc) -> list[Initiative]:
    """``##`` sections and ``[Meer lezen over X]`` links inside ``# THEMA`` chapters."""
    text = doc.text
    themes = list(_MD_THEME.finditer(text))
    out: list[Initiative] = []
    for t_i, theme_m in enumerate(themes):
        t_end = themes[t_i + 1].start() if t_i + 1 < len(themes) else len(text)
        theme = clean(theme_m.group(1)).text
        sections = list(_MD_SECTION.finditer(text, theme_m.end(), t_end))
        if not any(_GENERIC_SECTION.match(clean(m.group(1)).text) for m in sections):
            continue  # not a policy theme chapter (front matter, interviews)
        for s_i, sec in enumerate(sections):
            s_end = sections[s_i + 1].start() if s_i + 1 < len(sections) else t_end
            title = clean(sec.group(1)).text
            if not _GENERIC_SECTION.match(title):
                description, _ = _paragraph(text, sec.end(), s_end)
                out.append(
                    make_initiative(
                        doc,
                        title=title,
                        theme=theme,
                        section=f"{theme} › {title}",
                        description=description,
                        span=(sec.start(), s_end),
                    )
                )
            out.extend(_linked(doc, theme, title, sec.end(), s_end))
    return out


def _linked(doc: ParsedDoc, theme: str, section: str, start: int, end: int) -> list[Initiative]:
    """A ``[Meer lezen over X]`` link names an initiative told about in the paragraph above it."""
    text = doc.text
    out = []
    for link in _MD_LINK.finditer(text, start, end):
        para_start = text.rfind("\n\n", start, text.rfind("\n\n", start, link.start()))
        para_start = start if para_start < 0 else para_start + 2
        description, _ = _paragraph(text, para_start, link.start())
        title = clean(link.group(1)).text
        out.append(
            make_initiative(
                doc,
                title=title,
                theme=theme,
                section=f"{theme} › {section}",
                description=description,
                span=(para_start, link.end()),
            )
        )
    return out


def _is_heading(text: str, line: tuple[int, int], prev_blank: bool) -> bool:
    s = text[line[0] : line[1]].strip()
    if not prev_blank or not s or len(s) > 70 or not s[0].isupper():
        return False
    return not re.search(r"[.,;:)]$|^[•\-\d]|^Thema\b", s) and len(s.split()) >= 1


def themed_projects(doc: ParsedDoc) -> list[Initiative]:
    """Short headings over prose paragraphs, inside chapters headed ``Thema N: naam``."""
    text = doc.text
    themes = list(_THEME_HEADING.finditer(text))
    if not themes:
        return []
    lines, pos = [], themes[0].start()
    for raw in text[pos:].split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    heads: list[tuple[int, int, str]] = []
    prev_blank = True
    for k, line in enumerate(lines[:-1]):
        nxt = text[lines[k + 1][0] : lines[k + 1][1]].strip()
        if _is_heading(text, line, prev_blank) and len(nxt) > 50 and not nxt.startswith("•"):
            theme = next((clean(m.group(1)).text for m in reversed(themes) if m.start() < line[0]), "")
            heads.append((line[0], line[1], theme))
        prev_blank = not text[line[0] : line[1]].strip()
    bounds = sorted({h[0] for h in heads} | {m.start() for m in themes} | {len(text)})
    out = []
    for start, stop, theme in heads:
        end = next(b for b in bounds if b > start)
        title = clean(text, start, stop).text
        description, _ = _paragraph(text, stop + 1, end)
        out.append(
            make_initiative(
                doc,
                title=title,
                theme=theme,
                section=f"Thema {theme} › {title}",
                description=description,
                span=(start, end),
            )
        )
    return out


def extract_other(doc: ParsedDoc) -> list[Initiative]:
    for finder in (regio_afspraken, markdown_themes, themed_projects):
        found = finder(doc)
        if found:
            return found
    return []
