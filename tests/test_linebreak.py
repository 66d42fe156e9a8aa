"""Line breaking for the PDF, on any mix of Chinese, marks, digits and Latin: nothing lost,
nothing over the line, kinsoku kept wherever a break that keeps it exists."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from composer.profile import load_profile
from composer.layout.linebreak import Rules, Run, wrap

PROFILE = load_profile()
RULES = Rules.from_profile(PROFILE)
CELL = PROFILE.char_pitch_pt
WIDTH = PROFILE.page.text_width.pt


def measure(char: str, role: str) -> float:
    """A face with half-em Latin and digits; a wider digit for the heading role."""
    return 8.0 if role == "body" else 9.0


PIECES = st.sampled_from([
    "法", "治", "政", "府", "，", "。", "、", "；", "：", "（", "）", "《", "》", "“", "”", "……", "——",
    "2023", "年", "98.6%", "ABC", " ", "〔", "〕",
])
TEXTS = st.lists(PIECES, min_size=1, max_size=120).map("".join)


def placed(lines) -> list[tuple[str, float]]:
    return [(char, x) for line in lines for s in line.segments for char, x in zip(s.text, s.xs)]


@pytest.mark.slow  # hypothesis
@settings(max_examples=200, deadline=None)
@given(TEXTS, st.sampled_from([0.0, 2.0]))
def test_any_text_is_kept_whole_within_the_line(text, indent):
    lines = wrap([Run(text, "body")], WIDTH, CELL, measure, RULES, first_indent=indent * CELL)
    assert "".join(line.text for line in lines).replace(" ", "") == text.replace(" ", "")
    for k, line in enumerate(lines):  # no mark hangs past the line's end
        assert line.width <= WIDTH - (indent * CELL if k == 0 else 0) + 1e-6
    xs = [x for _, x in placed(lines)]
    assert all(0 - CELL <= x <= WIDTH for x in xs)


@pytest.mark.slow  # hypothesis
@settings(max_examples=200, deadline=None)
@given(TEXTS)
@example("法" * 14 + "…" * 8 + "2023" + "…" * 4)  # once split "2023……" / "……"
@example("法" * 23 + "…" * 4 + " ，")  # once broke at the space, the next line starting "，"
def test_no_line_starts_with_a_closing_mark_where_it_could_be_avoided(text):
    lines = wrap([Run(text, "body")], WIDTH, CELL, measure, RULES)
    for line, following in zip(lines, lines[1:]):
        ends, starts = line.text[-1:], following.text[:1]
        forced = all(c in RULES.no_line_start or c in RULES.no_line_end for c in line.text)
        if not forced:
            assert starts not in RULES.no_line_start, (line.text, following.text)
            assert ends not in RULES.no_line_end, (line.text, following.text)
        assert not (line.text.endswith("…") and following.text.startswith("…"))
        assert not (line.text.endswith("—") and following.text.startswith("—"))


def test_a_full_line_of_chinese_fills_the_width_on_the_cell_pitch():
    [first, _] = wrap([Run("法治" * 20, "body")], WIDTH, CELL, measure, RULES)
    assert len(first.text) == 28 and abs(first.width - WIDTH) < 1e-6
    assert [round(x, 6) for x in first.segments[0].xs] == [round(k * CELL, 6) for k in range(28)]


@pytest.mark.parametrize("mark", list("，。、；：？！）》”"))
def test_a_mark_after_a_full_line_takes_the_last_character_down_and_never_hangs(mark):
    """What Word does with the DOCX's w:overflowPunct off and no compression: nothing hangs
    in the margin and nothing is squeezed, with or without marks earlier in the line."""
    for text in ("法治" * 14, "法治，" + "法治" * 12 + "法"):
        first, second = wrap([Run(text + mark + "政府", "body")], WIDTH, CELL, measure, RULES)[:2]
        assert first.text == text[:-1] and second.text.startswith(text[-1] + mark)
        assert first.width <= WIDTH + 1e-6
        assert [round(x, 6) for x in first.segments[0].xs[:3]] == [0.0, round(CELL + (WIDTH - 27 * CELL) / 26, 6),
                                                                  round(2 * (CELL + (WIDTH - 27 * CELL) / 26), 6)]


def test_a_run_in_heading_keeps_its_role_and_the_text_its_own():
    [line] = wrap([Run("（一）加强领导。", "heading2"), Run("正文2023年。", "body")], WIDTH, CELL, measure, RULES)
    assert [(s.role, s.text) for s in line.segments] == [("heading2", "（一）加强领导。"), ("body", "正文2023年。")]
    body = line.segments[1]
    digits = body.xs[2:6]
    assert [round(b - a, 6) for a, b in zip(digits, digits[1:])] == [8.0, 8.0, 8.0]


def test_chinese_and_digits_or_latin_are_autospaced_as_word_and_libreoffice_do():
    [line] = wrap([Run("正文2023年，ABC。", "body")], WIDTH, CELL, measure, RULES, justify=False)
    xs = line.segments[0].xs
    gap = PROFILE.line_breaking.latin_gap.value * measure("一", "body")
    assert round(xs[2] - xs[1], 6) == round(CELL + gap, 6)  # 文 2
    assert round(xs[6] - xs[5], 6) == round(8.0 + gap, 6)  # 3 年
    assert round(xs[8] - xs[7], 6) == round(CELL, 6)  # ， A: no space next to a mark
    assert round(line.width, 6) == round(5 * CELL + 7 * 8.0 + 2 * gap, 6)


def test_the_autospace_counts_when_the_line_is_filled():
    # 26 cells of Chinese and 4 digits fill 28 cells exactly, but not with the two spaces.
    text = "法" * 12 + "2023" + "治" * 14
    lines = wrap([Run(text, "body")], WIDTH, CELL, lambda c, r: CELL / 2 if c.isdigit() else CELL, RULES)
    assert lines[0].text == "法" * 12 + "2023" + "治" * 13


@pytest.mark.parametrize("date", ["3·15", "12·4", "9·11"])
def test_a_date_joined_by_a_middle_dot_stays_on_one_line(date):
    """"3·15" is one number, as LibreOffice sets it: a narrow table cell breaks before its
    opening quote rather than after the dot (samples/attachments.yaml's task table)."""
    text = f"开展“{date}”等主题普法活动"
    lines = wrap([Run(text, "body")], 5 * CELL, CELL, measure, RULES)
    assert "".join(line.text for line in lines) == text
    assert any(date in line.text for line in lines), [line.text for line in lines]
    assert lines[0].text == "开展"  # the quote may not end a line, the dot may start none


def test_a_line_may_end_after_a_hyphen_between_numbers_or_words():
    """"2021-2025年" breaks after its hyphen as Word and LibreOffice break it, rather than
    going down whole and leaving the line short."""
    lines = wrap([Run("法" * 24 + "2021-2025年规划", "body")], WIDTH, CELL, measure, RULES)
    assert [line.text for line in lines] == ["法" * 24 + "2021-", "2025年规划"]
    [whole] = wrap([Run("法" * 4 + "2021-2025年", "body")], WIDTH, CELL, measure, RULES)
    assert whole.text == "法" * 4 + "2021-2025年"


def test_the_break_is_decided_by_words_widths_and_the_line_stays_inside():
    """26 ideographs and "2021" overflow 28 cells of 15.79 pt by 0.4 pt, but fit in Word's
    count, 15.75 pt each (16 pt less the DOCX's 0.25 pt tightening): the PDF breaks where
    Word does and closes the line's gaps by the 0.4 pt, so no ink passes the margin."""
    def tightened(char: str, role: str) -> float:
        return 7.2 if char.isdigit() else 16.0  # digits as typeset measures them, tightened

    text = "法" * 26 + "2021年，法治。"
    plain = wrap([Run(text, "body")], WIDTH, CELL, tightened, RULES)
    assert plain[0].text == "法" * 26
    word = wrap([Run(text, "body")], WIDTH, CELL, tightened, RULES, tightening=0.25, word_indent=0.0)
    assert word[0].text == "法" * 26 + "2021"
    assert abs(word[0].width - WIDTH) < 1e-6
    xs = word[0].segments[0].xs
    assert xs[-1] + 7.2 <= WIDTH + 1e-6 and all(b > a for a, b in zip(xs, xs[1:]))
    # the room after Word's first-line indent decides; the PDF draws from its own indent
    for word_indent, count in ((32.0, 26), (40.0, 25)):
        indented = wrap([Run("法" * 30, "body")], WIDTH, CELL, tightened, RULES, first_indent=2 * CELL,
                        tightening=0.25, word_indent=word_indent)
        assert len(indented[0].text) == count and indented[0].segments[0].xs[0] == 2 * CELL


def test_hanging_lines_align_after_the_label_and_the_label_is_not_stretched():
    text = "附件：1." + "名称" * 20
    lines = wrap([Run(text, "body")], WIDTH, CELL, measure, RULES, first_indent=2 * CELL, hang=len("附件：1."))
    first, second = lines[0].segments[0], lines[1].segments[0]
    name_x = first.xs[len("附件：1.")]
    assert name_x == 2 * CELL + 3 * CELL + 16.0
    assert second.xs[0] == name_x
