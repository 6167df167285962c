"""Where each record's page lives: the site's URL scheme in one place.

Paths are relative to the generated docs folder (``site_src/``) and end in ``.md``; with
MkDocs' directory URLs ``bao-cao/<id>/index.md`` is served at ``/bao-cao/<id>/``. Slugs are ASCII
and stable: a report's is its id (validated unique); a unit's adds its official code to its
name, so two units named Long Xuyên never share a page. Pure.
"""
from __future__ import annotations

import posixpath

from tdkt.text.collate import slug
from tdkt.model import Era, Exemplar, Movement, Report, Unit

HOME = "index.md"
REPORTS = "bao-cao/index.md"
UNITS = "don-vi/index.md"
YEARS = "nam/index.md"
MOVEMENTS = "phong-trao/index.md"
ABOUT = "gioi-thieu.md"
SEARCH = "tim-kiem.md"
AWARDS = "khen-thuong/index.md"  # the precedent finder; its data and charts live beside it
EXEMPLARS = "dien-hinh/index.md"
DATA = "du-lieu.md"  # the open data page; its files live in du-lieu/ (tdkt/site/exports.py)
SEARCH_INDEX = "chi-muc/"  # relative to the search page; the files live in tim-kiem/chi-muc/


def report(r: Report) -> str:
    return f"bao-cao/{r.id}/index.md"


def former(alias: str) -> str:
    """The page at a report's former id: it leads to the report's page (paths never break)."""
    return f"bao-cao/{alias}/index.md"


def original_page(r: Report) -> str:
    return f"bao-cao/{r.id}/ban-goc.md"


def ocr_page(r: Report) -> str:
    """The OCR text of a machine-restored report: ``/bao-cao/<id>/ocr/``."""
    return f"bao-cao/{r.id}/ocr/index.md"


# The only extensions an original is published under: types no browser renders as a page or runs as a script
# (plain text, office documents, PDF, raster images). An original of any other type (.html, .svg, .js, .xhtml,
# .xml, ...) would run on the archive's own origin: it is published as ``ban-goc.bin``, which hosts serve as a
# download (application/octet-stream; tdkt/site/hosting.py adds Content-Disposition: attachment where it can).
INERT_EXTENSIONS = (".txt", ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx",
                    ".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp")
DOWNLOAD_EXTENSION = ".bin"
READABLE_EXTENSION = ".txt"  # the one type a browser shows as it is (text/plain, with nosniff): not a download


def original_file(r: Report) -> str:
    """The original bytes, published under a fixed safe name of an inert type (see ``INERT_EXTENSIONS``)."""
    ext = posixpath.splitext(r.source.path)[1].lower()
    return f"bao-cao/{r.id}/ban-goc{ext if ext in INERT_EXTENSIONS else DOWNLOAD_EXTENSION}"


def original_renamed(r: Report) -> bool:
    """True when the original is published under another extension than it came with (an active type)."""
    return posixpath.splitext(r.source.path)[1].lower() not in INERT_EXTENSIONS


def unit_slug(u: Unit) -> str:
    suffix = "-2025" if u.era is Era.FROM_2025 else ""
    return f"{slug(u.full_name)}-{u.code}{suffix}"


def unit(u: Unit) -> str:
    return f"don-vi/{unit_slug(u)}.md"


def year(y: int) -> str:
    return f"nam/{y}.md"


NO_YEAR = "nam/chua-xac-dinh.md"  # reports whose year is not known (drafts stating neither period nor date)


def page(first: str, n: int) -> str:
    """Page ``n`` of a long list whose first page is ``first``: ``nam/2023.md`` → ``nam/2023/trang-2.md``, served at
    ``/nam/2023/trang-2/``. Only year, unit and movement pages are paged: their folders hold nothing else (a report's
    id may be any slug, so ``bao-cao/trang-2/`` could be a report's address)."""
    return first if n == 1 else f"{first.removesuffix('.md')}/trang-{n}.md"


def movement(m: Movement) -> str:
    return f"phong-trao/{m.id}.md"


def exemplar(e: Exemplar) -> str:
    return f"dien-hinh/{e.id}.md"


def rel(source: str, target: str, anchor: str = "") -> str:
    """The link from page ``source`` to ``target`` (both docs-relative), as MkDocs resolves it."""
    path = posixpath.relpath(target, posixpath.dirname(source) or ".")
    return path + (f"#{anchor}" if anchor else "")


def served(page: str) -> str:
    """The URL path MkDocs serves a page at (directory URLs): ``a/index.md`` and ``a.md`` → ``a/``."""
    stem = page.removesuffix(".md")
    stem = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return stem


def url(source: str, target: str, anchor: str = "") -> str:
    """The link from page ``source`` to page ``target`` as a served URL, for raw HTML (which MkDocs does not
    rewrite); Markdown links use ``rel``."""
    here = served(source)
    path = posixpath.relpath(served(target) or ".", here.rstrip("/") or ".") if here else served(target)
    path = "" if path == "." else path.rstrip("/") + "/"
    return (path or "./") + (f"#{anchor}" if anchor else "")
