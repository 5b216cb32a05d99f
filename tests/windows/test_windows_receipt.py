"""The intake receipt: a PDF whose Chinese text is extractable, from the font subset shipped."""

import io

from pypdf import PdfReader

from shiliu.windows import receipt
from shiliu.windows.selectors import visit_get
from shiliu.windows.services import visit_take

FONT_SIZE_LIMIT = 2_500_000  # the full Droid Sans Fallback is ~4 MB; the subset stays well under


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_receipt_holds_the_chinese_item_names_tracking_codes_and_the_masked_name(win, people):
    visit, _ = visit_take(by=people.worker, window=win.xieshu, items=[win.school, win.pension],
                          brought={win.school.pk: win.materials(win.school)[:1]},
                          visitor_name="马阿依", contact_consent=True)
    visit = visit_get(people.worker, visit.pk)
    pdf = receipt.receipt_pdf(visit)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "随迁子女义务教育入学申请" in text
    assert "城乡居民基本养老保险参保登记" in text
    for line in visit.lines.all():
        assert line.order.tracking_code in text
        assert line.promised_on.isoformat() in text
    assert "户口簿" in text and "预防接种证" in text  # what to bring next time
    assert "谢墅社区民族服务中心" in text and "北仑区" in text
    assert "马**" in text and "马阿依" not in text


def test_the_font_is_the_subset_and_loads():
    from fontTools.ttLib import TTFont

    assert receipt.FONT_PATH.stat().st_size < FONT_SIZE_LIMIT
    font = TTFont(str(receipt.FONT_PATH))
    cmap = font.getBestCmap()
    assert ord("随") in cmap and ord("，") in cmap
    assert {ord("A"), ord("7"), ord("□")} <= receipt.font_characters()
    assert 6763 < len(cmap) < 12000  # GB 2312 and a little more, not the whole of Unicode's CJK


def test_a_character_outside_the_subset_prints_as_a_placeholder(win, people):
    rare = "𠀀"  # CJK Extension B: not in the subset
    assert ord(rare) not in receipt.font_characters()
    assert receipt.printable(f"阿{rare}依") == "阿□依"
    visit, _ = visit_take(by=people.worker, window=win.xieshu, items=[win.pension], visitor_name=f"{rare}阿依",
                          contact_consent=True, note="x")
    text = _text(receipt.receipt_pdf(visit_get(people.worker, visit.pk)))
    assert "□**" in text


def test_mask_name():
    assert receipt.mask_name("张三") == "张*"
    assert receipt.mask_name("欧阳娜娜") == "欧***"
    assert receipt.mask_name("") == ""
