#!/usr/bin/env python3
"""Build tdkt/data/restore_model.json.gz, the model behind tdkt.text.restore (diacritic restoration).

Offline and deterministic (two runs, one with a fresh OCR cache, give the same bytes): everything
comes from Debian and PyPI packages and from this repository. Needs, at build time only:

    apt-get install -y tesseract-ocr tesseract-ocr-eng gocr ocrad fonts-liberation2 fonts-dejavu-core \
        libreoffice-help-vi libreoffice-l10n-vi firefox-esr-l10n-vi
    .venv/bin/pip install pillow wordfreq==3.1.1
    .venv/bin/pip install --no-deps pyvi==0.1.1      (its dictionary file only; no code of it runs)
    (with --gpl also: hunspell-vi manpages-vi maint-guide-vi)

Steps (rendered pages and OCR output are cached in --work, default /tmp/tdkt-restore-build; step 1's readers are
in scripts/restore_sources.py, step 3's transducer in scripts/restore_channel.py, other engines' pages in
scripts/restore_engines.py):

1. corpus: general Vietnamese from LibreOffice's Vietnamese help (libreoffice-help-vi, MPL-2.0;
   every help file whose path hashes to 0 mod 10 is held out and never used for the model) and
   the user-interface strings of LibreOffice and Firefox ESR (libreoffice-l10n-vi,
   firefox-esr-l10n-vi, MPL-2.0); administrative unit names (vietnamadminunits, MIT); in-domain
   text: the clean reports data/reports/2023-my-quy-long-xuyen-bc-184 and 2023-ha-trung-bc-hdtdkt,
   the gold side of the tune answer keys (tests/fixtures/restore/tune/; never heldout/), the clean
   official documents of the real corpus's tuning part (slices a-e; never a held-out document, which
   scripts/restore_blind.py renders as the blind set, never a news excerpt, never slice f) and the
   Vietnamese of data/vocab/ (names, variants, legal bases).
2. parallel text: corpus lines (some in capitals) rendered with PIL in Liberation Serif and
   DejaVu Serif at a few sizes, read back by `tesseract -l eng --psm 6`; the English model destroys
   the marks as in the archive's OCR reports. Lines and tokens are paired where their counts agree.
   The tune answer keys (real scans) add their token pairs, TUNE_WEIGHT times.
   Other engines (--engine-pages, scripts/restore_engines.py): other help lines and the clean seeds,
   rendered in 8 fonts, degraded and read by Tesseract eng, Ocrad and GOCR, add their token pairs.
3. channel: a character transducer P(ocr string | syllable), each letter with its marks emitting
   0-3 characters, learnt by hard EM over the token pairs, with a floor for damage the archive's
   scans show (PRIORS); mixed per syllable with the observed token table. The most probable OCR
   forms of every vocabulary syllable are enumerated and inverted: form -> [(syllable, log P)].
4. language model: two interpolated Kneser-Ney syllable models (in-domain, a trigram; general, a bigram), the
   wordfreq unigram of Vietnamese (CC BY-SA 4.0) and a Kneser-Ney bigram of the syllable pairs inside the
   words of pyvi's dictionary (MIT; --dict), mixed at run time (lambda_* in params).
   Tokens are lowercase syllables in modern tone placement; punctuation is a boundary <s>,
   numbers <num>, other letter tokens <abbr>.
   Vocabulary: syllables seen MIN_SEEN times in the texts, and wordfreq's Vietnamese syllables.
5. held-out rendered test set: lines of the held-out help files, rendered and OCR'd the same way,
   written to tests/fixtures/restore/heldout/rendered.{ocr,gold}.txt, and by the other engines to
   tests/fixtures/restore/engines/rendered-<engine>.{ocr,gold}.txt.
   Also writes tdkt/data/restore_english.txt.gz (English words left alone, from wordfreq).

Cross-validation inside the tune keys (how the parameters were chosen, never with heldout/):
    for p in 0 1; do .venv/bin/python scripts/build_restore_model.py --cv-parity $p --out /tmp/cv$p.json.gz
        .venv/bin/python scripts/measure_restore.py --model /tmp/cv$p.json.gz --cv-parity $p; done

Usage: .venv/bin/python scripts/build_restore_model.py [--work DIR] [--pages N]
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import math
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tdkt.text import restore as R  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import restore_engines as E  # noqa: E402
from restore_channel import kbest_forms, learn_transducer, token_pairs  # noqa: E402
from restore_sources import (  # noqa: E402,F401  (REAL, corpus_words, real_*: restore_blind.py and tests use B.<name>)
    REAL, admin_names, case_counts, corpus_words, dictionary_words, help_lines, l10n_lines, man_lines, real_held_out,
    real_kinds, real_model_docs, real_official_lines, seed_lines, stable_hash, vocab_lines,
)

HUNSPELL = Path("/usr/share/hunspell/vi_VN.dic")
FONTS = [
    ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", 34),
    ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", 40),
    ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", 46),
    ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf", 40),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 36),
]
IN_DOMAIN_WEIGHT = 20
MIN_SEEN = 3  # a syllable seen this often in the LM text joins the vocabulary
TUNE_WEIGHT = 4  # the tune answer keys are real scans: their token pairs count this many times
KEYS = ROOT / "tests" / "fixtures" / "restore"
LAMBDA_DICT = 0.1  # the dictionary component's weight in the LM mixture, taken from the unigram's 0.25

# Damage seen in the archive's OCR scans (docs/restore.md, shared domain notes section 2) that
# the renders show less often: a floor on log P(output | letter).
_E, _O, _OO, _U, _A, _AA = "ếệềểễ", "ờớởỡợ", "ộốồổỗ", "ứừửữự", "ảã", "ắằẳẵặ"
PRIORS = (
    [("đ", "p", -1.5), ("đ", "b", -4.0), ("ư", "w", -1.5), ("ư", "ir", -3.0), ("c", "¢", -2.5),
     ("ê", "é", -1.0), ("ô", "6", -2.5), ("ơ", "d", -3.0), ("ă", "ii", -2.5), ("ă", "i", -2.5),
     ("l", "1", -3.0), ("â", "a", -0.3), ("ư", "u", -0.5)]
    + [(c, o, lp) for c in _E for o, lp in (("é", -0.7), ("€", -2.5), ("¢", -3.0), ("&", -3.0))]
    + [(c, o, lp) for c in _O for o, lp in (("d", -3.0), ("é", -2.5), ("6", -3.0), ("0", -3.0))]
    + [(c, "d", -3.0) for c in "âấầẩẫậ"]
    + [("ợ", "g", -2.0), ("ó", "6", -1.5), ("ò", "6", -3.0), ("ỏ", "6", -3.0), ("ở", "¢", -2.0), ("ó", "0", -3.0)]
    + [(c, o, lp) for c in _OO for o, lp in (("d", -3.0), ("6", -1.5), ("b", -3.0), ("9", -3.5))]
    + [(c, o, lp) for c in _U for o, lp in (("ir", -1.5), ("it", -2.0), ("w", -2.5), ("tr", -3.0), ("itr", -3.0))]
    + [(c, o, lp) for c in "ủũ" for o, lp in (("ii", -2.5), ("i", -3.0), ("ti", -3.0), ("t", -3.0), ("li", -3.0), ("l", -3.0))]
    + [(c, o, lp) for c in _A for o, lp in (("3", -2.5), ("4", -2.5), ("&", -3.0))]
    + [(c, o, lp) for c in _AA for o, lp in (("ii", -2.5), ("i", -2.5))]
)
LINES_PER_PAGE = 28
ABBREV = {"HDND": "HĐND", "TDKT": "TĐKT", "TPKT": "TĐKT", "HDTDKT": "HĐTĐKT", "BTDKT": "BTĐKT",
          "BTPKT": "BTĐKT", "HPND": "HĐND", "QD": "QĐ", "PHND": "HĐND", "LDTT": "LĐTT",
          "CSTD": "CSTĐ", "TTLDXS": "TTLĐXS", "DU": "ĐU"}


def write_english(path: Path) -> int:
    """tdkt/data/restore_english.txt.gz: the English words the restorer leaves alone (wordfreq's English
    "small" list, CC BY-SA 4.0: every word of ASCII letters, two or more, about 28,000), sorted, one a line."""
    import wordfreq
    words = sorted(w for w in wordfreq.get_frequency_dict("en", wordlist="small")
                   if w.isascii() and w.isalpha() and len(w) >= 2)
    with open(path, "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
            g.write(("\n".join(words) + "\n").encode("ascii"))
    return len(words)


# --- 2. render and OCR ----------------------------------------------------------------------

def wrap(lines: list[str], font, width: int) -> list[str]:
    out = []
    for ln in lines:
        out += E.wrap_line(ln, font, width)
    return out


def render_and_ocr(lines: list[str], work: Path, tag: str) -> list[tuple[str, str]]:
    """Render lines into pages, OCR them; return (true line, ocr line) pairs."""
    from PIL import Image, ImageDraw, ImageFont

    work.mkdir(parents=True, exist_ok=True)
    jobs = []
    pos = 0
    page = 0
    while pos < len(lines):
        fpath, size = FONTS[page % len(FONTS)]
        font = ImageFont.truetype(fpath, size)
        width = size * 40
        chunk = []
        while pos < len(lines) and len(chunk) < LINES_PER_PAGE:
            chunk.extend(wrap([lines[pos]], font, width))
            pos += 1
        chunk = chunk[:LINES_PER_PAGE + 10]
        base = work / f"{tag}-{page:04d}"
        truth = base.with_suffix(".truth.txt")
        if not (base.with_suffix(".txt")).exists() or truth.read_text(encoding="utf-8") != "\n".join(chunk):
            lh = int(size * 1.6)
            img = Image.new("L", (width + 2 * size, lh * len(chunk) + 2 * size), 255)
            d = ImageDraw.Draw(img)
            for i, ln in enumerate(chunk):
                d.text((size, size + i * lh), ln, font=font, fill=0)
            img.save(base.with_suffix(".png"))
            truth.write_text("\n".join(chunk), encoding="utf-8")
            jobs.append(base)
        page += 1

    def ocr(base: Path) -> None:
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        subprocess.run(["tesseract", str(base.with_suffix(".png")), str(base), "-l", "eng", "--psm", "6"],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base.with_suffix(".png").unlink()

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        list(ex.map(ocr, jobs))

    pairs = []
    for p in range(page):
        base = work / f"{tag}-{p:04d}"
        truth = base.with_suffix(".truth.txt").read_text(encoding="utf-8").split("\n")
        got = [ln for ln in base.with_suffix(".txt").read_text(encoding="utf-8").split("\n") if ln.strip()]
        if len(got) != len(truth):
            continue
        pairs.extend(zip(truth, got))
    return pairs


def caps_variant(lines: list[str]) -> list[str]:
    return [ln.upper() for i, ln in enumerate(lines) if stable_hash(ln) % 8 == 0]


# --- 4. language model ----------------------------------------------------------------------

def lm_tokens(line: str, vocab_ok) -> list[str]:
    """The line as LM tokens, with the same segmentation as tdkt.text.restore's decoder."""
    out = [R._BOUND]
    for tok in line.split():
        pre, core, suf = R._strip_token(tok)
        if any(c in ".,;:!?()“”\"…" for c in pre):
            out.append(R._BOUND)
        for p in R._pieces(core):
            if R._PIECE_SPLIT.fullmatch(p):
                if any(c in ".,;:!?()“”\"…-–—/" for c in p):
                    out.append(R._BOUND)
                continue
            if not R._has_letter(p):
                out.append(R._NUM)
                continue
            letters = [c for c in p if c.isalpha()]
            w = R.canonical(p)
            if (len(letters) >= 2 and p.isupper() and not vocab_ok(w)) or not vocab_ok(w):
                out.append(R._ABBR)
            else:
                out.append(w)
        if any(c in ".,;:!?()“”\"…" for c in suf):
            out.append(R._BOUND)
    out.append(R._BOUND)
    # collapse repeated boundaries
    res = []
    for t in out:
        if t == R._BOUND and res and res[-1] == R._BOUND:
            continue
        res.append(t)
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default="/tmp/tdkt-restore-build")
    ap.add_argument("--pages", type=int, default=220, help="pages of help text to render for the channel")
    ap.add_argument("--out", default=str(ROOT / "tdkt" / "data" / "restore_model.json.gz"))
    ap.add_argument("--gpl", action="store_true",
                    help="also use GPL sources: the hunspell-vi word list (GPL-2), manpages-vi (GPL-3+) and "
                         "maint-guide-vi (GPL-2+); off by default so that the model's terms stay MPL-2.0 / CC BY-SA 4.0")
    ap.add_argument("--cv-parity", type=int, choices=[0, 1], default=None,
                    help="cross-validation inside the tune keys: leave out tune lines whose number has this "
                         "parity (measure them with scripts/measure_restore.py --model OUT --cv-parity P)")
    ap.add_argument("--engine-pages", type=int, default=60,
                    help="pages rendered, degraded and read by other engines (scripts/restore_engines.py); 0: none")
    ap.add_argument("--real", type=int, choices=[0, 1], default=1,
                    help="1: the real corpus's clean official documents (tuning part) join the in-domain LM")
    ap.add_argument("--news", action="store_true",
                    help="experiment only: the real corpus's news excerpts (tuning part) join the in-domain LM too")
    ap.add_argument("--vocab", type=int, choices=[0, 1], default=1,
                    help="1 (the shipped model): the names of data/vocab/ join the in-domain LM; 0: not")
    ap.add_argument("--trigram", type=int, choices=[0, 1], default=1,
                    help="1 (the shipped model): the in-domain LM is a Kneser-Ney trigram (the decoder's second-order states); 0: a bigram")
    ap.add_argument("--dict", type=int, choices=[0, 1], default=1,
                    help="1 (the shipped model): pyvi's dictionary words (syllable pairs inside words) as an LM component")
    ap.add_argument("--hold-doc", default=None,
                    help="leave this OCR seed's tune key out (channel pairs and in-domain LM): a whole document "
                         "held out, measured by scripts/measure_restore.py --hold-doc")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)

    print("corpus...", file=sys.stderr)
    lm_help, held_help = help_lines()
    seeds = seed_lines()
    real = real_official_lines(("official", "news") if args.news else ("official",)) if args.real else []
    print(f"  real corpus official lines (tuning part) {len(real)}", file=sys.stderr)
    names = admin_names()
    lm_help = lm_help + l10n_lines()
    if args.gpl:
        lm_help = lm_help + man_lines()
    print(f"  help LM lines {len(lm_help)}, held-out {len(held_help)}, seed lines {len(seeds)}, names {len(names)}",
          file=sys.stderr)

    # vocabulary of valid syllables
    # valid syllables: seen in the texts, or in wordfreq's Vietnamese list; with --gpl also the
    # hunspell-vi word list (GPL-2)
    seen = collections.Counter()
    for ln in lm_help + seeds * IN_DOMAIN_WEIGHT + names + real:
        for p in corpus_words(ln):
            if p.isalpha() and R.is_syllable(p):
                seen[R.canonical(p)] += 1
    known = set()
    if args.gpl:
        for ln in HUNSPELL.read_text(encoding="utf-8").split("\n")[1:]:
            w = ln.split("/")[0].strip()
            if w and w.lower() == w and R.is_syllable(w):
                known.add(R.canonical(w))
    try:
        import wordfreq
        for w, f in wordfreq.get_frequency_dict("vi", wordlist="small").items():
            if w.isalpha() and w.lower() == w and R.is_syllable(w):
                known.add(R.canonical(w))
    except ImportError:
        pass
    syllables = sorted(known | {w for w, n in seen.items() if n >= MIN_SEEN})
    vocab = [R._BOUND, R._NUM, R._ABBR] + syllables
    vset = set(syllables)
    print(f"  vocabulary {len(vocab)}", file=sys.stderr)

    # --- parallel text
    print("render + OCR...", file=sys.stderr)
    train_lines = seeds + caps_variant(seeds)
    step = max(1, len(lm_help) // (args.pages * LINES_PER_PAGE))
    sample = lm_help[::step][: args.pages * LINES_PER_PAGE]
    train_lines += sample + caps_variant(sample)
    line_pairs = render_and_ocr(train_lines, work / "train", "train")
    pairs = token_pairs(line_pairs)
    if args.engine_pages:
        # other engines' damage (scripts/restore_engines.py): degraded renders of other lines of the
        # same help files and of the clean seeds, read by Tesseract (degraded), Ocrad and GOCR
        eng_lines = seeds + lm_help[step // 2::step][: args.engine_pages * E.LINES_PER_PAGE]
        eng_lines += caps_variant(eng_lines)
        for engine, got in sorted(E.render_and_ocr_engines(eng_lines, work / "engines", "eng").items()):
            eng_pairs = token_pairs(got)
            print(f"  {engine}: line pairs {len(got)}, token pairs {len(eng_pairs)}", file=sys.stderr)
            pairs += eng_pairs
    tune_lines = []
    for ocr_path in sorted((KEYS / "tune").glob("*.ocr.txt")):
        ocr = ocr_path.read_text(encoding="utf-8").split("\n")
        gold = ocr_path.with_name(ocr_path.name.replace(".ocr.", ".gold.")).read_text(encoding="utf-8").split("\n")
        for i, pair in enumerate(zip(gold, ocr)):
            if ocr_path.name == f"{args.hold_doc}.ocr.txt":
                continue  # a whole document held out (measure_restore.py --hold-doc)
            if args.cv_parity is None or i % 2 != args.cv_parity:
                tune_lines.append(pair)
    tune_pairs = token_pairs(tune_lines)
    pairs += tune_pairs * TUNE_WEIGHT
    print(f"  tune key token pairs {len(tune_pairs)}", file=sys.stderr)
    print(f"  line pairs {len(line_pairs)}, token pairs {len(pairs)}", file=sys.stderr)

    # held-out rendered test set (help files never used for the LM)
    held_sample = [ln for ln in held_help if 6 <= len(ln.split()) <= 30][::7][:220]
    held_pairs = render_and_ocr(held_sample, work / "held", "held")
    held_pairs = [(t, o) for t, o in held_pairs if len(t.split()) == len(o.split())]
    fx = ROOT / "tests" / "fixtures" / "restore" / "heldout"
    fx.mkdir(parents=True, exist_ok=True)
    (fx / "rendered.ocr.txt").write_text("".join(o + "\n" for _, o in held_pairs), encoding="utf-8")
    (fx / "rendered.gold.txt").write_text("".join(t + "\n" for t, _ in held_pairs), encoding="utf-8")
    print(f"  held-out rendered lines {len(held_pairs)}", file=sys.stderr)
    if args.engine_pages:
        fx = ROOT / "tests" / "fixtures" / "restore" / "engines"
        fx.mkdir(parents=True, exist_ok=True)
        for engine, got in sorted(E.render_and_ocr_engines(held_sample, work / "held-engines", "held").items()):
            got = [(t, o) for t, o in got if len(t.split()) == len(o.split())]
            (fx / f"rendered-{engine}.ocr.txt").write_text("".join(o + "\n" for _, o in got), encoding="utf-8")
            (fx / f"rendered-{engine}.gold.txt").write_text("".join(t + "\n" for t, _ in got), encoding="utf-8")
            print(f"  held-out rendered lines, {engine}: {len(got)}", file=sys.stderr)

    # --- channel
    print("channel...", file=sys.stderr)
    emit = learn_transducer(pairs)
    for c, o, lp in PRIORS:
        t = emit.setdefault(c, {})
        t[o] = max(t.get(o, -99.0), lp)
    exact: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for syl, form in pairs:
        exact[syl][form] += 1
    index = {w: i for i, w in enumerate(vocab)}
    inv: dict[str, dict[int, float]] = collections.defaultdict(dict)
    for syl in syllables:
        forms = kbest_forms(emit, syl)
        ex = exact.get(syl)
        if ex:
            n = sum(ex.values())
            lam = n / (n + 5.0)
            allf = set(forms) | set(ex)
            mixed = {}
            for f in allf:
                p = lam * ex.get(f, 0) / n + (1 - lam) * math.exp(forms.get(f, -30.0))
                mixed[f] = math.log(p)
            forms = mixed
        for f, lp in forms.items():
            if lp > -14:
                inv[f][index[syl]] = round(lp, 2)

    # --- language model
    print("language model...", file=sys.stderr)

    def kn_bigram(weighted_lines, trigram: bool = False, inner: bool = False) -> dict:
        """An interpolated Kneser-Ney model of the lines; ``inner``: of the pairs inside each line only
        (a dictionary's words: no boundary before or after)."""
        big = collections.Counter()
        tri = collections.Counter()
        for lines, weight in weighted_lines:
            for ln in lines:
                toks = [index[t] for t in lm_tokens(ln, lambda w: w in vset)]
                if inner:
                    toks = toks[1:-1]
                for a, b in zip(toks, toks[1:]):
                    big[(a, b)] += weight
                if trigram:
                    for a, b, c in zip(toks, toks[1:], toks[2:]):
                        tri[(a, b, c)] += weight
        ctx_c, ctx_n, left = collections.Counter(), collections.Counter(), collections.Counter()
        for (a, b), c in big.items():
            ctx_c[a] += c
            ctx_n[a] += 1
            left[b] += 1
        total_left = sum(left.values())
        n_types = len(vocab)
        cont = [round(math.log((left.get(i, 0) + 0.5) / (total_left + 0.5 * n_types)), 3) for i in range(n_types)]
        bigram: dict[str, dict[str, int]] = collections.defaultdict(dict)
        for (a, b), c in sorted(big.items()):
            bigram[str(a)][str(b)] = c
        out = {"ctx_total": {str(a): [ctx_c[a], ctx_n[a]] for a in sorted(ctx_c)}, "bigram": bigram,
               "cont": cont, "discount": 0.75}
        if trigram:
            rows: dict[str, dict[str, int]] = collections.defaultdict(dict)
            for (a, b, c), n in sorted(tri.items()):
                rows[f"{a} {b}"][str(c)] = n
            out["trigram"] = rows
        return out

    # the in-domain model is a trigram since issue 11 part 4 (--trigram 1: +0.3 points on whole documents held
    # out once the real corpus's official text joined it; about twice slower to decode)
    vocab_text = vocab_lines() if args.vocab else []
    lm_in = kn_bigram([(seeds, 1), ([g for g, _ in tune_lines], 1), (real, 1), (vocab_text, 1)],
                      trigram=bool(args.trigram))
    lm_gen = kn_bigram([(lm_help, 1), (names, 1)])
    # the syllable pairs inside the words of pyvi's dictionary (MIT): what general Vietnamese says next to
    # what (lây lan, thị trường, thế trận), which the help files do not (--dict 1, the default since 3 Dec pm)
    dict_words = dictionary_words() if args.dict else []
    print(f"  dictionary words of two or more syllables {len(dict_words)}", file=sys.stderr)
    lm_dict = kn_bigram([(dict_words, 1)], inner=True) if dict_words else None
    # general-language unigram prior from wordfreq (CC BY-SA 4.0)
    wf = [None] * len(vocab)
    try:
        import wordfreq
        freqs = wordfreq.get_frequency_dict("vi", wordlist="small")
        tot = sum(freqs.get(w, 0.0) for w in syllables) or 1.0
        for w in syllables:
            f = freqs.get(w, 0.0)
            wf[index[w]] = round(math.log((f + 1e-7) / tot), 3)
    except ImportError:
        pass
    wf = [v if v is not None else lm_gen["cont"][i] for i, v in enumerate(wf)]

    # keep for each OCR form the candidates most probable a priori: log P(form | syl) + log P(syl)
    inv_out = {f: sorted(([i, lp] for i, lp in d.items()), key=lambda x: -(x[1] + wf[x[0]]))[:30]
               for f, d in sorted(inv.items())}
    print(f"  forms {len(inv_out)}, entries {sum(len(v) for v in inv_out.values())}", file=sys.stderr)
    model = {
        "version": 1,
        "about": "tdkt.text.restore model; built by scripts/build_restore_model.py; sources and licences in docs/restore.md",
        "vocab": vocab,
        "abbrev": ABBREV,
        # fallback_below 1.0: every form also gets the transducer's candidates of close skeletons (was: only
        # forms whose best listed candidate is below -2.5), pruned to 20 within 12 nats of the best (were 30,
        # 40): chosen with the dictionary on the tune keys' cross-validation folds, 3 Dec pm
        "params": {"channel_weight": 0.7, "max_candidates": 20, "channel_beam": 12.0, "state_beam": 30, "score_beam": 8.0,
                   "fallback_penalty": -2.0, "fallback_below": 1.0, "case_weight": 0.4, "case_prior": 4.0,
                   "lambda_in": 0.65, "lambda_gen": 0.1, "lambda_uni": 0.25, "trigram": args.trigram},
        "emit": {c: {o: round(v, 3) for o, v in sorted(t.items())} for c, t in sorted(emit.items())},
        "inv": inv_out,
        "lm_in": lm_in,
        "lm_gen": lm_gen,
        "wordfreq": wf,
    }
    if lm_dict:
        # the dictionary's weight comes out of the unigram's (chosen on the tune keys' cross-validation folds)
        model["lm_dict"] = lm_dict
        model["params"].update(lambda_uni=round(0.25 - LAMBDA_DICT, 4), lambda_dict=LAMBDA_DICT)
    # how often each syllable is written with a capital inside a sentence (names, titles: Nam, Minh, Đảng, Ban);
    # case_weight 0.4 chosen on the other engines' validation set (scripts/restore_validation.py), 3 Dec late:
    # even lines 0/0.3/0.5/0.7/1/2 -> 10,974/11,016/11,011/11,000/10,963/10,758 of 12,492; odd lines 0 -> 0.4:
    # 10,999 -> 11,054 of 12,597; the seeds' held-out lines unchanged
    model["case"] = case_counts(seeds + [g for g, _ in tune_lines] + real + vocab_text + lm_help + names, index)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n_en = write_english(out.with_name("restore_english.txt.gz"))
    print(f"  English words {n_en}", file=sys.stderr)
    data = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with open(out, "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
            g.write(data)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
