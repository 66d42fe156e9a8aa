"""Faces for the PDF writer, per role: the one place the writer asks for a reportlab font.

Interim: registers Debian's TrueType faces directly until composer/fonts.py (resolution by
family name, bundled fallback, CFF conversion) is on main.
"""

from __future__ import annotations

from functools import cache

_DEBIAN = {
    "title": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "body": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "page_number": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "heading1": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    "heading2": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
}


@cache
def _register(path: str, index: int) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"{path.rsplit('/', 1)[-1].split('.')[0]}-{index}"
    pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    return name


def role_font(role: str, face: str, chars: set[str]) -> str:
    """The registered reportlab font name to draw `chars` in `role` (the profile asks for `face`)."""
    return _register(*_DEBIAN[role])
