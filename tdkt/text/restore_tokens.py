"""Vietnamese syllables and OCR tokens, for tdkt.text.restore: which pieces of a line restoration works on.

- syllable shape and folding: ``fold``, ``canonical`` (modern tone placement), ``is_syllable``;
- tokens: a whitespace token is split into punctuation and word pieces (``_strip_token``, ``_pieces``),
  OCR debris inside a word (``¢6`` có, ``k&`` kế) belongs to the word; ``_skeleton`` is a damaged
  piece's letters with OCR digits read as vowels (``c6`` → ``co``);
- what restoration leaves alone (``is_untouchable``, ``is_code``, ``foreign_pieces``): URLs and e-mail
  addresses, codes (``H5N1``, ``ISO9001``), and words of another language (``Page``, ``View``,
  ``Embed Size``): an English word (from the model's word list) that no Vietnamese syllable's OCR could
  have made, and every English word of a line mostly made of them.
"""
from __future__ import annotations

import re
import unicodedata

# --- Vietnamese letters ---------------------------------------------------------------------

_TONE_MARKS = "\u0300\u0309\u0303\u0301\u0323"  # huyền hỏi ngã sắc nặng
# Letters English-model OCR never outputs: their presence means real Vietnamese text.
_VI_ONLY = set(
    "ăắằẳẵặđĩũơớờởỡợưứừửữựạảấầẩẫậẹẻẽếềểễệỉịọỏốồổỗộụủỳỵỷỹ"
)
_VI_ONLY |= {c.upper() for c in list(_VI_ONLY)}
_SYLLABLE_RE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?$"
)


def fold(s: str) -> str:
    """No marks, đ→d, lowercase (same as tdkt.text.collate.fold, kept local to avoid imports)."""
    out = []
    for ch in unicodedata.normalize("NFC", s):
        base = unicodedata.normalize("NFD", ch)[0]
        out.append("d" if base in "đĐ" else base.lower())
    return "".join(out)


def _split_tone(syl: str) -> tuple[str, str]:
    """(base without tone mark, NFC; tone mark or '')."""
    d = unicodedata.normalize("NFD", syl)
    tone = ""
    base = []
    for ch in d:
        if ch in _TONE_MARKS:
            tone = ch
        else:
            base.append(ch)
    return unicodedata.normalize("NFC", "".join(base)), tone


def canonical(syl: str) -> str:
    """Lowercase NFC syllable with the tone mark on the modern position (hòa, thúy, ủy).

    Returns the lowercase NFC text unchanged if it is not a well-formed syllable.
    """
    s = unicodedata.normalize("NFC", syl).lower()
    base, tone = _split_tone(s)
    m = _SYLLABLE_RE.match(base)
    if not m:
        return s
    onset, nucleus, coda = m.group(1) or "", m.group(2), m.group(3) or ""
    if onset == "gi" and not nucleus:
        return s
    if not tone:
        return base
    # position of the tone inside the nucleus
    if "ơ" in nucleus and "ư" in nucleus:
        pos = nucleus.index("ơ")
    elif "ê" in nucleus:
        pos = nucleus.index("ê")
    elif "ơ" in nucleus:
        pos = nucleus.index("ơ")
    elif len(nucleus) == 1:
        pos = 0
    elif coda:
        pos = len(nucleus) - 1
    elif len(nucleus) == 2:
        pos = 0
    else:
        pos = 1
    ch = unicodedata.normalize("NFC", nucleus[pos] + tone)
    nucleus = nucleus[:pos] + ch + nucleus[pos + 1:]
    return onset + nucleus + coda


_NUCLEI = set(
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui "
    "uô uơ uy ưa ưi ưu ươ yê iêu oai oao oay oeo uây uôi uyê uya uyu ươi ươu yêu uêu".split()
)


_FOLDED_NUCLEI = {fold(n) for n in _NUCLEI}


def is_syllable(s: str) -> bool:
    """Whether ``s`` is shaped like a Vietnamese syllable (onset, a valid vowel group, coda).

    Unmarked text is judged by its letters alone: ``thuong`` (thưởng) and ``viet`` (việt) pass."""
    base, _ = _split_tone(unicodedata.normalize("NFC", s).lower())
    m = _SYLLABLE_RE.match(base)
    if not m:
        return False
    nucleus = m.group(2)
    return nucleus in _NUCLEI or (nucleus == fold(nucleus) and nucleus in _FOLDED_NUCLEI)


def is_possible(syl: str) -> bool:
    """False for a syllable Vietnamese cannot have: a stop coda (p t c ch) takes the sắc or nặng tone only
    (``tâp`` is OCR'd text, ``tập`` the word)."""
    base, tone = _split_tone(unicodedata.normalize("NFC", syl).lower())
    m = _SYLLABLE_RE.match(base)
    return not (m and m.group(3) in ("p", "t", "c", "ch") and tone not in ("\u0301", "\u0323"))


# --- tokens ---------------------------------------------------------------------------------

# characters that OCR puts inside a damaged word (¢ for c, € for ê...): part of the word
_JUNK = "¢€¥£$@‘’'`°§ﬁﬂ"
_CORE_CHAR = re.compile(r"[^\W_]|[" + re.escape(_JUNK) + r"]")
_PIECE_SPLIT = re.compile(r"([-/&.,:;()\[\]+=*\"“”!?…–—]+)")
_ROMAN = re.compile(r"^[IVXLC]+$")


def _strip_token(tok: str) -> tuple[str, str, str]:
    """(prefix punctuation, core, suffix punctuation)."""
    i, j = 0, len(tok)
    while i < j and not _CORE_CHAR.match(tok[i]):
        i += 1
    while j > i and not _CORE_CHAR.match(tok[j - 1]):
        j -= 1
    # "&" right after a letter is OCR debris of a mark (k& = kế, g& = gỡ): part of the word
    while j < len(tok) and tok[j] == "&" and j > i and tok[j - 1].isalpha():
        j += 1
    # a quote mark at either end is punctuation, not part of the word
    while i < j and tok[i] in "‘’'`":
        i += 1
    while j > i and tok[j - 1] in "‘’'`":
        j -= 1
    return tok[:i], tok[i:j], tok[j:]


def _pieces(core: str) -> list[str]:
    out = [p for p in _PIECE_SPLIT.split(core) if p != ""]
    # "(" or "?" between letters with no ")" after is a misread mark, not punctuation (B(J = Bộ,
    # hi?u = hiệu): one piece
    i = 1
    while i + 1 < len(out):
        if (out[i] in ("(", "?") and _has_letter(out[i - 1]) and out[i + 1][:1].isalpha()
                and ")" not in "".join(out[i + 1:])) or _nang_dot(out[i - 1], out[i], out[i + 1]):
            out[i - 1:i + 2] = [out[i - 1] + out[i] + out[i + 1]]
        else:
            i += 1
    # a trailing "&" after letters is OCR debris of a mark (k& = kế, g& = gỡ), not "and"
    if len(out) >= 2 and set(out[-1]) == {"&"} and _has_letter(out[-2]):
        out[-2:] = [out[-2] + out[-1]]
    return out


_VOWEL_END = re.compile(r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ_]$", re.I)


def _nang_dot(left: str, sep: str, right: str) -> bool:
    """A dot OCR read for a mark inside a word: GOCR's nặng before a coda (``ca.nh`` cạnh, ``Nhâ.p`` Nhập,
    ``l_.nh`` lệnh), and after a vowel, Ocrad's and GOCR's horn or nặng (``tu.ong`` tương, ``du.o.c`` được,
    ``sú.a`` sửa, ``ta.i`` tại, ``li_.u`` liệu): the whole is syllable-shaped, and the rest after the dot is a
    coda or, after a vowel, starts in lower case; ``v.v``, ``T.Ư``, ``Dim.Nếu`` and two words a dot joins
    (``lại.các``) stay apart."""
    if sep != "." or not right or not (left[-1:].isalpha() or left[-1:] == "_"):
        return False
    after_vowel = bool(_VOWEL_END.search(left)) and (right[0].islower() or right[0] == "_")
    if right not in ("c", "ch", "m", "n", "ng", "nh", "p", "t") and not after_vowel:
        return False
    return any(is_syllable(v) for v in _wild_variants(_wild_skeleton(left + right)))


def _has_letter(s: str) -> bool:
    """Letters, or OCR debris of letters (¢ for c, € for ê, § for ộ) inside a word."""
    return any(c.isalpha() or c in "¢€¥§" for c in s)


def _apply_case(pattern: str, word: str) -> str:
    letters = [c for c in pattern if c.isalpha()]
    if not letters:
        return word
    upper = sum(1 for c in letters if c.isupper())
    if letters[0].isupper() and len(letters) > 1 and upper * 2 > len(letters):
        return word.upper()
    if pattern[0].isalpha() and pattern[0].isupper() or (letters[0].isupper() and not pattern[0].isalpha()):
        return word[:1].upper() + word[1:]
    return word


_SKEL_MAP = str.maketrans({"6": "o", "0": "o", "9": "o", "3": "a", "4": "a", "1": "l",
                           "w": "u", "¢": "c", "€": "e", "$": "s", "¥": "y", "5": "o"})


def _skeleton(form: str) -> str:
    s = fold(form).translate(_SKEL_MAP)
    return "".join(c for c in s if "a" <= c <= "z")


# inside a word, a character Vietnamese does not write stands for a misread marked vowel: f j z, q not
# before u, and OCR debris (l~p lập, B(J Bộ, nghf nghị, DJNH ĐỊNH, Luqt Luật, d_ đề)
_WILD = re.compile(r"[fjz~(?\\_|]|q(?!u)")


def _wild_skeleton(form: str) -> str:
    """``_skeleton`` with ``*`` where a character stands for some vowel (at most two; more are dropped)."""
    s = _WILD.sub("*", fold(form).translate(_SKEL_MAP))
    s = "".join(c for c in s if "a" <= c <= "z" or c == "*")
    return s if s.count("*") <= 2 else s.replace("*", "")


def _wild_variants(skel: str) -> set[str]:
    """Every reading of the ``*`` of a wild skeleton: one of a e i o u, or nothing."""
    out = {skel}
    while any("*" in v for v in out):
        out = {v.replace("*", r, 1) for v in out for r in ("a", "e", "i", "o", "u", "")} if any(
            "*" in v for v in out) else out
    return out


# letter groups English-model OCR makes of one marked Vietnamese vowel (nhitng, nhimng = những;
# ctia = của; dugc = được; niim = năm)
_GROUPS = [("ir", "u"), ("it", "u"), ("im", "u"), ("iu", "u"), ("ti", "u"), ("li", "u"),
           ("ii", "a"), ("ug", "uo"), ("ud", "uo"), ("ue", "uo")]


# Ocrad on bold or heavy print: ``ll`` for n or h (``kllell`` khen, ``dìllll`` đình), ``lr``/``ly`` for ư
# (``thlrdng`` thưởng, ``tLyÓng`` tưởng)
_OCRAD_GROUPS = [("lr", "u"), ("ly", "u")]


def _skeleton_variants(skel: str) -> set[str]:
    out = {skel}
    for a, b in _GROUPS + _OCRAD_GROUPS:
        if a in skel:
            out.add(skel.replace(a, b))
    for v in list(out):
        if 0 < v.count("ll") <= 3:
            out |= _ll_readings(v)
    return out


def _ll_readings(skel: str) -> set[str]:
    """Each ``ll`` of a skeleton read as n or h (Vietnamese writes no ``ll``), in every combination."""
    heads, *rest = skel.split("ll")
    out = {heads}
    for part in rest:
        out = {o + r + part for o in out for r in ("n", "h")}
    return out


def _deletes(s: str) -> set[str]:
    out = {s}
    if len(s) > 2:
        for i in range(len(s)):
            out.add(s[:i] + s[i + 1:])
    return out


# --- what restoration leaves alone ------------------------------------------------------------

_URL = re.compile(
    r"(?i)(?:https?://|ftp://|www\.)"                                   # a URL
    r"|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                                    # an e-mail address
    r"|^[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|gov|edu|int|info|biz|io)(?:[/:?#]|\W*$)"  # a domain
    r"|^[\w-]+\.(?:pdf|docx?|xlsx?|pptx?|html?|jpe?g|png|zip|txt)\W*$"  # a file name
)


def is_untouchable(token: str) -> bool:
    """A whitespace token restoration never changes: a URL, an e-mail address, a domain, a file name."""
    return bool(_URL.search(token))


_DIGIT_RUN = re.compile(r"\d+")


def is_code(piece: str) -> bool:
    """A word piece mixing letters and digits as codes do (``H5N1``, ``ISO9001``, ``A4B2``, ``2OO3``), not as
    OCR damage of a syllable does (``s6`` số, ``16n`` lớn, ``x3`` xã: one short digit run)."""
    if not any(c.isdigit() for c in piece) or not any(c.isalpha() for c in piece):
        return False
    runs = _DIGIT_RUN.findall(piece)
    return len(runs) >= 2 or sum(len(r) for r in runs) >= 3


def foreign_pieces(words: list[str], english: frozenset[str], ocr_form) -> set[int]:
    """Indices of the word pieces of a line that are words of another language, left as they are.

    A piece is foreign when it is an English word (``english``, lowercase) that is not a known OCR form of
    a Vietnamese syllable (``ocr_form(lower)`` False: ``Page``, ``View``, ``Size``, ``of``; but ``tong``,
    ``the``, ``can``, ``cling`` are damaged Vietnamese, restored as before). In a line where such pieces
    make at least two thirds of the words (``Embed Size (px)``, ``the Download page``), every English word is
    foreign, known OCR form or not."""
    if not english:
        return set()
    # written as English is (word, Word, WORD): ``coO`` is damaged Vietnamese (cờ), not "coo"
    is_en = [w.isascii() and w.isalpha() and w.lower() in english
             and (w.islower() or w.isupper() or w[1:].islower()) for w in words]
    alone = {i for i, w in enumerate(words) if is_en[i] and not ocr_form(w.lower())}
    if alone and len(alone) * 3 >= len(words) * 2:
        return {i for i in range(len(words)) if is_en[i]}
    return alone
