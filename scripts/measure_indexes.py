"""The index pages' HTML sizes for an archive, as the site serves them.

    .venv/bin/python scripts/measure_indexes.py --data /tmp/s10k [--top 12]

Loads the archive, generates every page (``tdkt.site.pages.iter_pages``), keeps the index pages (home,
``/bao-cao/``, ``/don-vi/``, ``/nam/``, ``/phong-trao/`` and every page under the last three) and renders them with
MkDocs and Material exactly as ``mkdocs.yml`` and ``theme/`` say, in a folder of their own, not strict: the report
pages are left out (rendering 27,000 of them is what makes a full build take minutes), so MkDocs leaves the links to
them as written (``../bao-cao/<id>/index.md``: 9 bytes longer than the served ``../bao-cao/<id>/``); the sizes are
upper bounds by that much per link. Prints the largest pages, and the largest of each kind, in bytes of HTML.
Runs against the code of the tree it sits in (copy it into an older checkout to measure that).
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

INDEX = re.compile(r"^(index\.md|bao-cao/index\.md|(don-vi|nam|phong-trao)/.*\.md)$")
KINDS = (("trang chủ", re.compile(r"^index\.html$")), ("/bao-cao/", re.compile(r"^bao-cao/index\.html$")),
         ("/don-vi/", re.compile(r"^don-vi/index\.html$")), ("trang đơn vị", re.compile(r"^don-vi/.+/index\.html$")),
         ("/nam/", re.compile(r"^nam/index\.html$")), ("trang năm", re.compile(r"^nam/.+/index\.html$")),
         ("/phong-trao/", re.compile(r"^phong-trao/index\.html$")),
         ("trang phong trào", re.compile(r"^phong-trao/.+/index\.html$")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from tdkt.catalog.gazetteer import load_gazetteer
    from tdkt.catalog.load import load_catalog
    from tdkt.problems import Problems
    from tdkt.site.pages import iter_pages

    gazetteer = load_gazetteer()
    catalog = load_catalog(args.data, gazetteer, Problems())
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        docs, site = Path(tmp) / "docs", Path(tmp) / "site"
        kept = 0
        for path, content in iter_pages(catalog, gazetteer.source, jobs=2):
            if INDEX.match(path):
                (docs / path).parent.mkdir(parents=True, exist_ok=True)
                (docs / path).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
                kept += 1
        build(load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=False))
        sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("index.html")}
    print(f"{len(catalog.reports)} báo cáo, {kept} trang chỉ mục")
    print("trang lớn nhất:")
    for path, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"  {size / 1000:8.1f} KB  /{path.removesuffix('index.html')}")
    print("lớn nhất theo loại:")
    for kind, pattern in KINDS:
        found = [(s, p) for p, s in sizes.items() if pattern.match(p)]
        if found:
            size, path = max(found)
            print(f"  {kind:18} {size / 1000:8.1f} KB  /{path.removesuffix('index.html')}  ({len(found)} trang)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
