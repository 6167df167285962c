"""No English and no internal notes on a public page: what the site itself says is Vietnamese.

Every page of the built seed site is read as a visitor sees it (scripts, styles and the document's own words left
out: a report's paragraphs, its original, its OCR text, code). What remains (headings, labels, notices, tables of
metadata, navigation, the footer) may not hold an English word (one of the common English words below that is
not also a Vietnamese syllable, or "the"/"not"/"page"… in any case) nor an internal note (a repository file name,
a seed number, a module path). Proper names, codes and the documents' own words are not English words by this
rule; a word in the list that a document prints would only be caught outside the document's text.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tdkt.text.decode import is_syllable

pytestmark = pytest.mark.slow

# Common English words of interface text, developer notes and review reasons. Words that are also Vietnamese
# syllables ("to", "an", "no", "bang"…) are checked only when they are not (is_syllable decides).
ENGLISH = frozenset("""
the of and with from this that these those for not found page pages search results result report reports draft
reviewed unreviewed granted proposed unknown line lines seed seeds note notes file files field fields fill hand
text texts document documents previous next home back top skip content main menu navigation copyright made
edit view download source original error errors warning warnings missing none true false null undefined yes
read more less show hide open close loading please try again click here link links about contact help
award awards movement movements unit units year years period issuer signer number type types title titles
date dates issued by which what when where who why how there their they we you your our is are was were be
been being has have had will would should could can may might must shall do does did done its it
""".split())
# words Material or the browser may put in attributes only, or that Vietnamese pages legitimately show
ALLOWED = frozenset({"OCR", "CSV", "JSON", "PDF", "SVG", "URL", "HTML", "MkDocs", "Material", "MIT", "CC", "BY",
                     "SA", "UTF", "BOM", "Excel", "GitHub", "lunr", "Python", "vietnamadminunits", "Frictionless"})
INTERNAL = re.compile(r"\b[\w-]+\.(?:md|yml|yaml|py)\b|\bseed \d{3}\b|\btdkt\.\w|\bdomain\.md\b|"
                      r"\bTODO\b|\bFIXME\b|\bline \d+\b", re.I)
FILE_NAME = re.compile(r"[\w.-]+\.(?:txt|pdf|docx?|odt|rtf|xlsx?|png|jpe?g|gif|tiff?|bmp|bin)\b", re.I)
SKIP_TAGS = {"script", "style", "code", "pre", "svg", "template", "noscript"}
DOCUMENT_CLASSES = ("tdkt-para", "tdkt-original", "tdkt-text", "tdkt-twin", "tdkt-quote")  # the document's own words
DOCUMENT_PAGES = re.compile(r"/(?:ocr|goc)/index\.html$")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class Visible(HTMLParser):
    """The text a visitor reads, outside the document's own words."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its content skipped
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        skip = (self.stack[-1] if self.stack else False) or tag in SKIP_TAGS or any(
            c.startswith(DOCUMENT_CLASSES) for c in classes)
        self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]) and data.strip():
            self.texts.append(data)


def english_words(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(text):
        if w in ALLOWED:
            continue
        low = w.lower()
        # "the", "not" and "may" are Vietnamese syllables too, but rarely stand alone in Vietnamese text; "May" with a
        # capital is a name's ("Tổng công ty May 10": may = garments)
        if low in ENGLISH and (not is_syllable(low) or low in {"the", "not"} or w == "may"):
            out.append(w)
    return out


def test_the_rule_catches_english_and_notes_and_passes_vietnamese():
    assert {"Not", "found", "the", "text", "fill", "hand"} <= set(english_words("Not found in the text: fill it in by hand"))
    assert english_words("Không tìm thấy trang. Về trang chủ, tìm kiếm hoặc xem danh sách báo cáo.") == []
    assert english_words("Tổng công ty May 10 được tặng Cờ thi đua") == [] and "may" in english_words("it may fail")
    assert INTERNAL.search("In the armed forces (domain.md §5). Seed 004, line 339")
    assert not INTERNAL.search("Báo cáo số 184/BC-UBND, ngày 15/12/2023")


def _check(site) -> list[str]:
    found = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if DOCUMENT_PAGES.search("/" + rel) or rel.startswith("assets/"):
            continue
        parser = Visible()
        parser.feed(page.read_text(encoding="utf-8"))
        text = " ".join(parser.texts).replace("Material for MkDocs", "Material")  # a product's name
        text = FILE_NAME.sub(" ", text)  # an original's own file name ("source.txt") is the contributor's
        words = english_words(text)
        notes = [m.group() for m in INTERNAL.finditer(text)]
        if words or notes:
            found.append(f"{rel}: {sorted(set(words))[:12]} {notes[:5]}")
    return found


def test_no_page_of_the_seed_site_shows_english_or_internal_notes(built_site):
    found = _check(built_site)
    assert not found, "English or internal notes on public pages:\n" + "\n".join(found)


def test_no_page_of_a_synthetic_archive_shows_english_or_internal_notes(tmp_path):
    """A synthetic archive (python build.py synth: OCR reports, award records, exemplars, many units)."""
    from tdkt.cli import main

    assert main(["synth", "--reports", "30", "--out", str(tmp_path / "data")]) == 0
    assert main(["build", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "site"),
                 "--docs", str(tmp_path / "src"), "--cache", str(tmp_path / "cache")]) == 0
    found = _check(tmp_path / "site")
    assert not found, "English or internal notes on public pages:\n" + "\n".join(found)
