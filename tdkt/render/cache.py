"""What the last successful render produced, so the next one re-renders only what changed.

Records (frozen): for each Markdown page, the key its HTML was made from (a hash of the page's
source path and bytes and of everything shared: the code and the libraries' versions (``fingerprint.code``), ``mkdocs.yml``,
the theme's files, the nav, the build date), the link look-ups it made (a page's HTML also depends
on which files its links resolve to, so a reused page is checked against today's files), its
anchors and links to other pages' anchors (for MkDocs' anchor validation), and the warnings it
logged (replayed, so strict mode fails a rebuild exactly as it failed the first build). For the
output folder, the ``os.stat`` signature of every file as written: a file that is not exactly as
we left it (edited, replaced, missing) is written again, so the cache never changes the result.

``load_state``/``save_state`` are the only functions that touch the state on disk (one entry per output
folder in the cache store ``render``, ``tdkt/engine/store.py``: damaged or foreign state is ignored, never
trusted, and a state that cannot be written costs a full render next time, never the build);
``site_key_of`` and ``source_digest`` read the inputs they fingerprint.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tdkt.engine.fingerprint import StatSig, code, digest, settled, stat_sig
from tdkt.engine.store import Store, dumps, loads, open_store

FORMAT = 5  # bump when the records or what a key covers change

# A link look-up: the path MkDocs asked for → (src_uri, url, excluded) of the file found, or None.
Lookup = tuple[str, tuple[str, str, bool] | None]
# A log record replayed on reuse: (logger name, level, message).
LogRecord = tuple[str, int, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class PageEntry:
    key: str
    source: tuple[StatSig, str]                # the Markdown file's stat signature and the digest of its bytes
    dest: str                                  # site-relative output path
    lookups: tuple[Lookup, ...]
    anchors: frozenset[str]
    links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # other page src_uri → ((anchor, link), ...)
    logs: tuple[LogRecord, ...]                # render, template and same-page anchor warnings
    written: bool                              # False when MkDocs skipped the page (empty output)


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteState:
    format: int = FORMAT
    site_key: str = ""
    files_key: str = ""                                             # ``files_key``: which files there were
    pages: dict[str, PageEntry] = field(default_factory=dict)      # src_uri → entry
    statics: dict[str, tuple] = field(default_factory=dict)         # dest → source signature
    outputs: dict[str, StatSig] = field(default_factory=dict)       # dest → stat of the file in the site



def page_key(site_key: str, src_uri: str, source_digest: str) -> str:
    """The key of one page's HTML: the shared site key, the page's path and its Markdown bytes' digest."""
    return digest(site_key, src_uri, source_digest)




def source_digest(path: str, known: tuple[StatSig, str] | None, now_ns: int) -> tuple[StatSig, str]:
    """``path``'s stat signature and the digest of its bytes, the latter remembered from ``known`` when the
    file is settled and its signature unchanged, read and hashed otherwise."""
    st = os.stat(path)
    sig = stat_sig(st)
    if known is not None and known[0] == sig and settled(st, now_ns):
        return known
    return sig, digest(Path(path).read_bytes())


# ------------------------------------------------------------------ the site key (what every page shares)

def _theme_fingerprint(config) -> str:
    """The theme's folders: every file's contents for the project's own ``custom_dir``; for installed
    themes (Material: 14,000 files, icons mostly) their folder, their version being in ``fingerprint.code()``."""
    custom = os.path.realpath(config.theme.custom_dir) if config.theme.custom_dir else None
    parts = []
    for folder in config.theme.dirs:
        if custom is not None and os.path.realpath(folder) == custom:
            for dirpath, dirnames, filenames in os.walk(folder):
                dirnames.sort()
                for name in sorted(filenames):
                    path = os.path.join(dirpath, name)
                    parts.append(digest(path[len(folder):], Path(path).read_bytes()))
        parts.append(f"dir:{folder}")
    return digest(*parts)


def _nav_fingerprint(items) -> str:
    """What the nav puts into every page: each item's kind, title, URL and (pages) front matter."""
    parts = []
    for item in items:
        meta = sorted((str(k), repr(v)) for k, v in (getattr(item, "meta", None) or {}).items())
        children = _nav_fingerprint(item.children) if item.children else ""
        parts.append(repr((type(item).__name__, item.title, getattr(item, "url", None), meta,
                           getattr(item, "is_index", None), children)))
    return digest(*parts)


def site_key_of(config_file: Path, config, nav, overrides: dict) -> str:
    """What every page's HTML shares: versions, ``mkdocs.yml`` and its overrides, the theme, the nav,
    the build date. Reads ``mkdocs.yml`` and the project's theme files."""
    from tdkt.render.mkdocs_api import build_datetime

    return digest(
        str(FORMAT), code(), Path(config_file).read_bytes(), repr(sorted(overrides.items())),
        _theme_fingerprint(config), _nav_fingerprint(nav.items), build_datetime().isoformat(),
    )


def files_key(site_key: str, src_uris) -> str:
    """Which files MkDocs collected (their paths: where each is and whether it is excluded follows from its path and
    the configuration, which the site key covers). A link look-up's answer depends on nothing else, so when this key
    is the last build's, every remembered look-up holds without being made again."""
    return digest(site_key, *sorted(src_uris))


def lookups_hold(entry: PageEntry, resolve) -> bool:
    """True if every link look-up of ``entry`` resolves today as it did (``resolve(path)`` → same tuple)."""
    return all(resolve(path) == found for path, found in entry.lookups)


def _store(cache_dir: Path | None) -> Store | None:
    return open_store(cache_dir, "render", FORMAT)


def _state_name(out_dir: Path) -> str:
    return f"site-{digest(str(out_dir))[:16]}.pickle"


def load_state(cache_dir: Path | None, out_dir: Path) -> SiteState:
    """The state saved for ``out_dir``, or an empty one (missing, damaged, foreign, another format)."""
    store = _store(cache_dir)
    data = None if store is None else store.read(_state_name(out_dir))
    state = None if data is None else loads(data)
    return state if isinstance(state, SiteState) and state.format == FORMAT else SiteState()


def forget_state(cache_dir: Path | None, out_dir: Path) -> None:
    """Drop the state of ``out_dir`` (before the site is changed: a crash then means a full build)."""
    store = _store(cache_dir)
    if store is not None:
        store.remove(_state_name(out_dir))


def save_state(cache_dir: Path | None, out_dir: Path, state: SiteState, keep: int = 8) -> None:
    """Remember the state (a write that fails costs a full render next time, never this build); keep only
    the ``keep`` most recently used output folders' states."""
    store = _store(cache_dir)
    if store is not None and store.write(_state_name(out_dir), dumps(state)):
        store.keep_newest(".pickle", keep)
