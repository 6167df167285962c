"""Generated pages: golden files for the fixture archive, and the rules they must follow."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tdkt.site import paths
from tdkt.site.pages import DuplicatePage, _put, build_pages

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "site_src"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def test_golden_site_src(fixture_catalog):
    """The generated Markdown for the fixture archive, byte for byte.

    Regenerate on purpose with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_pages.py`
    and review the diff.
    """
    pages = {p: c for p, c in build_pages(fixture_catalog, "vietnamadminunits 1.0.4").items() if p.endswith(".md")}
    if UPDATE:
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, content in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(content, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for path, content in pages.items():
        assert content == expected[path], f"{path} differs from its golden file"


def test_two_units_named_long_xuyen_get_two_pages(fixture_catalog):
    pages = build_pages(fixture_catalog, "x")
    assert "don-vi/phuong-long-xuyen-10738.md" in pages  # ward in Hải Dương
    assert "don-vi/thanh-pho-long-xuyen-883.md" in pages  # city in An Giang
    assert "Tỉnh Hải Dương" in pages["don-vi/phuong-long-xuyen-10738.md"]
    assert "Tỉnh An Giang" in pages["don-vi/thanh-pho-long-xuyen-883.md"]


def test_same_name_same_province_never_share_a_slug(gazetteer):
    a, b = gazetteer.get("xa-10825"), gazetteer.get("xa-10966")  # two Xã Tân Việt in Hải Dương
    assert a.full_name == b.full_name == "Xã Tân Việt"
    assert paths.unit(a) != paths.unit(b)


def test_all_unit_slugs_in_the_gazetteer_are_unique(gazetteer):
    slugs = [paths.unit_slug(u) for u in gazetteer.units.values()]
    assert len(slugs) == len(set(slugs)) == len(gazetteer.units)


def test_hostile_report_text_is_inert(fixture_catalog):
    page = build_pages(fixture_catalog, "x")["bao-cao/2023-long-xuyen-hd-bc-1/index.md"]
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<p id="p-9"># 12 cá nhân được khen <a class="tdkt-para"' in page  # stays a paragraph
    assert "<i>" not in page  # metadata is escaped too


def test_blank_number_and_day_are_shown_as_blank(fixture_catalog):
    page = build_pages(fixture_catalog, "x")["bao-cao/2023-tan-viet-bc-ocr/index.md"]
    assert "| Số ký hiệu | /BC-UBND *(văn bản để trống số)* |" in page
    assert "| Ngày ban hành | …/06/2023 *(văn bản để trống ngày)* |" in page


def test_duplicate_page_is_a_bug():
    pages = {"a.md": "x"}
    with pytest.raises(DuplicatePage):
        _put(pages, "a.md", "y")


def test_every_paragraph_has_an_anchor(fixture_catalog):
    pages = build_pages(fixture_catalog, "x")
    for report in fixture_catalog.reports:
        page = pages[paths.report(report)]
        for block in report.blocks:
            assert f' id="{block.anchor}">' in page


def test_mkdocs_sees_every_anchor_and_heading_of_the_text(fixture_catalog, tmp_path):
    """The text is raw HTML (tdkt.site.report_page._body): MkDocs still finds each p-N (its _RawHTMLPreprocessor reads
    ids in raw HTML; `validation: anchors` needs them), and the headings of the text are in the page's toc."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from tdkt.model import BlockKind

    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    config = load_config(str(Path(__file__).resolve().parents[2] / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site))
    pages = build_pages(fixture_catalog, "x")
    checked = 0
    for report in fixture_catalog.reports:
        for path, blocks in ((paths.report(report), report.blocks), (paths.ocr_page(report), report.ocr_blocks)):
            if not blocks:
                continue
            content = pages[path]
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
            file = File(path, str(docs), str(site), use_directory_urls=True)
            page = Page(None, file, config)
            page.read_source(config)
            page.render(config, Files([file]))
            assert {b.anchor for b in blocks} <= page.present_anchor_ids, path

            def ids(items):
                return [i for item in items for i in [item.id, *ids(item.children)]]

            headings = [b.anchor for b in blocks if b.kind is BlockKind.HEADING]
            assert [i for i in ids(page.toc) if i.startswith("p-")] == headings, path
            checked += bool(headings)
    assert checked  # the fixture has a text with headings


def test_twin_links_are_served_urls_to_blocks_that_exist(fixture_catalog):
    """Links inside the text's raw HTML are not rewritten nor checked by MkDocs: they are written as served URLs,
    each to a block of the twin page (tests/test_site.py follows them in the built site too)."""
    import re

    from tdkt.model import BlockKind

    pages = build_pages(fixture_catalog, "x")
    text = {path: (c.decode("utf-8") if isinstance(c, bytes) else c) for path, c in pages.items()}
    twins = [r for r in fixture_catalog.reports if r.ocr_blocks]
    assert twins
    for r in twins:
        for here, there, base in ((paths.report(r), paths.ocr_page(r), "ocr/"),
                                  (paths.ocr_page(r), paths.report(r), "../")):
            assert paths.url(here, there) == base
            links = re.findall(r'<a class="tdkt-twin" href="([^"]+)"', text[here])
            assert links == [f"{base}#{b.anchor}" for b in r.blocks if b.kind is not BlockKind.HEADING]
            assert all(f'<p id="{b.anchor}">' in text[there] or f'<li id="{b.anchor}">' in text[there]
                       or re.search(f'<h[3-6] id="{b.anchor}">', text[there]) for b in r.blocks)


def test_the_issuer_shows_its_kind_and_the_body_above_it(fixture_catalog):
    """A Sở's document names the Sở, says what kind of body it is and whose it is; a news article's publisher is
    where it was published, not an issuer."""
    import dataclasses

    from tdkt.site.report_page import render_report_page
    r = fixture_catalog.reports[0]
    sở = dataclasses.replace(r, issuer="Sở Giáo dục và Đào tạo", issuer_kind="so", issuer_parent="UBND tỉnh Sơn La")
    page = render_report_page(sở, fixture_catalog)
    assert "| Cơ quan ban hành | Sở Giáo dục và Đào tạo (sở, ban, ngành cấp tỉnh, thuộc UBND tỉnh Sơn La) |" in page
    ubnd = dataclasses.replace(r, issuer="Ủy ban nhân dân phường Long Xuyên", issuer_kind="ubnd", issuer_parent="")
    assert "| Cơ quan ban hành | Ủy ban nhân dân phường Long Xuyên |" in render_report_page(ubnd, fixture_catalog)
    from tdkt.model import DocType, Origin
    news_type = DocType(id="bai-bao", name="Bài báo", code="", origin=Origin(file="vocab"), news=True)
    news = dataclasses.replace(r, issuer="Báo Hà Tĩnh", issuer_kind="bao", issuer_parent="", doc_type=news_type)
    assert "| Nơi đăng | Báo Hà Tĩnh |" in render_report_page(news, fixture_catalog)  # not "(báo, cổng thông tin)"
    # an article states no number, addressee or signer: no rows that would only say "Chưa xác định"
    bare = dataclasses.replace(news, doc_number="", recipient="", signer="", place="")
    page = render_report_page(bare, fixture_catalog)
    assert "| Ngày đăng |" in page and all(f"| {k} |" not in page for k in ("Số ký hiệu", "Kính gửi", "Người ký",
                                                                            "Địa danh", "Ngày ban hành"))
    signed = dataclasses.replace(news, signer="Minh Khiên")  # a byline a person entered stays
    assert "| Người ký | Minh Khiên" in render_report_page(signed, fixture_catalog)


def test_a_province_s_unit_row_has_no_empty_piece(fixture_catalog):
    """A province has no parent: its row says its level alone, not "(cấp tỉnh, )"."""
    import dataclasses

    from tdkt.site.report_page import render_report_page
    r = fixture_catalog.reports[0]
    province = fixture_catalog.units[r.unit.province_id]
    page = render_report_page(dataclasses.replace(r, unit=province), fixture_catalog)
    row = next(line for line in page.splitlines() if line.startswith("| Đơn vị |"))
    assert "(cấp tỉnh)" in row and ", )" not in row


def test_news_articles_are_kept_apart_in_every_list_and_count(fixture_catalog):
    """A news article about results is listed under its own heading, never counted as a document."""
    import dataclasses

    from tdkt.model import DocType, Origin
    from tdkt.site.indexes import render_all_reports, render_unit_index, render_year_page
    from tdkt.site.pages import render_home

    news_type = DocType(id="bai-bao", name="Bài báo", code="", origin=Origin(file="vocab"), news=True)
    first = fixture_catalog.reports[0]
    article = dataclasses.replace(first, id="2023-bai-bao-long-xuyen", title="Phường Long Xuyên khen thưởng 12 tập thể",
                                  doc_type=news_type, doc_number="")
    catalog = dataclasses.replace(fixture_catalog, reports=fixture_catalog.reports + (article,))
    documents = len(fixture_catalog.reports)
    listing = render_all_reports(catalog)
    assert f"Kho có {documents} văn bản và 1 bài báo." in listing
    assert "## Bài báo về kết quả thi đua, khen thưởng (1)" in listing
    before, after = listing.split("## Bài báo về kết quả")
    assert "2023-bai-bao-long-xuyen" in after and "2023-bai-bao-long-xuyen" not in before
    home = render_home(catalog)
    assert f'<span class="tdkt-count">{documents}</span>' in home and "bài báo" in home
    assert "(+1 bài báo)" in render_unit_index(catalog)
    year = render_year_page(first.year, [r for r in catalog.reports if r.year == first.year])
    assert "## Bài báo về kết quả thi đua, khen thưởng (1)" in year


def test_an_award_cell_a_machine_left_empty_is_not_yet_known(fixture_catalog):
    """An empty authority, recipient kind or count says "the text does not state it" only in a record a person
    checked; in one a machine read it says "not yet determined"."""
    import dataclasses

    from tdkt.site.report_page import render_report_page
    r = next(r for r in fixture_catalog.reports if r.awards)
    blank = dataclasses.replace(r.awards[0], authority="", recipients=None, count=None)
    checked = dataclasses.replace(r, awards=(dataclasses.replace(blank, reviewed=True),))
    unchecked = dataclasses.replace(r, awards=(dataclasses.replace(blank, reviewed=False),))
    row = f"| {blank.form.name} | *Không ghi trong văn bản* | *Không ghi trong văn bản* | *Không ghi trong văn bản* |"
    assert row in render_report_page(checked, fixture_catalog)
    assert f"| {blank.form.name} | *Chưa xác định* | *Chưa xác định* | *Chưa xác định* |" in \
        render_report_page(unchecked, fixture_catalog)


def test_an_exemplar_page_links_its_year_only_when_a_report_is_filed_under_it(fixture_catalog):
    import dataclasses

    from tdkt.site import paths as site_paths
    from tdkt.site.exemplar_pages import published, render_exemplar_page, report_years, reports_by_id

    e = published(fixture_catalog)[0]
    r = reports_by_id(fixture_catalog)[e.report_id]
    years = report_years(fixture_catalog)
    assert e.year in years and {rep.year for rep in fixture_catalog.reports} == years
    year_link = site_paths.rel(site_paths.exemplar(e), site_paths.year(e.year))
    page = render_exemplar_page(e, r, fixture_catalog)
    assert f"]({year_link})" in page and render_exemplar_page(e, r, fixture_catalog, years) == page
    lonely = dataclasses.replace(e, year=1999)  # no report is filed under 1999: no year page to link
    assert site_paths.year(1999) not in render_exemplar_page(lonely, r, fixture_catalog)
    assert "| 1999 |" in render_exemplar_page(lonely, r, fixture_catalog, years)
