"""Half-width punctuation inside Chinese text, made full-width as GB/T 15834 asks.

Web copies and hasty drafts write "要求,根据" and "(一)"; an official document writes
"要求，根据" and "（一）". Only marks in Chinese context change: "1,000", "13:25",
"2020-2025" and Latin text stay as they are.
"""

from __future__ import annotations

import re
import unicodedata
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


def _neighbour(text: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(text) and text[index] == " ":
        index += step
    return text[index] if 0 <= index < len(text) else ""


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
    for open_at, close_at in _paired_parentheses(text).items():
        inside = text[open_at + 1:close_at]
        if any(map(is_chinese, inside)) or is_chinese(_neighbour(text, open_at, -1)) or is_chinese(
            _neighbour(text, close_at, 1)
        ):
            changes += [Change(open_at, _OPEN, "（"), Change(close_at, _CLOSE, "）")]
    changes += _quotes(text) + _nested_title_marks(text)
    # Marks already made full-width count as Chinese context for the commas and colons near them.
    context = list(text)
    for change in changes:
        context[change.index] = change.new
    seen = "".join(context)
    chinese_seen = False  # a Chinese character before this one: "成功率97.3%." ends a Chinese sentence
    for index, char in enumerate(text):
        before, after = _neighbour(seen, index, -1), _neighbour(seen, index, 1)
        if char in _SIMPLE and (is_chinese(before) or is_chinese(after)):
            if not (before.isdigit() and after.isdigit()):
                changes.append(Change(index, char, _SIMPLE[char]))
        elif char == "." and (not after or is_chinese(after)) and (
            is_chinese(before) or before in "%％" and chinese_seen
        ):
            changes.append(Change(index, char, "。"))
        chinese_seen = chinese_seen or is_chinese(char)
    return sorted(changes, key=lambda c: c.index)


def _quotes(text: str) -> list[Change]:
    """Straight quotes around or next to Chinese text ("3·15"国际…) become curly ones, in turn."""
    changes: list[Change] = []
    for straight, (opening, closing) in (('"', "“”"), ("'", "‘’")):
        positions = [m.start() for m in re.finditer(re.escape(straight), text)]
        for open_at, close_at in zip(positions[::2], positions[1::2]):
            outside = is_chinese(_neighbour(text, open_at, -1)) or is_chinese(_neighbour(text, close_at, 1))
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
