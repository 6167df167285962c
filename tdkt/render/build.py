"""Render the generated Markdown into the static site with MkDocs, strictly, in parallel, incrementally.

Input: ``mkdocs.yml`` (its ``docs_dir`` is the generated ``site_src/``), the output folder and an
optional cache folder. Output: the site, byte for byte what ``mkdocs build --strict`` writes for
the same ``site_src/`` (``tests/test_render.py`` compares the two), and ``RenderStats``.
Fails with ``RenderFailed`` carrying MkDocs' warnings; the previous site is then untouched.

How: MkDocs' own pipeline, driven step by step as ``mkdocs.commands.build.build`` drives it (load
the config, collect the files, build the nav), then every page goes through MkDocs' own
``_populate_page`` (Markdown → HTML) and ``_build_page`` (the theme's template) in ``jobs``
forked workers. A page's HTML depends only on its own Markdown, the files its links resolve to
and what every page shares (config, theme, nav, build date): report pages are not in the nav
(see README, "How it is built"). So each page's key is a hash of those, and a page whose key and
link look-ups are unchanged, and whose output file is exactly as the last build left it, is not
rendered again (``tdkt/render/cache.py``). Anchor validation, which needs every page's anchors,
runs once in the parent over fresh and remembered anchors alike; warnings remembered from reused
pages are replayed, so strict mode fails exactly when ``mkdocs build --strict`` would.

Where the result goes: MkDocs writes into a fresh temporary folder beside the output (mode 0755); the new
tree is swapped in with two renames once the whole build has succeeded (the first undone if the second
fails; ``tdkt/render/publish.py``). Without a usable previous build everything is written there and that
folder is the new tree; with one, only changed files are, and the new tree is either that folder with the
unchanged files of the previous site hard-linked beside them, or the *spare* (the tree the last swap
replaced, kept in the cache) made into the new site in place: the new files moved in, the unchanged ones
the site's own files, checked by inode. Files no longer built are not there. The folder's ownership marker
and the host files named by ``keep`` (``tdkt/engine/owned.py``) are carried over. A failed build leaves the
previous site as it was, file for file: nothing is written into it before the swap. Writes files.
"""
from __future__ import annotations

import calendar
import datetime as dt
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tdkt.engine.owned import DIR_MODE, MARKER
from tdkt.engine.fingerprint import digest, stat_sig
from tdkt.engine.pool import fork_map, in_worker
from tdkt.engine.progress import Silent
from tdkt.render import mkdocs_api, publish
from tdkt.render.mkdocs_api import Collected, describe
from tdkt.render.cache import (
    PageEntry, SiteState, files_key, forget_state, load_state, lookups_hold, page_key, save_state, site_key_of, source_digest,
)

PARALLEL_FROM = 48  # fewer pages than this are rendered in-process: forking costs more than it saves


class RenderFailed(RuntimeError):
    pass


class PartlyWritten(RenderFailed):
    """Updating an output folder in place (a mount point) failed midway: it holds new and old files."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderStats:
    pages: int
    rendered: int
    reused: int
    files_copied: int
    files_reused: int
    removed: int
    incremental: bool

    def summary(self) -> str:
        how = "cập nhật từng tệp" if self.incremental else "dựng mới toàn bộ"
        return (f"{self.pages} trang: {self.rendered} dựng lại, {self.reused} dùng lại; "
                f"{self.files_copied + self.files_reused} tệp tĩnh: {self.files_copied} chép, "
                f"{self.files_reused} giữ nguyên; {self.removed} xoá; {how}")


class _Collect(logging.Handler):
    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level=level)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))

    @property
    def messages(self) -> list[str]:
        return [f"{logging.getLevelName(level)}: {message}" for _, level, message in self.records]


class _RecordingFiles:
    """MkDocs' ``Files`` as a page's Markdown sees it, noting every link look-up and its answer."""

    def __init__(self, files) -> None:
        self._files = files
        self.lookups: dict[str, tuple[str, str, bool] | None] = {}

    def get_file_from_path(self, path: str):
        found = self._files.get_file_from_path(path)
        self.lookups[path] = describe(found)
        return found

    def __getattr__(self, name):
        return getattr(self._files, name)

    def __iter__(self):
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


# ------------------------------------------------------------------ rendering pages (parent or worker)

CHUNK = 24  # pages per message to a worker


def _render_chunk(shared: tuple, j: int) -> list[tuple[int, PageEntry]]:
    """Render the ``j``-th chunk of pages to render; their HTML goes into the site folder."""
    collected, chunks, keys, sources = shared
    logger = logging.getLogger("mkdocs")
    capture = _Collect()
    saved = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [capture], False
    out = []
    try:
        for i in chunks[j]:
            file = collected.doc_files[i]
            capture.records.clear()
            recording = _RecordingFiles(collected.files)
            collected.render_page(file, recording)
            cross = collected.own_anchor_links(file)
            out.append((i, PageEntry(
                key=keys[i], source=sources[i], dest=file.dest_uri, lookups=tuple(recording.lookups.items()),
                anchors=collected.anchors(file), links=cross, logs=tuple(capture.records),
                written=os.path.exists(file.abs_dest_path),
            )))
            if in_worker():  # the worker's copy: let the HTML go
                collected.forget_html(file)
    finally:
        logger.handlers, logger.propagate = saved
    return out


def _render_all(collected: Collected, todo: list[int], keys, sources, jobs: int, progress,
                parallel_from: int) -> dict[int, PageEntry]:
    """The pages at ``todo``, in forked workers from ``parallel_from`` pages (``tdkt/engine/pool.py``)."""
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    done: dict[int, PageEntry] = {}
    for batch in fork_map(_render_chunk, (collected, chunks, keys, sources), len(chunks), jobs=jobs, chunk=1,
                          parallel_from=max(1, -(-parallel_from // CHUNK))):
        done.update(batch)
        progress.advance(len(batch))
    return done


# ------------------------------------------------------------------ the build

def _place_static(file, staging: Path, docs_dir: str) -> None:
    """A static file into the new site: linked from ``site_src/`` (which the build only ever replaces,
    never edits in place), copied when it comes from elsewhere (the theme) or cannot be linked."""
    dest = staging / file.dest_uri
    dest.parent.mkdir(parents=True, exist_ok=True)
    content = mkdocs_api.generated_content(file)  # set only by plugins that generate files
    if content is not None:
        dest.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return
    if os.path.realpath(file.abs_src_path).startswith(os.path.realpath(docs_dir) + os.sep):
        try:
            os.link(file.abs_src_path, dest)
            return
        except OSError:
            pass
    shutil.copyfile(file.abs_src_path, dest)


def render_site(config_file: Path, out_dir: Path, docs_dir: Path | None = None,
                build_date: dt.date | None = None, *, site_url: str | None = None, cache_dir: Path | None = None,
                jobs: int = 2, keep: Iterable[str] = (),
                progress=None, parallel_from: int = PARALLEL_FROM) -> RenderStats:
    """Build the site into ``out_dir``; see the module docstring.

    ``build_date`` (the newest report's date) is what MkDocs writes as the build date (sitemap
    ``lastmod``), through SOURCE_DATE_EPOCH: the same data gives the same bytes on any day.
    ``site_url`` (the site's public address, ending in ``/``) replaces ``mkdocs.yml``'s: with it, every page
    has a canonical link, the sitemap lists every page, robots.txt names the sitemap and 404.html works under
    the address's path. ``cache_dir`` None: no memory of the last build (everything rendered, the site swapped whole).
    ``keep``: names of host files at the root of the previous site to carry over (CNAME, .nojekyll...).
    """
    mkdocs_api.check()
    progress = progress or Silent()
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    publish.clear_leftovers(out_dir)
    spare = publish.spare_path(cache_dir, out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    staging.chmod(DIR_MODE)  # mkdtemp makes it 0700: the web server must read the site
    keep = (MARKER, *keep)
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if build_date is not None:
        # held to what a gzip header holds (the sitemap's .gz): 0 to 2**32 - 1 seconds, 1970 to 2106
        os.environ["SOURCE_DATE_EPOCH"] = str(min(max(calendar.timegm(build_date.timetuple()), 0), 2**32 - 1))
    try:
        overrides = {"site_dir": str(staging), "strict": True}
        if site_url:
            overrides["site_url"] = site_url
        if docs_dir is not None:
            overrides["docs_dir"] = str(docs_dir.resolve())
        config = mkdocs_api.load_config(config_file, **overrides)
        counter = _Collect()  # as build() counts: warnings from here on fail a strict build
        logger.addHandler(counter)
        try:
            if len(config.plugins):  # plugins may keep state across pages: MkDocs' own build, whole
                mkdocs_api.build_whole(config)
                forget_state(cache_dir, out_dir)
                publish.link_unchanged(out_dir, staging, [n for n in publish.carried(out_dir, keep, set())
                                                            if not os.path.lexists(staging / n)])
                publish.keep_as_spare(_swap(staging, out_dir), None)
                publish.forget_spare(spare)
                return RenderStats(pages=0, rendered=0, reused=0, files_copied=0, files_reused=0, removed=0,
                                   incremental=False)
            state, stats = _build(config_file, config, overrides, out_dir, staging, cache_dir, jobs, progress,
                                  parallel_from, counter, keep, spare)
        finally:
            logger.removeHandler(counter)
    except PartlyWritten:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except (*mkdocs_api.errors(), OSError, RenderFailed) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        detail = "\n".join(handler.messages) or str(exc)
        raise RenderFailed(f"mkdocs build --strict failed; the previous site is untouched:\n{detail}") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(handler)
        if previous_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous_epoch
    save_state(cache_dir, out_dir, state)
    return stats


def _build(config_file, config, overrides, out_dir: Path, staging: Path, cache_dir, jobs, progress,
           parallel_from, counter, keep: tuple[str, ...], spare: Path | None) -> tuple[SiteState, RenderStats]:
    """MkDocs' ``build()`` step by step (see its source), with reuse; returns the new state and stats."""
    collected = Collected(config)
    files, doc_files = collected.files, collected.doc_files

    key_overrides = {k: v for k, v in overrides.items() if k != "site_dir"}
    site_key = site_key_of(config_file, config, collected.nav, key_overrides)
    previous = load_state(cache_dir, out_dir)
    now = time.time_ns()
    sources = [source_digest(f.abs_src_path, getattr(previous.pages.get(f.src_uri), "source", None), now)
               for f in doc_files]
    keys = [page_key(site_key, f.src_uri, src[1]) for f, src in zip(doc_files, sources)]
    these_files = files_key(site_key, files.src_uris)
    same_files = previous.files_key == these_files  # every remembered link look-up holds (cache.files_key)
    existing = publish.scan(out_dir) if previous.outputs and out_dir.is_dir() else None
    if existing is not None:
        existing = {dest: sig for dest, sig in existing.items() if dest not in keep}
    incremental = existing is not None

    def intact(dest: str) -> bool:
        return existing is not None and dest in previous.outputs and existing.get(dest) == previous.outputs[dest]

    resolved: dict[str, tuple[str, str, bool] | None] = {}

    def resolve(path: str) -> tuple[str, str, bool] | None:  # pages share most look-ups (their unit, year, ...)
        if path not in resolved:
            resolved[path] = describe(files.get_file_from_path(path))
        return resolved[path]

    entries: dict[int, PageEntry] = {}
    todo = []
    for i, file in enumerate(doc_files):
        old = previous.pages.get(file.src_uri)
        if (incremental and old is not None and previous.site_key == site_key and old.key == keys[i]
                and (intact(old.dest) if old.written else old.dest not in existing)
                and (same_files or lookups_hold(old, resolve))):
            entries[i] = old
        else:
            todo.append(i)

    progress.stage("trang", len(todo))
    entries.update(_render_all(collected, todo, keys, sources, jobs, progress, parallel_from))

    # warnings remembered or just made, in page order, as MkDocs would log them
    for i in range(len(doc_files)):
        for name, level, message in entries[i].logs:
            logging.getLogger(name).log(level, message)

    statics, copied, kept = {}, 0, 0
    static_files = collected.static_files()
    progress.stage("tệp tĩnh", len(static_files))
    for file in static_files:
        content = mkdocs_api.generated_content(file)
        sig = ("content", digest(content)) if content is not None else \
            ("stat", file.abs_src_path, stat_sig(os.stat(file.abs_src_path)))
        statics[file.dest_uri] = sig
        if previous.statics.get(file.dest_uri) == sig and intact(file.dest_uri):
            kept += 1
        else:
            _place_static(file, staging, config.docs_dir)
            copied += 1
        progress.advance()

    collected.build_templates()

    # anchors between pages: every page's anchors (fresh or remembered), MkDocs' own check
    collected.validate_cross_anchors({f.src_uri: entries[i].anchors for i, f in enumerate(doc_files)},
                                     {f.src_uri: entries[i].links for i, f in enumerate(doc_files)})
    if counter.records:
        counts: dict[str, int] = {}
        for _, level, _ in counter.records:
            counts[logging.getLevelName(level).lower()] = counts.get(logging.getLevelName(level).lower(), 0) + 1
        raise RenderFailed("Aborted with " + ", ".join(f"{n} {k}s" for k, n in counts.items()) + " in strict mode!")

    # the page files the new site holds, and every file of it
    wanted = {entries[i].dest for i in range(len(doc_files)) if entries[i].written}
    wanted.update(statics)
    written = set(publish.scan(staging))
    wanted.update(written)
    removed, target, in_place = 0, staging, None
    same = {}  # the files of the previous site the new one takes over: path → inode
    if incremental:  # the unchanged files of the previous site join the new ones; what is no longer built stays out
        same = {dest: existing[dest][0] for dest in set(existing) & wanted - written}
        removed = len(set(existing) - wanted)
    for name in publish.carried(out_dir, keep, written):
        same[name] = os.lstat(out_dir / name).st_ino
    looked = None
    if incremental and publish.usable(spare):
        try:
            looked = publish.look(spare, out_dir)
        except publish.NotUsable:
            spare = None  # left alone: the old tree is removed
        except OSError:
            pass
    if looked is not None:  # the spare made into the new site (publish.py)
        in_place = publish.fill_spare(spare, looked, staging, out_dir, written, same)
        target = spare
    else:
        publish.link_unchanged(out_dir, staging, same)
    forget_state(cache_dir, out_dir)  # a crash from here on means a full build next time
    old = _swap(target, out_dir)
    if target is not staging:
        shutil.rmtree(staging, ignore_errors=True)  # its files were moved into the spare: folders left
    if old is not None:
        publish.keep_as_spare(old, spare)
    elif target is staging:  # a tree swapped in where there was none (or a folder updated in place: no spare)
        publish.make_spare(out_dir, spare if os.path.isdir(out_dir) and not os.path.ismount(out_dir) else None)
    # every file's signature now: those the spare held as they were; a link changes a file's ctime, so the others,
    # and every file after linking, are looked at again (statics linked from site_src/ share its inode)
    if in_place is None:
        outputs = {dest: sig for dest, sig in publish.scan(out_dir).items() if dest not in keep}
    else:
        outputs = {dest: in_place[dest] if dest in in_place else stat_sig(os.lstat(out_dir / dest))
                   for dest in (*written, *same) if dest not in keep}
    for dest, sig in statics.items():
        if sig[0] == "stat" and (in_place is None or dest not in in_place):
            statics[dest] = ("stat", sig[1], stat_sig(os.stat(sig[1])))
    state = SiteState(site_key=site_key, files_key=these_files,
                      pages={f.src_uri: entries[i] for i, f in enumerate(doc_files)},
                      statics=statics, outputs=outputs)
    stats = RenderStats(pages=len(doc_files), rendered=len(todo), reused=len(doc_files) - len(todo),
                        files_copied=copied, files_reused=kept, removed=removed, incremental=incremental)
    return state, stats


def _swap(staging: Path, out_dir: Path) -> Path | None:
    """``publish.swap``: the previous tree renamed aside (returned), ``staging`` renamed in."""
    try:
        return publish.swap(staging, out_dir)
    except publish.Midway as failure:
        raise PartlyWritten(str(failure)) from failure.__cause__
