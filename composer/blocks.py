"""The composed document: format-neutral blocks in reading order, what every renderer draws.

Numbering, title wrapping, spacing and the placement of signature and date are decided once,
in `compose`; a renderer maps each block to its format and reads sizes and faces from the
style profile. Widths are in character cells (`cells`), the grid's unit.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each annotation given
# as a string, ~1 M instructions of every process per class (self-references are quoted).
import unicodedata
from datetime import date
from typing import NamedTuple

# Where a block's text came from in the model, e.g. ("parts", "measures", "content", 0, "content", 1):
# any later stage can place a problem at the YAML line and column of that value
# (`composer.problems.locate`). () for what no value gave (blank lines).
Path = tuple[str | int, ...]


def cells(text: str) -> float:
    """Width in character cells: CJK and full-width forms take one, Latin and digits half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def set_cells(text: str, gap: float, half_width_extra: float = 0.0) -> float:
    """Cells a line takes as set: with the autospace (`gap`, in ems) every format puts where
    Chinese meets a Latin letter or digit, so that a line counted as fitting does fit; and
    `half_width_extra` ems more for each half-width character (a table's room for faces that
    draw digits wider than half an em)."""
    widths = [cells(char) for char in text]  # each character measured once: a table has thousands
    spaces = sum(1 for a, b, wa, wb in zip(text, text[1:], widths, widths[1:]) if wa != wb and autospaced(a, b))
    return sum(widths) + gap * spaces + half_width_extra * widths.count(0.5)


def autospaced(before: str, after: str) -> bool:
    """Whether Word, WPS and LibreOffice put their autospace between these two characters:
    one a Chinese character, the other a half-width Latin letter or digit."""
    if not (before.isalnum() and after.isalnum()):
        return False
    return (cells(before) == 1) != (cells(after) == 1)


class Metadata(NamedTuple):
    """Document properties: the same for every format, so outputs are reproducible."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    created: date
    # What an archive files the document by (发文字号, 年度, the disclosure fields), label and
    # value: OFD's custom data carries them.
    archive: tuple[tuple[str, str], ...] = ()


class RedHeader(NamedTuple):
    """GB/T 9704 7.2: drawn at fixed places above the title. A joint report's mark may stack
    the issuers' names (`stacked`) with `mark_word` (文件) centred on their right (7.2.4)."""

    mark: str
    number: str | None
    copy_number: str | None
    classification: str | None
    urgency: str | None
    signers: tuple[str, ...]
    path: Path = ("header",)
    stacked: tuple[str, ...] = ()
    mark_word: str = ""


class Title(NamedTuple):
    lines: tuple[str, ...]
    path: Path = ("title",)  # ("issuer",) for the standard title made from the issuer


class BlankLines(NamedTuple):
    count: int  # type: ignore[assignment]  # shadows tuple.count, which nothing here calls
    path: Path = ()


class Addressee(NamedTuple):
    text: str
    path: Path = ("addressees",)


class Heading(NamedTuple):
    """A heading on its own line; level 1 to 4, with its generated marker.

    A part's heading (level 1) names the part (measures, shortcomings, ...), so formats that
    keep structure (HTML) can label it.
    """

    level: int
    marker: str
    text: str
    part: str | None = None
    path: Path = ()

    @property
    def full_text(self) -> str:
        return self.marker + self.text


class Paragraph(NamedTuple):
    """A body paragraph; `lead` is a heading run in at its start, set in the heading's face.

    `outline_level` is the level of the section that holds it (0 before the first part), so a
    paragraph that follows a section's subsections is not taken for part of the last one.
    """

    text: str
    lead: Heading | None = None
    outline_level: int | None = None
    path: Path = ()
    start: int = 0  # where `text` starts in that value: a value of several lines gives several paragraphs

    @property
    def full_text(self) -> str:
        return (self.lead.full_text if self.lead else "") + self.text


class Table(NamedTuple):
    caption: str | None
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    outline_level: int | None = None  # as for Paragraph
    path: Path = ()  # the table's: its cells are path + ("header", column) or ("rows", row, column)


class Attachments(NamedTuple):
    """附件说明: `label` then the items; wrapped lines align with the first item's name."""

    label: str
    items: tuple[str, ...]  # with their numbers ("1.名称") when there are several
    path: Path = ("attachments",)


class PlacedLine(NamedTuple):
    """A line placed by characters from the left edge of the text block (may be fractional)."""

    text: str
    start: float
    end: float


class SealImage(NamedTuple):
    """A seal image an office supplied, checked: its PNG bytes and size in pixels."""

    data: bytes
    width: int
    height: int
    alpha: bool  # has transparency (PDF/A-1 cannot hold it)


class SealMark(NamedTuple):
    """Where a seal image is pressed (7.3.5.1): its box in cells from the text block's left edge
    and in grid lines from the top of the first signature line (negative: above it)."""

    left: float
    top: float
    width: float
    height: float
    image: SealImage
    path: Path = ("seal", "image")
    issuer: str = ""  # whose seal, for the image's description (a screen reader's "青山县人民政府印章")

    @property
    def description(self) -> str:
        return f"{self.issuer}印章"


class Signer(NamedTuple):
    """Another issuer's signature in a joint sign-off, `line` grid lines under the first one
    (0: beside it, seals in a row)."""

    signature: PlacedLine
    line: int
    path: Path


class Signature(NamedTuple):
    """Signature and date, placed by the seal / no-seal rules of GB/T 9704 7.3.5; a joint
    report's other issuers in `others`, the seal images in `seals`."""

    signature: PlacedLine
    date: PlacedLine
    sealed: bool
    path: Path = ("signature",)  # the signature's (("issuer",) when it is the issuer); the date's is ("date",)
    others: tuple[Signer, ...] = ()
    seals: tuple[SealMark, ...] = ()

    @property
    def date_line(self) -> int:
        """Grid lines from the first signature line down to the date's."""
        return 1 + max((other.line for other in self.others), default=0)

    def lines(self) -> list[tuple[int, list[tuple[PlacedLine, Path]]]]:
        """The signature lines, each (line number, its signatures left to right), then the date's."""
        rows: dict[int, list[tuple[PlacedLine, Path]]] = {0: [(self.signature, self.path)]}
        for other in self.others:
            rows.setdefault(other.line, []).append((other.signature, other.path))
        rows[self.date_line] = [(self.date, ("date",))]
        return [(line, sorted(rows[line], key=lambda item: item[0].start)) for line in sorted(rows)]

    def anchors(self) -> tuple[float, float]:
        """Where the signature and the date are held, as a share of their length from their start
        (0 start, 0.5 centre, 1 end), when a format draws them at their natural width (Latin
        letters take no exact half cell in any face): the signature where 7.3.5 fixes it, by its
        end two characters from the right (7.3.5.2), by its start two characters left of a longer
        date's, or, sealed, by its centre over the date (7.3.5.1); the date by its start. The DOCX
        and the PDF hold them alike, so a signature with Latin letters sits alike in both."""
        if self.sealed:
            return 0.5, 0.0
        return (0.0 if self.date.end > self.signature.end else 1.0), 0.0

    def held(self, row: int) -> float:
        """Where row `row` of `lines()` is held (see `anchors`); a joint report's rows, whose
        signatures stand side by side or aligned one under another, by their starts."""
        if row == 0 and not self.others:
            return self.anchors()[0]
        return self.anchors()[1] if row == len(self.lines()) - 1 else 0.0


class Note(NamedTuple):
    """附注, already in parentheses, indented two characters."""

    text: str
    path: Path = ("note",)


class EndBlock(NamedTuple):
    """版记 (GB/T 9704 7.4), at the foot of the last page."""

    copy_to: str | None  # "抄送：A，B。"
    printer: str
    printed: str  # "2024年3月8日印发"
    path: Path = ("end_block",)
    date_apart: bool = False  # the date on a line of its own, under a printer too long to share one


class DisclosureEntry(NamedTuple):
    """One row of the website's disclosure table: the model's field, its label, its value."""

    key: str  # "index_number"
    label: str  # "索引号"
    value: str  # "" when the report leaves it empty, as the website shows it


class Disclosure(NamedTuple):
    """政府信息公开 table of the web page (索引号, 信息分类, ...); never printed on paper."""

    entries: tuple[DisclosureEntry, ...]


class AttachmentPage(NamedTuple):
    """An attachment with content (GB/T 9704 8): from a new page after the sign-off and 附注,
    `label` ("附件2", "附件" when it is the only one) alone at the top left, its title centred
    on the next line, then its content; on landscape pages (GB/T 9704 10) when a table is too
    wide for the portrait text block."""

    label: str
    title: Title
    body: tuple["Block", ...]
    landscape: bool
    path: Path


Block = Title | BlankLines | Addressee | Heading | Paragraph | Table | Attachments | Signature | Note | AttachmentPage


class Document(NamedTuple):
    metadata: Metadata
    header: RedHeader | None
    body: tuple[Block, ...]
    end_block: EndBlock | None
    disclosure: Disclosure | None = None
