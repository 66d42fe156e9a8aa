"""HTML: the report as a government website publishes it, one self-contained page.

Inline CSS only: no script, no external fetch. Faces, sizes and the print page (A4, GB/T 9704
margins, page numbers) come from the style profile; the screen layout narrows to a phone.

The markup is meant to be read back (an importer, or a site's editor):
- `<table class="disclosure">`: one row per disclosure field, `<th scope="row">` label and
  `<td data-field="index_number">` value (索引号, 信息分类, ...); not printed.
- `<article class="report">` holds `<header class="red-header">` (optional), the `<h1>` title
  (its print lines as `<span class="title-line">`), `<div class="report-body">` and
  `<footer class="end-block">` (optional).
- In the body: `<p class="addressee">`, plain `<p>` paragraphs, one `<section class="part"
  data-part="measures|shortcomings|leadership|plans|other">` per part with an `<h2>`, nested
  `<section class="section">` with `<h3>` to `<h5>`. Every generated marker (一、（一）1.（1）)
  is a `<span class="marker">` inside its heading, so stripping it leaves the author's text.
- A run-in heading stays inside its paragraph, as `<span class="lead" role="heading"
  aria-level="N">`: the paragraph reads as in print, and assistive technology still lists it
  in the outline at the level its `<hN>` would have.
- Tables: `<caption>`, `<th scope="col">` header row, `<td>` cells.
- `<div class="attachments">`, `<div class="signature" data-sealed>` with `<p class="signer">`
  and `<p class="date"><time datetime>`, `<p class="note">`.

`fragment=True` gives the body alone (no title, disclosure, header or end block: the site's page
shows its own) as one `<div>`, with the layout in `style` attributes, since site editors drop
`<style>` but keep inline styles.
"""

from __future__ import annotations

import base64

from html import escape
from string import Template

from .. import blocks as b
from ..blocks import cells
from ..profile import Profile

# Where the profile's face is missing: the same face under its other names, then the open and
# system faces of fonts.md (Windows, macOS, Linux, phones), then the generic family.
FALLBACK_FACES: dict[str, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Noto Serif CJK SC",
              "Source Han Serif SC", "Songti SC", "宋体", "SimSun", "serif"),
    "body": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "华文仿宋", "STFangsong",
             "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "宋体", "SimSun", "serif"),
    "heading1": ("黑体", "SimHei", "Heiti SC", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC",
                 "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", "sans-serif"),
    "heading2": ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "华文楷体", "STKaiti", "Kaiti SC",
                 "LXGW WenKai", "AR PL UKai CN", "serif"),
    "page_number": ("宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", "AR PL UMing CN", "serif"),
}
GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "system-ui"}

SCREEN_FONT_SIZE = "1.125rem"  # 18 px at the browser's default: CJK body text that reads well


def _text(text: str) -> str:
    return escape(text, quote=True)


def _css_string(name: str) -> str:
    """A quoted CSS string that cannot end the string or the <style> element."""
    escaped = name.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", "\\a ")
    return f'"{escaped}"'


def font_stack(profile: Profile, role: str) -> str:
    """The CSS font-family of a role: the profile's face first, then its fallbacks."""
    faces = [profile.face(role), *FALLBACK_FACES.get(role, FALLBACK_FACES["body"])]
    unique = list(dict.fromkeys(faces))
    return ", ".join(face if face in GENERIC_FAMILIES else _css_string(face) for face in unique)


def _em(pt: float, profile: Profile) -> str:
    """A size relative to the body text, so the screen can scale the whole page."""
    return f"{pt / profile.body.size.pt:.4g}em"


def _lines(count: float) -> str:
    """A height of `count` grid lines of body text: the line pitch in print."""
    return f"calc({count:g} * var(--line) * 1em)"


def _cells(count: float) -> str:
    """A length of `count` character cells: one em on screen, the grid's cell in print."""
    return f"calc({count:.4g} * var(--cell, 1em))"


# --- styles -------------------------------------------------------------------------------------

STYLESHEET = Template("""
:root { color-scheme: light; --cell: 1em; --line: $line_height; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef0f2; color: #$text_color; }
.page { max-width: calc($chars * 1em + 6em); margin: 1.5rem auto; padding: 2.5em 3em 3em;
  background: #fff; font-size: $screen_size; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15); }
.report, .disclosure { font-family: $body_font; line-height: var(--line);
  overflow-wrap: anywhere; line-break: strict; }
.disclosure { width: 100%; margin: 0 0 2em; border-collapse: collapse; font-size: 0.8em;
  line-height: 1.5; background: #f7f8fa; }
.disclosure th, .disclosure td { border: 1px solid #d5d9de; padding: 0.35em 0.6em; text-align: left;
  vertical-align: top; }
.disclosure th { width: 6em; font-weight: normal; color: #555; white-space: nowrap; }
.red-header { position: relative; color: #$red;
  border-bottom: $rule_width solid #$red; margin-bottom: $title_gap; padding-bottom: $rule_gap; }
.red-header p { margin: 0; text-indent: 0; }
.red-header .top-lines { color: #$text_color; }
.red-header .classification, .red-header .urgency { font-family: $heading1_font; }
.red-header .mark { margin: 1em 0 0; text-align: center; font-family: $title_font; line-height: 1.25;
  font-size: clamp(1em, calc((100vw - 2.5rem) / var(--mark-cells, 1)), $mark_size); }
.red-header .number { display: flex; flex-wrap: wrap; justify-content: center; gap: 0 2em;
  margin-top: $number_gap; color: #$text_color; }
.red-header .number.with-signers { justify-content: space-between; padding: 0 $signer_indent; }
.red-header .signer-name { font-family: $signer_font; }
h1 { margin: 0; text-align: center;
  font-family: $title_font; font-size: $title_size; font-weight: 700; font-synthesis: none; line-height: 1.5;
  text-wrap: balance; }
h2, h3, h4, h5 { margin: 0; font-size: 1em; font-weight: normal; text-indent: $indent; }
$heading_rules
.report-body { padding-top: $title_gap_after; }
.report-body p { margin: 0; text-indent: $indent; text-align: justify; }
.report-body p.addressee { text-indent: 0; }
table.data { margin: 0.5em auto; border-collapse: collapse; font-size: $table_size; line-height: 1.5; }
table.data caption { padding: 0.25em 0; text-align: center; font-weight: normal; }
table.data th, table.data td { border: 1px solid #$text_color; padding: 0.2em 0.5em; vertical-align: middle; }
table.data th { font-family: $heading1_font; font-weight: normal; }
.attachments { display: flex; margin-top: $attachments_gap; padding-left: $attachments_indent; }
.attachments .label { flex: none; }
.attachments ol { margin: 0; padding: 0; list-style: none; }
.report-body .signature { margin-top: $signature_gap; }
.report-body .signature[data-sealed="true"] { margin-top: $sealed_gap; }
.end-block { margin-top: $end_gap; border-top: $outer_rule solid; border-bottom: $outer_rule solid;
  font-size: $end_size; }
.end-block p { margin: 0; padding: 0.2em $end_indent; }
.end-block .copy-to { border-bottom: $inner_rule solid; }
.end-block .printed { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1em; }
@media (max-width: 40em) {
  body { background: #fff; }
  .page { margin: 0; padding: 1em; box-shadow: none; font-size: 1.0625rem; }
  .red-header .number.with-signers { padding: 0; }
}
@page { size: $page_width $page_height; margin: $margin_top $margin_right $margin_bottom $margin_left; }
@page :right { @bottom-right { $page_number } }
@page :left { @bottom-left { $page_number } }
@media print {
  :root { --cell: $cell; }
  body { background: none; }
  .page { max-width: none; margin: 0; padding: 0; box-shadow: none; font-size: $body_size; }
  .disclosure { display: none; }
  .report-body { letter-spacing: $tightening; }
  .red-header { padding-top: $mark_top; }
  .red-header .top-lines { position: absolute; top: 0; left: 0; }
  .red-header .mark { margin-top: 0; font-size: clamp(1em, calc($text_width / var(--mark-cells, 1)), $mark_size); }
  .title-line { display: block; }
  h2, h3, h4, h5, .attachments { break-after: avoid; }
  .signature, .end-block, tr { break-inside: avoid; }
  .report-body p { orphans: 2; widows: 2; }
}
""")


def _heading_rules(profile: Profile) -> str:
    """Each heading level in its face, as print sets it; a run-in heading like its own level."""
    rules = []
    for level in range(1, 5):
        heading = profile.headings[level]
        rules.append(
            f"h{level + 1}, .lead-{level} {{ font-family: {font_stack(profile, heading.role)}; "
            f"font-size: {_em(heading.size.pt, profile)}; }}"
        )
    return "\n".join(rules)


def stylesheet(profile: Profile) -> str:
    page, header, end, pn = profile.page, profile.header, profile.end_block, profile.page_number
    line_height = profile.line_pitch_pt / profile.body.size.pt
    number_font = f"font-family: {font_stack(profile, pn.role)}; font-size: {pn.size.pt:g}pt;"
    page_number = (
        f'content: "{pn.dash.value} " counter(page) " {pn.dash.value}"; {number_font} '
        f"vertical-align: top; padding-top: {pn.below_text.mm:g}mm; "
    )
    cell = profile.char_pitch_pt
    return STYLESHEET.substitute(
        line_height=f"{line_height:.4g}",
        text_color=profile.colors.text.value,
        red=profile.colors.red.value,
        chars=profile.chars_per_line,
        screen_size=SCREEN_FONT_SIZE,
        body_font=font_stack(profile, profile.body.role),
        title_font=font_stack(profile, profile.title.role),
        heading1_font=font_stack(profile, "heading1"),
        signer_font=font_stack(profile, header.signer_role),
        heading_rules=_heading_rules(profile),
        indent=_cells(profile.body.first_line_indent.value),
        title_size=_em(profile.title.size.pt, profile),
        title_gap=_lines(header.title_gap.value),
        title_gap_after=_lines(profile.title.blank_lines_after.value),
        rule_width=f"{header.rule_width.pt:g}pt",
        rule_gap=f"{header.rule_gap.mm:g}mm",
        number_gap=_lines(header.number_gap.value),
        mark_size=_em(header.mark_max_size.pt, profile),
        mark_top=f"{header.mark_top.mm:g}mm",
        signer_indent=_cells(header.signer_indent.value),
        table_size=_em(profile.table.size.pt, profile),
        attachments_gap=_lines(profile.attachments.blank_lines_before.value),
        attachments_indent=_cells(profile.attachments.indent.value),
        signature_gap=_lines(profile.signature.blank_lines_before.value),
        sealed_gap=_lines(profile.signature.sealed_blank_lines_before.value),
        end_size=_em(end.size.pt, profile),
        end_gap=_lines(2),
        end_indent=_cells(end.indent.value),
        outer_rule=f"{end.outer_rule.mm:g}mm",
        inner_rule=f"{end.inner_rule.mm:g}mm",
        page_width=f"{page.width.mm:g}mm",
        text_width=f"{page.text_width.mm:g}mm",
        page_height=f"{page.height.mm:g}mm",
        margin_top=f"{page.margin_top.mm:g}mm",
        margin_right=f"{page.margin_right.mm:g}mm",
        margin_bottom=f"{page.margin_bottom.mm:g}mm",
        margin_left=f"{page.margin_left.mm:g}mm",
        page_number=page_number,
        cell=f"{cell:.4g}pt",
        body_size=f"{profile.body.size.pt:g}pt",
        tightening=f"{cell - profile.body.size.pt:.2g}pt",
    )


def fragment_styles(profile: Profile) -> dict[str, str]:
    """Inline styles by element kind, for a fragment pasted where our stylesheet is not."""
    indent = f"text-indent: {_cells(profile.body.first_line_indent.value)}"
    line = profile.line_pitch_pt / profile.body.size.pt
    styles = {
        "body": f"font-family: {font_stack(profile, profile.body.role)}; line-break: strict; overflow-wrap: anywhere",
        "paragraph": f"margin: 0; {indent}; text-align: justify",
        "addressee": "margin: 0; text-indent: 0",
        "note": f"margin: 0; {indent}",
        "data": "margin: 0.5em auto; border-collapse: collapse",
        "caption": "text-align: center",
        "cell": "border: 1px solid #000; padding: 0.2em 0.5em",
        "attachments": (
            f"display: flex; margin-top: {line * profile.attachments.blank_lines_before.value:.4g}em; "
            f"padding-left: {_cells(profile.attachments.indent.value)}"
        ),
        "label": "flex: none",
        "items": "margin: 0; padding: 0; list-style: none",
        "signature": f"margin-top: {line * profile.signature.blank_lines_before.value:.4g}em",
        "attachment": "margin-top: 2em",
        "attachment-label": f"margin: 0; text-indent: 0; font-family: {font_stack(profile, profile.attachments.page_label_role)}",
        "attachment-title": (
            f"margin: 0 0 {line * profile.title.blank_lines_after.value:.4g}em; text-align: center; text-indent: 0; "
            f"font-family: {font_stack(profile, profile.title.role)}; font-size: {_em(profile.title.size.pt, profile)}"
        ),
    }
    for level in range(1, 5):
        face = f"font-family: {font_stack(profile, profile.headings[level].role)}"
        styles[f"heading-{level}"] = f"margin: 0; font-size: 1em; font-weight: normal; {indent}; {face}"
        styles[f"lead-{level}"] = face
    return styles


# --- markup -------------------------------------------------------------------------------------


class _Markup:
    """Builds the page; in a fragment each element also carries its kind's inline style."""

    def __init__(self, profile: Profile, fragment: bool):
        self.profile = profile
        self.styles = fragment_styles(profile) if fragment else {}
        self.out: list[str] = []

    def attrs(self, kind: str | None = None, cls: str | None = None, **extra: str | None) -> str:
        """Attributes of an element; its own `style` joins its kind's inline style in a fragment."""
        style = "; ".join(filter(None, (self.styles.get(kind or ""), extra.pop("style", None))))
        pairs = [("class", cls), *((k.replace("_", "-"), v) for k, v in extra.items()), ("style", style or None)]
        return "".join(f' {name}="{_text(value)}"' for name, value in pairs if value is not None)

    def element(self, tag: str, content: str, kind: str | None = None, cls: str | None = None, **extra: str) -> None:
        self.out.append(f"<{tag}{self.attrs(kind, cls, **extra)}>{content}</{tag}>")

    # -- body blocks

    def heading(self, heading: b.Heading) -> str:
        return f'<span class="marker">{_text(heading.marker)}</span>{_text(heading.text)}'

    def paragraph(self, paragraph: b.Paragraph) -> None:
        lead = paragraph.lead
        content = _text(paragraph.text)
        if lead:
            attrs = self.attrs(f"lead-{lead.level}", f"lead lead-{lead.level}", role="heading",
                               aria_level=str(lead.level + 1))
            content = f"<span{attrs}>{self.heading(lead)}</span>{content}"
        self.element("p", content, "paragraph")

    def table(self, table: b.Table) -> None:
        cell = self.attrs("cell")
        lines = [f"<table{self.attrs('data', 'data')}>"]
        if table.caption:
            lines.append(f"<caption{self.attrs('caption')}>{_text(table.caption)}</caption>")
        header = "".join(f'<th scope="col"{cell}>{_text(text)}</th>' for text in table.header)
        lines.append(f"<thead><tr>{header}</tr></thead><tbody>")
        lines += ["<tr>" + "".join(f"<td{cell}>{_text(text)}</td>" for text in row) + "</tr>" for row in table.rows]
        lines.append("</tbody></table>")
        self.out.append("\n".join(lines))

    def attachments(self, block: b.Attachments) -> None:
        items = "".join(f"<li>{_text(item)}</li>" for item in block.items)
        self.out.append(
            f"<div{self.attrs('attachments', 'attachments')}><span{self.attrs('label', 'label')}>{_text(block.label)}</span>"
            f"<ol{self.attrs('items')}>{items}</ol></div>"
        )

    def signature(self, block: b.Signature, when: str) -> None:
        """A box as wide as its longest line, as far from the right as in print; each line at its
        print offset inside it (a joint report's names side by side or one under another), the
        seal images where print presses them, behind the text. On a narrow screen the box wraps
        instead of overflowing."""
        placed = [item for _, row in block.lines() for item, _ in row]
        # The box holds the seals too, so that none stands past it (or past a phone's screen).
        left = min([line.start for line in placed] + [seal.left for seal in block.seals])
        extent = max([line.end for line in placed] + [seal.left + seal.width for seal in block.seals])
        right = max(0.0, self.profile.chars_per_line - extent)
        date = f'<time datetime="{when}">{_text(block.date.text)}</time>'
        rows, at = [], 0
        for number, row in block.lines():
            gap = f"margin: {_lines(number - at)} 0 0" if number > at else "margin: 0"
            at = number + 1
            cls = "date" if row[0][1] == ("date",) else "signer"
            spans, end = [], left
            for line, _ in row:
                content = date if cls == "date" else _text(line.text)
                if len(row) == 1:
                    spans.append(content)
                    break
                # Names side by side are parted by a full-width space, as text: a copy or an
                # import reads them as two; the margin makes up the rest of the print's gap.
                space = "\u3000" if spans else ""
                shift = line.start - end - (1 if spans else 0)
                spans.append(f'{space}<span style="display: inline-block; margin-left: {_cells(shift)}">{content}</span>')
                end = line.end
            pad = f"; padding-left: {_cells(row[0][0].start - left)}" if len(row) == 1 else ""
            rows.append(f'<p class="{cls}" style="{gap}; text-indent: 0; text-align: left{pad}">{"".join(spans)}</p>')
        seals = "".join(
            f'<img class="seal" alt="{escape(seal.description)}" src="data:image/png;base64,{base64.b64encode(seal.image.data).decode()}" '
            f'style="position: absolute; z-index: -1; left: {100 * (seal.left - left) / (extent - left):.4g}%; '
            f'top: {_lines(seal.top)}; width: {100 * seal.width / (extent - left):.4g}%; height: auto">'
            for seal in block.seals
        )  # placed in fractions of the box, which a phone's screen narrows: the seals narrow with it
        box = f"display: table; margin-left: auto; margin-right: {_cells(right)}"
        if seals:
            box += f"; position: relative; z-index: 0; width: min({_cells(extent - left)}, 100%)"
        sealed = "true" if block.sealed else "false"
        self.out.append(f"<div{self.attrs('signature', 'signature', data_sealed=sealed, style=box)}>"
                        + seals + "".join(rows) + "</div>")

    def body(self, document: b.Document) -> None:
        """The blocks after the title."""
        self.blocks(document.body, document.metadata.created.isoformat())

    def blocks(self, blocks: tuple[b.Block, ...], when: str) -> None:
        """Blocks, with sections nested again from the heading levels."""
        open_levels: list[tuple[int, str]] = []  # (level, end tag) of each open section

        def close_to(level: int) -> None:
            while open_levels and open_levels[-1][0] > level:
                self.out.append(open_levels.pop()[1])

        for block in blocks:
            match block:
                case b.Title() | b.BlankLines():
                    continue  # the title is the <h1>; spacing is the stylesheet's
                case b.Heading(level=level):
                    close_to(level - 1)
                    self.open_section(block, open_levels)
                    self.element(f"h{level + 1}", self.heading(block), f"heading-{level}")
                case b.Paragraph(lead=lead, outline_level=within):
                    if lead:
                        close_to(lead.level - 1)
                        self.open_section(lead, open_levels, run_in=True)
                    elif within is not None:
                        close_to(within)
                    self.paragraph(block)
                case b.Table(outline_level=within):
                    if within is not None:
                        close_to(within)
                    self.table(block)
                case b.Addressee(text):
                    close_to(0)
                    self.element("p", _text(text), "addressee", "addressee")
                case b.Attachments():
                    close_to(0)
                    self.attachments(block)
                case b.Signature():
                    close_to(0)
                    self.signature(block, when)
                case b.Note(text):
                    close_to(0)
                    self.element("p", _text(text), "note", "note")
                case b.AttachmentPage():
                    close_to(0)
                    self.attachment_page(block, when)
                case _:
                    raise TypeError(f"no HTML form for {block!r}")
        close_to(0)

    def attachment_page(self, page: b.AttachmentPage, when: str) -> None:
        """An attachment after the body (GB/T 9704 8): a section starting a printed page, its
        label, its title and its content; `data-landscape` when printed on landscape pages."""
        landscape = "true" if page.landscape else "false"
        self.out.append(f"<section{self.attrs('attachment', 'attachment', data_landscape=landscape)}>")
        self.element("p", _text(page.label), "attachment-label", "attachment-label")
        lines = "".join(f'<span class="title-line">{_text(line)}</span>' for line in page.title.lines)
        self.element("h2", lines, "attachment-title", "attachment-title")
        self.blocks(page.body, when)
        self.out.append("</section>")

    def open_section(self, heading: b.Heading, open_levels: list[tuple[int, str]], run_in: bool = False) -> None:
        """A <section> per heading; a <div> for a run-in one, whose heading is no <hN> element."""
        if heading.part is not None:  # an attachment's 一、 heads a section, not a part
            self.out.append(f"<section{self.attrs(cls='part', data_part=heading.part)}>")
        else:
            self.out.append('<div class="section run-in">' if run_in else '<section class="section">')
        open_levels.append((heading.level, "</div>" if run_in else "</section>"))

    # -- page furniture

    def disclosure(self, disclosure: b.Disclosure) -> None:
        rows = "".join(
            f'<tr><th scope="row">{_text(entry.label)}</th>'
            f'<td data-field="{_text(entry.key)}">{_text(entry.value)}</td></tr>'
            for entry in disclosure.entries
        )
        self.out.append(f'<table class="disclosure" aria-label="政府信息公开"><tbody>{rows}</tbody></table>')

    def stacked_mark(self, header: b.RedHeader) -> None:
        """A joint mark as print stacks it (7.2.4): the names one above the other, spread to the
        widest's width, 文件 centred at their right. Full-width spaces part the names as text (a
        copy or an import reads them apart); a zero font size keeps them off the screen."""
        apart = '<span style="font-size: 0">\u3000</span>'
        names = apart.join(f'<span style="text-align-last: justify; white-space: nowrap">{_text(name)}</span>'
                           for name in header.stacked)
        width = max(cells(name) for name in header.stacked) + 1 + cells(header.mark_word)  # a cell to spare
        self.out.append(
            f'<p class="mark" style="--mark-cells: {width:g}; display: flex; justify-content: center; '
            f'align-items: center; gap: 0.5em"><span style="display: flex; flex-direction: column">{names}</span>'
            f'{apart}<span style="white-space: nowrap">{_text(header.mark_word)}</span></p>'
        )

    def red_header(self, header: b.RedHeader) -> None:
        self.out.append('<header class="red-header">')
        top_lines = (("copy-number", header.copy_number), ("classification", header.classification),
                     ("urgency", header.urgency))
        if any(value for _, value in top_lines):
            self.out.append('<div class="top-lines">')
            for cls, value in top_lines:
                if value:
                    self.element("p", _text(value), cls=cls)
            self.out.append("</div>")
        # As large as the standard allows, but on one line: no wider than the text block.
        if header.stacked:
            self.stacked_mark(header)
        else:
            self.element("p", _text(header.mark), cls="mark", style=f"--mark-cells: {cells(header.mark):g}")
        parts = [f'<span class="doc-number">{_text(header.number)}</span>'] if header.number else []
        if header.signers:
            names = "、".join(f'<span class="signer-name">{_text(name)}</span>' for name in header.signers)
            label = _text(str(self.profile.header.signer_label.value))
            parts.append(f'<span class="signers">{label}{names}</span>')
        if parts:  # a space between the flex items: none on screen, but the text reads as two
            self.element("p", " ".join(parts), cls="number with-signers" if header.signers else "number")
        self.out.append("</header>")

    def end_block(self, end: b.EndBlock) -> None:
        self.out.append('<footer class="end-block">')
        if end.copy_to:
            self.element("p", _text(end.copy_to), cls="copy-to")
        self.element(
            "p",
            f'<span class="printer">{_text(end.printer)}</span> <span class="print-date">{_text(end.printed)}</span>',
            cls="printed",
        )
        self.out.append("</footer>")

    def title(self, document: b.Document) -> None:
        lines = next((block.lines for block in document.body if isinstance(block, b.Title)), (document.metadata.title,))
        self.element("h1", "".join(f'<span class="title-line">{_text(line)}</span>' for line in lines))


def attachment_stylesheet(profile: Profile) -> str:
    """The rules of attachment pages, added only to a page that has them: each starts a
    printed page, landscape ones on landscape paper (GB/T 9704 8, 10)."""
    styles = fragment_styles(profile)
    page = profile.page
    turned_left = page.height.mm - page.margin_top.mm - page.text_height.mm
    landscape = (  # the portrait page turned a quarter clockwise: its left margin on top
        f"size: {page.height.mm:g}mm {page.width.mm:g}mm; "
        f"margin: {page.margin_left.mm:g}mm {page.margin_top.mm:g}mm {page.margin_right.mm:g}mm {turned_left:g}mm;"
    )
    return (
        f"\n.report-body .attachment {{ {styles['attachment']}; }}"
        f"\n.report-body .attachment p.attachment-label {{ {styles['attachment-label']}; }}"
        f"\n.report-body .attachment h2.attachment-title {{ {styles['attachment-title']}; }}"
        f"\n@page landscape {{ {landscape} }}"
        "\n@media print {\n  .report-body .attachment { margin-top: 0; break-before: page; }"
        '\n  .report-body .attachment[data-landscape="true"] { page: landscape; }\n}\n'
    )


def _head(document: b.Document, profile: Profile) -> str:
    meta = document.metadata
    fields = {
        "author": meta.author,
        "description": meta.subject,
        "keywords": ",".join(meta.keywords),
        "dcterms.created": meta.created.isoformat(),
        "generator": "report-composer",
    }
    tags = "\n".join(f'<meta name="{name}" content="{_text(value)}">' for name, value in fields.items())
    extra = attachment_stylesheet(profile) if any(isinstance(x, b.AttachmentPage) for x in document.body) else ""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(meta.title)}</title>\n{tags}\n<style>{stylesheet(profile)}{extra}</style>\n</head>\n"
    )


def render(document: b.Document, profile: Profile, *, fragment: bool = False) -> bytes:
    """The page as UTF-8 bytes; with `fragment`, only the report body as one <div>."""
    markup = _Markup(profile, fragment)
    if fragment:
        markup.out.append(f'<div{markup.attrs("body", "report-body", lang="zh-CN")}>')
        markup.body(document)
        markup.out.append("</div>")
        return ("\n".join(markup.out) + "\n").encode("utf-8")
    markup.out.append('<body>\n<main class="page">')
    if document.disclosure:
        markup.disclosure(document.disclosure)
    markup.out.append('<article class="report">')
    if document.header:
        markup.red_header(document.header)
    markup.title(document)
    markup.out.append('<div class="report-body">')
    markup.body(document)
    markup.out.append("</div>")
    if document.end_block:
        markup.end_block(document.end_block)
    markup.out.append("</article>\n</main>\n</body>\n</html>")
    return (_head(document, profile) + "\n".join(markup.out) + "\n").encode("utf-8")
