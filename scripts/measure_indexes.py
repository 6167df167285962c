"""The index pages' HTML sizes for an archive, as the site serves them.

    .venv/bin/python scripts/measure_indexes.py --data /tmp/s10k [--cache DIR] [--top 3]

Loads the archive (``--cache``: the catalogue's cache, as ``python build.py --cache``), makes the index pages
(home, ``/bao-cao/``, ``/don-vi/``, ``/nam/``, ``/phong-trao/`` and every page under the last three; not the report
pages), and renders the ``--top`` largest of each kind by Markdown size with MkDocs and Material exactly as
``mkdocs.yml`` and ``theme/`` say, in a folder of their own, not strict: the pages they link to are left out, so
MkDocs leaves those links as written (``../bao-cao/<id>/index.md`` is 9 bytes longer than the served
``../bao-cao/<id>/``): the sizes are upper bounds by that much per link. Prints each kind's page count and its
largest pages in bytes of HTML. ``index_pages`` is the one place that knows the code's index pages (the measurement
of the code before this work replaced it with that code's functions).
"""
from __future__ import annotations

import argparse
import logging
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = (("trang chủ", re.compile(r"^index\.md$")), ("/bao-cao/", re.compile(r"^bao-cao/index\.md$")),
         ("/don-vi/", re.compile(r"^don-vi/index\.md$")), ("trang đơn vị", re.compile(r"^don-vi/(?!index\.md).+")),
         ("/nam/", re.compile(r"^nam/index\.md$")), ("trang năm", re.compile(r"^nam/(?!index\.md).+")),
         ("/phong-trao/", re.compile(r"^phong-trao/index\.md$")),
         ("trang phong trào", re.compile(r"^phong-trao/(?!index\.md).+")))


def index_pages(catalog) -> dict[str, str]:
    from tdkt.site import paths
    from tdkt.site.exemplar_pages import by_report_and_unit
    from tdkt.site.indexes import (movement_pages, render_all_reports, render_movement_index, render_unit_index,
                                   render_year_index, unit_pages, year_pages)
    from tdkt.site.pages import render_home

    _, ex_by_unit = by_report_and_unit(catalog)
    pages = {paths.HOME: render_home(catalog), paths.REPORTS: render_all_reports(catalog),
             paths.UNITS: render_unit_index(catalog), paths.YEARS: render_year_index(catalog),
             paths.MOVEMENTS: render_movement_index(catalog)}
    for made in (unit_pages(catalog, ex_by_unit), year_pages(catalog), movement_pages(catalog)):
        pages.update(made)
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--top", type=int, default=3)
    args = parser.parse_args()

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from tdkt.cli import _load

    catalog, _ = _load(args.data, False, args.cache)
    pages = index_pages(catalog)
    chosen = {}
    for kind, pattern in KINDS:
        found = sorted((p for p in pages if pattern.match(p)), key=lambda p: -len(pages[p].encode("utf-8")))
        chosen[kind] = (len(found), found[:args.top])
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        docs, site = Path(tmp) / "docs", Path(tmp) / "site"
        for _, shown in chosen.values():
            for path in shown:
                (docs / path).parent.mkdir(parents=True, exist_ok=True)
                (docs / path).write_text(pages[path], encoding="utf-8")
        build(load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=False))
        print(f"{len(catalog.reports)} báo cáo, {len(pages)} trang chỉ mục")
        for kind, (count, shown) in chosen.items():
            for path in shown:
                served = path.removesuffix(".md").removesuffix("index")
                served = served if not served or served.endswith("/") else served + "/"
                size = (site / served / "index.html").stat().st_size
                print(f"  {kind:18} ({count:5} trang) {size / 1000:8.1f} KB  /{served}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
