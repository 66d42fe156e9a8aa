"""Table geometry the fixed-layout writers share, so a table takes the same shape in DOCX and PDF."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .. import blocks as b
from ..blocks import cells


def _natural_and_floor(table: b.Table, size: float, margin: float) -> tuple[list[float], list[float]]:
    """Each column's width on one line, and the least it keeps when the table is too wide."""
    natural = [  # a column of blank cells is one character wide
        max([1.0, *(cells(line) for text in column for line in text.splitlines())]) * size + 2 * margin
        for column in zip(table.header, *table.rows)
    ]
    return natural, [min(n, 4 * size + 2 * margin) for n in natural]


def too_wide(table: b.Table, width: float, size: float, margin: float, columns: int) -> bool:
    """Whether a table belongs on a landscape page: `columns` columns or more, or columns whose
    least widths together pass the portrait text block's `width`."""
    return len(table.header) >= columns or sum(_natural_and_floor(table, size, margin)[1]) > width


def column_widths(table: b.Table, total: float, size: float, margin: float) -> list[float]:
    """Column widths summing to `total`, in proportion to each column's longest line; when
    they cannot all fit, every column keeps room for a few characters first.

    `size` is the width of a full-width character and `margin` the cell margin on each side,
    in the unit of `total`.
    """
    natural, floor = _natural_and_floor(table, size, margin)
    if sum(natural) <= total or sum(floor) >= total:
        basis = natural if sum(natural) <= total else floor
        return [n * total / sum(basis) for n in basis]
    spare = total - sum(floor)
    extra = [n - f for n, f in zip(natural, floor)]
    return [f + spare * e / sum(extra) for f, e in zip(floor, extra)]


def row_lines(row: Sequence[str], widths: Sequence[float], size: float, margin: float) -> int:
    """About how many lines the row's tallest cell wraps to, counting whole characters per
    line: the DOCX lets a row break across pages when it would not fit on one, as the PDF does."""
    def lines(text: str, width: float) -> int:
        per_line = max(1, math.floor((width - 2 * margin) / size))
        return sum(max(1, math.ceil(cells(part) / per_line)) for part in (text.splitlines() or [""]))

    return max((lines(text, width) for text, width in zip(row, widths)), default=1)
