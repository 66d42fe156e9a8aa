"""Table geometry the fixed-layout writers share, so a table takes the same shape in DOCX and PDF."""

from __future__ import annotations

from .. import blocks as b
from ..blocks import cells


def column_widths(table: b.Table, total: float, size: float, margin: float) -> list[float]:
    """Column widths summing to `total`, in proportion to each column's longest line; when
    they cannot all fit, every column keeps room for a few characters first.

    `size` is the width of a full-width character and `margin` the cell margin on each side,
    in the unit of `total`.
    """
    natural = [  # a column of blank cells is one character wide
        max([1.0, *(cells(line) for text in column for line in text.splitlines())]) * size + 2 * margin
        for column in zip(table.header, *table.rows)
    ]
    floor = [min(n, 4 * size + 2 * margin) for n in natural]
    if sum(natural) <= total or sum(floor) >= total:
        basis = natural if sum(natural) <= total else floor
        return [n * total / sum(basis) for n in basis]
    spare = total - sum(floor)
    extra = [n - f for n, f in zip(natural, floor)]
    return [f + spare * e / sum(extra) for f, e in zip(floor, extra)]
