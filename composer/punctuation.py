"""Half-width punctuation inside Chinese text, made full-width as GB/T 15834 asks.

Web copies and hasty drafts write "要求,根据" and "(一)"; an official document writes
"要求，根据" and "（一）". Only marks in Chinese context change: "1,000", "13:25",
"2020-2025" and Latin text stay as they are.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import accumulate
from dataclasses import dataclass

_SIMPLE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_OPEN, _CLOSE = "(", ")"


def is_chinese(char: str) -> bool:
    """A wide character (Han, kana, full-width forms) or a Chinese quotation mark."""
    return bool(char) and (unicodedata.east_asian_width(char) in "WF" or char in "“”‘’…—")


@dataclass(frozen=True)
class Change:
    """One mark changed: its index in the original text, what it was and what it became."""

    index: int
    old: str
    new: str


class _Neighbours:
    """The nearest character other than a space on each side of every index, found in one pass
    each way, so that a long run of spaces costs its length once rather than once per space."""

    def __init__(self, text: str) -> None:
        self.before: list[str] = []
        last = ""
        for char in text:
            self.before.append(last)
            last = char if char != " " else last
        self.after: list[str] = [""] * len(text)
        last = ""
        for index in range(len(text) - 1, -1, -1):
            self.after[index] = last
            last = text[index] if text[index] != " " else last


def _paired_parentheses(text: str) -> dict[int, int]:
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for index, char in enumerate(text):
        if char == _OPEN:
            stack.append(index)
        elif char == _CLOSE and stack:
            pairs[stack.pop()] = index
    return pairs


def find_half_width(text: str) -> list[Change]:
    """Every half-width mark that should be full-width here, with its replacement."""
    changes: list[Change] = []
    around = _Neighbours(text)
    chinese_before = list(accumulate(map(is_chinese, text), initial=0))  # nested pairs: no rescan
    for open_at, close_at in _paired_parentheses(text).items():
        chinese_inside = chinese_before[close_at] > chinese_before[open_at + 1]
        if chinese_inside or is_chinese(around.before[open_at]) or is_chinese(around.after[close_at]):
            changes += [Change(open_at, _OPEN, "（"), Change(close_at, _CLOSE, "）")]
    changes += _quotes(text, around) + _nested_title_marks(text)
    # Marks already made full-width count as Chinese context for the commas and colons near them.
    context = list(text)
    for change in changes:
        context[change.index] = change.new
    seen = _Neighbours("".join(context))
    chinese_seen = False  # a Chinese character before this one: "成功率97.3%." ends a Chinese sentence
    for index, char in enumerate(text):
        before, after = seen.before[index], seen.after[index]
        if char in _SIMPLE and (is_chinese(before) or is_chinese(after)):
            if not (before.isdigit() and after.isdigit()):
                changes.append(Change(index, char, _SIMPLE[char]))
        elif char == "." and (not after or is_chinese(after)) and (
            is_chinese(before) or before in "%％" and chinese_seen
        ):
            changes.append(Change(index, char, "。"))
        chinese_seen = chinese_seen or is_chinese(char)
    return sorted(changes, key=lambda c: c.index)


def _quotes(text: str, around: _Neighbours) -> list[Change]:
    """Straight quotes around or next to Chinese text ("3·15"国际…) become curly ones, in turn."""
    changes: list[Change] = []
    for straight, (opening, closing) in (('"', "“”"), ("'", "‘’")):
        positions = [m.start() for m in re.finditer(re.escape(straight), text)]
        for open_at, close_at in zip(positions[::2], positions[1::2]):
            outside = is_chinese(around.before[open_at]) or is_chinese(around.after[close_at])
            if outside or any(map(is_chinese, text[open_at + 1:close_at])):
                changes += [Change(open_at, straight, opening), Change(close_at, straight, closing)]
    return changes


def _nested_title_marks(text: str) -> list[Change]:
    """<...> inside 《...》 is the inner title mark 〈...〉."""
    changes: list[Change] = []
    for outer in re.finditer(r"《[^《》]*》", text):
        for inner in re.finditer(r"<[^<>]*>", outer.group(0)):
            start = outer.start() + inner.start()
            end = outer.start() + inner.end() - 1
            changes += [Change(start, "<", "〈"), Change(end, ">", "〉")]
    return changes


def full_width_edits(text: str) -> list[tuple[Change, int]]:
    """Each change with the end of the text it replaces.

    A space that followed a changed mark goes too (up to the returned end): a full-width mark
    carries its own spacing. Opening marks keep the space before the text they open.
    """
    edits: list[tuple[Change, int]] = []
    for change in find_half_width(text):
        end = change.index + 1
        if change.new not in "（“‘〈":
            while end < len(text) and text[end] == " ":
                end += 1
        edits.append((change, end))
    return edits


def to_full_width(text: str) -> tuple[str, int]:
    """The text with its half-width marks made full-width, and how many were changed."""
    edits = full_width_edits(text)
    out: list[str] = []
    done = 0
    for change, end in edits:
        out += [text[done:change.index], change.new]
        done = end
    out.append(text[done:])
    return "".join(out), len(edits)
