"""Report -> Document: numbering, title lines, spacing and signature placement, decided once.

The rules are GB/T 9704's (clauses in the profile); every renderer draws the result as it is.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import blocks as b
from .dates import format_date
from .layout.tables import too_wide
from .model import Attachment, Report, Section, TableItem, attachment_name, default_mark, joint_name
from .numbering import marker
from .rules import mark_fits_one_line, place_sign_off, printer_and_date_fit, wrap_title

if TYPE_CHECKING:
    from .profile import Profile


# --- body -----------------------------------------------------------------------------------------


def _paragraphs(text: str, outline_level: int, path: b.Path, lead: b.Heading | None = None) -> list[b.Paragraph]:
    """One paragraph per non-empty line, each with where it starts in `text`; a run-in heading
    leads the first."""
    paragraphs = []
    start = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            at = start + len(line) - len(line.lstrip())
            paragraphs.append(b.Paragraph(line.strip(), None, outline_level, path, at))
        start += len(line)
    paragraphs = paragraphs or [b.Paragraph("", None, outline_level, path)]
    paragraphs[0] = paragraphs[0]._replace(lead=lead)
    return paragraphs


def _content(items: list[Any], level: int, path: b.Path, first: int = 0) -> list[b.Block]:
    """The blocks of a part's or a section's items (at `path`, the first being number `first`
    there); `level` is that of the sections among them."""
    out: list[b.Block] = []
    numbers = itertools.count(1)
    for index, item in enumerate(items, start=first):
        here = (*path, index)
        if isinstance(item, str):
            out += _paragraphs(item, level - 1, here)
        elif isinstance(item, TableItem):
            t = item.table
            out.append(b.Table(t.caption, tuple(t.header), tuple(tuple(r) for r in t.rows), level - 1, (*here, "table")))
        elif isinstance(item, Section):
            heading = b.Heading(level, marker(level, next(numbers)), item.heading, path=(*here, "heading"))
            rest = item.content
            if item.run_in and isinstance(rest[0], str):  # always text: the model checks run_in
                out += _paragraphs(rest[0], level, (*here, "content", 0), heading)
                out += _content(rest[1:], level + 1, (*here, "content"), first=1)
            else:
                out.append(heading)
                out += _content(rest, level + 1, (*here, "content"))
    return out


def _parenthesised(text: str) -> str:
    return text if text.startswith(("（", "(")) else f"（{text}）"


def compose(report: Report, profile: Profile, seal_images: Sequence[b.SealImage | None] = ()) -> b.Document:
    """Lays the report out as blocks in reading order, by the profile's rules, each with the
    model path it came from; `seal_images` (checked by `composer.seals`): each issuer's, in order."""
    title = report.title or ""
    from_issuer = ("issuer",)
    body: list[b.Block] = [
        b.Title(wrap_title(title, joint_name(report.issuer_names()), profile),
                from_issuer if report.derived(("title",)) else ("title",)),
        b.BlankLines(int(profile.title.blank_lines_after.value)),
    ]
    if report.addressees:
        body.append(b.Addressee("、".join(report.addressees) + "："))
    for index, paragraph in enumerate(report.opening):
        body += _paragraphs(paragraph, 0, ("opening", index))
    for number, (key, part) in enumerate(report.parts.items(), start=1):
        body.append(b.Heading(1, marker(1, number), part.heading or "", part=key, path=("parts", key, "heading")))
        body += _content(part.content, 2, ("parts", key, "content"))
    if report.attachments:
        items = [attachment_name(entry) for entry in report.attachments]
        numbered = [f"{i}.{name}" for i, name in enumerate(items, start=1)] if len(items) > 1 else items
        body += [
            b.BlankLines(int(profile.attachments.blank_lines_before.value)),
            b.Attachments(str(profile.attachments.label.value), tuple(numbered)),
        ]
    sealed = report.sealed() or any(seal_images)
    blank = profile.signature.sealed_blank_lines_before if sealed else profile.signature.blank_lines_before
    body += [b.BlankLines(int(blank.value)), _sign_off(report, sealed, seal_images, profile)]
    if report.note:
        body.append(b.Note(_parenthesised(report.note)))
    body += _attachment_pages(report, profile)
    return b.Document(
        metadata=b.Metadata(
            title=title,
            author=report.issuer,
            subject=f"{report.year}年法治政府建设年度报告",
            keywords=("法治政府建设", "年度报告", str(report.year), report.issuer),
            created=report.date,
            archive=_archive(report),
        ),
        header=_header(report, profile),
        body=tuple(body),
        end_block=_end_block(report, profile),
        disclosure=_disclosure(report),
    )


def _attachment_pages(report: Report, profile: Profile) -> list[b.AttachmentPage]:
    """The attachments with content, each numbered as the attachment note numbers it, its
    sections numbered from 一、 again; landscape when one of its tables is too wide."""
    pages = []
    label = str(profile.attachments.page_label.value)
    table, columns = profile.table, int(profile.attachments.landscape_columns.value)
    for index, entry in enumerate(report.attachments):
        if not isinstance(entry, Attachment):
            continue
        path: b.Path = ("attachments", index)
        body = [b.BlankLines(int(profile.title.blank_lines_after.value)),
                *_content(entry.content, 1, (*path, "content"))]
        landscape = any(
            isinstance(block, b.Table) and too_wide(block, profile.page.text_width.pt, table.size.pt, table.cell_margin.pt,
                                                    float(profile.line_breaking.latin_gap.value), columns)
            for block in body
        )
        pages.append(b.AttachmentPage(
            label + (str(index + 1) if len(report.attachments) > 1 else ""),
            b.Title(wrap_title(entry.title, joint_name(report.issuer_names()), profile), (*path, "title")),
            tuple(body), landscape, path,
        ))
    return pages


def _sign_off(report: Report, sealed: bool, seal_images: Sequence[b.SealImage | None], profile: Profile) -> b.Signature:
    """The signatures and the date, with the seal images pressed where 7.3.5.1 puts them."""
    images = list(seal_images) + [None] * (len(report.issuer_names()) - len(seal_images))
    if report.issuers:
        names = report.issuer_names()
        paths: list[b.Path] = [("issuers", index) for index in range(len(names))]
    else:
        names = [report.signature or report.issuer]
        paths = [("issuer",) if report.derived(("signature",)) else ("signature",)]
    return place_sign_off(names, paths, format_date(report.date), sealed, images, profile)


def _archive(report: Report) -> tuple[tuple[str, str], ...]:
    """The document number, the year and the disclosure fields that are filled in."""
    fields = [("发文字号", report.header.number if report.header else None), ("年度", str(report.year))]
    if report.disclosure is not None:
        fields += [(field.title or key, getattr(report.disclosure, key))
                   for key, field in type(report.disclosure).model_fields.items()]
    return tuple((label, value) for label, value in fields if value)


def _header(report: Report, profile: Profile) -> b.RedHeader | None:
    header = report.header
    if header is None:
        return None
    return b.RedHeader(
        mark=header.mark or "",
        number=header.number,
        copy_number=header.copy_number,
        classification=header.classification,
        urgency=header.urgency,
        signers=tuple(header.signers),
        stacked=(stacked := _stacked(report, profile)),
        mark_word=(header.mark or "")[len(joint_name(list(stacked))):] if stacked else "",
    )


def _stacked(report: Report, profile: Profile) -> tuple[str, ...]:
    """A joint report's issuers stacked in its header mark (7.2.4): as the header asks, or when
    the mark on one line would not fit the text block at the mark's full size. Only the mark
    the issuers' names make is stacked: one the report words otherwise is printed as written."""
    header = report.header
    names = report.issuer_names()
    if header is None or len(names) < 2 or header.mark != default_mark(joint_name(names)):
        return ()
    if header.joint_mark == "line":
        return ()
    stacked = header.joint_mark == "stacked" or not mark_fits_one_line(header.mark or "", profile)
    return tuple(names) if stacked else ()


def _end_block(report: Report, profile: Profile) -> b.EndBlock | None:
    end = report.end_block
    if end is None:
        return None
    copy_to = f"{profile.end_block.copy_to_label.value}{'，'.join(end.copy_to)}。" if end.copy_to else None
    printed = format_date(end.print_date) + str(profile.end_block.printed_suffix.value)
    return b.EndBlock(copy_to, end.printer, printed, date_apart=not printer_and_date_fit(end.printer, printed, profile))


def _disclosure(report: Report) -> b.Disclosure | None:
    """Every row of the website's table, labelled as the model's fields are titled (索引号, ...)."""
    disclosure = report.disclosure
    if disclosure is None:
        return None
    return b.Disclosure(
        tuple(
            b.DisclosureEntry(key, field.title or key, getattr(disclosure, key) or "")
            for key, field in type(disclosure).model_fields.items()
        )
    )
