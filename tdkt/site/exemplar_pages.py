"""``/dien-hinh/``: the published exemplars as cards, one page each, and the lists other pages show.

Only ``published`` exemplars appear (a ``proposed`` one waits in data/exemplars/ for a person).
Every exemplar quotes its passage and links to that paragraph; when the report's text was
machine-restored from OCR, the page says so and links to the same paragraph in the OCR text.
The card filters (year, movement, province) are computed here; ``theme/assets/javascripts/dien-hinh.js``
only shows and hides cards. Pure.
"""
from __future__ import annotations

from tdkt.text.collate import sort_key
from tdkt.site.markdown import Context, escape, front_matter, link, table
from tdkt.model import Catalog, Exemplar, ExemplarStatus, Report, TextQuality
from tdkt.site.present import NOT_STATED, era_name, missing, report_label, unit_chain
from tdkt.site import paths
FEATURED_ON_HOME = 3


def published(catalog: Catalog) -> list[Exemplar]:
    """Published exemplars, newest year first, then by name (Vietnamese collation)."""
    shown = [e for e in catalog.exemplars if e.status is ExemplarStatus.PUBLISHED]
    return sorted(shown, key=lambda e: (-e.year, sort_key(e.name), e.id))


def reports_by_id(catalog: Catalog) -> dict[str, Report]:
    return {r.id: r for r in catalog.reports}


def _award(e: Exemplar) -> str:
    if e.award is None:
        return ""
    return e.award.name + (f" ({e.authority})" if e.authority else "")


def _quote(e: Exemplar, r: Report, here: str) -> str:
    source = link(f"{escape(report_label(r))}, đoạn {e.block}", paths.rel(here, paths.report(r), e.anchor))
    return f"> “{escape(e.quote)}”\n>\n> — {source}\n"


def _card(e: Exemplar, r: Report, catalog: Catalog, here: str) -> str:
    attrs = (f'data-nam="{e.year}" data-tinh="{escape(r.unit.province_id if r.unit else "", Context.HTML)}" '
             f'data-phong-trao="{" ".join(m.id for m in e.movements)}"')
    meta = f"{e.kind.label} · {e.year}" + (f" · {unit_chain(r.unit, catalog.units)}" if r.unit else "")
    return "\n".join([
        f'<article class="tdkt-card" {attrs} markdown="1">\n',
        f"### {link(escape(e.name), paths.rel(here, paths.exemplar(e)))}\n",
        f'<p class="tdkt-card-meta">{escape(meta, Context.HTML)}</p>\n',
        escape(e.achievement) + "\n",
        _quote(e, r, here),
        "</article>\n",
    ])


def _filters(shown: list[Exemplar], reports: dict[str, Report], catalog: Catalog) -> str:
    """Year, movement and province selects with the options the cards have; hidden until the script runs."""
    years = sorted({e.year for e in shown}, reverse=True)
    movements = sorted({m.id: m for e in shown for m in e.movements}.values(), key=lambda m: sort_key(m.name))
    provinces = sorted({reports[e.report_id].unit.province_id for e in shown if reports[e.report_id].unit},  # ties: code
                       key=lambda p: (sort_key(catalog.units[p].name) if p in catalog.units else (), p))

    def select(name: str, label: str, options: list[tuple[str, str]]) -> str:
        if not options:  # nothing to choose (no published exemplar names a movement): no select
            return ""
        opts = "".join(f'<option value="{escape(v, Context.HTML)}">{escape(t, Context.HTML)}</option>'
                       for v, t in options)
        return f'<label>{label}<select name="{name}"><option value="">Tất cả</option>{opts}</select></label>'

    return "".join([
        '<form class="tdkt-card-filters" hidden>',
        select("nam", "Năm", [(str(y), str(y)) for y in years]),
        select("phong-trao", "Phong trào", [(m.id, m.name) for m in movements]),
        select("tinh", "Tỉnh, thành phố",
               [(p, era_name(catalog.units[p]) if p in catalog.units else p) for p in provinces]),
        '</form><p class="tdkt-card-status" role="status" aria-live="polite"></p>',
    ])


def render_exemplar_index(catalog: Catalog) -> str:
    here = paths.EXEMPLARS
    shown = published(catalog)
    reports = reports_by_id(catalog)
    parts = [
        front_matter({"title": "Điển hình tiên tiến", "template": "dien-hinh.html", "hide": ["navigation", "toc"]}),
        "# Điển hình tiên tiến\n",
        "Tập thể, cá nhân và mô hình được các báo cáo nêu gương, mỗi điển hình kèm nguyên văn đoạn báo cáo "
        "nói về họ và liên kết đến đúng đoạn đó. Danh sách do người biên mục xác nhận từ các đề xuất của máy.\n",
    ]
    if not shown:
        parts.append("Chưa có điển hình nào được công bố.\n")
        return "\n".join(parts)
    parts += [_filters(shown, reports, catalog) + "\n", '<div class="tdkt-cards" markdown="1">\n']
    parts += [_card(e, reports[e.report_id], catalog, here) for e in shown]
    parts.append("</div>\n")
    return "\n".join(parts)


def render_exemplar_page(e: Exemplar, r: Report, catalog: Catalog, years: frozenset[int | None] | None = None) -> str:
    """The page of exemplar ``e``, whose passage is in report ``r``; ``years``: ``report_years(catalog)``, when the
    caller made it once for every exemplar."""
    here = paths.exemplar(e)
    years = report_years(catalog) if years is None else years
    movements = ", ".join(link(escape(m.name), paths.rel(here, paths.movement(m))) for m in e.movements)
    rows = [
        ("Điển hình", escape(e.name)),
        ("Loại", escape(e.kind.label)),
        ("Năm", link(str(e.year), paths.rel(here, paths.year(e.year)))  # a year page exists if a report has it
         if e.year in years else str(e.year)),
        ("Đơn vị báo cáo", link(escape(r.unit.full_name), paths.rel(here, paths.unit(r.unit)))
         + f" ({escape(unit_chain(r.unit, catalog.units).partition(', ')[2])})" if r.unit else f"*{missing(r)}*"),
        ("Thành tích", escape(e.achievement)),
        ("Khen thưởng", escape(_award(e)) or f"*{NOT_STATED}*"),
        ("Phong trào thi đua", movements or f"*{NOT_STATED}*"),
        ("Nguồn", link(escape(f"{report_label(r)}: {r.title}"), paths.rel(here, paths.report(r)))),
    ]
    parts = [
        front_matter({"title": escape(f"{e.name} ({e.year})", Context.HTML),
                      "description": escape(e.achievement, Context.HTML)}),
        f"# {escape(e.name)}\n",
        f'<p class="tdkt-kicker">Điển hình tiên tiến · {escape(e.kind.label, Context.HTML)} · {e.year}</p>\n',
        '<div class="tdkt-meta" markdown="1">\n',
        table(("Thuộc tính", "Nội dung"), rows),
        "\n</div>\n",
        "## Đoạn báo cáo nêu điển hình\n",
        _quote(e, r, here),
    ]
    if r.text_quality is TextQuality.OCR_RESTORED:
        parts.append(
            '!!! warning "Văn bản do máy khôi phục dấu"\n'
            "    Báo cáo này là bản nhận dạng chữ (OCR) mất dấu tiếng Việt; đoạn trích trên lấy từ bản đã được "
            "máy khôi phục dấu và có thể còn sai chữ. "
            + link("Xem đoạn này trong bản OCR", paths.rel(here, paths.ocr_page(r), e.anchor)) + ".\n")
    if e.note:
        parts.append(f"*Ghi chú biên mục:* {escape(e.note)}\n")
    parts.append(link("Tất cả điển hình tiên tiến", paths.rel(here, paths.EXEMPLARS)) + "\n")
    return "\n".join(parts)


def report_years(catalog: Catalog) -> frozenset[int | None]:
    """The years reports are filed under: those that have a year page."""
    return frozenset(r.year for r in catalog.reports)


def exemplar_list(exemplars: list[Exemplar], here: str) -> str:
    """A list for unit, report and home pages: name (linked), year, achievement."""
    return "\n".join(
        f"- {link(escape(e.name), paths.rel(here, paths.exemplar(e)))} ({e.year}): {escape(e.achievement)}"
        for e in exemplars
    ) + "\n"


def by_report_and_unit(catalog: Catalog) -> tuple[dict[str, list[Exemplar]], dict[str, list[Exemplar]]]:
    """Published exemplars grouped by report id and by the id of that report's unit."""
    by_report: dict[str, list[Exemplar]] = {}
    by_unit: dict[str, list[Exemplar]] = {}
    reports = reports_by_id(catalog)
    for e in published(catalog):
        by_report.setdefault(e.report_id, []).append(e)
        if reports[e.report_id].unit is not None:
            by_unit.setdefault(reports[e.report_id].unit.id, []).append(e)
    return by_report, by_unit
