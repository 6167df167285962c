"""The award statements of a synthetic report, with the records a reviewer would write for them.

``statements`` gives each sentence together with its ``awards.yml`` records (form, authority,
recipient kind, count, status), so a synthetic archive has award records that match its text,
as a reviewed archive does. A statement that names no award form ("Khen thưởng đột xuất …") has
no record, as in real reports. ``awards_yml`` and ``exemplar_yml`` write the files once the
statements have their paragraph numbers. Pure (``rng`` is the only state); used by ``tdkt.synth.archive``.
"""
from __future__ import annotations

import random
from typing import NamedTuple

from tdkt.catalog.yamlread import quoted

COLLECTIVE, INDIVIDUAL, HOUSEHOLD = "tập thể", "cá nhân", "hộ gia đình"
NAMED_BODIES = ("Công an", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh",
                "Trường Tiểu học", "Trạm Y tế")


class Rec(NamedTuple):
    form: str
    authority: str
    recipients: str
    count: int
    status: str  # granted | proposed
    names: tuple[str, ...] = ()


class Statement(NamedTuple):
    sentence: str
    records: tuple[Rec, ...]
    named: str = ""  # the collective the sentence names, when it names one


def statements(rng: random.Random, kind: str, place: str, hk: str, when: str, field: str, own_form: str,
               higher_form: str, level: tuple[bool, bool]) -> list[Statement]:
    """The award sentences of one report: the unit's own Giấy khen, then one to four others.

    ``kind`` and ``place`` name the unit ("phường", "Long Xuyên"), ``hk`` the level above it; ``own_form``
    and ``higher_form`` are the award-type ids of their chairmen's Giấy khen; ``level`` says whether
    the unit can propose a district Giấy khen and a Prime Minister's Bằng khen.
    """
    def c(lo: int, hi: int) -> tuple[str, int]:  # a count, sometimes written "03"
        n = rng.randint(lo, hi)
        return (f"{n:02d}" if n < 10 and rng.random() < 0.5 else str(n)), n

    own = f"Chủ tịch UBND {kind}"
    (a, na), (b, nb) = c(1, 25), c(5, 80)
    first = Statement(f"Trong {when}, {own} đã tặng Giấy khen cho {a} tập thể, {b} cá nhân có thành tích xuất sắc "
                      "trong các phong trào thi đua.",
                      (Rec(own_form, own, COLLECTIVE, na, "granted"), Rec(own_form, own, INDIVIDUAL, nb, "granted")))
    province = "Chủ tịch UBND tỉnh"
    (a, na), (b, nb), (d, nd), (e, ne) = c(1, 5), c(1, 9), c(10, 120), c(1, 15)
    (f, nf), (g, ng), (h, nh), (i, ni) = c(2, 30), c(1, 8), c(3, 40), c(100, 2500)
    (j, nj), (k, nk), (m, nm), (n, nn) = c(1, 25), c(3, 60), c(1, 5), c(1, 9)
    body = rng.choice(NAMED_BODIES)
    named = f"{body} {kind} {place}"
    others = [
        Statement(f"Đề nghị {province} tặng Bằng khen cho {a} tập thể và {b} cá nhân.",
                  (Rec("bang-khen-cap-tinh", province, COLLECTIVE, na, "proposed"),
                   Rec("bang-khen-cap-tinh", province, INDIVIDUAL, nb, "proposed"))),
        Statement(f"Công nhận danh hiệu “Lao động tiên tiến” cho {d} cá nhân; danh hiệu “Chiến sĩ thi đua cơ sở” "
                  f"cho {e} cá nhân.",
                  (Rec("lao-dong-tien-tien", "", INDIVIDUAL, nd, "granted"),
                   Rec("chien-si-thi-dua-co-so", "", INDIVIDUAL, ne, "granted"))),
        Statement(f"Có {f} tập thể đạt danh hiệu “Tập thể lao động tiên tiến”, {g} tập thể đạt danh hiệu "
                  "“Tập thể lao động xuất sắc”.",
                  (Rec("tap-the-lao-dong-tien-tien", "", COLLECTIVE, nf, "granted"),
                   Rec("tap-the-lao-dong-xuat-sac", "", COLLECTIVE, ng, "granted"))),
        Statement(f"Công nhận {h} thôn, tổ dân phố đạt danh hiệu “Thôn, tổ dân phố văn hóa” và {i} hộ đạt danh hiệu "
                  "“Gia đình văn hóa”.",
                  (Rec("thon-to-dan-pho-van-hoa", "", COLLECTIVE, nh, "granted"),
                   Rec("gia-dinh-van-hoa", "", HOUSEHOLD, ni, "granted"))),
        Statement(f"Khen thưởng đột xuất cho {c(1, 6)[0]} tập thể, {c(1, 15)[0]} cá nhân có thành tích trong {field}.",
                  ()),  # the text names no form: no record
        Statement(f"- Giấy khen của {own}: {j} tập thể, {k} cá nhân;",
                  (Rec(own_form, own, COLLECTIVE, nj, "granted"), Rec(own_form, own, INDIVIDUAL, nk, "granted"))),
        Statement(f"- Bằng khen của {province}: {m} tập thể, {n} cá nhân;",
                  (Rec("bang-khen-cap-tinh", province, COLLECTIVE, nm, "granted"),
                   Rec("bang-khen-cap-tinh", province, INDIVIDUAL, nn, "granted"))),
        Statement(f"{named} được {province} tặng Bằng khen vì có thành tích xuất sắc trong {field}.",
                  (Rec("bang-khen-cap-tinh", province, COLLECTIVE, 1, "granted", (named,)),), named),
    ]
    (a, na), (b, nb), (d, nd) = c(1, 9), c(1, 20), c(1, 3)
    higher = f"Chủ tịch UBND {hk}"
    others += [Statement(f"Đề nghị {higher} tặng Giấy khen cho {a} tập thể, {b} cá nhân.",
                         (Rec(higher_form, higher, COLLECTIVE, na, "proposed"),
                          Rec(higher_form, higher, INDIVIDUAL, nb, "proposed")))] * level[0]
    others += [Statement(f"Đề nghị Thủ tướng Chính phủ tặng Bằng khen cho {d} cá nhân.",
                         (Rec("bang-khen-thu-tuong", "Thủ tướng Chính phủ", INDIVIDUAL, nd, "proposed"),))] * level[1]
    return [first, *rng.sample(others, rng.randint(1, 4))]


def awards_yml(placed: list[tuple[Statement, int]]) -> str:
    """``awards.yml`` for statements placed at the given paragraph numbers (machine-made: reviewed "no")."""
    out = ["# Synthetic award records (tdkt.synth.archive): they match the generated text, not a real document."]
    for st, block in placed:
        for r in st.records:
            out += [f"- form: {quoted(r.form)}", f"  authority: {quoted(r.authority)}", f"  recipients: {quoted(r.recipients)}",
                    f"  count: {quoted(str(r.count))}", f"  names: [{', '.join(quoted(n) for n in r.names)}]",
                    f"  status: {quoted(r.status)}", f"  block: {quoted(str(block))}", '  reviewed: "no"', ""]
    return "\n".join(out) + ("\n" if out[-1] else "")


def exemplar_yml(st: Statement, report_id: str, block: int, year: int) -> str:
    """A published exemplar for the collective a statement names, quoting the statement."""
    rec = st.records[0]
    lines = ["# Synthetic exemplar (tdkt.synth.archive): not a real one.",
             f"name: {quoted(st.named)}", 'kind: "tập thể"', f"year: {quoted(str(year))}",
             f"achievement: {quoted(f'Được {rec.authority} tặng Bằng khen.')}", f"award: {quoted(rec.form)}",
             f"authority: {quoted(rec.authority)}", "movements: []", f"report: {quoted(report_id)}",
             f"block: {quoted(str(block))}", f"quote: {quoted(st.sentence.rstrip('.'))}", 'status: "published"', 'note: ""']
    return "\n".join(lines) + "\n"
