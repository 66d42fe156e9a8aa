"""Laid-out pages drawn with reportlab: text objects and lines, nothing interpreted.

Text goes through canvas text objects, never Paragraph markup, so "<b>", "&" and
"<img src=...>" in an author's text print as the characters they are. Characters are placed
where the layout put them: a run of characters with equal spacing is one text operation
with character spacing (Tc), so a justified line costs a few operators, not one per glyph.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator, Sequence

from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..layout.paged import PagedDocument, Widths
from ..layout.typeset import Glyphs, Image, Item, Rule
from .pdf_archive import ArchiveCanvas, Standard, refuse_transparency

_SAME = 1e-3  # points: spacings closer than this are equal


def _runs(xs: Sequence[float], advance: Sequence[float], breaks: set[int]) -> list[tuple[int, int, float]]:
    """(start, end, character spacing) for stretches of characters spaced alike, ending at `breaks`."""
    # the space after each character but the last: its origin to the next one's, less its advance
    spacings = [after - before - width for before, after, width in zip(xs, xs[1:], advance)]
    spacings.append(0.0)
    runs: list[tuple[int, int, float]] = []
    start, count = 0, len(xs)
    while start < count:
        spacing = spacings[start]
        end = start + 1
        while end < count and end not in breaks and abs(spacings[end - 1] - spacing) <= _SAME:
            end += 1
        runs.append((start, end, spacing))
        start = end
    return runs


@functools.lru_cache(maxsize=4096)
def _number(value: float) -> str:
    """A number as reportlab writes it (fp_str). A page's lines repeat their positions; and
    fp_str, given a bare number, first tries to take its length (an error made and dropped),
    which a 1-tuple spares it."""
    return fp_str((value,))


@functools.cache
def _fill(color: str) -> str:
    """The operator setting a text's fill colour (RRGGBB), as reportlab's text object writes it."""
    rgb = HexColor("#" + color)
    return f"{fp_str((rgb.red, rgb.green, rgb.blue))} rg"


@functools.cache
def _size_and_leading(size: float) -> str:
    """What reportlab's text object writes with a subset's font name: the size and its default
    leading (1.2 times the size)."""
    return f"{fp_str(size)} Tf {fp_str(size * 1.2)} TL"


def draw(paged: PagedDocument, level: Standard) -> bytes:
    """The laid-out pages as a PDF of `level`, each glyph run in the registered font it was set
    in and tagged with what it is (see pdf_tags).

    Identical input gives identical bytes (see pdf_archive).
    """
    widths = paged.widths
    names: dict[tuple[str, int], str] = {}
    out = io.BytesIO()
    canvas = ArchiveCanvas(
        out, metadata=paged.metadata, level=level, pagesize=paged.size, pageCompression=1,
        initialFontName=paged.fonts("body", "　"), initialFontSize=16,
    )
    for page in paged.pages:
        size = page.size or paged.size
        canvas.setPageSize(size)
        height = size[1]
        for item in _merged(page.items):
            if isinstance(item, Glyphs):
                canvas.begin_marked(item.origin)
                _text(canvas, item, 0, len(item.text), item.font, height, widths, names)
            elif isinstance(item, Image):
                if item.image.alpha:
                    refuse_transparency(level, "印章图片", "the seal image")
                canvas.begin_artifact()
                _image(canvas, item, height)
            else:
                canvas.begin_artifact()
                _rule(canvas, item, height)
            canvas.end_marked()
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _merged(items: Sequence[Item]) -> Iterator[Item]:
    """The items, a glyph run that continues the one before it in the same font and the same
    value (not a run-in heading's paragraph: it is tagged apart) drawn with it."""
    last: Glyphs | None = None
    for item in items:
        if (isinstance(item, Glyphs) and item.joined and last is not None and last.font == item.font
                and last.origin[:2] == item.origin[:2]):
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


def _text(
    canvas: Canvas, glyphs: Glyphs, first: int, last: int, font: str, page_height: float, widths: Widths,
    names: dict[tuple[str, int], str],
) -> None:
    """Draws glyphs.text[first:last], all in `font`; `names`: the PDF name of each (font,
    subset) drawn so far in this document.

    The operators are the ones reportlab's text object writes for setFont, setFillColor,
    setTextOrigin (or setTextTransform, for turned glyphs), setCharSpace and textOut, byte for
    byte, written here from one split of the text into the font's subsets: textOut would split
    and measure each run again, most of a PDF's drawing time.
    """
    text, xs = glyphs.text[first:last], glyphs.xs[first:last]
    advance = widths.advances(text, font, glyphs.size)
    y = _number(page_height - glyphs.baseline)
    # Each string shown starts at its own origin where the font's 256-glyph subset changes:
    # pdfminer (pdfplumber) drops the character spacing after the last glyph of a string.
    registered = pdfmetrics.getFont(font)
    doc = canvas._doc
    chunks = registered.splitString(text, doc)
    breaks, at = set(), 0
    for _, chunk in chunks:
        at += len(chunk)
        breaks.add(at)
    code = ["BT", "1 0 0 1 0 0 Tm", _fill(glyphs.color)]  # a text object at the origin, then its colour
    size_and_leading = _size_and_leading(glyphs.size)
    subset_in_use = -1
    chunk_index, chunk_start = 0, 0
    chunk_end = len(chunks[0][1]) if chunks else 0
    current = None  # the character spacing outlives the text object: set it in each
    for start, end, spacing in _runs(xs, advance, breaks):
        if glyphs.turned:  # reading down the page, the glyphs' tops to the right
            code.append(f"{fp_str(0, -1, 1, 0, glyphs.baseline, page_height - xs[start])} Tm")
        else:
            code.append(f"1 0 0 1 {_number(xs[start])} {y} Tm")
        if spacing != current:
            code.append(f"{_number(spacing)} Tc")
            current = spacing
        while start >= chunk_end:
            chunk_index += 1
            chunk_start, chunk_end = chunk_end, chunk_end + len(chunks[chunk_index][1])
        subset, chunk = chunks[chunk_index]
        shown = f"({escapePDF(chunk[start - chunk_start:end - chunk_start])}) Tj"
        if subset != subset_in_use:
            name = names.get((font, subset))
            if name is None:
                name = names[font, subset] = registered.getSubsetInternalName(subset, doc)
            shown = f"{name} {size_and_leading} {shown}"
            subset_in_use = subset
        code.append(shown)
    code.append("ET")
    canvas._code.append(" ".join(code))


def _image(canvas: Canvas, image: Image, page_height: float) -> None:
    """A seal image in its box, its transparent parts left transparent (a soft mask)."""
    from reportlab.lib.utils import ImageReader

    canvas.drawImage(ImageReader(io.BytesIO(image.image.data)), image.x, page_height - image.y - image.height,
                     image.width, image.height, mask="auto")


def _rule(canvas: Canvas, rule: Rule, page_height: float) -> None:
    canvas.setStrokeColor(HexColor("#" + rule.color))
    canvas.setLineWidth(rule.width)
    canvas.line(rule.x0, page_height - rule.y0, rule.x1, page_height - rule.y1)
