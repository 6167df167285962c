"""Property tests (hypothesis) over arbitrary text: escaping as the pages use it, and ingest.

test_markdown.py checks escape() on one paragraph of printable text. Here any text at all (controls,
bidi overrides, line and paragraph separators, NFD, markup) goes through the composition the report
page really uses (text.txt → blocks → headings, list items and paragraphs with their anchors, inside
a ``markdown="1"`` div), rendered by Python-Markdown with the extensions and settings of mkdocs.yml;
each ``#p-N`` must show exactly its block's text and hold no element of its own. Page titles go
through YAML front matter as MkDocs reads it; originals through the verbatim block. Ingest gets
documents whose every line may be hostile, and must write only report folders the catalogue can read.
"""
from __future__ import annotations

import functools
import html
import io
import json
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import markdown as pymd
from hypothesis import HealthCheck, example, given, settings, strategies as st
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from tdkt.ingest import folders as ingest
from tdkt.text.collate import is_slug
from tdkt.site.markdown import _INERT, Context, escape, front_matter
from tdkt.model import BlockKind
from tdkt.text.normalise import parse_blocks
from tdkt.problems import Problems
from tdkt.site.report_page import Twin, _body, _original
from tdkt.catalog.yamlread import YMap, read_yaml

from .htmltree import Tree

ROOT = Path(__file__).resolve().parent.parent


def site_markdown() -> pymd.Markdown:
    """Python-Markdown configured as mkdocs.yml configures it."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)  # MkDocs' own loader: mkdocs.yml may name Python functions (!!python/name)
    names, settings_ = [], {}
    for entry in config["markdown_extensions"]:
        name, options = (next(iter(entry.items())) if isinstance(entry, dict) else (entry, None))
        names.append(name)
        if options:
            settings_[name] = options
    return pymd.Markdown(extensions=names, extension_configs=settings_)


MD = site_markdown()


def marked(text: str) -> str:
    return _INERT.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text)


def visible(text: str) -> str:
    return " ".join(marked(text).split())


class _Blocks(HTMLParser):
    """The text of each element with an id p-N (without the ¶ and permalink links), and the tags inside it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, list[str]] = {}
        self.tags: dict[str, list[str]] = {}
        self._stack: list[tuple[str, str | None, bool]] = []  # tag, block id, inside a link we skip

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        block = attrs.get("id") if (attrs.get("id") or "").startswith("p-") else None
        parent = next((b for _, b, _ in reversed(self._stack) if b), None)
        skip = any(s for _, _, s in self._stack) or (tag == "a" and attrs.get("class") in ("tdkt-para", "headerlink"))
        if block:
            self.texts[block], self.tags[block] = [], []
        elif parent and not skip:
            self.tags[parent].append(tag)
        if tag not in ("br", "hr", "img", "input"):
            self._stack.append((tag, block, skip))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        parent = next((b for _, b, _ in reversed(self._stack) if b), None)
        if parent and not any(s for _, _, s in self._stack):
            self.texts[parent].append(data)


# _body now writes its own div (raw, or markdown="1" with headings): inside this extra markdown="1" div every
# element of it is built into the tree, a harder case; the page's own composition is tested further down.
def render_blocks(text: str) -> tuple[tuple, _Blocks]:
    blocks = parse_blocks(text)
    source = '<div class="tdkt-text" markdown="1">\n\n' + "\n".join(_body(blocks)) + "\n\n</div>\n"
    MD.reset()
    parser = _Blocks()
    parser.feed(MD.convert(source))
    return blocks, parser


_ANY = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
_MARKUP = st.lists(st.sampled_from([
    "#", "*", "_", "`", "[", "]", "(", ")", "<", ">", "&", "|", "{", "}", "!", "-", "+", ":", "=", "\\", " ", "  ",
    "    ", "1.", "2)", "I.", "a)", "PHẦN I", "---", "!!! note", "{: #x .y }", "{ #p-1 }", "<div markdown>", "</div>",
    "<script>", "&amp;", "&#65;", "{{ x }}", "{% y %}", "$$", "[x]: y", "*[A]: b", "[^1]", "\u202e", "\x00", "\x02",
    "\x03", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\t", "e\u0301", "thi đua", "http://x", "<http://x>",
]), max_size=14).map("".join)
_LINE = st.one_of(_ANY, _MARKUP)


@given(st.lists(st.lists(_LINE, min_size=1, max_size=3).map("\n".join), min_size=1, max_size=6))
@settings(max_examples=300, deadline=None)
def test_property_every_block_shows_its_text_and_nothing_else(paragraphs):
    blocks, parser = render_blocks("\n\n".join(paragraphs) + "\n")
    for block in blocks:
        key = f"p-{block.number}"
        text = block.text
        if block.kind is BlockKind.LIST_ITEM:
            for marker in ("- ", "+ ", "• ", "* ", "– "):
                if text.startswith(marker):
                    text = text[len(marker):]
                    break
        assert " ".join("".join(parser.texts[key]).split()) == visible(text), key
        assert parser.tags[key] == [], key  # no element inside a block but its own links


@given(_LINE)
@settings(max_examples=300, deadline=None)
def test_property_a_title_survives_front_matter_and_html(title):
    """A page title: escape(…, HTML) in YAML front matter, read back as MkDocs reads it, printed by Jinja."""
    _, meta = get_data(front_matter({"title": escape(title, Context.HTML)}) + "# x\n")
    value = meta["title"]
    assert isinstance(value, str)
    assert "<" not in value and ">" not in value and '"' not in value
    assert html.unescape(value) == visible(title)


@given(st.lists(_LINE, min_size=1, max_size=8).map("\n".join))
@settings(max_examples=300, deadline=None)
def test_property_verbatim_keeps_every_line_inside_a_markdown_div(original):
    source = ('<div class="tdkt-original" markdown="1">\n\n' + escape(original, Context.VERBATIM) + "\n\n</div>\n\n"
              "After\n")
    MD.reset()
    out = MD.convert(source)
    assert out.count("<pre>") == 1
    shown = html.unescape(out.split("<pre><code>", 1)[1].rsplit("</code></pre>", 1)[0])
    lines = marked(original).replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    # every character kept, tabs too; only a line of spaces alone may lose them (Python-Markdown), unseen anyway
    assert [line if line.strip(" ") else "" for line in shown.split("\n")] == \
        [line if line.strip(" ") else "" for line in lines] + [""]
    assert out.rstrip().endswith("<p>After</p>")


# --------------------------------------------------------------------------- the text as one HTML block

def mkdocs_markdown() -> pymd.Markdown:
    """Python-Markdown as MkDocs configures it from mkdocs.yml: its extensions and MkDocs' built-in ones
    (toc, tables, fenced_code, whose preprocessor reads raw HTML too)."""
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as docs:
        config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=docs)
    return pymd.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


MKDOCS_MD = mkdocs_markdown()


def _shown(node) -> str:
    return " ".join("".join(node[2]).split())


_HEADED = st.sampled_from(["I. ", "II- ", "1. ", "1.1. ", "2.3.4 ", "PHẦN I ", "- ", "+ ", "a) ", ""])


@given(st.lists(st.tuples(_HEADED, st.lists(_LINE, min_size=1, max_size=3).map("\n".join)).map("".join),
                min_size=1, max_size=6), st.booleans())
@example(["I. Kết quả {: #x onclick=alert(1) }", "[TOC]", "1. ```", "```", "- </div>\n\nSau"], True)
@settings(max_examples=300, deadline=None)
def test_property_the_text_block_as_the_page_writes_it(paragraphs, twin):
    """``_body`` exactly as the report page composes it, rendered as MkDocs renders it: each block is one element
    with its id, its text and our links only; headings keep their permalink and are the table of contents; the
    div ends where we end it (the Markdown after it is read as Markdown, outside it)."""
    blocks = parse_blocks("\n\n".join(paragraphs) + "\n")
    other = Twin("ocr/", "OCR", "Đoạn này trong bản OCR") if twin else None
    source = "\n".join(["## Nội dung văn bản {: #noi-dung }\n", *_body(blocks, other), "Sau *đó*\n"])
    MKDOCS_MD.reset()
    parser = Tree()
    parser.feed(MKDOCS_MD.convert(source))
    parser.close()
    top = parser.root[3]
    assert [(tag, attrs) for tag, attrs, _, _ in top] == [("h2", {"id": "noi-dung"}), ("div", {"class": "tdkt-text"}),
                                                        ("p", {})]
    assert [kid[0] for kid in top[2][3]] == ["em"]  # Markdown again after the div
    elements = [kid for el in top[1][3] for kid in (el[3] if el[0] == "ul" else [el])]
    assert all(not el[2] or not "".join(el[2]).strip() for el in top[1][3] if el[0] == "ul")
    assert len(elements) == len(blocks)
    headings = []
    for block, (tag, attrs, _, kids) in zip(blocks, elements):
        anchor, text = block.anchor, block.text
        assert attrs == {"id": anchor}
        if block.kind is BlockKind.HEADING:
            assert tag in ("h3", "h4", "h5", "h6")
            headings.append(anchor)
            links = [("a", {"class": "headerlink", "href": f"#{anchor}", "title": "Liên kết đến mục này"}, "#")]
        else:
            assert tag == ("li" if block.kind is BlockKind.LIST_ITEM else "p")
            if block.kind is BlockKind.LIST_ITEM:
                text = next((text[len(m):] for m in ("- ", "+ ", "• ", "* ", "– ") if text.startswith(m)), text)
            links = [("a", {"class": "tdkt-para", "href": f"#{anchor}",
                            "title": f"Đoạn {block.number}: liên kết để trích dẫn"}, "¶")]
            if twin:
                links.append(("a", {"class": "tdkt-twin", "href": f"ocr/#{anchor}", "title": "Đoạn này trong bản OCR"},
                              "OCR"))
        assert _shown(elements[block.number - 1]) == visible(text), anchor
        assert [(kid[0], kid[1], _shown(kid)) for kid in kids] == links, anchor  # no element of the text's own
        assert all(not k[3] for k in kids)

    def ids(tokens):
        return [i for t in tokens for i in [t["id"], *ids(t["children"])]]

    assert ids(MKDOCS_MD.toc_tokens) == ["noi-dung", *headings]


@given(st.lists(_LINE, min_size=1, max_size=8).map("\n".join))
@example("a\n```\n<b>x</b>\n```\n~~~\nz\n~~~")
@settings(max_examples=300, deadline=None)
def test_property_verbatim_keeps_every_line_in_the_raw_original_block(original):
    """The original page's block as it writes it (raw, no ``markdown="1"``), rendered as MkDocs renders it."""
    source = "\n".join([_original(original), "Sau\n"])
    MKDOCS_MD.reset()
    out = MKDOCS_MD.convert(source)
    if not original.strip():  # a blank original (the catalogue refuses one; shown as such all the same)
        assert out == '<div class="tdkt-original">\n<p><em>Không ghi trong văn bản</em></p>\n</div>\n\n<p>Sau</p>'
        return
    assert out.count("<pre>") == 1 and "".join(out.split()).endswith("</code></pre></div><p>Sau</p>")
    shown = html.unescape(out.split("<pre><code>", 1)[1].rsplit("</code></pre>", 1)[0])
    lines = marked(original).replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    # every character kept, tabs too; only a line of spaces alone may lose them (Python-Markdown), unseen anyway
    assert [line if line.strip(" ") else "" for line in shown.split("\n")] == \
        [line if line.strip(" ") else "" for line in lines] + [""]


# --------------------------------------------------------------------------- ingest

VOCAB = ROOT / "data" / "vocab"
_FIELD = st.one_of(_ANY, _MARKUP).map(lambda s: s.replace("\n", " "))


def _document(number, title, signer, extra):
    return "\n".join([
        "ỦY BAN NHÂN DÂN", "PHƯỜNG MỸ QUÝ", f"Số: {number}/BC-UBND", "Mỹ Quý, ngày 26 tháng 12 năm 2023", "BÁO CÁO",
        f"Tổng kết công tác thi đua, khen thưởng năm 2023 {title}", *extra, "Nơi nhận:", "- Như trên;",
        "CHỦ TỊCH", signer, "",
    ])


@functools.cache
def gazetteer():
    """Loaded once, and not a test argument: hypothesis would print all of it with a failing example."""
    from tdkt.catalog.gazetteer import load_gazetteer

    return load_gazetteer()


@given(number=_FIELD, title=_FIELD, signer=_FIELD, extra=st.lists(_FIELD, max_size=4),
       name=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
                    min_size=1, max_size=20))
@example(number="12", title="\uffff", signer="A\ufffe", extra=[], name="a")  # YAML refuses both, unescaped
@example(number="9" * 300, title="", signer="", extra=[], name="a")  # the id was a 330-character folder name
@example(number="²³", title="", signer="", extra=[], name="a")  # digits, but not ASCII: not in a slug
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_property_ingest_writes_only_folders_the_catalogue_reads(monkeypatch, number, title, signer, extra, name):
    monkeypatch.setattr(ingest, "_restorer", lambda: None)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = tmp / "data"
        (data / "reports").mkdir(parents=True)
        (data / "vocab").symlink_to(VOCAB)
        source = tmp / "in" / (name.strip(".") or "x")
        source = source.with_name(source.name + ".txt")
        source.parent.mkdir()
        try:
            source.write_bytes(_document(number, title, signer, extra).encode("utf-8"))
        except OSError:  # a name the file system refuses (too long): not ingest's concern
            return
        out, err = io.StringIO(), io.StringIO()
        code = ingest.ingest_files([source], data, gazetteer(), out=out, err=err)
        assert code in (0, 1)
        folders = list((data / "reports").iterdir())
        assert len(folders) == (1 if code == 0 else 0), err.getvalue()
        assert sorted(p.name for p in tmp.iterdir()) == ["data", "in"]  # nothing written beside data/
        for folder in folders:
            assert is_slug(folder.name), folder.name
            problems = Problems()
            root = read_yaml((folder / "report.yml").read_text(encoding="utf-8"), "report.yml", problems)
            assert isinstance(root, YMap) and not len(problems), problems.report()
            assert root.get("source").get("file_name").value == ingest._clean(source.name)
            text = (folder / "text.txt").read_text(encoding="utf-8")
            assert parse_blocks(text)
        out = io.StringIO()
        code = ingest.ingest_files([source], data, gazetteer(), as_json=True, out=out, err=err)
        assert code in (0, 1)
        assert [r["file"] for r in json.loads(out.getvalue())] == ([str(source)] if code == 0 else [])


_ENCODINGS = st.sampled_from(["utf-8", "utf-16", "cp1258", "vni", "tcvn3", "viscii", "latin-1"])


@given(parts=st.lists(st.tuples(_FIELD, _ENCODINGS), min_size=1, max_size=4), junk=st.binary(max_size=40))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_property_ingest_of_mixed_encodings_never_crashes(monkeypatch, parts, junk):
    """A file whose lines come in different encodings, with stray bytes: a report folder or a reason, no crash."""
    import tdkt.ingest.readers  # noqa: F401  registers vni, tcvn3, viscii

    monkeypatch.setattr(ingest, "_restorer", lambda: None)
    document = _document("12", "", "Nguyễn Văn A", []).encode("utf-8")
    for text, encoding in parts:
        try:
            document += text.encode(encoding, errors="replace") + b"\n"
        except (UnicodeError, ValueError):  # the legacy encoders refuse what they cannot encode
            document += b"?\n"
    document += junk
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = tmp / "data"
        (data / "reports").mkdir(parents=True)
        (data / "vocab").symlink_to(VOCAB)
        source = tmp / "hon-hop.txt"
        source.write_bytes(document)
        err = io.StringIO()
        code = ingest.ingest_files([source], data, gazetteer(), out=io.StringIO(), err=err)
        folders = list((data / "reports").iterdir())
        assert (code, len(folders)) in ((0, 1), (1, 0))
        assert code == 0 or err.getvalue().startswith(f"error: {source}: ")
        for folder in folders:
            problems = Problems()
            assert isinstance(read_yaml((folder / "report.yml").read_text(encoding="utf-8"), "r", problems), YMap)
            assert not len(problems), problems.report()
            assert (folder / "original.txt").read_bytes() == document


# --------------------------------------------------------------------------- the catalogue

_VNI = ROOT / "tests" / "fixtures" / "hostile" / "reports" / "2023-hostile-vni"
_YAML_VALUE = st.one_of(
    _FIELD.map(json.dumps),  # any string, double-quoted
    _MARKUP.filter(lambda s: "\n" not in s and "\x00" not in s),  # written plain: YAML decides what it is
    st.sampled_from(["[]", "{}", "[a, [b]]", "{a: b}", "~", "''", "!!str x", "&a x", "*a", "|\n  x", ">-\n  x",
                     "- x", "2023-13-45", "9" * 40, "-1", "0x1F", "1e999", ".nan", "yes"]),
)
_HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


def _keys(report: str, name: str) -> list[str]:
    return [line.split(":")[0] for line in (_HOSTILE / "reports" / report / name).read_text(encoding="utf-8")
            .splitlines() if ":" in line]


def _one_field_changed(report: str, name: str, key: str, value: str) -> list[str]:
    """Problems of the catalogue when one line's value of a file of ``report`` is ``value`` (or it is added)."""
    from tdkt.catalog.load import load_catalog
    from tdkt.site.pages import build_pages

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        (data / "vocab").symlink_to(_HOSTILE / "vocab")
        folder = data / "reports" / report
        folder.mkdir(parents=True)
        for source in (_HOSTILE / "reports" / report).iterdir():
            (folder / source.name).write_bytes(source.read_bytes())
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        if key.startswith((" ", "-")):  # a nested field (period.year, an award's block ...): replaced where it is
            lines = [f"{key}: {value}" if line.split(":")[0] == key else line for line in lines]
        else:  # a top-level field: replaced, or added
            lines = [line for line in lines if line.split(":")[0] != key] + [f"{key}: {value}"]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        problems = Problems()
        catalog = load_catalog(data, gazetteer(), problems)
        assert len(catalog.reports) == 1 or problems.has_errors()
        build_pages(catalog, "x")
        return [p for p in problems if p.severity.value == "error" or p.code != "R109"]


@given(key=st.sampled_from(_keys("2023-hostile-vni", "report.yml") + ["place", "recipient", "signer", "movements",
                                                                      "signatures", "review", "notes", "theme"]),
       value=_YAML_VALUE)
@settings(max_examples=150, deadline=None)
def test_property_any_value_in_any_field_is_a_record_or_a_problem(key, value):
    """report.yml with one field replaced (or added) by anything: a report or problems, never an exception."""
    for problem in _one_field_changed("2023-hostile-vni", "report.yml", key, value):
        assert problem.origin.file.endswith("report.yml") and problem.origin.line >= 1, problem.format()
        assert "\n" not in problem.format()


@given(key=st.sampled_from(_keys("2023-hostile", "awards.yml")), value=_YAML_VALUE)
@settings(max_examples=100, deadline=None)
def test_property_any_value_in_an_award_record_is_a_record_or_a_problem(key, value):
    for problem in _one_field_changed("2023-hostile", "awards.yml", key, value):
        if problem.origin.file.endswith("awards.yml"):
            assert problem.origin.line >= 1 and "\n" not in problem.format(), problem.format()
