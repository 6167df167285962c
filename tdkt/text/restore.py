"""Restore Vietnamese diacritics destroyed by English-model OCR.

Input: text (or one line) that an OCR engine with an English model read from a Vietnamese scan,
e.g. ``Tong két phong trao thi dua, khen thwéng niim 2023``.

Output: the same text with each damaged syllable replaced by its most probable Vietnamese
syllable, ``Tổng kết phong trào thi đua, khen thưởng năm 2023``. The number of lines, the
spacing, punctuation, numbers (``2023``, ``09/02/2023``), codes (``184/BC-UBND``) and
abbreviations (``UBND``) are kept; each restored syllable takes the capitalisation pattern of
the OCR token (``TONG`` → ``TỔNG``, ``Tong`` → ``Tổng``). Restored syllables use the modern tone
placement (``hòa``, ``thúy``, ``Ủy``).

Method: noisy-channel decoding. For each OCR token the candidates are Vietnamese syllables
with a channel probability P(ocr token | syllable) learnt from clean Vietnamese text rendered to
images and read by Tesseract's English model, and degraded and read by Tesseract, Ocrad and GOCR
(plus the hand-restored tune keys); the language
model mixes a Kneser-Ney syllable trigram of in-domain report text, a bigram of general Vietnamese, a
general unigram and the syllable pairs inside the words of a Vietnamese dictionary; a Viterbi search per
line picks the best sequence. Punctuation breaks the
context, numbers and abbreviations stand as ``<num>`` / ``<abbr>``. The model is
``tdkt/data/restore_model.json.gz`` (see docs/restore.md for its sources and licences), built
offline by ``scripts/build_restore_model.py``, loaded once on first use and cached.

Measured (docs/restore.md): 97.1% of syllables exactly right on the archive's OCR reports with
each whole document held out of the model (13.3% for the OCR as is); on a blind set, the real corpus's
held-out documents rendered and read back, 94.2% for Tesseract's English model and 89.8% for other
engines (Tesseract on degraded renders, Ocrad, GOCR); a 20 KB report in 0.8-3.5 s of CPU after the
model has loaded. English words, URLs, e-mail addresses and codes are left as they are
(``tdkt.text.restore_tokens``).

How it fails: a syllable whose damaged form is equally likely for several syllables and whose
neighbours do not decide (``tinh`` → tình/tỉnh/tính) can get the wrong tone; OCR that
turned a word into digits only (``14`` for ``là``) is never changed (digit-only tokens are
numbers); a token split or merged by the OCR is restored piece by piece; names not in the
model's vocabulary may get a common syllable's marks. Clean Vietnamese text is returned
unchanged (``restore`` checks ``is_damaged`` first; ``restore_line`` keeps a line that carries
Vietnamese-only letters such as ư ơ đ ạ). Nothing is ever raised for odd input: a token the
model cannot read is left as it is.
"""
from __future__ import annotations

import functools
import gzip
import json
import re
from pathlib import Path

from tdkt.text.restore_tokens import (  # noqa: F401  (re-exported: scripts and tests use R.<name>)
    _CORE_CHAR, _FOLDED_NUCLEI, _JUNK, _NUCLEI, _PIECE_SPLIT, _ROMAN, _SYLLABLE_RE,
    _TONE_MARKS, _VI_ONLY, _apply_case, _deletes, _has_letter, _pieces, _skeleton, _skeleton_variants,
    _split_tone, _strip_token, _wild_skeleton, _wild_variants, canonical, is_possible, fold, foreign_pieces, is_code, is_syllable, is_untouchable,
)
from tdkt.text.restore_model import _KN, _Model, _channel_dp  # noqa: F401  (re-exported: scripts and tests)

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "restore_model.json.gz"
# English words left alone in OCR text (wordfreq's English "small" list, one a line; see docs/restore.md)
ENGLISH_PATH = MODEL_PATH.with_name("restore_english.txt.gz")


# --- the model (tdkt.text.restore_model) -----------------------------------------------------

@functools.lru_cache(maxsize=1)
def _model() -> _Model:
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as f:
        data = json.load(f)
    if ENGLISH_PATH.exists():
        with gzip.open(ENGLISH_PATH, "rt", encoding="utf-8") as f:
            data["english"] = f.read().split()
    return _Model(data)


# --- detection ------------------------------------------------------------------------------

def _word_cores(text: str) -> list[str]:
    out = []
    for tok in text.split():
        _, core, _ = _strip_token(tok)
        for p in _pieces(core):
            if _has_letter(p):
                out.append(p)
    return out


def is_damaged(text: str) -> bool:
    """Whether ``text`` looks like English-model OCR of Vietnamese.

    True when the words are mostly Vietnamese-shaped (their folded forms are syllables) but
    hardly any carries a letter that only Vietnamese uses (ư ơ ă đ ạ ả ...), or when words
    carry OCR marks of destroyed diacritics (digits inside words: ``s6``, ``x3``; ``¢``).
    Clean Vietnamese has such letters in about half of its syllables.
    """
    words = _word_cores(text)
    if not words:
        return False
    vi_only = sum(1 for w in words if any(c in _VI_ONLY for c in w))
    lower_words = [w for w in words if not (w.isupper() and len(w) > 1)]
    if vi_only / len(words) >= 0.15:
        return False
    shaped = sum(1 for w in words if is_syllable(_skeleton(w) or "x"))
    ocr_marks = sum(1 for w in words if re.search(r"[a-zA-Z][0-9]|[0-9][a-zA-Z]|[¢€]", w))
    if shaped / len(words) < 0.6:
        return False
    # Vietnamese-shaped words with (almost) no Vietnamese letters: unmarked or OCR'd
    return vi_only / len(words) < 0.05 or ocr_marks >= max(3, 0.02 * len(lower_words))


# --- restoration ----------------------------------------------------------------------------

def _line_is_caps(cores: list[str]) -> bool:
    words = [w for w in cores if sum(c.isalpha() for c in w) >= 2]
    if not words:
        return False
    caps = sum(1 for w in words if w.upper() == w)
    return caps * 10 >= len(words) * 6


def restore_line(line: str, damaged: bool | None = None) -> str:
    """Restore one line (see the module docstring). ``damaged=None`` decides from the line
    itself: a line with Vietnamese-only letters is taken as clean and returned unchanged."""
    if damaged is None:
        damaged = not any(c in _VI_ONLY for c in line)
    if not damaged or not line.strip():
        return line
    try:
        model = _model()
    except OSError:
        return line
    return _restore_line(model, line)


def restore(text: str) -> str:
    """Restore a whole text line for line; clean text (``is_damaged`` False) is returned as is."""
    if not is_damaged(text):
        return text
    model = _model()
    return "\n".join(_restore_line(model, ln) if ln.strip() else ln for ln in text.split("\n"))


_NUM, _ABBR, _BOUND = "<num>", "<abbr>", "<s>"


def _restore_line(model: _Model, line: str) -> str:
    parts, tokens, fixed, nodes = _line_nodes(model, line)
    return _write_back(model, parts, tokens, fixed, nodes, _viterbi(model, nodes))


def _line_nodes(model: _Model, line: str) -> tuple[list[str], list[tuple], set, list[tuple]]:
    """A line's whitespace parts, its tokens ``(index in parts, prefix, [pieces], suffix)``, the pieces left
    alone ``{(token#, piece#)}`` and the decoding nodes: ``("fixed", context)`` or ``("word", token#, piece#,
    form)``."""
    parts = re.split(r"(\s+)", line)
    cores_all = []
    tokens = []  # (index in parts, prefix, [pieces], suffix)
    for k, tok in enumerate(parts):
        if not tok or tok.isspace():
            continue
        if is_untouchable(tok):  # URL, e-mail address, file name: one fixed piece, never changed
            tokens.append((k, "", [tok], ""))
            continue
        pre, core, suf = _strip_token(tok)
        pcs = _pieces(core)
        tokens.append((k, pre, pcs, suf))
        cores_all.extend(p for p in pcs if _has_letter(p))
    caps_line = _line_is_caps(cores_all)
    words = [(t, p_i) for t, (k, pre, pcs, suf) in enumerate(tokens) for p_i, p in enumerate(pcs)
             if _has_letter(p) and not _PIECE_SPLIT.fullmatch(p)]
    foreign = foreign_pieces([tokens[t][2][p_i] for t, p_i in words], model.english, model.inv.__contains__)
    fixed = {words[i] for i in foreign}
    fixed.update((t, p_i) for t, (k, pre, pcs, suf) in enumerate(tokens) for p_i, p in enumerate(pcs)
                 if is_code(p) or is_untouchable(p))

    # all-caps syllable-shaped words next to each other (BAO CAO, THI PUA) are words, a lone one
    # in a mixed line (UBND, TW) is an abbreviation
    caps_run: dict[int, bool] = {}
    run: list[int] = []
    for t, (k, pre, pcs, suf) in enumerate(tokens + [(None, "", [], "")]):
        word = [p for p in pcs if not _PIECE_SPLIT.fullmatch(p)]
        is_caps = (len(word) == 1 and word[0].isalpha() and len(word[0]) >= 2 and word[0].isupper()
                   and is_syllable(_skeleton(word[0])))
        if is_caps:
            run.append(t)
        if not is_caps or pre.strip() or suf.strip():
            for r in run:
                caps_run[r] = len(run) >= 2
            run = []

    # the sequence of decoding nodes: ("fixed", context id) or ("word", token#, piece#, form)
    nodes: list[tuple] = []
    for t, (k, pre, pcs, suf) in enumerate(tokens):
        word_pieces = [p for p in pcs if not _PIECE_SPLIT.fullmatch(p)]
        code_token = len(word_pieces) > 1 and any(p.isdigit() for p in word_pieces)
        if any(c in ".,;:!?()“”\"…" for c in pre):
            nodes.append(("fixed", _BOUND))
        for p_i, p in enumerate(pcs):
            if _PIECE_SPLIT.fullmatch(p):
                if any(c in ".,;:!?()“”\"…-–—/" for c in p):
                    nodes.append(("fixed", _BOUND))
                continue
            if code_token or (t, p_i) in fixed:
                kind = "abbr"
            else:
                kind = _classify(model, p, caps_line or caps_run.get(t, False))
            if kind == "word":
                nodes.append(("word", t, p_i, p))
            elif kind == "num":
                nodes.append(("fixed", _NUM))
            else:
                nodes.append(("fixed", _ABBR))
        if any(c in ".,;:!?()“”\"…" for c in suf):
            nodes.append(("fixed", _BOUND))

    return parts, tokens, fixed, nodes


def _write_back(model: _Model, parts: list[str], tokens: list[tuple], fixed: set, nodes: list[tuple],
                choice: list[str | None]) -> str:
    """The line with each word node's chosen syllable in its OCR token's case, and the abbreviation table."""
    new_pieces: dict[tuple[int, int], str] = {}
    for node, syl in zip(nodes, choice):
        if node[0] == "word" and syl is not None:
            new_pieces[(node[1], node[2])] = syl
    for t, (k, pre, pcs, suf) in enumerate(tokens):
        changed = False
        out = []
        for p_i, p in enumerate(pcs):
            rep = new_pieces.get((t, p_i))
            if (rep is None and p in model.abbrev and (t, p_i) not in fixed
                    and not any(c.isdigit() for c in "".join(pcs))):
                rep = model.abbrev[p]
                out.append(rep)
                changed = True
                continue
            if rep is None:
                out.append(p)
            else:
                out.append(_apply_case(p, rep))
                changed = True
        if changed:
            parts[k] = pre + "".join(out) + suf
    return "".join(parts)


def _classify(model: _Model, piece: str, caps_line: bool) -> str:
    if not _has_letter(piece):
        return "num"
    letters = [c for c in piece if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters) and piece.isalpha():
        if not caps_line or _ROMAN.match(piece) or not (
                is_syllable(_skeleton(piece)) or any(is_syllable(v) for v in _wild_variants(_wild_skeleton(piece)))):
            return "abbr"
    if _ROMAN.match(piece) and len(piece) >= 2:
        return "abbr"
    if not model.candidates(piece.lower()):
        return "abbr"
    return "word"


def _case_side(form: str, prev: tuple | None) -> int | None:
    """Which case a word node shows inside a sentence: 0 a capital (``Nam`` after a word), 1 small letters
    (anywhere), None when it says nothing (a capital first in the line or after punctuation, all caps)."""
    letters = [c for c in form if c.isalpha()]
    if not letters or (len(letters) > 1 and all(c.isupper() for c in letters)):
        return None
    if not letters[0].isupper():
        return 1 if not any(c.isupper() for c in letters) else None
    if prev is None or (prev[0] == "fixed" and prev[1] == _BOUND):
        return None
    return 0 if not any(c.isupper() for c in letters[1:]) else None


def _viterbi(model: _Model, nodes: list[tuple]) -> list[str | None]:
    """Best syllable per word node: second-order Viterbi (states are the last two syllables),
    keeping the ``state_beam`` best states per node."""
    lam = model.params["channel_weight"]
    beam = int(model.params.get("state_beam", 30))
    trigram = bool(model.params.get("trigram", 0))
    if trigram:
        lm3 = model.lm3_logp
    else:
        cache, lm2 = model._lm_cache, model.lm_logp

        def lm3(a: int, b: int, c: int) -> float:
            v = cache.get((b, c))
            return lm2(b, c) if v is None else v
    score_beam = float(model.params.get("score_beam", 1e9))
    idx = model.index
    bound = idx[_BOUND]
    # a state: (previous syllable, last syllable, score, back pointer into the previous list)
    prev: list[tuple[int, int, float, int]] = [(bound, bound, 0.0, -1)]
    history: list[list[tuple[int, int, float, int]]] = []
    case_w = float(model.params.get("case_weight", 0.0)) if model.case_logp else 0.0
    for n_i, node in enumerate(nodes):
        if node[0] == "fixed":
            cands = [(idx.get(node[1], bound), 0.0)]
        else:
            cands = model.candidates(node[3].lower())
            side = _case_side(node[3], nodes[n_i - 1] if n_i else None) if case_w else None
            if side is not None:
                get, default = model.case_logp.get, model.case_default
                cands = [(sid, ch + case_w / lam * get(sid, default)[side]) for sid, ch in cands]
        best: dict[tuple[int, int], tuple[float, int]] = {}
        bound_of = model.lm_bound
        for sid, ch in cands:
            add = lam * ch + (0.0 if trigram else bound_of[sid])
            # prev is sorted best first and log P_LM(sid | .) <= lm_bound[sid]: once a state's
            # score cannot beat the best total found for this syllable, no later state can
            top = -1e18
            for j, (p2, p1, ps, _) in enumerate(prev):
                if ps + add <= top:
                    break
                v = ps + lm3(p2, p1, sid) + lam * ch
                key = (p1, sid) if trigram else (-1, sid)
                old = best.get(key)
                if old is None or v > old[0]:
                    best[key] = (v, j)
                if v > top:
                    top = v
        cur = [(prev[j][1], sid, v, j) for (_, sid), (v, j) in best.items()]
        cur.sort(key=lambda x: -x[2])
        del cur[beam:]
        floor = cur[0][2] - score_beam
        while cur[-1][2] < floor:
            cur.pop()
        history.append(cur)
        prev = cur
    if not history:
        return []
    j = max(range(len(prev)), key=lambda j: prev[j][2] + lm3(prev[j][0], prev[j][1], bound))
    out: list[str | None] = [None] * len(nodes)
    for t in range(len(nodes) - 1, -1, -1):
        _, sid, _, bp = history[t][j]
        if nodes[t][0] == "word":
            out[t] = model.vocab[sid]
        j = bp
    return out
