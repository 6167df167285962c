"""Render the generated Markdown into the static site with MkDocs, strictly, then swap it in.

Input: ``mkdocs.yml`` (its ``docs_dir`` is the generated ``site_src/``) and the output folder.
Effect: ``mkdocs build --strict`` into a fresh temporary folder beside the output; only if it
succeeds is the old site replaced (two renames), so a failed build leaves the previous site
untouched. Fails with ``RenderFailed`` carrying MkDocs' warnings. Writes files.
"""
from __future__ import annotations

import calendar
import datetime as dt
import logging
import os
import shutil
import tempfile
from pathlib import Path


class RenderFailed(RuntimeError):
    pass


def lunr_js() -> bytes:
    """lunr.js 2.3.9 (MIT, Oliver Nightingale) as MkDocs ships it: the browser half of the search."""
    import importlib.util

    spec = importlib.util.find_spec("mkdocs")
    folder = Path(list(spec.submodule_search_locations)[0])
    return (folder / "contrib" / "search" / "templates" / "search" / "lunr.js").read_bytes()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def render_site(config_file: Path, out_dir: Path, docs_dir: Path | None = None,
                build_date: dt.date | None = None) -> None:
    """Build the site into ``out_dir`` (replaced only on success).

    ``build_date`` (the newest report's date) is what MkDocs writes as the build date (sitemap
    ``lastmod``), through SOURCE_DATE_EPOCH: the same data gives the same bytes on any day.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if build_date is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(build_date.timetuple()))
    try:
        overrides = {"site_dir": str(tmp), "strict": True}
        if docs_dir is not None:
            overrides["docs_dir"] = str(docs_dir.resolve())
        config = load_config(str(config_file), **overrides)
        build(config)
    except (MkDocsException, SystemExit, OSError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        detail = "\n".join(handler.messages) or str(exc)
        raise RenderFailed(f"mkdocs build --strict failed; the previous site is untouched:\n{detail}") from exc
    finally:
        logger.removeHandler(handler)
        if previous_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous_epoch
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        out_dir.rename(old)
    tmp.rename(out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
