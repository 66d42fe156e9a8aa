"""PDF: the laid-out pages (composer.layout) drawn by reportlab, every glyph embedded.

No Word, WPS or LibreOffice is involved: `composer.layout` breaks lines, fills pages and
chooses a face per role; `pdf_canvas` draws what it placed.
"""

from __future__ import annotations

from ..layout.paged import PagedDocument
from .pdf_canvas import draw


def render(paged: PagedDocument) -> bytes:
    return draw(paged)
