"""``/khen-thuong/``: the precedent finder's page, its data file and its charts.

The page works without JavaScript: it prints the totals by award form and year, the charts (static
SVG with text alternatives) and the most recent records, each linked to its paragraph; all of them
over the default view (granted awards a person checked: ``precedents.DEFAULTS``), with a sentence
saying so and how many proposals and unchecked records are left out (``scope_text``). With
JavaScript, ``theme/assets/javascripts/khen-thuong.js`` loads ``ban-ghi.json`` and filters all
records by every dimension, with the totals recomputed and the two charts drawn again from the selected records
(``charts-core.js``, the same SVG as ``charts.py``; ``khen-thuong-core.js``'s ``chartSpecs`` mirrors ``charts``
here); the filters live in the URL. The form's
options and the printed tables are computed here; the script and template only display. Pure.
"""
from __future__ import annotations

import json

from tdkt.site import paths
from tdkt.site.charts import Series, stacked_bars
from tdkt.site.markdown import Context, escape, front_matter
from tdkt.model import Catalog
from tdkt.site.present import report_label
from tdkt.site.precedents import (DEFAULTS, REVIEW_LABELS, Cell, Coded, Dim, Pivot, code_records, default_view,
                                  finder_json, pivot, scope_text)

DATA_FILE = "ban-ghi.json"
CHART_YEARS = "bieu-do-theo-nam.svg"
CHART_LEVELS = "bieu-do-theo-cap.svg"
STATIC_ROWS = 100  # records printed for readers without JavaScript; the rest are in the finder and the CSV
CHART_SERIES = 7  # forms drawn one by one; the others are summed as "Hình thức khác"


def _h(text: str) -> str:
    return escape(text, Context.HTML)


def number(n: int) -> str:
    """``1.234``: the Vietnamese thousands separator."""
    return f"{n:,}".replace(",", ".")


UNKNOWN_COUNT = "không rõ"  # a count no text states; never 0


def cell_text(cell: Cell | None) -> str:
    """A total as printed: the stated counts; "không rõ" when no record here states one; "≥ 12" when some
    record here states none (the real number is at least the stated ones)."""
    if cell is None:
        return ""
    if cell.unknown == cell.records:
        return UNKNOWN_COUNT
    return ("≥ " if cell.unknown else "") + number(cell.total)


def total_text(cell: Cell) -> str:
    """A total in a sentence: "465", "465 + 1 nội dung không rõ số lượng", "không rõ (…)"."""
    if cell.unknown == cell.records:
        return f"{UNKNOWN_COUNT} (văn bản không ghi số lượng)"
    return number(cell.total) + (f" + {number(cell.unknown)} nội dung không rõ số lượng" if cell.unknown else "")


def pivot_html(p: Pivot, rows: Dim, columns: Dim) -> str:
    """The totals table; khen-thuong.js draws the same markup for filtered records."""
    head = "".join(f'<th scope="col">{_h(o.label)}</th>' for o in p.columns)
    lines = [
        '<table>',
        f"<caption>Số lượng theo {_h(rows.label.lower())} và {_h(columns.label.lower())}</caption>",
        f'<thead><tr><th scope="col">{_h(rows.label)}</th>{head}<th scope="col">Tổng</th></tr></thead><tbody>',
    ]
    for i, row in enumerate(p.rows):
        cells = "".join(f"<td>{cell_text(p.cells.get((i, j)))}</td>" for j in range(len(p.columns)))
        lines.append(f'<tr><th scope="row">{_h(row.label)}</th>{cells}<td>{cell_text(p.row_totals[i])}</td></tr>')
    totals = "".join(f"<td>{cell_text(c)}</td>" for c in p.column_totals)
    lines.append(f'</tbody><tfoot><tr><th scope="row">Tổng</th>{totals}<td>{cell_text(p.total)}</td></tr></tfoot>')
    lines.append("</table>")
    return "\n".join(lines)


def _form(coded: Coded) -> str:
    """The filters: one select per dimension, plus the two axes of the totals table."""
    parts = ['<form class="tdkt-finder-form" hidden>']
    for dim in Dim:
        default = DEFAULTS.get(dim, "")
        options = "".join(f'<option value="{_h(o.code)}"{" selected" if o.code == default else ""}>{_h(o.label)}'
                          "</option>" for o in coded.options[dim])
        parts.append(f'<label>{_h(dim.label)}<select name="{dim.value}"><option value="">Tất cả</option>'
                     f"{options}</select></label>")
    axes = "".join(f'<option value="{d.value}">{_h(d.label)}</option>' for d in Dim)
    parts.append(f'<label>Hàng của bảng tổng hợp<select name="hang">{axes}</select></label>')
    parts.append(f'<label>Cột của bảng tổng hợp<select name="cot">{axes}</select></label>')
    parts.append('<button type="reset" class="md-button">Bỏ lọc</button></form>')
    return "".join(parts)


RECORD_HEADER = ("Năm", "Hình thức, danh hiệu", "Cơ quan khen", "Đối tượng", "Số lượng", "Tên", "Trạng thái",
                 "Rà soát", "Đơn vị báo cáo", "Nguồn")


def records_html(coded: Coded, limit: int) -> str:
    """The newest ``limit`` records as a table; khen-thuong.js draws the same columns."""
    here = paths.AWARDS
    newest = sorted(coded.records, key=lambda c: (-(c.record.for_year(c.report) or 0), c.report.id,
                                                  c.record.block))[:limit]
    head = "".join(f'<th scope="col">{h}</th>' for h in RECORD_HEADER)
    rows = []
    for c in newest:
        rec, r = c.record, c.report
        href = paths.url(here, paths.report(r), rec.anchor)
        cells = (
            str(rec.for_year(r) or "—"), _h(rec.form.name), _h(rec.authority) or "—",
            _h(rec.recipients.value) if rec.recipients else "—",
            number(rec.count) if rec.count is not None else UNKNOWN_COUNT, _h("; ".join(rec.names)) or "—",
            _h(rec.status.label), REVIEW_LABELS[coded.options[Dim.REVIEW][c.value(Dim.REVIEW)[0]].code],
            _h(r.unit.full_name) if r.unit else "—",
            f'<a href="{_h(href)}">{_h(report_label(r))} ¶{rec.block}</a>',
        )
        rows.append("<tr>" + "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(RECORD_HEADER, cells))
                    + "</tr>")
    return (f'<table><thead><tr>{head}</tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _by_form(coded: Coded, columns: Dim) -> tuple[tuple[str, ...], list[Series]]:
    """Chart data: stated counts per ``columns`` option, one series per form (the largest first)."""
    p = pivot(coded, Dim.FORM, columns)
    order = sorted(range(len(p.rows)), key=lambda i: (-p.row_totals[i].total, i))
    cats = tuple(o.label for o in p.columns)

    def values(rows: list[int]) -> tuple[int, ...]:
        return tuple(sum(p.cells[i, j].total for i in rows if (i, j) in p.cells) for j in range(len(cats)))

    series = [Series(label=p.rows[i].label, values=values([i])) for i in order[:CHART_SERIES]]
    if len(order) > CHART_SERIES:
        series.append(Series(label="Hình thức khác", values=values(order[CHART_SERIES:])))
    return cats, series


def charts(coded: Coded) -> dict[str, str]:
    """The two SVG charts, by file name; ``coded``: the records to draw (the page gives the default view).

    khen-thuong-core.js (``CHARTS``, ``chartSpecs``) holds the same titles and descriptions and draws the same for
    the filtered records; tests/test_js_charts.py compares the two."""
    years, by_year = _by_form(coded, Dim.YEAR)
    years, by_year = years[::-1], [Series(label=s.label, values=s.values[::-1]) for s in by_year]  # oldest first
    levels, by_level = _by_form(coded, Dim.LEVEL)
    return {
        CHART_YEARS: stacked_bars(
            title="Số lượng khen thưởng theo năm và hình thức",
            description="Tổng số lượng (cá nhân, tập thể, hộ gia đình) đã tặng mà các báo cáo ghi nhận, theo năm mà "
                        "nội dung ghi (không ghi thì năm của kỳ báo cáo); chỉ các nội dung đã được người rà soát đối "
                        "chiếu với văn bản, không tính đề nghị, không tính nội dung không ghi số lượng.",
            categories=years, series=by_year, value_label="Số lượng"),
        CHART_LEVELS: stacked_bars(
            title="Số lượng khen thưởng theo cấp đơn vị báo cáo và hình thức",
            description="Tổng số lượng đã tặng mà các báo cáo ghi nhận, theo cấp của đơn vị ban hành báo cáo; chỉ "
                        "các nội dung đã được người rà soát, không tính đề nghị, không tính nội dung không ghi số "
                        "lượng.",
            categories=levels, series=by_level, value_label="Số lượng", horizontal=True),
    }


def render_award_page(catalog: Catalog) -> tuple[str, dict[str, bytes]]:
    """The page's Markdown, and its files (data and charts) keyed by docs-relative path."""
    coded = code_records(catalog)
    view = default_view(coded)
    folder = paths.AWARDS.rsplit("/", 1)[0]
    files = {f"{folder}/{name}": svg.encode("utf-8") for name, svg in charts(view).items()}
    data = json.dumps(finder_json(coded), ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    files[f"{folder}/{DATA_FILE}"] = data.encode("utf-8")
    total = pivot(view, Dim.FORM, Dim.YEAR)
    shown = min(STATIC_ROWS, len(view.records))
    here = paths.AWARDS
    csv = paths.rel(here, "du-lieu/khen-thuong.csv")
    md = "\n".join([
        front_matter({"title": "Tra cứu khen thưởng", "template": "khen-thuong.html", "hide": ["navigation", "toc"]}),
        "# Tra cứu khen thưởng\n",
        f"{number(len(coded.records))} nội dung khen thưởng mà các báo cáo ghi nhận đã tặng hoặc đề nghị: hình thức, "
        "cấp khen, đối tượng, số lượng, năm và đơn vị báo cáo, mỗi dòng dẫn đến đúng đoạn văn nêu nó. "
        "Mặc định chỉ tính các nội dung đã tặng mà người đã rà soát đối chiếu với văn bản; nội dung đề nghị và "
        "nội dung chưa ai rà soát (máy đọc từ văn bản) được đếm riêng, xem bằng bộ lọc “Trạng thái” và “Rà soát”. "
        f"Văn bản không ghi số lượng thì ghi “{UNKNOWN_COUNT}”; tổng có nội dung không rõ số lượng ghi “≥” "
        "(số thật ít nhất bằng số ghi).\n",
        f'<div id="tdkt-finder" data-data="{DATA_FILE}" data-root="../" markdown="0">',
        # the totals first, then the filters in a disclosure (shut on phones; tdkt-filters.js opens it on
        # wider screens), hidden with the form until the script has the data
        '<p class="tdkt-status" role="status" aria-live="polite"></p>',
        f'<p class="tdkt-scope">{_h(scope_text(coded, DEFAULTS))}</p>',
        '<details class="tdkt-filters" hidden><summary>Lọc kết quả</summary>',
        _form(coded),
        "</details>",
        '<div class="tdkt-pivot">', pivot_html(total, Dim.FORM, Dim.YEAR), "</div>",
        '<h2 id="ban-ghi">Các nội dung khen thưởng</h2>',
        f'<p class="tdkt-records-note">{shown} nội dung mới nhất. Bật JavaScript để lọc toàn bộ, hoặc tải '
        f'<a href="{_h(csv)}">khen-thuong.csv</a>.</p>',
        '<div class="tdkt-records">', records_html(view, STATIC_ROWS), "</div>",
        '<button type="button" class="tdkt-more md-button" hidden>Xem thêm</button>',
        "</div>\n",
        "## Biểu đồ\n",
        _figure(CHART_YEARS, "Biểu đồ cột: số lượng khen thưởng theo năm, chia theo hình thức. "
                "Số liệu chi tiết ở bảng tổng hợp phía trên."),
        _figure(CHART_LEVELS, "Biểu đồ thanh: số lượng khen thưởng theo cấp đơn vị báo cáo, chia theo hình thức."),
        "",
        _level_table(view),
        f"\nDữ liệu đầy đủ: [khen-thuong.csv]({csv}), [khen-thuong.json]({paths.rel(here, 'du-lieu/khen-thuong.json')}) "
        f"(xem [Dữ liệu mở]({paths.rel(here, paths.DATA)})).\n",
    ])
    return md, files


def _figure(name: str, alt: str) -> str:
    return (f'<figure class="tdkt-chart"><img src="{name}" alt="{_h(alt)}" width="720">'
            f'<figcaption>{_h(alt.split(":")[0])}, toàn bộ kho lưu trữ: nội dung đã tặng, đã rà soát; '
            'không theo bộ lọc '
            f'(<a href="{name}">tệp SVG</a>)</figcaption></figure>')


def _level_table(coded: Coded) -> str:
    """The second chart's numbers, as its text alternative."""
    p = pivot(coded, Dim.FORM, Dim.LEVEL)
    return ('<details class="tdkt-chart-data"><summary>Số liệu của biểu đồ theo cấp đơn vị</summary>\n'
            + pivot_html(p, Dim.FORM, Dim.LEVEL) + "\n</details>\n")
