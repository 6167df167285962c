"""Which of the archive's reports a report's citations resolve to: the reports by their number's key, the
numbered citations of a report's text, and the one report (of the cited day when one is given) each names. What a
report page takes from other reports, and what its page memory keys on (``page_memory``). Pure.
"""
from __future__ import annotations

from tdkt.model import Catalog, Report
from tdkt.site.citations import Cited, cited_documents, number_key


def numbers_index(catalog: Catalog) -> dict[str, tuple[Report, ...]]:
    """The archive's reports by their number's key (``citations.number_key``), for the citations' links."""
    out: dict[str, list[Report]] = {}
    for r in catalog.reports:
        if r.doc_number[:1].isdigit():
            out.setdefault(number_key(r.doc_number), []).append(r)
    return {k: tuple(v) for k, v in out.items()}


def _same_day(date: str, r: Report) -> bool:
    """A cited date ("9/2/2023") is the report's issue date, or either is not known to the day."""
    d = r.issued
    return not date or d is None or d.day is None or date == f"{d.day}/{d.month}/{d.year}"


def report_citations(r: Report) -> list[Cited]:
    """The documents the report's text cites (what the report page lists; pure on the report)."""
    return cited_documents([(b.number, b.text) for b in r.blocks], r.doc_number)


def numbered(docs: list[Cited]) -> tuple[tuple[str, str, str], ...]:
    """What of ``docs`` other reports can answer: (key, number, date) of each numbered citation."""
    return tuple((d.key, d.number, d.date) for d in docs if d.number)


def cited_reports(r: Report, cites: tuple[tuple[str, str, str], ...],
                  numbers: dict[str, tuple[Report, ...]]) -> dict[str, Report]:
    """The cited documents the archive holds (``cites``: ``numbered``): one report of that number (of the
    cited day when one is given). The only thing a report page takes from other reports."""
    out = {}
    for key, number, date in cites:
        holders = [h for h in numbers.get(number_key(number), ()) if h.id != r.id and _same_day(date, h)]
        if len(holders) == 1:
            out[key] = holders[0]
    return out
