"""OFD (GB/T 33190): the text objects of an OFD package read back as source paragraphs.

An OFD has no paragraphs, only glyph runs placed on pages, so they are rebuilt from where
the runs sit: runs on one baseline make a line (a wide gap between them kept as full-width
spaces, as the TXT output writes them); a line that fills the text block continues on the
next one unless that starts indented by the first-line indent; a blank line's height above
a line is a gap. Rows between a table's vertical rules are table rows, a header row repeated
on a new page dropped. Page numbers below the text block are left out. The text block and
its character cell are the profile's, so `start` counts cells as the TXT reader counts them.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from ..problems import Location, Problem, ReportError
from .source import SourceBlock, SourceDocument, SourceParagraph, SourceTable

if TYPE_CHECKING:
    from ..profile import Profile

_NS = {"ofd": "http://www.ofdspec.org/2016"}
_MM_PER_PT = 25.4 / 72
_SAME_LINE = 0.5  # mm: baselines closer than this are one line


class _Run(NamedTuple):
    """One TextCode: its text from `x` to `right` on the baseline `y` (mm, page top-left)."""

    text: str
    x: float
    right: float
    y: float
    size: float


class _Rule(NamedTuple):
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class _Line:
    text: str
    x: float
    right: float
    y: float
    size: float
    page: int


@dataclass
class _Row:
    cells: tuple[str, ...]
    top: float
    page: int


def read_ofd(data: bytes, name: str, profile: Profile) -> SourceDocument:
    """The document's text as source paragraphs and tables, numbered in reading order."""
    try:
        pages = _pages(zipfile.ZipFile(io.BytesIO(data)))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError) as error:
        reason = str(error) or type(error).__name__
        raise ReportError([Problem("import_ofd_unreadable", {"reason": reason}, Location(name))]) from None
    return SourceDocument(_Blocks(profile).read(pages))


# --- the package -------------------------------------------------------------------------------


def _xml(package: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(package.read(name.lstrip("/")))


def _resolve(base: str, location: str) -> str:
    """A location in the package: absolute from its root, else relative to `base`'s folder."""
    if location.startswith("/"):
        return location.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), location))


def _pages(package: zipfile.ZipFile) -> list[tuple[list[_Run], list[_Rule]]]:
    """Each page's runs and rules, pages in the document's order."""
    root = _xml(package, "OFD.xml").findtext("ofd:DocBody/ofd:DocRoot", namespaces=_NS)
    if not root:
        raise ValueError("OFD.xml names no DocRoot")
    document_name = _resolve("OFD.xml", root.strip())
    document = _xml(package, document_name)
    pages = []
    for page in document.iterfind("ofd:Pages/ofd:Page", _NS):
        content = _xml(package, _resolve(document_name, page.get("BaseLoc", "")))
        runs: list[_Run] = []
        rules: list[_Rule] = []
        for layer in content.iterfind("ofd:Content/ofd:Layer", _NS):
            for item in layer:
                if item.tag == f"{{{_NS['ofd']}}}TextObject":
                    runs += _text_runs(item)
                elif item.tag == f"{{{_NS['ofd']}}}PathObject":
                    rules += _path_rules(item)
        pages.append((runs, rules))
    return pages


def _numbers(text: str | None) -> list[float]:
    return [float(word) for word in (text or "").split()]


def _deltas(text: str | None) -> list[float]:
    """DeltaX or DeltaY with its "g count value" abbreviations written out."""
    words, out, k = (text or "").split(), [], 0
    while k < len(words):
        if words[k] == "g":
            out += [float(words[k + 2])] * int(words[k + 1])
            k += 3
        else:
            out.append(float(words[k]))
            k += 1
    return out


def _advance(char: str, size: float) -> float:
    """The last character's width, which no DeltaX gives: an em, half one for narrow forms."""
    return size if unicodedata.east_asian_width(char) in "WFA" else size / 2


def _text_runs(item: etree._Element) -> list[_Run]:
    if item.get("CTM"):  # turned text: a landscape page's number (GB/T 9704 10), not running text
        return []
    left, top = _numbers(item.get("Boundary"))[:2]
    size = float(item.get("Size", "0"))
    runs = []
    for code in item.iterfind("ofd:TextCode", _NS):
        text = code.text or ""
        if not text.strip():
            continue
        x, y = left + float(code.get("X", "0")), top + float(code.get("Y", "0"))
        right = x + sum(_deltas(code.get("DeltaX"))[: len(text) - 1]) + _advance(text[-1], size)
        runs.append(_Run(text, x, right, y, size))
    return runs


def _path_rules(item: etree._Element) -> list[_Rule]:
    """The straight segments of a path's abbreviated data (M and L), on the page."""
    left, top = _numbers(item.get("Boundary"))[:2]
    rules, at = [], None
    for op, x, y in re.findall(r"([ML])\s+(-?[\d.]+)\s+(-?[\d.]+)", item.findtext("ofd:AbbreviatedData", "", _NS)):
        point = (left + float(x), top + float(y))
        if op == "L" and at is not None:
            rules.append(_Rule(*at, *point))
        at = point
    return rules


# --- lines, paragraphs and tables --------------------------------------------------------------


class _Blocks:
    def __init__(self, profile: Profile) -> None:
        page = profile.page
        self.left = page.margin_left.pt * _MM_PER_PT
        self.right = self.left + page.text_width.pt * _MM_PER_PT
        self.bottom = (page.margin_top.pt + page.text_height.pt) * _MM_PER_PT
        self.cell = profile.char_pitch_pt * _MM_PER_PT
        self.pitch = profile.line_pitch_pt * _MM_PER_PT
        self.blocks: list[SourceBlock] = []

    def read(self, pages: list[tuple[list[_Run], list[_Rule]]]) -> list[SourceBlock]:
        previous: _Line | None = None
        paragraph: list[_Line] = []
        gap = False
        table: list[_Row] = []
        for number, (runs, rules) in enumerate(pages):
            runs = [run for run in runs if run.y <= self.bottom]  # page numbers sit below
            bands = _row_bands(rules)
            items: list[_Line | _Row] = [_Row(cells, top, number) for top, cells in _rows(runs, bands)]
            items += self._lines([run for run in runs if not _in_band(run, bands)], number)
            for item in sorted(items, key=lambda item: item.y if isinstance(item, _Line) else item.top):
                if isinstance(item, _Row):
                    self._paragraph(paragraph, gap)
                    paragraph = []
                    if not (table and item.page != table[-1].page and item.cells == table[0].cells):
                        table.append(item)  # not the header row repeated on a new page
                    continue
                if table:
                    self._table(table)
                    table = []
                if paragraph and self._continues(paragraph[-1], item):
                    paragraph.append(item)
                else:
                    self._paragraph(paragraph, gap)
                    paragraph = [item]
                    gap = previous is not None and previous.page == item.page and \
                        item.y - previous.y > 1.5 * max(self.pitch, item.size * 1.2)
                previous = item
        self._paragraph(paragraph, gap)
        if table:
            self._table(table)
        return self.blocks

    def _lines(self, runs: list[_Run], page: int) -> list[_Line]:
        """Runs on one baseline joined left to right, a gap of a cell or more kept as that
        many full-width spaces."""
        lines: list[_Line] = []
        for run in sorted(runs, key=lambda run: (round(run.y / _SAME_LINE), run.x)):
            last = lines[-1] if lines else None
            if last is not None and last.page == page and abs(last.y - run.y) < _SAME_LINE:
                spaces = round((run.x - last.right) / self.cell)
                last.text += "\u3000" * max(spaces, 0) + run.text
                last.right = run.right
            else:
                lines.append(_Line(run.text, run.x, run.right, run.y, run.size, page))
        return lines

    def _continues(self, last: _Line, line: _Line) -> bool:
        """Whether `line` goes on with the paragraph `last` ended: `last` fills the text block
        (or the end block, a cell inside it), and `line` is in the same size and not indented
        as a new paragraph's first line."""
        full = last.right >= self.right - 1.4 * self.cell
        indented = abs(line.x - self.left - 2 * self.cell) < 0.3 * self.cell
        return full and not indented and abs(line.size - last.size) < 0.01

    def _paragraph(self, lines: list[_Line], gap: bool) -> None:
        if not lines:
            return
        start = round((lines[0].x - self.left) / self.cell * 2) / 2
        text = "".join(line.text for line in lines)
        self.blocks.append(SourceParagraph(text, len(self.blocks) + 1, start=max(start, 0.0), gap_before=gap))

    def _table(self, rows: list[_Row]) -> None:
        self.blocks.append(SourceTable(tuple(row.cells for row in rows), len(self.blocks) + 1))


def _row_bands(rules: list[_Rule]) -> list[tuple[float, float, tuple[float, ...]]]:
    """(top, bottom, column edges) of each table row: vertical rules sharing their ends."""
    edges: dict[tuple[float, float], list[float]] = {}
    for rule in rules:
        if abs(rule.x0 - rule.x1) < 0.01 and abs(rule.y1 - rule.y0) > 0.01:
            key = (round(min(rule.y0, rule.y1), 2), round(max(rule.y0, rule.y1), 2))
            edges.setdefault(key, []).append(rule.x0)
    return [(top, bottom, tuple(sorted(xs))) for (top, bottom), xs in sorted(edges.items()) if len(xs) > 1]


def _in_band(run: _Run, bands: list[tuple[float, float, tuple[float, ...]]]) -> bool:
    return _band_of(run, bands) is not None


def _band_of(run: _Run, bands: list[tuple[float, float, tuple[float, ...]]]) -> int | None:
    for index, (top, bottom, xs) in enumerate(bands):
        if top < run.y < bottom and xs[0] <= run.x < xs[-1]:
            return index
    return None


def _rows(runs: list[_Run], bands: list[tuple[float, float, tuple[float, ...]]]) -> list[tuple[float, tuple[str, ...]]]:
    """(top, cell texts) of each row band, a cell's lines joined top to bottom."""
    cells: dict[int, dict[int, list[_Run]]] = {}
    for run in runs:
        band = _band_of(run, bands)
        if band is not None:
            xs = bands[band][2]
            column = max(k for k in range(len(xs) - 1) if xs[k] <= run.x)
            cells.setdefault(band, {}).setdefault(column, []).append(run)
    rows = []
    for band, (top, _, xs) in enumerate(bands):
        found = cells.get(band, {})
        texts = tuple(
            "".join(run.text for run in sorted(found.get(column, []), key=lambda run: (run.y, run.x)))
            for column in range(len(xs) - 1)
        )
        rows.append((top, texts))
    return rows
