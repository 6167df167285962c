"""Award statements in report text → ``Award`` records (form, authority, recipients, status).

Input: the lines of a normalised text (``(line number, text)`` pairs) and whether the text is
damaged OCR (then words are matched on ``decode.skeleton`` keys: ``Gidy khen ctia`` = Giấy khen
của). Output: ``find_awards`` gives a tuple of ``Award``: one per (form, recipient kind) stated,
e.g. "Chủ tịch UBND phường đã tặng giấy khen cho 12 tập thể, 50 cá nhân" gives two granted
Giấy khen records (tập thể 12, cá nhân 50) whose authority is "Chủ tịch UBND phường";
"Đề nghị Chủ tịch UBND tỉnh xem xét, tặng Bằng khen cho 03 cá nhân" gives one proposed record.
Authorities and names are kept as printed. What a statement does not say stays None.

How it fails: never raises; a statement it does not understand gives no record (it finds
forms it knows, in clauses split at ";" and full stops, and reads counts and names after them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tdkt.text.decode import Tok, at, keys, tokens

GRANTED, PROPOSED = "granted", "proposed"
INDIVIDUAL, COLLECTIVE, HOUSEHOLD = "cá nhân", "tập thể", "hộ gia đình"

# Forms and titles as reports write them → the name recorded (longest first where they overlap).
FORMS = (
    ("danh hiệu tập thể lao động xuất sắc", "Danh hiệu Tập thể lao động xuất sắc"),
    ("tập thể lao động xuất sắc", "Danh hiệu Tập thể lao động xuất sắc"),
    ("danh hiệu tập thể lao động tiên tiến", "Danh hiệu Tập thể lao động tiên tiến"),
    ("tập thể lao động tiên tiến", "Danh hiệu Tập thể lao động tiên tiến"),
    ("danh hiệu lao động tiên tiến", "Danh hiệu Lao động tiên tiến"),
    ("lao động tiên tiến", "Danh hiệu Lao động tiên tiến"),
    ("danh hiệu chiến sĩ thi đua cơ sở", "Danh hiệu Chiến sĩ thi đua cơ sở"),
    ("chiến sĩ thi đua cơ sở", "Danh hiệu Chiến sĩ thi đua cơ sở"),
    ("danh hiệu chiến sĩ thi đua", "Danh hiệu Chiến sĩ thi đua"),
    ("chiến sĩ thi đua", "Danh hiệu Chiến sĩ thi đua"),
    ("danh hiệu đơn vị quyết thắng", "Danh hiệu Đơn vị quyết thắng"),
    ("đơn vị quyết thắng", "Danh hiệu Đơn vị quyết thắng"),
    ("cờ thi đua", "Cờ thi đua"), ("bằng khen", "Bằng khen"), ("giấy khen", "Giấy khen"),
    ("huân chương", "Huân chương"), ("huy chương", "Huy chương"), ("kỷ niệm chương", "Kỷ niệm chương"),
)
# Words after a count that say who received it.
RECIPIENT_WORDS = (
    ("hộ gia đình", HOUSEHOLD), ("gia đình", HOUSEHOLD), ("hộ", HOUSEHOLD),
    ("cá nhân", INDIVIDUAL), ("đồng chí", INDIVIDUAL), ("đảng viên", INDIVIDUAL), ("cán bộ", INDIVIDUAL),
    ("công chức", INDIVIDUAL), ("học sinh", INDIVIDUAL), ("giáo viên", INDIVIDUAL), ("người", INDIVIDUAL),
    ("tập thể", COLLECTIVE), ("đơn vị", COLLECTIVE), ("chi bộ", COLLECTIVE), ("cơ quan", COLLECTIVE),
    ("tổ chức", COLLECTIVE),
)
_GIVE = ("tặng", "trao tặng", "khen thưởng")
_CLAUSE = re.compile(r";|(?<=[^\s.]{3})\.\s+(?=[A-ZÀ-Ỹ0-9])|\.$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Award:
    form: str  # "Giấy khen", "Bằng khen", "Danh hiệu Lao động tiên tiến", ...
    authority: str | None  # who grants it, as printed: "Chủ tịch UBND phường"
    recipients: str | None  # "cá nhân", "tập thể" or "hộ gia đình"
    count: int | None
    names: tuple[str, ...]  # named recipients, as printed
    status: str  # "granted" or "proposed"
    line: int  # line of the normalised text


@dataclass(frozen=True, slots=True)
class _Vocab:
    forms: tuple[tuple[tuple[str, ...], str], ...]
    recipients: tuple[tuple[tuple[str, ...], str], ...]
    give: tuple[tuple[str, ...], ...]
    of: tuple[str, ...]
    to: tuple[str, ...]
    propose: tuple[str, ...]
    by: tuple[str, ...]
    reach: tuple[str, ...]
    done: tuple[tuple[str, ...], ...]


def _vocab(damaged: bool) -> _Vocab:
    def k(p: str) -> tuple[str, ...]:
        return keys(p, damaged)
    return _Vocab(
        forms=tuple(sorted(((k(p), name) for p, name in FORMS), key=lambda f: -len(f[0]))),
        recipients=tuple(sorted(((k(p), kind) for p, kind in RECIPIENT_WORDS), key=lambda r: -len(r[0]))),
        give=tuple(k(p) for p in _GIVE), of=k("của"), to=k("cho"), propose=k("đề nghị"), by=k("được"),
        reach=k("đạt"), done=(k("đã"), k("xem xét")),
    )


def find_awards(lines: list[tuple[int, str]], damaged: bool) -> tuple[Award, ...]:
    v = _vocab(damaged)
    out: list[Award] = []
    for number, text in lines:
        for clause in _CLAUSE.split(text):
            out += _clause(clause, tokens(clause, damaged), number, v)
    return tuple(out)


def _match(toks: list[Tok], i: int, table) -> tuple[int, str] | None:
    for phrase, value in table:
        if at(toks, i, phrase):
            return len(phrase), value
    return None


def _span(clause: str, toks: list[Tok], a: int, b: int) -> str | None:
    """The printed text of tokens a..b-1, without surrounding punctuation."""
    if a >= b:
        return None
    return clause[toks[a].start:toks[b - 1].end].strip(" ,.:;-–“”\"'") or None


def _sep(clause: str, toks: list[Tok], i: int) -> str:
    """The characters between token i-1 and token i."""
    return clause[toks[i - 1].end:toks[i].start] if 0 < i < len(toks) else ""


def _short(clause: str, toks: list[Tok], a: int, b: int) -> str | None:
    """A printed name of at most 8 words with no number in it (else not a name: None)."""
    if not 0 < b - a <= 8 or any(t.text.isdigit() for t in toks[a:b]):
        return None
    return _span(clause, toks, a, b)


def _clause(clause: str, toks: list[Tok], line: int, v: _Vocab) -> list[Award]:
    forms = []
    i = 0
    while i < len(toks):
        hit = _match(toks, i, v.forms)
        forms.append((i, i + hit[0], hit[1])) if hit else None
        i += hit[0] if hit else 1
    out: list[Award] = []
    status, authority, previous_end = GRANTED, None, 0
    for n, (start, end, form) in enumerate(forms):
        limit = forms[n + 1][0] if n + 1 < len(forms) else len(toks)
        before = range(previous_end, start)
        if any(at(toks, j, v.propose) for j in before):
            status = PROPOSED  # and for the forms after it in the clause
        # "tặng" at most 4 words before the form ("tặng 01 bằng khen", "tặng: Cờ thi đua")
        give = next((j for j in reversed(before) if j >= start - 4 and any(at(toks, j, g) for g in v.give)), None)
        count_before = int(toks[start - 1].text) if start and toks[start - 1].text.isdigit() else None
        names: tuple[str, ...] = ()
        j = end
        if at(toks, j, v.of):  # "Giấy khen của Tỉnh ủy Hải Dương: 02 đồng chí"
            stop = next((x for x in range(j + 1, limit) if x > j + 1 and re.search("[:,]", _sep(clause, toks, x))
                         or at(toks, x, v.to) or toks[x].text.isdigit()), limit)
            authority, j = _short(clause, toks, j + 1, stop) or authority, stop
        elif give is not None:  # "<authority> (đã) tặng", "được <authority> tặng", "Đề nghị <authority> tặng"
            first = previous_end
            for x in range(previous_end, give):
                if at(toks, x, v.by):
                    first = x + len(v.by)
                elif at(toks, x, v.propose):
                    first = x + len(v.propose)
                elif x > previous_end and "," in _sep(clause, toks, x):
                    first = x
            last = give
            for done in v.done * 2:  # "đã", "xem xét" before "tặng"
                last -= len(done) if last - len(done) > first and at(toks, last - len(done), done) else 0
            authority = _short(clause, toks, first, last) or authority
            by = next((x for x in range(previous_end, give) if at(toks, x, v.by)), None)
            if by is not None:  # "Hội LHPN phường Long Xuyên được Hội LHPN tỉnh tặng bằng khen"
                names = tuple(filter(None, [_short(clause, toks, previous_end, by)]))
        else:
            reach = next((x for x in before if at(toks, x, v.reach)), None)
            if reach is not None:  # "UBND phường Long Xuyên đạt danh hiệu lao động tiên tiến"
                names = tuple(filter(None, [_short(clause, toks, previous_end, reach)]))
        counted = _counts(clause, toks, j, limit, v)
        if counted:
            out += [Award(form=form, authority=authority, recipients=kind, count=c, names=ns, status=status,
                          line=line) for c, kind, ns in counted]
        else:
            if count_before is not None and at(toks, j, v.to):  # "tặng 01 bằng khen cho UBND thị trấn …"
                names = tuple(filter(None, [_span(clause, toks, j + 1, _until_about(toks, j + 1, limit))]))
            out.append(Award(form=form, authority=authority, recipients=COLLECTIVE if names else None,
                             count=count_before, names=names, status=status, line=line))
        previous_end = end
    return out


def _until_about(toks: list[Tok], start: int, limit: int) -> int:
    """Where a named recipient ends: before "về" (the reason for the award) or a number."""
    return next((x for x in range(start, limit) if toks[x].text.lower() in ("về", "ve", "vé")
                 or toks[x].text.isdigit()), limit)


def _counts(clause: str, toks: list[Tok], start: int, limit: int, v: _Vocab) -> list[tuple[int, str, tuple]]:
    """(count, recipient kind, names) for each "<number> <kind>" between ``start`` and ``limit``."""
    found = []
    x = start
    while x < limit:
        kind = _match(toks, x + 1, v.recipients) if toks[x].text.isdigit() and x + 1 < limit else None
        if not kind:
            x += 1
            continue
        count, x = int(toks[x].text), x + 1 + kind[0]
        names: tuple[str, ...] = ()
        if x < limit and ":" in _sep(clause, toks, x):  # "02 tập thể: Chi bộ 1, chi bộ 3 và 19 đảng viên"
            stop = next((y for y in range(x, limit) if toks[y].text.isdigit() and _match(toks, y + 1, v.recipients)
                         and toks[y - 1].text.lower() in ("và", "va")), limit)
            stop -= 1 if stop < limit else 0
            listed = clause[toks[x].start:toks[stop - 1].end] if stop > x else ""
            names = tuple(p.strip(" .") for p in re.split(r",|\s+và\s+|\s+va\s+", listed) if p.strip(" ."))
            x = stop
        found.append((count, kind[1], names))
    return found
