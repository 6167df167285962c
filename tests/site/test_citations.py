"""Documents a report cites, recognised in its text as Vietnamese documents spell them."""
from __future__ import annotations

import pytest

from tdkt.site.citations import cited_documents, find_citations, number_key


def found(text: str, own: str = "") -> list[tuple[str, str, str]]:
    return [(c.label, c.date, text[c.start:c.end]) for c in find_citations(text, own)]


@pytest.mark.parametrize("text,label,date", [
    ("Căn cứ Luật Thi đua, khen thưởng 2022;", "Luật Thi đua, khen thưởng 2022", ""),
    ("theo Luật Thi đua, khen thưởng năm 2022 và", "Luật Thi đua, khen thưởng 2022", ""),
    ("căn cứ vào Luật Thi đua khen thưởng ngày 26/11/2003", "Luật Thi đua khen thưởng", "26/11/2003"),
    ("thực hiện Chỉ thị 19/CT-TTg của Thủ tướng", "Chỉ thị số 19/CT-TTg", ""),
    ("Thực hiện Kế hoạch số 013/KH-UBND ngày 09/02/2023 về", "Kế hoạch số 013/KH-UBND", "9/2/2023"),
    ("theo Quyết định số 1632/QĐ-UBND ngày 22/5/2020 của UBND tỉnh", "Quyết định số 1632/QĐ-UBND", "22/5/2020"),
    ("Quyết định Số 1632/QĐ-UBND.", "Quyết định số 1632/QĐ-UBND", ""),
    ("Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ", "Nghị định số 91/2017/NĐ-CP", "31/7/2017"),
    ("Nghị định 91/2017/NĐ-CP quy định", "Nghị định số 91/2017/NĐ-CP", ""),
    ("triển khai Kế hoạch 10-KH/LĐ của", "Kế hoạch số 10-KH/LĐ", ""),
    ("Chỉ thị số 05-CT/TW về đẩy mạnh", "Chỉ thị số 05-CT/TW", ""),
    ("Chỉ thị số 37-CT/TW ngày 10 tháng 5 năm 2014 của Tỉnh ủy", "Chỉ thị số 37-CT/TW", "10/5/2014"),
    ("Chỉ thị số 199/CT- UBND ngày 01/02/2023", "Chỉ thị số 199/CT-UBND", "1/2/2023"),  # a space after the dash
    ("Kế hoạch số 3382/UBND- KH ngày 11/11/2022", "Kế hoạch số 3382/UBND-KH", "11/11/2022"),
    ("Luật số 39/2013/QH13 ngày 16/11/2013 về sửa đổi", "Luật số 39/2013/QH13", "16/11/2013"),
    ("chỉ thị số 07/CT-TTg ngày 19/3/2014", "Chỉ thị số 07/CT-TTg", "19/3/2014"),  # small letters
    ("Nghị quyết sẽ 65/2018/NQ-HPND ngày 18/7/2018", "Nghị quyết số 65/2018/NQ-HPND", "18/7/2018"),  # OCR's "số"
])
def test_real_spellings(text, label, date):
    (got,) = found(text)
    assert got[:2] == (label, date)


def test_several_in_one_sentence_in_order():
    text = ("luật thi đua khen thưởng, Luật Thi đua, Khen thưởng, Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 và "
            "Chỉ thị 19/CT-TTg")
    assert [g[0] for g in found(text)] == ["Luật Thi đua, Khen thưởng", "Nghị định số 91/2017/NĐ-CP",
                                          "Chỉ thị số 19/CT-TTg"]


@pytest.mark.parametrize("text", [
    "Kế hoạch phát triển kinh tế - xã hội 5 năm 2021-2026",  # a period, not a number
    "Kế hoạch 2021-2025 của xã",
    "chấp hành pháp luật của Nhà nước",  # "luật" as a word
    "tuyên truyền luật về thi đua, khen thưởng",
    "Luật sửa đổi bổ sung một số điều",  # no name with a capital
    "xây dựng kế hoạch cụ thể để tổ chức thực hiện",
])
def test_not_citations(text):
    assert found(text) == []


def test_the_reports_own_number_is_not_a_citation():
    text = "BÁO CÁO số 184/BC-UBND ngày 26/12/2023; Báo cáo số 12/BC-UBND của huyện"
    assert [g[0] for g in found(text, own="184/BC-UBND")] == ["Báo cáo số 12/BC-UBND"]
    assert [g[0] for g in found("Báo cáo số 184/ BC-UBND", own="184/BC-UBND")] == []


def test_two_spellings_are_one_document_with_every_paragraph():
    docs = cited_documents([(3, "Thực hiện Kế hoạch số 013/KH-UBND của UBND"),
                            (5, "Theo kế hoạch 013/KH-UBND ngày 09/02/2023"),
                            (7, "Luật Thi đua, khen thưởng năm 2022; Luật Thi đua khen thưởng 2022")])
    assert [(d.label, d.date, d.blocks) for d in docs] == [
        ("Kế hoạch số 013/KH-UBND", "9/2/2023", (3, 5)), ("Luật Thi đua, khen thưởng 2022", "", (7,))]
    assert number_key(" 013/KH- UBND") == number_key("013/kh-ubnd")


def test_the_seed_reports(seed_catalog):
    """Every seed report's citations: none is its own number, the known ones are there."""
    labels = set()
    for r in seed_catalog.reports:
        docs = cited_documents([(b.number, b.text) for b in r.blocks], r.doc_number)
        assert all(number_key(d.number) != number_key(r.doc_number) for d in docs if d.number)
        labels |= {d.label for d in docs}
    assert {"Kế hoạch số 013/KH-UBND", "Nghị định số 91/2017/NĐ-CP", "Chỉ thị số 05-CT/TW"} <= labels


def test_report_page_links_a_cited_report_the_archive_holds_and_lists_the_others(seed_catalog):
    """Give another seed the number a report cites: the citation in the text and in "Văn bản liên quan"
    links to it; the documents the archive lacks are listed without a link, each with its paragraph."""
    import dataclasses

    from tdkt.site.report_page import render_report_page

    citing = next(r for r in seed_catalog.reports if r.id == "2023-long-xuyen-kinh-mon-bc-6")
    other = next(r for r in seed_catalog.reports if r.id == "2023-my-quy-long-xuyen-bc-184")
    held = dataclasses.replace(other, doc_number="013/KH-UBND",
                               issued=dataclasses.replace(other.issued, year=2023, month=2, day=9))
    catalog = dataclasses.replace(seed_catalog, reports=tuple(held if r.id == other.id else r
                                                              for r in seed_catalog.reports))
    page = render_report_page(citing, catalog)
    related = page.split("## Văn bản liên quan", 1)[1].split("\n## ", 1)[0]
    assert f"[Kế hoạch số 013/KH-UBND](../{other.id}/index.md) (có trong kho lưu trữ) ngày 9/2/2023" in related
    assert f'<a class="tdkt-cite" href="../{other.id}/">Kế hoạch số 013/KH-UBND ngày 09/02/2023</a>' in page
    assert "- Chỉ thị số 37-CT/TW ngày 10/5/2014. Được nhắc đến ở đoạn [¶ 14](#p-14" in related
    # a number the archive holds for another day is another document: no link
    elsewhere = dataclasses.replace(held, issued=dataclasses.replace(other.issued, year=2022, month=1, day=3))
    catalog = dataclasses.replace(seed_catalog, reports=tuple(elsewhere if r.id == other.id else r
                                                              for r in seed_catalog.reports))
    assert "tdkt-cite" not in render_report_page(citing, catalog)
    # the report's own number: never listed
    own = render_report_page(other, seed_catalog).split("## Văn bản liên quan", 1)[1].split("\n## ", 1)[0]
    assert "184/BC-UBND" not in own and "Công văn số 455/UBND-NV" in own
