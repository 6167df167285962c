"""escape() is the only way report text enters Markdown: its visible text must be the input."""
from html.parser import HTMLParser

import markdown as pymd
import pytest
from hypothesis import given, settings, strategies as st

from tdkt.markdown import Context, escape, table

SITE_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]


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
    assert "<pre><code>  UBND\n# 12 cá nhân\n\n&lt;script&gt;x&lt;/script&gt;\n```\n</code></pre>" in html


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
