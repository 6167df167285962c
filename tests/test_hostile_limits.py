"""Issue 16's medium and low cases: each attack reproduced, then refused with a reason or handled.

Linear time (a long word in the search index's shard keys), data ``check`` calls valid that the build could not
handle, every file read through the same rules, bounded ingest, what ingest echoes and what text.txt says (faults
and visitors: test_hostile_faults.py). No test here times anything: work is counted, or the input is one a
quadratic algorithm could not finish.
"""
from __future__ import annotations

import contextlib
import gzip
import io
import os
import re
import shutil
import signal
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from tdkt.catalog.load import load_catalog
from tdkt.cli import main
from tdkt.ingest import readers
from tdkt.model import MAX_FILE_BYTES
from tdkt.problems import Problems
from tdkt.search import index as search_index
from tdkt.text.decode import Refused


def _reference_separator(before: str, term: str) -> str:
    """The shortest prefix of ``term`` sorting after ``before``, as JavaScript compares, found the slow way."""
    key = before.encode("utf-16-be")
    for end in range(1, len(term) + 1):
        if term[:end].encode("utf-16-be") > key:
            return term[:end]
    return term


_WORD = st.text(alphabet=st.sampled_from(["a", "b", "đ", "\ue000", "\U0001f600", "\uffff", "\U00010000"]), max_size=8)


@given(st.tuples(_WORD, _WORD).map(sorted).map(tuple), _WORD)
@settings(max_examples=300, deadline=None)
def test_property_the_shard_key_is_the_reference_one(pair, common):
    before, term = (common + pair[0], common + pair[1])
    assert search_index.separator(before, term) == _reference_separator(before, term)


def test_the_shard_key_of_a_long_word_takes_work_linear_in_its_length(monkeypatch):
    """A 2 MB word followed by another (issue 16, item 3: 87 s for 1 MB): the key is found encoding each
    word a bounded number of times. The budget is counted in characters encoded, not in seconds."""
    encoded = [0]
    real = search_index._utf16

    def counting(term: str) -> bytes:
        encoded[0] += len(term)
        if encoded[0] > budget:
            raise AssertionError(f"{encoded[0]:,} characters encoded for two words of {size:,}")
        return real(term)

    monkeypatch.setattr(search_index, "_utf16", counting)
    for size in (200_000, 2_000_000):
        encoded[0], budget = 0, 8 * size
        word = "a" * size
        assert search_index.separator(word + "a", word + "b") == word + "b"
        assert search_index.separator(word, word + "b") == word + "b"
        assert search_index.separator("a", word) == "aa"


# --------------------------------------------------------------------------- data check calls valid builds (item 4)

ARCHIVE = Path(__file__).parent / "fixtures" / "archive"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
CLEAN = "2023-long-xuyen-hd-bc-1"


def archive_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ARCHIVE, data)
    return data


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(tmp_path: Path, data: Path, *extra: str) -> int:
    return main(["build", "--data", str(data), "--out", str(tmp_path / "site"), "--docs", str(tmp_path / "src"),
                 "--cache", str(tmp_path / "cache"), *extra])


def problems_of(data: Path, gazetteer) -> list[str]:
    problems = Problems()
    load_catalog(data, gazetteer, problems)
    return [p.format() for p in problems]


def movement_named_index(data: Path) -> None:
    replace_in(data / "vocab" / "movements.yml", "id: dan-van-kheo", "id: index")
    replace_in(data / "reports" / "2024-tp-long-xuyen-kh" / "report.yml", "[dan-van-kheo]", "[index]")


def exemplar_named_index(data: Path) -> None:
    (data / "exemplars" / "hoi-2023.yml").rename(data / "exemplars" / "index.yml")


@pytest.mark.parametrize("damage, message", [
    (movement_named_index, 'data/vocab/movements.yml:9:7: error[V102] id: "index" is the name the site gives a '
                           "section's own page. Fix: choose another id"),
    (exemplar_named_index, 'exemplars/index.yml: error[R105] id: file name "index.yml" is not a valid exemplar id. '
                           "Fix: name the file with lowercase ASCII letters, digits and hyphens, e.g. "
                           "cong-an-long-xuyen-2023.yml (index.yml names the section's own page)"),
], ids=["movement", "exemplar"])
def test_an_id_naming_a_sections_own_page_is_refused(tmp_path, gazetteer, capsys, damage, message):
    """A movement ``index`` or an exemplar ``index.yml`` was valid to ``check`` and then generated
    phong-trao/index.md (dien-hinh/index.md) twice: a traceback. Now ``check`` refuses it."""
    data = archive_copy(tmp_path)
    damage(data)
    assert message in problems_of(data, gazetteer)
    capsys.readouterr()
    assert build(tmp_path, data) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_a_date_outside_the_archives_years_is_refused(tmp_path, gazetteer):
    """An issue date from 2106 on passed ``check`` and then broke the build (the gzip sitemap's timestamp); year
    0001 printed as "01/01/1"; full-width digits passed as a date. Dates, like periods, are from 1945 to 2100,
    written in ASCII digits."""
    data = archive_copy(tmp_path)
    yml = data / "reports" / CLEAN / "report.yml"
    replace_in(yml, 'issued: "2024-01-17"', 'issued: "2106-01-17"')
    messages = problems_of(data, gazetteer)
    assert f'data/reports/{CLEAN}/report.yml:7:9: error[R102] issued: "2106-01-17" is not a date from 1945 to ' \
           "2100. Fix: check the year" in messages
    for written in ("0001-01-01", "０２０２３-01-17"[1:]):
        replace_in(yml, yml.read_text(encoding="utf-8").split('issued: "')[1].split('"')[0], written)
        assert any(f'issued: "{written}" is not a date' in m for m in problems_of(data, gazetteer)), written
    for written in ("2023-0１", "0001"):  # a partial date: an exemplar's or a report's period-less draft's
        replace_in(yml, yml.read_text(encoding="utf-8").split('issued: "')[1].split('"')[0], written)
        assert any(f'issued: "{written}" is not a date' in m for m in problems_of(data, gazetteer)), written


@pytest.mark.slow
def test_an_archive_whose_newest_report_is_before_1970_builds(tmp_path):
    """The newest report's date is the build date, and the gzip sitemap's timestamp: before 1970 it did not fit
    gzip's unsigned 32-bit field (struct.error). Now the timestamp is held to gzip's range."""
    data = archive_copy(tmp_path)
    for yml in [*(data / "reports").glob("*/report.yml"), *(data / "exemplars").glob("*.yml")]:
        text = re.sub(r'(issued|year): "\d{4}', r'\1: "1969', yml.read_text(encoding="utf-8"))
        yml.write_text(text, encoding="utf-8")
    assert build(tmp_path, data) == 0
    with gzip.open(tmp_path / "site" / "sitemap.xml.gz") as f:
        assert b"<urlset" in f.read()


# --------------------------------------------------------------------------- every file by the same rule (item 5)

LINK_FIX = "Fix: put the file itself there: the archive publishes what its folders hold"


@contextlib.contextmanager
def no_hang(seconds: int = 60):
    """Not a timing: a guard, so that code that would wait for ever on a pipe fails instead of hanging the suite."""
    def stop(signum, frame):
        raise AssertionError(f"still waiting after {seconds} s: the file was read, not refused")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_an_exemplar_file_that_is_a_link_is_refused_not_published(tmp_path, gazetteer):
    """Exemplar files escaped the file rules: a link was followed and published (a file of the machine that
    builds the site); a link to /dev/zero read until memory ran out. Now they are read as report files are (no
    link, a regular file, at most 20 MB: the next test)."""
    data = archive_copy(tmp_path)
    secret = tmp_path / "secret.yml"
    secret.write_text((data / "exemplars" / "hoi-2023.yml").read_text(encoding="utf-8").replace("Hội", "MẬT"), encoding="utf-8")
    (data / "exemplars" / "bi-mat.yml").symlink_to(secret)
    problems = Problems()
    catalog = load_catalog(data, gazetteer, problems)
    messages = [p.format() for p in problems]
    assert f"exemplars/bi-mat.yml: error[F004] is a symbolic link. {LINK_FIX}" in messages
    assert {e.id for e in catalog.exemplars} >= {"hoi-2023"} and "bi-mat" not in {e.id for e in catalog.exemplars}


def test_an_exemplar_file_over_20_mb_or_not_a_file_is_refused_unread(tmp_path, gazetteer):
    data = archive_copy(tmp_path)
    with open(data / "exemplars" / "lon.yml", "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing written
    os.mkfifo(data / "exemplars" / "ong.yml")  # a pipe nobody writes to: reading it would wait for ever
    with no_hang():
        messages = problems_of(data, gazetteer)
    assert "exemplars/lon.yml: error[F005] is larger than 20971520 bytes (20 MB). " \
           "Fix: split the report, or keep only its text" in messages
    assert "exemplars/ong.yml: error[F004] is not a regular file (a folder, a device or a pipe). " \
           "Fix: put a file there" in messages


def test_a_report_file_that_is_a_pipe_is_refused_not_waited_for(tmp_path, gazetteer):
    data = archive_copy(tmp_path)
    (data / "reports" / CLEAN / "text.txt").unlink()
    os.mkfifo(data / "reports" / CLEAN / "text.txt")
    with no_hang():
        messages = problems_of(data, gazetteer)
    assert f"data/reports/{CLEAN}/text.txt: error[F004] is not a regular file (a folder, a device or a pipe). " \
           "Fix: put a file there" in messages


def test_normalise_never_writes_through_a_link(tmp_path, capsys):
    """``normalise`` wrote text.txt through a symbolic link, overwriting a file outside the archive. Now a link
    is replaced, never followed; and a link as the folder, report.yml or original is refused, nothing written."""
    data = archive_copy(tmp_path)
    folder = data / "reports" / CLEAN
    outside = tmp_path / "outside.txt"
    outside.write_text("không được ghi đè\n", encoding="utf-8")
    (folder / "text.txt").unlink()
    (folder / "text.txt").symlink_to(outside)
    (folder / "furniture.txt").symlink_to(outside)
    assert main(["normalise", str(folder)]) == 0
    assert outside.read_text(encoding="utf-8") == "không được ghi đè\n"
    assert not (folder / "text.txt").is_symlink() and "Tổng kết" in (folder / "text.txt").read_text(encoding="utf-8")
    assert not (folder / "furniture.txt").is_symlink()
    linked = data / "reports" / "2023-linked"
    linked.symlink_to(folder)
    (folder / "text.txt").unlink()
    (folder / "text.txt").symlink_to(outside)
    capsys.readouterr()
    assert main(["normalise", str(linked)]) == 1
    assert "is a symbolic link" in capsys.readouterr().err
    original = folder / "original.txt"
    original.rename(tmp_path / "original.txt")
    original.symlink_to(tmp_path / "original.txt")
    assert main(["normalise", str(folder)]) == 1
    assert f"{folder}/original.txt: error[F004] is a symbolic link" in capsys.readouterr().err
    assert outside.read_text(encoding="utf-8") == "không được ghi đè\n" and (folder / "text.txt").is_symlink()


# --------------------------------------------------------------------------- ingest bounded (item 8)

def docx_of(xml: bytes, declared: int | None = None) -> bytes:
    """A .docx whose word/document.xml is ``xml``, deflated (a zip bomb compresses 200 MB into under 1 MB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", xml)
    return buffer.getvalue()


def test_a_docx_whose_xml_unpacks_past_the_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    """A 0.7 MB .docx held 200 MB of XML: ingest ran for hours. Now document.xml is read in a bounded stream
    and refused past readers.MAX_XML_BYTES, before any XML parser sees it."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph = "<w:p><w:r><w:t>thi đua khen thưởng</w:t></w:r></w:p>".encode()
    xml = f'<w:document xmlns:w="{w}"><w:body>'.encode() + paragraph * (readers.MAX_XML_BYTES // len(paragraph) + 1)
    path = tmp_path / "bom.docx"
    path.write_bytes(docx_of(xml + b"</w:body></w:document>"))
    assert path.stat().st_size < 1024 * 1024
    parsed = []
    monkeypatch.setattr(readers.ElementTree, "fromstring", lambda *a: parsed.append(1))
    refused = readers.read(path)
    assert isinstance(refused, Refused) and parsed == []
    assert refused.reason == ("the .docx file's text (word/document.xml) unpacks to more than 33,554,432 bytes: "
                              "split the document, or save it as .txt")


def test_a_text_past_the_limit_is_refused_with_its_reason(tmp_path):
    """Extraction takes about a minute a MB on a loaded machine: the text ingest takes from any file is bounded
    (readers.MAX_TEXT_CHARS); a .txt too large to hold fewer characters is refused before it is decoded."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    words = "thi đua khen thưởng " * (readers.MAX_TEXT_CHARS // 20 + 1)
    path = tmp_path / "dai.docx"
    path.write_bytes(docx_of(f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>{words}</w:t></w:r></w:p>'
                             "</w:body></w:document>".encode()))
    refused = readers.read(path)
    assert isinstance(refused, Refused)
    assert refused.reason == (f"the text is {len(words) + 1:,} characters long, over the limit of 2,000,000 (about "
                              "1,000 pages): split the document and ingest each part")
    text = tmp_path / "dai.txt"
    with open(text, "wb") as f:
        f.truncate(4 * readers.MAX_TEXT_CHARS + 5)  # sparse
    refused = readers.read(text)
    assert isinstance(refused, Refused) and refused.reason.startswith("the text is over 2,000,001 characters long")


# --------------------------------------------------------------------------- what ingest echoes, what text.txt says

def test_ingest_echoes_file_names_without_terminal_escapes(tmp_path, capsys):
    """A file named with escape sequences (clear the screen, a forged line) was echoed raw to the terminal."""
    main(["new", str(tmp_path / "kho")])
    named = tmp_path / "bc\x1b[2J\x1b[31m\nerror: giả\u202e.txt"
    named.write_bytes(b"")  # empty: refused, and its name echoed
    capsys.readouterr()
    assert main(["ingest", "--data", str(tmp_path / "kho"), str(named)]) == 1
    captured = capsys.readouterr()
    assert "\x1b" not in captured.err + captured.out and "\u202e" not in captured.err
    assert "bc[U+001B][2J[U+001B][31m[U+000A]error: giả[U+202E].txt: the file is empty" in captured.err


def test_a_byte_order_mark_in_text_txt_does_not_demote_the_first_heading(tmp_path, gazetteer):
    """Notepad's UTF-8 byte-order mark made the first block '\\ufeffI. …': a paragraph, not a heading."""
    data = archive_copy(tmp_path)
    text = data / "reports" / CLEAN / "text.txt"
    plain = {r.id: r for r in load_catalog(data, gazetteer, Problems()).reports}[CLEAN].blocks
    text.write_bytes(b"\xef\xbb\xbf" + text.read_bytes())
    (data / "vocab" / "movements.yml").write_bytes(b"\xef\xbb\xbf" + (data / "vocab" / "movements.yml").read_bytes())
    problems = Problems()
    marked = {r.id: r for r in load_catalog(data, gazetteer, problems).reports}[CLEAN].blocks
    assert [(b.kind, b.text) for b in marked] == [(b.kind, b.text) for b in plain]
    assert not problems.has_errors()


def test_a_report_of_a_million_paragraphs_is_refused_with_its_reason(tmp_path, gazetteer):
    """A 1-million-paragraph text.txt (under the 20 MB limit) made a 137 MB page and a 27 MB search file; the limit
    is 20,000 (25,001 here: the same rule, in less time)."""
    data = archive_copy(tmp_path)
    (data / "reports" / CLEAN / "text.txt").write_text("BÁO CÁO\n\n" + "x\n\n" * 25_000, encoding="utf-8")
    problems = Problems()
    catalog = load_catalog(data, gazetteer, problems)
    assert f"data/reports/{CLEAN}/text.txt: error[R114] text: has 25,001 paragraphs, over the limit of 20,000 a " \
           "report. Fix: split the document into reports of its parts, or check that its paragraphs are not cut " \
           "into lines" in [p.format() for p in problems]
    assert CLEAN not in {r.id for r in catalog.reports}


def test_the_hostile_corpus_holds_a_byte_order_mark_read_as_nothing(gazetteer):
    """The corpus's VNI report was saved with a byte-order mark; its first block is the text's own."""
    raw = (HOSTILE / "reports" / "2023-hostile-vni" / "text.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    problems = Problems()
    catalog = load_catalog(HOSTILE, gazetteer, problems)
    report = {r.id: r for r in catalog.reports}["2023-hostile-vni"]
    assert report.blocks[0].text == "BÁO CÁO"


@pytest.mark.parametrize("encoding, message", [
    ("docx", '"docx" is what the tool docx reads from .docx files; the original is .txt. Fix: write the encoding the '
             "original is in (e.g. utf-8)"),
    ("pdftotext", '"pdftotext" is what the tool pdftotext reads from .pdf files; the original is .txt. Fix: write the '
                  "encoding the original is in (e.g. utf-8)"),
    ("Tesseract_VIE", '"Tesseract_VIE" is what the tool tesseract-vie reads from .pdf, .png, .jpg, .jpeg, .tif, .tiff '
                      "files; the original is .txt. Fix: write the encoding the original is in (e.g. utf-8)"),
    ("undefined", "the original does not decode as undefined. Fix: write the encoding it is in"),
])
def test_a_tool_encoding_on_a_plain_text_original_is_refused_by_check(tmp_path, gazetteer, encoding, message):
    """``encoding: docx|pdftotext|undefined`` on a plain-text original passed check and then broke the build; a
    tool's name spelled another way (the codec look-up ignores case and '_') ran the tool on the contributor's bytes
    while checking. Now check refuses them, and runs no tool."""
    data = archive_copy(tmp_path)
    replace_in(data / "reports" / CLEAN / "report.yml", "encoding: utf-8", f"encoding: {encoding}")
    assert f"data/reports/{CLEAN}/report.yml:22:13: error[F002] source.encoding: {message}" in problems_of(data,
                                                                                                          gazetteer)


@pytest.mark.slow
def test_a_report_id_as_long_as_a_folder_name_can_be_builds_and_rebuilds(tmp_path):
    """Ids over about 238 characters broke the build: a cache file's name passed 255 bytes. The id here is 255
    characters, the longest folder name; the build and a rebuild that remembers the first succeed."""
    data = archive_copy(tmp_path)
    long_id = "2023-" + "a" * 250
    (data / "reports" / "2023-tan-viet-bc-ocr").rename(data / "reports" / long_id)
    assert build(tmp_path, data) == 0
    replace_in(data / "reports" / long_id / "text.txt", "\n", "\n\n")
    assert build(tmp_path, data) == 0
    assert (tmp_path / "site" / "bao-cao" / long_id / "index.html").is_file()


@pytest.mark.slow
def test_an_exemplar_of_a_year_no_report_has_builds(tmp_path):
    """An exemplar's page linked its year's page, which exists only when a report has that year: an exemplar of
    2023 in an archive whose reports are all of 1969 passed check and failed the build (strict: a broken link)."""
    data = archive_copy(tmp_path)
    for yml in (data / "reports").glob("*/report.yml"):
        yml.write_text(re.sub(r'(issued|year): "\d{4}', r'\1: "1969', yml.read_text(encoding="utf-8")),
                       encoding="utf-8")
    assert build(tmp_path, data) == 0
    page = (tmp_path / "site" / "dien-hinh" / "hoi-2023" / "index.html").read_text(encoding="utf-8")
    assert "2023" in page and 'href="../../nam/2023/"' not in page
