"""End to end: `python build.py ingest FILE... [--json]` on temporary archives.

Each seed ingests to the folder it has in data/reports/ and the catalogue accepts it; every kind of
bad input is refused with its one-line reason and nothing written; encodings, .docx, text-layer and
scanned PDFs and images are read. The restoration module is pinned (absent, or a fake) so these
tests do not depend on tdkt.text.restore's state.
"""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import types
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest

from tdkt.text import decode

from tdkt.ingest import folders as ingest

from tdkt.ingest import readers
from tdkt.catalog.load import MAX_FILE_BYTES, load_catalog
from tdkt.cli import main
from tdkt.text.normalise import normalise
from tdkt.problems import Problems

from tests.text.test_decode import as_cp1258

DATA = Path(__file__).resolve().parents[2] / "data"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SEEDS = sorted(p.name for p in (DATA / "reports").iterdir() if p.is_dir())
CLEAN_SEED = "2023-my-quy-long-xuyen-bc-184"
OCR_SEED = "2024-tan-viet-thanh-ha-kh"
JSON_KEYS = {"file", "id", "title", "doc_type", "doc_number", "issuer", "issuer_kind", "issuer_parent", "unit", "issued", "place", "period", "recipient",
             "signer", "signer_title", "theme", "movements", "awards", "signatures", "text_quality", "review", "found",
             "source", "text", "furniture"}


@pytest.fixture(autouse=True)
def no_restore(monkeypatch):
    monkeypatch.setattr(ingest, "_restorer", lambda: None)


@pytest.fixture
def archive(tmp_path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA / "vocab", data / "vocab")
    (data / "reports").mkdir()
    return data


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["ingest", *args])
    out, err = capsys.readouterr()
    return code, out, err


def catalogue(data: Path, gazetteer):
    problems = Problems()
    catalog = load_catalog(data, gazetteer, problems)
    assert not len(problems), problems.report()
    return catalog


def seed_file(tmp_path: Path, seed: str) -> Path:
    path = tmp_path / f"{seed}.txt"
    path.write_bytes((DATA / "reports" / seed / "original.txt").read_bytes())
    return path


# --------------------------------------------------------------------------- the seeds


def test_each_seed_ingests_to_its_folder_and_the_catalogue_accepts_it(tmp_path, archive, capsys, gazetteer):
    files = [seed_file(tmp_path, s) for s in SEEDS]
    code, out, err = run(capsys, *map(str, files), "--data", str(archive))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in (archive / "reports").iterdir()) == SEEDS
    assert out.splitlines()[-1] == "Đã tiếp nhận 5/5 tệp."
    assert f"{files[3]} → {archive}/reports/{CLEAN_SEED}/ (clean; 2 mục cần kiểm tra)" in out.splitlines()
    for seed in SEEDS:
        got, hand = archive / "reports" / seed, DATA / "reports" / seed
        assert (got / "original.txt").read_bytes() == (hand / "original.txt").read_bytes()  # byte for byte
        # the restorer is pinned absent here: an OCR seed's text is the archive's OCR text (ocr.txt)
        as_ocr = hand / "ocr.txt" if (hand / "ocr.txt").exists() else hand / "text.txt"
        assert (got / "text.txt").read_text("utf-8") == as_ocr.read_text("utf-8")
        assert (got / "furniture.txt").exists() == (hand / "furniture.txt").exists()
    catalog = catalogue(archive, gazetteer)
    reports = {r.id: r for r in catalog.reports}
    assert {r.id: r.unit.id for r in catalog.reports} == {
        "2023-cam-xuyen-bc-6-thang": "huyen-446", "2023-ha-trung-bc-hdtdkt": "xa-15271",
        "2023-long-xuyen-kinh-mon-bc-6": "xa-10738", "2023-my-quy-long-xuyen-bc-184": "xa-30298",
        "2024-tan-viet-thanh-ha-kh": "xa-10825"}
    assert [r.why for r in reports[OCR_SEED].review][0] == ingest.RESTORE_MISSING


def test_json_prints_the_metadata_and_writes_nothing(tmp_path, archive, capsys):
    code, out, err = run(capsys, str(seed_file(tmp_path, CLEAN_SEED)), "--json", "--data", str(archive))
    assert (code, err) == (0, "")
    [report] = json.loads(out)
    assert set(report) == JSON_KEYS
    assert report["unit"] == {"name": "Phường Mỹ Quý", "level": "xa", "parent": "Thành phố Long Xuyên",
                              "province": "Tỉnh An Giang", "code": "30298"}
    assert (report["doc_type"], report["doc_number"], report["issued"], report["period"]) == (
        "báo cáo", "184/BC-UBND", "2023-12-26", {"year": 2023, "span": "year"})
    assert [a for a in report["awards"] if a["form"] == "Giấy khen"] == [
        {"form": "Giấy khen", "authority": "Chủ tịch UBND phường", "recipients": "tập thể", "count": 12, "names": [],
         "status": "granted", "line": 31},
        {"form": "Giấy khen", "authority": "Chủ tịch UBND phường", "recipients": "cá nhân", "count": 50, "names": [],
         "status": "granted", "line": 31}]
    assert report["found"]["doc_number"] == {"line": 1, "why": "sau chữ 'Số:' trong 'Số: 184/BC-UBND'"}
    assert report["source"]["encoding"] == "utf-8" and report["text"].startswith("Số: 184/BC-UBND\n\n")
    assert list((archive / "reports").iterdir()) == []


def test_an_existing_report_folder_is_never_overwritten(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = (data / "reports" / CLEAN_SEED / "report.yml").read_bytes()
    path = seed_file(tmp_path, CLEAN_SEED)
    code, out, err = run(capsys, str(path), "--data", str(data))
    assert code == 1
    assert err == (f"error: {path}: {data}/reports/{CLEAN_SEED} already exists: refusing to overwrite it (remove that "
                   "folder first, or rename it if it holds a different report)\n")
    assert (data / "reports" / CLEAN_SEED / "report.yml").read_bytes() == before


# --------------------------------------------------------------------------- bad input


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A minimal .docx: each paragraph split into two runs, as Word does."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    def para(text: str) -> str:
        half = len(text) // 2
        esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;")  # noqa: E731
        return (f'<w:p><w:r><w:t xml:space="preserve">{esc(text[:half])}</w:t></w:r>'
                f'<w:r><w:t xml:space="preserve">{esc(text[half:])}</w:t></w:r></w:p>')
    body = "".join(para(p) for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}">'
                   f"<w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF file around numbered objects (1 is the catalogue), with a correct cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, head: str = "") -> bytes:
    return f"<< {head} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def text_pdf(lines: list[str]) -> bytes:
    """A text-layer PDF written by hand: a Type0 font whose ToUnicode map gives each character."""
    chars = sorted({c for line in lines for c in line})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    shows = " ".join(f"<{''.join(f'{cid[c]:04X}' for c in line)}> Tj T*" for line in lines)
    content = f"BT /F1 10 Tf 14 TL 40 800 Td {shows} ET".encode()
    chunks = [chars[i:i + 100] for i in range(0, len(chars), 100)]
    bfchar = " ".join(f"{len(c)} beginbfchar " + " ".join(f"<{cid[x]:04X}> <{ord(x):04X}>" for x in c) + " endbfchar"
                      for c in chunks)
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
            "/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def "
            f"1 begincodespacerange <0000> <FFFF> endcodespacerange {bfchar} endcmap CMapName currentdict /CMap "
            "defineresource pop end end").encode()
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H /DescendantFonts [6 0 R] "
        b"/ToUnicode 7 0 R >>",
        stream(content),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 500 /CIDToGIDMap /Identity >>",
        stream(cmap),
        b"<< /Type /FontDescriptor /FontName /DejaVuSans /Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
        b"/Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ])


def image_pdf(gray: bytes, width: int, height: int) -> bytes:
    """A scanned page: an 8-bit grey image at 300 dpi and no text layer."""
    w, h = width * 72 / 300, height * 72 / 300
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.2f} {h:.2f}] /Resources << /XObject << /Im1 4 0 R >> >> "
        "/Contents 5 0 R >>".encode(),
        stream(zlib.compress(gray), f"/Type /XObject /Subtype /Image /Width {width} /Height {height} "
               "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode"),
        stream(f"q {w:.2f} 0 0 {h:.2f} 0 0 cm /Im1 Do Q".encode()),
    ])


DOC = ["ỦY BAN NHÂN DÂN", "PHƯỜNG MỸ QUÝ", "Số: 12/BC-UBND", "Mỹ Quý, ngày 05 tháng 6 năm 2024", "BÁO CÁO",
       "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024",
       "Kính gửi: Ủy ban nhân dân thành phố Long Xuyên.",
       "Trong 6 tháng đầu năm 2024, Chủ tịch UBND phường đã tặng giấy khen cho 3 tập thể, 7 cá nhân.",
       "Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "Liêu Quốc Bình"]


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


BAD = [
    ("empty", "empty.txt", b"", "the file is empty"),
    ("white space only", "blank.txt", b" \n\t\n", "the file is empty"),
    ("binary", "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
     "the file is not text: it contains NUL bytes (the first at byte 8)"),
    ("truncated docx", "truncated.docx", truncated(docx_bytes(DOC)),
     "the .docx file is damaged or truncated (not a readable zip archive)"),
    ("a zip that is no docx", "other.docx", docx_bytes(DOC).replace(b"word/document.xml", b"word/documenX.xml"),
     "the .docx file is damaged or truncated (it has no word/document.xml)"),
    ("truncated pdf", "truncated.pdf", truncated(text_pdf(DOC)),
     "the PDF is damaged or truncated (it has no %%EOF end marker)"),
    ("a pdf that is no pdf", "fake.pdf", "Báo cáo năm 2023".encode(),
     "the .pdf file is not a PDF (it does not start with %PDF-)"),
    ("English", "english.txt", (FIXTURES / "english.txt").read_bytes(),
     "the text is not Vietnamese: only 28% of its words are Vietnamese syllables (at least 50% are needed)"),
    ("French", "french.txt", (FIXTURES / "french.txt").read_bytes(),
     "the text is not Vietnamese: only 30% of its words are Vietnamese syllables (at least 50% are needed)"),
    ("undecodable", "russian.txt", "Доклад о работе комиссии по наградам за год".encode("cp1251"),
     "cannot decode the text: it is not UTF-8 or UTF-16, and no Vietnamese 8-bit encoding (Windows-1258, VNI, "
     "TCVN3, VISCII) reads it as Vietnamese"),
    ("numbers only", "numbers.txt", b"2023 2024 12/34 56.", "the file has no words in it"),
    ("unsupported", "bang.xlsx", b"PK\x03\x04", ".xlsx files are not supported: use .txt, .docx, .pdf, .png, .jpg, "
     ".jpeg, .tif or .tiff"),
]


@pytest.mark.parametrize("name,file_name,content,reason", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_with_its_reason_and_nothing_written(tmp_path, archive, capsys, name, file_name,
                                                                  content, reason):
    path = tmp_path / file_name
    path.write_bytes(content)
    code, out, err = run(capsys, str(path), "--data", str(archive))
    assert (code, err) == (1, f"error: {path}: {reason}\n")
    assert out == "Đã tiếp nhận 0/1 tệp.\n"
    assert list((archive / "reports").iterdir()) == []


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, archive, capsys):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no 20 MB written
    code, _, err = run(capsys, str(path), "--data", str(archive))
    assert (code, err) == (1, f"error: {path}: the file is 20,971,521 bytes, over the limit of 20,971,520 bytes "
                              "(20 MB)\n")


def test_a_missing_file(tmp_path, archive, capsys):
    code, _, err = run(capsys, str(tmp_path / "khong-co.txt"), "--data", str(archive))
    assert (code, err) == (1, f"error: {tmp_path / 'khong-co.txt'}: no such file\n")


def test_a_batch_with_one_bad_file_still_writes_the_good_ones(tmp_path, archive, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = [seed_file(tmp_path, s) for s in (CLEAN_SEED, "2023-ha-trung-bc-hdtdkt")]
    code, out, err = run(capsys, str(good[0]), str(empty), str(good[1]), "--data", str(archive))
    assert (code, err) == (1, f"error: {empty}: the file is empty\n")
    assert out.splitlines()[-1] == "Đã tiếp nhận 2/3 tệp."
    assert sorted(p.name for p in (archive / "reports").iterdir()) == ["2023-ha-trung-bc-hdtdkt", CLEAN_SEED]


def test_usage(capsys):
    assert main(["ingest"]) == 2
    assert capsys.readouterr().err == "error: name the files to ingest, e.g. python build.py ingest bao-cao.docx\n"
    assert main(["check", "--json"]) == 2


# --------------------------------------------------------------------------- encodings and formats

CLEAN = unicodedata.normalize("NFC", (DATA / "reports" / CLEAN_SEED / "original.txt").read_text("utf-8"))
PLAIN = CLEAN.translate(str.maketrans({"“": '"', "”": '"', "…": "...", "–": "-"}))  # what VISCII can hold
LOWER = "".join(c.lower() if ord(c) > 0x7F and c.isupper() and c not in decode.TCVN3.values() else c for c in CLEAN)


ENCODINGS = [
    ("vni", lambda: decode.encode_legacy(CLEAN, "vni"), CLEAN, "vni", "legacy-encoding"),
    ("tcvn3", lambda: decode.encode_legacy(LOWER, "tcvn3"), LOWER, "tcvn3", "legacy-encoding"),
    ("viscii", lambda: decode.encode_legacy(PLAIN, "viscii"), PLAIN, "viscii", "legacy-encoding"),
    ("vni shown as Latin-1 in UTF-8", lambda: "".join(decode._byte_char(b) for b in decode.encode_legacy(CLEAN, "vni"))
     .encode("utf-8"), CLEAN, "vni-in-utf-8", "legacy-encoding"),
    ("utf-16", lambda: CLEAN.encode("utf-16"), CLEAN, "utf-16", "clean"),
    ("windows-1258", lambda: as_cp1258(CLEAN), CLEAN, "windows-1258", "clean"),
]


@pytest.mark.parametrize("name,encode,text,encoding,quality", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_an_encoded_seed_reads_as_the_same_text(tmp_path, archive, capsys, gazetteer, name, encode, text, encoding,
                                                quality):
    path = tmp_path / "bao-cao.txt"
    path.write_bytes(encode())
    code, out, err = run(capsys, str(path), "--data", str(archive))
    assert (code, err) == (0, "")
    folder = archive / "reports" / CLEAN_SEED
    assert (folder / "text.txt").read_text("utf-8") == normalise(text).text
    assert (folder / "original.txt").read_bytes() == path.read_bytes()
    [report] = catalogue(archive, gazetteer).reports  # the catalogue reads the original with source.encoding
    assert (report.source.encoding, report.text_quality.value, report.unit.id) == (encoding, quality, "xa-30298")
    assert report.doc_number == "184/BC-UBND" and report.signer == "Liêu Quốc Bình"


def test_a_docx_built_here(tmp_path, archive, capsys, gazetteer):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(docx_bytes(DOC))
    code, out, err = run(capsys, str(path), "--data", str(archive))
    assert (code, err) == (0, "")
    [report] = catalogue(archive, gazetteer).reports
    assert report.id == "2024-my-quy-long-xuyen-bc-12-6-thang"
    assert (report.source.encoding, report.source.path) == ("docx", f"reports/{report.id}/original.docx")
    assert (report.title, report.issuer, report.recipient, report.signer, report.signer_title) == (
        "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024", "Ủy ban nhân dân phường Mỹ Quý",
        "Ủy ban nhân dân thành phố Long Xuyên", "Liêu Quốc Bình", "Chủ tịch")
    assert report.issued.iso() == "2024-06-05" and report.period.span.value == "first-half"
    assert [b.text for b in report.blocks][:3] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG MỸ QUÝ", "Số: 12/BC-UBND"]


needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"),
                                   reason="pdftotext is not installed (Debian package poppler-utils)")


@needs_poppler
def test_a_text_layer_pdf_written_here(tmp_path, archive, capsys, gazetteer):
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(text_pdf(DOC))
    code, out, err = run(capsys, str(path), "--data", str(archive))
    assert (code, err) == (0, "")
    [report] = catalogue(archive, gazetteer).reports
    assert (report.source.encoding, report.text_quality.value, report.doc_number) == ("pdftotext", "clean", "12/BC-UBND")
    assert (report.title, report.unit.id, report.signer) == (
        "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024", "xa-30298", "Liêu Quốc Bình")


def _imagemagick() -> str | None:
    for tool in ("/usr/bin/convert", "magick"):
        found = shutil.which(tool)
        if found and "ImageMagick" in subprocess.run([found, "-version"], capture_output=True, text=True).stdout:
            return found
    return None


CONVERT = _imagemagick()
needs_ocr = pytest.mark.skipif(
    CONVERT is None or not readers._tesseract_ready() or not shutil.which("pdftoppm"),
    reason="rendering and OCR need the Debian packages imagemagick, fonts-dejavu-core, tesseract-ocr, "
           "tesseract-ocr-vie and poppler-utils")
PAGE = ["BÁO CÁO", "Sơ kết thi đua, khen thưởng 6 tháng đầu năm 2024",
        "Ủy ban nhân dân phường Mỹ Quý báo cáo kết quả như sau:", "Tặng giấy khen cho 3 tập thể, 7 cá nhân."]


def render(tmp_path: Path) -> Path:
    png = tmp_path / "trang.png"
    draw = [a for n, line in enumerate(PAGE) for a in ("-annotate", f"+60+{110 + 90 * n}", line)]
    subprocess.run([CONVERT, "-size", "2000x520", "xc:white", "-font", "DejaVu-Sans", "-pointsize", "44",
                    "-fill", "black", *draw, str(png)], check=True)
    return png


@needs_ocr
@pytest.mark.slow
def test_an_image_is_read_by_vietnamese_ocr(tmp_path, archive, capsys):
    code, out, err = run(capsys, str(render(tmp_path)), "--json", "--data", str(archive))
    assert (code, err) == (0, "")
    [report] = json.loads(out)
    assert report["text"].splitlines()[::2] == PAGE
    assert (report["source"]["encoding"], report["text_quality"], report["title"]) == ("tesseract-vie", "clean", PAGE[1])
    assert report["issuer"] == "Ủy ban nhân dân phường Mỹ Quý"
    assert report["review"][0] == {"field": "text", "why": "read from the image by OCR (Tesseract, Vietnamese model): "
                                                           "check numbers and names against the original"}


@needs_ocr
@pytest.mark.slow
def test_a_scanned_pdf_without_text_layer_is_read_by_ocr(tmp_path, archive, capsys):
    png = render(tmp_path)
    size = subprocess.run([CONVERT, str(png), "-format", "%w %h", "info:"], capture_output=True, text=True, check=True)
    width, height = map(int, size.stdout.split())
    gray = subprocess.run([CONVERT, str(png), "-depth", "8", "gray:-"], capture_output=True, check=True).stdout
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf(gray, width, height))
    code, out, err = run(capsys, str(path), "--json", "--data", str(archive))
    assert (code, err) == (0, "")
    [report] = json.loads(out)
    assert report["source"]["encoding"] == "tesseract-vie"
    assert report["text"].split() == " ".join(PAGE).split()  # OCR decides the line breaks, not the words


def test_missing_tools_are_named_with_their_debian_packages(tmp_path, archive, capsys, monkeypatch):
    monkeypatch.setattr(readers.shutil, "which", lambda tool: None)
    readers._tesseract_ready.cache_clear()
    readers.pdf_text.cache_clear()
    try:
        pdf, png = tmp_path / "a.pdf", tmp_path / "b.png"
        pdf.write_bytes(text_pdf(DOC))
        png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
        code, _, err = run(capsys, str(pdf), str(png), "--data", str(archive))
        assert code == 1
        assert err.splitlines() == [
            f"error: {pdf}: reading PDFs needs pdftotext and pdftoppm: install the Debian package poppler-utils",
            f"error: {png}: OCR needs Tesseract with Vietnamese data: install the Debian packages tesseract-ocr "
            "tesseract-ocr-vie"]
    finally:
        readers._tesseract_ready.cache_clear()


# --------------------------------------------------------------------------- restoration


def fake_restorer(restore):
    return types.SimpleNamespace(is_damaged=lambda text: True, restore=restore)


def test_restored_text_is_stored_and_renormalise_restores_it_again(tmp_path, archive, capsys, gazetteer, monkeypatch):
    restorer = fake_restorer(lambda text: text.replace("Cong tac Thi dua, Khen thwéng nam 2024",
                                                       "Công tác Thi đua, Khen thưởng năm 2024"))
    monkeypatch.setattr(ingest, "_restorer", lambda: restorer)
    code, out, err = run(capsys, str(seed_file(tmp_path, OCR_SEED)), "--data", str(archive))
    assert (code, err) == (0, "")
    folder = archive / "reports" / OCR_SEED
    text = (folder / "text.txt").read_text("utf-8")
    assert text.startswith("Công tác Thi đua, Khen thưởng năm 2024\n")
    [report] = catalogue(archive, gazetteer).reports
    assert (report.text_quality.value, report.title) == ("ocr-restored", "Công tác Thi đua, Khen thưởng năm 2024")
    (folder / "text.txt").write_text("stale", encoding="utf-8")
    assert ingest.renormalise(folder, Problems())
    assert (folder / "text.txt").read_text("utf-8") == text


def test_a_failing_restorer_leaves_the_text_as_printed(tmp_path, archive, capsys, monkeypatch):
    def broken(text):
        raise KeyError("lm_in")
    monkeypatch.setattr(ingest, "_restorer", lambda: fake_restorer(broken))
    code, out, err = run(capsys, str(seed_file(tmp_path, OCR_SEED)), "--json", "--data", str(archive))
    [report] = json.loads(out)
    assert (code, report["text_quality"]) == (0, "ocr")
    assert report["review"][0] == {"field": "text", "why": "restoring the marks failed (KeyError: 'lm_in')"}


# --------------------------------------------------------------------------- the page's web address (--source)

AMBIGUOUS_HEADER = """UBND XÃ VẠN THẮNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 01/BC-UBND
Vạn Thắng, ngày 08 tháng 01 năm 2023
BÁO CÁO
Tổng kết phong trào thi đua năm 2022
Năm 2022, phong trào thi đua của xã được triển khai sâu rộng.
"""


def test_the_source_address_decides_the_unit_and_is_kept(tmp_path, archive, capsys, gazetteer):
    path = tmp_path / "bao-cao.txt"
    path.write_text(AMBIGUOUS_HEADER, encoding="utf-8")
    code, out, err = run(capsys, str(path), "--json", "--data", str(archive))
    [alone] = json.loads(out)
    assert alone["unit"] is None  # three communes are called Vạn Thắng: the text alone cannot say which
    address = "http://vanthang.nongcong.gov.vn/web/trang-chu/tong-ket.html"
    code, out, err = run(capsys, str(path), "--source", address, "--data", str(archive))
    assert (code, err) == (0, "")
    [folder] = (archive / "reports").iterdir()
    yml = (folder / "report.yml").read_text("utf-8")
    assert 'unit: "xa-16333"' in yml and f'  address: "{address}"' in yml  # xã Vạn Thắng, huyện Nông Cống
    code, out, err = run(capsys, str(path), "--json", "--source", address, "--data", str(archive))
    assert "địa chỉ trang nguồn" in json.loads(out)[0]["found"]["unit"]["why"]  # the reason is given
    [report] = catalogue(archive, gazetteer).reports
    assert report.source.address == address and report.unit.id == "xa-16333"


def test_the_address_fills_a_unit_the_text_does_not_name_flagged(tmp_path, archive, capsys):
    path = tmp_path / "tin.txt"
    path.write_text("Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023\n\nSáng 15/1, Hội đồng Thi đua - "
                    "Khen thưởng huyện tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023.\n",
                    encoding="utf-8")
    code, out, err = run(capsys, str(path), "--json", "--source", "https://phongtho.laichau.gov.vn/tin-tuc/x",
                         "--data", str(archive))
    [report] = json.loads(out)
    assert report["unit"]["name"] == "Huyện Phong Thổ"
    assert any(r["field"] == "unit" and "phongtho.laichau.gov.vn" in r["why"] for r in report["review"])


@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://x.vn/a", "http://a b.vn/", "vanthang.gov.vn"])
def test_a_source_that_is_not_a_web_address_is_refused_and_nothing_written(tmp_path, archive, capsys, address):
    path = tmp_path / "bao-cao.txt"
    path.write_text(AMBIGUOUS_HEADER, encoding="utf-8")
    code, out, err = run(capsys, str(path), "--source", address, "--data", str(archive))
    assert code == 2 and "not a web address" in err and len(err.strip().splitlines()) == 1
    assert list((archive / "reports").iterdir()) == []
