"""PDF: the official document typeset by reportlab on the GB/T 9704 grid, every glyph embedded.

No Word, WPS or LibreOffice is involved: `typeset` breaks lines and fills pages, `pdf_fonts`
chooses a face per role for the characters that role draws, `pdf_canvas` draws the pages.
"""

from __future__ import annotations

from ..blocks import Document
from ..profile import Profile
from .pdf_archive import DEFAULT, standard
from .pdf_canvas import Widths, draw
from .pdf_fonts import role_fonts
from .typeset import Plan


def render(document: Document, profile: Profile, pdf_standard: str = DEFAULT) -> bytes:
    """The document as a PDF conforming to `pdf_standard` (a-1b, a-2b, a-3b; none: no PDF/A claim)."""
    level = standard(pdf_standard)
    plan = Plan(document, profile)
    fonts = role_fonts(plan.texts(), profile)
    widths = Widths()
    pages = plan.pages(lambda char, role, size: widths(char, fonts(role, char), size))
    page_size = (profile.page.width.pt, profile.page.height.pt)
    return draw(pages, fonts, page_size, document.metadata, level, widths)
