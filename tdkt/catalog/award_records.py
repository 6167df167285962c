"""``data/reports/<id>/awards.yml`` → ``AwardRecord`` tuples: the reviewed award statements of a report.

Input: the parsed YAML (a list of mappings, see docs/data-format.md, "awards.yml"), the report's
id and blocks, and the award-type and movement vocabularies by id. Output: the valid records, in
file order; every bad field adds a problem naming the file, line and field (unknown form R106,
count not a number R103, a block the report does not have R111, a status or recipient kind not
allowed R104) and its record is left out. Pure: ``catalog`` reads the file.
"""
from __future__ import annotations

from tdkt.catalog import fields
from tdkt.model import AwardRecord, AwardStatus, AwardType, Block, Movement, RecipientKind
from tdkt.problems import Problems
from tdkt.catalog.yamlread import YList, YMap, YNode

AWARD_RECORD_KEYS = ("form", "authority", "recipients", "count", "names", "status", "block", "movement", "note",
                     "reviewed", "year")
MAX_COUNT = 1_000_000
REVIEWED = {"yes": True, "no": False}


def parse_awards(
    root: YNode | None,
    report_id: str,
    blocks: tuple[Block, ...],
    file: str,
    award_types: dict[str, AwardType],
    movements: dict[str, Movement],
    problems: Problems,
) -> tuple[AwardRecord, ...]:
    """The records of one ``awards.yml``; an empty file or ``[]`` gives ``()``."""
    if root is None:
        return ()
    if not isinstance(root, YList):
        problems.add(root.origin, "Y003", "", f"{file} must be a list of records (each starting with `- form:`)",
                     "write `[]` when the report states no award")
        return ()
    numbers = {b.number for b in blocks}
    out = []
    for item in root.items:
        if not isinstance(item, YMap):
            problems.add(item.origin, "Y003", "", "each award record must be a mapping", "")
            continue
        record = _parse_record(item, report_id, numbers, len(blocks), award_types, movements, problems)
        if record is not None:
            out.append(record)
    return tuple(out)


def _parse_record(m: YMap, report_id: str, numbers: set[int], n_blocks: int, award_types: dict[str, AwardType],
                  movements: dict[str, Movement], problems: Problems) -> AwardRecord | None:
    before = len(problems.errors())
    fields.check_keys(m, AWARD_RECORD_KEYS, problems)

    form = fields.reference(m, "form", award_types, "vocab/award_types.yml", problems, required=True,
                            fix="use an id from that file, or add the award form there")
    movement = fields.reference(m, "movement", movements, "vocab/movements.yml", problems,
                                fix="use an id from that file, or add the movement there")

    recipients = fields.choice(m, "recipients", RecipientKind, problems)
    count = fields.integer(m, "count", problems, lo=0, hi=MAX_COUNT)
    year = fields.integer(m, "year", problems, lo=1945, hi=2100)  # the awards' own year; "" or absent: the report's
    status = fields.choice(m, "status", AwardStatus, problems, required=True)
    block = fields.integer(m, "block", problems, lo=1, hi=MAX_COUNT, required=True)
    if block is not None and block not in numbers:
        problems.add(m.get("block").origin, "R111", "block",
                     f"the report has no block {block} (text.txt has {n_blocks} blocks)",
                     "cite the number of the paragraph in text.txt, as in #p-<number> on the report page")
        block = None

    reviewed = None
    raw = fields.text(m, "reviewed", problems, required=True)
    if raw:
        reviewed = REVIEWED.get(raw)
        if reviewed is None:
            problems.add(m.get("reviewed").origin, "R104", "reviewed", f'"{raw}" is not one of: yes, no',
                         'write "yes" when a person checked the record against the text, "no" otherwise')

    names = tuple(n.value for n in fields.text_list(m, "names", problems) if n.value)
    authority = fields.text(m, "authority", problems)
    note = fields.text(m, "note", problems)

    if len(problems.errors()) > before or None in (form, status, block, reviewed):
        return None
    return AwardRecord(
        report_id=report_id, form=form, authority=authority, recipients=recipients, count=count, names=names,
        status=status, block=block, movement=movement, note=note, reviewed=reviewed, origin=m.origin, year=year,
    )
