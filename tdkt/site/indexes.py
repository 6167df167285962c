"""The index pages: all reports, units by province, years, movements; every long list in pages of ``PER_PAGE``.

Each list of reports shows official documents first and news articles apart under their own heading (never
counted as documents), newest first. A list longer than ``PER_PAGE`` continues on ``…/trang-2/``,
``…/trang-3/`` (``paths.page``), every page linking to every other, so no report is more than one click from
its list's first page and no page grows with the archive: ``/bao-cao/`` is an index by year and by province,
``/don-vi/`` lists provinces (each province's page lists its units), a year, unit or movement page lists
``PER_PAGE`` reports a page. Where a unit of the map before 1 July 2025 and one from that date share a name
in a list (Tỉnh An Giang), both carry their dates (``present.dated_name``). Pure: records in, Markdown out.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from tdkt.engine.sync import KEPT
from tdkt.site import paths
from tdkt.site.exemplar_pages import exemplar_list
from tdkt.site.list_memory import ListMemory
from tdkt.site.markdown import Context, escape, front_matter, link, table
from tdkt.model import Catalog, Era, Exemplar, Level, Movement, Report, Unit
from tdkt.site.present import (CENTRAL, by_name, date_of, date_vn, dated_name, missing, parents, report_label,
                               report_order, successors, twice_named, unit_chain)
from tdkt.text.collate import sort_key

PER_PAGE = 100  # reports a list page shows: ~30 KB of HTML beside the theme's ~60 KB
LATEST_ON_REPORTS = 20

NEWS_HEADING = "Bài báo về kết quả thi đua, khen thưởng"
NEWS_NOTE = ("*Bài báo do báo, cổng thông tin đăng, không phải văn bản của cơ quan ban hành: được lưu để tham khảo, "
             "tách riêng khỏi văn bản chính thức và không tính vào số văn bản.*\n")
ERA_HEADINGS = {Era.BEFORE_2025: "Theo địa giới hành chính trước ngày 01/7/2025",
                Era.FROM_2025: "Theo địa giới hành chính từ ngày 01/7/2025"}
ERA_KICKER = {Era.BEFORE_2025: "Tỉnh, thành phố theo địa giới hành chính trước ngày 01/7/2025",
              Era.FROM_2025: "Tỉnh, thành phố theo địa giới hành chính từ ngày 01/7/2025"}


def number(n: int) -> str:
    """``10.000``: Vietnamese thousands."""
    return f"{n:,}".replace(",", ".")


def _split_news(reports: list[Report]) -> tuple[list[Report], list[Report]]:
    """Official documents, and news articles about results (kept apart in every list and count)."""
    return [r for r in reports if not r.doc_type.news], [r for r in reports if r.doc_type.news]


def _count(reports: list[Report]) -> str:
    """How many official documents, and the news articles beside them: "3", "3 (+1 bài báo)"."""
    official, news = _split_news(reports)
    return f"{number(len(official))}" + (f" (+{number(len(news))} bài báo)" if news else "")


def _reports_table(reports: list[Report], here: str, *, show_unit: bool = True, ordered: bool = False) -> str:
    """``ordered``: ``reports`` are already newest first (a page of ``chunks``)."""
    header = ("Ngày ban hành", "Văn bản", "Trích yếu") + (("Đơn vị",) if show_unit else ())
    twice = twice_named(r.unit for r in reports if r.unit) if show_unit else frozenset()
    rows = []
    for r in reports if ordered else sorted(reports, key=report_order):
        row = (
            escape(date_vn(r.issued)) if r.issued else "—",
            link(escape(report_label(r)), paths.rel(here, paths.report(r))),
            escape(r.title) + (f" *({escape(r.status.label.lower())})*" if r.draft else ""),
        )
        if show_unit:
            row += (link(escape(dated_name(r.unit, twice)), paths.rel(here, paths.unit(r.unit))) if r.unit else
                    (f"*{CENTRAL}*" if r.issuer_level == "trung-uong" else f"*{missing(r)}*"),)
        rows.append(row)
    return table(header, rows)


def _listing(reports: list[Report], here: str, level: str, title: str, *, show_unit: bool = True,
             empty: str = "", totals: tuple[int, int] | None = None, ordered: bool = False) -> list[str]:
    """A section of official documents, then (when there are any) one of news articles, each with its count
    (``totals``: the whole list's counts, when ``reports`` is one page of it)."""
    official, news = _split_news(reports)
    n_official, n_news = totals or (len(official), len(news))
    out = []
    if official or not n_official:  # a later page of a long list may hold news articles only
        out += [f"{level} {title} ({number(n_official)})\n" if title else "",
                _reports_table(official, here, show_unit=show_unit, ordered=ordered) if official else empty]
    if news:
        out += [f"{level} {NEWS_HEADING} ({number(n_news)})\n", NEWS_NOTE,
                _reports_table(news, here, show_unit=show_unit, ordered=ordered)]
    return [x for x in out if x]


def chunks(reports: list[Report]) -> list[list[Report]]:
    """A long list's pages: official documents newest first, then news articles, ``PER_PAGE`` a page (one
    page, maybe empty, for a short list)."""
    official, news = _split_news(reports)
    ordered = sorted(official, key=report_order) + sorted(news, key=report_order)
    return [ordered[i:i + PER_PAGE] for i in range(0, len(ordered), PER_PAGE)] or [[]]


def _pager(first: str, n: int, total: int) -> str:
    """Links to every page of a list, this one in bold, with the previous and next pages."""
    if total == 1:
        return ""
    here = paths.page(first, n)

    def to(k: int, label: str) -> str:
        return link(label, paths.rel(here, paths.page(first, k)))

    items = [f"**{k}**" if k == n else to(k, str(k)) for k in range(1, total + 1)]
    ends = ([to(n - 1, "« Trang trước")] if n > 1 else []) + ([to(n + 1, "Trang sau »")] if n < total else [])
    return (f'<nav class="tdkt-pager" aria-label="Các trang của danh sách" markdown="1">\n\n'
            f"Trang {n}/{total}: " + " · ".join(items) + ("  \n" + " · ".join(ends) if ends else "")
            + "\n\n</nav>\n")


def _paged(reports: list[Report], first: str, n: int, level: str, title: str, *, show_unit: bool = True,
           empty: str = "", pages: list[list[Report]] | None = None) -> list[str]:
    """Page ``n`` of a list whose first page is ``first``: the pager, the page's reports, the pager again
    (``pages``: ``chunks(reports)``, when the caller made them once for every page)."""
    pages = pages or chunks(reports)
    official, news = _split_news(reports)
    here = paths.page(first, n)
    pager = _pager(first, n, len(pages))
    shown = ""
    if len(pages) > 1:
        start = (n - 1) * PER_PAGE
        shown = (f"Mục {number(start + 1)}–{number(start + len(pages[n - 1]))} trong {number(len(reports))}, "
                 "văn bản chính thức trước, bài báo sau, mới nhất trước.\n")
    body = _listing(pages[n - 1], here, level, title, show_unit=show_unit, empty=empty,
                    totals=(len(official), len(news)), ordered=True)
    return [x for x in [shown, pager, *body, pager] if x]


def _on_page(title: str, n: int) -> str:
    return title if n == 1 else f"{title} (trang {n})"


# --------------------------------------------------------------------------- grouping


def by_unit(catalog: Catalog) -> dict[str, list[Report]]:
    out: dict[str, list[Report]] = defaultdict(list)
    for r in catalog.reports:
        if r.unit is not None:
            out[r.unit.id].append(r)
    return out


def by_year(catalog: Catalog) -> dict[int | None, list[Report]]:
    """Reports by year; ``None``: the year is not known (a draft that states neither period nor date)."""
    out: dict[int | None, list[Report]] = defaultdict(list)
    for r in catalog.reports:
        out[r.year].append(r)
    return out


def by_movement(catalog: Catalog) -> dict[str, list[Report]]:
    out: dict[str, list[Report]] = defaultdict(list)
    for r in catalog.reports:
        for m in r.movements:
            out[m.id].append(r)
    return out


def by_province(catalog: Catalog, units: dict[str, list[Report]]) -> dict[str, list[Unit]]:
    """Province id → the units of that province with reports of their own (the province itself included)."""
    grouped: dict[str, list[Unit]] = defaultdict(list)
    for uid in units:
        unit = catalog.units[uid]
        grouped[unit.province_id].append(unit)
    return {pid: sorted(members, key=by_name) for pid, members in grouped.items()}


def _year_path(year: int | None) -> str:
    return paths.year(year) if year is not None else paths.NO_YEAR


def _year_label(year: int | None) -> str:
    return str(year) if year is not None else "Chưa xác định năm"


def _year_rows(catalog: Catalog, here: str) -> list[tuple[str, str]]:
    years = by_year(catalog)
    order = sorted((y for y in years if y is not None), reverse=True) + ([None] if None in years else [])
    return [(link(_year_label(y), paths.rel(here, _year_path(y))), _count(years[y])) for y in order]


def _province_rows(catalog: Catalog, here: str, era: Era, units: dict[str, list[Report]],
                   grouped: dict[str, list[Unit]]) -> list[tuple[str, str, str]]:
    provinces = [catalog.units[pid] for pid in grouped]
    twice = twice_named(provinces)
    rows = []
    for p in sorted((p for p in provinces if p.era is era), key=by_name):
        members = grouped[p.id]
        reports = [r for u in members for r in units[u.id]]
        rows.append((link(escape(dated_name(p, twice)), paths.rel(here, paths.unit(p))),
                     number(len([u for u in members if u.id != p.id])), _count(reports)))
    return rows


def _provinces_by_era(catalog: Catalog, here: str, level: str) -> list[str]:
    out, units = [], by_unit(catalog)
    grouped = by_province(catalog, units)
    for era in Era:
        rows = _province_rows(catalog, here, era, units, grouped)
        if rows:
            out += [f"{level} {ERA_HEADINGS[era]}\n",
                    table(("Tỉnh, thành phố", "Số đơn vị trực thuộc có văn bản", "Số báo cáo"), rows)]
    return out


# --------------------------------------------------------------------------- pages


def render_all_reports(catalog: Catalog) -> str:
    """``/bao-cao/``: counts by year and by province (each a link to its list), and the newest reports."""
    here = paths.REPORTS
    official, news = _split_news(list(catalog.reports))
    latest = sorted(official, key=report_order)[:LATEST_ON_REPORTS] + sorted(news, key=report_order)[:5]
    return "\n".join([
        front_matter({"title": "Tất cả báo cáo"}),
        "# Tất cả báo cáo\n",
        f"Kho có {number(len(official))} văn bản" + (f" và {number(len(news))} bài báo" if news else "")
        + ". Mỗi văn bản nằm trong danh sách của năm và của đơn vị ban hành (xếp mới nhất trước, "
        f"{PER_PAGE} văn bản một trang). Để lọc theo loại văn bản, phong trào, hình thức khen thưởng hay tìm theo "
        f"từ khoá, dùng trang {link('Tìm kiếm', paths.rel(here, paths.SEARCH))}.\n",
        "## Theo năm\n",
        table(("Năm", "Số báo cáo"), _year_rows(catalog, here)),
        "## Theo tỉnh, thành phố\n",
        *_provinces_by_era(catalog, here, "###"),
        *_listing(latest, here, "##", "Mới nhất"),
    ])


def render_unit_index(catalog: Catalog) -> str:
    """``/don-vi/``: the provinces, on each map; a province's page lists its units."""
    return "\n".join([
        front_matter({"title": "Đơn vị"}),
        "# Đơn vị ban hành\n",
        "Theo tỉnh, thành phố: chọn một tỉnh, thành phố để xem các đơn vị trực thuộc có văn bản. Tên đơn vị ghi "
        "đúng như vào ngày ban hành văn bản; đơn vị trước và sau khi sắp xếp đơn vị hành chính ngày 01/7/2025 "
        "được liệt kê riêng, tên trùng nhau thì ghi rõ thời gian.\n",
        *_provinces_by_era(catalog, paths.UNITS, "##"),
    ])


def render_unit_page(u: Unit, reports: list[Report], catalog: Catalog, exemplars: list[Exemplar] = (), *,
                     members: list[tuple[Unit, list[Report]]] = (), n: int = 1,
                     pages: list[list[Report]] | None = None) -> str:
    """Page ``n`` of a unit's page. ``exemplars``: the published exemplars the unit's reports name;
    ``members``: for a province, its other units with reports, and theirs (listed on the first page)."""
    first = paths.unit(u)
    here = paths.page(first, n)
    kicker = parents(u, catalog.units) or (ERA_KICKER[u.era] if u.level is Level.PROVINCE else "")
    parts = [
        front_matter({"title": escape(_on_page(unit_chain(u, catalog.units), n), Context.HTML)}),
        f"# {escape(_on_page(u.full_name, n))}\n",
        f'<p class="tdkt-kicker">{escape(kicker, Context.HTML)}</p>\n' if kicker else "",
    ]
    if n == 1:
        validity = f"đến hết ngày {date_of(u.valid_to)}" if u.valid_to else ""
        if u.valid_from:
            validity = f"từ ngày {date_of(u.valid_from)}" + (f", {validity}" if validity else "")
        rows = [
            ("Tên", escape(u.full_name)),
            ("Cấp", f"{escape(u.level.label)} ({escape(u.kind)})"),
            ("Trực thuộc", escape(parents(u, catalog.units)) or "—"),
            ("Mã đơn vị hành chính", f"<code>{escape(u.code, Context.HTML)}</code>"),
            ("Hiệu lực của tên gọi", escape(validity) or "—"),
            ("Từ ngày 01/7/2025", escape(successors(u, catalog.units)) or "—"),
        ]
        parts += ['<div class="tdkt-meta" markdown="1">\n', table(("Thuộc tính", "Nội dung"), rows), "\n</div>\n"]
        if members:
            parts += [f"## Đơn vị trực thuộc có văn bản ({number(len(members))})\n", _members_table(members, here, catalog)]
    else:
        parts.append(f"Thông tin đơn vị: {link(escape(u.full_name), paths.rel(here, first))}.\n")
    if reports or not members:
        parts += _paged(reports, first, n, "##", "Báo cáo", show_unit=False, pages=pages)
    if n == 1 and exemplars:
        parts += [f"## Điển hình tiên tiến ({len(exemplars)})\n", exemplar_list(list(exemplars), here)]
    parts.append("*Nguồn danh mục đơn vị hành chính: gói `vietnamadminunits` (giấy phép MIT), mã theo Tổng cục "
                 "Thống kê.*\n")
    return "\n".join(x for x in parts if x)


def _members_table(members: list[tuple[Unit, list[Report]]], here: str, catalog: Catalog) -> str:
    twice = twice_named(u for u, _ in members)
    rows = [(link(escape(dated_name(u, twice)), paths.rel(here, paths.unit(u))), escape(parents(u, catalog.units)),
             _count(reports), escape(successors(u, catalog.units))) for u, reports in members]
    return table(("Đơn vị", "Trực thuộc", "Số báo cáo", "Từ 01/7/2025"), rows)


def _remembered(memory: ListMemory | None, name: str, key: Callable[[], str | None],
                make: Callable[[], Iterator[tuple[str, str]]]) -> Iterator[tuple[str, object]]:
    """A list's pages as ``make`` gives them, or (``memory``, ``tdkt/site/list_memory.py``) as ``KEPT`` when the
    last build made them from the same ``key()`` and they are still as it left them."""
    if memory is None:
        yield from make()
        return
    digest = key()
    files = memory.kept_files(name, digest)
    if files is not None:
        for path in files:
            yield path, KEPT
        return
    made = list(make())
    memory.note(name, digest, [path for path, _ in made])
    yield from made


def unit_pages(catalog: Catalog, ex_by_unit: dict[str, list[Exemplar]], memory: ListMemory | None = None):
    """Every unit's pages: ``(path, Markdown)``; a province with units that have reports gets a page even when
    it has none of its own (it lists them). With ``memory``, a unit's pages still as the last build made them from
    the same reports, names and exemplars come as ``KEPT``."""
    units = by_unit(catalog)
    grouped = by_province(catalog, units)
    names = catalog.units
    for uid in sorted(set(units) | set(grouped)):
        u = catalog.units[uid]
        reports = units.get(uid, [])
        members = [(m, units[m.id]) for m in grouped.get(uid, []) if m.id != uid]
        exemplars = ex_by_unit.get(uid, [])

        def key(u=u, reports=reports, members=members, exemplars=exemplars) -> str | None:
            shown = (u, unit_chain(u, names), parents(u, names), successors(u, names), tuple(exemplars),
                     tuple((m, len(rs), parents(m, names), successors(m, names)) for m, rs in members))
            return memory.key(catalog, [*reports, *(r for _, rs in members for r in rs)], ("unit", shown))

        def make(u=u, reports=reports, members=members, exemplars=exemplars):
            pages = chunks(reports)
            for n in range(1, len(pages) + 1):
                yield (paths.page(paths.unit(u), n),
                       render_unit_page(u, reports, catalog, exemplars, members=members, n=n, pages=pages))

        yield from _remembered(memory, f"unit:{uid}", key, make)


def render_year_index(catalog: Catalog) -> str:
    return "\n".join([
        front_matter({"title": "Năm"}),
        "# Theo năm\n",
        "Năm của kỳ báo cáo (năm được tổng kết hoặc năm của kế hoạch).\n",
        table(("Năm", "Số báo cáo"), _year_rows(catalog, paths.YEARS)),
    ])


def render_year_page(year: int | None, reports: list[Report], n: int = 1,
                     pages: list[list[Report]] | None = None) -> str:
    first = _year_path(year)
    title = f"Năm {year}" if year is not None else "Chưa xác định năm"
    heading = f"Báo cáo năm {year}" if year is not None else "Báo cáo chưa xác định năm"
    what = (f"có kỳ báo cáo thuộc năm {year}" if year is not None else
            "chưa xác định được năm (bản nháp không ghi kỳ báo cáo và ngày ban hành)")
    return "\n".join([
        front_matter({"title": _on_page(title, n)}),
        f"# {_on_page(heading, n)}\n",
        f"{number(len(_split_news(reports)[0]))} văn bản {what}.\n",
        *_paged(reports, first, n, "##", "", pages=pages),
    ])


def year_pages(catalog: Catalog, memory: ListMemory | None = None):
    """Every year's pages; with ``memory``, as ``unit_pages``."""
    for year, reports in by_year(catalog).items():
        def make(year=year, reports=reports):
            pages = chunks(reports)
            for n in range(1, len(pages) + 1):
                yield paths.page(_year_path(year), n), render_year_page(year, reports, n, pages)

        yield from _remembered(memory, f"year:{year}", lambda r=reports, y=year: memory.key(catalog, r, ("year", y)),
                               make)


def render_movement_index(catalog: Catalog) -> str:
    here = paths.MOVEMENTS
    used = by_movement(catalog)
    rows = [
        (link(escape(m.name), paths.rel(here, paths.movement(m))), escape(m.launched_by), escape(m.period),
         _count(used.get(m.id, [])))
        for m in sorted(catalog.movements, key=lambda m: sort_key(m.name))
    ]
    return "\n".join([
        front_matter({"title": "Phong trào thi đua"}),
        "# Phong trào thi đua\n",
        "Các phong trào thi đua trong danh mục của kho lưu trữ, và số báo cáo nhắc đến từng phong trào.\n",
        table(("Phong trào", "Phát động", "Thời gian", "Số báo cáo"), rows),
    ])


def render_movement_page(m: Movement, reports: list[Report], n: int = 1,
                         pages: list[list[Report]] | None = None) -> str:
    first = paths.movement(m)
    parts = [
        front_matter({"title": escape(_on_page(m.name, n), Context.HTML)}),
        f"# {escape(_on_page(m.name, n))}\n",
    ]
    if n == 1:
        rows = [
            ("Tên phong trào", escape(m.name)),
            ("Cách gọi khác", "; ".join(escape(v) for v in m.variants) or "—"),
            ("Phát động", escape(m.launched_by) or "—"),
            ("Văn bản phát động", escape(m.act) or "—"),
            ("Thời gian", escape(m.period) or "—"),
        ]
        parts += ['<div class="tdkt-meta" markdown="1">\n', table(("Thuộc tính", "Nội dung"), rows), "\n</div>\n"]
    else:
        parts.append(f"Thông tin phong trào: {link(escape(m.name), paths.rel(paths.page(first, n), first))}.\n")
    # m.note is the curator's note on where the vocabulary entry comes from (vocab/movements.yml): internal, not shown
    parts += _paged(reports, first, n, "##", "Báo cáo nhắc đến phong trào",
                    empty="Chưa có báo cáo nào trong kho nhắc đến phong trào này.\n", pages=pages)
    return "\n".join(parts)


def movement_pages(catalog: Catalog, memory: ListMemory | None = None):
    """Every movement's pages; with ``memory``, as ``unit_pages``."""
    used = by_movement(catalog)
    for m in catalog.movements:
        reports = used.get(m.id, [])

        def make(m=m, reports=reports):
            pages = chunks(reports)
            for n in range(1, len(pages) + 1):
                yield paths.page(paths.movement(m), n), render_movement_page(m, reports, n, pages)

        yield from _remembered(memory, f"movement:{m.id}",
                               lambda r=reports, m=m: memory.key(catalog, r, ("movement", m)), make)
