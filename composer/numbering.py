"""Heading markers 一、（一）1.（1）: generated for output, recognised and stripped on input.

GB/T 9704 7.3.3 numbers the four heading levels 一、 （一） 1. （1）. Authors never type them;
a heading that arrives with one (pasted from an old draft) has it recognised and removed.
"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_CN = "一二三四五六七八九十百零〇"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五, 1010 -> 一千零一十 (n from 1 to 9999)."""
    if not 1 <= n <= 9999:
        raise ValueError(f"heading number out of range: {n}")
    digits = [(n // unit) % 10 for unit in (1000, 100, 10, 1)]
    text, pending_zero = "", False
    for digit, unit in zip(digits, ("千", "百", "十", "")):
        if digit == 0:
            pending_zero = bool(text)
            continue
        if pending_zero:
            text += "零"
            pending_zero = False
        text += ("" if digit == 1 and unit == "十" and not text else _DIGITS[digit]) + unit
    return text


def marker(level: int, n: int) -> str:
    """The marker of the n-th heading at level 1 to 4."""
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level out of range: {level}")


# Each level's marker in the forms real documents use: full- and half-width brackets, 、 . ． as
# separators. A level-3 number must not be the start of a decimal ("1.5亿元"). With the characters
# it may start with: most headings start with none, and their patterns are never compiled (one
# of Chinese characters takes some 4 M instructions, in every process; re keeps them).
_MARKERS: tuple[tuple[int, str, str], ...] = (
    (1, _CN, rf"^[{_CN}]+\s*[、,，.．]\s*"),
    (2, "（(", rf"^[（(]\s*[{_CN}]+\s*[）)]\s*[、,，]?\s*"),
    (3, "0123456789０１２３４５６７８９", r"^[0-9０-９]{1,3}\s*(?:[、,，]|[.．](?![0-9０-９]))\s*"),
    (4, "（(", r"^[（(]\s*[0-9０-９]{1,3}\s*[）)]\s*[、,，]?\s*"),
)


def split_marker(text: str) -> tuple[int | None, str, str]:
    """Returns (level, marker, rest) for a heading that starts with a marker, else (None, "", text)."""
    stripped = text.lstrip()
    for level, starts, pattern in _MARKERS:
        if stripped[:1] and stripped[0] in starts and (match := re.match(pattern, stripped)):
            return level, match.group(0).strip(), stripped[match.end():]
    return None, "", text


def strip_marker(text: str) -> str:
    """The heading text without a typed marker."""
    return split_marker(text)[2]
