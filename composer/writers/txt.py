"""Plain text: the numbered document as a reader reads it, on lines of the grid's width.

Indents and placement use full-width spaces, so the text pastes cleanly into a web editor or
an e-mail and reads like the printed page.
"""

from __future__ import annotations

from .. import blocks as b
from ..blocks import cells
from ..profile import Profile

INDENT = "\u3000"


def _pad(start: float) -> str:
    """Spaces reaching `start` character cells (a half cell is a half-width space)."""
    whole = int(start)
    return INDENT * whole + (" " if start - whole >= 0.5 else "")


def _centred(text: str, width: int) -> str:
    return _pad(max(0.0, (width - cells(text)) / 2)) + text


def _table(table: b.Table) -> list[str]:
    def row(cells_: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells_) + " |"

    lines = [table.caption] if table.caption else []
    lines += [row(table.header), row(tuple("---" for _ in table.header))]
    return lines + [row(r) for r in table.rows]


def _body_lines(block: b.Block, profile: Profile) -> list[str]:
    indent = INDENT * int(profile.body.first_line_indent.value)
    width = profile.chars_per_line
    match block:
        case b.Title(lines):
            return [_centred(line, width) for line in lines]
        case b.BlankLines(count):
            return [""] * count
        case b.Addressee(text):
            return [text]
        case b.Heading() | b.Paragraph():
            return [indent + block.full_text]
        case b.Table():
            return _table(block)
        case b.Attachments(label, items):
            hanging = _pad(int(profile.attachments.indent.value) + cells(label))
            return [indent + label + items[0]] + [hanging + item for item in items[1:]]
        case b.Signature(signature, date, _):
            return [_pad(signature.start) + signature.text, _pad(date.start) + date.text]
        case b.Note(text):
            return [indent + text]
        case b.AttachmentPage(label, title, body):
            page = ["", "", label]  # after the body, set apart as the printed page is
            for inner in (title, *body):
                page += _body_lines(inner, profile)
            return page
    raise TypeError(f"no text form for {block!r}")


def _header_lines(header: b.RedHeader, width: int) -> list[str]:
    lines = [x for x in (header.copy_number, header.classification, header.urgency) if x]
    lines += ["", _centred(header.mark, width), ""]
    if header.signers:
        lines.append(f"{INDENT}{header.number or ''}{INDENT * 2}签发人：{'、'.join(header.signers)}")
    elif header.number:
        lines.append(_centred(header.number, width))
    return lines + ["━" * width, ""]


def _end_lines(end: b.EndBlock, width: int) -> list[str]:
    rule = "─" * width
    printed = f"{INDENT}{end.printer}"
    gap = max(1.0, width - 1 - cells(printed) - cells(end.printed))
    lines = ["", rule]
    if end.copy_to:
        lines += [INDENT + end.copy_to, rule]
    return lines + [printed + _pad(gap) + end.printed, rule]


def render(document: b.Document, profile: Profile) -> bytes:
    width = profile.chars_per_line
    lines = _header_lines(document.header, width) if document.header else []
    for block in document.body:
        lines += _body_lines(block, profile)
    if document.end_block:
        lines += _end_lines(document.end_block, width)
    return ("\n".join(lines) + "\n").encode("utf-8")
