"""PDF: the laid-out pages (composer.layout) drawn by reportlab, every glyph embedded.

No Word, WPS or LibreOffice is involved: `composer.layout` breaks lines, fills pages and
chooses a face per role; `pdf_canvas` draws what it placed, as a PDF/A file (`pdf_archive`)
tagged for screen readers (`pdf_tags`).
"""

from __future__ import annotations

from ..layout.paged import PagedDocument
from .pdf_archive import DEFAULT, standard
from .pdf_canvas import draw


def render(paged: PagedDocument, pdf_standard: str = DEFAULT) -> bytes:
    """The pages as a PDF conforming to `pdf_standard` (a-1b, a-2b, a-3b; none: no PDF/A claim)."""
    return draw(paged, standard(pdf_standard))
