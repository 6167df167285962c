"""The restoration model in memory (tdkt.text.restore's): the channel's candidates for an OCR form, the
language model's scores, the character transducer that scores a form no table lists.

``_Model`` is built from the JSON of ``tdkt/data/restore_model.json.gz`` (scripts/build_restore_model.py;
sources and licences in docs/restore.md): the vocabulary of syllables, the inverted channel table
``form -> [(syllable, log P(form | syllable))]``, the transducer ``letter -> {output: log P}``, two
interpolated Kneser-Ney models (in-domain reports, a bigram or a trigram; general Vietnamese, a bigram),
the wordfreq unigram and, with ``lm_dict``, a Kneser-Ney model of the syllable pairs inside a dictionary's
words, mixed linearly. The file is read by ``tdkt.text.restore._model`` (file access at
the edge); nothing here reads a file.
"""
from __future__ import annotations

import functools
import math
import unicodedata

from tdkt.text.restore_tokens import _deletes, _skeleton_variants, _wild_skeleton, _wild_variants, fold, is_possible


class _Model:
    def __init__(self, data: dict):
        self.vocab: list[str] = data["vocab"]
        self.index = {w: i for i, w in enumerate(self.vocab)}
        self.abbrev: dict[str, str] = data.get("abbrev", {})
        # English words (wordfreq's list), for the guard that leaves other languages alone
        self.english: frozenset[str] = frozenset(data.get("english", ()))
        self.params: dict = data["params"]
        # channel: ocr form -> list of (syllable index, log P(form | syllable))
        self.inv: dict[str, list[tuple[int, float]]] = {
            k: [(int(a), float(b)) for a, b in v] for k, v in data["inv"].items()
        }
        self.emit: dict[str, dict[str, float]] = with_dot_marks(data["emit"], self.params.get("dot_mark_logp", -1.0))
        # language model: interpolated Kneser-Ney models (in-domain reports, a trigram; general Vietnamese,
        # a bigram; with "lm_dict", the syllable pairs inside the words of a Vietnamese dictionary) and a
        # general unigram, mixed linearly
        self.lms = [_KN(data["lm_in"]), _KN(data["lm_gen"])]
        self.dict_lm = _KN(data["lm_dict"]) if "lm_dict" in data else None
        self.wordfreq_log = data["wordfreq"]
        self.wordfreq = [math.exp(v) for v in data["wordfreq"]]
        p = self.params
        self.lambdas = (p["lambda_in"], p["lambda_gen"], p["lambda_uni"])
        self.lambda_dict = p.get("lambda_dict", 0.0) if self.dict_lm else 0.0
        self._lm_cache: dict[tuple[int, int], float] = {}
        # upper bound of log P_LM(b | any context), for exact pruning in the search
        m_in, m_gen = self.lms[0].max_prob(), self.lms[1].max_prob()
        m_dict = self.dict_lm.max_prob() if self.dict_lm else [0.0] * len(self.vocab)
        l_in, l_gen, l_uni = self.lambdas
        self.lm_bound = [math.log(min(1.0, l_in * a + l_gen * b + l_uni * c + self.lambda_dict * d))
                         for a, b, c, d in zip(m_in, m_gen, self.wordfreq, m_dict)]
        self._lm3_cache: dict[tuple[int, int, int], float] = {}
        # fallback candidate index: skeleton -> syllable indices
        self.by_skel: dict[str, list[int]] = {}
        for i, w in enumerate(self.vocab):
            if w.startswith("<"):
                continue
            for k in _deletes(fold(w)):
                self.by_skel.setdefault(k, []).append(i)
        self._cand_cache: dict[str, list[tuple[int, float]]] = {}
        # log P(capital | syllable) and log P(small | syllable) inside a sentence, smoothed towards the rate of
        # all words (the build's "case" table; none: 0, the case is not used)
        case = {int(k): v for k, v in data.get("case", {}).items()}
        rate = (sum(v[0] for v in case.values()) + 1) / (sum(v[1] for v in case.values()) + 2)
        a = self.params.get("case_prior", 4.0)
        self.case_logp: dict[int, tuple[float, float]] = {}
        for i, (cap, n) in case.items():
            p_cap = (cap + a * rate) / (n + a)
            self.case_logp[i] = (math.log(p_cap), math.log(1 - p_cap))
        self.case_default = (math.log(rate), math.log(1 - rate)) if case else (0.0, 0.0)
        # syllables of the texts Vietnamese cannot have (tâp): never a restoration
        self.impossible = {i for i, w in enumerate(self.vocab) if not w.startswith("<") and not is_possible(w)}

    def lm3_logp(self, a: int, b: int, c: int) -> float:
        """log P_LM(c | a b): trigram in-domain component, bigram general, unigram."""
        key = (a, b, c)
        got = self._lm3_cache.get(key)
        if got is None:
            l_in, l_gen, l_uni = self.lambdas
            p = l_in * self.lms[0].prob3(a, b, c) + l_gen * self.lms[1].prob(b, c) + l_uni * self.wordfreq[c]
            if self.lambda_dict:
                p += self.lambda_dict * self.dict_lm.prob(b, c)
            got = math.log(p)
            self._lm3_cache[key] = got
        return got

    def lm_logp(self, a: int, b: int) -> float:
        """log P_LM(b | a)."""
        key = (a, b)
        got = self._lm_cache.get(key)
        if got is None:
            l_in, l_gen, l_uni = self.lambdas
            p = l_in * self.lms[0].prob(a, b) + l_gen * self.lms[1].prob(a, b) + l_uni * self.wordfreq[b]
            if self.lambda_dict:
                p += self.lambda_dict * self.dict_lm.prob(a, b)
            got = math.log(p)
            self._lm_cache[key] = got
        return got

    def candidates(self, form: str) -> list[tuple[int, float]]:
        got = self._cand_cache.get(form)
        if got is not None:
            return got
        cands = [c for c in self.inv.get(form, ()) if c[0] not in self.impossible]
        if _DOT_IN_WORD(form):
            # a dot inside the word is GOCR's/Ocrad's nặng or horn: the table's scores for such forms came from
            # a channel that had no dotted emissions, so each is scored again with them (the better of the two)
            cands = [(i, max(lp, _channel_dp(self.emit, self.vocab[i], form))) for i, lp in cands]
        if not cands or max(c[1] for c in cands) < self.params.get("fallback_below", -2.5):
            if self.params.get("fallback_max", 1.0):
                # a syllable the table lists below the transducer's own score takes the better one
                best_of = dict(cands)
                for i, lp in self._fallback(form):
                    if i not in self.impossible and lp > best_of.get(i, -1e9):
                        best_of[i] = lp
                cands = list(best_of.items())
            else:
                have = {i for i, _ in cands}
                cands += [c for c in self._fallback(form) if c[0] not in have and c[0] not in self.impossible]
        if cands:
            # keep the candidates most probable a priori: channel + general unigram
            best = max(c[1] for c in cands)
            floor = best - self.params.get("channel_beam", 6.0)
            wf = self.wordfreq_log
            cands = [c for c in cands if c[1] >= floor]
            cands.sort(key=lambda x: -(x[1] + wf[x[0]]))
            cands = cands[: int(self.params.get("max_candidates", 12))]
        self._cand_cache[form] = cands
        return cands

    def _fallback(self, form: str) -> list[tuple[int, float]]:
        skel = _wild_skeleton(form)
        if not skel.replace("*", ""):
            return []
        seen: set[int] = set()
        for wild in _wild_variants(skel):
            for variant in _skeleton_variants(wild):
                for k in _deletes(variant):
                    seen.update(self.by_skel.get(k, ()))
        out = []
        for i in seen:
            lp = _channel_dp(self.emit, self.vocab[i], form)
            if lp > -40:
                out.append((i, lp + self.params.get("fallback_penalty", -2.0)))
        return out


class _KN:
    """Interpolated Kneser-Ney bigram: counts c(a b), c(a), N1+(a .), continuation P(b)."""

    def __init__(self, lm: dict):
        self.ctx = {int(k): v for k, v in lm["ctx_total"].items()}
        self.bigram = {int(a): {int(b): c for b, c in row.items()} for a, row in lm["bigram"].items()}
        self.cont = [math.exp(v) for v in lm["cont"]]
        self.d = lm["discount"]
        self.tri: dict[tuple[int, int], dict[int, int]] = {}
        self.tri_ctx: dict[tuple[int, int], tuple[int, int]] = {}
        for key, row in lm.get("trigram", {}).items():
            a, b = key.split()
            r = {int(c): n for c, n in row.items()}
            self.tri[(int(a), int(b))] = r
            self.tri_ctx[(int(a), int(b))] = (sum(r.values()), len(r))

    def max_prob(self) -> list[float]:
        """For each b, an upper bound of P(b | a) over every context a."""
        out = list(self.cont)  # unseen contexts; seen ones back off to d*n1/ca*cont <= cont
        d = self.d
        for a, row in self.bigram.items():
            ca, n1 = self.ctx[a]
            back = d * n1 / ca
            for b, c in row.items():
                p = (c - d) / ca + back * self.cont[b]
                if p > out[b]:
                    out[b] = p
        return out

    def prob3(self, a: int, b: int, c: int) -> float:
        """Interpolated Kneser-Ney P(c | a b), backing off to the bigram P(c | b)."""
        p2 = self.prob(b, c)
        ctx = self.tri_ctx.get((a, b))
        if ctx is None:
            return p2
        n, n1 = ctx
        return max(self.tri[(a, b)].get(c, 0) - self.d, 0.0) / n + self.d * n1 / n * p2

    def prob(self, a: int, b: int) -> float:
        pc = self.cont[b]
        tot = self.ctx.get(a)
        if not tot:
            return pc
        ca, n1 = tot
        cab = self.bigram.get(a, {}).get(b, 0)
        return max(cab - self.d, 0.0) / ca + self.d * n1 / ca * pc


_NANG, _HORN = "\u0323", "\u031b"


def _DOT_IN_WORD(form: str) -> bool:
    """A dot between a letter and a letter (``ta.i``, ``du.o.c``) or after the word's last letter's vowel."""
    return any(c == "." and 0 < k and form[k - 1].isalpha() for k, c in enumerate(form))


def with_dot_marks(emit: dict, logp: float) -> dict:
    """The transducer's emissions plus GOCR's and Ocrad's way of writing a nặng or horn: the vowel without
    it, then a dot (``ạ`` -> ``a.``, ``ợ`` -> ``o.``, ``ậ`` -> ``â.`` or ``a.``, ``ư`` -> ``u.``), at ``logp``
    unless the learnt table already has a better score. A new dict; ``emit`` is not changed."""
    out = {}
    for letter, table in emit.items():
        new = dict(table)
        nfd = unicodedata.normalize("NFD", letter)
        if _NANG in nfd or _HORN in nfd:
            base = unicodedata.normalize("NFC", nfd.replace(_NANG, "").replace(_HORN, ""))
            for b in {base, _fold1(base), _fold1(base).upper() if letter.isupper() else _fold1(base)}:
                if b and new.get(b + ".", -1e9) < logp:
                    new[b + "."] = logp
        out[letter] = new
    return out


@functools.lru_cache(maxsize=4096)
def _fold1(c: str) -> str:
    return fold(c)


def _channel_dp(emit: dict, syl: str, form: str) -> float:
    """log P(form | syl) under the character transducer: each letter of ``syl`` emits 0-3
    characters of ``form``; unseen emissions get a penalty by edit size."""
    n, m = len(syl), len(form)
    neg = -1e9
    dp = [[neg] * (m + 1) for _ in range(n + 1)]
    dp[0][0] = 0.0
    for i in range(n):
        c = syl[i]
        table = emit.get(c, {})
        fc = _fold1(c)
        for j in range(m + 1):
            cur = dp[i][j]
            if cur <= neg:
                continue
            for k in range(0, 4):
                if j + k > m:
                    break
                out = form[j:j + k]
                lp = table.get(out)
                if lp is None:
                    if k == 1 and _fold1(out) == fc:
                        lp = -6.0
                    else:
                        lp = -9.0 - 2.0 * abs(k - 1)
                v = cur + lp
                if v > dp[i + 1][j + k]:
                    dp[i + 1][j + k] = v
    return dp[n][m]
