"""Exemplars: data/exemplars/*.yml → Exemplar (problems word for word), the proposer, the YAML writer, the command."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from tdkt.catalog.load import load_catalog
from tdkt.site.exemplar_pages import by_report_and_unit, published
from tdkt.ingest.exemplar_propose import propose
from tdkt.catalog.exemplar_records import exemplar_yaml, parse_exemplar, quote_in
from tdkt.model import ExemplarKind, ExemplarStatus
from tdkt.problems import Problems
from tdkt.catalog.yamlread import read_yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FILE = "exemplars/x.yml"

GOOD = '''\
name: "Công an phường"
kind: "tập thể"
year: "2023"
achievement: "Đạt danh hiệu “Đơn vị quyết thắng”."
award: "don-vi-quyet-thang"
authority: ""
movements: ["chuyen-doi-so"]
report: "2023-long-xuyen-hd-bc-1"
block: "7"
quote: "Công an phường đạt danh hiệu đơn vị quyết thắng"
status: "published"
note: ""
'''



def parse(yml: str, catalog, ident: str = "x"):
    problems = Problems()
    root = read_yaml(yml, FILE, problems)
    e = parse_exemplar(ident, root, FILE, catalog, problems)
    return e, [p.format() for p in problems]


def with_(**changes) -> str:
    out = []
    for line in GOOD.splitlines():
        key = line.split(":")[0]
        if key in changes:
            if changes[key] is not None:
                out.append(f"{key}: {changes[key]}")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def test_a_good_record(fixture_catalog):
    e, problems = parse(GOOD, fixture_catalog)
    assert problems == []
    assert (e.name, e.kind, e.year, e.award.id, e.block, e.status) == (
        "Công an phường", ExemplarKind.COLLECTIVE, 2023, "don-vi-quyet-thang", 7, ExemplarStatus.PUBLISHED)
    assert [m.id for m in e.movements] == ["chuyen-doi-so"]
    assert e.anchor == "p-7" and e.origin.file == FILE


@pytest.mark.parametrize("changes, message", [
    (dict(report='"khong-co"'),
     'exemplars/x.yml:8:9: error[R106] report: "khong-co" is not in the archive (data/reports/). '
     "Fix: write the id of a report folder in data/reports/"),
    (dict(block='"99"'),
     "exemplars/x.yml:9:8: error[R111] block: report 2023-long-xuyen-hd-bc-1 has no block 99 (text.txt has 12 "
     "blocks). Fix: cite the number of the paragraph, as in #p-<number> on the report page"),
    (dict(quote='"Công an xã đạt danh hiệu"'),
     "exemplars/x.yml:10:8: error[R112] quote: paragraph 7 of report 2023-long-xuyen-hd-bc-1 does not contain "
     "this quote. Fix: copy the words from text.txt (line 13); mark words left out with …"),
    (dict(award='"bang-khen-vang"'),
     'exemplars/x.yml:5:8: error[R106] award: "bang-khen-vang" is not in vocab/award_types.yml. '
     "Fix: use an id from that file, or leave it out when the passage names no award"),
    (dict(movements='["khong-co"]'),
     'exemplars/x.yml:7:13: error[R106] movements: "khong-co" is not in vocab/movements.yml. '
     "Fix: use an id from that file"),
    (dict(year='"năm 2023"'),
     'exemplars/x.yml:3:7: error[R103] year: "năm 2023" is not a whole number from 1945 to 2100. '
     "Fix: write a number such as 1945"),
    (dict(kind='"đơn vị"'), None),
    (dict(status='"done"'), None),
    (dict(name=None), "exemplars/x.yml:1:1: error[R101] name: is required but missing or empty. Fix: add `name: ...`"),
])
def test_bad_fields_name_file_line_and_field(fixture_catalog, changes, message):
    e, problems = parse(with_(**changes), fixture_catalog)
    assert e is None
    assert len(problems) == 1, problems
    field = next(iter(changes))
    assert "error[R1" in problems[0] and f"] {field}:" in problems[0]
    if message is not None:
        assert problems[0] == message


def test_the_messages_for_choices_list_the_allowed_values(fixture_catalog):
    _, problems = parse(with_(kind='"đơn vị"'), fixture_catalog)
    assert "tập thể" in problems[0] and "cá nhân" in problems[0] and "mô hình" in problems[0]
    _, problems = parse(with_(status='"done"'), fixture_catalog)
    assert "proposed" in problems[0] and "published" in problems[0] and "rejected" in problems[0]


def test_a_file_name_that_is_not_a_slug_is_refused(fixture_catalog):
    e, problems = parse(GOOD, fixture_catalog, ident="../Công an")
    assert e is None
    assert problems == ['exemplars/x.yml: error[R105] id: file name "../Công an.yml" is not a valid exemplar id. '
                        "Fix: name the file with lowercase ASCII letters, digits and hyphens, e.g. "
                        "cong-an-long-xuyen-2023.yml"]


def test_an_exemplar_of_a_report_with_errors_adds_no_second_message(fixture_catalog):
    problems = Problems()
    e = parse_exemplar("x", read_yaml(with_(report='"hong"'), FILE, problems), FILE, fixture_catalog, problems,
                       frozenset({"hong"}))
    assert e is None and len(problems) == 0


@pytest.mark.parametrize("quote, passage, found", [
    ("đạt danh hiệu", "Công an phường đạt danh hiệu đơn vị quyết thắng", True),
    ("Công an … quyết thắng", "Công an phường đạt danh hiệu đơn vị quyết thắng", True),
    ("quyết thắng … Công an", "Công an phường đạt danh hiệu đơn vị quyết thắng", False),  # parts in order
    ("dat danh hieu", "Công an phường đạt danh hiệu", False),  # marks must match
    ("Đạt danh hiệu", "Công an phường đạt danh hiệu", False),  # case must match
    ("đạt   danh\nhiệu", "Công an phường đạt danh  hiệu", True),  # whitespace runs are one space
    ("hoà bình", "hòa bình", False),  # the author's tone placement is text
    ("…", "bất kỳ", False),
    ("", "bất kỳ", False),
])
def test_quote_in(quote, passage, found):
    assert quote_in(quote, passage) is found


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60),
       st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_any_slice_of_a_passage_is_found_in_it(passage, a, b):
    a, b = sorted((a, b))
    part = passage[a:b]
    if part.strip() and "…" not in part:
        # a slice that cuts a whitespace run may keep part of it: squeezing makes both sides agree
        assert quote_in(part, passage)


def test_exemplar_yaml_round_trips(fixture_catalog):
    hostile = dataclasses.replace(
        next(e for e in fixture_catalog.exemplars if e.id == "hoi-2023"), id="x")
    text = exemplar_yaml(hostile, why="dòng một\ndòng hai")
    assert text.startswith("# dòng một\n# dòng hai\n")
    e, problems = parse(text, fixture_catalog)
    assert problems == []
    assert dataclasses.replace(e, origin=hostile.origin) == hostile


# ----------------------------------------------------------------- the seeds


def test_the_seeds_publish_the_exemplars_they_name(seed_catalog):
    shown = {e.id: e for e in published(seed_catalog)}
    assert sorted(shown) == ["cong-an-phuong-long-xuyen-2023", "hoi-lhpn-phuong-long-xuyen-2023",
                             "ubnd-phuong-long-xuyen-2023", "ubnd-thi-tran-ha-trung-2023"]
    ha_trung = shown["ubnd-thi-tran-ha-trung-2023"]
    assert ha_trung.award.id == "bang-khen-cap-tinh" and ha_trung.authority == "Chủ tịch UBND tỉnh Thanh Hóa"
    assert "tệ nạn ma tuý giai đoạn 2018-2023" in ha_trung.quote
    assert shown["cong-an-phuong-long-xuyen-2023"].award.id == "don-vi-quyet-thang"
    statuses = {e.id: e.status for e in seed_catalog.exemplars}
    assert statuses["hoi-khuyen-hoc-phuong-long-xuyen-2023"] is ExemplarStatus.PROPOSED
    assert statuses["nguoi-tot-viec-tot-2023"] is ExemplarStatus.REJECTED


def test_exemplars_are_grouped_by_report_and_unit(seed_catalog):
    by_report, by_unit = by_report_and_unit(seed_catalog)
    assert sorted(e.id for e in by_report["2023-long-xuyen-kinh-mon-bc-6"]) == [
        "cong-an-phuong-long-xuyen-2023", "hoi-lhpn-phuong-long-xuyen-2023", "ubnd-phuong-long-xuyen-2023"]
    assert [e.id for e in by_unit["xa-15271"]] == ["ubnd-thi-tran-ha-trung-2023"]


def test_the_proposer_finds_the_named_recipients_of_high_awards(seed_catalog):
    found = propose(seed_catalog, (), set())
    names = sorted(c.exemplar.name for c in found)
    assert names == ["Công an phường Long Xuyên", "Hội Khuyến học phường Long Xuyên", "Hội LHPN phường Long Xuyên",
                     "Người tốt, việc tốt", "UBND phường Long Xuyên", "UBND thị trấn Hà Trung"]
    # Giấy khen recipients (Chi bộ 1, Chi bộ 3; UBND thị trấn Hà Trung's Giấy khen) are not proposed
    assert not any(c.exemplar.award and c.exemplar.award.id.startswith("giay-khen") for c in found)
    for c in found:
        e = c.exemplar
        assert e.status is ExemplarStatus.PROPOSED
        report = next(r for r in seed_catalog.reports if r.id == e.report_id)
        block = next(b for b in report.blocks if b.number == e.block)
        assert quote_in(e.quote, block.text), (e.id, e.quote)
    assert len({c.exemplar.id for c in found}) == len(found)


def test_the_proposer_skips_what_is_curated_whatever_its_status(seed_catalog):
    assert propose(seed_catalog, seed_catalog.exemplars, {e.id for e in seed_catalog.exemplars}) == []


def test_the_proposer_never_reuses_an_id(seed_catalog):
    found = propose(seed_catalog, (), {"cong-an-phuong-long-xuyen-2023", "cong-an-phuong-long-xuyen-2023-2"})
    assert "cong-an-phuong-long-xuyen-2023-3" in {c.exemplar.id for c in found}


def test_the_command_writes_proposals_that_validate_and_never_overwrites(tmp_path, gazetteer):
    from tdkt.cli import main

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for p in (data / "exemplars").glob("*.yml"):
        if p.name != "cong-an-phuong-long-xuyen-2023.yml":
            p.unlink()
    kept = (data / "exemplars" / "cong-an-phuong-long-xuyen-2023.yml").read_bytes()
    assert main(["exemplars", "--propose", "--data", str(data)]) == 0
    written = sorted(p.name for p in (data / "exemplars").glob("*.yml"))
    assert len(written) == 6
    assert (data / "exemplars" / "cong-an-phuong-long-xuyen-2023.yml").read_bytes() == kept
    problems = Problems()
    catalog = load_catalog(data, gazetteer, problems)
    assert not len(problems), problems.report()
    assert [e.id for e in published(catalog)] == ["cong-an-phuong-long-xuyen-2023"]  # nothing published by itself
    assert main(["exemplars", "--propose", "--data", str(data)]) == 0  # a second run proposes nothing new
    assert sorted(p.name for p in (data / "exemplars").glob("*.yml")) == written


def test_the_command_needs_propose(capsys):
    from tdkt.cli import main

    assert main(["exemplars"]) == 2
    assert "python build.py exemplars --propose" in capsys.readouterr().err


def test_a_list_of_examples_under_its_heading_line():
    from tdkt.ingest.exemplar_propose import listed
    texts = ["Hội nghị đã đánh giá kết quả hoạt động hè năm 2023.",
             "Những cá nhân tiêu biểu về điển hình gương người tốt việc tốt năm 2023:",
             "Bà Nguyễn Thị Thúy – thôn Trại Hồ", "Ông Nguyễn Minh Sắc - Trưởng thôn thôn Đồng Trạng",
             "- Chi bộ thôn Đoàn Kết", "Ông Khuất Long Duy- BTCB, Trưởng BCT MT thôn Triều Đông",
             "Hội nghị cũng phát động phong trào thi đua năm 2024.", "Bà Lê Thị Hoa – thôn Trại Hồ"]
    assert listed(texts) == [(2, "Nguyễn Thị Thúy"), (3, "Nguyễn Minh Sắc"), (4, "Chi bộ thôn Đoàn Kết"),
                             (5, "Khuất Long Duy")]  # the list ends at the first line that names no one


def test_examples_named_after_the_colon_and_never_a_sentence():
    from tdkt.ingest.exemplar_propose import listed
    assert listed(["+ Có 04 giáo viên giỏi cơ sở: Cô Nguyễn Thị Bảo Thu (ngữ Văn), cô Tạ Thị Hoàng Hà (Lịch sử) , cô "
                   "Phạm Thị Giang (Sinh học), cô Vũ Thị Dung (Toán)"]) == [
        (0, "Nguyễn Thị Bảo Thu"), (0, "Tạ Thị Hoàng Hà"), (0, "Phạm Thị Giang"), (0, "Vũ Thị Dung")]
    # a person's position and place after the name are not names of their own
    assert listed(["Phụ nữ tiêu biểu gồm: bà Trần Thị Hằng, Chi hội trưởng Chi hội phụ nữ khu phố 7, phường Long Bì; "
                   "bà Lê Thị Lan, Chủ tịch Hội phụ nữ xã An Hòa"]) == [(0, "Trần Thị Hằng"), (0, "Lê Thị Lan")]
    # after the colon, a sentence: not a list of names
    assert listed(["Đơn vị xuất sắc trong phong trào: Hội Liên hiệp phụ nữ tỉnh cung cấp thông tin, hội viên phụ nữ "
                   "trên địa bàn tỉnh tham gia tích cực, thành phố triển khai nhiều hoạt động"]) == []
    assert listed(["Kết quả năm 2023: xã đạt 95% hộ gia đình văn hóa."]) == []  # no cue before the colon


def test_the_proposer_quotes_the_listed_examples(seed_catalog):
    """Proposals from a list cite the paragraph that names each, whose text holds the name."""
    import dataclasses as dc
    from tdkt.model import Block, BlockKind
    r = seed_catalog.reports[0]
    n = len(r.blocks)
    extra = (Block(number=n + 1, kind=BlockKind.PARAGRAPH, text="Những gương người tốt việc tốt tiêu biểu năm 2023:"),
             Block(number=n + 2, kind=BlockKind.LIST_ITEM, text="- Bà Nguyễn Thị Thúy – thôn Trại Hồ"),
             Block(number=n + 3, kind=BlockKind.LIST_ITEM, text="- Ông Nguyễn Văn Lịch – Trưởng xóm"))
    report = dc.replace(r, text=dc.replace(r.text.get(), blocks=r.blocks + extra))
    catalog = dc.replace(seed_catalog, reports=(report,) + seed_catalog.reports[1:])
    found = [c.exemplar for c in propose(catalog, (), set()) if c.exemplar.report_id == r.id and c.exemplar.block > n]
    assert [(e.name, e.block, e.kind) for e in found] == [("Nguyễn Thị Thúy", n + 2, ExemplarKind.INDIVIDUAL),
                                                          ("Nguyễn Văn Lịch", n + 3, ExemplarKind.INDIVIDUAL)]
    assert all(quote_in(e.quote, b.text) for e, b in zip(found, extra[1:]))


def test_a_proposal_takes_its_year_from_its_report_else_its_quote_else_none_is_made(seed_catalog):
    """Year is required in an exemplar's file: a draft with no period or date proposes what its quote dates, and
    nothing undated (the files it writes would not validate)."""
    import dataclasses as dc
    from tdkt.ingest.exemplar_propose import stated_year
    from tdkt.model import Block, BlockKind
    assert stated_year("tuyên dương năm 2021 (kỷ niệm 14/10/1930)") == 2021
    assert stated_year("giai đoạn 2016-2020") == 2016 and stated_year("ngày 14/10/1930") is None
    r = dc.replace(seed_catalog.reports[0], period=None, issued=None, awards=(), title="Tin hoạt động")
    n = len(r.blocks)
    r = dc.replace(r, text=dc.replace(r.text.get(), blocks=r.blocks + (
        Block(number=n + 1, kind=BlockKind.PARAGRAPH, text="Những gương người tốt việc tốt tiêu biểu năm 2023:"),
        Block(number=n + 2, kind=BlockKind.LIST_ITEM, text="- Bà Nguyễn Thị Thúy – thôn Trại Hồ, năm 2023"),
        Block(number=n + 3, kind=BlockKind.LIST_ITEM, text="- Ông Nguyễn Văn Lịch – Trưởng xóm"))))
    catalog = dc.replace(seed_catalog, reports=(r,))
    assert r.year is None
    assert [(c.exemplar.name, c.exemplar.year) for c in propose(catalog, (), set())] == [("Nguyễn Thị Thúy", 2023)]
