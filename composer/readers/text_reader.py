"""Plain text and Markdown -> source paragraphs and tables, each with its line and column.

Plain text is what a web page or Notepad gives: one paragraph per line, blank lines between some
of them, leading spaces for indents (their width says where a signature was placed), and
"| a | b |" lines for tables. Markdown joins consecutive lines into a paragraph and adds headings
(#), emphasis (a bold run-in heading), lists and pipe tables; its markup is removed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import html
import re
from collections.abc import Callable

from ..problems import Location, Problem
from ..punctuation import is_chinese
from .draft import heading_marker
from .source import SourceBlock, SourceDocument, SourceParagraph, SourceTable, decode_draft

if TYPE_CHECKING:
    from ..profile import Profile

_SEPARATOR_CELL = re.compile(r"\s*:?-{3,}:?\s*")
_ATX_HEADING = re.compile(r"(?P<marks>#{1,6})\s+(?P<text>.*)")
_ATX_CLOSING = re.compile(r"\s#+$")  # "## 标题 ##": searched from the end, not tried at every space
_SETEXT = re.compile(r"(?P<char>[=-])(?P=char)*\s*")
_RULE = re.compile(r"([-*_])(\s*\1){2,}\s*")
_BULLET = re.compile(r"[-*+]\s+")
_ORDERED = re.compile(r"\d{1,3}[.)]\s")
_QUOTE = re.compile(r">\s?")
_FENCE = re.compile(r"(`{3,}|~{3,}).*")
_LEADING_BOLD = re.compile(r"(\*\*|__)(?P<lead>.+?)\1(?=\S)")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)  # a line break typed as HTML: "局<br>2025年1月16日"
_WEB_SPACES = re.compile("[\u00a0\u2002\u2003\u2009]+")  # &nbsp; &ensp; &emsp; &thinsp;
_FRONT_MATTER_KEY = re.compile(r"[\w-]+\s*:.*|\s+.*|\s*-\s.*")


def indent_cells(space: str) -> float:
    """Leading white space as character cells: a full-width space is one, others half."""
    return sum(1.0 if char == "\u3000" else 2.0 if char == "\t" else 0.5 for char in space)


def _row(line: str) -> list[str]:
    """The cells of a pipe-table row; "\\|" is a pipe inside a cell."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [cell.replace("\\|", "|").strip() for cell in re.split(r"(?<!\\)\|", body)]


def _table(lines: list[str], first_line: int, column: int, clean: Callable[[str], str] = str.strip) -> SourceTable:
    rows = [[clean(cell) for cell in _row(line)] for line in lines]
    rows = [row for row in rows if not all(_SEPARATOR_CELL.fullmatch(cell) for cell in row)]
    return SourceTable(tuple(tuple(row) for row in rows or [[]]), first_line, column)


def _is_pipe_line(line: str) -> bool:
    return line.lstrip().startswith("|")


def _pipe_run(lines: list[str], start: int) -> int:
    end = start
    while end < len(lines) and _is_pipe_line(lines[end]):
        end += 1
    return end


def _bare_pipe_run(lines: list[str], start: int) -> int:
    """Where a table written without outer pipes ends ("类别 | 件数" over "--- | ---", as GFM
    allows and editors export): a header row, a row of dashes under it, and the rows with a pipe
    after them; `start` when none starts there."""
    if start + 1 >= len(lines) or "|" not in lines[start]:
        return start
    delimiter = _row(lines[start + 1])
    if len(delimiter) < 2 or not all(_SEPARATOR_CELL.fullmatch(cell) for cell in delimiter):
        return start
    end = start + 2
    while end < len(lines) and "|" in lines[end] and lines[end].strip():
        end += 1
    return end


def _tab_cells(line: str) -> list[str]:
    """The cells of a line copied from a Word or Excel table (tabs between them), or [] when
    the line has no tab inside its text."""
    text = line.strip()
    return [cell.strip() for cell in re.split(r"\t+", text)] if "\t" in text else []


def _tab_run(lines: list[str], start: int) -> int:
    """Where a table copied as tab-separated lines ends: two lines or more, one after another,
    each with the same number of cells (at least two); `start` when none starts there."""
    width = len(_tab_cells(lines[start]))
    end = start
    while end < len(lines) and width >= 2 and len(_tab_cells(lines[end])) == width:
        end += 1
    return end if end - start >= 2 else start


def read_text(data: bytes, name: str, profile: Profile) -> SourceDocument:
    """One paragraph per non-blank line; runs of "|" lines, and of lines with the same number
    of tab-separated cells (a table copied from Word or Excel), are tables."""
    text, notes = decode_draft(data, name)
    return SourceDocument(_lines(text), notes)


def _lines(text: str) -> list[SourceBlock]:
    lines = text.splitlines()
    blocks: list[SourceBlock] = []
    gap = False
    index = 0
    while index < len(lines):
        line = lines[index].rstrip()
        stripped = line.strip()
        if not stripped:
            gap, index = True, index + 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        if _is_pipe_line(line):
            end = _pipe_run(lines, index)
            blocks.append(_table(lines[index:end], index + 1, len(indent) + 1))
            index = end
        elif (end := _tab_run(lines, index)) > index:
            rows = tuple(tuple(_tab_cells(row)) for row in lines[index:end])
            blocks.append(SourceTable(rows, index + 1, len(indent) + 1))
            index = end
        else:
            inner, skipped = _unwrapped(stripped) if indent_cells(indent) < _SET_RIGHT else (stripped, 0)
            blocks.append(SourceParagraph(inner, index + 1, len(indent) + 1 + skipped, start=indent_cells(indent), gap_before=gap))
            index += 1
        gap = False
    return blocks


# A heading a WeChat article or a page sets in lenticular brackets, alone on its line:
# 【一、主要举措和成效】, 【存在的不足和原因】; not 【打印】-like controls, which have no sentence.
_BRACKETED_LINE = re.compile(r"[【〖]\s*(?P<inner>[^【】〖〗。；;，,：:！？!?]{2,40}?)\s*[】〗]")
# A line letter-spaced as a PDF's title or heading is copied: one character, one space (主 要 举 措).
_SPACED_LINE = re.compile(r"(?:\S[ \u3000]){3,}\S")


# Indented this far (in cells), a line is set to the right: a signature, whose letter-spacing and
# place say where the seal goes, so it is left as typed.
_SET_RIGHT = 8


def _unwrapped(line: str) -> tuple[str, int]:
    """A line's text without the brackets around a heading or the spaces between the characters
    of a letter-spaced line (a heading's marker kept: 一、主 要 举 措 和 成 效), with how many
    characters went before it."""
    if found := _BRACKETED_LINE.fullmatch(line):
        return found["inner"], found.start("inner")
    level, marker, rest = heading_marker(line)
    body = rest if level is not None else line
    if _SPACED_LINE.fullmatch(body) and any(is_chinese(char) for char in body):
        return line[: len(line) - len(body)] + re.sub(r"[ \u3000]", "", body), 0
    return line, 0


# --- Markdown -------------------------------------------------------------------------------------


def _inline(text: str) -> str:
    """Markdown inline markup removed: emphasis, code, links, images, escapes, HTML tags, and
    HTML's character references read (&amp; as &, &nbsp; &emsp; as a space)."""
    # No pattern reaches past the next opening of its own kind: "<<<<…" or "*a *a …" costs one
    # scan, not one scan per opening.
    text = re.sub(r"!\[[^\[\]]*\]\([^()]*\)", "", text)
    text = re.sub(r"\[([^\[\]]*)\]\([^()]*\)", r"\1", text)
    text = re.sub(r"<[^<>\n]+>", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text)
    return _web_spaces(html.unescape(text)) if "&" in text or "\u00a0" in text else text


def _web_spaces(text: str) -> str:
    """A web editor's spaces (&nbsp; &emsp;) as one space, none between Chinese characters,
    as the web page reader reads them."""
    def space(found: re.Match[str]) -> str:
        before, after = text[found.start() - 1:found.start()], text[found.end():found.end() + 1]
        return "" if before and after and is_chinese(before) and is_chinese(after) else " "

    return _WEB_SPACES.sub(space, text)


def _join(parts: list[str]) -> str:
    """Lines of one paragraph joined: no space between Chinese characters, one between words."""
    joined = ""
    for part in parts:
        part = part.strip()
        if joined and part and not (is_chinese(joined[-1]) or is_chinese(part[0])):
            joined += " "
        joined += part
    return joined


class _Markdown:
    def __init__(self) -> None:
        self.blocks: list[SourceBlock] = []
        self.buffer: list[str] = []
        self.first: tuple[int, int] = (0, 0)
        self.gap = False

    def add(self, text: str, line: int, column: int) -> None:
        if not self.buffer:
            self.first = (line, column)
        self.buffer.append(text)

    def flush(self, style_level: int | None = None) -> None:
        if not self.buffer:
            return
        raw = _join(self.buffer)
        self.buffer = []
        if not raw.strip():
            return
        bold = _LEADING_BOLD.match(raw)
        lead = _inline(bold["lead"]).strip() if bold and not style_level else None
        line, column = self.first
        self.blocks.append(
            SourceParagraph(_inline(raw).strip(), line, column, style_level=style_level, lead=lead, gap_before=self.gap)
        )
        self.gap = False

    def read(self, lines: list[str], start: int) -> list[SourceBlock]:
        """The blocks of the lines from `start` (past any front matter)."""
        index = start
        fence: str | None = None
        while index < len(lines):
            raw = lines[index]
            number = index + 1
            stripped = raw.strip()
            column = len(raw) - len(raw.lstrip()) + 1
            index += 1
            if fence:
                if stripped.startswith(fence):
                    fence = None
                elif stripped:
                    self.add(stripped, number, column)
                    self.flush()
                continue
            if match := _FENCE.fullmatch(stripped):
                self.flush()
                fence = match[1]
                continue
            if not stripped or stripped.startswith("<!--"):
                self.flush()
                self.gap = True
                continue
            quote = _QUOTE.match(stripped)
            if quote:
                column += quote.end()
                stripped = stripped[quote.end():]
            if self.buffer and _SETEXT.fullmatch(stripped):
                self.flush(style_level=1 if stripped[0] == "=" else 2)
            elif _RULE.fullmatch(stripped):
                self.flush()
            elif match := _ATX_HEADING.fullmatch(stripped):
                self.flush()
                closing = _ATX_CLOSING.search(match["text"])
                heading = match["text"][:closing.start()].rstrip() if closing else match["text"]
                self.add(heading, number, column + match.start("text"))
                self.flush(style_level=len(match["marks"]))
            elif _is_pipe_line(stripped) or _bare_pipe_run(lines, index - 1) > index - 1:
                self.flush()
                end = _pipe_run(lines, index - 1) if _is_pipe_line(stripped) else _bare_pipe_run(lines, index - 1)
                self.blocks.append(_table(lines[index - 1:end], number, column, lambda c: _inline(c).strip()))
                index = end
                self.gap = False
            elif bullet := _BULLET.match(stripped):
                self.flush()
                self.add(stripped[bullet.end():], number, column + bullet.end())
            elif _BREAK.search(stripped):  # lines broken by <br>: a paragraph each
                self.flush()
                for piece in _BREAK.split(stripped):
                    self.add(piece, number, column + stripped.find(piece))
                    self.flush()
            else:
                if _ORDERED.match(stripped) or heading_marker(stripped)[0] is not None:
                    self.flush()  # a numbered item or heading starts its own paragraph
                self.add(stripped, number, column)
        self.flush()
        return self.blocks


def _front_matter_end(lines: list[str]) -> int:
    """Where the text starts after the YAML front matter that Typora, Obsidian and static sites
    put first (---, key: value lines, ---): it is the editor's, not the report's."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index, line in enumerate(lines[1:], 1):
        if line.strip() in ("---", "...") and index > 1:
            return index + 1
        if not _FRONT_MATTER_KEY.fullmatch(line):
            return 0
    return 0


def read_markdown(data: bytes, name: str, profile: Profile) -> SourceDocument:
    """Paragraphs (consecutive lines joined), headings with their # level, and pipe tables."""
    text, notes = decode_draft(data, name)
    lines = text.splitlines()
    if end := _front_matter_end(lines):
        notes.append(Problem("import_front_matter", {"end": end}, Location(name, 1, 1), "info"))
    return SourceDocument(_Markdown().read(lines, end), notes)
