"""The restoration model's channel (scripts/build_restore_model.py, step 3): token pairs (clean syllable, OCR
form) from aligned lines, a character transducer P(OCR string | syllable) learnt by hard EM (each letter with its
marks emits 0-3 characters), and the most probable OCR forms of a syllable under it. Pure functions."""
from __future__ import annotations

import collections
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tdkt.text import restore as R  # noqa: E402


def token_pairs(line_pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out = []
    for t, o in line_pairs:
        tt, oo = t.split(), o.split()
        if len(tt) != len(oo):
            continue
        for a, b in zip(tt, oo):
            _, ca, _ = R._strip_token(a)
            _, cb, _ = R._strip_token(b)
            if not ca or not cb or not ca.isalpha() or len(R._pieces(cb)) != 1 or R._PIECE_SPLIT.fullmatch(cb):
                continue
            if not R.is_syllable(ca):
                continue
            out.append((R.canonical(ca), cb.lower()))
    return out


def align(emit_cost, syl: str, form: str):
    """Best segmentation of form into emissions of syl's letters: list of (letter, out)."""
    n, m = len(syl), len(form)
    INF = 1e18
    dp = [[INF] * (m + 1) for _ in range(n + 1)]
    bp = [[0] * (m + 1) for _ in range(n + 1)]
    dp[0][0] = 0.0
    for i in range(n):
        c = syl[i]
        for j in range(m + 1):
            if dp[i][j] >= INF:
                continue
            for k in range(0, 4):
                if j + k > m:
                    break
                v = dp[i][j] + emit_cost(c, form[j:j + k])
                if v < dp[i + 1][j + k]:
                    dp[i + 1][j + k] = v
                    bp[i + 1][j + k] = k
    if dp[n][m] >= INF / 2:
        return None
    out, j = [], m
    for i in range(n, 0, -1):
        k = bp[i][j]
        out.append((syl[i - 1], form[j - k:j]))
        j -= k
    return list(reversed(out)), dp[n][m]


def learn_transducer(pairs: list[tuple[str, str]], iters: int = 4) -> dict[str, dict[str, float]]:
    counted = collections.Counter(pairs)

    def init_cost(c, out):
        if len(out) == 1 and R.fold(out) == R.fold(c):
            return 0.5
        if len(out) == 1:
            return 3.0
        if len(out) == 0:
            return 3.5
        if R.fold(out[0]) == R.fold(c) or R.fold(out[-1]) == R.fold(c):
            return 3.5
        return 5.0 + len(out)

    cost = init_cost
    logp: dict[str, dict[str, float]] = {}
    for _ in range(iters):
        counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for (syl, form), n in counted.items():
            if len(form) > 2 * len(syl) + 2:
                continue
            got = align(cost, syl, form)
            if got is None or got[1] > 25:
                continue
            for c, out in got[0]:
                counts[c][out] += n
        logp = {}
        for c, ctr in counts.items():
            tot = sum(ctr.values()) + 1.0
            logp[c] = {o: math.log(v / tot) for o, v in ctr.items() if v >= 2 or v / tot > 0.01}

        def cost(c, out, _lp=logp):
            t = _lp.get(c)
            if t is not None and out in t:
                return -t[out]
            return 8.0 + 2.0 * abs(len(out) - 1) + (0 if len(out) == 1 and R.fold(out) == R.fold(c) else 2)
    return logp


def kbest_forms(emit, syl: str, k: int = 40, beam: float = 11.0) -> dict[str, float]:
    """Most probable OCR forms of syl under the transducer (log P summed over segmentations)."""
    import heapq
    opts = []
    for c in syl:
        t = emit.get(c)
        if not t:
            t = {c: 0.0}
        o = sorted(t.items(), key=lambda x: -x[1])[:8]
        opts.append(o)
    best = sum(o[0][1] for o in opts)
    start = (0,) * len(opts)
    heap = [(-best, start)]
    seen = {start}
    forms: dict[str, float] = {}
    popped = 0
    while heap and popped < k * 4:
        neg, idx = heapq.heappop(heap)
        score = -neg
        if score < best - beam:
            break
        popped += 1
        form = "".join(opts[i][j][0] for i, j in enumerate(idx))
        if form:
            prev = forms.get(form)
            forms[form] = score if prev is None else max(prev, score) + math.log1p(math.exp(-abs(prev - score)))
        for i in range(len(idx)):
            if idx[i] + 1 < len(opts[i]):
                nxt = idx[:i] + (idx[i] + 1,) + idx[i + 1:]
                if nxt not in seen:
                    seen.add(nxt)
                    heapq.heappush(heap, (-(score - opts[i][idx[i]][1] + opts[i][idx[i] + 1][1]), nxt))
    top = sorted(forms.items(), key=lambda x: -x[1])[:k]
    return dict(top)
