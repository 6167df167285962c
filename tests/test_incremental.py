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
