"""A composed document laid out on the GB/T 9704 page: where every character and rule goes.

Two stages. `Plan(document, profile)` turns the blocks into pieces of text with their roles
(so a writer can choose faces for exactly the characters each role needs) without measuring
anything. `Plan.pages(measure)` then breaks lines and fills pages on the grid: 22 lines of
28.95 pt, characters centred on their line, full-width characters on the 156 mm / 28 cell
pitch; headings keep with the next line, the signature never stands alone on a page, table
rows (lines of the table's own height, as in the DOCX) stay whole and repeat the header row on
a new page, the end block sits at the foot of the last page, page numbers go under the text
block. Pages fill by height, so text after a table stacks as Word and LibreOffice stack it.

Nothing here knows of PDF or fonts: positions are points from the page's top-left corner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from .. import blocks as b
from ..blocks import cells
from ..profile import Profile
from .linebreak import Line, Rules, Run, single_line, wrap
from .tables import column_widths

# (character, role, size in points) -> natural advance in points.
SizedMeasure = Callable[[str, str, float], float]

_SLACK = 0.01  # points: rounding that does not make a line overflow the text block


# --- what a page is made of -------------------------------------------------------------------


class Origin(NamedTuple):
    """What a run of text is, for a tagged PDF: `kind` (title, addressee, heading with its
    `level`, paragraph, caption, table_header or table_cell with `row`, 0 the header row, and
    `column`, attachments, signature, date, note, header, end_block, page_number) and `path`,
    which value it came from: the block's number among the body's blocks, then the place in
    it (the layout branch's Origin, with model paths, has the same fields)."""

    kind: str
    path: tuple[int | str, ...] = ()
    level: int | None = None
    row: int | None = None
    column: int | None = None


class Glyphs(NamedTuple):
    """Characters of one role and size on one baseline, each at its own left edge."""

    text: str
    xs: tuple[float, ...]
    baseline: float
    role: str
    size: float
    color: str  # RRGGBB
    origin: Origin = Origin("")

    def moved(self, dy: float) -> Glyphs:
        return self._replace(baseline=self.baseline + dy)


class Rule(NamedTuple):
    """A straight line from (x0, y0) to (x1, y1), `width` points thick."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    color: str

    def moved(self, dy: float) -> Rule:
        return self._replace(y0=self.y0 + dy, y1=self.y1 + dy)


Item = Glyphs | Rule


class Page(NamedTuple):
    number: int
    items: tuple[Item, ...]


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
    def from_profile(cls, profile: Profile) -> Grid:
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


# --- stage 1: the text to set ----------------------------------------------------------------


class Source(NamedTuple):
    """Where a piece of text is, for messages: the kind of block (title, paragraph, table,
    header, ...), its number among the body's blocks of text (0 outside the body) and the
    whole text of the block."""

    kind: str
    number: int
    text: str


class _Text(NamedTuple):
    """Text wrapped into grid lines; indents in cells, `hang` = wrapped lines align after that
    many characters of the first line's text."""

    runs: tuple[Run, ...]
    size: float
    cell: float
    source: Source
    first_indent: float = 0.0
    hang: int = 0
    centred: bool = False
    keep: bool = False
    origin: Origin = Origin("")


class _Placed(NamedTuple):
    """One line placed `start` cells from the left edge (signature, date)."""

    runs: tuple[Run, ...]
    size: float
    start: float
    source: Source
    keep: bool = False
    tie_back: bool = False  # on the same page as the last line of text before it
    origin: Origin = Origin("")


class _Blank:
    """An empty grid line."""


class _Table(NamedTuple):
    header: tuple[Run, ...]
    rows: tuple[tuple[Run, ...], ...]
    source: Source


class _Header(NamedTuple):
    corner: tuple[Run, ...]  # copy number, classification, urgency: one per line, top left
    mark: Run
    number: Run | None
    signers: tuple[Run, ...]  # label, then the names
    source: Source


class _End(NamedTuple):
    copy_to: _Text | None
    printer: Run
    printed: Run
    source: Source


Spec = _Text | _Placed | _Blank | _Table


def _runs_of(spec: Any) -> Iterator[Run]:
    if isinstance(spec, _Text | _Placed):
        yield from spec.runs
    elif isinstance(spec, _Table):
        yield from spec.header
        for row in spec.rows:
            yield from row
    elif isinstance(spec, _Header):
        yield from (*spec.corner, spec.mark, *spec.signers)
        if spec.number:
            yield spec.number
    elif isinstance(spec, _End):
        yield from (spec.printer, spec.printed)
        if spec.copy_to:
            yield from spec.copy_to.runs


_NUMBERED = re.compile(r"^\d+\.")


class Plan:
    """The document as pieces of text with their roles, ready to be laid out."""

    def __init__(self, document: b.Document, profile: Profile):
        self.profile = profile
        self.grid = Grid.from_profile(profile)
        self.rules = Rules.from_profile(profile)
        self.body_role = str(profile.body.role)
        self.body_size = profile.body.size.pt
        self.header = self._header(document.header) if document.header else None
        self.body: list[Spec] = []
        number = 0
        for block in document.body:
            number += not isinstance(block, b.BlankLines)
            self.body += self._block(block, number)
        self.end = self._end(document.end_block) if document.end_block else None
        self.page_number_role = str(profile.page_number.role)
        self.page_number_size = profile.page_number.size.pt

    # every character each role must draw, with where it comes from

    def texts(self) -> Iterator[tuple[Run, Source]]:
        """Every run of text the pages can hold, with its source (page numbers as 0-9)."""
        for spec in (self.header, *self.body, self.end):
            if spec is not None and not isinstance(spec, _Blank):
                for run in _runs_of(spec):
                    yield run, spec.source
        dash = self.profile.page_number.dash.value
        yield Run(f"{dash} 0123456789 {dash}", self.page_number_role), Source("page_number", 0, "")

    # blocks -> specs

    def _text(self, text: str, role: str, source: Source, **options: Any) -> _Text:
        return _Text((Run(text, role),), self.body_size, self.grid.cell, source, **options)

    def _block(self, block: b.Block, number: int) -> list[Spec]:
        profile, body, indent = self.profile, self.body_role, float(self.profile.body.first_line_indent.value)
        match block:
            case b.Title(lines):
                size, role = profile.title.size.pt, str(profile.title.role)
                source = Source("title", number, "".join(lines))
                return [
                    _Text((Run(line, role),), size, size, source, centred=True, keep=i < len(lines) - 1,
                          origin=Origin("title", (number,)))
                    for i, line in enumerate(lines)
                ]
            case b.BlankLines(count):
                return [_Blank()] * count
            case b.Addressee(text):
                return [self._text(text, body, Source("addressee", number, text), origin=Origin("addressee", (number,)))]
            case b.Heading(level=level):
                heading = profile.headings[level]
                return [
                    _Text((Run(block.full_text, str(heading.role)),), heading.size.pt, self.grid.cell,
                          Source("heading", number, block.full_text), first_indent=indent, keep=True,
                          origin=Origin("heading", (number,), level))
                ]
            case b.Paragraph(text, lead):
                runs = ((Run(lead.full_text, str(profile.headings[lead.level].role)),) if lead else ()) + (
                    Run(text, body),
                )
                return [_Text(runs, self.body_size, self.grid.cell, Source("paragraph", number, block.full_text),
                              first_indent=indent, origin=Origin("paragraph", (number,)))]
            case b.Table(caption, header, rows):
                source = Source("table", number, "　".join((caption or "", *header, *(c for r in rows for c in r))))
                caption_role = str(profile.table.caption_role)
                specs: list[Spec] = [
                    self._text(caption, caption_role, source, centred=True, keep=True,
                               origin=Origin("caption", (number, "caption")))
                ] if caption else []
                header_role, cell_role = str(profile.table.header_role), str(profile.table.role)
                return specs + [
                    _Table(tuple(Run(c, header_role) for c in header),
                           tuple(tuple(Run(c, cell_role) for c in row) for row in rows), source)
                ]
            case b.Attachments(label, items):
                return self._attachments(label, items, number)
            case b.Signature(signature, date):
                # Signature and date stay together and never go to a page without body text.
                return [
                    _Placed((Run(signature.text, body),), self.body_size, signature.start,
                            Source("signature", number, signature.text), keep=True, tie_back=True,
                            origin=Origin("signature", (number,))),
                    _Placed((Run(date.text, body),), self.body_size, date.start, Source("signature", number, date.text),
                            origin=Origin("date", (number, "date"))),
                ]
            case b.Note(text):
                source = Source("note", number, text)
                return [self._text(text, body, source, first_indent=float(profile.note.indent.value),
                                   origin=Origin("note", (number,)))]
        raise TypeError(f"no layout for {block!r}")

    def _attachments(self, label: str, items: tuple[str, ...], number: int) -> list[Spec]:
        """附件说明: wrapped lines align with the name, after "附件：" and the item's number."""
        indent = float(self.profile.attachments.indent.value)
        specs: list[Spec] = []
        for i, item in enumerate(items):
            numbered = _NUMBERED.match(item)
            hang = numbered.end() if numbered else 0
            text = label + item if i == 0 else item
            specs.append(
                self._text(text, self.body_role, Source("attachments", number, text),
                           first_indent=indent if i == 0 else indent + cells(label),
                           hang=hang + (len(label) if i == 0 else 0), origin=Origin("attachments", (number, i)))
            )
        return specs

    def _header(self, header: b.RedHeader) -> _Header:
        profile = self.profile.header
        bold = str(profile.classification_role)
        corner = [Run(header.copy_number, self.body_role)] if header.copy_number else []
        corner += [Run(text, bold) for text in (header.classification, header.urgency) if text]
        signers: tuple[Run, ...] = ()
        if header.signers:
            signers = (Run(str(profile.signer_label.value), self.body_role),) + tuple(
                Run(name, str(profile.signer_role)) for name in header.signers
            )
        return _Header(
            tuple(corner), Run(header.mark, str(profile.mark_role)),
            Run(header.number, self.body_role) if header.number else None, signers,
            Source("header", 0, "　".join(run.text for run in (*corner, *signers))
                   + f"　{header.mark}　{header.number or ''}"),
        )

    def _end(self, end: b.EndBlock) -> _End:
        profile = self.profile.end_block
        size, role = profile.size.pt, str(profile.role)
        source = Source("end_block", 0, f"{end.copy_to or ''}　{end.printer}　{end.printed}")
        copy_to = None
        if end.copy_to:
            copy_to = _Text((Run(end.copy_to, role),), size, size, source, hang=len(str(profile.copy_to_label.value)),
                            origin=Origin("end_block", ("end_block", "copy_to")))
        return _End(copy_to, Run(end.printer, role), Run(end.printed, role), source)

    # stage 2: lines and pages

    def pages(self, measure: SizedMeasure) -> list[Page]:
        """The document laid out, page by page."""
        return _Layout(self, measure).pages()


# --- stage 2 -----------------------------------------------------------------------------------


class _Slab(NamedTuple):
    """What pagination moves as one (a line, a table row), `height` points high, its items
    placed relative to its top."""

    height: float
    items: tuple[Item, ...] = ()
    keep: bool = False  # on the same page as the first line of what follows
    header: _Slab | None = None  # a table row: the header row to repeat above it on a new page
    kind: str = "blank"  # the kind of block it comes from (Source.kind)
    last: bool = True  # the last line of its block
    tie_back: bool = False  # the signature: what stands before it stays on its page (see _tied)


class _PageBuilder:
    def __init__(self) -> None:
        self.items: list[Item] = []
        self.y = 0.0  # points used from the top of the text block


class _Layout:
    def __init__(self, plan: Plan, measure: SizedMeasure):
        self.plan = plan
        self.profile = plan.profile
        self.grid = plan.grid
        self.rules = plan.rules
        self.measure = measure
        self.text_color = str(self.profile.colors.text.value)
        self.red = str(self.profile.colors.red.value)

    def _measure(self, size: float) -> Callable[[str, str], float]:
        return lambda char, role: self.measure(char, role, size)

    def _glyphs(
        self, line: Line, x: float, baseline: float, size: float, origin: Origin, color: str | None = None
    ) -> list[Glyphs]:
        return [
            Glyphs(s.text, tuple(x + dx for dx in s.xs), baseline, s.role, size, color or self.text_color, origin)
            for s in line.segments
        ]

    def _single(self, runs: tuple[Run, ...] | list[Run], size: float, cell: float | None = None) -> Line:
        return single_line(runs, cell or size, self._measure(size), self.rules)

    # text

    def _wrap(self, spec: _Text, width: float) -> list[Line]:
        lines = wrap(spec.runs, width, spec.cell, self._measure(spec.size), self.rules,
                     first_indent=spec.first_indent * spec.cell, hang=spec.hang)
        if spec.centred:
            lines = [line.shifted((width - line.width) / 2) for line in lines]
        return lines

    def _text_slabs(self, spec: _Text) -> list[_Slab]:
        baseline = self.grid.baseline(0.0, spec.size)
        lines = self._wrap(spec, self.grid.width)
        return [
            _Slab(self.grid.pitch, tuple(self._glyphs(line, self.grid.left, baseline, spec.size, spec.origin)), spec.keep,
                  kind=spec.source.kind, last=k == len(lines) - 1)
            for k, line in enumerate(lines)
        ]

    def _placed_slab(self, spec: _Placed) -> _Slab:
        line = self._single(spec.runs, spec.size, self.grid.cell)
        x = self.grid.left + spec.start * self.grid.cell
        items = tuple(self._glyphs(line, x, self.grid.baseline(0.0, spec.size), spec.size, spec.origin))
        return _Slab(self.grid.pitch, items, spec.keep, kind=spec.source.kind, tie_back=spec.tie_back)

    # tables

    def _row_slab(self, runs: tuple[Run, ...], widths: list[float], centred: list[bool], number: int, row: int) -> _Slab:
        """One row (0: the header row of the table that is body block `number`), its cells'
        lines `line_height` apart and centred vertically; a column whose text all fits on one
        line is centred, the others justified."""
        header = row == 0
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
        height = max(len(lines) for lines in cells_lines) * pitch
        items: list[Item] = []
        x = self.grid.left
        for column, (lines, width) in enumerate(zip(cells_lines, widths)):
            top = (height - len(lines) * pitch) / 2
            origin = (Origin("table_header", (number, "header", column), row=0, column=column) if header
                      else Origin("table_cell", (number, "rows", row - 1, column), row=row, column=column))
            for k, line in enumerate(lines):
                baseline = top + k * pitch + (pitch - size) / 2 + self.grid.em_ascent * size
                items += self._glyphs(line, x + margin, baseline, size, origin)
            x += width
        edges = [self.grid.left]
        for width in widths:
            edges.append(edges[-1] + width)
        rule = table.rule_width.pt
        items += [Rule(e, 0.0, e, height, rule, self.text_color) for e in edges]
        items += [Rule(edges[0], y, edges[-1], y, rule, self.text_color) for y in ((0.0, height) if header else (height,))]
        return _Slab(height, tuple(items), keep=header, kind="table")

    def _table_slabs(self, table: _Table) -> list[_Slab]:
        size, margin = self.profile.table.size.pt, self.profile.table.cell_margin.pt
        texts = b.Table(None, tuple(r.text for r in table.header), tuple(tuple(r.text for r in row) for row in table.rows))
        widths = column_widths(texts, self.grid.width, size, margin)
        centred = [all(cells(c) * size <= w - 2 * margin for c in column) for column, w in zip(zip(*texts.rows), widths)]
        number = table.source.number
        header = self._row_slab(table.header, widths, [True] * len(widths), number, 0)
        return [header] + [
            self._row_slab(row, widths, centred, number, k)._replace(header=header)
            for k, row in enumerate(table.rows, start=1)
        ]

    def _slabs(self, spec: Spec) -> list[_Slab]:
        if isinstance(spec, _Text):
            return self._text_slabs(spec)
        if isinstance(spec, _Placed):
            return [self._placed_slab(spec)]
        if isinstance(spec, _Table):
            return self._table_slabs(spec)
        return [_Slab(self.grid.pitch)]

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
        for line, run in enumerate(header.corner):
            items += self._glyphs(self._single([run], body_size, grid.cell), grid.left,
                                  grid.baseline(grid.line_top(line), body_size), body_size,
                                  Origin("header", ("header", "corner", line)))
        mark_size = min(profile.mark_max_size.pt, grid.width / max(cells(header.mark.text), 1))
        mark_top = max(profile.mark_top.pt, len(header.corner) * grid.pitch)
        mark = self._single([header.mark], mark_size)
        items += self._glyphs(mark, grid.left + (grid.width - mark.width) / 2,
                              grid.top + mark_top + grid.em_ascent * mark_size, mark_size,
                              Origin("header", ("header", "mark")), self.red)
        first_top = grid.top + mark_top + mark_size + float(profile.number_gap.value) * grid.pitch
        signer_lines = self._signer_lines(header)
        number_top = first_top + max(len(signer_lines) - 1, 0) * grid.pitch
        indent = float(profile.signer_indent.value) * grid.cell
        right = grid.left + grid.width - indent
        if header.number:  # drawn first: a reader reads the number before the signers
            number = self._single([header.number], body_size, grid.cell)
            x = grid.left + indent if signer_lines else grid.left + (grid.width - number.width) / 2
            items += self._glyphs(number, x, grid.baseline(number_top, body_size), body_size,
                                  Origin("header", ("header", "number")))
        for k, line in enumerate(signer_lines):
            items += self._glyphs(line, right - line.width,
                                  grid.baseline(first_top + k * grid.pitch, body_size), body_size,
                                  Origin("header", ("header", "signers")))
        rule_y = number_top + (grid.pitch + body_size) / 2 + profile.rule_gap.pt
        items.append(Rule(grid.left, rule_y, grid.left + grid.width, rule_y, profile.rule_width.pt, self.red))
        below_rule = rule_y + profile.rule_width.pt / 2 - grid.top
        return items, round(below_rule / grid.pitch + float(profile.title_gap.value)) * grid.pitch

    def _signer_lines(self, header: _Header) -> list[Line]:
        """签发人：A　B on the first line, two names a line, later lines aligned with the first name."""
        if not header.signers:
            return []
        label, names = header.signers[0], header.signers[1:]
        size, cell, space = self.plan.body_size, self.grid.cell, "\u3000"
        rows = [names[i:i + 2] for i in range(0, len(names), 2)]
        lines = []
        for k, row in enumerate(rows):
            runs = [Run(row[0].text + "".join(space + n.text for n in row[1:]), row[0].role)]
            lines.append(self._single(([label] if k == 0 else []) + runs, size, cell))
        if len(lines) > 1:  # later lines start where the first line's names start
            label_width = self._single([label], size, cell).width
            start = lines[0].width - label_width
            lines[1:] = [Line(line.segments, start) for line in lines[1:]]
        return lines

    # the end block, at the foot of the last page

    def _end_slab(self, end: _End) -> _Slab:
        """抄送 (wrapped after its label) and 印发: one grid line each, between the rules."""
        profile, grid = self.profile.end_block, self.grid
        size = profile.size.pt
        indent = float(profile.indent.value) * size
        items: list[Item] = []
        lines = self._wrap(end.copy_to, grid.width - 2 * indent) if end.copy_to else []
        for k, line in enumerate(lines):
            items += self._glyphs(line, grid.left + indent, grid.baseline(k * grid.pitch, size), size, end.copy_to.origin)
        printer = self._single([end.printer], size)
        printed = self._single([end.printed], size)
        middle = len(lines) * grid.pitch
        baseline = grid.baseline(middle, size)
        items += self._glyphs(printer, grid.left + indent, baseline, size, Origin("end_block", ("end_block", "printer")))
        items += self._glyphs(printed, grid.left + grid.width - indent - printed.width, baseline, size,
                              Origin("end_block", ("end_block", "printed")))
        height = middle + grid.pitch
        outer, inner = profile.outer_rule.pt, profile.inner_rule.pt
        for y, weight in [(0.0, outer), (height, outer)] + ([(middle, inner)] if lines else []):
            items.append(Rule(grid.left, y, grid.left + grid.width, y, weight, self.text_color))
        return _Slab(height, tuple(items))

    # page numbers

    def _page_number(self, number: int) -> list[Glyphs]:
        """"— n —", one character in from the right on odd pages and from the left on even ones,
        its dashes (the middle of the em box) `below_text` under the text block."""
        profile, grid = self.profile.page_number, self.grid
        size = self.plan.page_number_size
        dash = profile.dash.value
        line = self._single([Run(f"{dash} {number} {dash}", self.plan.page_number_role)], size)
        indent = float(profile.indent.value) * size
        x = grid.left + grid.width - indent - line.width if number % 2 else grid.left + indent
        baseline = grid.bottom + profile.below_text.pt + (grid.em_ascent - 0.5) * size
        return self._glyphs(line, x, baseline, size, Origin("page_number"))

    # pagination

    def pages(self) -> list[Page]:
        grid = self.grid
        pages = [_PageBuilder()]
        if self.plan.header:
            items, pages[0].y = self._header_items(self.plan.header)
            pages[0].items += items
        slabs = _tied([slab for spec in self.plan.body for slab in self._slabs(spec)])

        def place(slab: _Slab, top: float | None = None) -> None:
            page = pages[-1]
            page.y = page.y if top is None else top
            page.items += [item.moved(grid.top + page.y) for item in slab.items]
            page.y += slab.height

        def fits(height: float) -> bool:
            return pages[-1].y + height <= grid.height + _SLACK

        # Height of each slab with those kept with it (a heading with the line after it, ...),
        # summed from the back in one pass: a title of thousands of lines stays linear.
        kept = [0.0] * len(slabs)
        for i in reversed(range(len(slabs))):
            following = kept[i + 1] if slabs[i].keep and i + 1 < len(slabs) else 0.0
            kept[i] = slabs[i].height + following

        for i, slab in enumerate(slabs):
            needed = kept[i]
            if needed > grid.height:
                needed = slab.height
            if pages[-1].y and not fits(needed):
                pages.append(_PageBuilder())
                if slab.header:
                    place(slab.header)
            place(slab)
        if self.plan.end:
            end = self._end_slab(self.plan.end)
            if not fits(end.height):
                pages.append(_PageBuilder())
            place(end, top=grid.height - end.height)  # its last rule on the text block's bottom edge
        return [
            Page(number, tuple(page.items) + tuple(self._page_number(number)))
            for number, page in enumerate(pages, start=1)
        ]


def _tied(slabs: list[_Slab]) -> list[_Slab]:
    """The signature never stands on a page without text: the blank lines and the attachment
    note before it, and the last line of text before those, keep with it; the 附注 stays with
    the date above it."""
    for i, slab in enumerate(slabs):
        if slab.kind == "note" and i > 0 and slabs[i - 1].kind == "signature":
            slabs[i - 1] = slabs[i - 1]._replace(keep=True)
        if slab.tie_back:
            k = i - 1
            while k >= 0 and slabs[k].kind in ("blank", "attachments"):
                slabs[k] = slabs[k]._replace(keep=slabs[k].last)
                k -= 1
            if k >= 0 and slabs[k].kind in ("paragraph", "heading"):
                slabs[k] = slabs[k]._replace(keep=True)
    return slabs
