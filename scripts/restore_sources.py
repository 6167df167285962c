"""The texts the restoration model is built from (scripts/build_restore_model.py, step 1; sources and licences in
docs/restore.md): LibreOffice's Vietnamese help (one file in ten held out, by a stable hash of its path), the
interface strings of LibreOffice and Firefox ESR, with --gpl man pages and the maintainer's guide, the clean
seeds, the real corpus's clean official documents of the tuning part (slices a-e), the Vietnamese of data/vocab/,
pyvi's dictionary words and the administrative unit names. File access only; every function returns lines."""
from __future__ import annotations

import hashlib
import html
import re
import sqlite3
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tdkt.text import restore as R  # noqa: E402

HELP_DIR = Path("/usr/share/libreoffice/help/vi/text")
CLEAN_SEEDS = ["2023-my-quy-long-xuyen-bc-184", "2023-ha-trung-bc-hdtdkt"]


def stable_hash(s: str) -> int:
    return int(hashlib.sha1(s.encode()).hexdigest()[:8], 16)


# --- 1. corpus ------------------------------------------------------------------------------

def corpus_words(line: str) -> list[str]:
    """The word pieces of a corpus line, for choosing lines: split at every punctuation mark (as
    tdkt.text.restore did before it kept 'B(J' whole), so that the chosen lines, the rendered pages and
    their cached OCR stay the same."""
    out = []
    for tok in line.split():
        _, core, _ = R._strip_token(tok)
        out.extend(p for p in R._PIECE_SPLIT.split(core) if p and R._has_letter(p))
    return out


_BLOCK = re.compile(r"(?is)</?(p|div|h[1-6]|li|td|th|tr|br|table|ul|ol|title)\b[^>]*>")


def help_lines() -> tuple[list[str], list[str]]:
    lm, held = [], []
    for path in sorted(HELP_DIR.rglob("*.html")):
        t = path.read_text(encoding="utf-8", errors="replace")
        t = re.sub(r"(?is)<(script|style|head)[^>]*>.*?</\1>", "", t)
        t = _BLOCK.sub("\n", t)
        t = re.sub(r"(?s)<[^>]+>", "", t)
        t = unicodedata.normalize("NFC", html.unescape(t))
        out = held if stable_hash(str(path.relative_to(HELP_DIR))) % 10 == 0 else lm
        for ln in t.split("\n"):
            ln = " ".join(ln.split())
            words = corpus_words(ln)
            if len(words) < 3:
                continue
            vi = sum(1 for w in words if any(c in R._VI_ONLY for c in w))
            if vi / len(words) < 0.25:
                continue  # untranslated English
            out.append(ln)
    # de-duplicate, keep order
    return list(dict.fromkeys(lm)), list(dict.fromkeys(held))


def l10n_lines() -> list[str]:
    """User-interface strings of LibreOffice (libreoffice-l10n-vi) and Firefox ESR
    (firefox-esr-l10n-vi), both MPL-2.0: more general Vietnamese for the language model."""
    import gettext
    import zipfile
    raw: list[str] = []
    for mo in sorted(Path("/usr/lib/libreoffice/program/resource/vi/LC_MESSAGES").glob("*.mo")):
        with open(mo, "rb") as f:
            cat = gettext.GNUTranslations(f)._catalog
        raw.extend(v for _, v in sorted(cat.items(), key=lambda kv: str(kv[0])) if isinstance(v, str))
    for xpi in sorted(Path("/usr/lib/firefox-esr/browser/extensions").glob("langpack-vi@*.xpi")):
        with zipfile.ZipFile(xpi) as z:
            for name in sorted(z.namelist()):
                if name.endswith((".ftl", ".properties")):
                    for ln in z.read(name).decode("utf-8", "replace").split("\n"):
                        if "=" in ln and not ln.lstrip().startswith("#"):
                            raw.append(ln.split("=", 1)[1])
    return _vietnamese([re.sub(r"\{[^}]*\}|%\w+|\$\w+|<[^>]+>|&\w+;|~", " ", ln) for ln in raw])


def man_lines() -> list[str]:
    """Vietnamese man pages (manpages-vi, GPL) and the Debian New Maintainers' Guide (maint-guide-vi)."""
    import gzip as _gz
    out = []
    for path in sorted(Path("/usr/share/man/vi").rglob("*.gz")) if Path("/usr/share/man/vi").exists() else []:
        for ln in _gz.open(path, "rt", encoding="utf-8", errors="replace"):
            if ln.startswith((".", "'")):
                continue
            ln = re.sub(r"\\f[A-Z]|\\f\(..|\\[,/&]|\\-", "", ln)
            out.append(ln.strip())
    for path in sorted(Path("/usr/share/doc/maint-guide-vi/html").glob("*.html")) if Path("/usr/share/doc/maint-guide-vi/html").exists() else []:
        t = path.read_text(encoding="utf-8", errors="replace")
        t = _BLOCK.sub("\n", t)
        t = re.sub(r"(?s)<[^>]+>", "", t)
        out.extend(html.unescape(t).split("\n"))
    return _vietnamese(out)


def _vietnamese(lines: list[str]) -> list[str]:
    """Lines (NFC, spaces collapsed) of at least three words, a quarter of them with a letter only Vietnamese has;
    each once, in order."""
    keep = []
    for ln in lines:
        ln = " ".join(unicodedata.normalize("NFC", ln).split())
        words = corpus_words(ln)
        if len(words) >= 3 and sum(1 for w in words if any(c in R._VI_ONLY for c in w)) / len(words) >= 0.25:
            keep.append(ln)
    return list(dict.fromkeys(keep))


def seed_lines() -> list[str]:
    out = []
    for s in CLEAN_SEEDS:
        for ln in (ROOT / "data" / "reports" / s / "text.txt").read_text(encoding="utf-8").split("\n"):
            if ln.strip():
                out.append(unicodedata.normalize("NFC", ln.strip()))
    return out


REAL = ROOT / "tests" / "fixtures" / "real"


def real_held_out() -> set[str]:
    """The held-out documents of tests/fixtures/real/split.yml, every slice."""
    return set(re.findall(r'"([a-z]-\d+)"', (REAL / "split.yml").read_text(encoding="utf-8")))


def real_kinds() -> dict[str, str]:
    """Each real-corpus document's kind (official, news) from SOURCES-*.md, whose rows are written
    '| a-001 | url | official | ...' or '- b-001 | url | official | ...'."""
    kinds = {}
    for sources in sorted(REAL.glob("SOURCES-*.md")):
        for row in sources.read_text(encoding="utf-8").split("\n"):
            m = re.match(r"\s*[|-]\s*([a-z]-\d+)\s*\|[^|]*\|\s*(official|news)\s*\|", row)
            if m:
                kinds[m.group(1)] = m.group(2)
    return kinds


def real_model_docs(kinds: tuple[str, ...] = ("official",)) -> list[str]:
    """The real-corpus documents whose text may feed the model: of these kinds, slices a-e, not held out."""
    held = real_held_out()
    return sorted(d for d, k in real_kinds().items() if k in kinds and d[0] in "abcde" and d not in held)


def real_official_lines(kinds: tuple[str, ...] = ("official",)) -> list[str]:
    """Clean official documents of the real corpus (tests/fixtures/real/: official documents are not
    protected by copyright, Law on Intellectual Property Art. 15), tuning part of slices a-e only: a
    document listed held out in split.yml (any slice; they are the blind set of restore_blind.py), a
    news item (short excerpts kept for testing only), a document of slice f (being added), or
    OCR-damaged text (is_damaged: the decree d-006, the other engines' answer key) is never used."""
    out = []
    for doc in real_model_docs(kinds):
        path = REAL / "docs" / doc / "source.txt"
        if not path.exists():
            continue
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        if R.is_damaged(text):
            continue
        for ln in text.split("\n"):
            ln = " ".join(ln.split())
            words = corpus_words(ln)
            if len(words) >= 3 and sum(1 for w in words if any(c in R._VI_ONLY for c in w)) / len(words) >= 0.25:
                out.append(ln)
    return list(dict.fromkeys(out))


def vocab_lines() -> list[str]:
    """The Vietnamese of data/vocab/ (award types, movements, document types): names, variants, legal bases,
    who launched a movement; never the notes (English, for maintainers). One string a line."""
    out = []
    field = re.compile(r'^\s*(?:name|basis|launched_by|act):\s*"([^"]+)"\s*$|^\s*-\s*"([^"]+)"\s*$')
    for path in sorted((ROOT / "data" / "vocab").glob("*.yml")):
        for ln in path.read_text(encoding="utf-8").split("\n"):
            m = field.match(ln)
            if not m:
                continue
            v = unicodedata.normalize("NFC", m.group(1) or m.group(2))
            if any(c in R._VI_ONLY for c in v) and len(v.split()) >= 2:
                out.append(v)
    return list(dict.fromkeys(out))


def dictionary_words() -> list[str]:
    """The words of pyvi's Vietnamese dictionary (PyPI pyvi 0.1.1, MIT; pyvi/models/words.txt, about 31,000
    words, 25,000 of two or more syllables: ``lây lan``, ``thị trường``, ``chỉnh đốn``), one a line, NFC; the
    package's code is not imported (nor its dependencies installed), only the file read. Empty without it."""
    import importlib.util
    spec = importlib.util.find_spec("pyvi")
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(list(spec.submodule_search_locations)[0]) / "models" / "words.txt"
    if not path.exists():
        return []
    words = (unicodedata.normalize("NFC", w.strip()) for w in path.read_text(encoding="utf-8").split("\n"))
    return sorted({w for w in words if len(w.split()) >= 2})


def admin_names() -> list[str]:
    import importlib.util
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        return []
    names: set[str] = set()
    for db in Path(list(spec.submodule_search_locations)[0]).rglob("*.db"):
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        for (table,) in con.execute("select name from sqlite_master where type='table'"):
            for row in con.execute(f'select * from "{table}"'):
                for v in row:
                    if isinstance(v, str) and any(c in R._VI_ONLY for c in v) and len(v) < 60:
                        names.add(unicodedata.normalize("NFC", v))
        con.close()
    return sorted(names)


def case_counts(lines: list[str], index: dict[str, int]) -> dict[str, list[int]]:
    """Syllable index -> [written with a capital, seen] for the words inside a sentence (not a line's first
    word, not after . : ; ! ? or a quotation mark), in lines that are not mostly capitals; all-caps words
    are not counted."""
    counts: dict[int, list[int]] = {}
    for ln in lines:
        toks = ln.split()
        letters = [c for c in ln if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) > len(letters) / 2:
            continue
        for prev, tok in zip(toks, toks[1:]):
            if prev[-1] in ".:;!?\"“”" or not tok.isalpha() or (tok.isupper() and len(tok) > 1):
                continue
            i = index.get(R.canonical(tok.lower()))
            if i is None:
                continue
            row = counts.setdefault(i, [0, 0])
            row[0] += tok[0].isupper()
            row[1] += 1
    return {str(i): counts[i] for i in sorted(counts)}
