import pytest

from composer.dates import format_date, parse_date
from composer.numbering import chinese_number, marker, split_marker, strip_marker


@pytest.mark.parametrize(
    "n, expected",
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (99, "九十九"),
     (100, "一百"), (105, "一百零五"), (110, "一百一十"), (999, "九百九十九"), (1000, "一千"),
     (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"), (9999, "九千九百九十九")],
)
def test_chinese_numbers(n, expected):
    assert chinese_number(n) == expected


def test_markers_by_level():
    assert [marker(1, 3), marker(2, 3), marker(3, 3), marker(4, 3)] == ["三、", "（三）", "3.", "（3）"]
    assert marker(2, 12) == "（十二）"
    with pytest.raises(ValueError):
        marker(5, 1)


@pytest.mark.parametrize(
    "text, level, rest",
    [
        ("一、本年度推进法治政府建设的主要举措和成效", 1, "本年度推进法治政府建设的主要举措和成效"),
        ("十二、其他", 1, "其他"),
        ("（一）加强组织领导", 2, "加强组织领导"),
        ("(一)加强组织领导", 2, "加强组织领导"),
        ("( 三 ) 严格执法", 2, "严格执法"),
        ("1.深化改革", 3, "深化改革"),
        ("2、深化改革", 3, "深化改革"),
        ("３．深化改革", 3, "深化改革"),
        ("（1）精简审批", 4, "精简审批"),
        ("(12)精简审批", 4, "精简审批"),
    ],
)
def test_markers_are_recognised_in_their_written_forms(text, level, rest):
    assert split_marker(text)[0] == level
    assert strip_marker(text) == rest


@pytest.mark.parametrize("text", ["1.5亿元投入", "2023年工作", "一是加强学习", "十分重要", "加强领导"])
def test_text_that_only_looks_numbered_is_left_alone(text):
    assert split_marker(text) == (None, "", text)


@pytest.mark.parametrize(
    "written", ["2023-12-07", "2023/12/7", "2023.12.7", "2023年12月7日", "2023年12月07日", "二〇二三年十二月七日",
                "20231207", "2023-12-07 13:25"],
)
def test_dates_in_the_forms_authors_type(written):
    assert format_date(parse_date(written)) == "2023年12月7日"


def test_date_in_chinese_numerals_with_tens():
    assert format_date(parse_date("二〇二四年一月三十一日")) == "2024年1月31日"


@pytest.mark.parametrize("written", ["昨天", "2023-13-01", "2023年2月30日", ""])
def test_impossible_dates_are_refused(written):
    with pytest.raises(ValueError):
        parse_date(written)
