"""Files → Vietnamese text: .txt, .docx, .pdf (text layer or scanned) and images.

Input: a path. Output: ``read(path)`` gives a ``Read`` record (the original bytes, untouched; the
text, NFC; the codec name that turns those bytes into that text; whether OCR produced it) or a
``decode.Refused`` record whose one-line reason says what is wrong with the file: missing,
empty, too large (over ``model.MAX_FILE_BYTES``, 20 MB, or more text than ``MAX_TEXT_CHARS``), not text, damaged or truncated,
undecodable, not Vietnamese, or a missing tool (naming the Debian packages to install).

Reads files and runs tools (this module and ``ingest`` are the package's edges):
- .txt: ``decode.decode`` (UTF-8/16, Windows-1258, VNI, TCVN3, VISCII);
- .docx: the standard library only (zipfile + xml.etree): paragraphs in document order,
  table cells and text boxes included;
- .pdf with a text layer: ``pdftotext -layout`` from Debian's poppler-utils. Chosen over the PyPI
  package pypdf because scanned PDFs need poppler's ``pdftoppm`` anyway (one Debian package for
  both, no new Python dependency), poppler is the more robust extractor (CID fonts, ToUnicode
  maps), and ``-layout`` keeps each header line together as the normaliser expects;
- scanned .pdf (no text layer; rasterised with ``pdftoppm -r 300``) and .png .jpg .jpeg .tif
  .tiff: ``tesseract FILE - -l vie`` (Debian tesseract-ocr, tesseract-ocr-vie).
Importing the module registers the codecs ``docx``, ``pdftotext`` and ``tesseract-vie`` so that
``bytes.decode(source.encoding)`` reads any original the way it was read at ingest.
"""
from __future__ import annotations

import codecs
import functools
import io
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from tdkt.text import decode
from tdkt.model import MAX_FILE_BYTES
from tdkt.text.decode import Refused

TEXT, DOCX, PDF = (".txt",), (".docx",), (".pdf",)
IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED = TEXT + DOCX + PDF + IMAGES
POPPLER = "reading PDFs needs pdftotext and pdftoppm: install the Debian package poppler-utils"
TESSERACT = "OCR needs Tesseract with Vietnamese data: install the Debian packages tesseract-ocr tesseract-ocr-vie"
TOOL_SECONDS = 300  # per tool run (one OCR page at 300 dpi takes a few seconds)
# What ingest reads is bounded, so that no file keeps it busy for hours (extraction takes about a minute a MB of
# text on a loaded two-core machine; the real reports are under 40 KB): at most MAX_TEXT_CHARS of text from any
# file (about 1,000 pages), at most MAX_XML_BYTES of a .docx's document.xml, read in a bounded stream before
# anything parses it (a 0.7 MB .docx held 200 MB of XML), at most MAX_OCR_PAGES pages of a scanned PDF.
MAX_TEXT_CHARS = 2_000_000
MAX_XML_BYTES = 32 * 1024 * 1024
MAX_OCR_PAGES = 200
MIN_TEXT_LAYER = 20  # letters: a PDF with fewer is a scan


@dataclass(frozen=True, slots=True, kw_only=True)
class Read:
    name: str  # the file name as received
    suffix: str  # its extension, lower case: ".txt"
    data: bytes  # the original, byte for byte
    text: str  # NFC
    encoding: str  # codec that reads ``data`` as ``text``: utf-8, vni, docx, pdftotext, tesseract-vie ...
    quality: float  # share of words that are Vietnamese syllables
    ocr: bool = False  # the text was read by Tesseract from pixels
    legacy: bool = False  # a legacy 8-bit encoding was converted


class ToolError(ValueError):
    """A file the tools cannot read; its message is the one-line reason."""


def read(path: Path) -> Read | Refused:
    """Read one file; never raises on bad input."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        return Refused(reason=f"{suffix or 'files without an extension'} files are not supported: "
                              "use .txt, .docx, .pdf, .png, .jpg, .jpeg, .tif or .tiff")
    if not path.exists():
        return Refused(reason="no such file")
    if not path.is_file():
        return Refused(reason="not a file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return Refused(reason=f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes (20 MB)")
    if suffix in TEXT and size > 4 * MAX_TEXT_CHARS + 4:  # no encoding takes more than 4 bytes a character
        return _too_long(f"over {size // 4:,}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Refused(reason=f"cannot read the file ({exc.strerror})")
    if not data.strip():
        return Refused(reason="the file is empty")
    if suffix in TEXT:
        result = decode.decode(data)
        if isinstance(result, Refused):
            return result
        return _check(Read(name=path.name, suffix=suffix, data=data, text=result.text, encoding=result.encoding,
                           quality=result.quality, legacy=result.legacy))
    try:
        if suffix in DOCX:
            text, encoding, ocr = docx_text(data), "docx", False
        elif suffix in PDF:
            text, encoding, ocr = _pdf(data)
        else:
            text, encoding, ocr = ocr_text(data, suffix), "tesseract-vie", True
    except ToolError as exc:
        return Refused(reason=str(exc))
    if len(text) > MAX_TEXT_CHARS:
        return _too_long(f"{len(text):,}")
    fixed, legacy = decode.fix_legacy(text)
    encoding = f"{legacy}-in-{encoding}" if legacy else encoding
    return _check(Read(name=path.name, suffix=suffix, data=data, text=fixed, encoding=encoding,
                       quality=decode.vietnamese_share(fixed).valid, ocr=ocr, legacy=bool(legacy)))


def _too_long(count: str) -> Refused:
    return Refused(reason=f"the text is {count} characters long, over the limit of {MAX_TEXT_CHARS:,} (about 1,000 "
                          "pages): split the document and ingest each part")


def _check(r: Read) -> Read | Refused:
    if len(r.text) > MAX_TEXT_CHARS:
        return _too_long(f"{len(r.text):,}")
    share = decode.vietnamese_share(r.text)
    if share.words == 0:
        return Refused(reason="the file has no words in it")
    if share.valid < decode.MIN_VIETNAMESE:
        return Refused(reason=f"the text is not Vietnamese: only {share.valid:.0%} of its words are Vietnamese "
                              f"syllables (at least {decode.MIN_VIETNAMESE:.0%} are needed)")
    return r


# --------------------------------------------------------------------------- .docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes) -> str:
    """The paragraphs of a .docx in document order, one per line (NFC); ToolError if damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("word/document.xml")
            with z.open(info) as member:  # bounded whatever the header says: read no more than the limit
                xml = member.read(MAX_XML_BYTES + 1)
    except zipfile.BadZipFile:
        raise ToolError("the .docx file is damaged or truncated (not a readable zip archive)") from None
    except KeyError:
        raise ToolError("the .docx file is damaged or truncated (it has no word/document.xml)") from None
    except (zipfile.LargeZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
        raise ToolError(f"the .docx file is damaged or truncated ({exc})") from None
    if len(xml) > MAX_XML_BYTES:
        raise ToolError(f"the .docx file's text (word/document.xml) unpacks to more than {MAX_XML_BYTES:,} bytes: "
                        "split the document, or save it as .txt")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise ToolError("the .docx file is damaged or truncated (its document.xml is not well-formed XML)") from None
    paragraphs: list[str] = []
    _walk(root, paragraphs, None)
    return unicodedata.normalize("NFC", "\n".join(paragraphs) + "\n")


def _walk(node: ElementTree.Element, out: list[str], current: list[str] | None) -> None:
    """Collect paragraph texts; a paragraph nested in another (a text box) is its own line."""
    for child in node:
        tag = child.tag
        if tag == _W + "p":
            own: list[str] = []
            _walk(child, out, own)
            out.append("".join(own))
        elif current is not None and tag == _W + "t":
            current.append(child.text or "")
        elif current is not None and tag == _W + "tab":
            current.append("\t")
        elif current is not None and tag in (_W + "br", _W + "cr"):
            current.append("\n")
        else:
            _walk(child, out, current)


# --------------------------------------------------------------------------- .pdf and OCR


def _run(args: list[str], what: str) -> bytes:
    try:
        done = subprocess.run(args, capture_output=True, timeout=TOOL_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise ToolError(f"{args[0]} took longer than {TOOL_SECONDS} seconds on {what}") from None
    if done.returncode != 0:
        first = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[0][:200]
        raise ToolError(f"{what} ({args[0]}: {first})")
    return done.stdout


def _pdf(data: bytes) -> tuple[str, str, bool]:
    if not data.startswith(b"%PDF-"):
        raise ToolError("the .pdf file is not a PDF (it does not start with %PDF-)")
    if b"%%EOF" not in data[-2048:]:
        raise ToolError("the PDF is damaged or truncated (it has no %%EOF end marker)")
    text = pdf_text(data)
    if sum(c.isalpha() for c in text) >= MIN_TEXT_LAYER:
        return text, "pdftotext", False
    return ocr_text(data, ".pdf"), "tesseract-vie", True


@functools.lru_cache(maxsize=16)
def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, laid out as printed (``pdftotext -layout``)."""
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        raise ToolError(POPPLER)
    with tempfile.TemporaryDirectory(prefix="tdkt-pdf-") as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(data)
        out = _run(["pdftotext", "-layout", "-enc", "UTF-8", str(source), "-"], "the PDF is damaged or truncated")
    return unicodedata.normalize("NFC", out.decode("utf-8", errors="replace"))


@functools.cache
def _tesseract_ready() -> bool:
    if not shutil.which("tesseract"):
        return False
    done = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    return "vie" in (done.stdout + done.stderr).split()


@functools.lru_cache(maxsize=16)
def ocr_text(data: bytes, suffix: str) -> str:
    """Tesseract's Vietnamese reading of an image, or of every page of a scanned PDF."""
    if not _tesseract_ready():
        raise ToolError(TESSERACT)
    with tempfile.TemporaryDirectory(prefix="tdkt-ocr-") as tmp:
        source = Path(tmp) / f"in{suffix}"
        source.write_bytes(data)
        if suffix == ".pdf":
            if not shutil.which("pdftoppm"):
                raise ToolError(POPPLER)
            _run(["pdftoppm", "-r", "300", "-gray", "-png", "-l", str(MAX_OCR_PAGES + 1), str(source),
                  str(Path(tmp) / "page")], "the PDF is damaged or truncated")
            pages = sorted(Path(tmp).glob("page*.png"))
            if len(pages) > MAX_OCR_PAGES:
                raise ToolError(f"the scanned PDF has more than {MAX_OCR_PAGES} pages to read by OCR: split it")
        else:
            pages = [source]
        texts = [_run(["tesseract", str(page), "-", "-l", "vie"], "the image cannot be read").decode("utf-8", "replace")
                 for page in pages]
    return unicodedata.normalize("NFC", "\f".join(texts))


# --------------------------------------------------------------------------- codecs


def _codec(name: str) -> codecs.CodecInfo | None:
    readers = {"docx": docx_text, "pdftotext": pdf_text,
               "tesseract_vie": lambda data: ocr_text(data, ".pdf" if data.startswith(b"%PDF-") else ".png")}
    if name not in readers:
        return None

    def dec(data, errors="strict"):
        return readers[name](bytes(data)), len(data)

    def enc(text, errors="strict"):
        raise UnicodeError(f"{name} is read-only: originals are kept as received")

    return codecs.CodecInfo(enc, dec, name=name.replace("_", "-"))


codecs.register(_codec)
