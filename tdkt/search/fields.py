"""What each field of the search index reads from a report, and how (``analyse``): the one place that says it.

``words``, ``exact`` and ``pairs`` are the words, exact marked forms and side-by-side pairs of everything a report
is found by (``index_text``); ``meta`` the side-by-side pairs of what people search a report by (``meta_text``:
title, unit, issuer, award forms) that tell it apart (``analysis.meta_terms``) and ``number`` the forms of its
document number (``analysis.numbers``), both weighed above the body by lunr's field boosts. Pure.
"""
from __future__ import annotations

from collections import Counter

from tdkt.model import Report, TextQuality
from tdkt.search import analysis as search_text
from tdkt.search.lunr_build import DocTerms, FieldTerms

# Fields: the words of everything a report is found by (``index_text``: its metadata, title and text), their
# exact marked forms, their side-by-side pairs; then what people search by, weighed above the body by lunr's own
# field boosts: ``meta``, the pairs of the title, unit, issuer and award forms (``meta_text``), and
# ``number``, the document's number in its normalised forms (``analysis.numbers``). The page adds optional
# clauses on these two for every query pair and number (search-core.js ``clauses``); a document must
# still hold every word in ``words``.
FIELDS = ("words", "exact", "pairs", "meta", "number")
BOOSTS = {"words": 1, "exact": 1, "pairs": 1, "meta": 2, "number": 10}


_PRINTED = (TextQuality.CLEAN, TextQuality.LEGACY_ENCODING)


def printed(report: Report) -> bool:
    """Whether the report's marks are its own: the exact-mark field holds only marks the document
    itself prints: not the catalogue's title (written by hand, and a near-empty field would rank
    first), nor marks a machine restored (a guess)."""
    return report.text_quality in _PRINTED


def index_text(report: Report) -> str:
    """The text a report is found by: its metadata (``meta_text``, its type and number), its title, every block,
    and the OCR text of a restored report (so a query typed the way the OCR spells it finds it too)."""
    head = "\n".join(x for x in (meta_text(report), report.doc_type.name, report.doc_number) if x)
    return "\n".join([head, *(b.text for b in report.blocks), *(b.text for b in report.ocr_blocks)])


def meta_text(report: Report) -> str:
    """What people search a report by, one line each: its title, unit, issuer and award forms (the ``meta`` field)."""
    forms = dict.fromkeys(a.form.name for a in report.awards)
    lines = [report.title, report.unit.full_name if report.unit else "", report.issuer, *forms]
    return "\n".join(x for x in lines if x)


def body_text(report: Report) -> str:
    """The blocks as the page shows them: the source of exact-mark terms."""
    return "\n".join(b.text for b in report.blocks)


def analysis_input(report: Report) -> tuple[str, str | None, str, str]:
    """What a report's analysis reads: its text, its body if its marks are its own (else None), its metadata
    (``meta_text``) and its number."""
    return index_text(report), body_text(report) if printed(report) else None, meta_text(report), report.doc_number


def analyse(text: str, body: str | None, meta: str = "", number: str = "") -> DocTerms:
    """One document's fields as the index counts them (``FIELDS`` order): the words and pairs of its
    text, the exact marked forms of its body (None: no exact field), the telling pairs of its metadata, its
    number's forms. Exactly the counts of ``SearchDoc.terms``. The expensive part of the index: remembered in
    the cache (``RunCache``)."""
    words, pairs = search_text.word_and_pair_counts(text)
    exact = search_text.exact_counts(body) if body is not None else {}
    return (FieldTerms.of(words), FieldTerms.of(exact), FieldTerms.of(pairs),
            FieldTerms.of(Counter(search_text.meta_terms(meta))), FieldTerms.of(Counter(search_text.numbers(number))))
