"""A report's URL never breaks: when its id changes, its former ids (report.yml ``aliases``) lead to it."""
from __future__ import annotations

import re
import shutil

from tdkt.cli import main
from tests.conftest import FIXTURE


def _renamed(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    cited = " ".join(p.read_text(encoding="utf-8") for p in (data / "exemplars").glob("*.yml"))
    old = next(p.name for p in sorted((data / "reports").iterdir()) if p.name not in cited)
    new = old + "-da-sua"
    (data / "reports" / old).rename(data / "reports" / new)
    yml = data / "reports" / new / "report.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + f'aliases:\n  - "{old}"\n', encoding="utf-8")
    return data, old, new


def test_the_old_address_leads_to_the_new_page(tmp_path):
    data, old, new = _renamed(tmp_path)
    site = tmp_path / "site"
    assert main(["build", "--data", str(data), "--out", str(site), "--docs", str(tmp_path / "src")]) == 0
    moved = (site / "bao-cao" / old / "index.html").read_text(encoding="utf-8")
    target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', moved).group(1)
    assert target == f"../{new}/"
    assert (site / "bao-cao" / old / target / "index.html").resolve() == (site / "bao-cao" / new / "index.html")
    assert (site / "bao-cao" / new / "index.html").is_file()
    assert f'href="../{new}/"' in moved and "Văn bản đã chuyển sang địa chỉ mới" in moved


def test_a_former_id_that_is_another_report_s_id_is_refused(tmp_path, capsys):
    data, old, new = _renamed(tmp_path)
    other = next(p.name for p in sorted((data / "reports").iterdir()) if p.name != new)
    yml = data / "reports" / new / "report.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + f'  - "{other}"\n', encoding="utf-8")
    assert main(["check", "--data", str(data)]) == 1
    assert f'error[R108] aliases: "{other}" is also the id or a former id of {other}' in capsys.readouterr().err
