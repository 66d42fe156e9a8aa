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

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..blocks import Document
    from ..profile import Profile
    from .paged import PagedDocument


def lay_out(document: Document, profile: Profile) -> PagedDocument:
    """The document on pages, with the faces used and the warnings found (see `paged`)."""
    from .paged import lay_out as lay_out_pages

    return lay_out_pages(document, profile)
