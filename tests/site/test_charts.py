"""charts.stacked_bars(): parse the SVG and check what it draws against the numbers and strings it was given."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from tdkt.site.charts import PALETTE, Series, clean, fmt, nice_axis, stacked_bars, text_width
from tdkt.site.markdown import Context, escape

NS = "{http://www.w3.org/2000/svg}"
ARTIFACTS = Path(__file__).resolve().parents[1] / "_artifacts"
LONG = ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh An Giang đã có thành tích xuất sắc trong phong trào thi đua "
        "“Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau” giai đoạn 2021 - 2025 ") * 2
LONG = LONG[:300]
HOSTILE = "</text><script>alert(1)</script> & \"q\" 'a' \u202eRLO \u2066iso\x00nul\x1besc\ufffe\ud800 ]]> <!--"
# what the charts must show as [U+XXXX]: C0 but tab/LF, C1, LRM/RLM, bidi controls, XML-forbidden code points
MUST_BE_INERT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
AWARDS = ("Bằng khen của Chủ tịch UBND cấp tỉnh", "Giấy khen của Chủ tịch UBND cấp huyện",
          "Danh hiệu Chiến sĩ thi đua cơ sở", "Tập thể lao động tiên tiến")


def names(n):
    return [f"{AWARDS[j % 4]} ({j + 1})" for j in range(n)]


def chart(categories, values, *, labels=None, horizontal=False, title="Khen thưởng theo năm", description="Mô tả."):
    """stacked_bars() from a [series][category] table; series are named by names() unless labels are given."""
    labels = labels or names(len(values))
    series = [Series(label=label, values=tuple(row)) for label, row in zip(labels, values)]
    return stacked_bars(title=title, description=description, categories=categories, series=series,
                        value_label="Số lượt khen thưởng", horizontal=horizontal)


def years(n):
    return [str(2000 + i) for i in range(n)]


# name: (categories, [series][category] values)
CASES = {
    "no categories": ([], []),
    "no categories, two series": ([], [(), ()]),
    "all zero": (years(3), [(0, 0, 0), (0, 0, 0)]),
    "single category": (["Cấp tỉnh"], [(7,), (3,)]),
    "typical": (years(4), [(12, 30, 25, 1234), (40, 22, 0, 300), (8, 15, 20, 100), (5, 0, 9, 50)]),
    "50 categories": (years(50), [tuple((i * 37 + j * 11) % 23 for i in range(50)) for j in range(3)]),
    "50 long categories": ([f"{i} {LONG}" for i in range(50)], [tuple(range(50))]),
    "12 series": (years(5), [tuple(j + i for i in range(5)) for j in range(12)]),
    "300-character labels": ([LONG, "2022", LONG + "x"], [(1, 2, 3), (4, 5, 6)]),
    "values up to a million": (["Cấp tỉnh", "Cấp huyện", "Cấp xã"], [(10**6, 1, 0), (10**6, 999_999, 2)]),
    "a value of one beside a million": (years(2), [(1, 10**6)]),
}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def size_of(root):
    w, h = (float(v) for v in root.get("viewBox").split()[2:])
    assert (root.get("width"), root.get("height")) == (f"{w:g}", f"{h:g}")
    return w, h


def drawn(el) -> str:
    """The text an element shows: its own text and its children's tails (a <title> child is not drawn)."""
    return (el.text or "") + "".join(child.tail or "" for child in el)


def full(el) -> str:
    """The full text behind an element: its <title> child when it was cut, else what it shows."""
    tip = el.find(NS + "title")
    return tip.text if tip is not None else drawn(el)


def by_class(root, cls):
    return [el for el in root.iter() if el.get("class") == cls]


def outside_defs(root):
    defs = {id(el) for d in root.iter(NS + "defs") for el in d.iter()}
    return [el for el in root.iter() if id(el) not in defs]


def assert_inside(root):
    w, h = size_of(root)
    for el in outside_defs(root):
        tag, get = el.tag.removeprefix(NS), lambda a: float(el.get(a, 0))
        half = get("stroke-width") / 2
        if tag == "rect":
            assert get("width") >= 0 and get("height") >= 0, ET.tostring(el)
            assert get("x") - half >= 0 and get("y") - half >= 0, ET.tostring(el)
            assert get("x") + get("width") + half <= w and get("y") + get("height") + half <= h, ET.tostring(el)
        elif tag == "line":
            assert 0 <= min(get("x1"), get("x2")) and max(get("x1"), get("x2")) <= w, ET.tostring(el)
            assert 0 <= min(get("y1"), get("y2")) and max(get("y1"), get("y2")) <= h, ET.tostring(el)
        elif tag == "text":
            size, x, y = get("font-size"), get("x"), get("y")
            width = text_width(drawn(el), size, el.get("font-weight") == "bold")
            left = x - {"start": 0, "middle": width / 2, "end": width}[el.get("text-anchor")]
            assert 0 <= left and left + width <= w + 1e-6, (drawn(el), left, width, w)
            assert 0 <= y - size and y + 0.3 * size <= h, (drawn(el), y, h)


def axis_scale(root, horizontal):
    """(position of 0, length per unit) read from the grid lines and their tick labels."""
    ticks = [int(drawn(t).replace(".", "")) for t in by_class(root, "tick")]
    lines = by_class(root, "grid")
    assert ticks[0] == 0 and len(ticks) == len(lines) >= 2
    pos = [float(line.get("x1" if horizontal else "y1")) for line in lines]
    return pos[0], (pos[-1] - pos[0]) / ticks[-1]


def assert_bars_match(root, categories, values, horizontal):
    zero, scale = axis_scale(root, horizontal)
    bars = by_class(root, "bar")
    assert len(bars) == len(categories)
    swatches = [item.find(NS + "rect").get("fill") for item in by_class(root, "legend-item")]
    for i, bar in enumerate(bars):
        assert bar.find(NS + "title").text == f"{clean(categories[i])}: {fmt(sum(row[i] for row in values))}"
        layers = [(j, row[i]) for j, row in enumerate(values) if row[i]]
        rects = bar.findall(NS + "rect")
        assert len(rects) == len(layers)
        edge = zero
        for (j, value), rect in zip(layers, rects):
            assert rect.get("fill") == swatches[j]
            if horizontal:
                start, length = float(rect.get("x")), float(rect.get("width"))
                assert start == pytest.approx(edge, abs=0.011)
                edge = start + length
            else:
                start, length = float(rect.get("y")) + float(rect.get("height")), -float(rect.get("height"))
                assert start == pytest.approx(edge, abs=0.011)
                edge = float(rect.get("y"))
            assert length == pytest.approx(value * scale, abs=0.021)
            assert rect.find(NS + "title").text == f"{names(j + 1)[j]} – {clean(categories[i])}: {fmt(value)}"


@pytest.mark.parametrize("horizontal", [False, True], ids=["vertical", "horizontal"])
@pytest.mark.parametrize("name", CASES)
def test_degenerate_and_typical_inputs_draw_a_valid_chart(name, horizontal):
    categories, values = CASES[name]
    root = parse(chart(categories, values, horizontal=horizontal))
    assert_inside(root)
    assert_bars_match(root, categories, values, horizontal)
    legend = by_class(root, "legend-item")
    assert [full(item.find(NS + "text")) for item in legend] == names(len(values))
    totals = [drawn(t) for t in by_class(root, "total")]
    expected = [fmt(sum(row[i] for row in values)) for i in range(len(categories))]
    # every bar gets its printed total, except vertical bars too narrow for it (the <desc> and <title>s keep them)
    assert totals == expected or (not horizontal and totals == [] and len(categories) == 50)
    assert (by_class(root, "no-data") != []) == (categories == [])


def test_the_axis_reaches_the_tallest_bar_at_a_round_number():
    root = parse(chart(years(4), CASES["typical"][1]))
    assert [drawn(t) for t in by_class(root, "tick")] == ["0", "500", "1.000", "1.500", "2.000"]


@pytest.mark.parametrize("peak, expected", [
    (0, (1, 1)), (1, (1, 1)), (5, (1, 5)), (6, (2, 6)), (7, (2, 8)), (11, (5, 15)), (26, (10, 30)),
    (1684, (500, 2000)), (10**6, (200_000, 10**6)), (10**6 + 1, (500_000, 1_500_000)),
])
def test_nice_axis(peak, expected):
    assert nice_axis(peak) == expected


@given(st.integers(min_value=0, max_value=10**12))
def test_nice_axis_steps_are_round_and_few(peak):
    step, top = nice_axis(peak)
    assert re.fullmatch(r"[125]0*", str(step))
    assert top % step == 0 and top >= max(peak, 1) and top // step <= 5
    assert top - step < peak or top == step  # no empty step above the tallest bar


@pytest.mark.parametrize("n, text", [(0, "0"), (999, "999"), (1000, "1.000"), (1234567, "1.234.567")])
def test_fmt_uses_the_vietnamese_thousands_separator(n, text):
    assert fmt(n) == text


def test_the_document_is_labelled_for_a_screen_reader():
    root = parse(chart(["2022", "2023"], [(1200, 3), (34, 0)], title="Khen thưởng", description="Theo năm."))
    assert root.tag == NS + "svg" and root.get("version") == "1.1" and root.get("role") == "img"
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    labelled = [ids[i] for i in root.get("aria-labelledby").split()]
    assert [el.tag for el in labelled] == [NS + "title", NS + "desc"]
    assert labelled[0].text == "Khen thưởng"
    assert labelled[1].text == ("Theo năm. Tổng theo từng cột: 2022: 1.234; 2023: 3. Tổng cộng: 1.237. "
                                f"Theo từng loại: {AWARDS[0]} (1): 1.203; {AWARDS[1]} (2): 34.")
    empty = parse(chart([], [], description="Theo năm."))
    assert empty.find(NS + "desc").text == "Theo năm. Không có dữ liệu."


@pytest.mark.parametrize("name", CASES)
def test_nothing_a_content_security_policy_would_block(name):
    svg = chart(*CASES[name])
    root = parse(svg)
    tags = {el.tag.removeprefix(NS) for el in root.iter()}
    assert not tags & {"style", "script", "foreignObject", "image", "a", "use", "font", "font-face"}
    assert all(el.tag.startswith(NS) for el in root.iter())
    for el in root.iter():
        assert not {a for a in el.attrib if a == "style" or a.startswith("on") or a.endswith("href")}, el.attrib
    refs = set(re.findall(r"url\(#([^)]*)\)", svg))
    assert refs <= {el.get("id") for el in root.iter(NS + "pattern")}
    assert "url(" not in svg.replace("url(#", "") and svg.count("http") == 1  # the xmlns only


def test_colours_are_okabe_ito_then_hatched_and_distinct():
    root = parse(chart(years(2), [(1, 1)] * 12))
    fills = [item.find(NS + "rect").get("fill") for item in by_class(root, "legend-item")]
    assert fills[:7] == list(PALETTE) and len(set(fills)) == 12
    patterns = {p.get("id"): p for p in root.iter(NS + "pattern")}
    for j in range(7, 12):
        pattern = patterns[fills[j].removeprefix("url(#").removesuffix(")")]
        assert pattern.find(NS + "rect").get("fill") == PALETTE[j % 7]  # the colour, under a white hatch


@pytest.mark.parametrize("horizontal", [False, True], ids=["vertical", "horizontal"])
def test_caller_strings_are_escaped_and_inert(horizontal):
    svg = stacked_bars(title=HOSTILE, description=HOSTILE, categories=[HOSTILE, "2023"], value_label=HOSTILE,
                       series=[Series(label=HOSTILE, values=(1, 2))], horizontal=horizontal)
    assert not MUST_BE_INERT.search(svg)
    root = parse(svg)
    assert root.find(f".//{NS}script") is None
    expected = " ".join(MUST_BE_INERT.sub(lambda m: f"[U+{ord(m.group()):04X}]", HOSTILE).split())
    assert "[U+202E]RLO [U+2066]iso[U+0000]nul[U+001B]esc[U+FFFE][U+D800]" in expected
    for cls in ("chart-title", "value-label", "legend", "category"):
        assert [full(el) for el in by_class(root, cls)][:1] == [expected], cls
    assert root.find(NS + "title").text == expected and root.find(NS + "desc").text.startswith(expected + " ")


def test_inert_characters_agree_with_markdown_escape():
    for code in range(0x10000):
        ch = chr(code)
        if escape(ch, Context.HTML) == f"[U+{code:04X}]":
            assert clean(ch) == f"[U+{code:04X}]", hex(code)


def test_long_labels_are_cut_with_an_ellipsis_and_keep_their_full_text():
    root = parse(chart([LONG, "2022"], [(1, 2)], labels=[LONG], title=LONG, horizontal=True))
    for cls in ("chart-title", "legend", "category"):
        el = by_class(root, cls)[0]
        assert drawn(el).endswith("…") and len(drawn(el)) < len(LONG) and full(el) == clean(LONG)
        assert clean(LONG).startswith(drawn(el)[:-1])


def test_coordinates_have_at_most_two_decimals():
    svg = chart(years(7), [(1, 3, 7, 11, 13, 17, 19), (2, 4, 8, 16, 32, 64, 128)])
    for name, value in re.findall(r' (x|y|x1|x2|y1|y2|width|height)="([^"]*)"', svg):
        assert re.fullmatch(r"-?\d+(\.\d?[1-9])?", value), (name, value)  # no 12.50, no 12.000000001


def test_output_is_deterministic():
    assert chart(*CASES["12 series"]) == chart(*CASES["12 series"])


@pytest.mark.parametrize("values, message", [
    ((1, 2), "series 'Bằng khen' has 2 values for 3 categories; give one value per category, in the order of the "
             "categories"),
    ((1, -2, 3), "series 'Bằng khen' has a negative value; counts must be >= 0"),
])
def test_bad_values_are_refused(values, message):
    with pytest.raises(ValueError) as error:
        stacked_bars(title="t", description="d", categories=["2021", "2022", "2023"], value_label="v",
                     series=[Series(label="Bằng khen", values=values)])
    assert str(error.value) == message


texts = st.text(max_size=40)


@given(categories=st.lists(texts, max_size=8), data=st.data(), horizontal=st.booleans(), title=texts)
def test_any_input_gives_a_valid_proportional_chart(categories, data, horizontal, title):
    n = len(categories)
    rows = data.draw(st.lists(st.lists(st.integers(0, 10**6), min_size=n, max_size=n), max_size=9))
    labels = data.draw(st.lists(texts, min_size=len(rows), max_size=len(rows)))
    series = [Series(label=label, values=tuple(row)) for label, row in zip(labels, rows)]
    svg = stacked_bars(title=title, description=title, categories=categories, series=series, value_label=title,
                       horizontal=horizontal)
    assert svg == stacked_bars(title=title, description=title, categories=categories, series=series,
                               value_label=title, horizontal=horizontal)
    assert not MUST_BE_INERT.search(svg)
    root = parse(svg)
    assert_inside(root)
    zero, scale = axis_scale(root, horizontal)
    for bar, *column in zip(by_class(root, "bar"), *rows):
        lengths = [float(r.get("width" if horizontal else "height")) for r in bar.findall(NS + "rect")]
        assert lengths == pytest.approx([v * abs(scale) for v in column if v], abs=0.021)
    assert [full(el.find(NS + "text")) for el in by_class(root, "legend-item")] == [clean(label) for label in labels]
    assert [full(el) for el in by_class(root, "category")] == [clean(c) for c in categories]
    assert root.find(NS + "title").text == (clean(title) or None)


# --------------------------------------------------------------------------- in a real browser


@pytest.mark.slow
@pytest.mark.parametrize("name, horizontal", [("typical", False), ("typical", True), ("12 series", False),
                                              ("50 categories", False), ("300-character labels", True),
                                              ("300-character labels", False), ("values up to a million", True)])
def test_in_chromium_under_a_strict_csp_nothing_overflows(page, name, horizontal):
    """Real fonts: each text's drawn box is inside the viewBox and no wider than the estimate the layout used."""
    categories, values = CASES[name]
    svg = chart(categories, values, horizontal=horizontal)
    w, h = size_of(parse(svg))
    page.set_viewport_size({"width": int(w), "height": int(h)})
    page.route("http://chart.test/chart.svg", lambda route: route.fulfill(
        body=svg, content_type="image/svg+xml", headers={"Content-Security-Policy": "default-src 'none'"}))
    page.goto("http://chart.test/chart.svg")  # a CSP violation would be a console error: the fixture fails on it
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('text')).map(t => {
        const b = t.getBBox();
        return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height,
                size: +t.getAttribute('font-size'), bold: t.getAttribute('font-weight') === 'bold',
                shown: Array.from(t.childNodes).filter(n => n.nodeType === 3).map(n => n.data).join('')};
    })""")
    assert boxes
    for b in boxes:
        assert b["x"] >= 0 and b["y"] >= 0 and b["x"] + b["w"] <= w and b["y"] + b["h"] <= h, b
        assert b["w"] <= text_width(b["shown"], b["size"], b["bold"]) + 0.5, b
    if (name, horizontal) == ("typical", False):
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "chart-example.svg").write_text(svg, encoding="utf-8")
        page.screenshot(path=str(ARTIFACTS / "chart-example.png"))
