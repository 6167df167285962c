import pytest
from hypothesis import given, strategies as st

from tdkt.catalog import fields
from tdkt.problems import CODES, Problems
from tdkt.catalog.yamlread import YList, YMap, YStr, quoted, read_yaml


def read(text):
    problems = Problems()
    return read_yaml(text, "x.yml", problems), problems


@pytest.mark.parametrize(
    "source, value",
    [
        ("a: 010", "010"),  # not 8
        ("a: no", "no"),  # not False
        ("a: 12:30", "12:30"),  # not 750
        ("a: 2023-12-26", "2023-12-26"),  # not a date object
        ("a: 1e3", "1e3"),
        ("a: ~", "~"),
    ],
)
def test_every_scalar_is_the_string_written(source, value):
    node, problems = read(source)
    assert not len(problems)
    assert isinstance(node, YMap)
    assert node.get("a") == YStr(value, node.get("a").origin)


def test_values_remember_their_line_and_column():
    node, _ = read("a: 1\nb:\n  - x\n  - y\n")
    items = node.get("b")
    assert isinstance(items, YList)
    assert [(i.value, i.origin.line, i.origin.column) for i in items.items] == [("x", 3, 5), ("y", 4, 5)]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("a: &x 1\nb: *x\n", "x.yml:1:4: error[Y002] anchors and aliases are not allowed. Fix: write the value out in full"),
        ("a: !!int 1\n", "x.yml:1:4: error[Y002] explicit tag 'tag:yaml.org,2002:int' is not allowed. "
                         "Fix: remove the tag; every value is read as text"),
        ("a: [1, 2\n", "x.yml:2:1: error[Y001] YAML cannot be read: did not find expected ',' or ']'. "
                       "Fix: check indentation and quoting"),
        ("a: 1\na: 2\n", "x.yml:2:1: error[Y005] a: this key appears twice. Fix: keep one of them"),
    ],
)
def test_refusals_are_reported_with_place_and_fix(source, expected):
    _, problems = read(source)
    assert [p.format() for p in problems] == [expected]


def test_billion_laughs_is_refused_before_expansion():
    lol = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n" + "".join(
        f"d{i}: &d{i} [*c, *c, *c]\n" for i in range(30))
    node, problems = read(lol)
    assert node is None
    assert [p.code for p in problems] == ["Y002"]


@pytest.mark.parametrize(
    "source, call, expected",
    [
        ("issued: 32/13/2023", lambda m, p: fields.partial_date(m, "issued", p),
         'x.yml:1:9: error[R102] issued: "32/13/2023" is not a date. Fix: write YYYY-MM-DD, or YYYY-MM when the day is blank'),
        ("issued: 2023-02-30", lambda m, p: fields.partial_date(m, "issued", p),
         'x.yml:1:9: error[R102] issued: "2023-02-30" is not a date. Fix: write YYYY-MM-DD, or YYYY-MM when the day is blank'),
        ("year: twenty", lambda m, p: fields.integer(m, "year", p, lo=1945, hi=2100),
         'x.yml:1:7: error[R103] year: "twenty" is not a whole number from 1945 to 2100. Fix: write a number such as 1945'),
        ("title: ''", lambda m, p: fields.text(m, "title", p, required=True),
         "x.yml:1:8: error[R101] title: is required but missing or empty. Fix: add `title: ...`"),
        ("title: [a]", lambda m, p: fields.text(m, "title", p),
         'x.yml:1:8: error[Y003] title: must be text, not a list or mapping. Fix: write `title: "..."`'),
        ("tittle: x", lambda m, p: fields.check_keys(m, ("title",), p),
         "x.yml:1:1: warning[Y004] tittle: unknown key. Fix: remove it, or use one of: title"),
    ],
)
def test_field_messages_word_for_word(source, call, expected):
    node, problems = read(source)
    call(node, problems)
    assert [p.format() for p in problems] == [expected]


def test_partial_dates():
    node, problems = read("a: 2023-12\nb: 2023\nc: 2023-12-26\n")
    got = [fields.partial_date(node, k, problems).iso() for k in "abc"]
    assert got == ["2023-12", "2023", "2023-12-26"]
    assert not len(problems)


def test_problems_report_sorted_with_count():
    problems = Problems()
    node, _ = read("b: x\na: y\n")
    problems.add(node.get("b").origin, "R101", "b", "is wrong", "fix b")
    problems.add(node.get("a").origin, "R101", "a", "is wrong", "fix a", warning=True)
    assert problems.report().splitlines() == [
        "x.yml:1:4: error[R101] b: is wrong. Fix: fix b",
        "x.yml:2:4: warning[R101] a: is wrong. Fix: fix a",
        "1 lỗi (errors), 1 cảnh báo (warnings)",
    ]
    assert problems.has_errors() and len(problems.errors()) == 1 and len(problems.errors(strict=True)) == 2


def test_undocumented_code_is_a_bug():
    with pytest.raises(KeyError):
        Problems().add(None, "Z999", "", "")


def test_every_code_is_documented_in_docs():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "problems.md").read_text(encoding="utf-8")
    for code, description in CODES.items():
        assert f"| {code} | {description} |" in doc


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_quoted_reads_back_as_the_same_string(value):
    """The writers' one quoting function (ingest, exemplars, synth): what it writes, the reader reads back."""
    problems = Problems()
    root = read_yaml(f"k: {quoted(value)}\n", "x.yml", problems)
    if not len(problems):  # the reader may refuse a control character (Y001); it never misreads
        assert isinstance(root, YMap) and root.get("k").value == value
