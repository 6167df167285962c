"""The signer and the title printed above the name (tdkt/ingest/signer.py): titles in the layouts real pages
give them, and a name under no title flagged rather than taken on trust (issue 10: "a signer … whose line is
unusual is flagged"). Each text is written for its rule and goes through normalising first, as at ingest."""
from __future__ import annotations

import pytest

from tdkt.ingest.extract import extract
from tdkt.ingest.folders import load_vocab
from tdkt.ingest.signer import NO_TITLE
from tdkt.problems import Problems
from tdkt.text.normalise import normalise
from tests.ingest.test_extract import ROOT

HEAD = ("ỦY BAN NHÂN DÂN\nXÃ CẨM HƯNG\nSố: 21/BC-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n\nCẩm Hưng, ngày 5 tháng 12 năm 2022\n\nBÁO CÁO\n"
        "Kết quả công tác thi đua, khen thưởng năm 2022\n\n"
        "Năm 2022, phong trào thi đua yêu nước trên địa bàn xã được triển khai sâu rộng đến các thôn.\n\n")


@pytest.fixture(scope="module")
def vocab():
    return load_vocab(ROOT, Problems())


def signer_of(tail, vocab, gazetteer):
    e = extract(normalise(HEAD + tail).text, vocab, gazetteer)
    flags = {r.field: r.why for r in e.review}
    return e.signer.value, e.signer_title.value, flags.get("signer")


@pytest.mark.parametrize("tail,title", [
    # the classic block: the distribution list on the left, the title in capitals, the name
    ("Nơi nhận:\n- UBND huyện;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n",
     "TM. Ủy ban nhân dân / Chủ tịch"),
    # a delegation, the deputy's title in mixed case, "(Đã ký)" between the title and the name
    ("KT. CHỦ TỊCH\n\nPhó Chủ tịch\n\n(Đã ký)\n\nNguyễn Văn An\n", "KT. Chủ tịch / Phó Chủ tịch"),
    # a flattened page: the title came before the distribution list, the name after it
    ("Trân trọng kính trình\nCHỦ TỊCH\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nNguyễn Văn An\n", "Chủ tịch"),
])
def test_the_title_above_the_name_is_read_in_real_layouts(vocab, gazetteer, tail, title):
    signer, got, flag = signer_of(tail, vocab, gazetteer)
    assert (signer, got, flag) == ("Nguyễn Văn An", title, None)


def test_a_name_under_no_title_is_read_but_flagged(vocab, gazetteer):
    assert signer_of("Đề nghị các thôn thực hiện tốt.\n\nNguyễn Văn An\n", vocab, gazetteer)[0] is None
    signer, title, flag = signer_of("Đề nghị các thôn thực hiện tốt.\n\n(Đã ký)\n\nNguyễn Văn An\n", vocab, gazetteer)
    assert (signer, title) == ("Nguyễn Văn An", None)
    assert flag is not None and flag.endswith(NO_TITLE)


def test_a_distribution_list_entry_is_not_a_title(vocab, gazetteer):
    signer, title, flag = signer_of("Nơi nhận:\n- Chủ tịch UBND huyện;\n- Lưu: VT.\n(Đã ký)\nNguyễn Văn An\n",
                                    vocab, gazetteer)
    assert (signer, title) == ("Nguyễn Văn An", None) and flag.endswith(NO_TITLE)
