"""The bulk pages' fast path: the report text and the original go around Python-Markdown, the bytes unchanged.

A report page's text and an original page's verbatim text are HTML we wrote already escaped
(``tdkt/site/report_page.py``, ``tdkt/site/markdown.py``): Python-Markdown copies them to the page as
they are, yet parses every tag of them twice (MkDocs' id scan of the whole source, then ``md_in_html``)
and builds, walks and serialises a tree of them. Here, before MkDocs converts a page, those blocks'
lines are cut out of its Markdown and replaced by a marker (``cut``); after, the marker in the HTML is
replaced by the lines (``splice``). Everything else of the page (its other Markdown, its headings and
table of contents, links MkDocs rewrites or checks) still goes through MkDocs as before.

Why the HTML is the same (Python-Markdown 3.11 and MkDocs 1.6.1, locked; each point is checked on the page,
else ``cut`` or ``splice`` returns None and the page takes the ordinary path; tests/render/test_bulk.py
compares both paths, tests/render/test_build.py the whole site with ``mkdocs build --strict``):

- Only whole lines of the exact shapes ``report_page._body`` writes are cut: ``<p id="p-N">…</p>`` and
  ``<li id="p-N">…</li>`` lines and whole ``<ul>…</ul>`` groups of them, whose text holds no ``<`` or ``>``
  and no ``&`` but the references ``escape`` writes, whose only tags are our links (``tdkt-para``,
  ``tdkt-twin``, ``tdkt-cite``, attribute values free of ``<>&"``). Headings always stay (their ids,
  permalinks and place in the table of contents are MkDocs'), and so does every other line of the page.
- Where such a line goes. In a raw block (no ``markdown="1"``) Python-Markdown copies it verbatim. In a
  ``markdown="1"`` block, ``md_in_html`` builds the ``p``/``li`` element (no ``markdown`` attribute of its
  own: state "off") with its text as ``AtomicString`` (no inline Markdown), stashes its inline tags (our
  links) and references as raw strings put back as written (so MkDocs neither rewrites nor checks those
  links), and the serialiser writes the element's tag and attributes as we wrote them and its text
  unchanged (nothing in it to escape): the same line, one element a line (``prettify``'s newlines).
- What the cut lines gave MkDocs is given back: their ids join the page's anchors (MkDocs reads every ``id``
  of the source and of the tree). The ``toc`` extension numbers a heading's generated id away from every id
  in the tree: a page where a heading id is one of the cut ids (it would have been numbered otherwise) is
  rendered again the ordinary way; otherwise the numbering is the same with or without the cut ids.
- An original's ``<pre><code>`` body (``escape(…, Context.VERBATIM)``) in its raw ``tdkt-original`` block:
  no ``<``, tab, carriage return or placeholder character, only ``escape``'s references; Python-Markdown's
  whitespace normalisation (a line of spaces alone becomes empty) is applied to it here.
- A block must start a line after a blank line, outside any ``<div`` line not yet closed by a ``</div>``
  line (a block nested elsewhere is not one of ours); a page with an HTML comment or a fence line (three
  backticks or tildes, which Python-Markdown reads even inside raw HTML) is left alone; only the pages
  ``report_page`` writes (``bulk_page``) are tried.
- The marker must come out exactly once, as written, or the page is rendered again the ordinary way.

Pure: strings in, strings out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MARK = "tdktbulkslot"  # a page whose source holds it is left alone

# text as escape(…, Context.RAW) writes it: no tag, no control (NormalizeWhitespace edits tabs, \r, \x02, \x03),
# no "{" or "[" (attr_list, the toc's marker), "&" only in its references
_CHAR = r"[^<>&{\[\x00-\x1f]++|&(?:amp|lt|gt|#123|#91);"  # possessive: linear, whether it matches or not
_TEXT = f"(?:{_CHAR})*+"
_LINK = r'<a class="tdkt-(?:para|twin|cite)" href="[^"<>&\x00-\x1f]*"(?: title="[^"<>&\x00-\x1f]*")?>' + _TEXT + r"</a>"
_ITEM = re.compile(r'<(p|li) id="(p-\d+)">(?:' + _CHAR + "|" + _LINK + r")*+</\1>")
_HEADING = re.compile(r'<h([1-6]) id="p-\d+">' + _TEXT + r"</h\1>")
_TEXT_OPEN = re.compile(r'<div class="tdkt-text(?: tdkt-ocr-text)?"(?: markdown="1")?>')
_ORIGINAL = re.compile(r'<div class="tdkt-original">\n<pre><code>((?:[^<&\t\r\x02\x03]++|&(?:amp|lt|gt|#9|#96|#126);)*+)'
                       r"</code></pre>\n</div>")
_SPACES_LINE = re.compile(r"(?<=\n) +\n")  # Python-Markdown's NormalizeWhitespace, on a block's lines


@dataclass(frozen=True, slots=True)
class Cut:
    markdown: str                      # the page's Markdown with the markers in place of the cut lines
    slots: tuple[tuple[str, str], ...]  # (marker as it comes out in the HTML, the HTML it stands for)
    ids: frozenset[str]                # the cut elements' ids


def cut(markdown: str) -> Cut | None:
    """The page's Markdown with its text and original blocks cut out; None when there is nothing to cut or
    the page is not exactly of the shapes this module knows (see the module docstring)."""
    if MARK in markdown or "<!--" in markdown or any(f in "\n" + markdown for f in ("\n```", "\n~~~")):
        return None
    lines = markdown.split("\n")
    out: list[str] = []
    slots: list[tuple[str, str]] = []
    ids: set[str] = set()
    depth = 0  # <div> lines not yet closed by a </div> line: a block must start outside any
    i = 0
    while i < len(lines):
        line = lines[i]
        top = depth == 0 and (i == 0 or lines[i - 1] == "")
        opened = _TEXT_OPEN.fullmatch(line) if top else None
        if opened:
            end = _close(lines, i + 1)
            units = None if end is None else _units(lines[i + 1:end])
            if units is None:
                return None
            out.append(line)
            run: list[str] = []
            for unit_lines, cuttable, unit_ids in units + [([], False, ())]:
                if cuttable:
                    run += unit_lines
                    ids.update(unit_ids)
                    continue
                if run:
                    marker = f"<p>{MARK}{len(slots)}</p>"
                    slots.append((marker, "\n".join(run)))
                    out.append(marker)
                    run = []
                out += unit_lines
            out.append(lines[end])
            i = end + 1
            continue
        closing = lines.index("</div>", i + 1) if top and line == '<div class="tdkt-original">' and \
            "</div>" in lines[i + 1:] else None
        m = None if closing is None else _ORIGINAL.fullmatch("\n".join(lines[i:closing + 1]))
        if m:  # an original not of this shape (a text that is not there, one read by a tool) stays as it is
            # Python-Markdown's NormalizeWhitespace on these lines (the first follows "<code>", not a newline)
            body = _SPACES_LINE.sub("\n", "X" + m.group(1))[1:]
            marker = f"{MARK}{len(slots)}"
            slots.append((f"<pre><code>{marker}</code></pre>", f"<pre><code>{body}</code></pre>"))
            out += [line, f"<pre><code>{marker}</code></pre>", "</div>"]
            i = closing + 1
            continue
        if line.startswith("<div"):
            depth += 1
        elif line == "</div>":
            depth -= 1
        out.append(line)
        i += 1
    if not slots:
        return None
    return Cut(markdown="\n".join(out), slots=tuple(slots), ids=frozenset(ids))


def _close(lines: list[str], start: int) -> int | None:
    """The index of the ``</div>`` line that ends a text block opened before ``start``."""
    for j in range(start, len(lines)):
        if lines[j] == "</div>":
            return j
        if not lines[j].startswith(("<p ", "<li ", "<ul>", "</ul>", "<h")):
            return None
    return None


def _units(lines: list[str]) -> list[tuple[list[str], bool, tuple[str, ...]]] | None:
    """A text block's lines as units (a paragraph, a heading, a whole list), each with whether it is cut
    (headings are not) and its ids; None if a line is not of a known shape."""
    units = []
    j = 0
    while j < len(lines):
        if lines[j] == "<ul>":
            k = j + 1
            while k < len(lines) and lines[k] != "</ul>":
                k += 1
            items = [_item(line, "li") for line in lines[j + 1:k]]
            if k == len(lines) or not items or None in items:
                return None
            units.append((lines[j:k + 1], True, tuple(items)))
            j = k + 1
            continue
        if _HEADING.fullmatch(lines[j]):
            units.append(([lines[j]], False, ()))
        else:
            anchor = _item(lines[j], "p")
            if anchor is None:
                return None
            units.append(([lines[j]], True, (anchor,)))
        j += 1
    return units


def _item(line: str, tag: str) -> str | None:
    """The id of a paragraph or list item line of ``tag``; None if the line is not one."""
    m = _ITEM.fullmatch(line)
    return m.group(2) if m is not None and m.group(1) == tag else None


def splice(c: Cut, html: str, toc_ids: set[str]) -> str | None:
    """The page's HTML with the cut blocks put back; None when it cannot be proved the ordinary path's
    (a marker not there exactly once, a heading id among the cut ids)."""
    if toc_ids & c.ids:
        return None
    for marker, content in c.slots:
        if html.count(marker) != 1:
            return None
        html = html.replace(marker, content)
    return html


_BULK = re.compile(r"bao-cao/[^/]+/(?:index|ban-goc|ocr/index)\.md")


def bulk_page(src_uri: str) -> bool:
    """A report's page, its original's or its OCR text's (``tdkt/site/paths.py``): the pages written by
    ``tdkt/site/report_page.py``, the only ones whose blocks this module cuts."""
    return _BULK.fullmatch(src_uri) is not None
