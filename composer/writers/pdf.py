"""PDF: the official document typeset by reportlab on the GB/T 9704 grid, every glyph embedded.

No Word, WPS or LibreOffice is involved: `typeset` breaks lines and fills pages, `pdf_fonts`
chooses a face per role for the characters that role draws, `pdf_canvas` draws the pages.
"""

from __future__ import annotations

from ..blocks import Document
from ..profile import Profile
from .pdf_canvas import Widths, draw
from ..layout.pdf_fonts import role_fonts
from ..layout.typeset import Plan


def render(document: Document, profile: Profile) -> bytes:
    plan = Plan(document, profile)
    fonts = role_fonts(plan.texts(), profile)
    widths = Widths()
    pages = plan.pages(lambda char, role, size: widths(char, fonts(role, char), size))
    page_size = (profile.page.width.pt, profile.page.height.pt)
    return draw(pages, fonts, page_size, document.metadata, widths)
