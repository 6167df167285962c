"""The bulk pages' template, evaluated once per shape: a skeleton with slots filled per page, the same bytes.

Report, original and OCR pages (``bulk.bulk_page``) are not in the nav and live at the same depths, so the
theme's template (Material's ``base.html`` under our ``main.html``: ~3.5 ms a page, the nav and tabs most of
it) writes the same bytes for all pages of one shape but in a few places: the title, the description, the
content, the table of contents, the page's address. A shape's skeleton is the template's output for a page
whose values in those places are sentinels, cut at the sentinels into literal pieces and slots; a page is the
pieces joined with its own values, and its table of contents rendered alone by the theme's own
``partials/toc.html`` (``mkdocs_api``).

What makes a fill exact, and what is checked (any failure: the shape, or the page, takes the ordinary path):

- The skeleton is made twice, from two sets of sentinels of different lengths, characters and spaces; the two
  must cut into the same pieces. So the template passes these values through whole (no truncation, case
  change, encoding or test on them). The table of contents rendered alone must occur exactly once in it.
- A page's values must be of the class on which the template's usual filters are the identity: none of
  ``<>&"'`` (``e``, ``striptags``), single spaces and none at either end (``striptags``), not empty (``d``),
  at most as long as the longer sentinel; an address's report id and the first heading's anchor of the
  characters of a slug. Outside it (a title with an apostrophe, written ``&#x27;`` in the front matter, or a
  page with other front matter) the page is rendered the ordinary way.
- In each process, the first pages of each shape are rendered both ways and compared (``VERIFY``): a
  difference (a template that reads something else of the page) turns the shape off for the build.

Pure: the rendering is passed in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from collections.abc import Callable

VERIFY = 2  # pages of each shape rendered both ways and compared, in each process, before fills are trusted
_MARK = "tdktskel"
_LONG = 400


@dataclass(frozen=True, slots=True)
class Values:
    """What of a page the skeleton leaves open (``content`` whole, the rest of the neutral class)."""
    title: str
    description: str | None
    content: str
    ident: str          # the report id in the page's address (bao-cao/<id>/...)
    toc_id: str         # the first heading's anchor (Material's skip link)
    toc_title: str = ""  # sentinels only: the heading's title in the table of contents


@dataclass(frozen=True, slots=True)
class Heading:
    """A table of contents entry as the theme reads one (for the sentinel page)."""
    title: str
    id: str
    level: int = 1
    children: tuple = ()

    @property
    def url(self) -> str:
        return f"#{self.id}"


def _sentinels(tag: str, long: bool) -> Values:
    if not long:
        return Values(title=f"{_MARK}{tag}title", description=f"{_MARK}{tag}desc", content=f"{_MARK}{tag}content",
                      ident=f"{_MARK}{tag}id", toc_id=f"{_MARK}{tag}toc", toc_title=f"{_MARK}{tag}tocname")
    words = f"{_MARK}{tag} " + " ".join(["Tiêu đề thử, Đắk Lắk 2024"] * 20)
    return Values(title=words[:_LONG].rstrip(), description=words[:300].rstrip() + " mô tả",
                  content=f"{_MARK}{tag}content" + " nội dung" * 40, ident=f"{_MARK}{tag}-id-2024-dak-lak-bc-1",
                  toc_id=f"{_MARK}{tag}-toc_2", toc_title=f"{_MARK}{tag} Mục lục đầu tiên")


SENTINELS = (_sentinels("a", False), _sentinels("b", True))
_SLOTS = ("title", "description", "content", "ident", "toc_id")  # toc_title: only inside the table of contents
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _neutral(text: str | None) -> bool:
    return text is None or (0 < len(text) <= _LONG and " ".join(text.split()) == text
                            and not any(c in text for c in "<>&\"'") and _MARK not in text)


def values_of(title, meta: dict, content: str, url: str, toc) -> Values | None:
    """A page's values, or None when a value is outside the class the skeleton covers (module docstring)."""
    parts = url.split("/")
    first = next(iter(toc), None)
    if (set(meta) - {"title", "description"} or title != meta.get("title") or not isinstance(title, str)
            or len(parts) < 3 or parts[0] != "bao-cao" or first is None):
        return None
    description = meta.get("description")
    values = Values(title=title, description=description, content=content, ident=parts[1],
                    toc_id=getattr(first, "id", ""))
    if not (_neutral(title) and (description is None or isinstance(description, str) and _neutral(description))
            and _SLUG.fullmatch(values.ident) and _SLUG.fullmatch(values.toc_id)
            and _MARK not in values.ident and _MARK not in values.toc_id):
        return None
    return values


def shape_of(template: str, url: str, canonical: str | None, values: Values) -> tuple:
    """Pages of one shape share a skeleton: the template, the address but for the id, whether the site's
    address is known, which front matter, whether the content has its own h1 (Material adds one if not)."""
    return (template, "/".join("*" if i == 1 else p for i, p in enumerate(url.split("/"))), canonical is None,
            values.description is None, "<h1" in values.content)


def sentinel_for(shape: tuple, sentinel: Values) -> Values:
    """The sentinel values as a page of ``shape`` has them (no description, content with its h1 or not)."""
    return replace(sentinel, description=None if shape[3] else sentinel.description,
                   content=sentinel.content + ("<h1>" if shape[4] else ""))


@dataclass(frozen=True, slots=True)
class Skeleton:
    pieces: tuple[str | int, ...]  # literal text, or the index of a slot (_SLOTS; -1: the table of contents)


def make(render: Callable[[Values], tuple[str, str]], shape: tuple) -> Skeleton | None:
    """The skeleton of ``shape``: ``render(values)`` gives the template's output and the table of contents
    alone for a page of the shape with ``values``; None unless both sentinel sets cut into the same pieces."""
    cuts = []
    for sentinel in SENTINELS:
        values = sentinel_for(shape, sentinel)
        html, toc = render(values)
        cuts.append(_cut(html, toc, values))
    return Skeleton(tuple(cuts[0])) if cuts[0] is not None and cuts[0] == cuts[1] else None


def _cut(html: str, toc: str, values: Values) -> list[str | int] | None:
    if not toc or html.count(toc) != 1:
        return None
    found = {getattr(values, name): i for i, name in enumerate(_SLOTS) if getattr(values, name)}
    pattern = re.compile("|".join(re.escape(v) for v in sorted(found, key=len, reverse=True)))
    pieces: list[str | int] = []
    before, after = html.split(toc)
    for k, part in enumerate((before, after)):
        if k:
            pieces.append(-1)
        at = 0
        for m in pattern.finditer(part):
            pieces += [part[at:m.start()], found[m.group(0)]]
            at = m.end()
        pieces.append(part[at:])
    if pieces.count(_SLOTS.index("content")) != 1 or _MARK in "".join(p for p in pieces if isinstance(p, str)):
        return None
    return pieces


def fill(skeleton: Skeleton, values: Values, toc: str) -> str:
    """The page: the skeleton's pieces with ``values`` and its table of contents ``toc`` in the slots."""
    slots = [getattr(values, name) for name in _SLOTS]
    return "".join(p if isinstance(p, str) else toc if p == -1 else slots[p] for p in skeleton.pieces)
