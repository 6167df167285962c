"""``Catalog`` → the rows of the open data tables (``data_tables``): one dict per row, keyed by JSON key.

Values are as JSON keeps them: text, ``int``, lists, ``None`` for a blank (never ``""``, never 0 for a
count the text does not state). Codes come with their Vietnamese labels (``present`` and the model's
``label``s, the words the site's pages use). Links are the site's URLs relative to its root, or absolute
when ``site_url`` (the site's address, e.g. ``https://example.vn/``) is given.

Review: a report is unreviewed while it is a draft (``status: draft``); an award record is reviewed
only when its ``awards.yml`` says ``reviewed: "yes"`` and its report is not a draft (a draft's records
are proposals no person has checked). Pure.
"""
from __future__ import annotations

from tdkt.model import AwardRecord, Catalog, Report, Unit
from tdkt.site import paths
from tdkt.site.data_tables import REVIEWED, UNREVIEWED
from tdkt.site.present import report_label, report_order


def _blank(text: str) -> str | None:
    return text if text else None


def _base(site_url: str | None) -> str:
    return site_url.rstrip("/") + "/" if site_url else ""


def _name(units: dict[str, Unit], uid: str | None) -> str | None:
    unit = units.get(uid) if uid else None
    return unit.full_name if unit else None


def review_label(reviewed: bool) -> str:
    return REVIEWED if reviewed else UNREVIEWED


def award_reviewed(a: AwardRecord, r: Report) -> bool:
    """Whether a person checked the record: its own flag, and never in a draft report."""
    return a.reviewed and not r.draft


def paragraph_url(r: Report, anchor: str, site_url: str | None = None) -> str:
    """``bao-cao/<id>/#p-N``, the report page's paragraph, relative to the site root unless ``site_url``."""
    return f"{_base(site_url)}{paths.served(paths.report(r))}#{anchor}"


def report_row(r: Report, catalog: Catalog, site_url: str | None = None) -> dict:
    base = _base(site_url)
    u = r.unit
    return {
        "id": r.id,
        "url": base + paths.served(paths.report(r)),
        "reviewed": review_label(not r.draft),
        "title": r.title,
        "doc_type": r.doc_type.id or None,
        "doc_type_name": _blank(r.doc_type.name) if r.doc_type.id else None,
        "doc_number": _blank(r.doc_number),
        "issuer": r.issuer,
        "unit_id": u.id if u else None,
        "unit_name": u.full_name if u else None,
        "unit_level": u.level.value if u else None,
        "unit_level_name": u.level.label if u else None,
        "province_id": u.province_id if u else None,
        "province": _name(catalog.units, u.province_id) if u else None,
        "issued": r.issued.iso() if r.issued else None,
        "place": _blank(r.place),
        "period": r.period.label() if r.period else None,
        "period_year": r.period.year if r.period else None,
        "period_span": r.period.span.value if r.period else None,
        "period_number": r.period.number if r.period else None,
        "period_end_year": r.period.end_year if r.period else None,
        "period_name": _blank(r.period.name) if r.period else None,
        "recipient": _blank(r.recipient),
        "signer": _blank(r.signer),
        "signer_title": _blank(r.signer_title),
        "theme": _blank(r.theme),
        "movements": [m.id for m in r.movements],
        "movement_names": [m.name for m in r.movements],
        "text_quality": r.text_quality.value,
        "text_quality_name": r.text_quality.label,
        "source_file": r.source.file_name,
        "original_url": base + paths.original_file(r),
        "sha256": r.source.sha256,
    }


def unit_row(u: Unit, report_count: int, units: dict[str, Unit]) -> dict:
    return {
        "id": u.id,
        "code": u.code,
        "level": u.level.value,
        "level_name": u.level.label,
        "kind": u.kind,
        "name": u.name,
        "full_name": u.full_name,
        "parent_id": u.parent_id,
        "parent_name": _name(units, u.parent_id),
        "province_id": u.province_id,
        "province": _name(units, u.province_id),
        "valid_from": u.valid_from.isoformat() if u.valid_from else None,
        "valid_to": u.valid_to.isoformat() if u.valid_to else None,
        "successor_ids": list(u.successor_ids),
        "successor_names": [units[s].full_name for s in u.successor_ids if s in units],
        "successor_note": _blank(u.successor_note),
        "report_count": report_count,
    }


def report_rows(catalog: Catalog, site_url: str | None = None) -> list[dict]:
    return [report_row(r, catalog, site_url) for r in sorted(catalog.reports, key=report_order)]


def unit_rows(catalog: Catalog) -> list[dict]:
    counts: dict[str, int] = {}
    for r in catalog.reports:
        if r.unit is not None:
            counts[r.unit.id] = counts.get(r.unit.id, 0) + 1
    return [unit_row(catalog.units[uid], counts.get(uid, 0), catalog.units) for uid in sorted(catalog.units)]


def award_row(a: AwardRecord, r: Report, catalog: Catalog, site_url: str | None = None) -> dict:
    u = r.unit
    return {
        "report_id": r.id,
        "report": report_label(r),
        "report_title": r.title,
        "url": paragraph_url(r, a.anchor, site_url),
        "anchor": a.anchor,
        "reviewed": review_label(award_reviewed(a, r)),
        "form_id": a.form.id,
        "form": a.form.name,
        "authority": _blank(a.authority),
        "system": a.system.value,
        "system_name": a.system.label,
        "recipients": a.recipients.value if a.recipients else None,
        "count": a.count,  # None when the text does not state it: never 0
        "names": list(a.names),
        "status": a.status.value,
        "status_name": a.status.label,
        "year": a.for_year(r),
        "unit_id": u.id if u else None,
        "unit_name": u.full_name if u else None,
        "unit_level_name": u.level.label if u else None,
        "province_id": u.province_id if u else None,
        "province": _name(catalog.units, u.province_id) if u else None,
        "movement": a.movement.id if a.movement else None,
        "movement_name": a.movement.name if a.movement else None,
    }


def award_rows(catalog: Catalog, site_url: str | None = None) -> list[dict]:
    """Every award record of every report (reviewed or not: the ``reviewed`` column says which).

    In report order (``present.report_order``), then by paragraph number, then as the file lists them.
    The unit is the report's; the year is the one the statement gives its awards, else the report's.
    """
    rows = []
    for r in sorted(catalog.reports, key=report_order):
        for a in sorted(r.awards, key=lambda a: a.block):  # stable: file order within a paragraph
            rows.append(award_row(a, r, catalog, site_url))
    return rows
