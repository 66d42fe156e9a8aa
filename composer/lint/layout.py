"""Length: a title over two lines (L001), a heading over one line (L002); hints for the author.

Widths are measured as the renderers set them: in character cells (compose.cells), on the
profile's grid, with the title wrapped by compose.wrap_title and a heading indented like a
paragraph and preceded by its generated marker.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..blocks import cells
from ..compose import wrap_title
from ..model import PART_KEYS, standard_heading
from ..numbering import marker
from .core import Hit, LintDocument, document_rule
from .numbers import report_year

MAX_TITLE_LINES = 2


@document_rule("L001", "info")
def long_title(document: LintDocument) -> Iterator[Hit]:
    value = document.text_at(("title",))
    title = document.report.title if document.report else value.text.strip() if value else None
    if not title:
        return
    profile = document.profile
    issuer = document.report.issuer if document.report else str((document.data or {}).get("issuer", ""))
    lines = wrap_title(title, issuer, profile)
    if len(lines) > MAX_TITLE_LINES:
        anchor = value or document.text_at(("issuer",))
        yield Hit({"lines": len(lines), "limit": profile.title.max_chars_per_line.value}, text=anchor)


def _is_standard(document: LintDocument, level: int, text: str) -> bool:
    """The regulation's own part headings are not the author's to shorten."""
    year = report_year(document)
    standard = {standard_heading(key, year) for key in PART_KEYS} if year is not None else set()
    return level == 1 and (text in standard or text.replace("年度", "年", 1) in standard)


@document_rule("L002", "info")
def long_heading(document: LintDocument) -> Iterator[Hit]:
    indent = float(document.profile.body.first_line_indent.value)
    limit = float(document.profile.grid.chars_per_line.value)
    for heading in document.headings():
        text = heading.text.strip()
        if heading.value is None or heading.run_in or _is_standard(document, heading.level, text):
            continue
        width = indent + cells(marker(heading.level, heading.number) + text)
        if width > limit:
            start = len(heading.value.text) - len(heading.text)
            params = {"heading": text, "width": f"{width:g}", "limit": f"{limit:g}"}
            yield Hit(params, start, start + len(text), text=heading.value)
