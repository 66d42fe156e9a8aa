"""Layout: the composed blocks set on the GB/T 9704 page, for the exporters that draw pages.

    paged = lay_out(compose(report, profile), profile)
    paged.pages[0].items    # Glyphs (text, x positions, baseline, size, colour, role, face,
                            # and their Origin: kind and model path) and Rules
    paged.problems          # warnings, e.g. a face standing in for an official one

`typeset` fills the pages (`linebreak` sets lines, `tables` sizes columns), `pdf_fonts` picks
and registers a face per role from `fonts` (found on the machine; `fontcache` keeps what is
slow to learn). Imported on first use, so that commands that draw no pages do not load it.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..blocks import Document
    from ..problems import Problem
    from ..profile import Profile
    from .fonts import Face
    from .paged import PagedDocument
    from .typeset import Fitting


def lay_out(document: Document, profile: Profile) -> PagedDocument:
    """The document on pages, with the faces used and the warnings found (see `paged`)."""
    from .paged import lay_out as lay_out_pages

    return lay_out_pages(document, profile)


def fitting(document: Document, profile: Profile) -> Fitting:
    """What the DOCX repeats of lay_out's pagination, found without setting the glyphs (see `paged`)."""
    from .paged import fitting as paginated

    return paginated(document, profile)


def faces(profile: Profile) -> dict[str, Face]:
    """The face each role of the profile gets on this machine (`report-composer fonts`)."""
    from .pdf_fonts import faces as role_faces

    return role_faces(profile)


def describe_face(face: Face, lang: str = "zh") -> str:
    """One line: the face of a role, where it came from, whether it stands in."""
    from .fonts import describe_face as describe

    return describe(face, lang)


def stand_ins(profile: Profile) -> Problem | None:
    """The warning every page set with this profile on this machine shares: faces standing in
    for the official ones (a batch says it once)."""
    from .pdf_fonts import stand_ins as warning

    return warning(profile)


def prepare_fonts(profile: Profile) -> None:
    """Reads and registers every role's face now, so that a process laying out many reports
    (a batch worker) does it once."""
    from .pdf_fonts import prepare

    prepare(profile)


def defer_pillow() -> None:
    """Makes Pillow's Image module load when first used rather than when reportlab, which
    imports it to draw images, is imported: the pages draw no image, and Pillow's import is
    ~10 ms of every PDF and OFD process. The module is the standard library's lazy one
    (importlib.util.LazyLoader), so whoever uses it later gets the real module. Called where
    pages are laid out (`paged`), before reportlab is imported, not when this package is:
    commands that lay out no page import no Pillow at all."""
    if "PIL.Image" in sys.modules:
        return
    try:
        spec = importlib.util.find_spec("PIL.Image")
    except ImportError:
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["PIL.Image"] = module
    spec.loader.exec_module(module)
    setattr(sys.modules["PIL"], "Image", module)

