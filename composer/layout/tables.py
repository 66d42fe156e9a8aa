"""Table geometry the fixed-layout writers share, so a table takes the same shape in DOCX and PDF."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence

from .. import blocks as b
from ..blocks import cells, set_cells


# Half-width characters (digits, Latin letters) are half an em wide in the official faces, up to
# 0.6 em in the faces standing in for them, and 0.64 em in DejaVu Sans, which LibreOffice takes
# for them when the official faces are missing: a column sized for a line keeps room for those.
_HALF_WIDTH_SLACK = 0.15


def _line_cells(line: str, gap: float) -> float:
    """blocks.set_cells with room for wider half-width characters."""
    return set_cells(line, gap, _HALF_WIDTH_SLACK)


def _cell_widths(table: b.Table, size: float, margin: float, gap: float) -> list[list[float]]:
    """Per column, each cell's width on one line (its longest line, with its autospaces, `gap`
    in ems, and its margins); a blank cell is one character wide."""
    return [
        [max([1.0, *(_line_cells(line, gap) for line in text.splitlines())]) * size + 2 * margin for text in column]
        for column in zip(table.header, *table.rows)
    ]


def _natural_and_floor(cell_widths: list[list[float]], size: float, margin: float) -> tuple[list[float], list[float]]:
    """Each column's width on one line, and the least it keeps when the table is too wide."""
    natural = [max(column) for column in cell_widths]
    return natural, [min(n, 4 * size + 2 * margin) for n in natural]


def too_wide(table: b.Table, width: float, size: float, margin: float, gap: float, columns: int) -> bool:
    """Whether a table belongs on a landscape page: `columns` columns or more, or columns whose
    least widths together pass the portrait text block's `width`."""
    floor = _natural_and_floor(_cell_widths(table, size, margin, gap), size, margin)[1]
    return len(table.header) >= columns or sum(floor) > width


def column_widths(table: b.Table, total: float, size: float, margin: float, rule: float, gap: float) -> list[float]:
    """Column widths summing to `total`: in proportion to each column's longest line when they
    all fit; otherwise the fewest lines a row can take, then as many cells as possible whole
    (`_fewest_lines`); when not even a few characters of each fit, in proportion to those.

    `size` is the width of a full-width character, `margin` the cell margin on each side and
    `rule` the width of the rules, in the unit of `total`; `gap` the autospace in ems. Each
    column keeps a rule's width over its text and margins: LibreOffice takes the rules from the
    cell's room, and a column exactly as wide as its text ("序号") wraps there and not in the PDF.
    """
    cell_widths = [[w + rule for w in column] for column in _cell_widths(table, size, margin, gap)]
    natural, floor = _natural_and_floor(cell_widths, size, margin + rule / 2)
    if sum(natural) <= total or sum(floor) >= total:
        basis = natural if sum(natural) <= total else floor
        return [n * total / sum(basis) for n in basis]
    return _fewest_lines(cell_widths, floor, total, 2 * margin + rule)


def _fewest_lines(cell_widths: list[list[float]], floor: list[float], total: float, padding: float) -> list[float]:
    """Widths at which no cell wraps to more lines than the fewest the table allows; the room
    left then widens, step by step, the column where it keeps the most cells on one line for
    its width (a date, a count, a unit's name), and what remains goes to the columns that still
    wrap by what they lack. A short cell is not broken ("2024年 / 3月") so that a long
    description may wrap a line less, as an office sets such a table by hand."""
    natural = [max(column) for column in cell_widths]
    lines = 2
    while sum(max(f, (n - padding) / lines + padding) for n, f in zip(natural, floor)) > total:
        lines += 1
    widths = [max(f, (n - padding) / lines + padding) for n, f in zip(natural, floor)]
    spare = total - sum(widths)
    ordered = [sorted(column) for column in cell_widths]
    while True:
        steps = []  # (cells kept whole per unit of width, column, its new width)
        for k, column in enumerate(ordered):
            wrapped, reach = bisect_right(column, widths[k]), bisect_right(column, widths[k] + spare)
            steps += [((index + 1 - wrapped) / (column[index] - widths[k]), k, column[index])
                      for index in range(wrapped, reach) if index + 1 == reach or column[index + 1] != column[index]]
        if not steps:
            break
        _, column_index, target = max(steps)
        spare -= target - widths[column_index]
        widths[column_index] = target
    lacking = [n - w for n, w in zip(natural, widths)]
    return [w + spare * gap / sum(lacking) for w, gap in zip(widths, lacking)]


def row_lines(row: Sequence[str], widths: Sequence[float], size: float, margin: float) -> int:
    """About how many lines the row's tallest cell wraps to, counting whole characters per
    line: the DOCX lets a row break across pages when it would not fit on one, as the PDF does."""
    def lines(text: str, width: float) -> int:
        per_line = max(1, math.floor((width - 2 * margin) / size))
        return sum(max(1, math.ceil(cells(part) / per_line)) for part in (text.splitlines() or [""]))

    return max((lines(text, width) for text, width in zip(row, widths)), default=1)
