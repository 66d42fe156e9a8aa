"""A composed document laid out on the GB/T 9704 page: where every character and rule goes.

Two stages. `Plan(document, profile)` turns the blocks into pieces of text with their roles
and origins (so the faces can be chosen for exactly the characters each role needs) without
measuring anything. `Plan.pages(measure, fonts)` then breaks lines and fills pages on the grid: 22 lines of
28.95 pt, characters centred on their line, full-width characters on the 156 mm / 28 cell
pitch; headings keep with the next line, the signature never stands alone on a page (its last
page is set closer, 23 lines, rather than leave the lines above it short, GB/T 9704 7.3.5.5),
table rows (lines of the table's own height, as in the DOCX) stay whole and repeat the header
row on a new page, the end block sits at the foot of an even page (after a blank page when
needed, neither numbered), page numbers go under the text block. `Fitting` says what of this
the DOCX must repeat. Pages fill by height, so text after a table stacks as Word and LibreOffice stack it.

A table row taller than a page breaks across pages, line by line. Text that cannot be set
inside the text block (a signature longer than a line, a header or end block taller than a
page) is a ReportError placed by model path, never a clipped page.

Nothing here knows of PDF: positions are points from the page's top-left corner, and each
run of glyphs says what it is and which model value it came from (`Origin`), for exporters
that tag or annotate (a tagged PDF, OFD) and for messages placed in the input.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each annotation given
# as a string, ~1 M instructions of every process per class (self-references are quoted).
import bisect
import itertools
import math
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import blocks as b
from ..blocks import Path, cells
from ..problems import Location, Problem, ReportError
from ..profile import Profile
from .linebreak import Line, Rules, Run, single_line, wrap
from .tables import column_widths

if TYPE_CHECKING:
    from .fonts import Face
    from .pdf_fonts import RoleFonts

# (character, role, size in points) -> natural advance in points.
SizedMeasure = Callable[[str, str, float], float]

_SLACK = 0.01  # points: rounding that does not make a line overflow the text block
_DOCX_ROUNDING = 1.0  # points of a page LibreOffice loses to rounding: a condensed page leaves them free
_EDGE = 1.0  # points a glyph may stand past the text block (a face's advance wider than its cell)


# --- what a page is made of -------------------------------------------------------------------


class Origin(NamedTuple):
    """What a run of text is and the model value it came from.

    `kind`: title, addressee, heading (with `level`), paragraph, caption, table_header or
    table_cell (with `row`, 0 the header row, and `column`), attachments, signature, date,
    note, header, end_block or page_number. `offset`: where the run's first character is in
    that value (negative when a generated prefix such as a heading's marker comes first; None
    when the text is not the value's own, a formatted date say).
    """

    kind: str
    path: Path = ()
    offset: int | None = 0
    level: int | None = None
    row: int | None = None
    column: int | None = None

    def at(self, index: int) -> int | None:
        """The offset in the value of the run's `index`-th character (None: not in the value)."""
        return None if self.offset is None or self.offset + index < 0 else self.offset + index


class Glyphs(NamedTuple):
    """Characters of one role and size on one baseline, each at its own left edge, drawn in
    one registered `font` of `face`; `joined` when it continues the run before it on its line
    (a run-in heading's text in the paragraph's face), so an exporter may draw both as one."""

    text: str
    xs: tuple[float, ...]
    baseline: float
    role: str
    size: float
    color: str  # RRGGBB
    origin: Origin = Origin("")
    font: str = ""
    face: "Face | None" = None
    joined: bool = False
    # Turned a quarter clockwise, reading down the page: `xs` are then distances from the top
    # edge and `baseline` the distance from the left (a landscape page's page number, GB/T 9704 10).
    turned: bool = False

    def moved(self, dy: float) -> "Glyphs":
        return self._replace(baseline=self.baseline + dy)


class Rule(NamedTuple):
    """A straight line from (x0, y0) to (x1, y1), `width` points thick."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    color: str

    def moved(self, dy: float) -> "Rule":
        return self._replace(y0=self.y0 + dy, y1=self.y1 + dy)


class Image(NamedTuple):
    """A seal image (an office's PNG) in the box from (x, y), its top-left corner, `width` x
    `height` points; drawn behind the text it presses on."""

    x: float
    y: float
    width: float
    height: float
    image: b.SealImage
    origin: Origin

    def moved(self, dy: float) -> "Image":
        return self._replace(y=self.y + dy)


Item = Glyphs | Rule | Image


class Page(NamedTuple):
    """`numbered`: False on the end block's page and the blank page before it (GB/T 9704 7.5)."""

    number: int
    items: tuple[Item, ...]
    size: tuple[float, float] | None = None  # width and height in points; None: the document's
    numbered: bool = True


class Fitting(NamedTuple):
    """What pagination decided beyond filling the grid, for the DOCX to repeat so that Word and
    LibreOffice break its pages where the PDF breaks them.

    `condensed`: body blocks (by index) set at a closer line pitch, in points, on the page the
    sign-off ends on (7.3.5.5); `end_page`: the end block starts a page of its own (7.4, on an
    even page); `blank_page`: a blank page comes before that one (both unnumbered, 7.5).
    """

    condensed: dict[int, float] = {}
    end_page: bool = False
    blank_page: bool = False


class Grid(NamedTuple):
    """The text block and its grid of lines and character cells, in points."""

    left: float
    top: float
    width: float
    height: float
    pitch: float
    cell: float
    em_ascent: float

    @classmethod
    def from_profile(cls, profile: Profile) -> "Grid":
        page = profile.page
        return cls(
            page.margin_left.pt, page.margin_top.pt, page.text_width.pt, page.text_height.pt,
            profile.line_pitch_pt, profile.char_pitch_pt, float(profile.grid.em_ascent.value),
        )

    def baseline(self, line_top: float, size: float) -> float:
        """The baseline of `size`-point text centred on the grid line starting at `line_top`."""
        return line_top + (self.pitch - size) / 2 + self.em_ascent * size

    def line_top(self, line: int) -> float:
        return self.top + line * self.pitch

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def turned(self, page_height: float) -> "Grid":
        """The text block of a landscape page (GB/T 9704 10): the portrait page turned a quarter
        clockwise, so the portrait's left edge (the binding edge of an odd page, the cutting
        edge of an even one) is its top, where the tables' header rows go."""
        return self._replace(left=page_height - self.top - self.height, top=self.left, width=self.height,
                             height=self.width)


# --- stage 1: the text to set ----------------------------------------------------------------

PAGE_NUMBER = Origin("page_number", (), None)


class Source(NamedTuple):
    """Where a piece of text is, for messages: the kind of block (title, paragraph, table,
    header, ...), its number among the body's blocks of text (0 outside the body) and the
    whole text of the block."""

    kind: str
    number: int
    text: str


class _Text(NamedTuple):
    """Text wrapped into grid lines; indents in cells, `hang` = wrapped lines align after that
    many characters of the first line's text. `origins`: each run's."""

    runs: tuple[Run, ...]
    origins: tuple[Origin, ...]
    size: float
    cell: float
    source: Source
    first_indent: float = 0.0
    hang: int = 0
    centred: bool = False
    keep: bool = False


class _Placed(NamedTuple):
    """One line placed between `start` and `end` cells from the left edge (signature, date), held
    at `anchor` (a share of its length: 0 its start, 0.5 its centre, 1 its end) when its natural
    width differs from its cells; a joint report's other signatures on the line in `beside`
    (run, origin, start), its seals in `seals`."""

    runs: tuple[Run, ...]
    origins: tuple[Origin, ...]
    size: float
    start: float
    source: Source
    keep: bool = False
    tie_back: bool = False  # on the same page as the last line of text before it
    beside: tuple[tuple[Run, Origin, float], ...] = ()
    seals: tuple[b.SealMark, ...] = ()
    end: float = 0.0
    anchor: float = 0.0


class _Blank:
    """An empty grid line."""


class _NewPage(NamedTuple):
    """What follows starts a new page (an attachment), landscape or portrait."""

    landscape: bool


class _Table(NamedTuple):
    header: tuple[Run, ...]
    rows: tuple[tuple[Run, ...], ...]
    source: Source
    path: Path

    def origin(self, row: int, column: int) -> Origin:
        """Row 0 is the header row."""
        if row == 0:
            return Origin("table_header", (*self.path, "header", column), row=0, column=column)
        return Origin("table_cell", (*self.path, "rows", row - 1, column), row=row, column=column)


class _Header(NamedTuple):
    corner: tuple[Run, ...]  # copy number, classification, urgency: one per line, top left
    corner_origins: tuple[Origin, ...]
    mark: Run
    number: Run | None
    signers: tuple[Run, ...]  # label, then the names
    source: Source
    path: Path
    stacked: tuple[Run, ...] = ()  # a joint mark's names, one above the other, then the word (文件)

    def origin(self, key: str) -> Origin:
        return Origin("header", (*self.path, key), None if key == "signers" else 0)


class _End(NamedTuple):
    copy_to: _Text | None
    printer: Run
    printed: Run
    source: Source
    path: Path
    date_apart: bool = False

    def origin(self, key: str) -> Origin:
        return Origin("end_block", (*self.path, key), 0 if key == "printer" else None)


Spec = _Text | _Placed | _Blank | _Table | _NewPage


def _runs_of(spec: Any) -> Iterator[tuple[Run, Origin]]:
    if isinstance(spec, _Text | _Placed):
        yield from zip(spec.runs, spec.origins)
        if isinstance(spec, _Placed):
            yield from ((run, origin) for run, origin, _ in spec.beside)
    elif isinstance(spec, _Table):
        for row, runs in enumerate((spec.header, *spec.rows)):
            for column, run in enumerate(runs):
                yield run, spec.origin(row, column)
    elif isinstance(spec, _Header):
        yield from zip(spec.corner, spec.corner_origins)
        yield spec.mark, spec.origin("mark")
        yield from ((run, spec.origin("mark")) for run in spec.stacked)
        yield from ((run, spec.origin("signers")) for run in spec.signers)
        if spec.number:
            yield spec.number, spec.origin("number")
    elif isinstance(spec, _End):
        yield spec.printer, spec.origin("printer")
        yield spec.printed, spec.origin("print_date")
        if spec.copy_to:
            yield from zip(spec.copy_to.runs, spec.copy_to.origins)


_NUMBERED = re.compile(r"^\d+\.")
_SIGNER_SEPARATOR = "\u3000"  # between two signers on a line of the red header (7.2.6)


class Plan:
    """The document as pieces of text with their roles and origins, ready to be laid out."""

    def __init__(self, document: b.Document, profile: Profile):
        self.profile = profile
        self.grid = Grid.from_profile(profile)
        self.rules = Rules.from_profile(profile)
        self.body_role = str(profile.body.role)
        self.body_size = profile.body.size.pt
        self.header = self._header(document.header) if document.header else None
        self.body: list[Spec] = []
        self.block_of: list[int] = []  # the index in document.body of each spec's block
        number = 0
        for index, block in enumerate(document.body):
            if isinstance(block, b.AttachmentPage):
                before = len(self.body)
                number = self._attachment_page(block, number)
                self.block_of += [index] * (len(self.body) - before)
                continue
            number += not isinstance(block, b.BlankLines)
            specs = self._block(block, number)
            self.body += specs
            self.block_of += [index] * len(specs)
        self.end = self._end(document.end_block) if document.end_block else None
        self.page_number_role = str(profile.page_number.role)
        self.page_number_size = profile.page_number.size.pt

    # every character each role must draw, with where it comes from

    def texts(self) -> Iterator[tuple[Run, Origin, Source]]:
        """Every run of text the pages can hold, with its origin and source (page numbers as 0-9)."""
        for spec in (self.header, *self.body, self.end):
            if spec is not None and not isinstance(spec, _Blank | _NewPage):
                for run, origin in _runs_of(spec):
                    yield run, origin, spec.source
        if self.header is not None and len(self.header.signers) > 2:  # the space between names
            names = self.header.signers[1]
            yield Run(_SIGNER_SEPARATOR, names.role), self.header.origin("signers"), self.header.source
        dash = self.profile.page_number.dash.value
        yield Run(f"{dash} 0123456789 {dash}", self.page_number_role), PAGE_NUMBER, Source("page_number", 0, "")

    # blocks -> specs

    def _text(self, text: str, role: str, origin: Origin, source: Source, **options: Any) -> _Text:
        return _Text((Run(text, role),), (origin,), self.body_size, self.grid.cell, source, **options)

    def _block(self, block: b.Block, number: int) -> list[Spec]:
        profile, body, indent = self.profile, self.body_role, float(self.profile.body.first_line_indent.value)
        match block:
            case b.Title(lines, path):
                size, role = profile.title.size.pt, str(profile.title.role)
                source = Source("title", number, "".join(lines))
                starts = itertools.accumulate((len(line) for line in lines), initial=0)
                return [
                    _Text((Run(line, role),), (Origin("title", path, start),), size, size, source, centred=True,
                          keep=i < len(lines) - 1)
                    for i, (line, start) in enumerate(zip(lines, starts))
                ]
            case b.BlankLines(count):
                return [_Blank()] * count
            case b.Addressee(text, path):
                return [self._text(text, body, Origin("addressee", path, None), Source("addressee", number, text))]
            case b.Heading(level=level):
                heading = profile.headings[level]
                return [
                    _Text((Run(block.full_text, str(heading.role)),), (self._heading_origin(block),), heading.size.pt,
                          self.grid.cell, Source("heading", number, block.full_text), first_indent=indent, keep=True)
                ]
            case b.Paragraph(text, lead):
                runs = ((Run(lead.full_text, str(profile.headings[lead.level].role)),) if lead else ()) + (
                    Run(text, body),
                )
                origins = ((self._heading_origin(lead),) if lead else ()) + (
                    Origin("paragraph", block.path, block.start),
                )
                return [_Text(runs, origins, self.body_size, self.grid.cell,
                              Source("paragraph", number, block.full_text), first_indent=indent)]
            case b.Table(caption, header, rows):
                source = Source("table", number, "　".join((caption or "", *header, *(c for r in rows for c in r))))
                caption_role = str(profile.table.caption_role)
                specs: list[Spec] = [
                    self._text(caption, caption_role, Origin("caption", (*block.path, "caption")), source,
                               centred=True, keep=True)
                ] if caption else []
                header_role, cell_role = str(profile.table.header_role), str(profile.table.role)
                return specs + [
                    _Table(tuple(Run(c, header_role) for c in header),
                           tuple(tuple(Run(c, cell_role) for c in row) for row in rows), source, block.path)
                ]
            case b.Attachments(label, items, path):
                return self._attachments(label, items, path, number)
            case b.Signature():
                return self._sign_off(block, number)
            case b.Note(text, path):
                source = Source("note", number, text)
                origin = Origin("note", path, -1)  # after the parenthesis compose adds
                return [self._text(text, body, origin, source, first_indent=float(profile.note.indent.value))]
        raise TypeError(f"no layout for {block!r}")

    def _attachment_page(self, page: b.AttachmentPage, number: int) -> int:
        """A new page, "附件N" on its first line at the left, the title and the content below;
        returns the number of the last block of text set."""
        attachments = self.profile.attachments
        number += 1
        self.body += [
            _NewPage(page.landscape),
            self._text(page.label, str(attachments.page_label_role), Origin("attachment_label", page.path, None),
                       Source("attachment_label", number, page.label), keep=True),
        ]
        for block in (page.title, *page.body):
            number += not isinstance(block, b.BlankLines)
            self.body += self._block(block, number)
        return number

    def _sign_off(self, block: b.Signature, number: int) -> list[Spec]:
        """Signature lines and the date, kept together and never on a page without body text;
        blank lines between the rows of a joint report's seals; the seals ride on the first line."""
        specs: list[Spec] = []
        lines = block.lines()
        for k, (line, placed) in enumerate(lines):
            if specs:
                specs += [_Placed((), (), self.body_size, 0.0, Source("signature", number, ""), keep=True)] * (
                    line - lines[k - 1][0] - 1)
            runs = [(Run(p.text, self.body_role),
                     Origin("date", path, None) if path == ("date",) else Origin("signature", path), p.start)
                    for p, path in placed]
            (run, origin, start), *beside = runs
            text = "　".join(p.text for p, _ in placed)
            specs.append(_Placed((run,), (origin,), self.body_size, start, Source("signature", number, text),
                                 keep=k < len(lines) - 1, tie_back=k == 0, beside=tuple(beside),
                                 seals=block.seals if k == 0 else (), end=placed[0][0].end, anchor=block.held(k)))
        return specs

    @staticmethod
    def _heading_origin(heading: b.Heading) -> Origin:
        return Origin("heading", heading.path, -len(heading.marker), level=heading.level)

    def _attachments(self, label: str, items: tuple[str, ...], path: Path, number: int) -> list[Spec]:
        """附件说明: wrapped lines align with the name, after "附件：" and the item's number."""
        indent = float(self.profile.attachments.indent.value)
        specs: list[Spec] = []
        for i, item in enumerate(items):
            numbered = _NUMBERED.match(item)
            hang = (numbered.end() if numbered else 0) + (len(label) if i == 0 else 0)
            text = label + item if i == 0 else item
            specs.append(
                self._text(text, self.body_role, Origin("attachments", (*path, i), -hang),
                           Source("attachments", number, text),
                           first_indent=indent if i == 0 else indent + cells(label), hang=hang)
            )
        return specs

    def _header(self, header: b.RedHeader) -> _Header:
        profile = self.profile.header
        bold = str(profile.classification_role)
        keys = ("copy_number", "classification", "urgency")
        roles = (self.body_role, bold, bold)
        present = [(key, getattr(header, key), role) for key, role in zip(keys, roles) if getattr(header, key)]
        corner = [Run(text, role) for _, text, role in present]
        signers: tuple[Run, ...] = ()
        if header.signers:
            signers = (Run(str(profile.signer_label.value), self.body_role),) + tuple(
                Run(name, str(profile.signer_role)) for name in header.signers
            )
        return _Header(
            tuple(corner), tuple(Origin("header", (*header.path, key)) for key, _, _ in present),
            Run(header.mark, str(profile.mark_role)),
            Run(header.number, self.body_role) if header.number else None, signers,
            Source("header", 0, "　".join(run.text for run in (*corner, *signers))
                   + f"　{header.mark}　{header.number or ''}"),
            header.path,
            tuple(Run(text, str(profile.mark_role)) for text in (*header.stacked, header.mark_word)) if header.stacked else (),
        )

    def _end(self, end: b.EndBlock) -> _End:
        profile = self.profile.end_block
        size, role = profile.size.pt, str(profile.role)
        source = Source("end_block", 0, f"{end.copy_to or ''}　{end.printer}　{end.printed}")
        copy_to = None
        if end.copy_to:
            origin = Origin("end_block", (*end.path, "copy_to"), None)
            copy_to = _Text((Run(end.copy_to, role),), (origin,), size, size, source,
                            hang=len(str(profile.copy_to_label.value)))
        return _End(copy_to, Run(end.printer, role), Run(end.printed, role), source, end.path, end.date_apart)

    # stage 2: lines and pages

    def pages(self, measure: SizedMeasure, fonts: "RoleFonts", placed: bool = True) -> tuple[list[Page], Fitting]:
        """The document laid out, page by page, and what the DOCX must repeat of its pagination;
        `fonts` gives each character's registered font. Not `placed`: the same pagination,
        with no glyph of a paragraph or a page number set (its pages are for counting)."""
        return _Layout(self, measure, fonts, placed).pages()


# --- stage 2 -----------------------------------------------------------------------------------


class _Slab(NamedTuple):
    """What pagination moves as one (a line, a table row), `height` points high, its items
    placed relative to its top."""

    height: float
    items: tuple[Item, ...] = ()
    keep: bool = False  # on the same page as the first line of what follows
    header: "_Slab | None" = None  # a table row: the header row to repeat above it on a new page
    kind: str = "blank"  # the kind of block it comes from (Source.kind)
    last: bool = True  # the last line of its block
    tie_back: bool = False  # the signature: what stands before it stays on its page (see _tied)
    close: tuple[Item, ...] = ()  # drawn only when the page breaks right after it (a row's rule)
    page: Grid | None = None  # starts a new page with this text block (an attachment)
    block: int = -1  # the index in document.body of the block it comes from
    grid_line: bool = False  # one line of the grid (text, blank), which a closer pitch may set


class _OnPage(NamedTuple):
    slab: _Slab
    top: float  # points from the top of the text block
    height: float  # the slab's, or the closer pitch of a condensed page


class _PageBuilder:
    def __init__(self, grid: Grid, landscape: bool = False) -> None:
        self.grid = grid
        self.landscape = landscape
        self.items: list[Item] = []  # the red header
        self.start = 0.0  # where the body starts, points from the top of the text block
        self.y = 0.0  # points used from the top of the text block
        self.placed: list[_OnPage] = []
        self.pitch: float | None = None  # the closer line pitch of a condensed page
        self.carried = -1  # the block continued from the page before, which keeps its pitch
        self.numbered = True

    def grid_lines(self, slabs: list[_Slab]) -> list[_Slab]:
        """Those of `slabs` a closer pitch sets: grid lines of blocks that start on this page
        (the DOCX sets line height per paragraph, and a paragraph's lines on the page before
        keep theirs)."""
        return [slab for slab in slabs if slab.grid_line and slab.block != self.carried]

    def items_placed(self, top: float) -> list[Item]:
        items = list(self.items)
        for slab, y, height in self.placed:
            shift = top + y + (height - slab.height) / 2  # a closer line keeps its text centred
            items += [item.moved(shift) for item in slab.items]
        if self.placed:
            slab, y, _ = self.placed[-1]
            items += [item.moved(top + y) for item in slab.close]
        return items


class _Layout:
    def __init__(self, plan: Plan, measure: SizedMeasure, fonts: "RoleFonts", placed: bool = True):
        self.plan = plan
        self.placed = placed
        self.fonts = fonts
        self.profile = plan.profile
        self.grid = self.portrait = plan.grid  # the text block of the page being set
        self.landscape = plan.grid.turned(self.profile.page.height.pt)
        self.rules = plan.rules
        self.measure = measure
        self.text_color = str(self.profile.colors.text.value)
        self.red = str(self.profile.colors.red.value)

    def _measure(self, size: float) -> Callable[[str, str], float]:
        """Advances at `size`; half-width text at the body size is tightened as the DOCX
        tightens its runs (char_tightening), so that digits and Latin text take the room they
        take there (full-width characters keep the grid's cell)."""
        if size != self.plan.body_size:
            return lambda char, role: self.measure(char, role, size)
        tightening = self.profile.grid.char_tightening.pt
        return lambda char, role: self.measure(char, role, size) - (tightening if cells(char) < 1 else 0.0)

    def _glyphs(
        self, line: Line, x: float, baseline: float, size: float, origin: Origin, color: str | None = None
    ) -> list[Glyphs]:
        out: list[Glyphs] = []
        for s in line.segments:
            out += self._faced(s.role, s.text, tuple([x + dx for dx in s.xs]), baseline, size, origin, color)
        return out

    def _faced(
        self, role: str, text: str, xs: tuple[float, ...], baseline: float, size: float, origin: Origin,
        color: str | None = None, joined: bool = False,
    ) -> list[Glyphs]:
        """Glyph runs of one font each: the role's face, or its fallback for what only that has."""
        color = color or self.text_color
        return [
            Glyphs(text[start:end], xs[start:end], baseline, role, size, color, origin, font,
                   self.fonts.face(font), joined and start == 0)
            for font, start, end in self.fonts.pieces(role, text)
        ]

    def _runs_glyphs(self, spec: _Text, line: Line, x: float, baseline: float, done: int) -> tuple[list[Glyphs], int]:
        """A line of a text of several runs (a run-in heading, then its paragraph), each glyph
        run with the origin of its text run, split where one ends; `done` characters were set
        on the lines above. Counts in characters set: a space dropped at a line break shifts them."""
        ends = list(itertools.accumulate(len(run.text) for run in spec.runs))
        out: list[Glyphs] = []
        for s in line.segments:
            k = 0
            while k < len(s.text):
                r = min(bisect.bisect_right(ends, done), len(ends) - 1)
                stop = min(len(s.text), max(k + 1, k + ends[r] - done))
                xs = tuple(x + dx for dx in s.xs[k:stop])
                out += self._faced(s.role, s.text[k:stop], xs, baseline, spec.size, spec.origins[r], joined=k > 0)
                done += stop - k
                k = stop
        return out, done

    def _single(self, runs: tuple[Run, ...] | list[Run], size: float, cell: float | None = None) -> Line:
        return single_line(runs, cell or size, self._measure(size), self.rules)

    # text

    def _wrap(self, spec: _Text, width: float) -> list[Line]:
        body = spec.size == self.plan.body_size  # tightened in the DOCX (see _measure)
        lines = wrap(spec.runs, width, spec.cell, self._measure(spec.size), self.rules,
                     first_indent=spec.first_indent * spec.cell, hang=spec.hang,
                     tightening=self.profile.grid.char_tightening.pt if body else 0.0,
                     word_indent=spec.first_indent * spec.size, placed=self.placed)
        if spec.centred:
            lines = [line.shifted((width - line.width) / 2) for line in lines]
        return lines

    def _text_slabs(self, spec: _Text) -> list[_Slab]:
        baseline = self.grid.baseline(0.0, spec.size)
        lines = self._wrap(spec, self.grid.width)
        slabs, done = [], 0
        for k, line in enumerate(lines):
            if not self.placed:
                items = []
            elif len(spec.runs) == 1:
                items = self._glyphs(line, self.grid.left, baseline, spec.size, spec.origins[0])
            else:
                items, done = self._runs_glyphs(spec, line, self.grid.left, baseline, done)
            slabs.append(_Slab(self.grid.pitch, tuple(items), spec.keep, kind=spec.source.kind, last=k == len(lines) - 1,
                               grid_line=True))
        return slabs

    def _placed_slab(self, spec: _Placed) -> _Slab:
        grid = self.grid
        images = tuple(
            Image(grid.left + seal.left * grid.cell, seal.top * grid.pitch, seal.width * grid.cell,
                  seal.height * grid.pitch, seal.image, Origin("seal", seal.path, None))
            for seal in spec.seals
        )  # first: drawn behind the text they press on
        # Placed by cells, but Latin text and digits are set at their natural width: the first
        # line is held at its anchor, as the DOCX holds it, the others by their starts, and one
        # that would then pass an edge ends at it.
        right = grid.left + grid.width
        items: list[Item] = []
        first = ((spec.runs[0], spec.origins[0], spec.start),) if spec.runs else ()
        for k, (run, origin, start) in enumerate(first + spec.beside):
            line = self._single([run], spec.size, grid.cell)
            anchor = spec.anchor if k == 0 else 0.0
            held = start + anchor * (spec.end - start)
            x = max(grid.left, min(grid.left + held * grid.cell - anchor * line.width, right - line.width))
            items += self._glyphs(line, x, grid.baseline(0.0, spec.size), spec.size, origin)
        return _Slab(grid.pitch, images + tuple(items), spec.keep, kind=spec.source.kind, tie_back=spec.tie_back,
                     grid_line=True)

    # tables

    def _row_slabs(
        self, table_spec: _Table, row: int, widths: list[float], centred: list[bool], header: _Slab | None = None,
    ) -> list[_Slab]:
        """One row, its cells' lines `line_height` apart and centred vertically; a column whose
        text all fits on one line is centred, the others justified. Row 0 is the header row.

        A row taller than a page (below the repeated `header`) breaks across pages, as Word
        breaks a row it may split: one slab per line of the row, its cells set from the top."""
        runs = table_spec.rows[row - 1] if row else table_spec.header
        table = self.profile.table
        size, margin, pitch = table.size.pt, table.cell_margin.pt, table.line_height.pt
        cells_lines = []
        for run, width, centre in zip(runs, widths, centred):
            inner = width - 2 * margin
            lines = [
                line.shifted((inner - line.width) / 2) if centre else line
                for part in (run.text.splitlines() or [""])
                for line in wrap([Run(part, run.role)], inner, size, self._measure(size), self.rules)
            ]
            cells_lines.append(lines)
        count = max(len(lines) for lines in cells_lines)
        room = self.grid.height - (header.height if header else 0.0)
        if count * pitch <= room + _SLACK:
            return [self._row_piece(table_spec, row, widths, cells_lines, 0, count, header=header)]
        return [
            self._row_piece(table_spec, row, widths, [lines[k:k + 1] for lines in cells_lines], k, 1, header=header,
                            last=k == count - 1)
            for k in range(count)
        ]

    def _row_piece(
        self, table_spec: _Table, row: int, widths: list[float], cells_lines: list[list[Line]], offset: int,
        count: int, *, header: _Slab | None, last: bool = True,
    ) -> _Slab:
        """`count` lines of a row (from its line `offset`) with their rules; a piece that is not
        the row's last closes its box with a rule only when the page breaks after it."""
        table = self.profile.table
        size, margin, pitch = table.size.pt, table.cell_margin.pt, table.line_height.pt
        height = count * pitch
        items: list[Item] = []
        x = self.grid.left
        for column, (lines, width) in enumerate(zip(cells_lines, widths)):
            top = (height - len(lines) * pitch) / 2
            origin = table_spec.origin(row, column)
            for k, line in enumerate(lines):
                baseline = top + k * pitch + (pitch - size) / 2 + self.grid.em_ascent * size
                items += self._glyphs(line, x + margin, baseline, size, origin)
            x += width
        edges = [self.grid.left]
        for width in widths:
            edges.append(edges[-1] + width)
        rule, color = table.rule_width.pt, self.text_color
        items += [Rule(e, 0.0, e, height, rule, color) for e in edges]
        tops = (0.0,) if row == 0 and offset == 0 else ()
        items += [Rule(edges[0], y, edges[-1], y, rule, color) for y in (*tops, *((height,) if last else ()))]
        close = () if last else (Rule(edges[0], height, edges[-1], height, rule, color),)
        whole = last and offset == 0
        return _Slab(height, tuple(items), keep=row == 0 and whole, header=header, kind="table", close=close)

    def _table_slabs(self, table: _Table) -> list[_Slab]:
        size, margin = self.profile.table.size.pt, self.profile.table.cell_margin.pt
        texts = b.Table(None, tuple(r.text for r in table.header), tuple(tuple(r.text for r in row) for row in table.rows))
        widths = column_widths(texts, self.grid.width, size, margin, self.profile.table.rule_width.pt,
                               float(self.profile.line_breaking.latin_gap.value))
        centred = [all(cells(c) * size <= w - 2 * margin for c in column) for column, w in zip(zip(*texts.rows), widths)]
        headers = self._row_slabs(table, 0, widths, [True] * len(widths))
        # The header row repeats above a row continued on a new page; one that is itself taller
        # than a page cannot, and the continuation starts under a rule of its own instead.
        line = self.profile.table.line_height.pt
        if len(headers) == 1 and headers[0].height + line <= self.grid.height + _SLACK:
            repeated = headers[0]
        else:
            repeated = _Slab(0.0, (Rule(self.grid.left, 0.0, self.grid.left + sum(widths), 0.0,
                                        self.profile.table.rule_width.pt, self.text_color),), kind="table")
        return headers + [
            slab for row in range(1, len(table.rows) + 1)
            for slab in self._row_slabs(table, row, widths, centred, repeated)
        ]

    def _slabs(self, spec: Spec) -> list[_Slab]:
        if isinstance(spec, _Text):
            return self._text_slabs(spec)
        if isinstance(spec, _Placed):
            return [self._placed_slab(spec)]
        if isinstance(spec, _Table):
            return self._table_slabs(spec)
        if isinstance(spec, _NewPage):
            self.grid = self.landscape if spec.landscape else self.portrait  # what follows is set on it
            return [_Slab(0.0, page=self.grid)]
        return [_Slab(self.grid.pitch, grid_line=True)]

    # the red header, on the first page

    def _header_items(self, header: _Header) -> tuple[list[Item], float]:
        """The header's items and where the title starts, in points below the text block's top.

        The mark's top edge is `mark_top` under the text block (lower if the lines above it
        need the room); the number follows `number_gap` lines under the mark, the red rule
        `rule_gap` under the number, and the title `title_gap` lines under the rule, on the grid.
        """
        profile, grid = self.profile.header, self.grid
        body_size = self.plan.body_size
        items: list[Item] = []
        for line, (run, origin) in enumerate(zip(header.corner, header.corner_origins)):
            items += self._glyphs(self._single([run], body_size, grid.cell), grid.left,
                                  grid.baseline(grid.line_top(line), body_size), body_size, origin)
        mark_top = max(profile.mark_top.pt, len(header.corner) * grid.pitch)
        if header.stacked:
            mark_items, mark_height = self._stacked_mark(header, grid.top + mark_top)
            items += mark_items
        else:
            mark_size = min(profile.mark_max_size.pt, grid.width / max(cells(header.mark.text), 1))
            mark = self._single([header.mark], mark_size)
            if mark.width > grid.width:  # Latin wider than half a cell: shrink on the measured width
                mark_size *= grid.width / mark.width
                mark = self._single([header.mark], mark_size)
            items += self._glyphs(mark, grid.left + (grid.width - mark.width) / 2, grid.top + mark_top
                                  + grid.em_ascent * mark_size, mark_size, header.origin("mark"), self.red)
            mark_height = mark_size
        first_top = grid.top + mark_top + mark_height + float(profile.number_gap.value) * grid.pitch
        signer_lines = self._signer_lines(header)
        number_top = first_top + max(len(signer_lines) - 1, 0) * grid.pitch
        indent = float(profile.signer_indent.value) * grid.cell
        right = grid.left + grid.width - indent
        if header.number:  # drawn first: a reader reads the number before the signers
            number = self._single([header.number], body_size, grid.cell)
            x = grid.left + indent if signer_lines else grid.left + (grid.width - number.width) / 2
            items += self._glyphs(number, x, grid.baseline(number_top, body_size), body_size, header.origin("number"))
        for k, signer_line in enumerate(signer_lines):
            items += self._glyphs(signer_line, right - signer_line.width,
                                  grid.baseline(first_top + k * grid.pitch, body_size), body_size, header.origin("signers"))
        rule_y = number_top + (grid.pitch + body_size) / 2 + profile.rule_gap.pt
        items.append(Rule(grid.left, rule_y, grid.left + grid.width, rule_y, profile.rule_width.pt, self.red))
        below_rule = rule_y + profile.rule_width.pt / 2 - grid.top
        return items, round(below_rule / grid.pitch + float(profile.title_gap.value)) * grid.pitch

    def _stacked_mark(self, header: _Header, top: float) -> tuple[list[Item], float]:
        """A joint mark as GB/T 9704 7.2.4 draws it: the names one above the other, spread to
        the widest's width, and the word (文件) centred on them at their right, the whole
        centred on the text block, at most the mark's full size; its items and its height."""
        grid = self.grid
        *names, word = header.stacked

        def set_at(size: float) -> tuple[list[Line], Line, float]:
            lines = [self._single([run], size) for run in names]
            word_line = self._single([word], size)
            return lines, word_line, max(line.width for line in lines) + size / 2 + word_line.width

        size = min(self.profile.header.mark_max_size.pt,
                   grid.width / (max(cells(run.text) for run in names) + 0.5 + cells(word.text)))
        lines, word_line, total = set_at(size)
        if total > grid.width:  # Latin wider than half a cell: shrink on the measured width
            size *= grid.width / total
            lines, word_line, total = set_at(size)
        names_width = total - size / 2 - word_line.width
        left = grid.left + (grid.width - total) / 2
        step = size * 1.25
        items: list[Item] = []
        offset = 0  # where each name starts in the mark ("A　B文件")
        for k, (run, line) in enumerate(zip(names, lines)):
            spread = (names_width - line.width) / max(len(run.text) - 1, 1)
            done = 0
            for glyphs in self._glyphs(line, left, top + k * step + grid.em_ascent * size, size,
                                       header.origin("mark"), self.red):
                items.append(glyphs._replace(xs=tuple(x + spread * (done + i) for i, x in enumerate(glyphs.xs)),
                                             origin=glyphs.origin._replace(offset=offset + done)))
                done += len(glyphs.text)
            offset += len(run.text) + 1
        height = step * (len(names) - 1) + size
        items += self._glyphs(word_line, left + names_width + size / 2, top + (height - size) / 2
                              + grid.em_ascent * size, size, header.origin("mark")._replace(offset=offset - 1), self.red)
        return items, height

    def _signer_lines(self, header: _Header) -> list[Line]:
        """签发人：A　B on the first line, two names a line, later lines aligned with the first name."""
        if not header.signers:
            return []
        label, names = header.signers[0], header.signers[1:]
        size, cell, space = self.plan.body_size, self.grid.cell, _SIGNER_SEPARATOR
        rows = [names[i:i + 2] for i in range(0, len(names), 2)]
        lines = []
        for k, row in enumerate(rows):
            runs = [Run(row[0].text + "".join(space + n.text for n in row[1:]), row[0].role)]
            lines.append(self._single(([label] if k == 0 else []) + runs, size, cell))
        if len(lines) > 1:  # later lines start where the first line's names start
            label_width = self._single([label], size, cell).width
            names_width = max(lines[0].width - label_width, *(line.width for line in lines[1:]))  # widest ends right
            lines = [Line(lines[0].segments, label_width + names_width)] + [
                Line(line.segments, names_width) for line in lines[1:]
            ]
        return lines

    # the end block, at the foot of the last page

    def _end_slab(self, end: _End) -> _Slab:
        """抄送 (wrapped after its label) and 印发: one grid line each, between the rules (the
        date on a line of its own under a printer too long to share one)."""
        profile, grid = self.profile.end_block, self.grid
        size = profile.size.pt
        indent = float(profile.indent.value) * size
        items: list[Item] = []
        lines = self._wrap(end.copy_to, grid.width - 2 * indent) if end.copy_to else []
        for k, line in enumerate(lines):
            items += self._glyphs(line, grid.left + indent, grid.baseline(k * grid.pitch, size), size,
                                  end.origin("copy_to"))
        printer = self._single([end.printer], size)
        printed = self._single([end.printed], size)
        middle = len(lines) * grid.pitch
        baseline = grid.baseline(middle, size)
        items += self._glyphs(printer, grid.left + indent, baseline, size, end.origin("printer"))
        below = grid.pitch if end.date_apart else 0.0
        items += self._glyphs(printed, grid.left + grid.width - indent - printed.width,
                              grid.baseline(middle + below, size), size, end.origin("print_date"))
        height = middle + below + grid.pitch
        outer, inner = profile.outer_rule.pt, profile.inner_rule.pt
        for y, weight in [(0.0, outer), (height, outer)] + ([(middle, inner)] if lines else []):
            items.append(Rule(grid.left, y, grid.left + grid.width, y, weight, self.text_color))
        return _Slab(height, tuple(items))

    # page numbers

    def _page_number(self, number: int) -> list[Glyphs]:
        """"— n —", one character in from the right on odd pages and from the left on even ones,
        the middle of its dashes' ink `below_text` under the text block (the face's own dash:
        faces set it at different heights; the middle of the em box if it draws none)."""
        from .fonts import ink_middle

        profile, grid = self.profile.page_number, self.grid
        size, role = self.plan.page_number_size, self.plan.page_number_role
        dash = str(profile.dash.value)
        line = self._single([Run(f"{dash} {number} {dash}", role)], size)
        indent = float(profile.indent.value) * size
        x = grid.left + grid.width - indent - line.width if number % 2 else grid.left + indent
        middle = ink_middle(self.fonts.face(self.fonts(role, dash)), dash)
        baseline = grid.bottom + profile.below_text.pt + (grid.em_ascent - 0.5 if middle is None else middle) * size
        return self._glyphs(line, x, baseline, size, PAGE_NUMBER)

    def _turned_page_number(self, number: int) -> list[Glyphs]:
        """A landscape page's number where the portrait pages have theirs (GB/T 9704 10): the
        portrait number turned with the page, so it reads down the page's left side."""
        page_height = self.profile.page.height.pt
        return [glyphs._replace(baseline=page_height - glyphs.baseline, turned=True)
                for glyphs in self._page_number(number)]

    # pagination

    def pages(self) -> tuple[list[Page], Fitting]:
        pages = [_PageBuilder(self.portrait)]
        if self.plan.header:
            items, pages[0].start = self._header_items(self.plan.header)
            pages[0].y = pages[0].start
            pages[0].items += items
        slabs = _tied([
            slab._replace(block=block)
            for spec, block in zip(self.plan.body, self.plan.block_of) for slab in self._slabs(spec)
        ])
        self.grid = self.portrait

        def place(slab: _Slab, top: float | None = None) -> None:
            page = pages[-1]
            page.y = page.y if top is None else top
            height = page.pitch if page.pitch and page.grid_lines([slab]) else slab.height
            page.placed.append(_OnPage(slab, page.y, height))
            page.y += height

        def fits(height: float) -> bool:
            return pages[-1].y + height <= pages[-1].grid.height + _SLACK

        def new_page(grid: Grid | None = None) -> None:
            """A page like the last (or on `grid`, portrait), continuing the last one's block."""
            carried = pages[-1].placed[-1].slab.block if pages[-1].placed else -1
            pages.append(_PageBuilder(grid or pages[-1].grid, grid is None and pages[-1].landscape))
            pages[-1].carried = carried

        # Height of each slab with those kept with it (a heading with the line after it, ...),
        # summed from the back in one pass: a title of thousands of lines stays linear.
        # With it, where that chain ends and whether it holds the signature.
        kept = [0.0] * len(slabs)
        chain_end = list(range(1, len(slabs) + 1))
        signs_off = [slab.tie_back for slab in slabs]
        for i in reversed(range(len(slabs))):
            following = slabs[i].keep and i + 1 < len(slabs)
            kept[i] = slabs[i].height + (kept[i + 1] if following else 0.0)
            chain_end[i] = chain_end[i + 1] if following else i + 1
            signs_off[i] = signs_off[i] or (following and signs_off[i + 1])

        i = 0
        while i < len(slabs):
            slab = slabs[i]
            if slab.page is not None:
                pages.append(_PageBuilder(slab.page, slab.page is self.landscape))
                i += 1
                continue
            needed = kept[i]
            if needed > pages[-1].grid.height:
                needed = slab.height
            if pages[-1].y and not fits(needed):
                # the sign-off and what keeps with it, which a page of its own would hold
                chain = slabs[i:chain_end[i]] if signs_off[i] and needed == kept[i] else []
                if chain and self._condense(pages[-1], chain):
                    for kept_slab in chain:
                        place(kept_slab)
                    i += len(chain)
                    continue
                new_page()
                if slab.header:
                    place(slab.header)
            place(slab)
            i += 1
        body_pages = len(pages)
        if self.plan.end:
            end = self._end_slab(self.plan.end)
            if len(pages) % 2:  # the end block goes on an even page (7.4), a portrait one
                new_page(self.portrait)
            elif pages[-1].landscape or not fits(end.height):  # a blank page before it, and neither numbered (7.5)
                new_page(self.portrait)
                new_page(self.portrait)
                pages[-2].numbered = pages[-1].numbered = False
            place(end, top=self.portrait.height - end.height)  # its last rule on the text block's bottom edge
        laid = [(page.grid, page.items_placed(page.grid.top)) for page in pages]
        self._check_inside(laid)
        condensed = {
            slab.block: page.pitch for page in pages if page.pitch
            for slab in page.grid_lines([on.slab for on in page.placed])
        }
        fitting = Fitting(condensed, len(pages) > body_pages, len(pages) > body_pages + 1)
        turned_size = (self.profile.page.height.pt, self.profile.page.width.pt)
        return [
            Page(number, tuple(items) + tuple(self._numbers(number, page) if self.placed else ()),
                 turned_size if page.landscape else None, page.numbered)
            for number, (page, (_, items)) in enumerate(zip(pages, laid), start=1)
        ], fitting

    def _numbers(self, number: int, page: _PageBuilder) -> list[Glyphs]:
        """The page's number (none on the end block's page after a blank one), turned with a landscape page."""
        if not page.numbered:
            return []
        return self._turned_page_number(number) if page.landscape else self._page_number(number)

    def _condense(self, page: _PageBuilder, chain: list[_Slab]) -> bool:
        """Sets the page's grid lines closer so that `chain` (the sign-off and what keeps with
        it) fits under them, as GB/T 9704 7.3.5.5 allows rather than a page holding only the
        sign-off or one left short: at most `sign_off_extra_lines` more lines than the grid's,
        the pitch in whole twips as the DOCX gives it. False when even that is not enough."""
        grid = page.grid
        slabs = [on.slab for on in page.placed] + chain
        lines = page.grid_lines(slabs)
        fixed = page.start + sum(slab.height for slab in slabs) - len(lines) * grid.pitch
        extra = int(self.profile.pagination.sign_off_extra_lines.value)
        if not extra:
            return False
        most = int(self.profile.grid.lines_per_page.value) + extra
        room = grid.height - _DOCX_ROUNDING
        pitch = min(grid.pitch, math.floor((room - fixed) / len(lines) * 20) / 20) if lines else 0.0
        if pitch < math.floor(room / most * 20) / 20:
            return False
        page.pitch, y = pitch, page.start
        for k, (slab, _, _) in enumerate(page.placed):
            height = pitch if page.grid_lines([slab]) else slab.height
            page.placed[k] = _OnPage(slab, y, height)
            y += height
        page.y = y
        return True

    def _check_inside(self, pages: list[tuple[Grid, list[Item]]]) -> None:
        """Every glyph inside the text block, or a ReportError naming each value that is not
        (a signature longer than a line, a header or end block taller than a page): a PDF that
        clips them would lose their text silently."""
        problems, seen = [], set()
        for grid, items in pages:
            right, bottom = grid.left + grid.width + _EDGE, grid.bottom + _EDGE
            for item in items:
                if not isinstance(item, Glyphs) or not item.text or item.origin.path in seen:
                    continue
                top = item.baseline - grid.em_ascent * item.size
                start, end = item.xs[0], item.xs[-1] + self.measure(item.text[-1], item.role, item.size)
                if start < grid.left - _EDGE or end > right or top < grid.top - _EDGE or top + item.size > bottom:
                    seen.add(item.origin.path)
                    problems.append(_outside(item))
        if problems:
            raise ReportError(problems)


def _tied(slabs: list[_Slab]) -> list[_Slab]:
    """The signature never stands on a page without text: the blank lines and the attachment
    note before it, and the whole paragraph of text before those, keep with it; the 附注 stays
    with the date above it; an attachment item is never split over two pages (GB/T 9704 7.3.4).

    The whole paragraph, not its last lines: the DOCX can only say so alike to every
    application by "keep lines together" (Word splits a paragraph marked "keep with next" by
    its last lines, ECMA-376 17.3.1.15, where LibreOffice moves all of it), and a heading left
    at a page's foot with one line under it, the rest carried over with the sign-off, is what
    a compositor would not pass anyway."""
    for i, slab in enumerate(slabs):
        if slab.kind == "attachments" and not slab.last:
            slabs[i] = slab._replace(keep=True)
        if slab.kind == "note" and i > 0 and slabs[i - 1].kind == "signature":
            slabs[i - 1] = slabs[i - 1]._replace(keep=True)
        if slab.tie_back:
            k = i - 1
            while k >= 0 and slabs[k].kind in ("blank", "attachments"):
                slabs[k] = slabs[k]._replace(keep=slabs[k].keep or slabs[k].last)
                k -= 1
            last = k
            while k >= 0 and slabs[k].kind in ("paragraph", "heading") and slabs[k].block == slabs[last].block:
                slabs[k] = slabs[k]._replace(keep=True)
                k -= 1
    return slabs


_BLOCK_OF = {"caption": "table", "table_header": "table", "table_cell": "table", "date": "signature"}


def _outside(glyphs: Glyphs) -> Problem:
    """The located error for a value whose glyphs stand outside the text block."""
    origin = glyphs.origin
    kind = _BLOCK_OF.get(origin.kind, origin.kind)
    hint = "text"
    if kind in ("signature", "end_block", "header"):
        hint = "signers" if origin.path[-1:] == ("signers",) else kind
    return Problem("layout_outside_text_block", {
        "where": Problem(f"block_{kind}"), "context": glyphs.text[:20] + ("……" if len(glyphs.text) > 20 else ""),
        "hint": Problem(f"layout_hint_{hint}"),
    }, Location(path=origin.path, offset=origin.at(0)))
