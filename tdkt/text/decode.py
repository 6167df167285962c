"""Bytes → Vietnamese text: which encoding, and how Vietnamese the result is.

Input: the bytes of a text file, or text that another reader produced (a .docx, pdftotext).
Output: ``decode(data)`` gives a ``Decoded`` record (NFC text, the ``encoding`` that reads the
bytes back, and ``quality``: the share of its words that are Vietnamese syllables) or a
``Refused`` record with a one-line reason (empty, binary, undecodable). ``fix_legacy(text)``
converts text whose characters are a legacy Vietnamese font shown as Latin-1 (VNI, TCVN3,
VISCII: "Côø thi ñua" → "Cờ thi đua"). The syllable model used to score candidate decodings is
public too: ``is_syllable``, ``vietnamese_share`` and ``skeleton`` (an OCR-tolerant word key).

Encodings tried, in order: a BOM (UTF-8, UTF-16, UTF-32); UTF-16 without BOM (NUL-byte
pattern); UTF-8; then, for bytes that are not UTF-8, every 8-bit candidate (Windows-1258, VNI,
TCVN3, VISCII), scored by how many words become valid Vietnamese syllables. Importing the
module registers Python codecs named ``vni``, ``tcvn3``, ``viscii`` and ``<legacy>-in-<codec>``
(e.g. ``vni-in-utf-8``: UTF-8 text holding VNI shown as Latin-1), so ``bytes.decode(encoding)``
elsewhere (catalogue, ``normalise`` command) reads what ``source.encoding`` records.

How it fails: never raises on any bytes or text; bad input is a ``Refused`` value.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from tdkt.text.collate import fold

# --------------------------------------------------------------------------- tables

# VISCII 1.1 (Vietnamese Standardization Group, 1992; published as RFC 1456, 1993): 134
# precomposed letters. ASCII stays ASCII except six C0 codes; 0x80-0xFF in code order.
_VISCII_C0 = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"  # 0x80-0x9F
    "ÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ"  # 0xA0-0xBF
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡư"  # 0xC0-0xDF
    "àáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"  # 0xE0-0xFF
)
VISCII = {**{b: chr(b) for b in range(0x80)}, **_VISCII_C0,
          **{0x80 + i: c for i, c in enumerate(_VISCII_HIGH)}}

# TCVN 5712:1993, table VN3 (the 8-bit "ABC" font encoding, .VnTime): lower-case letters with
# tones and the seven upper-case base letters Ă Â Ê Ô Ơ Ư Đ. VN3 has no upper-case toned
# letters (the .VnTimeH fonts draw capitals from the lower-case codes), so such text decodes
# to lower case. Codes 0x80-0xA0 are not used by VN3: they are read as Windows-1252.
TCVN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
}
for _start, _letters in ((0xB5, "àảãáạ"), (0xBB, "ằẳẵắ"), (0xC6, "ặầẩẫấậè"), (0xCE, "ẻẽéẹềểễếệìỉ"),
                         (0xDC, "ĩíịò"), (0xE1, "ỏõóọồổỗốộờởỡớợù"), (0xF1, "ủũúụừửữứựỳỷỹýỵ")):
    TCVN3.update({_start + _i: _c for _i, _c in enumerate(_letters)})  # runs of consecutive codes

# VNI-Windows (VNI Software, the VNI-Times font family): a base ASCII letter followed by a mark
# byte (Windows-1252 code points). Marks for lower-case letters; the upper-case letters use the
# upper-case forms of the same characters (e.g. "AÙ" = Á). Tones after a plain vowel:
# ù sắc, ø huyền, û hỏi, õ ngã, ï nặng; â circumflex and á à å ã ä circumflex with a tone; ê breve
# and é è ú ü ë breve with a tone; single letters ô ơ, ö ư, ñ đ, í ì æ ó ò for í ì ỉ ĩ ị and î ỵ.
_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng (VNI's key order 1-5)
_VNI_TONE, _VNI_CIRC, _VNI_BREVE, _VNI_I = "ùøûõï", "áàåãä", "éèúüë", "íìæóò"


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for upper in (False, True):
        case = str.upper if upper else (lambda s: s)
        for base in "aeiouy":
            for tone, mark in zip(_TONE_MARKS, _VNI_TONE):
                if base != "i":
                    table[case(base + mark)] = case(unicodedata.normalize("NFC", base + tone))
        for base, quality, plain, toned in (("a", "\u0302", "â", _VNI_CIRC), ("e", "\u0302", "â", _VNI_CIRC),
                                            ("o", "\u0302", "â", _VNI_CIRC), ("a", "\u0306", "ê", _VNI_BREVE)):
            table[case(base + plain)] = case(unicodedata.normalize("NFC", base + quality))
            for tone, mark in zip(_TONE_MARKS, toned):
                table[case(base + mark)] = case(unicodedata.normalize("NFC", base + quality + tone))
        for single, letter in (("ô", "ơ"), ("ö", "ư")):
            table[case(single)] = case(letter)
            for tone, mark in zip(_TONE_MARKS, _VNI_TONE):
                table[case(single + mark)] = case(unicodedata.normalize("NFC", letter + tone))
        for tone, mark in zip(_TONE_MARKS, _VNI_I):
            table[case(mark)] = case(unicodedata.normalize("NFC", "i" + tone))
        table[case("î")] = case("ỵ")
        table[case("ñ")] = case("đ")
    return table  # "yï" also reads as ỵ; the reverse map writes the single letter î (inserted later)


VNI = _vni_table()
_VNI_REVERSE = {v: k for k, v in VNI.items()}

# Windows-1252 for the bytes 0x80-0x9F (curly quotes, dashes) that the legacy fonts left alone.
_CP1252 = {b: bytes([b]).decode("cp1252", errors="replace") for b in range(0x80, 0xA0)}
_CP1252_REVERSE = {c: b for b, c in _CP1252.items() if c != "\ufffd"}


def _byte_char(b: int) -> str:
    return _CP1252.get(b, chr(b)) if b >= 0x80 else chr(b)


def from_vni(data: bytes) -> str:
    chars = "".join(_byte_char(b) for b in data)
    out, i = [], 0
    while i < len(chars):
        pair = chars[i:i + 2]
        if len(pair) == 2 and pair in VNI:
            out.append(VNI[pair])
            i += 2
        else:
            out.append(VNI.get(chars[i], chars[i]))
            i += 1
    return "".join(out)


def from_tcvn3(data: bytes) -> str:
    return "".join(TCVN3.get(b) or _byte_char(b) for b in data)


def from_viscii(data: bytes) -> str:
    return "".join(VISCII[b] for b in data)


LEGACY = {"vni": from_vni, "tcvn3": from_tcvn3, "viscii": from_viscii}
LEGACY_NAMES = {"vni": "VNI", "tcvn3": "TCVN3", "viscii": "VISCII"}


def encode_legacy(text: str, name: str) -> bytes:
    """Unicode → a legacy encoding (round trips, tests); ValueError names a character it lacks."""
    out = bytearray()
    table = {} if name == "vni" else {c: b for b, c in (TCVN3 if name == "tcvn3" else VISCII).items()}
    for ch in unicodedata.normalize("NFC", text):
        if name == "vni":
            codes = [_CP1252_REVERSE.get(c, ord(c)) for c in _VNI_REVERSE.get(ch, ch)]
        else:
            fallback = _CP1252_REVERSE.get(ch, 0x100) if name == "tcvn3" else 0x100  # VISCII uses 0x80-0x9F
            codes = [table[ch] if ch in table else ord(ch) if ord(ch) < 0x80 else fallback]
        if any(code > 0xFF for code in codes):
            raise ValueError(f"{LEGACY_NAMES[name]} has no code for {ch!r}")
        out.extend(codes)
    return bytes(out)


def convert_text(text: str, legacy: str) -> str:
    """Text showing a legacy encoding as Windows-1252/Latin-1 → Unicode (other characters kept)."""
    out, run = [], bytearray()
    for c in text:
        code = _CP1252_REVERSE.get(c, ord(c))
        if code <= 0xFF:
            run.append(code)
            continue
        out.append(LEGACY[legacy](bytes(run)))
        run.clear()
        out.append(c)
    out.append(LEGACY[legacy](bytes(run)))
    return unicodedata.normalize("NFC", "".join(out))


# --------------------------------------------------------------------------- the syllable model

_TONES = set(_TONE_MARKS)
_INITIALS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
             "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
# Every rhyme (vần) of standard Vietnamese without its tone: medial, nucleus, final.
_RHYMES = frozenset("""
a ac ach ai am an ang anh ao ap at au ay ă ăc ăm ăn ăng ăp ăt â âc âm ân âng âp ât âu ây
e ec em en eng eo ep et ê êch êm ên ênh êp êt êu i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu yêm yên yêt yêu o oc oi om on ong op ot oo ooc oong
ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt u uc ui um un ung up ut ua uôc uôi uôm uôn uông uôt
uy uya uych uyên uyêt uyn uynh uyp uyt uyu uân uâng uât uây uê uênh uêch uơ
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oem oen oeo oet
ư ưc ưi ưm ưn ưng ưt ưu ưa ươc ươi ươm ươn ương ươp ươt ươu y
""".split())
_STOPS = ("c", "ch", "p", "t")  # a syllable ending in a stop takes only sắc or nặng
_SPECIFIC = set("ăâđêôơư")
WORD = re.compile(r"[^\W\d_]+")


def _split(word: str) -> tuple[str, list[str]]:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONES]
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES)), tones


def is_syllable(word: str) -> bool:
    """Whether ``word`` is a well-formed Vietnamese syllable (any case, any tone placement)."""
    base, tones = _split(word)
    if len(tones) > 1 or not base:
        return False
    for initial in _INITIALS:
        if not base.startswith(initial):
            continue
        rhyme = base[len(initial):]
        if initial == "gi" and rhyme == "":
            return True  # gì
        if rhyme in _RHYMES and not (tones and rhyme.endswith(_STOPS) and tones[0] not in "\u0301\u0323"):
            return True
    return False


@dataclass(frozen=True, slots=True, kw_only=True)
class Share:
    words: int  # words (runs of letters) in the text
    valid: float  # share that are Vietnamese syllables
    marked: float  # share that are syllables with a tone or a Vietnamese letter (ă â đ ê ô ơ ư)


def vietnamese_share(text: str) -> Share:
    words = WORD.findall(text)
    if not words:
        return Share(words=0, valid=0.0, marked=0.0)
    valid = marked = 0
    for w in words:
        if is_syllable(w):
            valid += 1
            base, tones = _split(w)
            marked += bool(tones or _SPECIFIC & set(base))
    return Share(words=len(words), valid=valid / len(words), marked=marked / len(words))


_FOLDED_INITIALS = tuple(i for i in _INITIALS if i and i != "đ")
_FINALS = ("ch", "nh", "ng", "c", "m", "n", "p", "t")
_OCR_CHARS = str.maketrans({"¢": "c", "€": "e", "&": "a", "@": "e", "|": "l"})
TOKEN = re.compile(r"[^\W_]+(?:[&@€¢|][^\W_]*)*|[&@€¢][^\W_]+")


def skeleton(word: str) -> str:
    """An OCR-tolerant key of one word: its initial and final consonants (``thwéng`` → ``th.ng``).

    English-model OCR destroys vowels and marks but mostly keeps the consonants around them
    (domain.md §2): ``Pang`` = Đảng, ``s6`` = số, ``1a`` = là, ``dugc`` = được, ``cta`` = của.
    Numbers are their own key. Collisions are common for one word, rare for a phrase.
    """
    w = fold(word).translate(_OCR_CHARS)
    if w.isdigit():
        return w
    if w[:1] == "1":
        w = "l" + w[1:]
    w = re.sub(r"\d", "a", w)
    if w[:1] == "p" and w[1:2] in tuple("aeiouyw"):
        w = "d" + w[1:]
    initial = next((i for i in _FOLDED_INITIALS if w.startswith(i)), "")
    rest = w[len(initial):]
    final = next((f for f in _FINALS if rest.endswith(f) and len(rest) > len(f)), "")
    return f"{initial}.{final}"


@dataclass(frozen=True, slots=True)
class Tok:
    """One word of a line: its text, its matching key and where it is (character offsets)."""

    text: str
    key: str
    start: int
    end: int


def word_key(word: str, damaged: bool) -> str:
    """``skeleton`` for damaged (OCR) text; else lower case without tone placement differences
    (``hoà`` = ``hòa``, ``Uỷ`` = ``Ủy``) but with every mark (``phường`` ≠ ``phương``, ``tặng`` ≠ ``tăng``)."""
    if damaged:
        return skeleton(word)
    base, tones = _split(word)
    return base + "".join(tones)


def tokens(text: str, damaged: bool) -> list[Tok]:
    return [Tok(m.group(), word_key(m.group(), damaged), m.start(), m.end()) for m in TOKEN.finditer(text)]


def keys(phrase: str, damaged: bool) -> tuple[str, ...]:
    return tuple(t.key for t in tokens(phrase, damaged))


def at(toks: list[Tok], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether the keys of ``toks`` from index ``i`` are ``phrase``."""
    return bool(phrase) and tuple(t.key for t in toks[i:i + len(phrase)]) == phrase


def find(toks: list[Tok], phrase: tuple[str, ...], start: int = 0) -> int:
    """Index of the first match of ``phrase`` at or after ``start``; -1 if none."""
    return next((i for i in range(start, len(toks)) if at(toks, i, phrase)), -1)


# --------------------------------------------------------------------------- decoding


@dataclass(frozen=True, slots=True, kw_only=True)
class Decoded:
    text: str  # NFC
    encoding: str  # a codec name that reads the bytes back: utf-8, windows-1258, vni, vni-in-utf-8 ...
    quality: float  # share of words that are Vietnamese syllables, 0..1
    legacy: bool = False  # a legacy 8-bit Vietnamese encoding was converted


@dataclass(frozen=True, slots=True, kw_only=True)
class Refused:
    reason: str  # one line, no final full stop: "the file is empty"


MIN_VIETNAMESE = 0.5  # share of words that must be Vietnamese syllables (OCR seeds: 0.70; English: 0.26)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL_OK = set("\t\n\r\f\v")


def _score(text: str) -> float:
    share = vietnamese_share(text)
    return share.valid + share.marked


def _controls(text: str) -> int:
    return sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in _CONTROL_OK)


def decode(data: bytes) -> Decoded | Refused:
    """The best reading of ``data`` as Vietnamese text, or why there is none."""
    if not data:
        return Refused(reason="the file is empty")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(name), name)
            except UnicodeDecodeError:
                return Refused(reason=f"the file starts with a {name.upper()} byte-order mark but is not {name.upper()}")
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _finish(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        return Refused(reason=f"the file is not text: it contains NUL bytes (the first at byte {data.index(0)})")
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [("windows-1258", unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")))]
    candidates += [(name, unicodedata.normalize("NFC", convert(data))) for name, convert in LEGACY.items()]
    name, text = max(candidates, key=lambda c: _score(c[1]) - c[1].count("\ufffd"))
    if _controls(text) > len(text) // 100:
        return Refused(reason="the file is not text: it contains control characters")
    if "\ufffd" in text or vietnamese_share(text).valid < MIN_VIETNAMESE:
        return Refused(reason="cannot decode the text: it is not UTF-8 or UTF-16, and no Vietnamese 8-bit "
                              "encoding (Windows-1258, VNI, TCVN3, VISCII) reads it as Vietnamese")
    return Decoded(text=text, encoding=name, quality=round(vietnamese_share(text).valid, 3), legacy=name in LEGACY)


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le or utf-16-be when one byte of most pairs is NUL (text with ASCII in it)."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def _finish(text: str, encoding: str) -> Decoded | Refused:
    if not text.strip():
        return Refused(reason="the file is empty")
    if _controls(text) > len(text) // 100 or "\x00" in text:
        return Refused(reason="the file is not text: it contains control characters")
    fixed, legacy = fix_legacy(text)
    if legacy:
        encoding = f"{legacy}-in-{encoding}"
    fixed = unicodedata.normalize("NFC", fixed)
    return Decoded(text=fixed, encoding=encoding, quality=round(vietnamese_share(fixed).valid, 3),
                   legacy=bool(legacy))


def fix_legacy(text: str) -> tuple[str, str | None]:
    """``text`` converted from VNI/TCVN3/VISCII shown as Latin-1, and which one (None: left as it is).

    Converted only when the conversion reads clearly better: most words valid syllables and at
    least 15 points more of them than before (an OCR text full of é is not VNI).
    """
    if not any(0x80 <= _CP1252_REVERSE.get(c, ord(c)) <= 0xFF for c in text):
        return text, None
    before = vietnamese_share(text)
    best: tuple[float, str, str] | None = None
    for name in LEGACY:
        converted = convert_text(text, name)
        share = vietnamese_share(converted)
        if share.valid >= 0.8 and share.valid - before.valid >= 0.15 and (best is None or share.valid > best[0]):
            best = (share.valid, name, converted)
    return (best[2], best[1]) if best else (text, None)


# --------------------------------------------------------------------------- codecs


def original_text(data: bytes, encoding: str) -> str:
    """An original's bytes as text by the encoding its report.yml names: a Python codec or a legacy one
    (``vni``, ``tcvn3``, ``viscii``, ``<legacy>_in_<codec>``). Raises UnicodeError, LookupError or ValueError."""
    info = _codec(encoding.replace("-", "_")) if encoding.split("_in_")[0].split("-in-")[0] in LEGACY else None
    return info.decode(data)[0] if info else data.decode(encoding)


def _codec(name: str) -> codecs.CodecInfo | None:
    """Codecs ``vni``, ``tcvn3``, ``viscii`` (bytes) and ``<legacy>_in_<codec>`` (text shown as Latin-1)."""
    legacy, _, container = name.partition("_in_")
    if legacy not in LEGACY:
        return None
    if container:
        try:
            inner = codecs.lookup(container)
        except LookupError:
            return None

        def dec(data, errors="strict"):
            return convert_text(inner.decode(bytes(data), errors)[0], legacy), len(data)

        def enc(text, errors="strict"):
            shown = "".join(_byte_char(b) for b in encode_legacy(text, legacy))
            return inner.encode(shown, errors)[0], len(text)
    else:
        def dec(data, errors="strict"):
            return unicodedata.normalize("NFC", LEGACY[legacy](bytes(data))), len(data)

        def enc(text, errors="strict"):
            return encode_legacy(text, legacy), len(text)
    return codecs.CodecInfo(enc, dec, name=name.replace("_", "-"))


codecs.register(_codec)
