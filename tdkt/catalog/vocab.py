"""Vocabularies: movements, award types and document types → typed records.

Input: the parsed YAML of ``data/vocab/*.yml`` (a list of mappings each). Output: tuples of
``Movement``, ``AwardType``, ``DocType``, ordered as written. Bad entries add problems and are
left out. Pure: ``catalog`` reads the files. Units come from ``gazetteer``, not from here.
"""
from __future__ import annotations

from tdkt.catalog import fields
from tdkt.text.collate import RESERVED, is_slug
from tdkt.model import AwardKind, AwardSystem, AwardType, DocType, Movement, RecipientKind
from tdkt.problems import Problems
from tdkt.catalog.yamlread import YList, YMap, YNode

MOVEMENT_KEYS = ("id", "name", "variants", "launched_by", "act", "period", "note")
AWARD_KEYS = ("id", "name", "kind", "system", "recipients", "variants", "valid_from", "valid_to", "basis")
DOC_TYPE_KEYS = ("id", "name", "code", "kind")


def _entries(root: YNode | None, file: str, problems: Problems):
    if root is None:
        return
    if not isinstance(root, YList):
        problems.add(root.origin, "Y003", "", f"{file} must be a list of entries (each starting with `- id:`)", "")
        return
    seen: set[str] = set()
    for item in root.items:
        if not isinstance(item, YMap):
            problems.add(item.origin, "Y003", "", "each entry must be a mapping", "")
            continue
        ident = fields.text(item, "id", problems, required=True)
        if ident and not is_slug(ident):
            problems.add(item.get("id").origin, "V102", "id", f'"{ident}" is not a slug',
                         "use lowercase ASCII letters, digits and hyphens")
            continue
        if ident in RESERVED:
            problems.add(item.get("id").origin, "V102", "id", f'"{ident}" is the name the site gives a section\'s '
                         "own page", "choose another id")
            continue
        if ident in seen:
            problems.add(item.get("id").origin, "V103", "id", f'"{ident}" is used twice', "give each entry its own id")
            continue
        if ident:
            seen.add(ident)
            yield ident, item


def parse_movements(root: YNode | None, file: str, problems: Problems) -> tuple[Movement, ...]:
    out = []
    for ident, m in _entries(root, file, problems):
        fields.check_keys(m, MOVEMENT_KEYS, problems)
        name = fields.text(m, "name", problems, required=True)
        if not name:
            continue
        out.append(Movement(
            id=ident, name=name,
            variants=tuple(v.value for v in fields.text_list(m, "variants", problems)),
            launched_by=fields.text(m, "launched_by", problems),
            act=fields.text(m, "act", problems),
            period=fields.text(m, "period", problems),
            note=fields.text(m, "note", problems),
            origin=m.origin,
        ))
    return tuple(out)


def parse_award_types(root: YNode | None, file: str, problems: Problems) -> tuple[AwardType, ...]:
    out = []
    for ident, m in _entries(root, file, problems):
        fields.check_keys(m, AWARD_KEYS, problems)
        name = fields.text(m, "name", problems, required=True)
        kind = fields.choice(m, "kind", AwardKind, problems, required=True)
        system = fields.choice(m, "system", AwardSystem, problems, required=True)
        recipients = []
        for r in fields.text_list(m, "recipients", problems):
            try:
                recipients.append(RecipientKind(r.value))
            except ValueError:
                problems.add(r.origin, "V104", "recipients", f'"{r.value}" is not a recipient kind',
                             "use cá nhân, tập thể or hộ gia đình")
        if not (name and kind and system):
            continue
        out.append(AwardType(
            id=ident, name=name, kind=kind, system=system, recipients=tuple(recipients),
            variants=tuple(v.value for v in fields.text_list(m, "variants", problems)),
            valid_from=fields.date(m, "valid_from", problems),
            valid_to=fields.date(m, "valid_to", problems),
            basis=fields.text(m, "basis", problems),
            origin=m.origin,
        ))
    return tuple(out)


def parse_doc_types(root: YNode | None, file: str, problems: Problems) -> tuple[DocType, ...]:
    out = []
    for ident, m in _entries(root, file, problems):
        fields.check_keys(m, DOC_TYPE_KEYS, problems)
        name = fields.text(m, "name", problems, required=True)
        if name:
            kind = fields.text(m, "kind", problems) or "van-ban"
            if kind not in ("van-ban", "tin-bai"):
                problems.add(m.get("kind").origin, "V104", "kind", f"{kind!r} is not van-ban or tin-bai",
                             "write van-ban (an official document, the default) or tin-bai (a news article)")
            out.append(DocType(id=ident, name=name, code=fields.text(m, "code", problems), origin=m.origin,
                               news=kind == "tin-bai"))
    return tuple(out)
