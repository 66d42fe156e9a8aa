"""PDF: the official document typeset by reportlab on the GB/T 9704 grid, every glyph embedded.

No Word, WPS or LibreOffice is involved: `typeset` breaks lines and fills pages, `pdf_canvas`
draws them, `pdf_fonts` chooses a face per role for the characters that role draws.
"""

from __future__ import annotations

from collections import defaultdict

from ..blocks import Document
from ..profile import Profile
from .pdf_canvas import _Widths, draw
from .pdf_fonts import role_font
from .typeset import Plan


def render(document: Document, profile: Profile) -> bytes:
    plan = Plan(document, profile)
    chars: dict[str, set[str]] = defaultdict(set)
    for run, _ in plan.texts():
        chars[run.role].update(run.text)
    chars["body"].add(" ")  # reportlab's initial font: the body face
    fonts = {role: role_font(role, profile.face(role), needed) for role, needed in chars.items()}
    widths = _Widths()
    pages = plan.pages(lambda char, role, size: widths(char, fonts[role], size))
    page_size = (profile.page.width.pt, profile.page.height.pt)
    return draw(pages, fonts, page_size, document.metadata, widths)
