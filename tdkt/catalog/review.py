"""Drafts and what they need: ``python build.py review`` (list) and ``review --done ID`` (mark reviewed).

``drafts_report(data_dir, gazetteer, only)`` reads the archive and returns, for every draft (``status: "draft"``),
compiler-style lines ``data/reports/<id>/report.yml:LINE: field: what it needs``: the fields not yet determined,
the fields extraction flagged with its reason, and, for a missing unit, the units its issuer or place may be
(with their ids). ``mark_reviewed`` sets ``status: "reviewed"`` in one report.yml once every required field is
filled (or stated empty where the document states nothing), and checks the archive again; it changes that one
line and nothing else, and puts it back if the archive then has an error. Reads data/; ``mark_reviewed`` writes
one file.
"""
from __future__ import annotations

import re
from pathlib import Path

from tdkt.catalog.gazetteer import Gazetteer
from tdkt.catalog.load import load_catalog
from tdkt.catalog.lookup import describe, find_units
from tdkt.catalog.yamlread import YMap, YStr, read_yaml
from tdkt.problems import Problems

LABELS = {"title": "trích yếu", "doc_type": "loại văn bản", "doc_number": "số ký hiệu", "issuer": "cơ quan ban hành",
          "issuer_parent": "cơ quan cấp trên", "unit": "đơn vị", "issued": "ngày ban hành", "place": "địa danh",
          "period": "kỳ báo cáo",
          "recipient": "kính gửi", "signer": "người ký", "signer_title": "chức danh người ký", "theme": "chủ đề thi đua",
          "movements": "phong trào", "text": "văn bản", "text_quality": "chất lượng văn bản"}
REQUIRED = ("title", "doc_type", "issuer", "unit", "period")


def _fields(path: Path) -> YMap | None:
    root = read_yaml(path.read_text(encoding="utf-8"), str(path), Problems())
    return root if isinstance(root, YMap) else None


def _empty(m: YMap, key: str) -> bool:
    node = m.get(key)
    if node is None:
        return True
    if isinstance(node, YStr):
        return not node.value.strip()
    if isinstance(node, YMap):
        return all(isinstance(v, YStr) and not v.value.strip() for _, v in node.entries)
    return False


def _line(m: YMap, key: str) -> int:
    node = m.get(key)
    return node.origin.line if node is not None and node.origin.line else m.origin.line or 1


def drafts_report(data_dir: Path, gazetteer: Gazetteer, only: set[str] = frozenset()) -> tuple[str, int, Problems]:
    """The drafts' needs as text, their number, and the archive's problems (a report with an error is not listed)."""
    problems = Problems()
    catalog = load_catalog(data_dir, gazetteer, problems)
    out: list[str] = []
    drafts = [r for r in catalog.reports if r.draft and (not only or r.id in only)]
    for r in drafts:
        path = data_dir / "reports" / r.id / "report.yml"
        shown = f"data/reports/{r.id}/report.yml" if data_dir.name == "data" else str(path)
        m = _fields(path)
        if m is None:
            continue
        out.append(f"{shown}: {r.id}: {r.title or '(chưa có trích yếu)'} — bản nháp, chưa rà soát")
        for key in REQUIRED:
            if _empty(m, key) and not (key == "unit" and r.issuer_level == "trung-uong"):
                out.append(f"{shown}:{_line(m, key)}: {key}: chưa xác định ({LABELS[key]}): điền theo văn bản, hoặc "
                           f"để \"\" nếu văn bản không ghi")
                if key == "unit":
                    for query in (r.issuer, r.place):
                        found = find_units(re.sub(r"^(?:ủy ban nhân dân|ubnd|hội đồng[^,]*?)\s+", "", query or "",
                                                  flags=re.I), gazetteer, limit=5) if query else []
                        for u in found:
                            out.append(f"    ứng viên: {describe(u, gazetteer)}")
                        if found:
                            break
        for flag in r.review:
            out.append(f"{shown}:{_line(m, flag.field)}: {flag.field}: cần kiểm tra ({LABELS.get(flag.field, flag.field)})"
                       f": {flag.why}")
        out.append("")
    out.append(f"{len(drafts)} bản nháp. Sửa từng trường theo văn bản gốc (trang Nguyên văn), rồi chạy "
               "python build.py review --done ID (hoặc tự sửa status: \"reviewed\").")
    return "\n".join(out), len(drafts), problems


_STATUS = re.compile(r'^status:\s*"?draft"?\s*$', re.M)


def mark_reviewed(data_dir: Path, ident: str, gazetteer: Gazetteer) -> tuple[bool, str]:
    path = data_dir / "reports" / ident / "report.yml"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident) or not path.is_file() or path.is_symlink():
        return False, f"lỗi: không có báo cáo {ident!r} trong {data_dir}/reports/"
    text = path.read_text(encoding="utf-8")
    m = _fields(path)
    if m is None or not _STATUS.search(text):
        return False, f"lỗi: {path}: không phải bản nháp (không có dòng status: \"draft\")"
    missing = [k for k in ("title", "doc_type", "issuer") if _empty(m, k)]
    if missing:
        return False, (f"lỗi: {path}: còn thiếu {', '.join(LABELS[k] for k in missing)}: điền rồi chạy lại "
                       f"(đơn vị để trống chỉ khi issuer_level: \"trung-uong\"; kỳ báo cáo để \"\" khi văn bản không "
                       f"nói về một kỳ)")
    path.write_text(_STATUS.sub('status: "reviewed"', text, count=1), encoding="utf-8")
    problems = Problems()
    catalog = load_catalog(data_dir, gazetteer, problems)
    if problems.has_errors() or not any(r.id == ident and not r.draft for r in catalog.reports):
        path.write_text(text, encoding="utf-8")
        report = problems.report()
        return False, f"lỗi: {path}: chưa thể đánh dấu đã rà soát; kho báo lỗi:\n{report}"
    return True, f"{path}: đã rà soát (status: \"reviewed\")."
