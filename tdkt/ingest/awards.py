"""Award statements in report text → ``Award`` records (form, authority, recipients, status).

Input: the lines of a normalised text (``(line number, text)`` pairs) and whether the text is
damaged OCR (then words are matched on ``decode.skeleton`` keys: ``Gidy khen ctia`` = Giấy khen
của). Output: ``find_awards`` gives a tuple of ``Award``: one per (form, recipient kind) stated,
e.g. "Chủ tịch UBND phường đã tặng giấy khen cho 12 tập thể, 50 cá nhân" gives two granted
Giấy khen records (tập thể 12, cá nhân 50) whose authority is "Chủ tịch UBND phường";
"Đề nghị Chủ tịch UBND tỉnh xem xét, tặng Bằng khen cho 03 cá nhân" gives one proposed record.
Authorities and names are kept as printed. What a statement does not say stays None.

Read as a person reads them: a count before the form ("3 tập thể đạt danh hiệu …") or after it ("cho 12 tập
thể, 50 cá nhân"), several statements in one sentence, counts glued to words ("cho 15Sở") or with thousands
separators ("1.780"), recipients named after "cho", "là" or ":" or before "được/đạt/nhận" (counted as named).
A statement is proposed after a proposal ("Đề nghị … tặng", "trình …", not "Xét đề nghị của …") to the end of its
paragraph, in the list under a line that ends with ":", and throughout a text whose title proposes; an explicit
grant ("đã tặng") or a new "…: <Capital>" statement ends it. Measured on real texts by scripts/bench_awards.py.

How it fails: never raises; a statement it does not understand gives no record; a bare mention of a form (no
count, recipient or name: "Tiêu chuẩn tặng Bằng khen …") is not a statement and gives none.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from tdkt.ingest.award_counts import (
    count_before, counted_before, counts, described, form_at, is_count, match, passive_by, plural_kind, sep, short,
    span, uncounted,
)
from tdkt.ingest.award_mood import cited, each, targeted, work_noun
from tdkt.ingest.award_names import (
    authority_name, capital_title, medal_name, named_prize, prized, quoted_title, ranked, reached_title,
    recognised_title,
)
from tdkt.ingest.award_totals import (
    without_headline_totals, without_named_twice, without_parts, without_restatements, without_superseded,
    without_uncounted_again, without_verb_restatements,
)
from tdkt.ingest.award_words import (
    AWARDING, BREAKDOWN, GENERIC, GRANTED, GRANTS, LIST_ITEM, LISTS, ON_BEHALF, PROPOSAL_TITLE, PROPOSALS, PROPOSED,
    CLAUSE, ELABORATION, PRESENTED, PROPOSED_ONE, RECOGNISED, RULES_TITLE, RUNNING_TOTAL, SCOPE, SENTENCE, Words,
    award_year, dated_title, implied_recipients, prepare, words,
)
from tdkt.ingest.recipients import (  # noqa: F401  (the recipient kinds are this module's words too)
    COLLECTIVE, HONORIFIC, HOUSEHOLD, INDIVIDUAL, clean_name, named, persons_first, split_bodies, split_names,
)
from tdkt.text.collate import fold
from tdkt.text.decode import Tok, at, tokens


@dataclass(frozen=True, slots=True, kw_only=True)
class Award:
    form: str  # "Giấy khen", "Bằng khen", "Danh hiệu Lao động tiên tiến", ...
    authority: str | None  # who grants it, as printed: "Chủ tịch UBND phường"
    recipients: str | None  # "cá nhân", "tập thể" or "hộ gia đình"
    count: int | None
    names: tuple[str, ...]  # named recipients, as printed
    status: str  # "granted" or "proposed"
    line: int  # line of the normalised text
    year: int | None = None  # the year its sentence says the awards are for (one year, stated); None: not stated
    uncounted: bool = False  # given to recipients named by kind only ("cho các tập thể, cá nhân"): count None


def find_awards(lines: list[tuple[int, str]], damaged: bool) -> tuple[Award, ...]:
    """Every award statement of the text, in order. A proposal ("Đề nghị … tặng") makes the statements after it
    in its sentence proposed; a line that ends with ":" after one carries it into the list items below it."""
    v = words(damaged)
    out: list[Award] = []
    standing: set[tuple[int, int]] = set()  # (line, count) of counts that stand for recipients stated elsewhere
    recent: list[Award] = []  # the last statements, which a "Trong đó …" or "Gồm: …" after them may break down
    carry = None
    seen: set[str] = set()
    presented: set[int] = set()  # the statements of what was put before a council (ids)
    # a text whose title or first line proposes ("danh sách đề nghị khen thưởng", "Tờ trình", "lấy ý kiến …
    # đề nghị") states proposals throughout, but where a sentence says something was granted
    title = lines[0][1] if len(lines) > 1 and len(lines[0][1]) <= 250 else ""
    # a plan, a guidance, a regulation: "tặng Giấy khen cho các tập thể …" there is a rule, not a grant
    rules = any(RULES_TITLE.match(text) for _, text in lines[:8])
    whole = PROPOSED if PROPOSAL_TITLE.search(title) else GRANTED
    listing: tuple[Award, list[str]] | None = None  # "… danh hiệu Chiến sĩ thi đua toàn quốc cho" + the items below
    for number, raw in lines:
        again = " ".join(raw.split())
        if again in seen:  # a line printed twice (a caption, a repeated lead) states its awards once
            continue
        seen.add(again)
        if 4 <= len(again) <= 200 and again == again.upper() \
                and not re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b", "", again)):
            continue  # "DANH SÁCH CÁC TẬP THỂ ĐƯỢC TẶNG THƯỞNG CỜ THI ĐUA …", "… NHẬN CỜ THI ĐUA NĂM 2019": a heading
            # (no count in it, a year at most) names a form, states no award
        text = prepare(raw)
        item = bool(LIST_ITEM.match(text))
        if listing is not None:
            name = clean_name(LIST_ITEM.sub("", text, count=1)) if item else None
            if name and not any(at(tokens(text, damaged), i, f) for i in range(4) for f, _ in v.forms):
                listing[1].append(name)
                continue
            out += _listed(*listing)
            listing = None
        status = carry if carry and item else whole
        if not item:
            carry = None
        base = status
        for sentence in SENTENCE.split(text):
            if RUNNING_TOTAL.match(fold(sentence)):  # "Tính đến nay, toàn huyện có 789 gia đình được tặng …"
                continue                             # counts what all years gave, not an award of this text
            if status == PROPOSED and GRANTS.search(sentence):  # "… UBND tỉnh đã tặng …": granted again
                status = base if base != PROPOSED or whole != PROPOSED else GRANTED
            heard = PRESENTED.search(fold(sentence))  # "Hội đồng được nghe báo cáo … xét duyệt …": put before it
            breaking = False  # from a "Trong đó"/"Gồm:" to the end of its sentence
            earlier = None  # a year stated before, in this sentence ("Năm 2022, …; …")
            for clause in CLAUSE.split(sentence):  # "…; …" and "…, trong đó …" (a breakdown begins)
                if cited(clause):  # "Căn cứ Quyết định số … về việc tặng Bằng khen cho …": another's grant
                    continue
                found, status = _clause(clause, tokens(clause, damaged), number, v, status, base)
                passive = len(PROPOSED_ONE.findall(clause))  # "1 tập thể được đề nghị … tặng bằng khen; 2 tập thể …"
                if passive and passive == len(PROPOSALS.findall(clause)):  # proposes for its own clause only
                    status = base
                year = award_year(clause) or earlier
                found = [dataclasses.replace(a, year=year) for a in found] if year else found
                found = [dataclasses.replace(a, form=form, year=year) if year else a
                         for a, (form, year) in ((a, dated_title(a.form)) for a in found)]
                for m in ON_BEHALF.finditer(clause):  # "trao bằng khen cho đại diện 40 tập thể": handed to
                    standing.update((number, int(m.group(1))) for a in found if a.count == int(m.group(1)))
                earlier = year
                if found and LISTS.search(text) and text.rstrip().endswith(clause.rstrip()) \
                        and found[-1].count is None and not found[-1].names:
                    listing, found = (found[-1], []), found[:-1]  # its recipients are the items below the line
                found = [a for a in found if _stated(a, rules)]
                breaking = breaking or bool(BREAKDOWN.match(clause))
                if breaking and recent and found and number - recent[0].line <= 4 \
                        and all(_generic(a) for a in recent) and not any(_generic(a) for a in found):
                    # "… 22 tập thể, cá nhân được khen thưởng cấp Nhà nước. Trong đó, có 1 tập thể nhận Huân chương
                    # …; 4 tập thể nhận cờ thi đua …": the parts name the forms, the total only counted them
                    out = [a for a in out if all(a is not r for r in recent)]
                    breaking, recent = False, found
                elif breaking and recent and number - recent[0].line <= 4:
                    # "… Huy hiệu Đảng cho 155 đảng viên. Gồm: Huy hiệu 30 năm tuổi Đảng là 68 đồng chí; …": the
                    # parts of a statement already counted are not statements of their own
                    wholes = {(a.form, a.recipients) for a in recent}
                    found = [a for a in found if (a.form, a.recipients) not in wholes]
                elif found and recent and number - recent[0].line <= 4 and ELABORATION.match(sentence):
                    # "Toàn ngành có 06 tập thể được tặng cờ thi đua, 46 tập thể … Theo đó, Bệnh viện … được tặng Cờ
                    # thi đua … và 06 khoa … được công nhận …": one body's share of totals just stated, each no more
                    # than its total (same form and recipients), is part of them, not a statement of its own
                    parts = [a for a in found if a.count is not None and any(
                        (w.form, w.recipients) == (a.form, a.recipients) and w.count is not None and w.count >= a.count
                        for w in recent)]
                    found = found if len(parts) < len(found) else []
                elif found:
                    recent = found
                if heard:
                    found = [dataclasses.replace(a, status=PROPOSED) for a in found]
                    presented.update(id(a) for a in found)
                out += found
            if sentence.rstrip().endswith(":") and status == PROPOSED:
                carry = PROPOSED
    if listing is not None:
        out += _listed(*listing)
    out = without_superseded(out, presented)  # … and then agreed in other figures: what was agreed
    out = [dataclasses.replace(a, authority=authority_name(a.authority)) for a in out]
    out = without_parts([a for a in out if _stated(a, rules)])  # a bare mention: none
    out = without_uncounted_again(out)  # "trao Bằng khen cho các tập thể" beside "Bằng khen cho 12 tập thể": once
    # … the representatives of recipients counted elsewhere in the text: that statement is said once
    stated = Counter((a.form, a.count, a.recipients) for a in out if (a.line, a.count) not in standing)
    out = [a for a in out if (a.line, a.count) not in standing or not stated[(a.form, a.count, a.recipients)]]
    # a headline, a lead or a caption repeats what its article states: counted once
    out = without_restatements(without_headline_totals(out, lines[0][0] if lines else 0))
    return tuple(without_verb_restatements(without_named_twice(out)))


def _stated(a: Award, rules: bool) -> bool:
    """Whether a record states an award: a count, a name or a kind of recipient; one given to recipients named by
    kind only ("cho các tập thể") unless the text is a plan or a regulation (there, a rule)."""
    return (a.count is not None or bool(a.names) or bool(a.recipients) or a.uncounted) and not (a.uncounted and rules)


def _generic(a: Award) -> bool:
    """Whether a statement's form is only a verb ("Khen thưởng", "Tuyên dương, khen thưởng") with a count."""
    return a.count is not None and fold(a.form).startswith(GENERIC)


def _listed(award: Award, names: list[str]) -> list[Award]:
    """A statement whose recipients are the list items under it: as many as listed, named."""
    if not names:
        return [award]
    listed = persons_first(tuple(names))
    return [dataclasses.replace(award, names=listed, count=len(listed),
                                recipients=named(listed) or implied_recipients(award.form))]


def _proposes(toks: list[Tok], j: int, v: Words) -> bool:
    """Whether a proposal word at ``j`` proposes an award (not "Xét đề nghị của …", "Tờ trình số …")."""
    hit = match(toks, j, tuple((p, "") for p in v.propose))
    if hit is None:
        return False
    # "Xét đề nghị …" is a basis, but "… xét, đề nghị UBND tỉnh tặng …" (a comma between) proposes
    joined = j > 0 and toks[j].start - toks[j - 1].end <= 1  # one space at most: no mark between
    before = [" ".join(t.key for t in toks[j - n:j]) for n in (1, 2, 3) if j >= n and joined]
    if any(" ".join(b) in before for b in v.basis) or at(toks, j + hit[0], v.of):
        return False
    # "trình" of "chương trình", "quá trình", "công trình", "trình bày", "trình độ" is no proposal
    if at(toks, j, v.submit) and (j and toks[j - 1].key in v.not_submit_before
                                  or j + 1 < len(toks) and toks[j + 1].key in v.not_submit_after):
        return False
    return True


def _forms_in(clause: str, toks: list[Tok], v: Words) -> list[tuple[int, int, str, bool]]:
    """(start, end, form, is a verb form) of every form in the clause."""
    forms = []
    i = 0
    while i < len(toks):
        hit = form_at(toks, i, v)  # … or its marks mistyped
        if hit:
            end, name = medal_name(clause, toks, i + hit[0], hit[1], v) or (i + hit[0], hit[1])
            forms.append((i, end, name, False))
            i = end
            continue
        named_form = quoted_title(clause, toks, i, v) or named_prize(clause, toks, i, v) or ranked(toks, i, v, forms) \
            or reached_title(clause, toks, i, v) or capital_title(clause, toks, i, v) \
            or recognised_title(clause, toks, i, v)
        if named_form:  # danh hiệu “Phụ nữ tiêu biểu”, Giải thưởng Nguyễn Đức Cảnh: a form the table does not know
            forms.append(named_form)
            i = named_form[1]
            continue
        verb = match(toks, i, v.verb_forms)
        if verb and fold(verb[1]).startswith("khen thuong") and work_noun(toks, i):  # "công tác thi đua, khen thưởng"
            i += verb[0]
            continue
        if verb:
            end, name = _verb_chain(clause, toks, i, i + verb[0], verb[1], v)
            if end < len(toks) and not sep(clause, toks, end).strip() and name != RECOGNISED and (
                    form_at(toks, end, v) or at(toks, end, v.title) or at(toks, end, v.prize)):
                i = end  # "35 thanh niên được tuyên dương danh hiệu …": the title it names is the form
                continue
            j = end + (len(v.to) if at(toks, end, v.to) else 0)
            j = next((x for x in range(j, min(len(toks) - 1, j + 4)) if toks[x].text.isdigit()
                      and not re.search(r"[^\w\s]", clause[toks[j - 1].end:toks[x].start] if j else "")
                      and all(t.text[:1].islower() for t in toks[j:x])), j)  # "khen thưởng theo thẩm quyền 8 …"
            if j + 1 < len(toks) and toks[j].text.isdigit() and match(toks, j + 1, v.recipients) \
                    or name != RECOGNISED and passive_by(clause, toks, i, v) is not None \
                    or name != RECOGNISED and plural_kind(toks, j, v) and any(at(toks, x, v.done[0]) for x in
                                                                            range(max(0, i - 3), i)):
                # … and "(đã) khen thưởng các tập thể, cá nhân …": given, not counted
                forms.append((i, end, name, True))
            i = end
            continue
        i += 1
    return forms


def _verb_chain(clause: str, toks: list[Tok], i: int, end: int, name: str, v: Words) -> tuple[int, str]:
    """"tuyên dương, khen thưởng", "biểu dương, tôn vinh", "biểu dương khen thưởng": verbs joined by a comma, "và"
    or nothing are one form, named as printed; (its end, its name)."""
    first = end
    while end < len(toks):
        joined = len(v.and_) if at(toks, end, v.and_) else 0
        more = match(toks, end + joined, v.verb_chain)
        if more is None or not joined and re.search(r"[^\s,]", sep(clause, toks, end)):
            break
        end += joined + more[0]
    if end == first:
        return end, name
    printed = span(clause, toks, i, end) or name
    return end, printed[:1].upper() + printed[1:]


def _clause(clause: str, toks: list[Tok], line: int, v: Words, status: str, base: str) -> tuple[list[Award], str]:
    forms = _forms_in(clause, toks, v)
    if not forms and AWARDING.search(clause) and any(_proposes(toks, j, v) for j in range(len(toks))):
        # "… thống nhất đề nghị lên Ban Thi đua khen thưởng Trung ương 22 tập thể, cá nhân …. Trong đó, có 1 tập
        # thể nhận Huân chương …": a proposal stated without a form makes the paragraph's statements proposed
        return [], PROPOSED
    out: list[Award] = []
    authority, previous_end = None, 0
    # "… thống nhất: Tặng …": after a colon and a capital, what follows is said anew (a proposal before it ends)
    scopes = [m.end() for m in SCOPE.finditer(clause)]
    marks = []  # where each form's statements start in ``out``
    for n, (start, end, form, verb) in enumerate(forms):
        marks.append(len(out))
        limit = forms[n + 1][0] if n + 1 < len(forms) else len(toks)
        before = range(previous_end, start)
        anew = [x for x in scopes if toks[previous_end].start < x <= toks[start].start] if start > previous_end else []
        cues = before
        if anew:
            status = base
            cues = range(next((i for i in before if toks[i].start >= anew[-1]), start), start)
        if any(_proposes(toks, j, v) for j in cues):
            status = PROPOSED  # and for the forms after it in the sentence
        elif any(at(toks, x, v.own_power) for x in range(previous_end, min(limit, end + 4))):
            status = GRANTED  # "…; khen thưởng theo thẩm quyền 8 tập thể": given by the body that speaks
        if targeted(clause, toks, previous_end, start) or any(  # "Phấn đấu 5 tập thể được tặng …": a target
                toks[x].text.lower() == "mỗi" and match(toks, x + 1, v.recipients) for x in range(previous_end, start)):
            # … and "Mỗi tập thể được tặng Giấy khen kèm theo tiền thưởng …": what each gets, a rule: nothing granted
            previous_end = end
            continue
        ahead = count_before(clause, toks, start, previous_end, v) if not verb else None
        by = passive_by(clause, toks, start, v) if verb else None
        if by is not None and by >= previous_end:  # "06 tập thể được Liên đoàn Lao động huyện khen thưởng"
            ahead = counted_before(clause, toks, by, previous_end, v)
            authority = short(clause, toks, by + len(v.by), start) or authority
        # "tặng" at most 4 words before the form ("tặng 01 bằng khen", "tặng: Cờ thi đua")
        give = next((j for j in reversed(before) if j >= start - 4 and any(at(toks, j, g) for g in v.give)), None)
        while give and not v.damaged and _inside_give(toks, give, v):  # "trao tặng", not its "tặng"
            give -= 1
        number_before = int(toks[start - 1].text) if start and is_count(clause, toks, start - 1, quoted=True) \
            and not (start == 1 and LIST_ITEM.match(clause)) else None  # "2. Bằng khen …": an item's number
        if number_before is not None and each(toks, previous_end, start):  # "mỗi cá nhân … 1 giấy khen": per head
            previous_end = end
            continue
        names: tuple[str, ...] = ()
        j, own = end, None
        if at(toks, j, v.of):  # "Giấy khen của Tỉnh ủy Hải Dương: 02 đồng chí"
            stop = next((x for x in range(j + 1, limit) if x > j + 1 and re.search("[:,]", sep(clause, toks, x))
                         or at(toks, x, v.to) or at(toks, x, v.be) or toks[x].text.isdigit()), limit)
            own, j = short(clause, toks, j + 1, stop), stop
        if give is not None and ahead is None:  # "<authority> (đã) tặng", "được <authority> tặng", "Đề nghị …"
            first, passive = previous_end, False
            for x in range(previous_end, give):
                if at(toks, x, v.by):
                    first, passive = x + len(v.by), True
                elif any(at(toks, x, p) for p in v.propose):
                    first = x + len(next(p for p in v.propose if at(toks, x, p)))
                elif x > previous_end and re.search("[,:]", sep(clause, toks, x)) and not passive:
                    first = x  # but "được UBND tỉnh, Bộ, Ngành Trung ương tặng": one list of authorities
            last = give
            for done in v.done * 2:  # "đã", "còn", "xem xét" before "tặng"
                last -= len(done) if last - len(done) > first and at(toks, last - len(done), done) else 0
            of = next((x for x in range(last - 1, first, -1) if at(toks, x, v.of)), None)  # "Quyết định số … của X tặng"
            if any(at(toks, first, g) for g in v.give):  # "được trao tặng và truy tặng …": verbs, no authority
                first = last
            authority = own or short(clause, toks, first, last) or (
                short(clause, toks, of + len(v.of), last) if of is not None else None) or authority
            # "được <authority> tặng", not "nhận được 02 hồ sơ đề nghị … xét tặng" (received, and something else)
            by = next((x for x in range(previous_end, give) if at(toks, x, v.by)
                       and not any(toks[y].text.isdigit() for y in range(x, give))), None)
            counted_by = counted_before(clause, toks, by, previous_end, v) if by is not None else None
            if counted_by is not None:  # "01 tập thể và 17 cá nhân được Thủ tướng Chính phủ tặng bằng khen"
                ahead = counted_by
            elif by is not None:  # "Hội LHPN phường Long Xuyên được Hội LHPN tỉnh tặng bằng khen"
                names = split_names(span(clause, toks, previous_end, by) if by - previous_end <= 24 else None)
        else:
            authority = own or authority
            reach = next((x for x in before if any(at(toks, x, r) for r in v.reaches)
                          and not _inside_give(toks, x, v)), None)
            if reach is not None and any(toks[x].text.isdigit() for x in range(reach, start)):
                reach = None  # "Phòng GD&ĐT nhận được 02 hồ sơ đề nghị … danh hiệu": it receives something else
            if reach is not None and ahead is None:  # "UBND phường … đạt danh hiệu …", "ông X và bà Y nhận …"
                names = split_names(span(clause, toks, previous_end, reach) if reach - previous_end <= 24 else None)
        if ahead is not None:  # "8 tập thể đạt danh hiệu …", "02 tập thể được tặng Bằng khen … là A và B"
            if len(ahead) == 1 and (at(toks, j, v.be) or ":" in sep(clause, toks, j)):
                j += len(v.be) if at(toks, j, v.be) else 0
                names = split_names(span(clause, toks, j, _until_about(toks, j, limit, v)))
            out += [Award(form=form, authority=authority, recipients=kind, count=count, names=names,
                          status=status, line=line) for count, kind in ahead]
            previous_end = end
            continue
        counted = counts(clause, toks, j, limit, v)
        extent = described(clause, toks, j, limit, v) if verb and counted else None
        if verb and fold(form).startswith("cong nhan"):  # "công nhận 117 liên đội mạnh cấp tỉnh": the title
            if not extent or len(counted) != 1:  # recognised as what? unsaid ("công nhận 3 xã …"): none
                previous_end = end
                continue
            rest = re.sub(r"^công nhận\W+(?:và\s+)?", "", form, flags=re.I)  # "công nhận và biểu dương": biểu dương
            form, extent = (extent[:1].upper() + extent[1:], None) if fold(rest) in ("cong nhan", "khen thuong") \
                else (rest[:1].upper() + rest[1:], extent)
        form = f"{form} {extent}" if extent else form  # "Khen thưởng điển hình tiên tiến"
        near = j + 1 < len(toks) and "," not in sep(clause, toks, j) and (
            toks[j].text.isdigit() or at(toks, j, v.to) and toks[j + 1].text.isdigit())
        if number_before is not None and not near:
            counted = []  # "cho 124 “Tập thể lao động tiên tiến”, 2.417 cá nhân …": the count before is this form's
        if counted:
            out += [Award(form=form, authority=authority, recipients=kind, count=c, names=ns, status=status,
                          line=line) for c, kind, ns in counted]
        else:
            # "tặng 01 bằng khen cho UBND thị trấn …", "Cờ thi đua cho Trường THPT …", "cờ thi đua xuất sắc giai
            # đoạn 2015-2020 cho xã Phước Chỉ": "cho" within a few words, before any reason ("về", "vì", …)
            to = next((x for x in range(j, min(limit, j + 8)) if at(toks, x, v.to)
                       or any(at(toks, x, a) for a in v.about)), None)
            listing = to is None and j + 1 < limit and at(toks, j, v.made_of) and ":" in sep(clause, toks, j + 1)
            if listing or to is not None and at(toks, to, v.to):  # "cho ông A và bà B": each person named
                first = j + len(v.made_of) if listing else to + len(v.to)  # "Cờ thi đua gồm: Công an huyện, …"
                stop = _until_about(toks, first, limit, v)
                listed = span(clause, toks, first, stop)
                # "… cho Trường A và UBND tỉnh tặng …": the last name gives the next award, the list is one name
                regiven = stop < len(toks) and any(at(toks, stop, g) for g in v.give)
                names = split_names(listed) if listed and HONORIFIC.match(listed) else (
                    None if regiven else split_bodies(listed)) or tuple(filter(None, [clean_name(listed)]))
            count = number_before if number_before is not None else len(names) or None  # named: as many as named
            kind = (named(names) or implied_recipients(form)) if count is not None else None
            if kind is None and number_before is not None and match(toks, start, v.recipients):
                kind = match(toks, start, v.recipients)[1]  # "100 Nông dân Việt Nam xuất sắc": a title of persons
            if kind is None and count is not None and (form.startswith("Giải ") or number_before is not None):
                kind = prized(toks, end, v, len(toks) if form.startswith("Giải ") else end + 8)
            # "(đã) trao Bằng khen cho các cá nhân …": granted by a verb of giving that is not "được"/"xét" tặng
            plain = count is None and status == GRANTED and (verb or give is not None and not (give > 0 and (
                at(toks, give - 1, v.by) or toks[give - 1].key in v.considering)))
            plural = uncounted(toks, j, limit, v, verb) if plain else None
            kind = plural[1] if plural else kind
            out.append(Award(form=form, authority=authority, recipients=kind, count=count, names=names,
                             status=status, line=line, uncounted=bool(plural)))
        previous_end = end
    return _shared(out, marks + [len(out)], forms, clause, toks, v), status


def _shared(out: list[Award], marks: list[int], forms: list, clause: str, toks: list[Tok], v: Words) -> list[Award]:
    """Forms joined by "và" or a comma share the recipients they name: "Hội được UBND tỉnh tặng Bằng khen và Cờ thi
    đua", "tặng Bằng khen và Cờ thi đua cho Trường THCS …": the form that says no count and names no one takes the
    names of the form it is joined to (its own name kept). A count is not shared: "117 đơn vị nhận cờ thi đua và
    bằng khen" counts both together, not 117 of each."""
    groups = [out[marks[n]:marks[n + 1]] for n in range(len(forms))]
    for n in range(1, len(forms)):
        a, b = groups[n - 1], groups[n]
        between = toks[forms[n - 1][1]:forms[n][0]]
        joined = not between and "," in sep(clause, toks, forms[n][0]) or len(between) == len(v.and_) \
            and at(toks, forms[n - 1][1], v.and_)
        if not joined or forms[n - 1][3] or forms[n][3]:  # verbs ("khen thưởng") are not joined forms
            continue

        def said(group):
            return any(x.count is not None or x.names for x in group)
        if not any(x.names for x in a + b):
            continue
        if said(a) and b and not said(b):
            groups[n] = [dataclasses.replace(x, form=b[0].form, status=b[0].status) for x in a]
        elif said(b) and a and not said(a):
            groups[n - 1] = [dataclasses.replace(x, form=a[0].form, status=a[0].status) for x in b]
    return [x for group in groups for x in group]


def _inside_give(toks: list[Tok], x: int, v: Words) -> bool:
    """Whether token ``x`` is inside a verb of giving ("nhận" of "công nhận")."""
    return any(at(toks, y, g) and y < x < y + len(g) for g in v.give for y in (x - 1, x - 2) if y >= 0)


def _until_about(toks: list[Tok], start: int, limit: int, v: Words) -> int:
    """Where a named recipient ends: before "về" (the reason for the award), a number or the next grant ("cho xã
    Phước Chỉ, trao bằng khen …")."""
    return next((x for x in range(start, limit) if any(at(toks, x, a) for a in v.about)
                 or toks[x].text.isdigit()
                 or x > start and toks[x].text[:1].islower() and any(at(toks, x, g) for g in v.give)), limit)

