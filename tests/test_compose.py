"""Composition: numbering, title lines, spacing and signature placement, format-neutral."""

import pytest

import composer
from composer import blocks as b
from composer.blocks import cells
from composer.compose import compose
from composer.rules import place_signature, wrap_title
from conftest import SAMPLES

PROFILE = composer.load_profile()


def test_cells_count_full_and_half_width():
    assert cells("大同市科技局") == 6
    assert cells("2023年12月7日") == 6.5
    assert cells("“互联网+监管”") == 7.5


@pytest.mark.parametrize(
    "title, issuer",
    [
        ("青山县人民政府关于2024年度法治政府建设工作情况的报告", "青山县人民政府"),
        ("中华人民共和国某某部关于2024年度推进法治政府建设情况和2025年工作安排的报告", "中华人民共和国某某部"),
        ("青州市住房和城乡建设局2024年度法治政府建设工作情况报告", "青州市住房和城乡建设局"),
    ],
)
def test_long_titles_wrap_into_balanced_whole_word_lines(title, issuer):
    lines = wrap_title(title, issuer, PROFILE)
    assert "".join(lines) == title
    widths = [cells(line) for line in lines]
    assert len(lines) > 1 and max(widths) <= 20
    assert max(widths) - min(widths) <= 6
    for above, below in zip(widths, widths[1:]):
        assert below <= above + 2  # a trapezoid or diamond, never a pyramid
    breaks = [len("".join(lines[: i + 1])) for i in range(len(lines) - 1)]
    for word in ("法治政府建设", "人民政府", "2024年度", "住房和城乡建设"):
        start = title.find(word)
        if start >= 0:
            assert not any(start < at < start + len(word) for at in breaks), (word, lines)


def test_short_title_stays_on_one_line():
    assert wrap_title("大同市科技局2023年法治政府建设年度报告", "大同市科技局", PROFILE) == (
        "大同市科技局2023年法治政府建设年度报告",
    )


def test_a_title_of_thousands_of_characters_still_wraps():
    lines = wrap_title("关于" * 1000 + "2024年报告", "某局", PROFILE)
    assert "".join(lines) == "关于" * 1000 + "2024年报告"
    assert all(cells(line) <= 20 for line in lines)


def test_signature_without_seal_gbt9704_7_3_5_2():
    # The date is longer than the signature: it ends two characters from the right, the
    # signature moves left so the date still starts two characters right of it.
    placed = place_signature("大同市科技局", "2023年12月7日", False, PROFILE)
    assert placed.date.end == 26 and placed.date.start == 26 - 6.5
    assert placed.signature.start == placed.date.start - 2
    # A long signature: it sits two characters from the right, the date two right of its start.
    placed = place_signature("青州市住房和城乡建设局办公室", "2024年1月5日", False, PROFILE)
    assert placed.signature.end == 26 and placed.date.start == placed.signature.start + 2


def test_signature_with_seal_is_centred_over_a_date_four_from_the_right():
    placed = place_signature("青山县人民政府", "2025年2月20日", True, PROFILE)
    assert placed.date.end == 24
    centre = (placed.date.start + placed.date.end) / 2
    assert (placed.signature.start + placed.signature.end) / 2 == pytest.approx(centre)


def test_full_sample_composes_every_element():
    document = compose(composer.load(SAMPLES / "full.yaml"), PROFILE)
    kinds = [type(block).__name__ for block in document.body]
    for kind in ("Title", "Addressee", "Heading", "Paragraph", "Table", "Attachments", "Signature", "Note"):
        assert kind in kinds
    headings = [block for block in document.body if isinstance(block, b.Heading)]
    leads = [block.lead for block in document.body if isinstance(block, b.Paragraph) and block.lead]
    assert {h.level for h in headings + leads} == {1, 2, 3, 4}
    assert [h.marker for h in headings if h.level == 1] == ["一、", "二、", "三、", "四、", "五、"]
    assert [h.full_text for h in leads if h.level == 4] == ["（1）精简审批事项。", "（2）优化营商环境。"]
    attachments = next(block for block in document.body if isinstance(block, b.Attachments))
    assert attachments.items[0].startswith("1.") and attachments.items[1].startswith("2.")
    assert document.header.mark == "青山县人民政府文件" and document.header.number == "青政报〔2025〕6号"
    assert document.end_block.printed == "2025年2月21日印发"
    assert document.end_block.copy_to.startswith("抄送：") and document.end_block.copy_to.endswith("。")
    assert document.metadata.created.isoformat() == "2025-02-20"
    note = next(block for block in document.body if isinstance(block, b.Note))
    assert note.text == "（此件公开发布）"


def test_numbering_restarts_under_each_parent(seed_report):
    document = compose(seed_report, PROFILE)
    level2 = [h.marker for h in document.body if isinstance(h, b.Heading) and h.level == 2]
    assert level2 == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）", "（一）", "（二）", "（三）"]


def test_a_paragraph_written_over_several_lines_becomes_several_paragraphs():
    data = composer.load(SAMPLES / "minimal.yaml").model_dump()
    data["opening"] = ["第一段。\n\n第二段。\n第三段。"]
    document = compose(composer.Report.model_validate(data), PROFILE)
    texts = [block.text for block in document.body if isinstance(block, b.Paragraph)]
    assert texts[:3] == ["第一段。", "第二段。", "第三段。"]


@pytest.mark.parametrize("title, issuer", [
    ("青山县人民政府2024年法治政府建设年度报告", "青山县人民政府"),  # exactly 20 cells
    ("青州市司法局关于2024年度法治政府建设情况报告", "青州市司法局"),  # 20 cells too
    ("某局2024年度法治政府建设年度报告", "某局"),  # 16.0: one line
])
def test_a_title_that_would_not_fit_as_set_is_wrapped_by_meaning_never_leaving_one_character(title, issuer):
    from composer.layout import lay_out
    from composer.layout.typeset import Glyphs

    lines = wrap_title(title, issuer, PROFILE)
    assert "".join(lines) == title and all(len(line) >= 2 for line in lines)
    report = composer.load(f"issuer: {issuer}\nyear: 2024\ndate: 2025-01-20\ntitle: {title}\n"
                           "parts:\n  measures: [推进依法行政。]\n  shortcomings: [一是基层力量薄弱。]\n"
                           "  leadership: [主要负责人履行第一责任人职责。]\n  plans: [加强队伍建设。]\n")
    paged = lay_out(compose(report, PROFILE), PROFILE)
    baselines = {item.baseline for item in paged.pages[0].items
                 if isinstance(item, Glyphs) and item.origin.kind == "title"}
    assert len(baselines) == len(lines)  # the PDF sets the lines compose chose, none wrapped again
