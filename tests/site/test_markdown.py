"""escape() is the only way report text enters Markdown: its visible text must be the input."""
from html import unescape
from html.parser import HTMLParser

import markdown as pymd
import pytest
from hypothesis import given, settings, strategies as st

from tdkt.site.markdown import _INERT, Context, escape, table

from tests.htmltree import Tree

# mkdocs.yml's, and MkDocs' built-in ones (toc, tables, fenced_code: its preprocessor reads raw HTML too)
SITE_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc", "fenced_code"]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.parts.append(data)


def render(md_text):
    html = pymd.markdown(md_text, extensions=SITE_EXTENSIONS)
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split()), parser.tags


@pytest.mark.parametrize(
    "text",
    [
        "# 12 cá nhân",
        "<script>alert('x')</script>",
        "1. Về tập thể:",
        "2023. Năm bản lề",
        "- UBND phường",
        "+ Hội LHPN",
        "* Trong lĩnh vực nông nghiệp",
        "!!! note",
        "*đậm* _nghiêng_ `mã` [liên kết](http://x) ![ảnh](y.png)",
        "a | b | c",
        "{: #p-1 .lop }",
        "Tom &amp; Jerry &copy; &#65;",
        "<http://example.org>",
        "===",
        "    bốn dấu cách đầu dòng",
        "[^1]: chú thích",
        "\\ dấu gạch chéo ngược \\*",
    ],
)
def test_visible_text_is_the_input(text):
    visible, tags = render(escape(text))
    assert visible == " ".join(text.split())
    assert tags == ["p"]  # one plain paragraph: no heading, list, code, link, emphasis, script


def test_inside_a_heading_and_a_table_cell():
    visible, tags = render("### " + escape("I. # Kết quả *năm* 2023 #") + " { #p-3 }")
    assert (visible, tags) == ("I. # Kết quả *năm* 2023 #", ["h3"])
    visible, tags = render(table(("a", "b"), [(escape("x | y"), escape("<b>z</b>"))]))
    assert visible == "a b x | y <b>z</b>"
    assert "b" not in tags


def test_controls_and_bidi_overrides_become_visible_marks():
    assert escape("a\x02b\u202ec") == "a\\[U+0002\\]b\\[U+202E\\]c"
    assert render(escape("a\x02b"))[0] == "a[U+0002]b"


def test_html_context_escapes_quotes_too():
    assert escape('<a href="x">Đ&</a>', Context.HTML) == "&lt;a href=&quot;x&quot;&gt;Đ&amp;&lt;/a&gt;"


def test_verbatim_keeps_lines_and_shows_markup_as_text():
    original = "  UBND\n# 12 cá nhân\n\n<script>x</script>\n```\n"
    html = pymd.markdown("Trước\n\n" + escape(original, Context.VERBATIM), extensions=SITE_EXTENSIONS)
    # a line's first backtick as a reference: fenced_code would take ``` … ``` for a code block, even in <pre>
    assert "<pre><code>  UBND\n# 12 cá nhân\n\n&lt;script&gt;x&lt;/script&gt;\n&#96;``\n</code></pre>" in html


def test_verbatim_fences_stay_text_in_a_raw_block():
    original = "a\n```\n<b>x</b>\n```\n~~~ py\nz\n~~~"
    html = pymd.markdown('<div class="tdkt-original">\n' + escape(original, Context.VERBATIM) + "\n</div>\n\nSau",
                         extensions=SITE_EXTENSIONS)
    assert html.count("<pre>") == 1 and "".join(html.split()).endswith("</code></pre></div><p>Sau</p>")
    shown = html.split("<pre><code>", 1)[1].split("</code></pre>", 1)[0]
    assert unescape(shown) == original + "\n"


def test_raw_context_escapes_markup_and_collapses_whitespace():
    assert escape('<p a="b">{: #x }[TOC] &amp;\n\t"q" \x02\u202e', Context.RAW) == \
        '&lt;p a="b"&gt;&#123;: #x }&#91;TOC] &amp;amp; "q" &#91;U+0002]&#91;U+202E]'
    assert "\n" not in escape("a\n\nb\r\n\u2028c", Context.RAW)


# printable text without control characters (those are shown as marks, tested above)
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
                           blacklist_characters="\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
    max_size=80,
)
_MARKDOWNISH = st.lists(
    st.sampled_from(["#", "*", "_", "`", "[", "]", "(", ")", "<", ">", "&", "|", "{", "}", "!", "-", "+",
                     "1.", "\\", ":", "=", " ", "thi đua", "&amp;", "<b>", "http://x", "    "]),
    max_size=20,
).map("".join)


@given(st.one_of(_TEXT, _MARKDOWNISH))
@settings(max_examples=400, deadline=None)
def test_property_visible_text_of_escape_is_the_input(text):
    visible, tags = render(escape(text))
    assert visible == " ".join(text.split())
    assert set(tags) <= {"p"}


# --------------------------------------------------------------------------- Context.RAW inside raw HTML blocks


def _tree(source: str, md: pymd.Markdown):
    md.reset()
    parser = Tree()
    parser.feed(md.convert(source))
    parser.close()
    return parser.root


def _collapsed(parts) -> str:
    return " ".join("".join(parts).split())


_ANY = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
_HOSTILE = st.lists(st.sampled_from([
    "<", ">", "&", "</div>", "</p>", "<div>", "<p>", "<script>", "<!--", "-->", "<![CDATA[", "]]>", "<?x", "?>",
    "<!DOCTYPE x>", "&amp;", "&#65;", "&lt;", "{: #x .y onclick=alert(1) }", "{ #p-1 }", "[TOC]", "[", "]", "{", "}",
    '"', "'", "=", "`", "```", "~~~", "\n", "\n\n", "\n    ", "\t", "\r", "\x02", "\x03", "\u202e", "\x85",
    "\u2028", "# h", "- x", "1. y", "!!! note", "*a*", "_b_", "|", "\\", " ", "thi đua", "e\u0301", "markdown=\"1\"",
]), max_size=14).map("".join)


def _marked(text: str) -> str:
    return " ".join(_INERT.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text).split())


@given(st.one_of(_ANY, _HOSTILE), st.one_of(_ANY, _HOSTILE))
@settings(max_examples=400, deadline=None)
def test_property_raw_text_inside_a_raw_block_is_the_input_and_nothing_else(para, head):
    """Through Python-Markdown with the site's extensions, raw (copied whole) and ``markdown="1"`` (built into
    the tree, headings read by toc): each element shows its text, has only our attributes, and the block ends
    where we end it."""
    md = pymd.Markdown(extensions=SITE_EXTENSIONS, extension_configs={"toc": {"permalink": "#"}})
    for md_attr in ("", ' markdown="1"'):
        raw_para, raw_head = escape(para, Context.RAW), escape(head, Context.RAW)
        source = (f'<div class="t"{md_attr}>\n<p id="p-1">{raw_para} <a class="l" href="#p-1">¶</a></p>\n'
                  f'<h3 id="p-2">{raw_head}</h3>\n<ul>\n<li id="p-3">{raw_para}</li>\n</ul>\n</div>\n\nSau\n')
        root = _tree(source, md)
        assert [(tag, attrs) for tag, attrs, _, _ in root[3]] == [("div", {"class": "t"}), ("p", {})], md_attr
        assert _collapsed(root[3][1][2]) == "Sau"
        div = root[3][0]
        assert [(tag, attrs) for tag, attrs, _, _ in div[3]] == \
            [("p", {"id": "p-1"}), ("h3", {"id": "p-2"}), ("ul", {})], md_attr
        p, h3, ul = div[3]
        assert _collapsed(p[2]) == _marked(para)
        assert [(tag, attrs, _collapsed(text)) for tag, attrs, text, _ in p[3]] == \
            [("a", {"class": "l", "href": "#p-1"}, "¶")]
        assert _collapsed(h3[2]) == _marked(head)
        permalinks = [] if not md_attr else [("a", {"class": "headerlink", "href": "#p-2", "title": "Permanent link"})]
        assert [(tag, attrs) for tag, attrs, _, _ in h3[3]] == permalinks
        assert [(tag, attrs, _collapsed(text), kids) for tag, attrs, text, kids in ul[3]] == \
            [("li", {"id": "p-3"}, _marked(para), [])]
        if md_attr:  # the heading is in the table of contents, by its id, with its text
            assert [(t["id"], _collapsed(unescape(t["name"]))) for t in md.toc_tokens] == [("p-2", _marked(head))]
        else:
            assert md.toc_tokens == []


@given(st.dictionaries(st.sampled_from(["title", "description", "template", "hide", "search_boost"]),
                       st.one_of(st.text(), st.lists(st.text(), max_size=3)), max_size=4))
@settings(max_examples=300, deadline=None)
def test_property_front_matter_reads_back_as_written(values):
    """Any text or list of texts comes back from the front matter as MkDocs reads it, unchanged."""
    from mkdocs.utils.meta import get_data

    from tdkt.site.markdown import front_matter

    body, meta = get_data(front_matter(values) + "# x\n")
    assert meta == values and body.strip() == "# x"
