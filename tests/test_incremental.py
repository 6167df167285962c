"""Edit one report, rebuild: only what depends on it is rendered again, and the site is the full build's."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tdkt.cli import main

from .conftest import FIXTURE

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(data: Path, base: Path, name: str, capsys) -> str:
    capsys.readouterr()
    args = ["build", "--data", str(data), "--out", str(base / name), "--docs", str(base / f"{name}-src"),
            "--cache", str(base / f"{name}-cache")]
    assert main(args) == 0
    return capsys.readouterr().err.splitlines()[-1]


def test_an_incremental_rebuild_is_byte_identical_to_a_full_build(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    first = build(data, tmp_path, "site", capsys)
    assert "dựng mới toàn bộ" in first
    report = data / "reports" / "2024-tp-long-xuyen-kh"
    yml = report / "report.yml"
    yml.write_text(re.sub(r'^title: "(.*)"$', r'title: "\1 (đã sửa)"', yml.read_text(encoding="utf-8"), count=1,
                          flags=re.M), encoding="utf-8")
    text = report / "text.txt"
    lines = text.read_text(encoding="utf-8").split("\n")
    text.write_text("\n".join([lines[0] + " (đoạn đã sửa)"] + lines[1:]), encoding="utf-8")

    summary = build(data, tmp_path, "site", capsys)
    rendered, reused = map(int, re.search(r"(\d+) dựng lại, (\d+) dùng lại", summary).groups())
    assert "cập nhật từng tệp" in summary and 0 < rendered < reused

    build(data, tmp_path, "fresh", capsys)  # a full build of the edited archive, nothing remembered
    incremental, full = tree(tmp_path / "site"), tree(tmp_path / "fresh")
    assert sorted(incremental) == sorted(full)
    assert [path for path in full if incremental[path] != full[path]] == []
    assert "(đã sửa)" in (tmp_path / "site" / "bao-cao" / "2024-tp-long-xuyen-kh" / "index.html").read_text("utf-8")


def test_a_removed_report_leaves_no_page_behind(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    build(data, tmp_path, "site", capsys)
    shutil.rmtree(data / "reports" / "2023-tan-viet-bc-ocr")
    summary = build(data, tmp_path, "site", capsys)
    assert not re.search(r"; 0 xoá; cập nhật", summary)
    build(data, tmp_path, "fresh", capsys)
    assert tree(tmp_path / "site") == tree(tmp_path / "fresh")


# ------------------------------------------------------------------ what a report page takes from elsewhere
#
# A report's files are remembered (tdkt/site/page_memory.py) and not made again when what they are made from is the
# same. Each case below changes something a report page shows but that is not in the report's folder, rebuilds with
# the memory, and compares with a full build of the changed archive: a stale page cannot survive.

ONE = "2023-long-xuyen-hd-bc-1"   # number 1/BC-UBND, unit Phường Long Xuyên (Thị xã Kinh Môn, Tỉnh Hải Dương)
PLAN = "2024-tp-long-xuyen-kh"


@pytest.fixture
def settled_at_once(monkeypatch):
    """Files count as settled as soon as written (as they are 2 s later): the memory records them at once."""
    from tdkt.engine import fingerprint

    monkeypatch.setattr(fingerprint, "RACY_NS", 0)


def remembered(summary: str) -> tuple[int, int]:
    made, kept = map(int, re.search(r"trang báo cáo: (\d+) báo cáo tạo lại, (\d+) giữ nguyên", summary).groups())
    return made, kept


def same_as_fresh(data: Path, tmp_path: Path, capsys) -> None:
    shutil.rmtree(tmp_path / "fresh", ignore_errors=True)
    shutil.rmtree(tmp_path / "fresh-src", ignore_errors=True)
    shutil.rmtree(tmp_path / "fresh-cache", ignore_errors=True)
    build(data, tmp_path, "fresh", capsys)
    incremental, full = tree(tmp_path / "site"), tree(tmp_path / "fresh")
    assert sorted(incremental) == sorted(full)
    assert [path for path in full if incremental[path] != full[path]] == []
    assert tree(tmp_path / "site-src") == tree(tmp_path / "fresh-src")


def edit_text(data: Path, report: str, line: int, words: str) -> None:
    text = data / "reports" / report / "text.txt"
    lines = text.read_text(encoding="utf-8").split("\n")
    lines[line] += words
    text.write_text("\n".join(lines), encoding="utf-8")


def test_unchanged_reports_are_not_made_again_and_an_edited_one_is(tmp_path, capsys, settled_at_once):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    assert remembered(build(data, tmp_path, "site", capsys)) == (3, 0)
    assert remembered(build(data, tmp_path, "site", capsys)) == (0, 3)
    edit_text(data, PLAN, 2, " (đã sửa)")
    assert remembered(build(data, tmp_path, "site", capsys)) == (1, 2)
    same_as_fresh(data, tmp_path, capsys)


def test_an_edited_exemplar_remakes_the_report_it_quotes(tmp_path, capsys, settled_at_once):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    build(data, tmp_path, "site", capsys)
    exemplar = data / "exemplars" / "cong-an-phuong-2023.yml"
    exemplar.write_text(exemplar.read_text(encoding="utf-8").replace("Đơn vị quyết thắng", "Đơn vị quyết thắng (sửa)"),
                        encoding="utf-8")
    assert remembered(build(data, tmp_path, "site", capsys)) == (1, 2)
    assert "quyết thắng (sửa)" in (tmp_path / "site-src" / "bao-cao" / ONE / "index.md").read_text("utf-8")
    exemplar.write_text(exemplar.read_text(encoding="utf-8").replace('status: "published"', 'status: "proposed"'),
                        encoding="utf-8")  # no longer published: the report page no longer lists it
    assert remembered(build(data, tmp_path, "site", capsys)) == (1, 2)
    same_as_fresh(data, tmp_path, capsys)


def test_a_unit_renamed_in_the_gazetteer_remakes_the_pages_that_name_it(tmp_path, capsys, settled_at_once,
                                                                       monkeypatch):
    import dataclasses

    from tdkt import cli
    from tdkt.catalog.gazetteer import load_gazetteer

    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    build(data, tmp_path, "site", capsys)
    real = load_gazetteer()
    units = dict(real.units)
    units["huyen-292"] = dataclasses.replace(units["huyen-292"], name="Kinh Môn Mới")  # a parent, not the unit
    # the same version string: only the names the page shows can tell the memory (the records are remembered)
    monkeypatch.setattr(cli, "load_gazetteer", lambda: dataclasses.replace(real, units=units))
    made, kept = remembered(build(data, tmp_path, "site", capsys))
    assert made >= 1 and "Kinh Môn Mới" in (tmp_path / "site-src" / "bao-cao" / ONE / "index.md").read_text("utf-8")
    same_as_fresh(data, tmp_path, capsys)


def test_a_citation_that_comes_to_resolve_remakes_the_citing_page(tmp_path, capsys, settled_at_once):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    edit_text(data, PLAN, 2, " theo Báo cáo số 7/BC-UBND")
    build(data, tmp_path, "site", capsys)
    page = tmp_path / "site-src" / "bao-cao" / PLAN / "index.md"
    assert f"../{ONE}/" not in page.read_text("utf-8")
    yml = data / "reports" / ONE / "report.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace('doc_number: "1/BC-UBND"', 'doc_number: "7/BC-UBND"'),
                   encoding="utf-8")  # only the cited report changes: the citing one now links to it
    assert remembered(build(data, tmp_path, "site", capsys)) == (2, 1)
    assert f"../{ONE}/" in page.read_text("utf-8")
    same_as_fresh(data, tmp_path, capsys)


def test_a_generated_file_changed_by_hand_is_made_again(tmp_path, capsys, settled_at_once):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    build(data, tmp_path, "site", capsys)
    page = tmp_path / "site-src" / "bao-cao" / PLAN / "index.md"
    page.write_bytes(page.read_bytes().replace("Kế hoạch".encode(), "Kế hoạck".encode(), 1))  # same size
    original = next((tmp_path / "site-src" / "bao-cao" / ONE).glob("ban-goc.*"))
    original.unlink()
    assert remembered(build(data, tmp_path, "site", capsys)) == (2, 1)
    same_as_fresh(data, tmp_path, capsys)


# ------------------------------------------------------------------ list pages (a unit's, a year's, a movement's)
#
# A list's pages are remembered too (tdkt/site/list_memory.py): made again only when a report it lists, its unit's
# or movement's record, the names it shows or the exemplars it lists changed. Each case changes what some list shows,
# rebuilds with the memory and compares with a full build of the changed archive (site_src/ and site/).


def lists(summary: str) -> tuple[int, int]:
    made, kept = map(int, re.search(r"danh sách: (\d+) tạo lại, (\d+) giữ nguyên", summary).groups())
    return made, kept


def edit_yml(data: Path, report: str, old: str, new: str) -> None:
    yml = data / "reports" / report / "report.yml"
    text = yml.read_text(encoding="utf-8")
    assert old in text
    yml.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unchanged_lists_are_kept_and_an_edit_remakes_only_the_lists_of_its_report(tmp_path, capsys, settled_at_once):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    made, kept = lists(build(data, tmp_path, "site", capsys))
    assert made > 4 and kept == 0
    assert lists(build(data, tmp_path, "site", capsys)) == (0, made)
    edit_yml(data, PLAN, 'title: "Kế hoạch công tác thi đua năm 2024"', 'title: "Kế hoạch công tác thi đua năm 2024 (sửa)"')
    # its unit, the province that lists that unit, its year, its movement
    assert lists(build(data, tmp_path, "site", capsys)) == (4, made - 4)
    assert "(sửa)" in (tmp_path / "site-src" / "nam" / "2024.md").read_text("utf-8")
    same_as_fresh(data, tmp_path, capsys)


@pytest.mark.parametrize("old, new, gone", [
    ('year: "2024"', 'year: "2025"', "nam/2024.md"),                               # to another year's list
    ("movements: [dan-van-kheo]", "movements: [chuyen-doi-so]", None),          # to another movement's list
    ("unit: huyen-883", "unit: xa-10738", "don-vi/thanh-pho-long-xuyen-883.md"),        # to another unit's list
])
def test_a_report_that_moves_between_lists_leaves_no_stale_list(tmp_path, capsys, settled_at_once, old, new, gone):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    build(data, tmp_path, "site", capsys)
    assert gone is None or (tmp_path / "site-src" / gone).is_file()
    edit_yml(data, PLAN, old, new)
    made, kept = lists(build(data, tmp_path, "site", capsys))
    assert made >= 2 and kept > 0
    assert gone is None or not (tmp_path / "site-src" / gone).exists()
    same_as_fresh(data, tmp_path, capsys)


def test_an_unpublished_exemplar_remakes_its_units_list(tmp_path, capsys, settled_at_once):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    build(data, tmp_path, "site", capsys)
    exemplar = data / "exemplars" / "cong-an-phuong-2023.yml"
    exemplar.write_text(exemplar.read_text(encoding="utf-8").replace('status: "published"', 'status: "proposed"'),
                        encoding="utf-8")
    made, kept = lists(build(data, tmp_path, "site", capsys))
    assert made == 1 and kept > 0  # the unit page of the report it quotes, which listed it
    same_as_fresh(data, tmp_path, capsys)


def test_a_movement_renamed_in_the_vocabulary_remakes_its_list(tmp_path, capsys, settled_at_once):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    build(data, tmp_path, "site", capsys)
    vocab = data / "vocab" / "movements.yml"
    vocab.write_text(vocab.read_text(encoding="utf-8").replace('name: "Dân vận khéo"', 'name: "Dân vận khéo (mới)"'),
                     encoding="utf-8")
    build(data, tmp_path, "site", capsys)
    assert "(mới)" in (tmp_path / "site-src" / "phong-trao" / "dan-van-kheo.md").read_text("utf-8")
    same_as_fresh(data, tmp_path, capsys)


def test_a_list_page_changed_by_hand_is_made_again(tmp_path, capsys, settled_at_once):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    made, _ = lists(build(data, tmp_path, "site", capsys))
    page = tmp_path / "site-src" / "nam" / "2023.md"
    page.write_bytes(page.read_bytes().replace("Báo cáo".encode(), "Báo cáK".encode(), 1))  # same size
    assert lists(build(data, tmp_path, "site", capsys)) == (1, made - 1)
    same_as_fresh(data, tmp_path, capsys)


# ------------------------------------------------------------------ open data rows (tdkt/site/row_memory.py)


def test_open_data_rows_follow_an_edit_an_award_and_a_province_renamed(tmp_path, capsys, settled_at_once, monkeypatch):
    import dataclasses

    from tdkt import cli
    from tdkt.catalog.gazetteer import load_gazetteer

    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    build(data, tmp_path, "site", capsys)
    edit_yml(data, PLAN, 'title: "Kế hoạch công tác thi đua năm 2024"', 'title: "Kế hoạch (sửa)"')
    build(data, tmp_path, "site", capsys)
    assert "Kế hoạch (sửa)" in (tmp_path / "site-src" / "du-lieu" / "bao-cao.csv").read_text("utf-8-sig")
    same_as_fresh(data, tmp_path, capsys)
    awards = next((data / "reports").glob("*/awards.yml"))
    awards.write_text(awards.read_text(encoding="utf-8").replace('reviewed: "yes"', 'reviewed: "no"'), encoding="utf-8")
    build(data, tmp_path, "site", capsys)
    same_as_fresh(data, tmp_path, capsys)
    real = load_gazetteer()
    units = dict(real.units)
    units["tinh-30"] = dataclasses.replace(units["tinh-30"], name="Hải Dương Mới")  # a province: its rows' column
    # the same version string: the records are remembered, only the province's name tells the rows' memory
    monkeypatch.setattr(cli, "load_gazetteer", lambda: dataclasses.replace(real, units=units))
    build(data, tmp_path, "site", capsys)
    assert "Hải Dương Mới" in (tmp_path / "site-src" / "du-lieu" / "khen-thuong.csv").read_text("utf-8-sig")
    same_as_fresh(data, tmp_path, capsys)
