"""``data/exemplars/<id>.yml`` → ``Exemplar`` records: the curated điển hình tiên tiến.

Each file is one exemplar (docs/data-format.md, "exemplars/"): who, what they achieved, the award if
the passage names one, and the passage itself, quoted word for word from a paragraph of a report in
the archive. ``parse_exemplar`` is pure and checks every reference against the catalogue: a report
or paragraph that does not exist (R106, R111), a quote the paragraph does not contain (R112), an
unknown award form or movement (R106), a year that is not a number (R103). ``load_exemplars`` is
the edge that reads the folder. ``exemplar_yaml`` writes a record back in the same format (for
``python build.py exemplars --propose``).
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from tdkt.catalog import fields
from tdkt.text.collate import RESERVED, is_slug
from tdkt.model import Catalog, Exemplar, ExemplarKind, ExemplarStatus, Origin, Report
from tdkt.problems import Problems
from tdkt.catalog.yamlread import YMap, quoted, read_yaml

FOLDER = "exemplars"
EXEMPLAR_KEYS = ("name", "kind", "year", "achievement", "award", "authority", "movements", "report", "block",
                 "quote", "status", "note")
ELLIPSIS = "…"  # in a quote, stands for words left out of the passage


def _squeeze(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def quote_in(quote: str, passage: str) -> bool:
    """Whether ``quote`` is the passage's own words: each part between ``…`` found, in order.

    Whitespace runs count as one space; everything else (marks, case, punctuation) must match.
    """
    text, at = _squeeze(passage), 0
    parts = [p.strip() for p in _squeeze(quote).split(ELLIPSIS)]
    if not any(parts):
        return False
    for part in filter(None, parts):
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def parse_exemplar(ident: str, root: YMap, file: str, catalog: Catalog, problems: Problems,
                   invalid_reports: frozenset[str] = frozenset()) -> Exemplar | None:
    """One exemplar file's record, or None (with problems) when any field is wrong.

    ``invalid_reports``: report folders that exist but have errors of their own; an exemplar citing
    one is left out without a second message (the report's problems say what to fix).
    """
    if fields.text(root, "report", Problems()) in invalid_reports:
        return None
    before = len(problems.errors())
    if not is_slug(ident) or ident in RESERVED:
        problems.add(Origin(file=file), "R105", "id", f'file name "{ident}.yml" is not a valid exemplar id',
                     "name the file with lowercase ASCII letters, digits and hyphens, e.g. cong-an-long-xuyen-2023.yml"
                     + (f" ({ident}.yml names the section's own page)" if ident in RESERVED else ""))
    fields.check_keys(root, EXEMPLAR_KEYS, problems)
    name = fields.text(root, "name", problems, required=True)
    kind = fields.choice(root, "kind", ExemplarKind, problems, required=True)
    year = fields.integer(root, "year", problems, lo=fields.FIRST_YEAR, hi=fields.LAST_YEAR, required=True)
    achievement = fields.text(root, "achievement", problems, required=True)
    award = fields.reference(root, "award", {a.id: a for a in catalog.award_types}, "vocab/award_types.yml",
                             problems, fix="use an id from that file, or leave it out when the passage names no award")
    authority = fields.text(root, "authority", problems)
    by_id = {m.id: m for m in catalog.movements}
    movements = []
    for node in fields.text_list(root, "movements", problems):
        if node.value not in by_id:
            problems.add(node.origin, "R106", "movements", f'"{node.value}" is not in vocab/movements.yml',
                         "use an id from that file")
        else:
            movements.append(by_id[node.value])
    report = fields.reference(root, "report", {r.id: r for r in catalog.reports}, "the archive (data/reports/)",
                              problems, required=True, fix="write the id of a report folder in data/reports/")
    block = fields.integer(root, "block", problems, lo=1, hi=1_000_000, required=True)
    quote = fields.text(root, "quote", problems, required=True)
    status = fields.choice(root, "status", ExemplarStatus, problems, required=True)
    note = fields.text(root, "note", problems)
    if report is not None and block is not None:
        _check_passage(root, report, block, quote, problems)

    if len(problems.errors()) > before or None in (kind, year, report, block, status):
        return None
    return Exemplar(
        id=ident, name=name, kind=kind, year=year, achievement=achievement, award=award, authority=authority,
        movements=tuple(movements), report_id=report.id, block=block, quote=quote, status=status, note=note,
        origin=root.origin,
    )


def _check_passage(root: YMap, report: Report, number: int, quote: str, problems: Problems) -> None:
    block = next((b for b in report.blocks if b.number == number), None)
    if block is None:
        problems.add(root.get("block").origin, "R111", "block",
                     f"report {report.id} has no block {number} (text.txt has {len(report.blocks)} blocks)",
                     "cite the number of the paragraph, as in #p-<number> on the report page")
    elif quote and not quote_in(quote, block.text):
        problems.add(root.get("quote").origin, "R112", "quote",
                     f"paragraph {number} of report {report.id} does not contain this quote",
                     f"copy the words from text.txt (line {block.line}); mark words left out with …")


def load_exemplars(data_dir: Path, catalog: Catalog, problems: Problems, read_text) -> tuple[Exemplar, ...]:
    """Every ``data/exemplars/*.yml``, in file-name order; a missing folder means none. ``read_text(path, display,
    problems)`` reads a file through the archive's one rule for files (``load.read_text``: no link, at most 20 MB)."""
    folder = data_dir / FOLDER
    reports_dir = data_dir / "reports"
    present = {p.name for p in reports_dir.iterdir() if p.is_dir()} if reports_dir.is_dir() else set()
    invalid = frozenset(present - {r.id for r in catalog.reports})
    out = []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
        display = f"{FOLDER}/{path.name}"
        text = read_text(path, display, problems)
        if text is None:
            continue
        root = read_yaml(text, display, problems)
        if not isinstance(root, YMap):
            if root is not None:
                problems.add(root.origin, "Y003", "", "an exemplar file must be a mapping of fields", "")
            continue
        exemplar = parse_exemplar(path.stem, root, display, catalog, problems, invalid)
        if exemplar is not None:
            out.append(exemplar)
    return tuple(out)


def exemplar_yaml(e: Exemplar, why: str = "") -> str:
    """The file for ``e``, in the layout docs/data-format.md shows; ``why`` becomes a leading comment."""
    lines = [f"# {line}" for line in why.splitlines()] if why else []
    lines += [
        f"name: {quoted(e.name)}",
        f"kind: {quoted(e.kind.value)}",
        f"year: {quoted(str(e.year))}",
        f"achievement: {quoted(e.achievement)}",
        f"award: {quoted(e.award.id if e.award else '')}",
        f"authority: {quoted(e.authority)}",
        "movements: [" + ", ".join(quoted(m.id) for m in e.movements) + "]",
        f"report: {quoted(e.report_id)}",
        f"block: {quoted(str(e.block))}",
        f"quote: {quoted(e.quote)}",
        f"status: {quoted(e.status.value)}",
        f"note: {quoted(e.note)}",
    ]
    return "\n".join(lines) + "\n"
