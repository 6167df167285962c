"""``Catalog`` → every page of the site: ``{docs-relative path: Markdown text or bytes}`` (or one by one).

The generated index pages are the navigation: home, all reports, units grouped by province,
years, movements, about (the index pages themselves are made in ``tdkt/site/indexes.py``). Report pages
stay out of the nav (see README, "Scale"). Lists are ordered in Python (Vietnamese collation, newest
first); templates only print. Pure.
"""
from __future__ import annotations

from collections.abc import Iterator

from tdkt.site import paths
from tdkt.site.award_page import render_award_page
from tdkt.site.exemplar_pages import (
    FEATURED_ON_HOME, by_report_and_unit, exemplar_list, published, render_exemplar_index, render_exemplar_page,
    report_years, reports_by_id,
)
from tdkt.site.indexes import (
    _reports_table, _split_news, by_movement, by_unit, by_year, movement_pages, render_all_reports,
    render_movement_index, render_unit_index, render_year_index, unit_pages, year_pages,
)
from tdkt.site.markdown import Context, escape, front_matter, link, table
from tdkt.model import Catalog, Exemplar, Report
from tdkt.engine.pool import fork_map
from tdkt.engine.sync import KEPT
from tdkt.site.present import report_label, report_order
from tdkt.site.page_memory import PageMemory
from tdkt.site.list_memory import ListMemory
from tdkt.site.cited import cited_reports, numbered, numbers_index, report_citations
from tdkt.site.report_page import render_ocr_page, render_original_page, render_report_page

LATEST_ON_HOME = 5


class DuplicatePage(RuntimeError):
    """Two records were given the same page: a bug in the slug scheme, never bad data."""


def _put(pages: dict, path: str, content) -> None:
    if path in pages:
        raise DuplicatePage(path)
    pages[path] = content


def render_home(catalog: Catalog) -> str:
    here = paths.HOME
    units, movements = by_unit(catalog), by_movement(catalog)
    years = [y for y in by_year(catalog) if y is not None]
    official, news = _split_news(list(catalog.reports))
    latest = sorted(official, key=report_order)[:LATEST_ON_HOME]
    counts = [
        (len(official), "báo cáo", paths.REPORTS),
        *([(len(news), "bài báo", paths.REPORTS)] if news else []),
        (len(units), "đơn vị", paths.UNITS),
        (len(years), "năm", paths.YEARS),
        (len(movements), "phong trào được nhắc đến", paths.MOVEMENTS),
    ]
    count_items = "\n".join(
        f'- <span class="tdkt-count">{n}</span> {link(label, paths.rel(here, target))}' for n, label, target in counts
    )
    return "\n".join([
        front_matter({"title": "Trang chủ", "hide": ["navigation", "toc"]}),
        "# Lưu trữ báo cáo thi đua, khen thưởng\n",
        "Kho lưu trữ công khai các báo cáo thi đua, khen thưởng của cơ quan, đơn vị nhà nước: đọc nguyên văn "
        "từng báo cáo, tra cứu theo đơn vị, năm và phong trào thi đua. Mỗi báo cáo giữ nguyên tệp gốc và "
        "ghi rõ nguồn, để người dân đọc được và cán bộ trích dẫn được.\n",
        '<div class="tdkt-counts" markdown="1">\n',
        count_items,
        "\n</div>\n",
        "## Báo cáo mới nhất\n",
        _reports_table(latest, here),
        *_featured(catalog, here),
        "## Tra cứu\n",
        f"- {link('Theo đơn vị', paths.rel(here, paths.UNITS))}: theo tỉnh, thành phố, với tên đơn vị "
        "đúng như ngày ban hành văn bản và đơn vị kế thừa sau ngày 01/7/2025.",
        f"- {link('Theo năm', paths.rel(here, paths.YEARS))}: "
        + ", ".join(link(str(y), paths.rel(here, paths.year(y))) for y in sorted(years, reverse=True)) + ".",
        f"- {link('Theo phong trào thi đua', paths.rel(here, paths.MOVEMENTS))}.",
        f"- {link('Tất cả báo cáo', paths.rel(here, paths.REPORTS))}.",
        f"- {link('Tra cứu khen thưởng', paths.rel(here, paths.AWARDS))}: ai được khen thưởng hình thức nào, "
        "cấp nào khen, năm nào, trong phong trào nào; tổng hợp và biểu đồ.",
        f"- {link('Điển hình tiên tiến', paths.rel(here, paths.EXEMPLARS))}: tập thể, cá nhân, mô hình được "
        "báo cáo nêu gương, kèm đoạn văn làm bằng chứng.",
        f"- {link('Dữ liệu mở', paths.rel(here, paths.DATA))}: siêu dữ liệu báo cáo và danh mục đơn vị dạng CSV, JSON.",
        f"- {link('Giới thiệu kho lưu trữ', paths.rel(here, paths.ABOUT))}: nguồn dữ liệu, cách đọc văn bản OCR.\n",
    ])


def _featured(catalog: Catalog, here: str) -> list[str]:
    shown = published(catalog)[:FEATURED_ON_HOME]
    if not shown:
        return []
    return ["## Điển hình tiên tiến\n", exemplar_list(shown, here),
            link("Xem tất cả điển hình tiên tiến", paths.rel(here, paths.EXEMPLARS)) + "\n"]


def render_about(catalog: Catalog, gazetteer_source: str) -> str:
    return "\n".join([
        front_matter({"title": "Giới thiệu"}),
        "# Giới thiệu\n",
        "Kho lưu trữ này số hoá các báo cáo thi đua, khen thưởng (báo cáo tổng kết, sơ kết, kế hoạch) của "
        "các cơ quan, đơn vị nhà nước và đưa lên mạng dưới dạng trang web tĩnh.\n",
        "## Cách đọc một báo cáo\n",
        "- **Bảng thông tin** đầu trang dùng các trường quen thuộc của cơ sở dữ liệu văn bản pháp luật: "
        "Số ký hiệu, Loại văn bản, Cơ quan ban hành, Ngày ban hành, Kỳ báo cáo, Kính gửi, Người ký, Chủ đề "
        "thi đua. Trường nào văn bản không ghi thì để trống, không suy đoán.",
        "- **Mỗi đoạn văn** có số và liên kết riêng (ký hiệu ¶) để trích dẫn chính xác.",
        "- **Nguồn gốc văn bản**: tên tệp gốc, mã băm SHA-256 của tệp, chất lượng văn bản, chữ ký số nếu có. "
        "Nguyên văn tệp gốc luôn có thể xem và tải về.",
        "- **Văn bản OCR**: một số báo cáo là kết quả nhận dạng chữ từ bản quét bằng mô hình tiếng Anh, "
        "nên mất dấu tiếng Việt. Trang báo cáo ghi rõ điều này.\n",
        "## Nguồn dữ liệu\n",
        f"- Danh mục đơn vị hành chính: gói Python `{escape(gazetteer_source)}` (giấy phép MIT), gồm mã đơn vị "
        "hành chính, bản đồ 63 tỉnh trước ngày 01/7/2025, 34 tỉnh từ ngày đó và bảng chuyển đổi.",
        "- Văn bản: các báo cáo do đơn vị ban hành; văn bản hành chính nhà nước không thuộc đối tượng bảo hộ "
        "quyền tác giả (Điều 15 Luật Sở hữu trí tuệ).\n",
        "## Phần mềm\n",
        "Trang web tĩnh dựng bằng MkDocs và Material for MkDocs (giấy phép MIT). Tìm kiếm chạy trong trình duyệt "
        "trên chỉ mục dựng sẵn, chấm điểm như lunr (giấy phép MIT); biểu đồ SVG tạo khi dựng trang.\n",
        "## Thuật ngữ\n",
        table(("Thuật ngữ", "Nghĩa"), [
            ("Thi đua", "hoạt động có tổ chức, tự nguyện phấn đấu đạt thành tích tốt nhất"),
            ("Khen thưởng", "ghi nhận, biểu dương, tôn vinh công trạng, thành tích"),
            ("Phong trào thi đua", "hoạt động thi đua có mục tiêu, nội dung và thời gian cụ thể"),
            ("Danh hiệu thi đua", "ghi nhận kết quả thi đua: Lao động tiên tiến, Chiến sĩ thi đua, Cờ thi đua…"),
            ("Hình thức khen thưởng", "Huân chương, Huy chương, Bằng khen, Giấy khen…"),
            ("Điển hình tiên tiến", "tập thể, cá nhân, mô hình tiêu biểu được nêu gương"),
            ("Đơn vị", "đơn vị hành chính (xã, huyện, tỉnh) ban hành hoặc được nói đến trong văn bản"),
        ]),
    ])


def render_search_page() -> str:
    """The search page: a form that works as a link without JavaScript, and the app's mount point."""
    return "\n".join([
        front_matter({"title": "Tìm kiếm", "template": "tim-kiem.html", "hide": ["toc"]}),
        "# Tìm kiếm\n",
        f'<div id="tdkt-search" data-index="{paths.SEARCH_INDEX}" data-root="../" markdown="0">',
        '<form class="tdkt-search-form" method="get" role="search">',
        '<label for="tdkt-q">Từ khoá (có dấu hoặc không dấu; đặt cụm từ trong "ngoặc kép")</label>',
        '<input id="tdkt-q" type="search" name="q" autocomplete="off" spellcheck="false">',
        '<button type="submit" class="md-button md-button--primary">Tìm</button>',
        "</form>",
        "<noscript><p class=\"tdkt-noscript\">Trang tìm kiếm cần JavaScript. Bạn vẫn có thể tra cứu "
        "<a href=\"../don-vi/\">theo đơn vị</a>, <a href=\"../nam/\">theo năm</a> hoặc "
        "<a href=\"../phong-trao/\">theo phong trào</a>.</p></noscript>",
        '<p class="tdkt-status" role="status" aria-live="polite"></p>',
        # the facets in a disclosure: shut on phones, so the results come first (tdkt-filters.js opens it on
        # wider screens, where the facets stand beside the results)
        '<div class="tdkt-search-body"><details class="tdkt-filters"><summary>Lọc kết quả</summary>'
        '<aside class="tdkt-facets" aria-label="Lọc kết quả"></aside></details>',
        '<div><div class="tdkt-none" hidden>',
        '<p class="tdkt-suggest" hidden>Có phải bạn muốn tìm: <a href="?q="></a>?</p>',
        "<p>Không có văn bản nào chứa đủ các từ đã nhập. Hãy thử bỏ bớt từ hoặc bộ lọc, kiểm tra chính tả, gõ "
        "không dấu, hoặc tra cứu <a href=\"../bao-cao/\">danh sách văn bản</a>, <a href=\"../don-vi/\">theo đơn "
        "vị</a>, <a href=\"../nam/\">theo năm</a>, <a href=\"../phong-trao/\">theo phong trào</a>, "
        "<a href=\"../khen-thuong/\">khen thưởng</a>.</p></div>",
        '<ol class="tdkt-results"></ol>',
        '<button type="button" class="tdkt-more md-button" hidden>Xem thêm kết quả</button></div></div>',
        "</div>\n",
    ])


def build_pages(catalog: Catalog, gazetteer_source: str) -> dict[str, str | bytes]:
    """Every page and published file of the site, keyed by docs-relative path."""
    pages: dict[str, str | bytes] = {}
    for path, content in iter_pages(catalog, gazetteer_source):
        _put(pages, path, content)
    return pages


def render_moved_page(r: Report, alias: str) -> str:
    """The page at a former id: the browser goes on to the report's page (``redirect``, theme/main.html); the
    link says where, for a reader without refresh."""
    here = paths.former(alias)
    return "\n".join([
        front_matter({"title": escape(f"Đã chuyển: {report_label(r)}", Context.HTML),
                      "redirect": escape(paths.url(here, paths.report(r)), Context.HTML)}),
        "# Văn bản đã chuyển sang địa chỉ mới\n",
        f"Địa chỉ này là của {escape(report_label(r))} trước khi mã của văn bản được sửa. Văn bản ở địa chỉ mới: "
        + link(escape(r.title or report_label(r)), paths.rel(here, paths.report(r))) + ".\n",
    ])


def _report_pages(shared: tuple, i: int) -> tuple[str, tuple, list[tuple[str, bytes]] | None]:
    """The pages of the catalogue's ``i``-th report (the report, its original, its OCR text, its former ids) in UTF-8
    (what a worker process sends back: bytes cost nothing to pickle, text must be re-encoded), with what
    ``memory`` (``tdkt/site/page_memory.py``) notes of them: (report id, note, pages), pages None when its files are
    still what the last build made of the same inputs."""
    catalog, ex_by_report, numbers, memory = shared
    r = catalog.reports[i]
    exemplars = ex_by_report.get(r.id, [])
    files = [paths.report(r), paths.original_page(r), *(paths.former(alias) for alias in r.aliases)]
    files += [paths.ocr_page(r)] if r.has_ocr else []
    key = memory.key(r, catalog, exemplars) if memory is not None else None
    cites = memory.citations(r, key) if memory is not None else None  # finding them costs ~5 ms a report
    if cites is not None:
        held = tuple((k, h.id) for k, h in cited_reports(r, cites, numbers).items())
        if memory.unchanged(r, key, held):
            return r.id, (key, cites, held, (*files, paths.original_file(r))), None
    docs = report_citations(r)
    cites = numbered(docs)
    held = tuple((k, h.id) for k, h in cited_reports(r, cites, numbers).items())
    note = (key, cites, held, (*files, paths.original_file(r)))
    out = [render_report_page(r, catalog, exemplars, numbers, docs), render_original_page(r)]
    out += [render_moved_page(r, alias) for alias in r.aliases]
    out += [render_ocr_page(r)] if r.has_ocr else []
    return r.id, note, [(path, text.encode("utf-8")) for path, text in zip(files, out)]


def iter_pages(catalog: Catalog, gazetteer_source: str, *, jobs: int = 1,
               memory: PageMemory | None = None, lists: ListMemory | None = None) -> Iterator[tuple[str, str | bytes]]:
    """``build_pages`` one page at a time (the build writes each as it comes, holding none of them);
    with ``jobs`` > 1 the report pages are made in that many forked processes (``tdkt/engine/pool.py``). With
    ``memory``, a report whose files are still what the last build made of the same inputs is not made again: its
    files come as ``KEPT`` (``tdkt/engine/sync.py``), and ``memory`` notes what this build made; with ``lists``, so
    for a unit's, a year's or a movement's pages (``tdkt/site/list_memory.py``)."""
    yield paths.HOME, render_home(catalog)
    yield paths.REPORTS, render_all_reports(catalog)
    yield paths.ABOUT, render_about(catalog, gazetteer_source)
    yield paths.SEARCH, render_search_page()
    ex_by_report, ex_by_unit = by_report_and_unit(catalog)
    shared = (catalog, ex_by_report, numbers_index(catalog), memory)
    for rid, note, pages in fork_map(_report_pages, shared, len(catalog.reports), jobs=jobs):
        if memory is not None and note[0] is not None:
            memory.note(rid, note, kept=pages is None)
        if pages is None:
            for path in note[3][:-1]:  # the last is the published original, which the caller yields
                yield path, KEPT
            continue
        for path, data in pages:
            yield path, data.decode("utf-8")
    yield paths.UNITS, render_unit_index(catalog)
    yield from unit_pages(catalog, ex_by_unit, lists)
    yield paths.YEARS, render_year_index(catalog)
    yield from year_pages(catalog, lists)
    yield paths.MOVEMENTS, render_movement_index(catalog)
    yield from movement_pages(catalog, lists)
    award_md, award_files = render_award_page(catalog)
    yield paths.AWARDS, award_md
    yield from award_files.items()
    yield paths.EXEMPLARS, render_exemplar_index(catalog)
    reports, years = reports_by_id(catalog), report_years(catalog)
    for e in published(catalog):
        yield paths.exemplar(e), render_exemplar_page(e, reports[e.report_id], catalog, years)


def original_files(catalog: Catalog) -> dict[str, str]:
    """docs-relative path of each published original → its path under the data root."""
    return {paths.original_file(r): r.source.path for r in catalog.reports}
