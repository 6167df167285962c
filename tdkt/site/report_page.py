"""A report's page (metadata panel, structured text, provenance) and its verbatim original.

Input: a ``Report`` and the ``Catalog`` (for unit names and links). Output: Markdown text.
Every piece of report text goes through ``markdown.escape``; everything else here is markup we
wrote. Pure.

The report's text (report page, OCR page) and the original are written as HTML already escaped, one
block each, not as Markdown: Python-Markdown's block and inline parsing of every paragraph (with an
attribute list each for its ``p-N``) was most of the time MkDocs spent on a report page (README,
Scale). The HTML is what that Markdown rendered to. Links inside those blocks are not rewritten by
MkDocs, so they are served URLs (``paths.url``); MkDocs still reads the ``p-N`` ids of raw HTML for
its anchor validation.
"""
from __future__ import annotations

from dataclasses import dataclass

from tdkt.site import paths
from tdkt.site.citations import Cited, find_citations
from tdkt.site.cited import cited_reports, numbered, numbers_index, report_citations
from tdkt.site.markdown import Context, escape, front_matter, link, table
from tdkt.site.exemplar_pages import exemplar_list
from tdkt.catalog import issuers
from tdkt.text.collate import fold, sort_key
from tdkt.model import TOOL_ENCODINGS, Block, BlockKind, Catalog, Exemplar, Report, TextQuality
from tdkt.site.data_rows import award_reviewed
from tdkt.site.present import (CENTRAL, NOT_STATED, UNKNOWN, date_vn, missing, parents, report_heading, report_label,
                               successors)

# heading ranks present in a report map, in order, onto h3..h6 (h1 title, h2 sections)
_FIRST_LEVEL, _LAST_LEVEL = 3, 6
_LIST_MARKERS = ("- ", "+ ", "• ", "* ", "– ")


# report.yml field → the label the metadata panel shows for it
FIELD_LABELS = {
    "title": "Trích yếu", "doc_type": "Loại văn bản", "doc_number": "Số ký hiệu", "issuer": "Cơ quan ban hành",
    "unit": "Đơn vị", "issued": "Ngày ban hành", "place": "Địa danh", "period": "Kỳ báo cáo",
    "recipient": "Kính gửi", "signer": "Người ký", "signer_title": "Chức danh người ký", "theme": "Chủ đề thi đua",
    "movements": "Phong trào thi đua", "text_quality": "Chất lượng văn bản", "text": "Nội dung văn bản",
}


def _value(text: str) -> str:
    return escape(text) if text else f"*{NOT_STATED}*"


def _shown(text: str, r: Report) -> str:
    """A field's value, or what its absence means for this report (not stated / not yet determined)."""
    return escape(text) if text else f"*{missing(r)}*"


def _meta_rows(r: Report, catalog: Catalog, here: str) -> list[tuple[str, str]]:
    _value = lambda text: _shown(text, r)  # noqa: E731
    if r.unit is None:
        unit_cell = f"*{CENTRAL}*" if r.issuer_level == "trung-uong" else f"*{missing(r)}*"
    else:
        unit_link = link(escape(r.unit.full_name), paths.rel(here, paths.unit(r.unit)))
        above = parents(r.unit, catalog.units)  # a province has none: no empty piece after the comma
        unit_cell = f"{unit_link} ({', '.join(escape(x) for x in (r.unit.level.label.lower(), above) if x)})"
        after = successors(r.unit, catalog.units)
        if after:
            unit_cell += f" · từ 01/7/2025: {escape(after)}"
    number = r.doc_number
    number_cell = _value(number)
    if number.startswith("/"):
        number_cell += " *(văn bản để trống số)*"
    issued = _value(date_vn(r.issued))
    if r.issued and r.issued.day is None:
        issued += " *(văn bản để trống ngày)*" if r.issued.month else " *(văn bản để trống ngày, tháng)*"
    period = link(escape(r.period.label()), paths.rel(here, paths.year(r.period.year))) if r.period else \
        f"*{missing(r)}*"
    signer = _value(r.signer)
    if r.signer and r.signer_title:
        signer = f"{escape(r.signer)} ({escape(r.signer_title)})"
    movements = ", ".join(link(escape(m.name), paths.rel(here, paths.movement(m))) for m in r.movements)
    issuer = _value(r.issuer)
    kind = issuers.label(r.issuer_kind)
    if fold(kind).split()[:1] == fold(r.issuer).split()[:1] or r.doc_type.news:
        kind = ""  # "Trường THCS …": saying "trường học" adds nothing; nor "báo, cổng thông tin" after "Nơi đăng"
    about = ", ".join(x for x in (kind.lower(), f"thuộc {r.issuer_parent}" if r.issuer_parent else "") if x)
    if r.issuer and about:
        issuer += f" ({escape(about)})"
    rows = [
        _original_row(r, here),
        ("Số ký hiệu", number_cell),
        ("Loại văn bản", escape(r.doc_type.name) if r.doc_type.id else f"*{missing(r)}*"),
        ("Nơi đăng" if r.doc_type.news else "Cơ quan ban hành", issuer),
        ("Đơn vị", unit_cell),
        ("Ngày đăng" if r.doc_type.news else "Ngày ban hành", issued),
        ("Địa danh", _value(r.place)),
        ("Kỳ báo cáo", period),
        ("Kính gửi", _value(r.recipient)),
        ("Người ký", signer),
        ("Chủ đề thi đua", _value(r.theme)),
        ("Phong trào thi đua", movements or f"*{missing(r)}*"),
        ("Chất lượng văn bản", escape(r.text_quality.label)),
    ] + ([("Tình trạng", f"**{escape(r.status.label)}**")] if r.draft else [])
    if r.doc_type.news:  # an article has no number, place line, addressee or signer: rows that would only say so
        empty = {"Số ký hiệu": r.doc_number, "Địa danh": r.place, "Kính gửi": r.recipient, "Người ký": r.signer}
        rows = [(k, v) for k, v in rows if k not in empty or empty[k]]
    return rows


def _heading_levels(blocks: tuple[Block, ...]) -> dict[int, int]:
    ranks = sorted({b.rank for b in blocks if b.kind is BlockKind.HEADING})
    return {rank: min(_FIRST_LEVEL + i, _LAST_LEVEL) for i, rank in enumerate(ranks)}


@dataclass(frozen=True)
class Twin:
    """The same text on another page (restored ↔ OCR): each block links to its twin block there (the
    catalogue refuses an OCR text whose blocks do not match the text's one for one, R110; MkDocs does not
    check links in raw HTML, tests/test_site.py does)."""

    url: str  # served URL of that page, relative to this one (``paths.url``): raw HTML is not rewritten
    label: str
    title: str


def _twin_to_ocr(r: Report) -> Twin:
    return Twin(paths.url(paths.report(r), paths.ocr_page(r)), "OCR",
                "Đoạn này trong bản nhận dạng (OCR) gốc, chưa khôi phục dấu")


def _twin_to_restored(r: Report) -> Twin:
    return Twin(paths.url(paths.ocr_page(r), paths.report(r)), "đã khôi phục",
                "Đoạn này trong bản đã được máy khôi phục dấu")


def _pilcrow(number: int, twin: Twin | None) -> str:
    """The ¶ link that cites block ``number``; with ``twin``, a link to the same block on that page."""
    out = f'<a class="tdkt-para" href="#p-{number}" title="Đoạn {number}: liên kết để trích dẫn">¶</a>'
    if twin:
        out += (f' <a class="tdkt-twin" href="{escape(twin.url, Context.HTML)}#p-{number}" '
                f'title="{escape(twin.title, Context.HTML)}">{escape(twin.label, Context.RAW)}</a>')
    return out


def _linked(text: str, cites: "CiteLinks | None") -> str:
    """A block's text escaped (``Context.RAW``), the documents it cites that the archive holds linked."""
    if not cites or not cites.links:
        return escape(text, Context.RAW)
    text = " ".join(text.split())  # as escape() shows it, so the spans are the shown text's
    out, at = [], 0
    for c in find_citations(text, cites.own):
        href = cites.links.get(c.key)
        if not href:
            continue
        out += [_piece(text[at:c.start]),
                f'<a class="tdkt-cite" href="{escape(href, Context.HTML)}">{escape(text[c.start:c.end], Context.RAW)}</a>']
        at = c.end
    out.append(_piece(text[at:]))
    return "".join(out)


def _piece(text: str) -> str:
    """A piece of a collapsed text, escaped with the spaces at its ends kept (escape() trims them)."""
    if not text.strip():
        return " " if text else ""
    return (" " if text[0] == " " else "") + escape(text, Context.RAW) + (" " if text[-1] == " " else "")


@dataclass(frozen=True)
class CiteLinks:
    """The documents a report cites that the archive holds: citation key → served URL of its page."""

    own: str
    links: dict[str, str]


def _body(blocks: tuple[Block, ...], twin: Twin | None = None, css: str = "tdkt-text",
          cites: CiteLinks | None = None) -> list[str]:
    """The report text as one HTML block: headings, list items and paragraphs, each with its ``p-N`` anchor.

    Every text goes through ``escape(…, Context.RAW)``; the markup is ours. Without headings the block
    is raw HTML that Python-Markdown copies as it is (see ``tdkt.site.markdown``). With headings it is marked
    ``markdown="1"``: its elements are then built into the document tree, so the toc extension gives each
    heading its permalink and lists it in the page's table of contents, as it did for Markdown headings.
    Either way the HTML is what the Markdown this replaced rendered to, but for the text's ``{`` and ``[``,
    written as references (see ``tdkt.site.markdown``).
    """
    levels = _heading_levels(blocks)
    out = [f'<div class="{css}" markdown="1">' if levels else f'<div class="{css}">']
    in_list = False
    for block in blocks:
        if block.kind is BlockKind.LIST_ITEM:
            text = block.text
            for marker in _LIST_MARKERS:
                if text.startswith(marker):
                    text = text[len(marker):]
                    break
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f'<li id="{block.anchor}">{_linked(text, cites)} {_pilcrow(block.number, twin)}</li>')
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if block.kind is BlockKind.HEADING:
            h = f"h{levels[block.rank]}"
            out.append(f'<{h} id="{block.anchor}">{escape(block.text, Context.RAW)}</{h}>')
        else:
            out.append(f'<p id="{block.anchor}">{_linked(block.text, cites)} {_pilcrow(block.number, twin)}</p>')
    if in_list:
        out.append("</ul>")
    out.append("</div>\n")
    return ["\n".join(out)]


def _notices(r: Report) -> list[str]:
    out = []
    if r.text_quality is TextQuality.OCR:
        out.append(
            '!!! warning "Văn bản nhận dạng (OCR) bị mất dấu"\n'
            "    Văn bản này được nhận dạng từ bản quét bằng mô hình chữ tiếng Anh, nên các dấu tiếng Việt\n"
            "    đã bị mất hoặc sai (ví dụ *thwéng* thay cho *thưởng*). Nội dung dưới đây hiển thị đúng như bản\n"
            "    nhận dạng, chưa được sửa. Các thông tin ở bảng trên được đọc và ghi lại bằng tay.\n"
        )
    if r.text_quality is TextQuality.OCR_RESTORED:
        out.append(
            '!!! warning "Dấu tiếng Việt do máy khôi phục"\n'
            "    Văn bản này được nhận dạng từ bản quét bằng mô hình chữ tiếng Anh, nên các dấu tiếng Việt đã\n"
            "    bị mất. Nội dung dưới đây là bản **đã được máy khôi phục dấu**, có thể còn sai ở một số âm tiết.\n"
            "    Liên kết *OCR* cạnh mỗi đoạn mở đúng đoạn đó trong bản nhận dạng gốc\n"
            "    ([toàn bộ bản OCR](ocr/index.md)); nguyên văn tệp gốc ở cuối trang.\n"
        )
    if r.draft:
        fields = sorted({FIELD_LABELS.get(f.field, "") for f in r.review} - {""}, key=sort_key)
        out.append(
            '!!! warning "Bản nháp: thông tin chưa được rà soát"\n'
            "    Các thông tin ở bảng trên do máy đọc từ văn bản khi tiếp nhận, **chưa được người kiểm tra**;\n"
            "    ô ghi *Chưa xác định* là thông tin máy chưa tìm thấy. Nội dung văn bản bên dưới là nguyên văn.\n"
            + (f"    Cần kiểm tra: {escape(', '.join(fields))}.\n" if fields else "")
        )
    elif r.review:
        items = "\n".join(f"    - **{escape(FIELD_LABELS.get(f.field, f.field))}**: {escape(f.why)}" for f in r.review)
        out.append(f'!!! note "Thông tin cần kiểm tra lại"\n{items}\n')
    return out


def _awards(r: Report) -> list[str]:
    """The report's award records (awards.yml) as a table, each row linking to its paragraph; none: no section."""
    if not r.awards:
        return []
    checked = [award_reviewed(a, r) for a in r.awards]
    rows = [(
        escape(a.form.name) + (f" (năm {a.year})" if a.year and a.year != r.year else ""),
        # empty in a record a person checked: the text does not say; in one a machine read: not yet known
        escape(a.authority) if a.authority else f"*{NOT_STATED if ok else UNKNOWN}*",
        escape(a.recipients.value) if a.recipients else f"*{NOT_STATED if ok else UNKNOWN}*",
        str(a.count) if a.count is not None else f"*{NOT_STATED if ok else UNKNOWN}*",
        "; ".join(escape(name) for name in a.names),
        escape(a.status.label) + ("" if ok else " · **chưa rà soát**"),
        link(f"¶ {a.block}", f"#{a.anchor}", title=f"Đoạn {a.block}"),
    ) for a, ok in zip(r.awards, checked)]
    intro = "Các hình thức khen thưởng, danh hiệu thi đua văn bản nêu, mỗi dòng dẫn đến đoạn văn ghi nó. "
    unchecked = checked.count(False)
    if not unchecked:
        intro += "Mọi dòng đã được người rà soát đối chiếu với văn bản."
    elif unchecked == len(checked):
        intro += ("**Chưa rà soát:** các dòng dưới đây do máy đọc từ văn bản, chưa ai đối chiếu; hãy xem đoạn văn "
                  "trước khi dùng. Trang tra cứu khen thưởng không tính chúng vào số liệu mặc định.")
    else:
        intro += (f"{unchecked} trong {len(checked)} dòng **chưa rà soát** (máy đọc từ văn bản, chưa ai đối chiếu; "
                  "ghi ở cột Tình trạng): hãy xem đoạn văn trước khi dùng. Trang tra cứu khen thưởng không tính "
                  "chúng vào số liệu mặc định; các dòng khác đã được người rà soát.")
    heading = "Khen thưởng trong báo cáo" + (" (chưa rà soát)" if unchecked == len(checked) else "")
    return [
        f"## {heading} {{: #khen-thuong }}\n",
        intro + "\n",
        table(("Hình thức", "Cấp khen / Người ký tặng", "Đối tượng", "Số lượng", "Tên", "Tình trạng", "Đoạn"), rows),
    ]


def _download(r: Report, here: str, label: str = "Tải tệp gốc") -> str:
    """The link to the original's bytes; for a type a browser would open or run, published as a plain download
    (``paths.INERT_EXTENSIONS``), what to do with the file saved."""
    out = link(label, paths.rel(here, paths.original_file(r)))
    if paths.original_renamed(r):
        out += (" *(tệp gốc thuộc loại mà trình duyệt có thể mở như trang web hoặc chạy như mã lệnh, nên được "
                f"công bố thành tệp {paths.DOWNLOAD_EXTENSION} chỉ để tải về; nội dung giữ nguyên từng byte)*")
    return out


def _original_row(r: Report, here: str) -> tuple[str, str]:
    """The metadata panel's first row: the original, to download or read, as legal-document sites put it."""
    ext = paths.original_file(r).rsplit(".", 1)[-1]
    size = f"{r.source.size:,}".replace(",", ".")
    return ("Văn bản gốc", f"**{link('Tải văn bản gốc', paths.rel(here, paths.original_file(r)))}** "
                           f"(tệp .{escape(ext)}, {size} byte) · "
                           + link("Xem nguyên văn", paths.rel(here, paths.original_page(r))))


def _provenance(r: Report, here: str) -> list[str]:
    rows = [
        ("Tệp gốc", escape(r.source.file_name)),
        ("SHA-256", f"<code>{r.source.sha256}</code>"),
        ("Kích thước", f"{r.source.size:,} byte".replace(",", ".")),
        ("Bảng mã", escape(r.source.encoding)),
        *([("Lấy từ trang", f'<a href="{escape(r.source.address)}" rel="nofollow">{escape(r.source.address)}</a>')]
          if r.source.address else []),
        ("Chất lượng văn bản", escape(r.text_quality.label)),
        ("Văn bản gốc", link("Xem nguyên văn", paths.rel(here, paths.original_page(r))) + " · "
         + _download(r, here)),
    ]
    out = ["## Nguồn gốc văn bản {: #nguon-goc }\n", '<div class="tdkt-provenance" markdown="1">\n',
           table(("Thuộc tính", "Nội dung"), rows)]
    if r.signatures:
        out.append("\n**Chữ ký số** trên văn bản:\n")
        out.append(table(
            ("Người / đơn vị ký", "Thư điện tử", "Thời điểm", "Tổ chức chứng thực"),
            [(escape(s.signer), escape(s.email), escape(s.time), escape(s.organisation)) for s in r.signatures],
        ))
    if r.notes:
        out.append(f"\n*Ghi chú biên mục:* {escape(r.notes)}\n")
    out.append("\n</div>\n")
    return out


def _exemplars(exemplars: list[Exemplar], here: str) -> list[str]:
    if not exemplars:
        return []
    return ["## Điển hình tiên tiến từ báo cáo này {: #dien-hinh }\n", exemplar_list(exemplars, here)]


EXCERPT = 90  # characters of a citing paragraph shown either side of the citation


def _excerpt(text: str, key: str, own: str) -> str:
    """The words around the citation of ``key`` in ``text``, cut at spaces, with "…" where cut."""
    text = " ".join(text.split())
    c = next((c for c in find_citations(text, own) if c.key == key), None)
    if c is None:
        return text
    start = max(0, c.start - EXCERPT)
    end = min(len(text), c.end + EXCERPT)
    if start:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", c.end, end) if text.rfind(" ", c.end, end) > 0 else end
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _related(r: Report, docs: list[Cited], held: dict[str, Report], here: str) -> list[str]:
    """"Văn bản liên quan": every document the text cites, linked when the archive holds it, with its paragraphs."""
    if not docs:
        return []
    texts = {b.number: b.text for b in r.blocks}
    items = []
    for d in docs:
        name = escape(d.label)
        if d.key in held:
            name = link(name, paths.rel(here, paths.report(held[d.key]))) + " (có trong kho lưu trữ)"
        if d.date:
            name += f" ngày {escape(d.date)}"
        where = ", ".join(link(f"¶ {n}", f"#p-{n}", title=f"Đoạn {n}") for n in d.blocks)
        quote = escape(_excerpt(texts[d.blocks[0]], d.key, r.doc_number))  # the document's words: marked as such
        items.append(f'- {name}. Được nhắc đến ở đoạn {where}: <span class="tdkt-quote">“{quote}”</span>')
    return [
        "## Văn bản liên quan {: #van-ban-lien-quan }\n",
        "Các văn bản mà nội dung văn bản này dẫn chiếu, do máy nhận ra trong từng đoạn văn (số ký hiệu, tên luật); "
        "văn bản có trong kho lưu trữ thì có liên kết đến trang của nó.\n",
        "\n".join(items) + "\n",
    ]


def _on_page(r: Report, sections: list[tuple[str, str]]) -> str:
    """A table of contents for narrow screens (Material's is in a sidebar they do not show): the page's
    sections and the text's first-level headings, in a disclosure that stays one line until opened."""
    levels = _heading_levels(r.blocks)
    heads = [b for b in r.blocks if b.kind is BlockKind.HEADING and levels[b.rank] == _FIRST_LEVEL]
    items = []
    for anchor, label in sections:
        sub = ""
        if anchor == "noi-dung" and heads:
            sub = "<ul>" + "".join(f'<li><a href="#{b.anchor}">{escape(b.text, Context.RAW)}</a></li>'
                                   for b in heads) + "</ul>"
        items.append(f'<li><a href="#{anchor}">{escape(label, Context.RAW)}</a>{sub}</li>')
    return ('<details class="tdkt-onpage"><summary>Mục lục trang</summary>'
            f'<ul>{"".join(items)}</ul></details>\n')


def render_report_page(r: Report, catalog: Catalog, exemplars: list[Exemplar] = (),
                       numbers: dict[str, tuple[Report, ...]] | None = None, docs: list[Cited] | None = None) -> str:
    """``exemplars``: the published exemplars whose passage is in this report; ``numbers``: ``numbers_index``
    of the catalogue (made here when not given; the build makes it once); ``docs``: ``report_citations(r)``."""
    here = paths.report(r)
    heading = report_heading(r)
    title = f"{report_label(r)}: {heading}"
    docs = report_citations(r) if docs is None else docs
    held = cited_reports(r, numbered(docs), numbers_index(catalog) if numbers is None else numbers)
    cites = CiteLinks(r.doc_number, {k: paths.url(here, paths.report(h)) for k, h in held.items()})
    awards, examples = _awards(r), _exemplars(list(exemplars), here)
    sections = [("noi-dung", "Nội dung văn bản")]
    sections += [("van-ban-lien-quan", "Văn bản liên quan")] if docs else []
    sections += [("khen-thuong", "Khen thưởng trong báo cáo")] if awards else []
    sections += [("dien-hinh", "Điển hình tiên tiến")] if examples else []
    sections += [("nguon-goc", "Nguồn gốc văn bản")]
    parts = [
        front_matter({"title": escape(title, Context.HTML), "description": escape(heading, Context.HTML)}),
        f"# {escape(heading)}\n",
        f'<p class="tdkt-kicker">{escape(report_label(r), Context.HTML)} · {escape(r.issuer or missing(r), Context.HTML)}'
        + (f' · <strong>{escape(r.status.label, Context.HTML)}</strong>' if r.draft else "") + '</p>\n',
        '<div class="tdkt-meta" markdown="1">\n',
        table(("Thuộc tính", "Nội dung"), _meta_rows(r, catalog, here)),
        "\n</div>\n",
        _on_page(r, sections),
        *_notices(r),
        "## Nội dung văn bản {: #noi-dung }\n",
        *_body(r.blocks, _twin_to_ocr(r) if r.has_ocr else None, cites=cites),
        *_related(r, docs, held, here),
        *awards,
        *examples,
        *_provenance(r, here),
    ]
    return "\n".join(parts)


def render_ocr_page(r: Report) -> str:
    """The OCR text of a restored report, block for block, with the same anchors as the report page."""
    here = paths.ocr_page(r)
    return "\n".join([
        front_matter({"title": escape(f"Bản OCR: {report_label(r)}", Context.HTML)}),
        f"# Bản OCR: {escape(r.title)}\n",
        "Văn bản đúng như bản nhận dạng chữ (OCR), trước khi máy khôi phục dấu tiếng Việt, chia đoạn như bản "
        "đã khôi phục (cùng số đoạn). " + link("Trở về bản đã khôi phục dấu", paths.rel(here, paths.report(r)))
        + " · " + link("Nguyên văn tệp gốc", paths.rel(here, paths.original_page(r))) + "\n",
        *_body(r.ocr_blocks, _twin_to_restored(r), "tdkt-text tdkt-ocr-text"),
    ])


def _original(text: str) -> str:
    """The original text, line for line, as one raw HTML block (no ``markdown="1"``: nothing in it is Markdown,
    Python-Markdown copies it as it is; see ``tdkt.site.markdown``)."""
    shown = escape(text, Context.VERBATIM) if text.strip() else f"<p><em>{escape(NOT_STATED, Context.RAW)}</em></p>"
    return f'<div class="tdkt-original">\n{shown}\n</div>\n'


def _read_by_tool(r: Report) -> str:
    """An original that is not text (a .docx, a PDF, a scan): it is offered for download; its text, as read
    when it was received, is the report's page."""
    what = {"docx": "tệp Word (.docx)", "pdftotext": "tệp PDF", "tesseract-vie": "bản quét (ảnh hoặc PDF)"}
    return (f'<div class="tdkt-original">\n<p><em>Nguyên văn là {what.get(r.source.encoding, "tệp nhị phân")}: '
            f'hãy tải tệp gốc để xem; phần chữ đọc được từ tệp khi tiếp nhận có ở trang văn bản.</em></p>\n</div>\n')


def render_original_page(r: Report) -> str:
    here = paths.original_page(r)
    intro = (
        f"Nguyên văn tệp **{escape(r.source.file_name)}** đúng như khi tiếp nhận, không chỉnh sửa "
        f"(SHA-256 <code>{r.source.sha256}</code>). "
        + link("Trở về văn bản", paths.rel(here, paths.report(r))) + " · "
        + _download(r, here) + "\n"
    )
    furniture = ""
    if r.furniture:
        furniture = ("\n## Phần đã tách khỏi nội dung\n\nSố trang, tiêu đề lặp lại và dấu chữ ký số mà bước "
                     "chuẩn hoá đã tách ra khỏi nội dung (vẫn có trong nguyên văn ở trên):\n\n"
                     + escape("\n".join(r.furniture), Context.VERBATIM) + "\n")
    return "\n".join([
        front_matter({"title": escape(f"Nguyên văn: {report_label(r)}", Context.HTML)}),
        f"# Nguyên văn: {escape(r.title)}\n",
        intro,
        _original(r.original_text) if r.source.encoding not in TOOL_ENCODINGS else _read_by_tool(r),
        furniture,
    ])
