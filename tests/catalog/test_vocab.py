"""Vocabularies: the archive's own files load cleanly; bad entries are reported precisely."""
import pytest

from tdkt.catalog import vocab
from tdkt.model import AwardKind, AwardSystem, RecipientKind
from tdkt.problems import Problems
from tdkt.catalog.yamlread import read_yaml

from tests.conftest import ROOT


def parse(parser, text):
    problems = Problems()
    records = parser(read_yaml(text, "v.yml", problems), "v.yml", problems)
    return records, [p.format() for p in problems]


@pytest.mark.parametrize("name, parser", [("movements", vocab.parse_movements),
                                           ("award_types", vocab.parse_award_types),
                                           ("doc_types", vocab.parse_doc_types)])
def test_archive_vocabularies_load_without_problems(name, parser):
    records, messages = parse(parser, (ROOT / "data" / "vocab" / f"{name}.yml").read_text(encoding="utf-8"))
    assert messages == [] and len(records) >= 8


def test_award_type_fields_are_typed():
    records, messages = parse(vocab.parse_award_types, """
- id: giay-khen-chu-tich-ubnd-huyen
  name: "Giấy khen của Chủ tịch UBND cấp huyện"
  kind: hinh-thuc
  system: nha-nuoc
  recipients: ["cá nhân", "tập thể"]
  valid_to: "2025-06-30"
""")
    (award,) = records
    assert messages == []
    assert (award.kind, award.system, award.recipients) == (
        AwardKind.FORM, AwardSystem.STATE, (RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE))
    assert award.valid_to.isoformat() == "2025-06-30" and award.valid_from is None


@pytest.mark.parametrize(
    "text, message",
    [
        ("- id: Bad Id\n  name: x\n", 'v.yml:1:7: error[V102] id: "Bad Id" is not a slug. '
                                       "Fix: use lowercase ASCII letters, digits and hyphens"),
        ("- id: a\n  name: x\n- id: a\n  name: y\n", 'v.yml:3:7: error[V103] id: "a" is used twice. '
                                                      "Fix: give each entry its own id"),
        ("- id: a\n", "v.yml:1:3: error[R101] name: is required but missing or empty. Fix: add `name: ...`"),
        ("id: a\n", "v.yml:1:1: error[Y003] v.yml must be a list of entries (each starting with `- id:`)."),
    ],
)
def test_bad_movements(text, message):
    _, messages = parse(vocab.parse_movements, text)
    assert messages == [message]


def test_bad_recipient_kind():
    _, messages = parse(vocab.parse_award_types,
                        "- id: a\n  name: x\n  kind: danh-hieu\n  system: dang\n  recipients: [người]\n")
    assert messages == ['v.yml:5:16: error[V104] recipients: "người" is not a recipient kind. '
                        "Fix: use cá nhân, tập thể or hộ gia đình"]
