"""Table geometry the fixed-layout writers share, so a table takes the same shape in DOCX and PDF."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .. import blocks as b
from ..blocks import cells, set_cells


# Half-width characters (digits, Latin letters) are half an em wide in the official faces and up
# to 0.6 em in the faces standing in for them: a column sized for a line keeps room for the wider.
_HALF_WIDTH_SLACK = 0.1


def _line_cells(line: str, gap: float) -> float:
    return set_cells(line, gap) + _HALF_WIDTH_SLACK * sum(cells(char) < 1 for char in line)


def _natural_and_floor(table: b.Table, size: float, margin: float, gap: float) -> tuple[list[float], list[float]]:
    """Each column's width on one line (with its autospaces, `gap` in ems), and the least it
    keeps when the table is too wide."""
    natural = [  # a column of blank cells is one character wide
        max([1.0, *(_line_cells(line, gap) for text in column for line in text.splitlines())]) * size + 2 * margin
        for column in zip(table.header, *table.rows)
    ]
    return natural, [min(n, 4 * size + 2 * margin) for n in natural]


def too_wide(table: b.Table, width: float, size: float, margin: float, gap: float, columns: int) -> bool:
    """Whether a table belongs on a landscape page: `columns` columns or more, or columns whose
    least widths together pass the portrait text block's `width`."""
    return len(table.header) >= columns or sum(_natural_and_floor(table, size, margin, gap)[1]) > width


def column_widths(table: b.Table, total: float, size: float, margin: float, rule: float, gap: float) -> list[float]:
    """Column widths summing to `total`: in proportion to each column's longest line when they
    all fit; otherwise the fewest lines a row can take, then as many columns as possible whole
    (`_fewest_lines`); when not even a few characters of each fit, in proportion to those.

    `size` is the width of a full-width character, `margin` the cell margin on each side and
    `rule` the width of the rules, in the unit of `total`; `gap` the autospace in ems. Each column keeps a rule's width
    over its text and margins: LibreOffice takes the rules from the cell's room, and a column
    exactly as wide as its text ("序号") wraps there and not in the PDF.
    """
    natural, floor = ([w + rule for w in widths] for widths in _natural_and_floor(table, size, margin, gap))
    if sum(natural) <= total or sum(floor) >= total:
        basis = natural if sum(natural) <= total else floor
        return [n * total / sum(basis) for n in basis]
    return _fewest_lines(natural, floor, total, 2 * margin + rule)


def _fewest_lines(natural: list[float], floor: list[float], total: float, padding: float) -> list[float]:
    """Widths at which no cell wraps to more lines than the fewest the table allows; the room
    left then makes whole the columns nearest to whole first (a date, a count, a unit's
    name), and what remains goes to the others by what they still lack. A short column is
    not broken ("2024年 / 3月") so that a long description may wrap a line less, as an
    office sets such a table by hand."""
    lines = 2
    while sum(max(f, (n - padding) / lines + padding) for n, f in zip(natural, floor)) > total:
        lines += 1
    widths = [max(f, (n - padding) / lines + padding) for n, f in zip(natural, floor)]
    spare = total - sum(widths)
    for column in sorted(range(len(widths)), key=lambda k: natural[k] - widths[k]):
        if natural[column] - widths[column] > spare:
            break
        spare -= natural[column] - widths[column]
        widths[column] = natural[column]
    lacking = [n - w for n, w in zip(natural, widths)]
    return [w + spare * gap / sum(lacking) for w, gap in zip(widths, lacking)]


def row_lines(row: Sequence[str], widths: Sequence[float], size: float, margin: float) -> int:
    """About how many lines the row's tallest cell wraps to, counting whole characters per
    line: the DOCX lets a row break across pages when it would not fit on one, as the PDF does."""
    def lines(text: str, width: float) -> int:
        per_line = max(1, math.floor((width - 2 * margin) / size))
        return sum(max(1, math.ceil(cells(part) / per_line)) for part in (text.splitlines() or [""]))

    return max((lines(text, width) for text, width in zip(row, widths)), default=1)
