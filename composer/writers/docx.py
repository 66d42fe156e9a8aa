"""DOCX: the composed document as an official document that Word, WPS and LibreOffice print alike.

Every figure comes from the style profile. The page carries a line grid (`w:docGrid` of type
lines, 579-twip pitch) and every grid paragraph has that exact line height, so each page holds
22 lines whatever the face. Sixteen-point characters are wider than a 28th of the text block,
so body runs are tightened by the profile's `char_tightening` (-5 twips): 28 full-width
characters then fill a line in Word, WPS and LibreOffice alike. (A character grid of type
linesAndChars would say "28 per line" in Word's dialog, but LibreOffice reads its charSpace
with a rounding error and then gives each 16 pt character two cells: 14 per line.)
"""

from __future__ import annotations

import copy
import io
import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import docx.document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.section import Section
from docx.shared import Emu, Twips
from lxml import etree
from xml.sax.saxutils import quoteattr

from .. import blocks as b
from ..blocks import cells
from ..layout import fitting as paginated
from ..layout import fonts, tables
from ..layout import faces as role_faces
from ..layout.typeset import Fitting
from ..problems import ReportError
from ..profile import Profile
from . import ooxml
from .ooxml import Look, el, paragraph, ppr, run, twips

if TYPE_CHECKING:
    from ..layout.paged import PagedDocument

BODY_STYLE = "BodyText"
TITLE_STYLE = "Title"
FOOTER_STYLE = "Footer"


def heading_style(level: int) -> str:
    return f"Heading{level}"


class _Writer:
    """Maps blocks to WordprocessingML; one instance per render."""

    def __init__(self, profile: Profile, embed: Callable[[bytes], str]):
        self.profile = profile
        self.embed = embed  # adds an image part, giving its relationship id (seal images)
        self.line = profile.grid.line_pitch.twips
        self.cell = profile.char_pitch_pt
        self.em_ascent = float(profile.grid.em_ascent.value)
        tighten = -profile.grid.char_tightening.twips
        self.body = self.look(profile.body.role, profile.body.size.value, spacing=tighten)
        self.title = self.look(profile.title.role, profile.title.size.value)
        self.headings = {
            level: self.look(profile.headings[level].role, profile.headings[level].size.value, spacing=tighten)
            for level in range(1, 5)
        }
        # The text block the blocks are set in: turned on an attachment's landscape pages.
        self.text_width, self.text_height = profile.page.text_width.pt, profile.page.text_height.pt

    def face(self, role: str) -> fonts.Face | None:
        """The face the PDF sets a role in on this machine (official or standing in), which
        Word and LibreOffice take too when the official one is missing; None if none is found."""
        try:
            return role_faces(self.profile)[role]
        except ReportError:
            return None

    def line_metrics(self, role: str) -> fonts.LineMetrics:
        """The role's face's line, or the em box where no face is found."""
        face = self.face(role)
        return fonts.line_metrics(face) if face else fonts.LineMetrics(self.em_ascent, 1 - self.em_ascent)

    def natural_line(self, role: str, size: float) -> int:
        """An exact line height, in twips, as high as the face's own line at `size`: Word and
        LibreOffice then both put the baseline the face's ascent under its top (in a line of
        another height each places the text its own way: LibreOffice 80% down), and the line
        keeps its height when an application sets it in another face."""
        metrics = self.line_metrics(role)
        return twips((metrics.ascent + metrics.descent) * size)

    def look(self, role: str, size: float, *, spacing: int = 0, color: str | None = None) -> Look:
        return Look(self.profile.face(role), float(size), color=color, spacing=spacing)

    def chars(self, count: float, look: Look) -> int:
        """An indent of `count` characters of a look, in twips (Word's character unit is the font size)."""
        return twips(count * look.size)

    def at_cells(self, count: float) -> int:
        """A position `count` grid cells from the left edge of the text block, in twips."""
        return twips(count * self.cell)

    def indent_chars(self, count: float, look: Look, side: str = "firstLine") -> dict[str, object]:
        """An indent in characters, given both ways: Word and WPS read the Chars form, LibreOffice the twips."""
        return {side: self.chars(count, look), f"{side}Chars": round(count * 100)}

    # --- styles ---------------------------------------------------------------------------------

    def styles(self) -> list[ooxml.StyleSpec]:
        indent = self.indent_chars(self.profile.body.first_line_indent.value, self.body)
        specs = [
            ooxml.StyleSpec(BODY_STYLE, "Body Text", self.body, ppr(ind=indent), BODY_STYLE),
            ooxml.StyleSpec(TITLE_STYLE, "Title", self.title, ppr(snap=False, jc="center")),
            ooxml.StyleSpec(
                FOOTER_STYLE, "Footer", self.page_number_look(), ppr(snap=False, line=self.natural_line(
                    str(self.profile.page_number.role), self.profile.page_number.size.pt)), FOOTER_STYLE
            ),
        ]
        keep = bool(self.profile.pagination.keep_headings_with_next.value)
        for level, look in self.headings.items():
            specs.append(ooxml.StyleSpec(
                heading_style(level), f"heading {level}", look, ppr(keep_next=keep, ind=indent, outline=level - 1),
                BODY_STYLE,
            ))
        return specs

    # --- body -----------------------------------------------------------------------------------

    def block(self, block: b.Block) -> list[etree._Element]:
        match block:
            case b.Title(lines):
                runs: list[etree._Element] = []
                for index, line in enumerate(lines):
                    if index:
                        runs.append(el("w:r", [self.title.rpr(), el("w:br")]))
                    runs.append(run(line, self.title))
                return [paragraph(ppr(style=TITLE_STYLE, snap=False, mark=self.title), runs)]
            case b.BlankLines(count):
                return [self.blank() for _ in range(count)]
            case b.Addressee(text):
                return [paragraph(ppr(mark=self.body), [run(text, self.body)])]
            case b.Heading(level, _, _):
                look = self.headings[level]
                return [paragraph(ppr(style=heading_style(level), mark=look), [run(block.full_text, look)])]
            case b.Paragraph(text, lead):
                runs = [run(lead.full_text, self.headings[lead.level])] if lead else []
                runs += [run(text, self.body)] if text else []
                return [paragraph(ppr(style=BODY_STYLE, mark=self.body), runs)]
            case b.Table():
                return self.table(block)
            case b.Attachments(label, items):
                return self.attachments(label, items)
            case b.Signature():
                return self.sign_off(block)
            case b.Note(text):
                return [paragraph(ppr(style=BODY_STYLE, mark=self.body), [run(text, self.body)])]
            case b.AttachmentPage():
                return self.attachment_page(block)
        raise TypeError(f"no DOCX form for {block!r}")

    def blank(self, line: int | None = None) -> etree._Element:
        """An empty line: one grid line, or `line` twips (off the grid, which would round it)."""
        return paragraph(ppr(snap=line is None, line=line, mark=self.body))

    def placed(self, line: b.PlacedLine, anchor: float) -> etree._Element:
        """A line between `line.start` and `line.end` cells from the left edge (signature and
        date, 7.3.5), held at its end (right-aligned) or centre (centred) as the PDF holds it,
        so Word's natural width of Latin letters moves it as it moves the PDF's."""
        width = float(self.profile.chars_per_line)
        if anchor == 1.0:
            ind, jc = {"right": self.at_cells(max(0.0, width - line.end))}, "right"
        elif anchor == 0.5:
            centre = (line.start + line.end) / 2
            half = min(centre, width - centre)
            ind, jc = {"left": self.at_cells(centre - half), "right": self.at_cells(width - centre - half)}, "center"
        else:
            ind, jc = {"left": self.at_cells(line.start)}, None
        return paragraph(ppr(ind=ind, jc=jc, mark=self.body), [run(line.text, self.body)])

    def placed_row(self, row: list[b.PlacedLine], anchor: float) -> etree._Element:
        """One line held at `anchor` (see `placed`), or signatures side by side on one line (a
        joint report's, 7.3.5.1): the first by the indent, each other one at a left tab stop at
        its start."""
        first, *others = row
        if not others:
            return self.placed(first, anchor)
        stops = [("left", self.at_cells(line.start)) for line in others]
        runs = [run(first.text, self.body)]
        for line in others:
            runs += [el("w:r", [self.body.rpr(), el("w:tab")]), run(line.text, self.body)]
        return paragraph(ppr(tabs=stops, ind={"left": self.at_cells(first.start)}, mark=self.body), runs)

    def sign_off(self, block: b.Signature) -> list[etree._Element]:
        """The signature lines, blank lines between the rows of a joint report's seals, and the
        date; the seal images anchored behind the text from the first signature line, where
        compose placed them (the PDF draws them there too)."""
        out: list[etree._Element] = []
        lines = block.lines()
        for k, (line, row) in enumerate(lines):
            if k:
                out += [ooxml.keep_with_next(self.blank()) for _ in range(line - lines[k - 1][0] - 1)]
            out.append(self.placed_row([placed for placed, _ in row], block.held(k)))
        for number, seal in enumerate(block.seals, start=1):
            out[0].append(self.seal(seal, number))
        for element in out[:-1]:
            ooxml.keep_with_next(element)
        return out

    def seal(self, seal: b.SealMark, number: int) -> etree._Element:
        """A run holding the seal image, floating behind the text: across from the text block's
        left edge, down from the top of its paragraph (the first signature line)."""
        emu = 12700  # per point
        x, width = round(seal.left * self.cell * emu), round(seal.width * self.cell * emu)
        pitch = self.profile.line_pitch_pt
        y, height = round(seal.top * pitch * emu), round(seal.height * pitch * emu)
        return parse_xml(
            f'<w:r {nsdecls("w", "wp", "a", "pic", "r")}><w:drawing>'
            f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{number}" '
            f'behindDoc="1" locked="1" layoutInCell="1" allowOverlap="1">'
            f'<wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="margin"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{number}" name="印章{number}" descr={quoteattr(seal.description)}/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{number}" name="seal{number}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{self.embed(seal.image.data)}"/><a:stretch><a:fillRect/></a:stretch>'
            f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            f'</wp:anchor></w:drawing></w:r>'
        )

    def attachments(self, label: str, items: tuple[str, ...]) -> list[etree._Element]:
        """附件说明 (7.3.4): wrapped lines align with the name, numbers align under each other."""
        indent = float(self.profile.attachments.indent.value)
        out = []
        for index, item in enumerate(items):
            number = item.split(".", 1)[0] + "." if len(items) > 1 else ""
            name_start = indent + cells(label) + cells(number)
            hanging = name_start - indent if index == 0 else cells(number)
            text = (label + item) if index == 0 else item
            ind = {"left": self.at_cells(name_start), "hanging": self.at_cells(hanging)}
            out.append(paragraph(ppr(ind=ind, mark=self.body), [run(text, self.body)]))
        return out

    def attachment_page(self, page: b.AttachmentPage) -> list[etree._Element]:
        """附件N alone on the first line at the left in 黑体, the title centred below, then the
        content (GB/T 9704 8); `render` gives it a section of its own, turned when landscape."""
        spec = self.profile.attachments
        look = self.look(spec.page_label_role, self.profile.body.size.value, spacing=self.body.spacing)
        out = [paragraph(ppr(keep_next=True, mark=look), [run(page.label, look)])]
        portrait = self.text_width, self.text_height
        if page.landscape:
            self.text_width, self.text_height = portrait[1], portrait[0]
        for block in (page.title, *page.body):
            out += self.block(block)
        self.text_width, self.text_height = portrait
        return out

    # --- tables ---------------------------------------------------------------------------------

    def table(self, table: b.Table) -> list[etree._Element]:
        """Full text-block width, fixed layout with grid column widths (WPS ignores tblW alone)."""
        spec = self.profile.table
        text = self.look(spec.role, spec.size.value)
        head = self.look(spec.header_role, spec.size.value)
        caption = self.look(spec.caption_role, self.profile.body.size.value)
        margin = spec.cell_margin.twips
        widths = column_widths(table, twips(self.text_width), text.size, margin, spec.rule_width.twips,
                               float(self.profile.line_breaking.latin_gap.value))
        rule = ooxml.border(spec.rule_width.pt, self.profile.colors.text.value)
        line = spec.line_height.twips
        out = []
        if table.caption:
            out.append(paragraph(ppr(jc="center", keep_next=True, mark=caption), [run(table.caption, caption)]))
        tbl = el("w:tbl", centred_table(
            widths, rule, {side: margin for side in ("left", "right")},
            el("w:tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1),
        ))
        centred = [all(cells(c) * text.size <= w / 20 - 2 * margin / 20 for c in column)
                   for column, w in zip(zip(*table.rows), widths)]
        # A row taller than a page (under the repeated header row) may break, as in the PDF.
        page = twips(self.text_height)
        header_lines = tables.row_lines(table.header, widths, twips(text.size), margin)
        whole = header_lines * line <= page
        tbl.append(self.row(table.header, widths, head, line, [True] * len(widths), header=True, whole=whole))
        for row in table.rows:
            whole = (header_lines + tables.row_lines(row, widths, twips(text.size), margin)) * line <= page
            tbl.append(self.row(row, widths, text, line, centred, whole=whole))
        out.append(tbl)
        return out

    def row(
        self, texts: tuple[str, ...], widths: list[int], look: Look, line: int, centred: list[bool],
        *, header: bool = False, whole: bool = True,
    ) -> etree._Element:
        """One table row, kept on one page when `whole`; the header row repeats on every page
        the table spans."""
        tr = el("w:tr", [el("w:trPr", [el("w:cantSplit") if whole else None, el("w:tblHeader") if header else None])])
        for text, width, centre in zip(texts, widths, centred):
            paragraphs = [
                paragraph(ppr(snap=False, line=line, jc="center" if centre else "both", mark=look),
                          [run(part, look)] if part else [])
                for part in (text.splitlines() or [""])
            ]
            tr.append(el("w:tc", [el("w:tcPr", [el("w:tcW", w=width, type="dxa"), el("w:vAlign", val="center")]),
                                  *paragraphs]))
        return tr

    # --- red header (版头, 7.2) -----------------------------------------------------------------

    def red_header(self, header: b.RedHeader) -> list[etree._Element]:
        spec = self.profile.header
        pitch = self.profile.line_pitch_pt
        out = []
        marked = self.look(spec.classification_role, self.profile.body.size.value, spacing=self.body.spacing)
        for text, look in ((header.copy_number, self.body), (header.classification, marked), (header.urgency, marked)):
            if text:
                out.append(paragraph(ppr(mark=look), [run(text, look)]))
        used = len(out) * pitch

        # The mark's em box starts mark_top below the text block's top (7.2.4), as in the PDF.
        em_top = max(spec.mark_top.pt, used)
        if header.stacked:  # a table exactly as high as the names' type
            mark_out, height = self.stacked_mark(header, em_top - used)
            out += mark_out
            line_bottom = em_top + height
        else:
            # Its line is as high as the face's own, so its baseline lies the face's ascent under
            # the line's top; the first blank line under it gives back what that line is taller
            # than the em box, so the number stays where the PDF has it.
            mark = self.mark_look(header.mark)
            metrics = self.line_metrics(spec.mark_role)
            before = max(0.0, em_top + (self.em_ascent - metrics.ascent) * mark.size - used)
            line = self.natural_line(spec.mark_role, mark.size)
            out.append(paragraph(ppr(snap=False, before=twips(before), line=line, jc="center", mark=mark),
                                 [run(header.mark, mark)]))
            line_bottom = used + before + line / 20
            height = mark.size
        gap = int(spec.number_gap.value)
        first = pitch - (line_bottom - (em_top + height))
        out += [self.blank(twips(first))] + [self.blank() for _ in range(gap - 1)]
        used = em_top + height + gap * pitch

        red = self.profile.colors.red.value
        # The rule lies rule_gap below the number's characters, which sit mid-line.
        rule_space = round(max(0.0, spec.rule_gap.pt - (pitch - self.body.size) / 2))
        rule = {"bottom": ooxml.border(spec.rule_width.pt, red, rule_space)}
        number = self.number_lines(header, rule)
        out += number
        used += len(number) * pitch + rule_space + spec.rule_width.pt
        # Two blank lines under the rule (7.3.1), the first one stretched or shrunk by up to
        # half a line so the title and all that follows land on the page's grid lines.
        gap = int(spec.title_gap.value)
        first = round(used / pitch + gap) * pitch - used - (gap - 1) * pitch
        out += [self.blank(twips(first))] + [self.blank() for _ in range(gap - 1)]
        return out

    def stacked_mark(self, header: b.RedHeader, before: float) -> tuple[list[etree._Element], float]:
        """A joint mark as the PDF draws it (7.2.4): the names one above the other, spread to
        the widest's width, and the word (文件) centred at their right, in a borderless table
        centred on the text block, `before` points below what precedes it; and its height."""
        spec = self.profile.header
        widest = max(cells(name) for name in header.stacked)
        word = cells(header.mark_word)
        fit = self.profile.page.text_width.pt / (widest + 0.5 + word)
        size = min(spec.mark_max_size.pt, math.floor(fit * 2) / 2)
        mark = self.look(spec.mark_role, size, color=self.profile.colors.red.value)
        step = size * 1.25
        height = step * (len(header.stacked) - 1) + size
        names = []
        for k, name in enumerate(header.stacked):  # spread by character spacing: Word, WPS and LibreOffice alike
            extra = (widest - cells(name)) * size / max(len(name) - 1, 1)
            spread = self.look(spec.mark_role, size, color=mark.color, spacing=twips(extra))
            runs = [run(name[:-1], spread), run(name[-1], mark)] if len(name) > 1 else [run(name, mark)]
            names.append(paragraph(ppr(snap=False, line=twips(size if k == 0 else step), mark=mark), runs))
        word_paragraph = paragraph(ppr(snap=False, line=twips(size), mark=mark), [run(header.mark_word, mark)])
        # The gap of half a character stands at the names' right, as room for a face a little wider.
        widths = [twips((widest + 0.5) * size), twips((word + 0.5) * size)]
        none = {"val": "nil"}
        table = el("w:tbl", [
            *centred_table(widths, none, {side: 0 for side in ("top", "left", "bottom", "right")}),
            el("w:tr", [
                el("w:trPr", [el("w:cantSplit"), el("w:trHeight", val=twips(height), hRule="exact")]),
                el("w:tc", [el("w:tcPr", [el("w:tcW", w=widths[0], type="dxa")]), *names]),
                el("w:tc", [el("w:tcPr", [el("w:tcW", w=widths[1], type="dxa"), el("w:vAlign", val="center")]),
                            word_paragraph]),
            ]),
        ])
        out = [paragraph(ppr(snap=False, line=twips(before), mark=mark))] if before > 0 else []
        return out + [table], height

    def mark_look(self, mark: str) -> Look:
        """Red Xiaobiaosong, at most mark_max_size, shrunk so a long mark fits the text block."""
        spec = self.profile.header
        fit = self.profile.page.text_width.pt / max(cells(mark), 1.0)
        size = min(spec.mark_max_size.pt, math.floor(fit * 2) / 2)
        return self.look(spec.mark_role, size, color=self.profile.colors.red.value)

    def number_lines(self, header: b.RedHeader, rule: dict[str, dict[str, object]]) -> list[etree._Element]:
        """The document number centred, or (upward documents, 7.2.6) left beside the signers.

        Signers go `signers_per_line` to a line, right-aligned one character in; wrapped names
        align with the first name and the number shares the last line. Tab stops do the aligning, so the
        result does not depend on the width of the faces.
        """
        number = header.number or ""
        if not header.signers:
            return [paragraph(ppr(borders=rule, jc="center", mark=self.body), [run(number, self.body)])]
        spec = self.profile.header
        name_look = self.look(spec.signer_role, self.body.size, spacing=self.body.spacing)
        label = str(spec.signer_label.value)
        per_line = int(spec.signers_per_line.value)
        lines = ["\u3000".join(header.signers[i:i + per_line]) for i in range(0, len(header.signers), per_line)]
        side = float(spec.signer_indent.value)
        right = self.profile.chars_per_line - side
        names_at = right - max(cells(line) for line in lines)
        label_at = names_at - cells(label)

        def tab() -> etree._Element:
            return el("w:r", [self.body.rpr(), el("w:tab")])

        out = []
        for index, names in enumerate(lines):
            last = index == len(lines) - 1
            runs = [tab(), run(number, self.body)] if last else []
            runs += [tab(), run(label, self.body)] if index == 0 else [tab()]
            runs.append(run(names, name_look))
            stops = [("left", self.at_cells(side))] if last else []
            stops.append(("left", self.at_cells(label_at if index == 0 else names_at)))
            out.append(paragraph(ppr(borders=rule if last else None, tabs=stops, jc="left", mark=self.body), runs))
        return out

    # --- end block (版记, 7.4) ------------------------------------------------------------------

    def end_block(self, end: b.EndBlock, new_page: bool = False) -> list[etree._Element]:
        """The end block as a one-column table floated to the bottom of the text block.

        Why a floating table: GB/T 9704 puts the last rule on the bottom edge of the text block
        of the last page, wherever the body ends. A table positioned relative to the margin
        (tblpYSpec="bottom") is honoured by Word, WPS and LibreOffice, keeps its rules as table
        borders (outer 0.35 mm, inner 0.25 mm) and moves to a new page with its anchor when the
        last page is full. Filling with blank lines would need our own line breaking to agree
        with each application's to the line, which it cannot promise. `new_page`: the anchor
        breaks the page before it, so the table goes on the next page (LibreOffice ignores a
        page break in a paragraph before the table).
        """
        spec = self.profile.end_block
        look = self.look(spec.role, spec.size.value)
        black = self.profile.colors.text.value
        outer = ooxml.border(spec.outer_rule.pt, black)
        inner = ooxml.border(spec.inner_rule.pt, black)
        width = twips(self.profile.page.text_width.pt)
        left = twips(self.profile.page.margin_left.pt)
        side = float(spec.indent.value)
        rows = []
        if end.copy_to:
            label = str(spec.copy_to_label.value)
            ind = {"left": self.chars(side + cells(label), look), "hanging": self.chars(cells(label), look),
                   "right": self.chars(side, look)}
            rows.append(paragraph(ppr(snap=False, line=self.line, ind=ind, mark=look), [run(end.copy_to, look)]))
        ind = {"left": self.chars(side, look), "right": self.chars(side, look), "firstLine": 0}
        tab = [("right", width - self.chars(side, look))]
        apart = [el("w:r", [look.rpr(), el("w:br")])] if end.date_apart else []  # the date on the next line
        rows.append(paragraph(ppr(snap=False, line=self.line, tabs=tab, ind=ind, jc="left", mark=look), [
            run(end.printer, look), *apart, el("w:r", [look.rpr(), el("w:tab")]), run(end.printed, look),
        ]))
        tbl = el("w:tbl", [
            el("w:tblPr", [
                el("w:tblpPr", leftFromText=0, rightFromText=0, topFromText=0, bottomFromText=0,
                   vertAnchor="margin", tblpYSpec="bottom", horzAnchor="page", tblpX=left),
                el("w:tblOverlap", val="never"),
                el("w:tblW", w=width, type="dxa"),
                el("w:tblBorders", [el("w:top", **outer), el("w:bottom", **outer), el("w:insideH", **inner)]),
                el("w:tblLayout", type="fixed"),
                el("w:tblCellMar", [el(f"w:{s}", w=0, type="dxa") for s in ("left", "right")]),
            ]),
            el("w:tblGrid", [el("w:gridCol", w=width)]),
            *[el("w:tr", [el("w:trPr", [el("w:cantSplit")]),
                          el("w:tc", [el("w:tcPr", [el("w:tcW", w=width, type="dxa")]), row])]) for row in rows],
        ])
        # The paragraph a floating table needs after it, as its anchor; one twip high.
        return [tbl, self.hairline(page_break=new_page)]

    def hairline(self, page_break: bool = False) -> etree._Element:
        """A paragraph one twip high: a floating table's anchor, what holds a section break."""
        look = self.look(self.profile.end_block.role, self.profile.end_block.size.value)
        return paragraph(ppr(page_break=page_break, snap=False, line=20, mark=look))

    # --- page numbers (7.5) ---------------------------------------------------------------------

    def page_number_look(self) -> Look:
        spec = self.profile.page_number
        return self.look(spec.role, spec.size.value)

    def footer_distance(self) -> int:
        """From the page's bottom edge to the footer line's bottom, so that the middle of the
        dashes' ink sits `below_text` under the text block, as in the PDF: the line is the
        face's own height (`natural_line`), its baseline `descent` above the bottom."""
        spec = self.profile.page_number
        size = spec.size.pt
        face = self.face(str(spec.role))
        middle = None if face is None else fonts.ink_middle(face, str(spec.dash.value))
        if middle is None:
            middle = self.em_ascent - 0.5
        dash_from_bottom = self.profile.page.margin_bottom.pt - spec.below_text.pt
        return twips(dash_from_bottom - (middle + self.line_metrics(str(spec.role)).descent) * size)

    def footer(self, odd: bool) -> etree._Element:
        """"— n —", odd pages right and even pages left, one character in."""
        look = self.page_number_look()
        dash = str(self.profile.page_number.dash.value)
        count = float(self.profile.page_number.indent.value)
        side = "right" if odd else "left"
        return paragraph(ppr(style=FOOTER_STYLE, ind=self.indent_chars(count, look, side), jc=side, mark=look), [
            run(f"{dash} ", look), *ooxml.field_runs("PAGE", "1", look), run(f" {dash}", look),
        ])


    def turned_footer(self, odd: bool) -> etree._Element:
        """A landscape page's footer (GB/T 9704 10): the portrait page's number where the
        portrait page has it, turned with the page, in a text box reading down its left side."""
        page, spec = self.profile.page, self.profile.page_number
        middle = page.margin_top.emu + page.text_height.emu + spec.below_text.emu  # portrait, from the top
        across = 2 * spec.size.emu  # the line across the box, room for the number
        box = ooxml.turned_text_box(self.footer(odd), page.height.emu - middle - across // 2, page.margin_left.emu,
                                    across, page.text_width.emu, 1 if odd else 2)
        return paragraph(ppr(style=FOOTER_STYLE, mark=self.page_number_look()), [box])


def centred_table(
    widths: list[int], border: Mapping[str, object], margins: dict[str, int], *extra: etree._Element,
) -> list[etree._Element]:
    """A fixed-layout table's properties and grid: centred on the text block, `widths` in twips,
    one border on every side and between cells, cell margins in twips."""
    return [
        el("w:tblPr", [
            el("w:tblW", w=sum(widths), type="dxa"),
            el("w:jc", val="center"),
            el("w:tblBorders", [el(f"w:{side}", **border) for side in
                                ("top", "left", "bottom", "right", "insideH", "insideV")]),
            el("w:tblLayout", type="fixed"),
            el("w:tblCellMar", [el(f"w:{side}", w=w, type="dxa") for side, w in margins.items()]),
            *extra,
        ]),
        el("w:tblGrid", [el("w:gridCol", w=w) for w in widths]),
    ]


def column_widths(table: b.Table, total: int, size: float, margin: int, rule: int, gap: float) -> list[int]:
    """Column widths in twips summing to `total` (`size` in points, `margin` and `rule` in
    twips). Each is rounded up and the widest gives the twips back: a column exactly as wide
    as its text rounded down would wrap in Word and LibreOffice and not in the PDF."""
    exact = tables.column_widths(table, total, twips(size), margin, rule, gap)
    widths = [math.ceil(w - 1e-6) for w in exact]
    widest = max(range(len(widths)), key=exact.__getitem__)
    widths[widest] += total - sum(widths)
    return widths


def kept_with_signature(body: tuple[b.Block, ...]) -> set[int]:
    """Blocks that must share a page with the signature: the blank lines and attachment note
    before it, the paragraph of text above those, whole (no signature alone on a page), and the
    signature line itself, which keeps the date with it."""
    kept: set[int] = set()
    for index, block in enumerate(body):
        if isinstance(block, b.Signature):
            kept.add(index)
            before = index - 1
            while before >= 0 and isinstance(body[before], (b.BlankLines, b.Attachments)):
                kept.add(before)
                before -= 1
            if before >= 0 and isinstance(body[before], (b.Paragraph, b.Heading)):
                kept.add(before)
    return kept


def _section_break(elements: list[etree._Element], properties: etree._Element) -> None:
    """Ends a section after `elements` with `properties`, in the pPr of its last paragraph (a
    paragraph one twip high is added after a table, which cannot carry them)."""
    if not elements or elements[-1].tag != ooxml.qn("w:p"):
        elements.append(paragraph(ppr(snap=False, line=20)))
    elements[-1].find(ooxml.qn("w:pPr")).append(properties)


def _turned_section(doc: docx.document.Document, portrait: etree._Element, writer: _Writer) -> etree._Element:
    """The properties of a landscape section, with footers of its own (`turned_footer`).

    Their line sits inside the bottom margin: it holds only the anchor of the number's box,
    placed on the page, and at the portrait's footer distance it would stand above the
    landscape page's narrower bottom margin, which Word and LibreOffice then take from the
    text block (LibreOffice's held 21 pt less than the PDF's and broke the table a row sooner)."""
    turned = _turned(portrait, writer.profile)
    spec = writer.profile.page_number
    line = writer.natural_line(str(spec.role), spec.size.pt)
    turned.find(ooxml.qn("w:pgMar")).set(ooxml.qn("w:footer"), str(max(0, writer.profile.page.margin_right.twips - line)))
    for reference in turned.findall(ooxml.qn("w:footerReference")):
        turned.remove(reference)
    section = Section(turned, doc.part)
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        footer.part.element[:] = [writer.turned_footer(odd)]
    return turned


def _turned(properties: etree._Element, profile: Profile) -> etree._Element:
    """A landscape section's properties (GB/T 9704 10): the portrait page turned a quarter
    clockwise, its left margin (the binding edge of an odd page) at the top."""
    page = profile.page
    turned = copy.deepcopy(properties)
    size = turned.find(ooxml.qn("w:pgSz"))
    size.set(ooxml.qn("w:w"), str(twips(page.height.pt)))
    size.set(ooxml.qn("w:h"), str(twips(page.width.pt)))
    size.set(ooxml.qn("w:orient"), "landscape")
    margins = turned.find(ooxml.qn("w:pgMar"))
    for side, value in (("top", page.margin_left), ("bottom", page.margin_right), ("right", page.margin_top)):
        margins.set(ooxml.qn(f"w:{side}"), str(twips(value.pt)))
    left = page.height.pt - page.margin_top.pt - page.text_height.pt
    margins.set(ooxml.qn("w:left"), str(twips(left)))
    return turned


def fitting(document: b.Document, profile: Profile, paged: PagedDocument | None = None) -> Fitting:
    """The PDF's pagination decisions the DOCX repeats (a last page set closer, the end block
    on an even page after a blank one), from the PDF's pages when given, else from laying the
    document out as the PDF does. A document the PDF cannot lay out (a character no face has)
    gets the grid's plain pagination."""
    if document.end_block is None and not any(isinstance(block, b.Signature) for block in document.body):
        return Fitting()
    if paged is not None:
        return paged.fitting
    try:
        return paginated(document, profile)
    except ReportError:
        return Fitting()


def unnumbered_last_section(
    doc: Any, blocks: list[etree._Element], closing: etree._Element | None, writer: _Writer,
) -> list[etree._Element]:
    """Ends the numbered section after `blocks` (with `closing`, a landscape section's
    properties, or the body's own) and returns what starts the section of the blank page and
    the end block's page, whose footers have no page number (GB/T 9704 7.5): a paragraph for
    the blank page to hold."""
    _section_break(blocks, closing if closing is not None else copy.deepcopy(doc.element.body.sectPr))
    for reference in doc.element.body.sectPr.iterchildren(ooxml.qn("w:footerReference")):
        footer, rel_id = doc.part.add_footer_part()  # an empty footer of its own
        footer.element[:] = [paragraph(ppr(style=FOOTER_STYLE))]
        reference.set(ooxml.qn("r:id"), rel_id)
    return [writer.hairline()]


def render(document: b.Document, profile: Profile, *, paged: PagedDocument | None = None) -> bytes:
    """The document as DOCX bytes; the same document and profile always give the same bytes.
    `paged`: the document's pages when the caller laid them out already (for a PDF too)."""
    faces = [profile.face(role) for role in profile.roles]
    alternates = {face: profile.font_alternates[face].value for face in profile.font_alternates.keys()}
    doc = ooxml.new_document(ooxml.font_table(faces, alternates), document.metadata)
    writer = _Writer(profile, lambda data: doc.part.get_or_add_image(io.BytesIO(data))[0])
    styles = doc.styles.element
    styles[:] = list(ooxml.styles_element(
        profile, writer.body, writer.line, profile.table.cell_margin.twips, writer.styles()
    ))
    settings = doc.settings.element
    settings[:] = ooxml.settings_children(profile, writer.chars(1, writer.body))

    page = profile.page
    section = doc.sections[0]
    section.page_width, section.page_height = Emu(page.width.emu), Emu(page.height.emu)
    section.top_margin, section.bottom_margin = Emu(page.margin_top.emu), Emu(page.margin_bottom.emu)
    section.left_margin, section.right_margin = Emu(page.margin_left.emu), Emu(page.margin_right.emu)
    section.footer_distance = Twips(writer.footer_distance())
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.part.element[:] = [writer.footer(odd)]
    body = doc.element.body
    section_properties = body.sectPr
    section_properties.attrib.clear()  # the template's revision ids
    grid = section_properties.find(ooxml.qn("w:docGrid"))
    grid.attrib.clear()
    grid.set(ooxml.qn("w:type"), "lines")
    grid.set(ooxml.qn("w:linePitch"), str(writer.line))

    pages = fitting(document, profile, paged)
    blocks: list[etree._Element] = []
    if document.header:
        blocks += writer.red_header(document.header)
    kept = kept_with_signature(document.body)
    portrait = copy.deepcopy(section_properties)
    turned = None  # a landscape section's properties, made when the first is needed
    landscape = False  # the orientation of the section being written
    for index, block in enumerate(document.body):
        if isinstance(block, b.AttachmentPage):  # each attachment starts a section on a new page
            _section_break(blocks, copy.deepcopy(turned if landscape else portrait))
            landscape = block.landscape
            if landscape and turned is None:
                turned = _turned_section(doc, portrait, writer)
        elements = writer.block(block)
        if index in kept:
            for element in elements:
                ooxml.keep_with_next(element)
                if isinstance(block, (b.Paragraph, b.Heading)):  # moved whole, as the layout does (_tied)
                    ooxml.keep_lines(element)
        if index in pages.condensed:  # the page the sign-off ends on, set closer as in the PDF
            for element in elements:
                ooxml.exact_line(element, twips(pages.condensed[index]))
        blocks += elements
    # a landscape section ends before the end block, which goes on a portrait page
    closing = copy.deepcopy(turned) if turned is not None and landscape else None
    ending: list[etree._Element] = []
    if document.end_block and pages.blank_page:
        ending = unnumbered_last_section(doc, blocks, closing, writer)
    elif document.end_block and closing is not None:
        _section_break(blocks, closing)
        ending = [writer.hairline()]  # a paragraph first: LibreOffice sets a floating table first in a section on the page before
    elif closing is not None:
        body.replace(section_properties, closing)
        section_properties = body.sectPr
    if document.end_block:  # on a page of its own: after a landscape section, the section break starts it
        new_page = pages.end_page and (pages.blank_page or closing is None)
        ending += writer.end_block(document.end_block, new_page=new_page)
    for element in list(body.iterchildren(ooxml.qn("w:p"))):
        body.remove(element)
    for element in blocks + ending:
        section_properties.addprevious(element)
    return ooxml.save(doc, document.metadata.created)
