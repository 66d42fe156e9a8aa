"""Dates as Chinese official documents write them, and as authors type them."""

from __future__ import annotations

import re
from datetime import date, datetime

CHINESE_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
                  "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_NUMERIC = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
# Patterns most reports never need, compiled when first used (re keeps them): a pattern of
# Chinese characters takes some 4 M instructions to compile, in every process.
_CHINESE = r"^\s*([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日\s*$"
_COMPACT = r"^\s*(\d{4})(\d{2})(\d{2})\s*$"


_YEAR = re.compile(r"^\s*([0-9０-９]{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*(?:年度?)?\s*$")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _in_figures(year: str) -> str:
    """Four digits of a year written in Chinese numerals or full-width digits, in figures."""
    return "".join(str(CHINESE_DIGITS.get(c, c)) for c in year).translate(_FULL_WIDTH_DIGITS)


def parse_year(value: object) -> object:
    """A year as authors type it: 2024, "2024年", "2024年度", "２０２４", "二〇二四年" -> 2024;
    anything else is handed back as it is, for the model to refuse as not a whole number."""
    if isinstance(value, str) and (match := _YEAR.match(value)):
        return int(_in_figures(match.group(1)))
    return value


def _chinese_small_number(text: str) -> int:
    """Reads 一 to 三十一 as written in dates."""
    if "十" not in text:
        return CHINESE_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[ones] if ones else 0)


def parse_date(value: object) -> date:
    """Accepts a date, an ISO or slashed date, 2023年12月7日 or 二〇二三年十二月七日 (元月 for 一月 too);
    raises ValueError."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    text = value.strip()
    if "年元月" in text:  # January as it is often written: 2025年元月20日, 二〇二五年元月二十日
        text = text.replace("年元月", "年1月" if text[:1].isdigit() else "年一月")
    if match := _NUMERIC.match(text) or re.match(_COMPACT, text):
        year, month, day = (int(g) for g in match.groups())
        return date(year, month, day)
    if match := re.match(_CHINESE, text):
        year = int(_in_figures(match.group(1)))
        return date(year, _chinese_small_number(match.group(2)), _chinese_small_number(match.group(3)))
    # A date with a time of day, as the web disclosure tables give it.
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(value) from None


_WRITTEN_YEAR = r"([〇零○Ｏ一二三四五六七八九]{4}|[０-９]{4})(?=\s*年)"


def years_in_figures(text: str) -> str:
    """The text with each year written in Chinese numerals or full-width digits in figures:
    二〇二四年度, ２０２４年度 -> 2024年度 (GB/T 9704 7.3.3 writes a title's year so, and a
    report's year is read from it)."""
    return re.sub(_WRITTEN_YEAR, lambda m: _in_figures(m[1]), text)


def format_date(value: date) -> str:
    """GB/T 9704 7.3.5: the year in full, Arabic numerals, no padding: 2023年12月7日."""
    return f"{value.year}年{value.month}月{value.day}日"
