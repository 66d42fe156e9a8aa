"""Laid-out pages drawn with reportlab: text objects and lines, nothing interpreted.

Text goes through canvas text objects, never Paragraph markup, so "<b>", "&" and
"<img src=...>" in an author's text print as the characters they are. Characters are placed
where the layout put them: a run of characters with equal spacing is one text operation
with character spacing (Tc), so a justified line costs a few operators, not one per glyph.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from datetime import date

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..blocks import Metadata
from ..layout.paged import PagedDocument, Widths
from ..layout.typeset import Glyphs, Item, Rule

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


def draw(paged: PagedDocument) -> bytes:
    """The laid-out pages as PDF bytes, each glyph run in the registered font it was set in.

    Identical input gives identical bytes: reportlab runs in invariant mode and the creation
    and modification dates are the document's issue date.
    """
    widths = paged.widths
    out = io.BytesIO()
    height = paged.size[1]
    canvas = Canvas(
        out, pagesize=paged.size, invariant=1, pageCompression=1, lang="zh-CN",
        initialFontName=paged.fonts("body", "　"), initialFontSize=16,
    )
    _describe(canvas, paged.metadata)
    for page in paged.pages:
        for item in _merged(page.items):
            if isinstance(item, Glyphs):
                _text(canvas, item, 0, len(item.text), item.font, height, widths)
            else:
                _rule(canvas, item, height)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _merged(items: Sequence[Item]) -> Iterator[Item]:
    """The items, a glyph run that continues the one before it in the same font drawn with it."""
    last: Glyphs | None = None
    for item in items:
        if isinstance(item, Glyphs) and item.joined and last is not None and last.font == item.font:
            last = last._replace(text=last.text + item.text, xs=last.xs + item.xs)
            continue
        if last is not None:
            yield last
            last = None
        if isinstance(item, Glyphs):
            last = item
        else:
            yield item
    if last is not None:
        yield last


def _describe(canvas: Canvas, metadata: Metadata) -> None:
    canvas.setTitle(metadata.title)
    canvas.setAuthor(metadata.author)
    canvas.setSubject(metadata.subject)
    canvas.setKeywords(", ".join(metadata.keywords))
    canvas.setCreator("report-composer")
    canvas.setProducer("report-composer (ReportLab)")
    issued: date = metadata.created
    stamp = f"D:{issued:%Y%m%d}000000+08'00'"
    canvas.setDateFormatter(lambda *_: stamp)


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
