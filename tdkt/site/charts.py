"""Stacked bar charts as standalone SVG documents: categories × series of counts → one SVG string. Pure.

For ``<img src alt>`` and downloads under a CSP as strict as ``default-src 'none'``: no ``<style>``, no ``style=""``,
no script, font or external reference, only presentation attributes. ``<title>`` and ``<desc>`` (the description,
each bar's and each series' total) label it for a screen reader. Caller text is XML-escaped after control and bidi
characters become ``[U+XXXX]`` marks, as in ``tdkt.site.markdown``; the set is defined here because XML also forbids
surrogates and U+FFFE/U+FFFF. No font is loaded: widths are estimated on the wide side, and a label too long for its
room is cut with "…" and keeps its full text in a ``<title>`` child. Deterministic; coordinates have ≤ 2 decimals.
Fails: ``ValueError`` when a series does not have one value per category, or has a negative value.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH = 720
PAD = 12
# Okabe & Ito (2008), "Color Universal Design", without black; yellow last, it is the faintest on white
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442")
# Past the palette, colours repeat under a white hatch: stripes one way, the other way, then dots
_HATCHES = (
    ("rotate(45)", '<rect width="3" height="6" fill="#fff" fill-opacity="0.6"/>'),
    ("rotate(-45)", '<rect width="3" height="6" fill="#fff" fill-opacity="0.6"/>'),
    ("", '<circle cx="3" cy="3" r="1.6" fill="#fff" fill-opacity="0.75"/>'),
)
NO_DATA = "Không có dữ liệu"

# C0/C1 controls, LRM/RLM, bidi embeddings/overrides/isolates (as tdkt.site.markdown), and what XML 1.0 forbids
_INERT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")

_ID_PREFIX = re.compile(r"(?:[A-Za-z][A-Za-z0-9_-]*)?")


@dataclass(frozen=True, slots=True, kw_only=True)
class Series:
    """One stacked layer: a label for the legend and one count per category."""

    label: str
    values: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Data:
    categories: tuple[str, ...]  # cleaned
    labels: tuple[str, ...]  # cleaned series labels
    values: tuple[tuple[int, ...], ...]  # [series][category]
    fills: tuple[str, ...]
    totals: tuple[int, ...]
    step: int
    top: int


def clean(text: str) -> str:
    """Caller text as drawn: control and bidi characters as ``[U+XXXX]``, whitespace runs as one space."""
    return " ".join(_INERT.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text).split())


def fmt(n: int) -> str:
    """An integer with the Vietnamese thousands separator: 1234567 → "1.234.567"."""
    return f"{n:,}".replace(",", ".")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated drawn width of ``text`` at ``size`` px, on the wide side of DejaVu Sans and Arial."""
    em = 0.0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        if unicodedata.east_asian_width(ch) in "WF" or ch in "mwMW@%…":
            em += 1.0
        elif ch in " .,:;'!|iljtfrI()[]":
            em += 0.4
        else:
            em += 0.8 if ch.isupper() else 0.65
    return em * size * (1.1 if bold else 1.0)


def nice_axis(peak: int) -> tuple[int, int]:
    """(step, top): ticks 0, step, … top with step 1, 2 or 5 × 10^k, at most five steps, top >= max(peak, 1)."""
    k = 1
    while True:
        for m in (1, 2, 5):
            steps = -(-peak // (m * k))
            if steps <= 5:
                return m * k, max(1, steps) * m * k
        k *= 10


def _fit(text: str, max_width: float, size: float, bold: bool = False) -> str:
    if text_width(text, size, bold) <= max_width:
        return text
    budget, used, cut = max_width - text_width("…", size, bold), 0.0, 0
    if budget < 0:
        return ""
    for i, ch in enumerate(text):
        used += text_width(ch, size, bold)
        if used > budget:
            break
        cut = i + 1
    return text[:cut].rstrip() + "…"


def _n(x: float) -> str:
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def _x(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _text(x: float, y: float, text: str, *, max_width: float, cls: str, size: int = 12, anchor: str = "start",
          fill: str = "#222", bold: bool = False) -> str:
    """A one-line <text>, cut to ``max_width``; when cut, the full text is its <title>."""
    shown = _fit(text, max_width, size, bold)
    tip = f"<title>{_x(text)}</title>" if shown != text else ""
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text class="{cls}" x="{_n(x)}" y="{_n(y)}" font-size="{size}" text-anchor="{anchor}"{weight} '
            f'fill="{fill}">{tip}{_x(shown)}</text>')


def _rect(x0: float, y0: float, x1: float, y1: float, fill: str, tip: str) -> str:
    x0, y0, x1, y1 = (round(v, 2) for v in (x0, y0, x1, y1))
    return (f'<rect class="segment" x="{_n(x0)}" y="{_n(y0)}" width="{_n(x1 - x0)}" height="{_n(y1 - y0)}" '
            f'fill="{fill}"><title>{_x(tip)}</title></rect>')


def _line(x0: float, y0: float, x1: float, y1: float, colour: str) -> str:
    return f'<line class="grid" x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x1)}" y2="{_n(y1)}" stroke="{colour}" stroke-width="1"/>'


def _legend(out: list[str], d: _Data, y: float) -> float:
    """Swatch + label per series, in order, wrapping into rows of 20 px; returns the y below it."""
    x, room = PAD, WIDTH - 2 * PAD - 18
    for label, fill in zip(d.labels, d.fills):
        width = 18 + text_width(_fit(label, room, 12), 12)
        if x > PAD and x + width > WIDTH - PAD:
            x, y = PAD, y + 20
        out.append(f'<g class="legend-item"><rect x="{_n(x)}" y="{_n(y + 1)}" width="12" height="12" fill="{fill}" '
                   f'stroke="#555" stroke-width="0.5"/>{_text(x + 18, y + 12, label, max_width=room, cls="legend")}</g>')
        x += width + 16
    return y + (24 if d.labels else 0)


def _bars(out: list[str], d: _Data, i: int, place) -> None:
    """Category ``i``'s segments, bottom/left first; ``place(start, end)`` maps counts to rect edges."""
    out.append(f'<g class="bar"><title>{_x(d.categories[i])}: {fmt(d.totals[i])}</title>')
    done = 0
    for label, fill, values in zip(d.labels, d.fills, d.values):
        if values[i]:
            out.append(_rect(*place(done, done + values[i]), fill, f"{label} – {d.categories[i]}: {fmt(values[i])}"))
            done += values[i]
    out.append("</g>")


def _vertical(out: list[str], d: _Data, y: float) -> float:
    n, ticks = len(d.categories), range(0, d.top + 1, d.step)
    tick_w = max(text_width(fmt(t), 11) for t in ticks)
    left, right = PAD + tick_w + 6, WIDTH - PAD
    slot = (right - left) / max(n, 1)
    show_totals = n > 0 and max(text_width(fmt(t), 11) for t in d.totals) <= slot - 2
    top = y + (20 if show_totals else 8)
    bottom, scale = top + 240, 240 / d.top
    for t in ticks:
        out.append(_line(left, bottom - t * scale, right, bottom - t * scale, "#888" if t == 0 else "#ddd"))
        out.append(_text(left - 6, bottom - t * scale + 4, fmt(t), max_width=tick_w, cls="tick", size=11,
                         anchor="end", fill="#555"))
    bar_w = min(slot * 0.7, 56)
    # label every k-th bar when a slot is narrower than a short label (e.g. 50 years)
    every = math.ceil((min(max((text_width(c, 12) for c in d.categories), default=0), 60) + 6) / slot)
    for i, cat in enumerate(d.categories):
        cx = left + (i + 0.5) * slot
        _bars(out, d, i, lambda a, b: (cx - bar_w / 2, bottom - b * scale, cx + bar_w / 2, bottom - a * scale))
        if show_totals:
            out.append(_text(cx, bottom - d.totals[i] * scale - 5, fmt(d.totals[i]), max_width=slot, cls="total",
                             size=11, anchor="middle"))
        if i % every == 0:
            room = every * slot - 4
            half = text_width(_fit(cat, room, 12), 12) / 2
            x = min(max(cx, PAD + half), WIDTH - PAD - half)
            out.append(_text(x, bottom + 17, cat, max_width=room, cls="category", anchor="middle"))
    if not n:
        out.append(_text(WIDTH / 2, bottom - 120, NO_DATA, max_width=WIDTH, cls="no-data", anchor="middle"))
    return bottom + 22 + PAD


def _horizontal(out: list[str], d: _Data, y: float) -> float:
    n, ticks = len(d.categories), range(0, d.top + 1, d.step)
    label_w = min(max((text_width(c, 12) for c in d.categories), default=0), 220)
    total_w = max((text_width(fmt(t), 11) for t in d.totals), default=0)
    left = PAD + label_w + 8
    right = WIDTH - PAD - max(total_w + 6, text_width(fmt(d.top), 11) / 2)
    top, slot = y + 4, 28
    bottom, scale = top + max(n, 2) * slot, (right - left) / d.top
    for t in ticks:
        out.append(_line(left + t * scale, top, left + t * scale, bottom, "#888" if t == 0 else "#ddd"))
        out.append(_text(left + t * scale, bottom + 16, fmt(t), max_width=WIDTH, cls="tick", size=11,
                         anchor="middle", fill="#555"))
    for i, cat in enumerate(d.categories):
        mid = top + (i + 0.5) * slot
        _bars(out, d, i, lambda a, b: (left + a * scale, mid - 9, left + b * scale, mid + 9))
        out.append(_text(left - 8, mid + 4, cat, max_width=label_w, cls="category", anchor="end"))
        out.append(_text(left + d.totals[i] * scale + 6, mid + 4, fmt(d.totals[i]), max_width=total_w + 1,
                         cls="total", size=11))
    if not n:
        out.append(_text(WIDTH / 2, top + slot + 4, NO_DATA, max_width=WIDTH, cls="no-data", anchor="middle"))
    return bottom + 22 + PAD


def _summary(d: _Data) -> str:
    if not d.categories:
        return NO_DATA + "."
    bars = "; ".join(f"{c}: {fmt(t)}" for c, t in zip(d.categories, d.totals))
    layers = "; ".join(f"{label}: {fmt(sum(values))}" for label, values in zip(d.labels, d.values))
    return f"Tổng theo từng cột: {bars}. Tổng cộng: {fmt(sum(d.totals))}." + (f" Theo từng loại: {layers}." if layers else "")


def stacked_bars(*, title: str, description: str, categories: Sequence[str], series: Sequence[Series],
                 value_label: str, horizontal: bool = False, id_prefix: str = "") -> str:
    """A standalone SVG 1.1 document: one bar per category, stacked by series, totals at the bar ends.

    ``horizontal=True`` puts the categories down the side (long labels, many categories). ``id_prefix`` goes
    before every id (``chart-title``, ``chart-desc``, ``fill-<j>``), so that two charts drawn inline in one page
    do not share ids. Raises ``ValueError`` when a series does not have one value per category or has a negative
    value. ``theme/assets/javascripts/charts-core.js`` returns the same string for the same arguments.
    """
    if not _ID_PREFIX.fullmatch(id_prefix):
        raise ValueError(f"id_prefix {id_prefix!r}: give letters, digits, '-' or '_', beginning with a letter, or ''")
    for s in series:
        if len(s.values) != len(categories):
            raise ValueError(f"series {s.label!r} has {len(s.values)} values for {len(categories)} categories; "
                             f"give one value per category, in the order of the categories")
        if any(v < 0 for v in s.values):
            raise ValueError(f"series {s.label!r} has a negative value; counts must be >= 0")
    totals = tuple(sum(s.values[i] for s in series) for i in range(len(categories)))
    defs, fills = [], []
    for j in range(len(series)):
        colour, cycle = PALETTE[j % len(PALETTE)], j // len(PALETTE) % (len(_HATCHES) + 1)
        if cycle:
            turn, mark = _HATCHES[cycle - 1]
            spin = f' patternTransform="{turn}"' if turn else ""
            defs.append(f'<pattern id="{id_prefix}fill-{j}" width="6" height="6" patternUnits="userSpaceOnUse"{spin}>'
                        f'<rect width="6" height="6" fill="{colour}"/>{mark}</pattern>')
        fills.append(f"url(#{id_prefix}fill-{j})" if cycle else colour)
    d = _Data(categories=tuple(clean(c) for c in categories), labels=tuple(clean(s.label) for s in series),
              values=tuple(tuple(s.values) for s in series), fills=tuple(fills), totals=totals,
              step=(axis := nice_axis(max(totals, default=0)))[0], top=axis[1])
    body = [_text(PAD, PAD + 16, clean(title), max_width=WIDTH - 2 * PAD, cls="chart-title", size=16, bold=True)]
    y = _legend(body, d, PAD + 28)
    body.append(_text(PAD, y + 12, clean(value_label), max_width=WIDTH - 2 * PAD, cls="value-label", fill="#444"))
    height = math.ceil((_horizontal if horizontal else _vertical)(body, d, y + 20))
    desc = " ".join(filter(None, (clean(description), _summary(d))))
    head = ['<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id_prefix}chart-title {id_prefix}chart-desc" '
            'font-family="sans-serif">',
            f'<title id="{id_prefix}chart-title">{_x(clean(title))}</title>',
            f'<desc id="{id_prefix}chart-desc">{_x(desc)}</desc>']
    head += [f"<defs>{''.join(defs)}</defs>"] if defs else []
    head.append(f'<rect class="background" width="{WIDTH}" height="{height}" fill="#fff"/>')
    return "\n".join(head + body + ["</svg>"]) + "\n"
