"""Laid-out pages drawn with reportlab: text objects and lines, nothing interpreted.

Text goes through canvas text objects, never Paragraph markup, so "<b>", "&" and
"<img src=...>" in an author's text print as the characters they are. Characters are placed
where the layout put them: a run of characters with equal spacing is one text operation
with character spacing (Tc), so a justified line costs a few operators, not one per glyph.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..blocks import Metadata
from .pdf_archive import ArchiveCanvas, Standard
from .pdf_fonts import RoleFonts
from .typeset import Glyphs, Page, Rule

_SAME = 1e-3  # points: spacings closer than this are equal


def _runs(xs: Sequence[float], advance: Sequence[float], breaks: set[int]) -> list[tuple[int, int, float]]:
    """(start, end, character spacing) for stretches of characters spaced alike, ending at `breaks`."""
    runs: list[tuple[int, int, float]] = []
    start = 0
    while start < len(xs):
        end = start + 1
        spacing = xs[end] - xs[start] - advance[start] if end < len(xs) else 0.0
        while end < len(xs) and end not in breaks and abs(xs[end] - xs[end - 1] - advance[end - 1] - spacing) <= _SAME:
            end += 1
        runs.append((start, end, spacing))
        start = end
    return runs


class Widths:
    """Advance widths per font, size and character, measured once."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, float, str], float] = {}

    def __call__(self, char: str, font: str, size: float) -> float:
        key = (font, size, char)
        width = self._cache.get(key)
        if width is None:
            width = self._cache[key] = pdfmetrics.stringWidth(char, font, size)
        return width


def draw(
    pages: Sequence[Page],
    fonts: RoleFonts,
    page_size: tuple[float, float],
    metadata: Metadata,
    level: Standard,
    widths: Widths | None = None,
) -> bytes:
    """The pages as a PDF of `level`; `fonts` gives the registered reportlab font of each character.

    Identical input gives identical bytes (see pdf_archive).
    """
    widths = widths or Widths()
    out = io.BytesIO()
    height = page_size[1]
    canvas = ArchiveCanvas(
        out, metadata=metadata, level=level, pagesize=page_size, pageCompression=1,
        initialFontName=fonts("body", "　"), initialFontSize=16,
    )
    for page in pages:
        for item in page.items:
            if isinstance(item, Glyphs):
                canvas.begin_marked(item.origin)
                for font, start, end in fonts.pieces(item.role, item.text):
                    _text(canvas, item, start, end, font, height, widths)
            else:
                canvas.begin_artifact()
                _rule(canvas, item, height)
            canvas.end_marked()
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _text(canvas: Canvas, glyphs: Glyphs, first: int, last: int, font: str, page_height: float, widths: Widths) -> None:
    """Draws glyphs.text[first:last], all in `font`."""
    text, xs = glyphs.text[first:last], glyphs.xs[first:last]
    advance = [widths(c, font, glyphs.size) for c in text]
    out = canvas.beginText()
    out.setFont(font, glyphs.size)
    out.setFillColor(HexColor("#" + glyphs.color))
    y = page_height - glyphs.baseline
    # Each string shown starts at its own origin where the font's 256-glyph subset changes:
    # pdfminer (pdfplumber) drops the character spacing after the last glyph of a string.
    breaks, at = set(), 0
    for _, chunk in pdfmetrics.getFont(font).splitString(text, canvas._doc):
        at += len(chunk)
        breaks.add(at)
    current = None  # the character spacing outlives the text object: set it in each
    for start, end, spacing in _runs(xs, advance, breaks):
        out.setTextOrigin(xs[start], y)
        if spacing != current:
            out.setCharSpace(spacing)
            current = spacing
        out.textOut(text[start:end])
    canvas.drawText(out)


def _rule(canvas: Canvas, rule: Rule, page_height: float) -> None:
    canvas.setStrokeColor(HexColor("#" + rule.color))
    canvas.setLineWidth(rule.width)
    canvas.line(rule.x0, page_height - rule.y0, rule.x1, page_height - rule.y1)
