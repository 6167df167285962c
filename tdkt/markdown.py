"""The one way report text enters Markdown and HTML: ``escape()``; and small Markdown builders.

Report text is untrusted: a line ``# 12 cá nhân`` must stay a paragraph, ``<script>`` must show as
text, ``*`` and ``_`` must not turn into emphasis. ``escape(text)`` makes a string whose visible
text, once rendered by Python-Markdown with the site's extensions (tables, attr_list, md_in_html,
toc, admonition), is the input (whitespace runs collapse, as HTML does). Contexts:

- ``Context.INLINE`` (default): text inside a paragraph, heading, list item or table cell.
- ``Context.HTML``: text that reaches HTML without Markdown (page titles in front matter).
- ``Context.VERBATIM``: a whole text kept line for line, as a ``<pre>`` block of escaped text.

Control characters (which Python-Markdown uses internally as placeholders) and bidirectional
overrides are shown as visible ``[U+XXXX]`` marks, never passed through. Pure.
"""
from __future__ import annotations

import html
import re
from enum import Enum

import yaml


class Context(Enum):
    INLINE = "inline"
    HTML = "html"
    VERBATIM = "verbatim"


# C0/C1 controls (but tab and newline) and the bidi embedding/override/isolate characters
_INERT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# backslash-escapable in Python-Markdown (core ESCAPED_CHARS plus '|' of tables)
_ANYWHERE = re.compile(r"([\\`*_{}\[\]#|])")
# only dangerous at the start of a block: list markers, ordered-list numbers, admonitions
_AT_START = re.compile(r"^([-+!]|\d+(?=[.)]))")


def _visible(m: re.Match) -> str:
    return f"[U+{ord(m.group(0)):04X}]"


def escape(text: str, context: Context = Context.INLINE) -> str:
    """Escape untrusted text for the given context; see the module docstring."""
    text = _INERT.sub(_visible, text)
    if context is Context.VERBATIM:
        # A raw <pre> of escaped text, not an indented code block: inside a ``markdown="1"`` div,
        # md_in_html reads a line ``    </div>`` of an indented block as the div's end tag.
        # (tabs as references: Python-Markdown would expand them to four spaces)
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        return f"<pre><code>{html.escape(text, quote=False).replace(chr(9), '&#9;')}\n</code></pre>"
    text = " ".join(text.split())  # one line; HTML collapses whitespace anyway
    text = html.escape(text, quote=context is Context.HTML)
    if context is Context.HTML:
        return text
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


def front_matter(values: dict) -> str:
    """YAML front matter; every string value is already safe for its context."""
    body = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---\n\n"


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A Markdown table; cells must already be escaped (``escape`` escapes ``|``)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell if cell else "—" for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
