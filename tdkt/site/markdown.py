"""The one way report text enters Markdown and HTML: ``escape()``; and small Markdown builders.

Report text is untrusted: a line ``# 12 cá nhân`` must stay a paragraph, ``<script>`` must show as
text, ``*`` and ``_`` must not turn into emphasis. ``escape(text)`` makes a string whose visible
text, once rendered by Python-Markdown with the site's extensions (tables, attr_list, md_in_html,
toc, admonition), is the input (whitespace runs collapse, as HTML does). Contexts:

- ``Context.INLINE`` (default): text inside a paragraph, heading, list item or table cell.
- ``Context.HTML``: text that reaches HTML without Markdown (page titles in front matter).
- ``Context.VERBATIM``: a whole text kept line for line, as a ``<pre>`` block of escaped text.
- ``Context.RAW``: the content of an element we write inside a raw HTML block (a report's text:
  ``<p id="p-4">…</p>``), never an attribute value. See "Raw HTML blocks" below.

Control characters (which Python-Markdown uses internally as placeholders) and bidirectional
overrides are shown as visible ``[U+XXXX]`` marks, never passed through. Pure.

Raw HTML blocks. Python-Markdown's ``md_in_html`` (``HTMLExtractorExtra``) takes a block-level start
tag at the start of a line, outside any ``markdown="1"`` element, as the start of a raw block, and
ends it only where the tags it has seen are all closed again (a blank line does not end it): the block
is stashed whole and copied to the output untouched, which is what makes it cheap. Inside a
``markdown="1"`` element, the nested elements without ``markdown`` are built into the document tree
instead, their text kept from inline Markdown (``AtomicString``) but still seen by the tree
processors: ``attr_list`` reads a trailing ``{: #id .class key=value }`` of a heading's text as
attributes, ``toc`` reads the headings (which is why a text with headings is written that way: its
headings stay in the page's table of contents). ``escape(text, Context.RAW)`` is safe in both:

- ``&``, ``<`` and ``>`` become ``&amp;``, ``&lt;``, ``&gt;``: the text holds no tag, so it cannot end
  the block, open an element, a comment or a declaration; ``&`` starts no entity of the input's;
- ``{`` and ``[`` become ``&#123;`` and ``&#91;``: the text is never read as ``attr_list`` attributes
  nor as the toc's ``[TOC]`` marker (an element whose whole text it is becomes the table of contents);
- whitespace runs (newlines too) collapse to one space, as HTML shows them anyway: one line;
- controls and bidi overrides become ``[U+XXXX]``, as in every context.

Quotes stay as they are (element content, never an attribute), so the HTML is what Python-Markdown
wrote for the same text given as Markdown (``Context.INLINE``) but for ``{`` and ``[``, and the ``)`` and
``!`` that ``INLINE`` writes as ``&#41;``/``&#33;`` at a block's start. The caller writes the markup
around it (tags, ids, links: ours, never the text's). ``Context.VERBATIM``'s ``<pre>`` is safe in a raw
block too (no tag; blank lines do not end the block).

Before any of this, Python-Markdown's preprocessors read the whole source, raw blocks included:
``normalize_whitespace`` expands tabs (so ``VERBATIM`` writes them as ``&#9;``) and empties lines of
spaces alone, and ``fenced_code`` (one of MkDocs' built-in extensions) takes a line starting with three
backticks or tildes, up to the next such line, for a code block, even inside a raw ``<pre>``: so
``VERBATIM`` writes a backtick or tilde that starts a line as ``&#96;``/``&#126;``. ``RAW`` text never
starts a line (the caller's tag does).
"""
from __future__ import annotations

import html
import re
from enum import Enum

from tdkt.catalog.yamlread import quoted


class Context(Enum):
    INLINE = "inline"
    HTML = "html"
    VERBATIM = "verbatim"
    RAW = "raw"


# C0/C1 controls (but tab and newline) and the bidi embedding/override/isolate characters
_INERT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# backslash-escapable in Python-Markdown (core ESCAPED_CHARS plus '|' of tables)
_ANYWHERE = re.compile(r"([\\`*_{}\[\]#|])")
# only dangerous at the start of a block: list markers, ordered-list numbers, admonitions
_AT_START = re.compile(r"^([-+!]|\d+(?=[.)]))")


# a backtick or tilde at a line's start: where fenced_code looks for a fence
_FENCE = re.compile(r"^[`~]", re.M)


def _reference(m: re.Match) -> str:
    return f"&#{ord(m.group(0))};"


def _visible(m: re.Match) -> str:
    return f"[U+{ord(m.group(0)):04X}]"


def escape(text: str, context: Context = Context.INLINE) -> str:
    """Escape untrusted text for the given context; see the module docstring."""
    text = _INERT.sub(_visible, text)
    if context is Context.VERBATIM:
        # A raw <pre> of escaped text, not an indented code block: inside a ``markdown="1"`` div,
        # md_in_html reads a line ``    </div>`` of an indented block as the div's end tag.
        # (tabs and a line's first ` or ~ as references: see "Raw HTML blocks" above)
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        text = _FENCE.sub(_reference, html.escape(text, quote=False).replace("\t", "&#9;"))
        return f"<pre><code>{text}\n</code></pre>"
    text = " ".join(text.split())  # one line; HTML collapses whitespace anyway
    text = html.escape(text, quote=context is Context.HTML)
    if context is Context.HTML:
        return text
    if context is Context.RAW:
        return text.replace("{", "&#123;").replace("[", "&#91;")
    text = _ANYWHERE.sub(r"\\\1", text)
    m = _AT_START.match(text)
    if m:
        if m.group(1)[0].isdigit():
            # "1. foo" / "1) foo" at a block start would become an ordered list
            text = m.group(1) + "\\" + text[len(m.group(1)):] if text[len(m.group(1))] == "." else \
                m.group(1) + "&#41;" + text[len(m.group(1)) + 1:]
        else:
            text = "\\" + text if m.group(1) != "!" else "&#33;" + text[1:]
    return text


def link(label_md: str, target: str, *, title: str = "") -> str:
    """``[label](target)``; ``label_md`` must already be escaped, ``target`` is a path we built."""
    if title:
        return f'[{label_md}]({target} "{escape(title, Context.HTML)}")'
    return f"[{label_md}]({target})"


def front_matter(values: dict[str, str | list[str]]) -> str:
    """YAML front matter; keys are MkDocs' own names (plain words), every string value is already safe for
    its context. One ``key: "value"`` line
    per key (lists in brackets), each value quoted by ``yamlread.quoted``, the archive's one YAML quoting
    function (PyYAML's emitter took a twentieth of the build's page generation)."""
    if not values:
        return ""
    lines = []
    for key, value in values.items():
        text = quoted(value) if isinstance(value, str) else "[" + ", ".join(quoted(v) for v in value) + "]"
        lines.append(f"{key}: {text}\n")
    return "---\n" + "".join(lines) + "---\n\n"


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A Markdown table; cells must already be escaped (``escape`` escapes ``|``)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell if cell else "—" for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
