"""The report being recognised in a source: the state every phase of `structure` works on.

The phases (furniture, frame, sections, parts) each read source blocks and write into one
`Draft`: the data that will be validated into the model, where each value came from in the
source, and notes on what was found, dropped and not placed. The body is first collected as a
tree of draft items (`DraftParagraph`, `DraftTable`, `DraftSection`), whose parts are decided
once the whole body is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date as Date
from typing import TYPE_CHECKING, Any

from ..blocks import cells
from ..dates import parse_date
from ..numbering import split_marker
from ..problems import Location, Problem, Severity
from ..punctuation import to_full_width
from .source import SourceBlock, SourceParagraph, SourceTable

if TYPE_CHECKING:
    from ..profile import Profile

ModelPath = tuple[str | int, ...]


@dataclass
class DraftParagraph:
    text: str
    at: Location
    source: int = -1  # index of the source block, to find captions next to tables
    caption: bool = False  # the source sets it as a caption (marked so, or centred), if a table follows


@dataclass
class DraftTable:
    rows: list[list[str]]
    at: Location
    caption: DraftParagraph | None = None


@dataclass
class DraftSection:
    heading: str
    at: Location
    run_in: bool = False
    marker: str = ""  # as the source wrote it, to say when the level it numbers differs
    items: list[DraftItem] = field(default_factory=list)


DraftItem = DraftParagraph | DraftTable | DraftSection


class Draft:
    """What has been recognised so far, with the source place of each value."""

    def __init__(self, file: str | None, keep_punctuation: bool, profile: Profile):
        self.file = file
        self.profile = profile  # the rules a source set by them was laid out with (signature places)
        self.keep_punctuation = keep_punctuation
        self.notes: list[Problem] = []
        self.changes = 0
        self.sources: dict[ModelPath, Location] = {}
        self.data: dict[str, Any] = {}
        self.title: tuple[str, Location] | None = None
        self.signature: tuple[str, Location] | None = None
        self.issuers: list[tuple[str, Location]] = []  # a joint report's signatures, the host first
        self.byline: tuple[str, Location] | None = None  # the issuer's name under the title
        self.month_only: tuple[str, Location] | None = None  # a date after the body with no day (2026年1月)
        self.opening: list[DraftItem] = []
        self.parts: list[DraftSection] = []
        self.trailing: list[DraftParagraph] = []
        self.year_from_text = False  # the year was read in the title or a heading, not from the date
        self.dropped_labels: list[tuple[str, str | None, Location]] = []  # disclosure labels with no field

    def at(self, block: SourceBlock, offset: int = 0) -> Location:
        return Location(self.file, block.line, block.column + offset)

    def note(self, code: str, at: Location | None, severity: Severity = "info", **params: Any) -> None:
        self.notes.append(Problem(code, params, at or Location(self.file), severity))

    def text(self, value: str) -> str:
        """The text as it goes into the model: trimmed, its punctuation made full-width unless kept."""
        value = value.strip()
        if self.keep_punctuation:
            return value
        value, count = to_full_width(value)
        self.changes += count
        return value

    def place(self, path: ModelPath, at: Location) -> None:
        self.sources[path] = replace(at, path=path)


# --- what a line of text is ------------------------------------------------------------------------


# Markers drafts use beyond the four levels of GB/T 9704: "第一部分" above 一、 (long reports
# number their parts so, with 一、 inside), and ⑴ ⑵ or 1) 1） typed for (1) (2).
_PART_MARKER = re.compile(r"^第[一二三四五六七八九十]{1,3}部分\s*[、,，.．:：]?\s*")
_PARENTHESIZED_NUMBER = re.compile(r"^(?:[\u2474-\u2487]|[0-9０-９]{1,2}[)）](?![0-9０-９]))\s*")
# （一） typed in other brackets, or with the opening one left out: 〔一〕 【一】 一）.
_BRACKETED_CHINESE = re.compile(r"^(?:[〔【\[［]\s*[一二三四五六七八九十]{1,3}\s*[〕】\]］]|[一二三四五六七八九十]{1,3}[)）])\s*")


# A bullet a web page's styling leaves before a heading's marker: "◆一、主要举措和成效", "■（一）".
_BULLET = re.compile(r"^\s*[\u25A0-\u25FF•※]\s*")


def heading_marker(text: str) -> tuple[int | None, str, str]:
    """split_marker, except that a number starting a figure ("3,000余人") is no marker; and
    "第一部分" is a marker a level above 一、 (level 0), ⑴ and 1) ones of level 4, 〔一〕 【一】
    and 一） ones of level 2; a bullet before the marker is dropped with it."""
    if (bullet := _BULLET.match(text)) and (found := heading_marker(text[bullet.end():]))[0] is not None:
        return found
    stripped = text.lstrip()
    for own_level, pattern in ((0, _PART_MARKER), (4, _PARENTHESIZED_NUMBER), (2, _BRACKETED_CHINESE)):
        if match := pattern.match(stripped):
            return own_level, match.group(0).strip(), stripped[match.end():]
    level, marker, rest = split_marker(text)
    if level is not None and marker.endswith((",", "，")) and rest[:1].isdigit():
        return None, "", text
    return level, marker, rest


def is_heading(block: SourceBlock) -> bool:
    return isinstance(block, SourceParagraph) and bool(
        block.marker or block.style_level or heading_marker(block.text)[0] is not None
    )


def date_of(text: str) -> Date | None:
    try:
        return parse_date(text.strip())
    except ValueError:
        return None


def has_sentence_punctuation(text: str) -> bool:
    return any(char in "。；;，,！？" for char in text)


def short_line(text: str) -> bool:
    return cells(text) <= 40 and "。" not in text


def offset(text: str, piece: str) -> int:
    """Where a piece of a paragraph starts in it (0 when the piece was changed past finding)."""
    return max(0, text.find(piece.strip()))


def shown(block: SourceBlock) -> str:
    """A block as a note quotes it."""
    if isinstance(block, SourceTable):
        return "| " + " | ".join(block.rows[0] if block.rows else ()) + " |"
    return block.text.strip()
