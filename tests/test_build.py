"""The real thing: `python build.py` over data/ and the fixture archive, with MkDocs in strict mode."""
from __future__ import annotations

import re

import shutil
import subprocess
import sys

import pytest

from tdkt.cli import main
from tdkt.ingest.folders import renormalise
from tdkt.text.normalise import normalise
from tdkt.problems import Problems

from .conftest import FIXTURE, ROOT

pytestmark = pytest.mark.slow
DATA = ROOT / "data"


def test_default_archive_builds_strictly(built_site):
    for page in ["index.html", "bao-cao/2023-my-quy-long-xuyen-bc-184/index.html",
                 "bao-cao/2023-my-quy-long-xuyen-bc-184/ban-goc/index.html",
                 "bao-cao/2023-my-quy-long-xuyen-bc-184/ban-goc.txt",
                 "don-vi/index.html", "don-vi/phuong-my-quy-30298/index.html", "nam/2023/index.html",
                 "phong-trao/chuyen-doi-so/index.html", "gioi-thieu/index.html"]:
        assert (built_site / page).is_file(), page
    original = (DATA / "reports" / "2023-my-quy-long-xuyen-bc-184" / "original.txt").read_bytes()
    assert (built_site / "bao-cao/2023-my-quy-long-xuyen-bc-184/ban-goc.txt").read_bytes() == original


def test_report_pages_are_not_in_the_nav(built_site):
    """Outside the page content (header, tabs, sidebars) no page links to a report."""
    for name in ("index.html", "gioi-thieu/index.html", "bao-cao/2023-my-quy-long-xuyen-bc-184/index.html"):
        html = (built_site / name).read_text(encoding="utf-8")
        chrome = html[:html.index("<article")] + html[html.index("</article>"):]
        assert "bao-cao/20" not in chrome, name
        assert "md-tabs__link" in chrome


def test_the_site_loads_nothing_from_outside(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for external in ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr", "unpkg.com"):
            assert external not in html, (page, external)


def test_check_validates_without_building(tmp_path, capsys):
    assert main(["check", "--data", str(FIXTURE)]) == 0
    assert "Dữ liệu hợp lệ: 3 báo cáo." in capsys.readouterr().out


def test_bad_data_fails_and_leaves_the_previous_site_untouched(tmp_path, capsys):
    data, out, docs = tmp_path / "data", tmp_path / "site", tmp_path / "site_src"
    shutil.copytree(FIXTURE, data)
    assert main(["build", "--data", str(data), "--out", str(out), "--docs", str(docs)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    yml = data / "reports" / "2023-tan-viet-bc-ocr" / "report.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace('issued: "2023-06"', 'issued: "2023-13"'), encoding="utf-8")
    (data / "reports" / "2024-tp-long-xuyen-kh" / "text.txt").unlink()
    capsys.readouterr()
    assert main(["build", "--data", str(data), "--out", str(out), "--docs", str(docs)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith('report.yml:7:9: error[R102] issued: "2023-13" is not a date. '
                           "Fix: write YYYY-MM-DD, or YYYY-MM when the day is blank")
    assert err[1].endswith("2024-tp-long-xuyen-kh/text.txt: error[F001] file is missing. "
                           "Fix: create data/reports/2024-tp-long-xuyen-kh/text.txt")
    assert err[2:] == ["2 lỗi (errors), 0 cảnh báo (warnings)",
                       "Dữ liệu có lỗi: chưa tạo trang nào; trang web cũ giữ nguyên."]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_render_failure_leaves_the_previous_site_untouched(tmp_path, monkeypatch):
    from tdkt import cli
    from tdkt.render import build as render
    data, out, docs = tmp_path / "data", tmp_path / "site", tmp_path / "site_src"
    shutil.copytree(FIXTURE, data)
    assert main(["build", "--data", str(data), "--out", str(out), "--docs", str(docs)]) == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    broken = tmp_path / "mkdocs.yml"
    broken.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("gioi-thieu.md", "missing.md"),
                      encoding="utf-8")
    monkeypatch.setattr(cli, "ROOT", tmp_path)
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    assert main(["build", "--data", str(data), "--out", str(out), "--docs", str(docs)]) == 1
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not list(tmp_path.glob(".site-new-*"))  # the half-built folder is gone
    del render


def test_second_build_rewrites_nothing(tmp_path, capsys):
    args = ["build", "--data", str(FIXTURE), "--out", str(tmp_path / "site"), "--docs", str(tmp_path / "src")]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 0
    assert "(0 tệp ghi mới," in capsys.readouterr().out


def test_build_py_is_the_command_line(tmp_path):
    result = subprocess.run([sys.executable, "build.py", "check", "--data", str(FIXTURE)], cwd=ROOT,
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout.strip()) == (0, "Dữ liệu hợp lệ: 3 báo cáo.")
    result = subprocess.run([sys.executable, "build.py", "check", "--data", str(tmp_path / "nope")], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "does not exist" in result.stderr


@pytest.mark.parametrize("folder", sorted(p.name for p in (DATA / "reports").iterdir()))
def test_archived_text_is_what_normalising_the_original_gives(folder):
    """ocr.txt (the OCR text of a restored report) or text.txt (a clean one) and furniture.txt in data/ are
    reproducible from the original bytes. A restored text.txt is what the restoration model of its ingest made:
    a newer model does not rewrite the archive (``python build.py normalise`` does, on purpose), so it is checked
    to be a restoration of that OCR text: the same lines, the same tokens in number, numbers and codes unchanged."""
    report = DATA / "reports" / folder
    result = normalise((report / "original.txt").read_text(encoding="utf-8"))
    restored = 'text_quality: "ocr-restored"' in (report / "report.yml").read_text(encoding="utf-8")
    if restored:
        from tdkt.text.restore import restore

        assert (report / "ocr.txt").read_text(encoding="utf-8") == result.text
        stored = (report / "text.txt").read_text(encoding="utf-8").split("\n")
        ocr, fresh = result.text.split("\n"), restore(result.text).split("\n")
        assert len(stored) == len(fresh) == len(ocr)

        def numbers(line: str) -> list[str]:
            return [t for t in line.split() if re.fullmatch(r"[\d.,/:%()–-]*\d[\d.,/:%()–-]*", t)]
        for a, b, o in zip(stored, fresh, ocr):
            assert len(a.split()) == len(b.split()) == len(o.split()), (a, b)
            assert numbers(a) == numbers(b) == numbers(o), (a, b)
        lines = [(a, o) for a, o in zip(stored, ocr) if o.strip()]
        assert sum(a != o for a, o in lines) * 2 > len(lines)  # restored, not the OCR text kept as it was
    else:
        assert not (report / "ocr.txt").exists()
        assert (report / "text.txt").read_text(encoding="utf-8") == result.text
    furniture = report / "furniture.txt"
    assert (furniture.read_text(encoding="utf-8").splitlines() if furniture.exists() else []) == list(result.furniture)


def test_normalise_command_rewrites_the_text(tmp_path):
    folder = tmp_path / "r"
    shutil.copytree(DATA / "reports" / "2023-my-quy-long-xuyen-bc-184", folder)
    expected = (folder / "text.txt").read_text(encoding="utf-8")
    (folder / "text.txt").write_text("stale", encoding="utf-8")
    problems = Problems()
    assert renormalise(folder, problems) and not len(problems)
    assert (folder / "text.txt").read_text(encoding="utf-8") == expected


def test_restore_command_reads_stdin_and_keeps_lines():
    ocr = "Tong két phong trao thi dua, khen thwéng niim 2023\n\n184/BC-UBND ngay 09/02/2023\n"
    result = subprocess.run([sys.executable, "build.py", "restore"], cwd=ROOT, input=ocr, capture_output=True,
                            text=True, check=True)
    lines = result.stdout.split("\n")
    assert lines[0] == "Tổng kết phong trào thi đua, khen thưởng năm 2023"
    assert lines[1] == "" and lines[2] == "184/BC-UBND ngày 09/02/2023" and len(lines) == len(ocr.split("\n"))
