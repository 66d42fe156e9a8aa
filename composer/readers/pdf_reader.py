"""A published PDF (last year's report, downloaded from the site) -> source paragraphs and tables.

The text layer is read with PDFium (pypdfium2): every character with its box, size, face and
colour; PDFium's lines are put in the order they stand on the page (top to bottom, each left to
right), as a page may draw them in another. A PDF knows lines, not paragraphs, so they are
rebuilt here from where the lines stand:
- the page's furniture goes: page numbers (— 1 —, -1-, 第1页 共8页, 1/8) and lines that repeat at
  the top or foot of most pages (a running header or footer);
- the text block's edges are found from the body lines; a line that reaches the right edge goes
  on in the next line, unless that one is indented as a new paragraph, starts another face or
  size, or is a heading marker after a finished sentence; a short line, a blank line's space, a
  centred line (title, caption) and a line set to the right (signature, date) end a paragraph;
- joined lines meet without a space between Chinese characters, with one between Latin words;
- a table drawn with rules is read cell by cell (a cell's lines joined as a paragraph's, a table
  going on over the page one table, its repeated header once); without rules, a line whose text
  stands in columns apart is a table row when rows follow it (a wrapped cell's next line added to
  its cell), and otherwise one line (文号 and 签发人, printer and date);
- the red header's mark stands alone, as the title does, so the recognition finds them.
What is left is recognised by `structure` as any other source. A paragraph's `line` is its
number in the document (tables count as one), as for DOCX; `start` and `align` say where it
stands on the line, for the signature and seal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ctypes
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..problems import Location, Problem, ReportError
from .attachment_pages import LABEL as ATTACHMENT_LABEL
from ..punctuation import is_chinese
from .draft import heading_marker
from .source import SourceBlock, SourceDocument, SourceParagraph, SourceTable

if TYPE_CHECKING:
    from ..profile import Profile

_PAGE_NUMBER = re.compile(
    r"[—–\-－―─]*\s*\d{1,4}\s*[—–\-－―─]*|第\s*\d+\s*页\s*(共\s*\d+\s*页)?|共\s*\d+\s*页\s*第\s*\d+\s*页"
    r"|\d+\s*/\s*\d+|(?i:page\s*\d+(\s*of\s*\d+)?)"
)
_SENTENCE_END = tuple("。：:；;！？!?")
_MIN_CHARS_PER_PAGE = 30  # fewer on average: a scan, perhaps with a scanner's watermark
# More of the characters than this mapping to none (control codes, private use, U+FFFD): fonts
# without a character map, whose text layer is glyph numbers, not text.
_MAX_UNMAPPED = 0.1


@dataclass
class _Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float
    face: str
    red: bool


@dataclass
class _Line:
    page: int
    chars: list[_Char]
    cells: list[str] = field(default_factory=list)  # the text, split where it stands in columns apart
    cell_centres: list[float] = field(default_factory=list)
    rows: tuple[tuple[str, ...], ...] | None = None  # a ruled table's cells, when the line stands for one
    grid_top: float = 0.0

    @property
    def level(self) -> float:
        """Where it stands on the page, for the reading order: a table by its top rule."""
        return self.grid_top if self.rows is not None else _baseline(self.chars)

    @property
    def x0(self) -> float:
        return min(c.left for c in self.ink)

    @property
    def x1(self) -> float:
        return max(c.right for c in self.ink)

    @property
    def bottom(self) -> float:
        return min(c.bottom for c in self.ink)

    @property
    def size(self) -> float:
        return Counter(round(c.size, 1) for c in self.ink).most_common(1)[0][0]

    @property
    def ink(self) -> list[_Char]:
        """Its characters but spaces."""
        return [c for c in self.chars if not c.text.isspace()]

    @property
    def text(self) -> str:
        return " ".join(self.cells)

    def face(self, last: bool = False) -> str | None:
        """The face of its first (or last) Chinese character: headings and body differ there, and
        digits and dashes may be set in a Latin face."""
        faces = [c.face for c in self.ink if _ideograph(c)]
        return (faces[-1] if last else faces[0]) if faces else None

    @property
    def red(self) -> bool:
        return all(c.red for c in self.ink)


def _fail(code: str, name: str, **params: object) -> ReportError:
    return ReportError([Problem(code, dict(params), Location(name))])


# --- reading the characters -----------------------------------------------------------------------


def _open(data: bytes, name: str) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == raw.FPDF_ERR_PASSWORD:
            raise _fail("import_pdf_encrypted", name) from None
        raise _fail("import_pdf_unreadable", name, reason=str(error).rstrip(".")) from None


def _page_lines(page: Any, number: int) -> list[_Line]:
    """The page's lines top to bottom, each its characters left to right.

    PDFium breaks the text into lines in the order the page draws it; a page may draw a footer
    before the end block, or a bracket after the digits beside it, so the lines are put in the
    order they stand, and pieces of one line (one baseline) are put together.
    """
    import pypdfium2.raw as raw

    text_page = page.get_textpage()
    face = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    rgba = [ctypes.c_uint() for _ in range(4)]
    matrix = raw.FS_MATRIX()
    runs: list[list[_Char]] = [[]]
    for index in range(text_page.count_chars()):
        char = chr(raw.FPDFText_GetUnicode(text_page, index))
        if char in "\r\n\x02":  # PDFium's line ends, and the hyphen it marks at a line's end
            runs.append([])
            continue
        if raw.FPDFText_IsGenerated(text_page, index):  # a space PDFium guessed: gaps are measured here
            continue
        if abs(raw.FPDFText_GetCharAngle(text_page, index)) > 0.01:  # turned: a landscape page's number
            continue
        left, bottom, right, top = text_page.get_charbox(index, loose=True)
        raw.FPDFText_GetFontInfo(text_page, index, face, len(face), ctypes.byref(flags))
        raw.FPDFText_GetFillColor(text_page, index, *(ctypes.byref(c) for c in rgba))
        red = rgba[0].value > 150 and rgba[1].value < 100 and rgba[2].value < 100
        raw.FPDFText_GetMatrix(text_page, index, ctypes.byref(matrix))  # a browser scales px to pt here
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
        runs[-1].append(_Char(char, left, bottom, right, top, raw.FPDFText_GetFontSize(text_page, index) * scale,
                              face.value.decode("latin-1"), red))
    text_page.close()
    tables = []
    for grid in _grids(page):
        inside = [c for run in runs for c in run if grid.holds(c)]
        if inside:
            runs = [[c for c in run if not grid.holds(c)] for run in runs]
            tables.append(_Line(number, inside, rows=grid.rows(inside, number), grid_top=grid.ys[0]))
    lines = _lines(runs, number)
    return sorted(lines + tables, key=lambda line: line.level, reverse=True)


@dataclass
class _Picture:
    """A picture drawn on a page (a photo, the seal pasted over the signature): where it stands."""

    page: int
    left: float
    bottom: float
    right: float
    top: float

    def covers(self, line: _Line) -> bool:
        return (line.page == self.page and self.left < line.x1 and line.x0 < self.right
                and self.bottom < max(c.top for c in line.ink) and line.bottom < self.top)


def _pictures(page: Any, number: int) -> list[_Picture]:
    """The page's pictures but the small ones (a bullet, a rule drawn as an image)."""
    import pypdfium2.raw as raw

    found = []
    for image in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,)):
        left, bottom, right, top = image.get_bounds()
        if right - left >= 24 and top - bottom >= 24:
            found.append(_Picture(number, left, bottom, right, top))
    return found


def _lines(runs: list[list[_Char]], number: int) -> list[_Line]:
    """Runs of characters as lines: those on one baseline together, top to bottom, left to right."""
    lines: list[_Line] = []
    for run in sorted((r for r in runs if any(not c.text.isspace() for c in r)), key=_baseline, reverse=True):
        if lines and abs(_baseline(lines[-1].chars) - _baseline(run)) < 0.3 * run[0].size:
            lines[-1].chars += run
        else:
            lines.append(_Line(number, run))
    for line in lines:
        line.chars.sort(key=lambda c: (c.left + c.right) / 2)
    return lines


@dataclass
class _Grid:
    """A table drawn with rules: the x of its column rules, the y of its row rules (top first),
    and the column rules as drawn (bottom, top, x), which a merged cell interrupts."""

    xs: list[float]
    ys: list[float]
    rules: list[tuple[float, float, float]]

    def _ruled(self, row: int, column: int) -> bool:
        """Whether the rule left of `column` is drawn across `row` (not, inside a merged cell)."""
        middle = (self.ys[row] + self.ys[row + 1]) / 2
        return any(abs(x - self.xs[column]) <= 2 and bottom - 2 <= middle <= top + 2 for bottom, top, x in self.rules)

    def holds(self, char: _Char) -> bool:
        x, y = (char.left + char.right) / 2, (char.bottom + char.top) / 2
        return self.xs[0] < x < self.xs[-1] and self.ys[-1] < y < self.ys[0]

    def rows(self, chars: list[_Char], number: int) -> tuple[tuple[str, ...], ...]:
        """The text of each cell, its lines joined as a paragraph's are."""
        cells: dict[tuple[int, int], list[_Char]] = {}
        for char in chars:
            x, y = (char.left + char.right) / 2, (char.bottom + char.top) / 2
            row = next(i for i in range(len(self.ys) - 1) if y > self.ys[i + 1])
            column = next(i for i in range(len(self.xs) - 1) if x < self.xs[i + 1])
            while column > 0 and not self._ruled(row, column):  # a merged cell's text is its first column's
                column -= 1
            cells.setdefault((row, column), []).append(char)
        table = []
        for row in range(len(self.ys) - 1):
            texts = []
            for column in range(len(self.xs) - 1):
                lines = _lines([[char] for char in cells.get((row, column), [])], number)
                for line in lines:
                    _split_cells(line)
                texts.append(_Paragraph(lines, False).text if lines else "")
            if any(texts):
                table.append(tuple(texts))
        return tuple(table)


def _grids(page: Any) -> list[_Grid]:
    """The page's ruled tables: rules (thin paths) that meet, with two columns and two rows at least."""
    import pypdfium2.raw as raw

    across: list[tuple[float, float, float]] = []  # left, right, y
    down: list[tuple[float, float, float]] = []  # bottom, top, x
    for path in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,)):
        left, bottom, right, top = path.get_bounds()
        if top - bottom <= 3 and right - left >= 10:
            across.append((left, right, (bottom + top) / 2))
        elif right - left <= 3 and top - bottom >= 8:
            down.append((bottom, top, (left + right) / 2))
    grids = []
    unseen = set(range(len(across)))
    while unseen:  # the rules that meet, one table at a time
        found_across, found_down = {unseen.pop()}, set()
        grown = True
        while grown:
            grown = False
            for i, (bottom, top, x) in enumerate(down):
                if i not in found_down and any(across[j][0] - 3 <= x <= across[j][1] + 3 and bottom - 3 <= across[j][2] <= top + 3
                                               for j in found_across):
                    found_down.add(i)
                    grown = True
            for j in list(unseen):
                left, right, y = across[j]
                if any(left - 3 <= down[i][2] <= right + 3 and down[i][0] - 3 <= y <= down[i][1] + 3 for i in found_down):
                    found_across.add(j)
                    unseen.discard(j)
                    grown = True
        xs = _clustered(down[i][2] for i in found_down)
        ys = _clustered((across[j][2] for j in found_across), reverse=True)
        if len(xs) >= 3 and len(ys) >= 3:
            grids.append(_Grid(xs, ys, [down[i] for i in found_down]))
    return grids


def _clustered(values: Iterable[float], reverse: bool = False) -> list[float]:
    """The values, those within two points of each other taken as one."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > 2:
            out.append(value)
    return out[::-1] if reverse else out


def _baseline(chars: list[_Char]) -> float:
    return statistics.median(c.bottom for c in chars if not c.text.isspace())


def _unmapped(text: str) -> bool:
    """A character PDFium found no Unicode for: a control code, a private-use one, U+FFFD."""
    return text == "\ufffd" or unicodedata.category(text[:1]) in ("Cc", "Co")


def _wide(char: _Char) -> bool:
    return unicodedata.east_asian_width(char.text) in "WF"


def _ideograph(char: _Char) -> bool:
    return char.text.isalpha() and _wide(char)


def _split_cells(line: _Line) -> None:
    """The line's text, in pieces where it stands apart by more than one and a half characters
    (but for a character set apart from the next, as a letter-spaced label is).

    Where the page leaves a space but draws none (LibreOffice draws no spaces), one is put in: a
    full-width one for a character's width in a Chinese line, a plain one between Latin words.
    """
    cells: list[list[_Char]] = [[]]
    texts: list[str] = [""]
    chinese = any(_wide(char) for char in line.chars)
    spacing = _letter_spacing(line)
    previous: _Char | None = None
    for char in line.chars:
        if char.text.isspace():
            texts[-1] += char.text
            continue
        if previous is not None:
            gap = char.left - previous.right
            size = max(char.size, previous.size)
            letter_spaced = len(cells[-1]) == 1 and _ideograph(previous)  # "标　　题：", "附　件"
            if gap > 1.5 * size and not letter_spaced:
                cells.append([])
                texts.append("")
            elif not texts[-1][-1:].isspace():
                if gap > 0.8 * size:
                    texts[-1] += "\u3000" if chinese else " "
                elif gap - spacing > 0.2 * size and not _wide(char) and not _wide(previous):
                    texts[-1] += " "
        cells[-1].append(char)
        texts[-1] += char.text
        previous = char
    line.cells = [text.strip() for text in texts]
    line.cell_centres = [(cell[0].left + cell[-1].right) / 2 for cell in cells]


def _letter_spacing(line: _Line) -> float:
    """The space a letter-spaced line (a title set 字符间距加宽) puts between all its Chinese
    characters, which is no space between its digits (2 0 2 5); 0 for a line set solid."""
    ink = line.ink
    gaps = [b.left - a.right for a, b in zip(ink, ink[1:]) if _ideograph(a) and _ideograph(b)]
    return max(0.0, statistics.median(gaps)) if len(gaps) >= 3 else 0.0


# --- page furniture -------------------------------------------------------------------------------


def _without_furniture(pages: list[list[_Line]]) -> tuple[list[list[_Line]], list[str]]:
    """The pages without page numbers and the lines that repeat at the top or foot of most pages."""
    def edges(lines: list[_Line]) -> list[_Line]:
        lines = [line for line in lines if line.rows is None]
        return lines[:2] + lines[-2:] if len(lines) > 4 else lines

    # An attachment's label (附件2) heads the first page of each attachment: never a running header.
    counts = Counter(k for lines in pages for k in {_key_of(line.text) for line in edges(lines)
                                                    if not ATTACHMENT_LABEL.fullmatch(line.text.strip())})
    repeated = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    # A header from page two on (首页不同) repeats the title: a line at the top of page one, or two.
    first = [_key_of(line.text) for line in pages[0][:4] if line.rows is None] if pages else []
    opening = {*first, *(a + b for a, b in zip(first, first[1:]))}
    dropped: list[str] = []
    kept_pages = []
    for number, lines in enumerate(pages):
        edge = {id(line) for line in edges(lines)}
        top = {id(line) for line in edges(lines)[:1]} if number else set()
        kept = []
        for line in lines:
            key = _key_of(line.text)
            if id(line) in edge and (_PAGE_NUMBER.fullmatch(line.text.strip()) or key in repeated) or (
                    id(line) in top and key in opening):
                if key not in {_key_of(text) for text in dropped}:
                    dropped.append(line.text)
            else:
                kept.append(line)
        kept_pages.append(kept)
    return kept_pages, dropped


def _key_of(text: str) -> str:
    """A line as it repeats from page to page: its numbers and spaces aside."""
    return re.sub(r"\d+", "#", re.sub(r"\s", "", text))


# --- lines into paragraphs ------------------------------------------------------------------------


@dataclass
class _Frame:
    """The text block, as the body lines show it."""

    left: float
    right: float
    size: float  # the body's character size: a character cell, and the tolerances
    pitch: float  # the distance between the baselines of two body lines

    @classmethod
    def of(cls, lines: list[_Line]) -> _Frame:
        lines = [line for line in lines if line.rows is None]
        size = Counter(line.size for line in lines).most_common(1)[0][0]
        body = [line for line in lines if abs(line.size - size) < 0.5] or lines
        lefts = Counter(round(line.x0) for line in body)
        rights = Counter(round(line.x1) for line in body)
        left = min((x for x, n in lefts.items() if n >= 2), default=min(lefts))
        right = max((x for x, n in rights.items() if n >= 2), default=max(rights))
        steps = [
            a.bottom - b.bottom for a, b in zip(body, body[1:])
            if a.page == b.page and 0 < a.bottom - b.bottom < 3 * size
        ]
        return cls(left, right, size, statistics.median(steps) if steps else 1.5 * size)

    def full(self, line: _Line) -> bool:
        """Whether the line reaches the right edge: within a character, or within two and a half
        in mid-sentence (a block indented on the right, as the end block is, a squeezed comma)."""
        short = self.right - line.x1
        return short <= line.size or (short <= 2.5 * line.size and not line.text.endswith(_SENTENCE_END))

    def centred(self, line: _Line) -> bool:
        """Set in the middle: short, with as much room on either side (a long line indented two
        characters and ending two short is the first line of a paragraph)."""
        before, after = line.x0 - self.left, self.right - line.x1
        short = line.x1 - line.x0 < 0.75 * (self.right - self.left)
        return short and before > 1.5 * self.size and after > 1.5 * self.size and abs(before - after) < 0.75 * self.size

    def set_right(self, line: _Line) -> bool:
        return line.x0 > self.left + 0.45 * (self.right - self.left) and line.x1 > self.right - 6 * self.size

    def cells(self, x: float) -> float:
        return round((x - self.left) / self.size, 2)


@dataclass
class _Paragraph:
    lines: list[_Line]
    gap_before: bool
    align: str | None = None

    @property
    def text(self) -> str:
        text = ""
        for line in self.lines:
            piece = line.text
            latin = text and not is_chinese(text[-1]) and text[-1].isalnum() and piece[:1].isascii() and piece[:1].isalnum()
            text += (" " if latin else "") + piece
        return text


def _alone(line: _Line, frame: _Frame) -> str | None:
    """How a line that stands alone is set: centred, to the right, or None when it is not alone."""
    if frame.centred(line):
        return "center"
    if frame.set_right(line):
        return "right"
    return None


def _continues(paragraph: _Paragraph, line: _Line, frame: _Frame) -> bool:
    """Whether the line goes on with the paragraph before it."""
    previous = paragraph.lines[-1]
    if paragraph.align == "center" and _title_lines(previous, line, frame):
        return True
    if paragraph.align or _alone(line, frame) or not frame.full(previous) or len(line.cells) > 1:
        return False
    if abs(line.size - previous.size) > 1 or _gap(previous, line, frame):
        return False
    if previous.red != line.red or (previous.face(last=True) and line.face() and previous.face(last=True) != line.face()):
        return False
    if previous.text.endswith(_SENTENCE_END) and heading_marker(line.text)[0] is not None:
        return False
    tolerance = 0.5 * frame.size
    first = paragraph.lines[0].x0
    if len(paragraph.lines) > 1:  # the paragraph's second line set where the others go on
        return abs(line.x0 - paragraph.lines[1].x0) < tolerance
    # flush under an indented first line, or hanging after "附件：1."; an indent again is a new one
    return abs(line.x0 - first) >= tolerance or first < frame.left + tolerance


def _title_lines(previous: _Line, line: _Line, frame: _Frame) -> bool:
    """Two centred lines in a title's type (larger than the body's), in one face, not red (a
    red header's mark is its own), one right under the other: a title set in two lines
    (…关于 / 2025年度…的报告)."""
    return (
        abs((line.x0 - frame.left) - (frame.right - line.x1)) < line.size and line.size >= 1.2 * frame.size
        and not line.red and not previous.red and abs(line.size - previous.size) < 0.5
        and previous.page == line.page and previous.face(last=True) == line.face()
        and previous.bottom - line.bottom < 2.2 * line.size and heading_marker(line.text)[0] is None
    )


def _gap(previous: _Line, line: _Line, frame: _Frame) -> bool:
    """A blank line's space (or more) between two lines of a page."""
    return previous.page == line.page and previous.bottom - line.bottom > 1.6 * frame.pitch


def _paragraphs(lines: list[_Line], frame: _Frame) -> list[_Paragraph | list[_Line]]:
    """Lines joined into paragraphs, and runs of table rows (lists of lines)."""
    out: list[_Paragraph | list[_Line]] = []
    previous: _Line | None = None
    for index, line in enumerate(lines):
        last = out[-1] if out else None
        if line.rows is not None:
            ruled = isinstance(last, list) and last[-1].rows is not None
            if ruled and last[-1].page + 1 == line.page and len(last[-1].rows[0]) == len(line.rows[0]):  # type: ignore[index]
                last.append(line)  # type: ignore[union-attr]
            else:
                out.append([line])
        elif _table_row(lines, index):
            if isinstance(last, list):
                last.append(line)
            else:
                out.append([line])
        elif isinstance(last, list) and last[-1].rows is None and _in_table(last, line, frame):
            last.append(line)
        elif isinstance(last, _Paragraph) and _continues(last, line, frame):
            last.lines.append(line)
        else:
            gap = previous is not None and _gap(previous, line, frame)
            out.append(_Paragraph([line], gap, _alone(line, frame) if len(line.cells) == 1 else None))
        previous = line
    return out


def _table_row(lines: list[_Line], index: int) -> bool:
    """A line in columns, next to another such line: a row of a table."""
    def columns(i: int) -> bool:
        return 0 <= i < len(lines) and len(lines[i].cells) > 1

    return columns(index) and (columns(index - 1) or columns(index + 1))


def _in_table(rows: list[_Line], line: _Line, frame: _Frame) -> bool:
    """A line of one piece under a table's row that sits in one of its columns: a wrapped cell."""
    previous = rows[-1]
    centres = _columns(rows)
    return (
        len(line.cells) == 1 and line.page == previous.page and not _gap(previous, line, frame)
        and line.x1 - line.x0 < 0.6 * (frame.right - frame.left)
        and _column(line.cell_centres[0], centres) > 0
    )


def _columns(rows: list[_Line]) -> list[float]:
    widest = max(rows, key=lambda row: len(row.cells))
    return widest.cell_centres


def _column(centre: float, centres: list[float]) -> int:
    return min(range(len(centres)), key=lambda i: abs(centres[i] - centre))


def _table(rows: list[_Line]) -> tuple[tuple[str, ...], ...]:
    """The rows' cells: a ruled table's (over pages, its header repeated on the next page once),
    or in the columns of the widest row, a wrapped cell's line added to its cell."""
    if rows[0].rows is not None:
        header, *body = [row for line in rows for row in line.rows or ()]
        return (header, *(row for row in body if row != header))
    centres = _columns(rows)
    table: list[list[str]] = []
    for line in rows:
        cells = [""] * len(centres)
        for text, centre in zip(line.cells, line.cell_centres):
            cells[_column(centre, centres)] += text
        if len(line.cells) == 1 and table:
            column = _column(line.cell_centres[0], centres)
            table[-1][column] += cells[column]
        else:
            table.append(cells)
    return tuple(tuple(row) for row in table)


def _title(paragraphs: list[_Paragraph | list[_Line]], frame: _Frame) -> _Paragraph | None:
    """The title, when the first page sets one in the largest type (the red mark aside) before the
    first heading: what a printed web page puts above it is the site's."""
    candidates = []
    for item in paragraphs:
        if isinstance(item, list) or item.lines[0].page > 0:
            break
        if heading_marker(item.text)[0] is not None:
            break
        if not item.lines[0].red:
            candidates.append(item)
    largest = max(candidates, key=lambda p: p.lines[0].size, default=None)
    return largest if largest and largest.lines[0].size >= 1.2 * frame.size else None


# --- the reader -----------------------------------------------------------------------------------


def read_pdf(data: bytes, name: str, profile: Profile) -> SourceDocument:
    """The PDF's paragraphs and tables in reading order, and notes on what was read and dropped."""
    document = _open(data, name)
    try:
        pages, pictures = [], []
        for number in range(len(document)):
            page = document[number]  # loaded once for its text and its pictures
            pages.append(_page_lines(page, number))
            pictures += _pictures(page, number)
    finally:
        document.close()
    characters = sum(len(c.text.strip()) for lines in pages for line in lines for c in line.ink)
    if characters < _MIN_CHARS_PER_PAGE * max(1, len(pages)):
        raise _fail("import_pdf_scanned", name, pages=len(pages))
    unmapped = sum(_unmapped(c.text) for lines in pages for line in lines for c in line.ink)
    if unmapped > _MAX_UNMAPPED * characters:
        raise _fail("import_pdf_unmapped", name, share=round(100 * unmapped / characters))
    for lines in pages:
        for line in lines:
            if line.rows is None:
                _split_cells(line)
    pages, dropped = _without_furniture(pages)
    lines = [line for page in pages for line in page]
    frame = _Frame.of(lines)
    paragraphs = _paragraphs(lines, frame)
    title = _title(paragraphs, frame)
    blocks: list[SourceBlock] = []
    for number, item in enumerate(paragraphs, start=1):
        if isinstance(item, list):
            blocks.append(SourceTable(_table(item), number))
            continue
        first = item.lines[0]
        sealed = item.align == "right" and any(p.covers(line) for p in pictures for line in item.lines)
        blocks.append(SourceParagraph(
            item.text, number, align=item.align,  # type: ignore[arg-type]
            start=frame.cells(first.x0), gap_before=item.gap_before, title=item is title, sealed=sealed or None,
        ))
    notes = [Problem("import_pdf_read", {"pages": len(pages)}, Location(name), "info")]
    if dropped:
        notes.append(Problem("import_pdf_furniture", {"text": "、".join(f"“{t}”" for t in dropped[:6])}, Location(name), "info"))
    notes += [Problem("import_picture_dropped", {}, Location(name, _paragraph_at(paragraphs, picture), 1), "warning")
              for picture in pictures]
    return SourceDocument(blocks, notes)


def _paragraph_at(paragraphs: list[_Paragraph | list[_Line]], picture: _Picture) -> int:
    """The number of the paragraph (or table) a picture stands over or above, else of the last
    one before it: where the note on it is placed."""
    def lines(item: _Paragraph | list[_Line]) -> list[_Line]:
        return item if isinstance(item, list) else item.lines

    before = 1
    for number, item in enumerate(paragraphs, start=1):
        first = lines(item)[0]
        if first.page > picture.page or (first.page == picture.page and first.level <= picture.top):
            return number
        before = number
    return before
