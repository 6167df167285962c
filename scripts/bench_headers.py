#!/usr/bin/env python3
"""Header extraction on real documents nobody tuned on: per-field accuracy, tuning part and held-out part.

    .venv/bin/python scripts/bench_headers.py [--corpus tests/fixtures/real] [--show FIELD] [--part heldout]

Each document of the corpus (``tests/fixtures/real/docs/<id>/source.txt``) goes through what ``python build.py
ingest`` does to a file (read, normalise, restore if damaged, extract) and each header field is compared with
the hand label (``label.yml``). A field is **right** when the extracted value equals the label after the
comparison below (the same for every document, fixed before any tuning), **wrong** when it differs, and a
wrong value is **unflagged** when extraction gave it without a review flag for that field (the worst case:
a confident error). An empty extraction where the label has a value is wrong but never unflagged (the site
shows "not yet determined"). News articles count in every field as the official documents do (their type
is ``bai-bao``; their issuer is the publisher).

Comparisons: number — whitespace removed, case folded, a dash is a hyphen (ingest writes "QĐ – THQC" as "QĐ-THQC",
the number's usual spelling); type — the vocabulary id; issued — ISO date, as
precise as the document states it; issuer — the fold key with the usual abbreviations expanded and
punctuation dropped; unit — the unit's name (fold key), level and, where labelled, its province (central
bodies: no unit); issuer — also right when one name is the other with its place added ("Sở Nội vụ" /
"Sở Nội vụ tỉnh Sơn La": the label or the header leaves the place to the line above), and for a news article also
right when it is the label's ``publisher`` (since 3 Dec, issue 10: the labels write the publisher in ``publisher``
and repeat it in ``issuer``, where three of the tuning part add the body before the host in brackets, "Phòng Giáo dục và Đào
tạo Giang Thành (giangthanh.edu.vn)" beside publisher "giangthanh.edu.vn"); period — kind, start and end year, part (an event's: its kind and year; its name is free text, not compared);
signer — the fold key of the name.

Prints the tuning part's tables (``--report``: the held-out part's too, the result to report; tune on the
tuning part only) (and ``--show FIELD`` lists every document's label and extraction for that field).
Exit 0 always: this measures, it does not judge.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tdkt.catalog.gazetteer import load_gazetteer  # noqa: E402
from tdkt.ingest import readers  # noqa: E402
from tdkt.ingest.folders import _restorer, issuer_kind, load_vocab, prepare  # noqa: E402
from tdkt.model import Level, Span  # noqa: E402
from tdkt.problems import Problems  # noqa: E402
from tdkt.text.collate import fold  # noqa: E402

FIELDS = ("number", "type", "issued", "issuer", "unit", "period", "signer")
RECORD = ("issuer_kind", "issuer_parent")  # the issuer record beyond its name: reported apart, not in "all fields"

_ABBREVIATIONS = [  # fold keys: expanded before issuer names are compared
    (r"\bubnd\b", "uy ban nhan dan"), (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bhd\s*td\s*-?\s*kt\b", "hoi dong thi dua khen thuong"), (r"\bhdtdkt\b", "hoi dong thi dua khen thuong"),
    (r"\btd\s*-?\s*kt\b", "thi dua khen thuong"), (r"\bgd\s*&?\s*dt\b", "giao duc va dao tao"),
    (r"\bgd\s*va\s*dt\b", "giao duc va dao tao"), (r"\bmttq\b", "mat tran to quoc"),
    (r"\blhpn\b", "lien hiep phu nu"), (r"\btw\b", "trung uong"), (r"\bthpt\b", "trung hoc pho thong"),
    (r"\bthcs\b", "trung hoc co so"), (r"\btp\b", "thanh pho"), (r"\btt\b", "thi tran"),
    (r"\btnhcm\b", "thanh nien cong san ho chi minh"), (r"\bbch\b", "ban chap hanh"),
]


def name_key(value: str) -> str:
    key = fold(unicodedata.normalize("NFC", value or ""))
    key = re.sub(r"[–—\-&.,:;()\"'“”]", lambda m: " & " if m.group(0) == "&" else " ", key)
    key = re.sub(r"\s+", " ", key).strip()
    for pattern, expansion in _ABBREVIATIONS:
        key = re.sub(pattern, expansion, key)
    key = key.replace("&", " ")
    return re.sub(r"\s+", " ", key).strip()


_PLACE = re.compile(r"^(?:tinh|huyen|xa|phuong|thi tran|thi xa|thanh pho|quan) \S")


_KIND_WORDS = re.compile(r"\b(?:tinh|huyen|xa|phuong|thi tran|thi xa|thanh pho|quan)\b")


def _same_body(a: str, b: str) -> bool:
    """The same body written with or without its place, or its place with or without its kind word ("so noi vu" /
    "so noi vu tinh son la"; "phong giao duc va dao tao dien chau" / "… huyen dien chau"): labels and headers
    write a body's place or leave it to the line above."""
    a, b = (re.sub(r"\s+", " ", _KIND_WORDS.sub(" ", x)).strip() for x in (a, b))
    if a == b:
        return bool(a)
    short, long_ = sorted((a, b), key=len)
    return bool(short) and long_.startswith(short + " ") and len(long_[len(short):].split()) <= 3


def number_key(value: str) -> str:
    return re.sub(r"[–—]", "-", re.sub(r"\s+", "", unicodedata.normalize("NFC", value or ""))).casefold()


_KIND = {Span.YEAR: "year", Span.FIRST_HALF: "half-year", Span.SECOND_HALF: "half-year", Span.QUARTER: "quarter",
         Span.MONTH: "month", Span.TERM: "years"}


def period_of(value) -> tuple[str, str, str, str]:
    """An extracted period as (kind, start, end, part); ('none', '', '', '') for none."""
    if value is None:
        return ("none", "", "", "")
    span = value.span
    kind = getattr(span, "value", str(span))
    kind = _KIND.get(span, kind)
    start = str(value.year)
    end = str(getattr(value, "end_year", None) or value.year)
    part = ""
    if span is Span.SECOND_HALF:
        part = "2"
    elif span is Span.FIRST_HALF:
        part = "1"
    elif getattr(value, "number", None):
        part = str(value.number)
    if kind == "event" and start == "None":  # labelled without a year: the text states none
        start = end = ""
    return (kind, start, end, part)


def label_period(p: dict) -> tuple[str, str, str, str]:
    p = p or {}
    kind = p.get("kind") or "none"
    if kind == "none":
        return ("none", "", "", "")
    start, end = str(p.get("start") or ""), str(p.get("end") or p.get("start") or "")
    return (kind, start, end, "" if kind == "event" else str(p.get("part") or ""))


def _level(value) -> str:
    return value.value if isinstance(value, Level) else str(value or "")


@dataclass
class Outcome:
    right: bool
    flagged: bool
    label: str
    got: str


def compare(field: str, label: dict, extracted, gazetteer, flagged: set[str]) -> Outcome:
    h = label["header"]
    if field == "issuer_kind":
        return Outcome(right=(h.get("issuer_kind") or "") == issuer_kind(extracted), flagged="issuer" in flagged,
                       label=h.get("issuer_kind") or "", got=issuer_kind(extracted))
    if field == "issuer_parent":
        want, got = name_key(h.get("issuer_parent") or ""), name_key(extracted.issuer_parent.value or "")
        return Outcome(right=_same_body(want, got) or want == got, flagged="issuer" in flagged, label=want, got=got)
    found = {"number": extracted.doc_number, "type": extracted.doc_type, "issued": extracted.issued,
             "issuer": extracted.issuer, "unit": extracted.unit, "period": extracted.period,
             "signer": extracted.signer}[field]
    value = found.value
    flag = field in flagged or {"type": "doc_type", "number": "doc_number"}.get(field, "") in flagged
    if field == "number":
        want, got = number_key(h.get("number", "")), number_key(value or "")
    elif field == "type":
        want, got = h.get("type", "") or "", value.id if value is not None else ""
    elif field == "issued":
        want, got = h.get("issued", "") or "", value.iso() if value is not None else ""
    elif field == "signer":
        want, got = name_key(h.get(field, "")), name_key(value or "")
    elif field == "issuer":
        want, got = name_key(h.get(field, "")), name_key(value or "")
        if _same_body(want, got):
            got = want
        elif label.get("kind") == "news" and got and got == name_key(h.get("publisher") or ""):
            got = want  # a news article's issuer is its publisher: the label's publisher is right too (see above)
    elif field == "unit":
        u = h.get("unit") or {}
        central = not u.get("name")
        want = "" if central else f"{fold(u.get('name', ''))}|{u.get('level', '')}|{fold(u.get('province', ''))}"
        if value is None:
            got = ""
        else:
            province = _province(value, gazetteer)
            name = f"{value.kind} {value.name}" if value.name.isdigit() else value.name  # "Quận 6", not "6"
            got = f"{fold(name)}|{_level(value.level)}|{fold(province) if u.get('province') else ''}"
            if not central and not u.get("province"):
                want = want.rsplit("|", 1)[0] + "|"
    elif field == "period":
        want, got = "|".join(label_period(h.get("period"))), "|".join(period_of(value))
    else:
        raise KeyError(field)
    return Outcome(right=want == got, flagged=flag, label=want, got=got)


def _province(unit, gazetteer) -> str:
    while unit is not None and unit.level is not Level.PROVINCE:
        unit = gazetteer.get(unit.parent_id) if unit.parent_id else None
    return "" if unit is None else re.sub(r"^(tỉnh|thành phố)\s+", "", unit.name, flags=re.I)


def heldout_ids(corpus: Path) -> set[str]:
    data = yaml.safe_load((corpus / "split.yml").read_text(encoding="utf-8"))
    held = set(data["heldout"])
    for folder in (corpus / "docs").iterdir():  # documents added since: the same rule
        if folder.name not in held and int(hashlib.sha256(folder.name.encode()).hexdigest()[:8], 16) % 5 < 2:
            held.add(folder.name)
    return held


KINDS: dict[str, str] = {}  # document id → official | news


def run(corpus: Path, with_source: bool = False) -> dict[str, dict[str, Outcome]]:
    problems = Problems()
    words = load_vocab(ROOT / "data", problems)
    gazetteer = load_gazetteer()
    restorer = _restorer()
    results: dict[str, dict[str, Outcome]] = {}
    for folder in sorted((corpus / "docs").iterdir()):
        label = yaml.safe_load((folder / "label.yml").read_text(encoding="utf-8"))
        KINDS[folder.name] = label.get("kind", "official")
        read = readers.read(folder / "source.txt")
        if not isinstance(read, readers.Read):
            results[folder.name] = {f: Outcome(False, False, "", f"refused: {read}") for f in FIELDS + RECORD}
            REFUSED.add(folder.name)
            continue
        prepared = prepare(read, words, gazetteer, restorer, source=(label.get("url") or "") if with_source else "")
        flagged = {r.field for r in prepared.review}
        results[folder.name] = {f: compare(f, label, prepared.extracted, gazetteer, flagged) for f in FIELDS + RECORD}
    return results


REFUSED: set[str] = set()  # documents ingest refused (not Vietnamese text, ...): counted apart, not as fields


def table(results: dict[str, dict[str, Outcome]], ids: list[str], title: str) -> str:
    refused = [i for i in ids if i in REFUSED]
    ids = [i for i in ids if i not in REFUSED]
    lines = [f"{title}: {len(ids)} documents" + (f" (and {len(refused)} refused by ingest: {', '.join(refused)})"
                                                  if refused else ""), "",
             "| field | right | wrong, flagged | wrong, unflagged (confident errors) | right but flagged (review cost) |",
             "|---|---|---|---|---|"]
    total_right = total = 0
    for f in FIELDS:
        outs = [results[i][f] for i in ids]
        right = sum(o.right for o in outs)
        unflagged = sum(not o.right and not o.flagged and o.got != "" for o in outs)
        total_right, total = total_right + right, total + len(outs)
        cost = sum(o.right and o.flagged for o in outs)
        lines.append(f"| {f} | {right}/{len(outs)} ({100 * right / max(1, len(outs)):.0f}%) | "
                     f"{len(outs) - right - unflagged} | {unflagged} | {cost} |")
    lines.append(f"| **all fields** | **{total_right}/{total} ({100 * total_right / max(1, total):.1f}%)** | | | |")
    for f in RECORD:
        outs = [results[i][f] for i in ids]
        right = sum(o.right for o in outs)
        unflagged = sum(not o.right and not o.flagged and o.got != "" for o in outs)
        lines.append(f"| *{f}* (issuer record) | {right}/{len(outs)} ({100 * right / max(1, len(outs)):.0f}%) | "
                     f"{len(outs) - right - unflagged} | {unflagged} | {sum(o.right and o.flagged for o in outs)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "real")
    p.add_argument("--report", action="store_true", help="also print the held-out part (the result; not for tuning)")
    p.add_argument("--show", choices=FIELDS + RECORD, help="list every document's label and extraction for one field")
    p.add_argument("--part", choices=("tuning", "heldout", "all"), default="tuning",
                   help="which part --show lists (default: tuning; look at held-out only to report)")
    p.add_argument("--with-source", action="store_true",
                   help="give ingest each document's web address (its label's url), as `ingest --source` does")
    args = p.parse_args(argv)
    results = run(args.corpus, args.with_source)
    held = heldout_ids(args.corpus)
    tuning = sorted(i for i in results if i not in held)
    heldout = sorted(i for i in results if i in held)
    parts = [("Tuning part", tuning)] + ([("Held-out part", heldout)] if args.report else [])
    for name, ids in parts:
        print(table(results, ids, name))
        print()
        for kind, what in (("official", "official documents"), ("news", "news articles")):
            print(table(results, [i for i in ids if KINDS[i] == kind], f"{name}, {what}"))
            print()
    if args.show:
        ids = {"tuning": tuning, "heldout": heldout, "all": sorted(results)}[args.part]
        print()
        for i in ids:
            o = results[i][args.show]
            mark = "ok " if o.right else ("FLG" if o.flagged or not o.got else "BAD")
            print(f"{mark} {i} ({KINDS[i]}): label={o.label!r} got={o.got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
