"""The finder's charts in the browser: ``charts-core.js`` against ``tdkt/site/charts.py``, and
``khen-thuong-core.js``'s chart data against ``tdkt/site/award_page.py``, run under node (tests/js/charts.js).

The SVG strings must be identical, byte for byte, over generated inputs that reach every branch the drawing has:
empty data, one to sixty categories (vertical charts then label every k-th bar), horizontal and vertical, more
series than the palette (hatches, then the hatches again), zero, small and large values, Vietnamese labels
(composed and decomposed), labels long enough to be cut, labels of control, bidi and whitespace characters and
of ``<&"'``, wide (CJK, emoji) and upper-case letters, lone surrogates. Python's number formatting (half-even
ties), whitespace and Unicode tables are checked on their own too, so that a failure says where.
"""
from __future__ import annotations

import random
import unicodedata

import pytest

from tdkt.site.award_page import CHART_LEVELS, CHART_YEARS, charts
from tdkt.site.charts import Series, clean, nice_axis, stacked_bars, text_width
from tdkt.site.precedents import DEFAULTS, Dim, code_records, finder_json, scope_text, select

from tests.test_js_cores import archives, node

# Pieces of labels: each is drawn whole, so a lone high surrogate is never followed by a low one (JSON would carry
# the two to JavaScript as one pair: see charts-core.js)
PIECES = [
    "2023", "1999", "Cấp tỉnh", "Phường Long Xuyên", "Bằng khen của Thủ tướng Chính phủ", "Lao động tiên tiến",
    unicodedata.normalize("NFD", "Chiến sĩ thi đua cơ sở"), "Hình thức khác", "Không ghi", "<b>&amp;\"'</b>", "&", "<",
    "\x00", "\x07", "\x1f", "\x7f", "\x85", "\x9f", "\u200e", "\u202e", "\u2066", "\ufffe", "\uffff", "\ud800x", "y\udfff",
    "\t", "\n", "\r", "\x0b", "\x1c", "  ", "\xa0", "\u2003", "\u3000", "\u2028", "\ufeff", "\u200b", "\u180e",
    "中文", "ＡＢＣ", "한국어", "😀", "👍🏽", "e\u0301", "\u0323", "\u0903", "\u0941", "MW@%…", "mwmw", "iljtfrI",
    " .,:;'!|()[]", "ABCĐƯ", "ǅ", "Ⅻ", "ⓐⓑ", "x" * 80, "Ủy ban nhân dân " * 6,
]


def _assigned_char(rng: random.Random) -> str:
    """A character Unicode 14.0 (Python 3.11's unicodedata) assigns, not a surrogate."""
    while True:
        cp = rng.choice((rng.randrange(0x20, 0x3000), rng.randrange(0x3000, 0x20000), rng.randrange(0x110000)))
        if unicodedata.category(chr(cp)) not in ("Cn", "Cs"):
            return chr(cp)


def _text(rng: random.Random, empty: bool = True) -> str:
    n = rng.choice((0, 1, 1, 2, 3, 5) if empty else (1, 1, 2, 3, 5))
    return "".join(rng.choice(PIECES) if rng.random() < 0.7 else _assigned_char(rng) for _ in range(n))


def _value(rng: random.Random) -> int:
    return rng.choice((0, 0, 0, rng.randrange(1, 10), rng.randrange(1, 1000), rng.randrange(1, 10**6),
                       rng.randrange(1, 10**12)))


def _chart(rng: random.Random) -> dict:
    """stacked_bars' arguments, as JSON."""
    n = rng.choice((0, 1, 2, 3, 5, 8, 13, 25, 60))
    k = rng.choice((0, 1, 2, 3, 7, 8, 14, 15, 22, 28, 29, 31))
    years = rng.random() < 0.3
    categories = [str(2000 + i) if years else _text(rng) for i in range(n)]
    scale = rng.choice((1, 1, 10, 1000))
    series = [{"label": _text(rng), "values": [_value(rng) // scale for _ in range(n)]} for _ in range(k)]
    return {"title": _text(rng), "description": _text(rng), "categories": categories, "series": series,
            "valueLabel": _text(rng), "horizontal": rng.random() < 0.5, "idPrefix": rng.choice(("", "nam-", "c2_"))}


def _python(o: dict) -> str:
    return stacked_bars(title=o["title"], description=o["description"], categories=o["categories"],
                        series=[Series(label=s["label"], values=tuple(s["values"])) for s in o["series"]],
                        value_label=o["valueLabel"], horizontal=o["horizontal"], id_prefix=o["idPrefix"])


def _first_difference(a: str, b: str) -> str:
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at {i}: python {a[max(0, i - 80):i + 80]!r}\n   node {b[max(0, i - 80):i + 80]!r}"


@pytest.mark.parametrize("seed", range(4))
def test_generated_charts_are_the_same_svg_as_the_python(seed):
    rng = random.Random(seed)
    jobs = [_chart(rng) for _ in range(150)]
    got = node("charts.js", {"charts": jobs})["charts"]
    for o, js in zip(jobs, got):
        py = _python(o)
        assert js == py, _first_difference(py, js)


def test_the_generated_charts_reach_every_branch():
    """What the parity test is worth: its inputs cut labels, wrap the legend, hatch, skip labels, draw no data."""
    rng = random.Random(0)
    svgs = [_python(_chart(rng)) for _ in range(150)]
    for needle in ("…", "<title>", 'patternTransform="rotate(45)"', 'patternTransform="rotate(-45)"', "<circle",
                   "Không có dữ liệu", "[U+0000]", "[U+D800]", "&lt;", "&amp;", "&quot;", 'class="total"', "url(#nam-fill-"):
        assert any(needle in s for s in svgs), needle
    assert any(s.count('class="category"') < s.count('class="bar"') for s in svgs)  # every k-th label only
    assert any(s.count('class="legend-item"') > 10 for s in svgs)


def test_errors_are_raised_alike():
    bad = [{"title": "t", "description": "", "categories": ["a", "b"], "series": [{"label": "s", "values": [1]}],
            "valueLabel": "v", "horizontal": False, "idPrefix": ""},
           {"title": "t", "description": "", "categories": ["a"], "series": [{"label": "s", "values": [-1]}],
            "valueLabel": "v", "horizontal": True, "idPrefix": ""},
           {"title": "t", "description": "", "categories": [], "series": [], "valueLabel": "v", "horizontal": True,
            "idPrefix": '"><script>'}]
    for o, js in zip(bad, node("charts.js", {"charts": bad})["charts"]):
        with pytest.raises(ValueError):
            _python(o)
        assert "error" in js


def test_numbers_round_half_to_even_as_python():
    """f"{x:.2f}" (and round(x, 2)) round an exact binary tie to the even digit; toFixed would round it up."""
    rng = random.Random(1)
    numbers = [12.125, 0.125, 0.375, 2.5, -12.125, -0.125, 0.005, 1.005, 0.0, -0.0, -0.001, 1e-9, 123456789.875,
               2 ** 40 + 0.625, 1e13 + 0.125, 7.15, 300.345]
    numbers += [rng.randrange(-10**6, 10**6) / 8 for _ in range(300)] + [rng.uniform(-1000, 1000) for _ in range(300)]
    numbers += [rng.randrange(0, 10**5) / 1000 for _ in range(300)]
    assert node("charts.js", {"numbers": numbers})["fixed"] == [f"{x:.2f}" for x in numbers]
    assert f"{12.125:.2f}" == "12.12" and f"{0.375:.2f}" == "0.38"  # what the tie cases are here for


def test_text_measures_and_axes_as_python():
    rng = random.Random(2)
    texts = PIECES + [_text(rng, empty=False) for _ in range(300)] + ["".join(_assigned_char(rng) for _ in range(40))
                                                                      for _ in range(200)]
    peaks = [0, 1, 4, 5, 6, 9, 10, 11, 49, 50, 51, 99, 100, 101, 461, 999, 1000, 2500, 10**9 + 1, 2**53 - 1]
    peaks += [rng.randrange(0, 10**rng.randrange(1, 15)) for _ in range(200)]
    got = node("charts.js", {"texts": texts, "peaks": peaks})
    assert got["clean"] == [clean(t) for t in texts]
    cleaned = [clean(t) for t in texts]
    got = node("charts.js", {"texts": cleaned, "peaks": peaks})
    assert got["widths"] == [[text_width(t, 12), text_width(t, 16, True)] for t in cleaned]
    assert got["axes"] == [list(nice_axis(p)) for p in peaks]


def _ranges(pred) -> list[int]:
    """[first, last, …] over the code points Python's Unicode assigns, a range running over unassigned ones."""
    out: list[int] = []
    start = last = None
    for cp in range(0x110000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Cn":
            continue
        if pred(ch):
            start, last = (cp if start is None else start), cp
        elif start is not None:
            out += [start, last]
            start = None
    return out + ([start, last] if start is not None else [])


def test_the_unicode_tables_are_python_s():
    """charts-core.js's COMBINING and WIDE are unicodedata's (Python's Unicode version; the message gives new ones)."""
    tables = node("charts.js", {})["tables"]
    for name, pred in (("combining", lambda ch: unicodedata.combining(ch) != 0),
                       ("wide", lambda ch: unicodedata.east_asian_width(ch) in "WF")):
        want = _ranges(pred)
        assert tables[name] == want, (f"{name} differs from unicodedata {unicodedata.unidata_version}; new table: "
                                      + ", ".join(f"0x{c:X}" for c in want))


# =========================================================================== the finder's two charts

def _same_charts(coded, filters_list: list[dict[str, str]]) -> list[dict]:
    answer = node("charts.js", {"finder": finder_json(coded), "queries": [{"filters": f} for f in filters_list]})
    for filters, js in zip(filters_list, answer["queries"]):
        py = charts(select(coded, {Dim(k): v for k, v in filters.items()}))
        for svg, name in zip(js["svgs"], (CHART_YEARS, CHART_LEVELS)):
            assert svg == py[name], (filters, name, _first_difference(py[name], svg))
    return answer["queries"]


def test_the_finder_s_charts_are_the_build_s_for_the_same_records(seed_catalog):
    """The default view drawn in the browser is the SVG file the build writes; every single filter too."""
    coded = code_records(seed_catalog)
    defaults = {d.value: v for d, v in DEFAULTS.items()}
    queries = [defaults, {}, {**defaults, "tinh": "tinh-30"}, {"trang-thai": "proposed"}, {"nam": "1999"}]
    queries += [{**defaults, dim.value: o.code} for dim in Dim for o in coded.options[dim]]
    got = _same_charts(coded, queries)
    # the seeds' default view has more forms than CHART_SERIES: seven drawn alone, the rest summed
    assert [len(spec["series"]) for spec in got[0]["specs"]] == [8, 8]
    assert {spec["series"][-1]["label"] for spec in got[0]["specs"]} == {"Hình thức khác"}
    # by hand (tests/test_browser_awards.py): Tỉnh Hải Dương is Phường Long Xuyên's report, 68 awards in 2023
    years, levels = got[2]["specs"]
    assert years["categories"] == ["2023"] and sum(s["values"][0] for s in years["series"]) == 68
    assert got[4]["specs"][0]["categories"] == [] and got[4]["specs"][0]["series"] == []


def test_random_archives_chart_alike(seed_catalog):
    """More forms than CHART_SERIES ("Hình thức khác"), years and levels not stated, ties between forms' totals."""
    from hypothesis import HealthCheck, given, settings, strategies as st

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                      HealthCheck.function_scoped_fixture])
    @given(data=st.data())
    def run(data):
        coded = code_records(data.draw(archives(seed_catalog)))
        filters = [{}, {d.value: v for d, v in DEFAULTS.items()}, {"trang-thai": "proposed", "ra-soat": ""}]
        filters += [{dim.value: data.draw(st.sampled_from([o.code for o in coded.options[dim]]))}
                    for dim in (Dim.FORM_GROUP, Dim.YEAR, Dim.LEVEL) if coded.options[dim]]
        _same_charts(coded, filters)

    run()


def test_a_chart_s_description_says_what_the_filters_select(seed_catalog):
    coded = code_records(seed_catalog)
    defaults = {d.value: v for d, v in DEFAULTS.items()}
    chosen = {**defaults, "tinh": "tinh-30", "doi-tuong": "cá nhân"}
    [plain, province] = _same_charts(coded, [defaults, chosen])
    scope = scope_text(coded, {Dim(k): v for k, v in chosen.items()})
    assert scope.startswith("Số liệu dưới đây tính ")
    years, levels = province["descriptions"]
    assert years == ("Theo bộ lọc đang chọn (Đối tượng: Cá nhân; Tỉnh, thành phố: Tỉnh Hải Dương): tổng số lượng mà "
                     "các báo cáo ghi nhận, theo năm mà nội dung ghi (không ghi thì năm của kỳ báo cáo), không tính "
                     "nội dung không ghi số lượng. Biểu đồ" + scope.removeprefix("Số liệu dưới đây"))
    assert levels.startswith("Theo bộ lọc đang chọn (Đối tượng: Cá nhân; Tỉnh, thành phố: Tỉnh Hải Dương): tổng số "
                             "lượng mà các báo cáo ghi nhận, theo cấp của đơn vị ban hành báo cáo,")
    assert plain["descriptions"][0].startswith("Theo bộ lọc đang chọn: tổng số lượng")
    assert "Không tính vào đây: 2 nội dung đề nghị, đã rà soát" in plain["descriptions"][0]
