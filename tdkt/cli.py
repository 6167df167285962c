"""Command line: ``python build.py COMMAND [options]``, ``build`` when no command is named (``--help`` lists them).

- ``build`` (default): validate ``data/``, generate ``site_src/`` (only changed files rewritten),
  then ``mkdocs build --strict`` into ``site/`` (swapped in only on success).
- ``check``: validate ``data/`` only.
- ``serve``: generate, then preview with ``mkdocs serve`` (re-run after editing ``data/``).
- ``normalise FOLDER...``: re-derive ``text.txt`` and ``furniture.txt`` of report folders from
  their originals.
- ``ingest FILE... [--json] [--source URL]``: read .txt/.docx/.pdf/image files into new report folders of
  ``data/reports/`` (or print their text and metadata as JSON); exit 1 if any file was refused.
- ``restore``: read OCR text on standard input, print it with its marks restored, same lines.
- ``exemplars --propose``: write candidate exemplars (status ``proposed``) into ``data/exemplars/``
  for a person to confirm; it never publishes (``tdkt/ingest/exemplar_propose.py``).
- ``synth --reports N --out DIR [--seed S]``: write a synthetic archive of N reports made from the
  samples in ``--data`` (for benchmarks and scale tests; see ``tdkt/synth/archive.py``).

Exit status: 0 done; 1 the data has errors (all of them printed, compiler style) or the site
did not render; 2 the command line or the environment is wrong.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tdkt.site import paths
from tdkt.catalog.load import load_catalog
from tdkt.site.exports import export_files, render_data_page
from tdkt.site.hosting import host_files
from tdkt.catalog.gazetteer import GazetteerMissing, load_gazetteer
from tdkt.ingest.folders import ingest_files, renormalise
from tdkt.model import Catalog, TextMissing
from tdkt.site.pages import iter_pages, original_files
from tdkt.problems import Problems, printable
from tdkt.engine.progress import Progress
from tdkt.render.build import RenderFailed, render_site
from tdkt.render.mkdocs_api import RendererMismatch
from tdkt.search.index import search_files
from tdkt.engine.sync import KEPT, SyncStats, sync_tree
from tdkt.site.page_memory import PageMemory, open_memory
from tdkt.site.list_memory import ListMemory, open_lists
from tdkt.site.row_memory import RowMemory, open_rows
from tdkt.engine import owned

ROOT = Path(__file__).resolve().parent.parent
VOCAB = ROOT / "data" / "vocab"  # the vocabularies a new archive starts with (the project's own)
SITE_URL_ENV = "TDKT_SITE_URL"  # the site's address, when --site-url does not give it


COMMANDS = ("build", "check", "serve", "normalise", "ingest", "synth", "restore", "exemplars", "review", "units", "new")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python build.py", description="Lưu trữ báo cáo thi đua, khen thưởng")
    commands = p.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, text: str, *, data=True, site=False) -> argparse.ArgumentParser:
        c = commands.add_parser(name, help=text, description=text)
        if data:
            c.add_argument("--data", type=Path, default=ROOT / "data",
                           help="the archive's data folder (default: data/)")
        if site:
            c.add_argument("--out", type=Path, default=ROOT / "site", help="where the site is built (default: site/)")
            c.add_argument("--docs", type=Path, default=ROOT / "site_src",
                           help="where the generated Markdown goes (default: site_src/)")
            c.add_argument("--site-url", default=os.environ.get(SITE_URL_ENV) or None, metavar="URL",
                           help=f"the site's public address, e.g. https://example.org/kho/ (default: ${SITE_URL_ENV}, "
                                "else mkdocs.yml's site_url; without it there is no sitemap, canonical link or "
                                "404 page under a sub-path)")
            c.add_argument("--keep", action="append", default=[], metavar="NAME",
                           help=f"a host file at the root of --out to keep across builds, besides "
                                f"{', '.join(owned.KEPT)} (repeatable)")
        if name == "build":
            c.add_argument("--cluster", metavar="ADDRESS",
                           help="send the per-report work as tasks to a Dask cluster: local (one started here, "
                                "--workers processes) or a scheduler's address, tcp://HOST:8786, whose workers see "
                                "the same folders (a shared file system); see README, Scale")
            c.add_argument("--workers", type=int, metavar="N",
                           help="the local cluster's worker processes (default: one per core)")
        if site or name == "check":
            c.add_argument("--strict", action="store_true", help="treat warnings (e.g. unknown keys) as errors")
            c.add_argument("--cache", type=Path, default=ROOT / ".cache",
                           help="what the last build made, to redo only what changed (default: .cache/; delete it freely)")
        c.set_defaults(folders=[], json=False, propose=False)
        return c

    command("build", "validate data/, generate site_src/, render the site (the default command)", site=True)
    command("check", "validate data/ only")
    command("serve", "generate, then preview with mkdocs serve", site=True)
    c = command("normalise", "re-derive text.txt and furniture.txt of report folders from their originals", data=False)
    c.add_argument("folders", nargs="*", type=Path, help="report folders")
    c = command("ingest", "read .txt/.docx/.pdf/image files into new report folders of data/reports/")
    c.add_argument("folders", nargs="*", type=Path, metavar="FILE", help="files to ingest")
    c.add_argument("--json", action="store_true", help="print the text and metadata as JSON, write nothing")
    c.add_argument("--source", default="", metavar="URL",
                   help="the web page the files were taken from: kept in report.yml, and it helps find the unit")
    command("restore", "OCR text on standard input → the same lines with the Vietnamese marks restored", data=False)
    c = command("review", "list every draft report and what it needs; --done ID marks a completed draft reviewed")
    c.add_argument("folders", nargs="*", metavar="ID", help="only these reports")
    c.add_argument("--done", metavar="ID", help="mark this draft reviewed (after checking every field)")
    c = command("units", "find a unit's id from its name as people write it (\"Vạn Thắng, Nông Cống\")", data=False)
    c.add_argument("folders", nargs="+", metavar="NAME", help="the name, e.g. \"xã Vạn Thắng\", \"TT Hà Trung\"")
    c = command("new", "create an empty archive (reports/, exemplars/, vocab/) ready for ingest", data=False)
    c.add_argument("folders", nargs=1, type=Path, metavar="FOLDER", help="the new archive's folder")
    c = command("exemplars", "write candidate exemplars (status proposed) into data/exemplars/")
    c.add_argument("--propose", action="store_true", help="write candidates for a person to confirm")
    c.add_argument("--cache", type=Path, default=ROOT / ".cache", help=argparse.SUPPRESS)
    c.set_defaults(strict=False)
    c = command("synth", "write a synthetic archive made from the samples in --data (benchmarks, scale tests)")
    c.add_argument("--reports", type=int, help="how many reports to write into --out (the archive folder)")
    c.add_argument("--out", type=Path, default=ROOT / "site", help="the new archive's folder")
    c.add_argument("--seed", type=int, default=1, help="the random seed (default: 1)")
    return p


def parse(argv: list[str]) -> argparse.Namespace:
    """The command line, ``build`` when it names no command (``python build.py --out /tmp/site``)."""
    if not argv or (argv[0] not in COMMANDS and argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]
    return _parser().parse_args(argv)


def _load(data: Path, strict: bool, cache: Path | None = None) -> tuple[Catalog | None, str]:
    problems = Problems()
    gazetteer = load_gazetteer()
    catalog = load_catalog(data, gazetteer, problems, cache_dir=cache, jobs=os.cpu_count() or 1)
    if len(problems):
        print(problems.report(), file=sys.stderr)
    if problems.has_errors(strict=strict):
        return None, gazetteer.source
    return catalog, gazetteer.source


def _site_files(catalog: Catalog, gazetteer_source: str, data: Path, cache: Path | None,
                site_url: str | None = None, memory: PageMemory | None = None,
                lists: ListMemory | None = None, rows: RowMemory | None = None) -> Iterator[tuple[str, bytes]]:
    """Every file of ``site_src/``, one at a time: pages, originals, search index, open data, host configuration;
    with ``memory``, a report's files still as the last build made them come as ``KEPT``."""
    for path, content in iter_pages(catalog, gazetteer_source, jobs=os.cpu_count() or 1, memory=memory, lists=lists):
        yield path, content.encode("utf-8") if isinstance(content, str) else content
    for path, source in original_files(catalog).items():
        yield path, KEPT if memory is not None and path in memory.kept_files else (data / source).read_bytes()
    yield from search_files(catalog, cache_dir=None if cache is None else cache / "search")
    yield from export_files(catalog, site_url, rows).items()
    yield paths.DATA, render_data_page(catalog, site_url).encode("utf-8")
    yield from host_files(catalog, site_url).items()


def _generate(catalog: Catalog, gazetteer_source: str, data: Path, docs: Path, cache: Path | None = None,
              site_url: str | None = None) -> tuple[SyncStats, str]:
    """``site_src/`` written; what the memories of report pages and list pages spared (or "" without a cache)."""
    memory, lists = open_memory(cache, docs, gazetteer_source), open_lists(cache, docs, gazetteer_source)
    rows = open_rows(cache, docs)
    stats = sync_tree(docs, _site_files(catalog, gazetteer_source, data, cache, site_url, memory, lists, rows))
    for remembered in (memory, lists, rows):
        if remembered is not None:
            remembered.save()
    return stats, "; ".join(m.summary() for m in (memory, lists) if m is not None)


def _normalise(folders: list[Path]) -> int:
    if not folders:
        print("error: name the report folders to normalise, e.g. data/reports/*/", file=sys.stderr)
        return 2
    problems = Problems()
    done = sum(renormalise(folder, problems) for folder in folders)
    if len(problems):
        print(problems.report(), file=sys.stderr)
    print(f"Đã chuẩn hoá {done}/{len(folders)} báo cáo.")
    return 1 if problems.has_errors() else 0


def _ingest(files: list[Path], data: Path, as_json: bool, source: str = "") -> int:
    if not files:
        print("error: name the files to ingest, e.g. python build.py ingest bao-cao.docx", file=sys.stderr)
        return 2
    if not (data / "vocab").is_dir():  # a new archive: it starts with the project's vocabularies
        import shutil

        shutil.copytree(VOCAB, data / "vocab")
        (data / "reports").mkdir(exist_ok=True)
        print(f"{data}/vocab/: chép danh mục của dự án vào kho mới.", file=sys.stderr)
    try:
        gazetteer = load_gazetteer()
    except GazetteerMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return ingest_files(files, data, gazetteer, as_json=as_json, source=source)


def _synth(args: argparse.Namespace) -> int:
    from tdkt.synth.archive import SynthRefused, write_archive

    if args.reports is None or args.reports < 1 or args.out == ROOT / "site":
        print("error: write e.g. python build.py synth --reports 1000 --out /tmp/archive [--seed 1]", file=sys.stderr)
        return 2
    if not (args.data / "vocab").is_dir() or not (args.data / "reports").is_dir():
        print(f"error: the sample archive {args.data} has no vocab/ or reports/ folder", file=sys.stderr)
        return 2
    started = time.monotonic()
    try:
        stats = write_archive(args.out, args.reports, args.seed, args.data, load_gazetteer())
    except (GazetteerMissing, SynthRefused) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Đã tạo {stats['reports']} báo cáo tổng hợp ({stats['ocr']} OCR, {stats['bytes'] / 2**20:.1f} MB) "
          f"vào {args.out} trong {time.monotonic() - started:.1f} giây (seed {args.seed}).")
    return 0


def _propose_exemplars(catalog: Catalog, args: argparse.Namespace) -> int:
    """Write each new candidate to data/exemplars/<id>.yml (status proposed); never overwrite a file."""
    from tdkt.ingest.exemplar_propose import propose
    from tdkt.catalog.exemplar_records import FOLDER, exemplar_yaml

    if not args.propose:
        print("error: write python build.py exemplars --propose", file=sys.stderr)
        return 2
    folder = args.data / FOLDER
    taken = {p.stem for p in folder.glob("*.yml")} if folder.is_dir() else set()
    candidates = propose(catalog, catalog.exemplars, taken)
    folder.mkdir(exist_ok=True)
    for c in candidates:
        path = folder / f"{c.exemplar.id}.yml"
        with path.open("x", encoding="utf-8") as f:  # "x": an existing file is never replaced
            f.write(exemplar_yaml(c.exemplar, why="Đề xuất của máy: " + c.why))
        print(f"{FOLDER}/{path.name}: {c.why}")
    print(f"Đã đề xuất {len(candidates)} điển hình (trạng thái proposed): kiểm tra từng tệp với văn bản, "
          "sửa nếu cần, rồi đổi status thành published để công bố.")
    return 0


def _units(query: str) -> int:
    """Every unit the name may be, best first: id, full name and parents, validity, successor."""
    from tdkt.catalog.lookup import describe, find_units

    gazetteer = load_gazetteer()
    found = find_units(query, gazetteer)
    for u in found:
        print(describe(u, gazetteer))
    if not found:
        print(f"Không tìm thấy đơn vị nào tên {query!r}. Thử bỏ cấp (xã, huyện) hoặc thêm tên huyện, tỉnh sau "
              "dấu phẩy: \"Vạn Thắng, Nông Cống\".", file=sys.stderr)
        return 1
    return 0


def _new(folder: Path) -> int:
    """An empty archive: reports/, exemplars/ and a copy of the project's vocabularies."""
    import shutil

    if folder.exists() and any(folder.iterdir()):
        print(f"lỗi: {folder} đã có tệp; hãy chọn một thư mục mới (không ghi đè gì).", file=sys.stderr)
        return 2
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    (folder / "exemplars").mkdir(exist_ok=True)
    shutil.copytree(VOCAB, folder / "vocab")
    print(f"Đã tạo kho mới {folder}: reports/, exemplars/, vocab/ (danh mục phong trào, hình thức khen thưởng, loại "
          f"văn bản). Tiếp theo: python build.py ingest --data {folder} TỆP…")
    return 0


def _review(args: argparse.Namespace) -> int:
    """Every draft and what it needs, compiler style; ``--done ID`` marks a completed draft reviewed."""
    from tdkt.catalog.review import drafts_report, mark_reviewed

    if not args.data.is_dir():
        print(f"lỗi: thư mục dữ liệu {args.data} không tồn tại", file=sys.stderr)
        return 2
    gazetteer = load_gazetteer()
    if args.done:
        ok, message = mark_reviewed(args.data, args.done, gazetteer)
        print(message, file=sys.stdout if ok else sys.stderr)
        return 0 if ok else 1
    text, count, problems = drafts_report(args.data, gazetteer, set(args.folders))
    if problems.has_errors():  # a report with an error is not in the list: say which, as build would
        print(problems.report(), file=sys.stderr)
    print(text)
    return 1 if problems.has_errors() else 0


def _restore() -> int:
    """Standard input → the same lines with the Vietnamese marks restored → standard output."""
    from tdkt.text.restore import restore

    sys.stdout.write(restore(sys.stdin.read()))
    return 0


def site_address(url: str) -> str | None:
    """The site's address as MkDocs' ``site_url`` takes it (ending in ``/``), or None if it is not an http(s)
    address with a host (no query, no fragment)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or any(c.isspace() for c in url.strip()):
        return None
    return url.strip() if url.strip().endswith("/") else url.strip() + "/"


def newest_date(catalog: Catalog) -> dt.date:
    """The latest date any report states (its issue date, else 1 January of its year)."""
    dates = [r.issued.as_date() if r.issued else dt.date(r.year, 1, 1) for r in catalog.reports if r.year]
    return max(dates, default=dt.date(2000, 1, 1))


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit status. A reader that closes our output early (``| head``) ends the run
    quietly, as ``cat`` would."""
    try:
        try:
            args = parse(sys.argv[1:] if argv is None else list(argv))
        except SystemExit as exc:  # argparse has printed why
            return exc.code if isinstance(exc.code, int) else 2
        args.locks = []  # the output folders this run holds (owned.lock), let go when it ends
        try:
            if getattr(args, "cluster", None):  # the per-report work as tasks on a Dask cluster
                from tdkt.cluster import build_on_cluster

                return build_on_cluster(args, _run, ROOT)
            return _run(args)
        finally:
            for fd in args.locks:
                os.close(fd)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more can reach the reader; nor may the exit's flush fail
        return 1
    except OSError as exc:  # the machine, not the data: a full disk, a read-only or missing folder (one line)
        where = f" {exc.filename}" if exc.filename else ""
        print(printable(f"error:{where}: {exc.strerror or exc}. The published site was not changed (it is replaced only "
                        "once the new one is whole). Fix: check that folder (free space, permissions, a read-only "
                        "disk), or choose another with --out, --docs or --cache"), file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    if args.command == "normalise":
        return _normalise(args.folders)
    if args.command == "ingest":
        return _ingest(args.folders, args.data, args.json, args.source)
    if args.command == "restore":
        return _restore()
    if args.command == "units":
        return _units(" ".join(args.folders))
    if args.command == "new":
        return _new(args.folders[0])
    if args.command == "review":
        return _review(args)
    if args.command == "synth":
        return _synth(args)
    if not args.data.is_dir():
        print(f"error: the data folder {args.data} does not exist", file=sys.stderr)
        return 2
    if args.command in ("build", "serve"):
        if args.site_url:
            args.site_url = site_address(args.site_url)
            if args.site_url is None:
                print(f"error: the site's address (--site-url or ${SITE_URL_ENV}) is not an http(s) address. "
                      "Fix: write it in full, e.g. https://example.org/kho/", file=sys.stderr)
                return 2
        else:
            from tdkt.render.mkdocs_api import configured_site_url

            args.site_url = configured_site_url(ROOT / "mkdocs.yml")
        try:
            args.keep = [*owned.KEPT, *owned.check_keep(args.keep)]
            _claim_folders(args, create=False)  # refused at once; created once the data is known good
        except owned.NotOurs as exc:
            print(f"error[O001] {exc}", file=sys.stderr)
            return 2
    progress = Progress()
    made = _load_and_generate(args, progress)
    if isinstance(made, int):
        return made
    if args.command == "serve":
        from tdkt.render.mkdocs_api import serve

        serve(ROOT / "mkdocs.yml", args.docs)
        return 0
    # the catalogue is gone with _load_and_generate's frame: the render workers fork from a small process
    try:
        rendered = render_site(ROOT / "mkdocs.yml", args.out, docs_dir=args.docs, build_date=made.build_date,
                               site_url=args.site_url, cache_dir=args.cache, jobs=os.cpu_count() or 1, keep=args.keep,
                               progress=progress)
    except RendererMismatch as exc:
        progress.finish()
        print(str(exc), file=sys.stderr)
        return 2
    except RenderFailed as exc:
        progress.finish()
        print(str(exc), file=sys.stderr)
        return 1
    progress.finish()
    elapsed = time.monotonic() - started
    print(f"Đã dựng {made.reports} báo cáo, {made.units} đơn vị vào {args.out} "
          f"trong {elapsed:.1f} giây ({made.stats.summary()}).")
    print(f"Tóm tắt: {made.reports} báo cáo, {elapsed:.1f} giây (đọc dữ liệu {made.load_s:.1f}, "
          f"tạo site_src/ {made.generate_s:.1f}, dựng trang {elapsed - made.load_s - made.generate_s:.1f}); "
          f"site_src/: {made.stats.summary()}{made.remembered}; site: {rendered.summary()}.", file=sys.stderr)
    return 0


def _claim_folders(args: argparse.Namespace, create: bool) -> None:
    """The folders the build writes (``--docs``; ``--out`` but for serve), held to ``tdkt/engine/owned.py``'s rule
    before anything is written: both are checked, then (``create``) both created and marked. ``owned.NotOurs`` if one
    is not the build's to write."""
    folders = [("--docs", args.docs, ("--out", args.out))]
    if args.command == "build":
        folders.insert(0, ("--out", args.out, ("--docs", args.docs)))
    never = [("the repository", ROOT), ("the data folder", args.data), ("the current directory", Path.cwd()),
             ("the cache folder --cache", args.cache)]
    rules = []
    for option, folder, (other_option, other) in folders:
        rules.append((folder, option, dict(protected=[*never, (f"the folder of {other_option}", other)],
                                           outside=[("the data folder", args.data),
                                                    (f"the folder of {other_option}", other)])))
    for folder, option, kw in rules:
        owned.check(folder, option, **kw)
    for folder, option, kw in rules:
        if create:
            args.locks.append(owned.lock(owned.claim(folder, option, **kw), option))  # held until main returns


@dataclass(frozen=True, slots=True)
class _Generated:
    """What the render step needs to know of the catalogue once ``site_src/`` is written."""

    reports: int
    units: int
    build_date: dt.date
    stats: SyncStats
    load_s: float
    generate_s: float
    remembered: str = ""  # what the page memory spared ("; trang báo cáo: …"), or nothing


def _load_and_generate(args: argparse.Namespace, progress: Progress) -> _Generated | int:
    """Load and check ``data/``, then (build, serve) write ``site_src/``; an exit status when the run ends here."""
    started = time.monotonic()
    try:
        catalog, source = _load(args.data, args.strict, args.cache)
    except GazetteerMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if catalog is None:
        print("Dữ liệu có lỗi: chưa tạo trang nào; trang web cũ giữ nguyên.", file=sys.stderr)
        return 1
    if args.command == "check":
        print(f"Dữ liệu hợp lệ: {len(catalog.reports)} báo cáo.")
        return 0
    if args.command == "exemplars":
        return _propose_exemplars(catalog, args)
    try:
        _claim_folders(args, create=True)  # checked before loading; checked again now that they are made
    except owned.NotOurs as exc:
        print(f"error[O001] {exc}", file=sys.stderr)
        return 2
    loaded = time.monotonic()
    progress.stage("tạo site_src/ (trang, chỉ mục tìm kiếm, dữ liệu mở)")
    gc.freeze()  # the catalogue lives until site_src/ is written: collections need not rescan its objects
    try:
        stats, spared = _generate(catalog, source, args.data, args.docs, args.cache, getattr(args, "site_url", None))
    except TextMissing as exc:  # the archive changed under the build
        print(f"error: {exc}. Trang web cũ giữ nguyên.", file=sys.stderr)
        return 1
    finally:
        gc.unfreeze()
    return _Generated(reports=len(catalog.reports), units=len(catalog.units), build_date=newest_date(catalog),
                      stats=stats, load_s=loaded - started, generate_s=time.monotonic() - loaded,
                      remembered=f"; {spared}" if spared else "")
