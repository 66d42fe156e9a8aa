"""What an import reader yields (see `composer.readers.source`): paragraphs and tables in
reading order, each with its position. Apart from the reading of input files, which every
render does, because making a dataclass costs some 3 M instructions of a process's start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..problems import Problem


@dataclass(frozen=True)
class SourceParagraph:
    """One paragraph (or line) of the source, as the reader found it.

    `line` is the 1-based line in a text, Markdown or HTML file, or the paragraph's number in a
    DOCX body; `column` is where `text` starts in it. The other fields carry what the source's
    formatting says, when it says it.
    """

    text: str
    line: int
    column: int = 1
    marker: str = ""  # a heading marker drawn by automatic numbering, not part of `text`
    style_level: int | None = None  # a heading level given by markup (Markdown #, Word heading style)
    lead: str | None = None  # leading text set apart by formatting (bold, heading face)
    align: Literal["center", "right"] | None = None
    start: float | None = None  # where the line starts, in character cells, when the source places it
    gap_before: bool = False  # a blank line or an empty paragraph precedes it
    caption: bool = False  # markup says it is the caption of the table that follows (HTML <caption>)
    sealed: bool | None = None  # markup says whether the signature it is part of is sealed
    title: bool = False  # markup says it is the document's title (a web page's <h1>, ArticleTitle)
    face: Literal["黑体", "楷体", "bold"] | None = None  # the heading face the whole paragraph is set in


@dataclass(frozen=True)
class SourceTable:
    """A table of the source: rows of cell texts, the first row being the header."""

    rows: tuple[tuple[str, ...], ...]
    line: int
    column: int = 1


SourceBlock = SourceParagraph | SourceTable


@dataclass
class SourceDocument:
    """What an import reader yields: the blocks in reading order, and what reading them noticed
    (a GBK file, say) as notes."""

    blocks: list[SourceBlock]
    notes: list[Problem] = field(default_factory=list)
