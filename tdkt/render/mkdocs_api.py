"""MkDocs behind one door: every name of MkDocs and Material that the build uses, public or private.

The rest of the package renders through the functions here and never imports ``mkdocs`` itself, so
another renderer can take over by replacing this module (README, "Rendering: MkDocs behind one door").
What we rely on beyond MkDocs' documented API is listed in ``PRIVATE`` and checked by ``check()`` against
the installed versions before a build starts: a MkDocs or Material that no longer has them stops the build
with a message saying what is missing and which versions were tested, instead of failing mid-render.

MkDocs' private insides used (all from ``mkdocs.commands.build`` 1.6.1 and ``mkdocs.structure``):
- ``_populate_page`` and ``_build_page``: one page's Markdown → HTML → the theme's template; we call them
  per page in forked workers, as ``build()`` calls them in a loop;
- ``_build_theme_template`` and ``_build_extra_template``: 404.html, sitemap.xml and the like;
- ``File._content``: the bytes of a file a plugin generated (none of ours does; read to stay exact);
- the page attributes MkDocs' anchor validation reads and writes: ``Page.content``, ``Page.toc``,
  ``Page.links_to_anchors``, ``Page.present_anchor_ids``.
- for the bulk pages' fast path (``tdkt/render/bulk.py``): ``_populate_page``'s steps without plugins
  (``Page.read_source``, ``Page.render``, ``MkDocsConfig._current_page``), the page's Markdown replaced between
  the two and its ``content`` and ``present_anchor_ids`` amended after (``_populate_cut``).
- for their template's skeleton (``tdkt/render/skeleton.py``): ``_build_page``'s steps (``get_context``, the
  theme's template, ``write_file``) for a stand-in page (``_Proxy``), and Material's ``partials/toc.html`` and
  ``partials/language.html`` rendered alone; each shape's first pages still go through ``_build_page`` to verify.
"""
from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

from tdkt.render import bulk, skeleton

TESTED = {"mkdocs": "1.6.1", "mkdocs-material": "9.7.7"}  # the versions the byte-for-byte tests ran on
# the versions whose code the report pages' shortcuts were argued from and tested on (bulk.py, skeleton.py): with
# any other installed, every page takes MkDocs' own path
SHORTCUTS_TESTED = {"markdown": "3.11.3", **TESTED}


def _shortcuts_fit() -> bool:
    from importlib import metadata

    try:
        return all(metadata.version(name) == version for name, version in SHORTCUTS_TESTED.items())
    except metadata.PackageNotFoundError:
        return False

PRIVATE = (
    ("mkdocs.commands.build", "_populate_page"),
    ("mkdocs.commands.build", "_build_page"),
    ("mkdocs.commands.build", "_build_theme_template"),
    ("mkdocs.commands.build", "_build_extra_template"),
    ("mkdocs.structure.files", "File._content"),
    ("mkdocs.structure.pages", "Page.links_to_anchors"),
    ("mkdocs.structure.pages", "Page.present_anchor_ids"),
    ("mkdocs.structure.pages", "Page.validate_anchor_links"),
    ("mkdocs.structure.files", "InclusionLevel.is_included"),
    ("mkdocs.config.defaults", "MkDocsConfig._current_page"),  # set around a page's render, as MkDocs does
)


class RendererMismatch(RuntimeError):
    """The installed MkDocs lacks what this module relies on."""


def check() -> None:
    """Raise ``RendererMismatch`` naming every private name the installed MkDocs lacks."""
    from importlib import metadata

    missing = []
    for module, name in PRIVATE:
        try:
            found = importlib.import_module(module)
        except ImportError:
            missing.append(f"{module}.{name}")
            continue
        owner, _, attribute = name.rpartition(".")
        if owner:
            found = getattr(found, owner, None)
            if found is not None and not hasattr(found, attribute) and attribute not in _attributes(found):
                missing.append(f"{module}.{name}")
            elif found is None:
                missing.append(f"{module}.{name}")
        elif not hasattr(found, attribute):
            missing.append(f"{module}.{name}")
    if missing:
        installed = []
        for package in TESTED:
            try:
                installed.append(f"{package} {metadata.version(package)}")
            except metadata.PackageNotFoundError:
                installed.append(f"{package} (chưa cài)")
        tested = ", ".join(f"{k} {v}" for k, v in TESTED.items())
        raise RendererMismatch(
            f"error[M001] MkDocs đã cài ({', '.join(installed)}) thiếu {', '.join(missing)}, mà bước dựng trang cần "
            f"(đã kiểm thử với {tested}). Sửa: cài đúng phiên bản trong requirements.lock (make setup), "
            f"hoặc cập nhật tdkt/render/mkdocs_api.py cho phiên bản mới.")


def _attributes(cls) -> set[str]:
    names = set(dir(cls))
    for klass in getattr(cls, "__mro__", ()):
        names.update(getattr(klass, "__annotations__", {}))
        names.update(getattr(klass, "__slots__", ()))
    if cls.__name__ == "Page":  # set in __init__, not declared on the class
        names.update({"links_to_anchors", "present_anchor_ids", "content", "toc"})
    if cls.__name__ == "File":
        names.update({"_content"})
    return names


# ------------------------------------------------------------------ the public API we use

def load_config(config_file: Path, **overrides):
    from mkdocs.config import load_config as load

    return load(str(config_file), **overrides)


def configured_site_url(config_file: Path) -> str | None:
    """The ``site_url`` that ``mkdocs.yml`` sets (ending in ``/``), None when it sets none. Read as MkDocs reads
    the file (its tags included), without checking the rest of the configuration (``docs_dir`` may not exist yet)."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as f:
        url = (yaml_load(f) or {}).get("site_url")
    return (url if url.endswith("/") else url + "/") if url else None


def errors() -> tuple[type[BaseException], ...]:
    """What a failing MkDocs raises."""
    from mkdocs.exceptions import MkDocsException

    return (MkDocsException, SystemExit)


def build_whole(config) -> None:
    """MkDocs' own ``build()``, whole (a config with plugins, which may keep state across pages)."""
    from mkdocs.commands.build import build

    build(config)


def serve(config_file: Path, docs_dir: Path) -> None:
    from mkdocs.commands.serve import serve as run

    run(str(config_file), docs_dir=str(docs_dir))


def build_datetime():
    from mkdocs.utils import get_build_datetime

    return get_build_datetime()


def lunr_js() -> bytes:
    """lunr.js 2.3.9 (MIT, Oliver Nightingale) as MkDocs ships it: the reference the browser's scorer is tested
    against (tests/search/test_rank.py); the site itself does not load it."""
    spec = importlib.util.find_spec("mkdocs")
    folder = Path(list(spec.submodule_search_locations)[0])
    return (folder / "contrib" / "search" / "templates" / "search" / "lunr.js").read_bytes()


class Collected:
    """What ``build()`` knows before it renders a page: the files, the theme's environment, the nav, the pages."""

    def __init__(self, config) -> None:
        from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        self.config = config
        self.files = get_files(config)
        self.env = config.theme.get_env()
        self.files.add_files_from_theme(self.env, config)
        set_exclusions(self.files, config)
        self.nav = get_navigation(self.files, config)
        self.doc_files = self.files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in self.doc_files:
            if file.page is None:
                Page(None, file, config)
        for page in self.nav.pages:  # what the nav shows of its pages (front matter) is read before any renders
            page.read_source(config)
        self._shapes: dict[tuple, skeleton.Skeleton | None] = {}  # bulk pages' skeletons by shape (skeleton.py)
        self._verified: dict[tuple, int] = {}
        self._toc_template = None
        self._in_nav = {page.file.src_uri for page in self.nav.pages}
        self.shortcuts = _shortcuts_fit() and not len(config.plugins)  # plugins' events: only MkDocs' own path

    def static_files(self) -> list:
        return [f for f in self.files if not f.is_documentation_page() and f.inclusion.is_included()]

    def render_page(self, file, files) -> None:
        """One page: Markdown → HTML (links looked up in ``files``) → the theme's template → its output file."""
        from mkdocs.commands.build import _build_page

        self.populate(file, files)
        if not (self.shortcuts and bulk.bulk_page(file.src_uri) and self._build_skeleton(file.page)):
            _build_page(file.page, self.config, self.doc_files, self.nav, self.env)

    def _build_skeleton(self, page) -> bool:
        """``_build_page`` (without plugins) through the shape's skeleton (``skeleton.py``); True if the page was
        built (filled, or rendered the ordinary way to verify the shape's first pages), False to build it the
        ordinary way."""
        from mkdocs.commands.build import _build_page
        from mkdocs.utils import write_file

        if page.file.src_uri in self._in_nav:  # the nav shows it, open: not one page among many alike
            return False
        values = skeleton.values_of(page.title, page.meta, page.content, page.url, page.toc)
        if values is None or any(u is not None and not u.endswith(page.url) for u in (page.canonical_url, page.abs_url)):
            return False
        shape = skeleton.shape_of(page.meta.get("template", "main.html"), page.url, page.canonical_url, values)
        page.active = True  # as _build_page has it while the template renders
        self.config._current_page = page
        try:
            if shape not in self._shapes:
                self._shapes[shape] = self._make_skeleton(page, values, shape)
                self._verified[shape] = 0
            made = self._shapes[shape]
            if made is None:
                return False
            try:
                html = skeleton.fill(made, values, self._toc_alone(page))
            except Exception:  # noqa: BLE001 - the ordinary path renders it and reports as MkDocs does
                return False
        finally:
            page.active = False
            self.config._current_page = None
        if not html.strip():
            return False
        data = html.encode("utf-8", errors="xmlcharrefreplace")
        if self._verified[shape] < skeleton.VERIFY:
            _build_page(page, self.config, self.doc_files, self.nav, self.env)
            if Path(page.file.abs_dest_path).read_bytes() == data:
                self._verified[shape] += 1
            else:
                self._shapes[shape] = None
            return True
        write_file(data, page.file.abs_dest_path)
        return True

    def _make_skeleton(self, page, values, shape):
        def render(sentinel):
            proxy = _Proxy(page, values.ident, sentinel)
            return self._template(proxy), self._toc_alone(proxy)

        try:
            return skeleton.make(render, shape)
        except Exception:  # noqa: BLE001 - a theme without partials/toc.html, say: the ordinary path
            return None

    def _template(self, page) -> str:
        from mkdocs.commands.build import get_context

        template = self.env.get_template(page.meta.get("template", "main.html"))
        return template.render(get_context(self.nav, self.doc_files, self.config, page))

    def _toc_alone(self, page) -> str:
        """The table of contents as Material's ``base.html`` includes it, rendered alone."""
        from mkdocs.commands.build import get_context

        if self._toc_template is None:
            self._toc_template = self.env.from_string(
                '{% import "partials/language.html" as lang with context %}{% include "partials/toc.html" %}')
        return self._toc_template.render(get_context(self.nav, self.doc_files, self.config, page))

    def populate(self, file, files, fast: bool = True) -> bool:
        """One page's Markdown → HTML, as MkDocs' ``_populate_page``; a bulk page (``bulk.bulk_page``) through
        ``bulk`` when ``fast`` and ``bulk`` can prove the result (True then), else the ordinary way."""
        from mkdocs.commands.build import _populate_page

        done = fast and self.shortcuts and bulk.bulk_page(file.src_uri) and \
            _populate_cut(file.page, self.config, files)
        if not done:
            _populate_page(file.page, self.config, files)
        return done

    def build_templates(self) -> None:
        """The theme's and the config's static templates (404.html, sitemap.xml, ...)."""
        from mkdocs.commands.build import _build_extra_template, _build_theme_template

        for template in self.config.theme.static_templates:
            _build_theme_template(template, self.env, self.files, self.config, self.nav)
        for template in self.config.extra_templates:
            _build_extra_template(template, self.files, self.config, self.nav)

    # -- anchors: what MkDocs' validation of links between pages reads and writes on its pages
    def own_anchor_links(self, file) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
        """Validate ``file``'s links to its own anchors now; return its links to other pages' anchors."""
        page = file.page
        links = page.links_to_anchors or {}
        page.links_to_anchors = {f: v for f, v in links.items() if f is page.file}
        page.validate_anchor_links(files=self.files, log_level=self.config.validation.links.anchors)
        return tuple(sorted((f.src_uri, tuple(v.items())) for f, v in links.items() if f is not page.file))

    @staticmethod
    def anchors(file) -> frozenset[str]:
        return frozenset(file.page.present_anchor_ids or ())

    @staticmethod
    def forget_html(file) -> None:
        file.page.content, file.page.toc, file.page.links_to_anchors = None, [], None

    def validate_cross_anchors(self, anchors: dict[str, frozenset[str]], links: dict[str, tuple]) -> None:
        """MkDocs' own check of links between pages, over each page's anchors and links (fresh or remembered)."""
        by_uri = {f.src_uri: f for f in self.doc_files}
        for file in self.doc_files:
            file.page.present_anchor_ids = set(anchors[file.src_uri])
        for file in self.doc_files:
            file.page.links_to_anchors = {by_uri[uri]: dict(pairs) for uri, pairs in links[file.src_uri]
                                          if uri in by_uri}
            file.page.validate_anchor_links(files=self.files, log_level=self.config.validation.links.anchors)


class _Proxy:
    """A page as the theme's template reads it, with a skeleton's sentinel values in place of its own."""

    def __init__(self, page, ident: str, values) -> None:
        self._page = page
        self.title, self.content = values.title, values.content
        self.meta = {"title": values.title, **({"description": values.description} if values.description else {})}
        self.toc = [skeleton.Heading(values.toc_title, values.toc_id)]
        self.url = page.url.replace(f"bao-cao/{ident}/", f"bao-cao/{values.ident}/", 1)
        self.canonical_url = None if page.canonical_url is None else \
            page.canonical_url[:len(page.canonical_url) - len(page.url)] + self.url
        self.abs_url = None if page.abs_url is None else page.abs_url[:len(page.abs_url) - len(page.url)] + self.url

    def __getattr__(self, name):
        return getattr(self._page, name)


class _Hold(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _populate_cut(page, config, files) -> bool:
    """``_populate_page`` (without plugins, whose events are then the identity) through ``bulk``: the page's
    Markdown with its text blocks cut out rendered by MkDocs, the blocks spliced back into the HTML, their
    ids given back to the page's anchors. False, with nothing logged and the page to be
    rendered the ordinary way, if ``bulk`` cannot prove the result or rendering fails (the ordinary path then
    logs and raises as MkDocs does). What the render logged is replayed only when the result stands."""
    logger = logging.getLogger("mkdocs")
    held = _Hold()
    saved = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [held], False
    config._current_page = page
    try:
        page.read_source(config)
        cut = bulk.cut(page.markdown)
        if cut is None:
            return False
        source, page.markdown = page.markdown, cut.markdown
        page.render(config, files)
        page.markdown = source
        content = bulk.splice(cut, page.content, _toc_ids(page.toc))
        if content is None:
            return False
    except Exception:  # noqa: BLE001 - the ordinary path renders it again and reports as MkDocs does
        return False
    finally:
        config._current_page = None
        logger.handlers, logger.propagate = saved
    page.content = content
    page.present_anchor_ids = page.present_anchor_ids | cut.ids
    for record in held.records:
        logging.getLogger(record.name).handle(record)
    return True


def _toc_ids(items) -> set[str]:
    found = set()
    for item in items:
        found.add(item.id)
        found |= _toc_ids(item.children)
    return found


def generated_content(file) -> bytes | str | None:
    """The content of a file a plugin generated (``File._content``), None for a file on disk."""
    return file._content


def describe(file) -> tuple[str, str, bool] | None:
    """A link look-up's answer as the render cache remembers it."""
    return None if file is None else (file.src_uri, file.url, file.inclusion.is_excluded())
