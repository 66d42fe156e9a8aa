"""The laid-out document: pages of positioned glyph runs and rules, what fixed-layout
exporters (PDF, later OFD) draw, as Typst's layout hands a `PagedDocument` to its exporters.

Laying out needs the faces (a character's advance is its face's), so the faces of every role
are resolved and registered here, for exactly the characters each role draws; the exporters
then only draw. A character no face has is a ReportError placed by model path; the faces that
stand in for official ones come back as warnings with the pages, never through a global
channel, so several reports may be laid out at once.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each annotation given
# as a string, ~1 M instructions of every process per class (self-references are quoted).
from typing import NamedTuple

from ..blocks import Document, Metadata
from ..problems import Problem
from ..profile import Profile
from . import defer_pillow
from .fonts import Face
from .pdf_fonts import RoleFonts, role_fonts
from .typeset import Fitting, Page, Plan

defer_pillow()  # before reportlab, which imports Pillow, is imported to lay out pages


# Advances measured so far, per registered font and size, shared by every layout of the
# process: a font's name stays with its face for good, and a face grown with more glyphs keeps
# the advances of those it had (composer.layout.fonts), so what was measured of a glyph the
# face has holds for later reports, which then measure only characters new to them.
_MEASURED: dict[tuple[str, float], dict[str, float]] = {}


class Widths:
    """Advance widths per registered font, size and character, measured once a process."""

    def __init__(self) -> None:
        self._tables = _MEASURED

    def __call__(self, char: str, font: str, size: float) -> float:
        width = self._tables.get((font, size), {}).get(char)
        return self.advances(char, font, size)[0] if width is None else width

    def advances(self, text: str, font: str, size: float) -> list[float]:
        """The advance of each character of text (a PDF draws a line's glyph run at once)."""
        table = self._tables.get((font, size))
        if table is None:
            table = self._tables[font, size] = {}
        try:
            return [table[char] for char in text]
        except KeyError:
            from reportlab.pdfbase import pdfmetrics

            measured = {char: pdfmetrics.stringWidth(char, font, size) for char in set(text) - table.keys()}
            # Kept only where the face has the glyph: one it lacks is measured as its missing
            # glyph, and the face, grown later to have it, would draw it with another advance.
            drawn = pdfmetrics.getFont(font).face.charToGlyph
            table.update((char, width) for char, width in measured.items() if ord(char) in drawn)
            return [measured[char] if char in measured else table[char] for char in text]


class PagedDocument(NamedTuple):
    """Pages in points from each page's top-left corner; `faces`: the face of each role the
    pages use; `fonts`: the registered font of each character of a role; `widths`: the
    advances the layout measured; `problems`: the warnings found laying it out; `fitting`:
    what the DOCX repeats of the pagination (a condensed last page, the end block's page)."""

    pages: tuple[Page, ...]
    size: tuple[float, float]
    metadata: Metadata
    faces: dict[str, Face]
    fonts: RoleFonts
    widths: Widths
    problems: tuple[Problem, ...]
    fitting: Fitting = Fitting()


def lay_out(document: Document, profile: Profile) -> PagedDocument:
    """The document on pages; raises ReportError for a character no face of its role has."""
    pages, fitting, fonts, widths, problems = _paginated(document, profile, placed=True)
    size = (profile.page.width.pt, profile.page.height.pt)
    return PagedDocument(tuple(pages), size, document.metadata, fonts.faces(), fonts, widths, tuple(problems),
                         fitting)


def fitting(document: Document, profile: Profile) -> Fitting:
    """What the DOCX repeats of the pagination (lay_out's `fitting`), without setting a
    paragraph's glyphs: the lines break where lay_out breaks them, but are only counted (a
    DOCX alone takes a third less time). Raises ReportError as lay_out does."""
    return _paginated(document, profile, placed=False)[1]


def _paginated(
    document: Document, profile: Profile, placed: bool
) -> tuple[list[Page], Fitting, RoleFonts, Widths, list[Problem]]:
    plan = Plan(document, profile)
    fonts, problems = role_fonts(plan.texts(), profile)
    widths = Widths()
    pages, fitting = plan.pages(lambda char, role, size: widths(char, fonts(role, char), size), fonts, placed)
    return pages, fitting, fonts, widths, problems
