"""Inline SVG charts for report.html: no scripts, no fonts, no network, just escaped text."""

from __future__ import annotations

from html import escape

BAR_H, GAP, LABEL_W, PLOT_W = 16, 6, 190, 320
CURRENT, BASELINE = "#2b6cb0", "#a0aec0"


def bar_chart(title: str, bars: list[tuple[str, float | None, float | None]], max_value: float = 1.0) -> str:
    """Horizontal bars (label, current, baseline); a baseline value draws a thin grey bar below."""
    has_base = any(b is not None for _, _, b in bars)
    row_h = BAR_H + (BAR_H // 2 if has_base else 0) + GAP
    height = 28 + row_h * len(bars) + 8
    width = LABEL_W + PLOT_W + 70
    top = max([max_value] + [v for _, c, b in bars for v in (c, b) if v is not None])
    parts = [_svg_open(width, height, title), f'<text x="4" y="16" class="t">{escape(title)}</text>']
    for i, (label, cur, base) in enumerate(bars):
        y = 28 + i * row_h
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + BAR_H - 4}" text-anchor="end">{escape(_cut(label))}</text>')
        parts.append(_bar(y, cur, top, CURRENT, BAR_H))
        if has_base:
            parts.append(_bar(y + BAR_H, base, top, BASELINE, BAR_H // 2))
    parts.append("</svg>")
    return "".join(parts)


def histogram(title: str, values: list[float], bins: int = 12, unit: str = "ms") -> str:
    """Distribution of values in equal-width bins, with the bin range under each bar."""
    width, height, plot_h = 520, 190, 120
    parts = [_svg_open(width, height, title), f'<text x="4" y="16" class="t">{escape(title)}</text>']
    if not values:
        return "".join([*parts, '<text x="4" y="40">geen metingen</text></svg>'])
    lo, hi = min(values), max(values)
    step = (hi - lo) / bins or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int((v - lo) / step))] += 1
    bar_w = (width - 40) / bins
    peak = max(counts)
    for i, n in enumerate(counts):
        h = plot_h * n / peak
        x = 20 + i * bar_w
        parts.append(
            f'<rect x="{x:.1f}" y="{30 + plot_h - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
            f'fill="{CURRENT}"><title>{lo + i * step:.0f}-{lo + (i + 1) * step:.0f} {unit}: {n}</title></rect>'
        )
        if n:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{26 + plot_h - h:.1f}" text-anchor="middle">{n}</text>')
    parts.append(f'<text x="20" y="{50 + plot_h}">{lo:.0f} {unit}</text>')
    parts.append(f'<text x="{width - 20}" y="{50 + plot_h}" text-anchor="end">{hi:.0f} {unit}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _svg_open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
    )


def _bar(y: int, value: float | None, top: float, color: str, h: int) -> str:
    if value is None:
        return f'<text x="{LABEL_W + 2}" y="{y + h - 3}" class="na">n.v.t.</text>'
    w = PLOT_W * max(0.0, value) / (top or 1.0)
    label = f"{value:.2f}" if top <= 1.0 else f"{value:.1f}"
    return (
        f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{h - 1}" fill="{color}"/>'
        f'<text x="{LABEL_W + w + 4:.1f}" y="{y + h - 3}">{label}</text>'
    )


def _cut(label: str, n: int = 28) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"
