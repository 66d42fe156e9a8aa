"""Report -> Document: numbering, title lines, spacing and signature placement, decided once.

The rules are GB/T 9704's (clauses in the profile); every renderer draws the result as it is.
"""

from __future__ import annotations

import itertools
from typing import Any

from . import blocks as b
from .dates import format_date
from .model import Report, Section, TableItem
from .numbering import marker
from .profile import Profile, load_profile
from .rules import place_signature, wrap_title


# --- body -----------------------------------------------------------------------------------------


def _paragraphs(text: str, outline_level: int, lead: b.Heading | None = None) -> list[b.Paragraph]:
    """One paragraph per non-empty line; a run-in heading leads the first."""
    lines = [line.strip() for line in text.splitlines() if line.strip()] or [""]
    return [b.Paragraph(line, lead if i == 0 else None, outline_level) for i, line in enumerate(lines)]


def _content(items: list[Any], level: int) -> list[b.Block]:
    """The blocks of a part's or a section's items; `level` is that of the sections among them."""
    out: list[b.Block] = []
    numbers = itertools.count(1)
    for item in items:
        if isinstance(item, str):
            out += _paragraphs(item, level - 1)
        elif isinstance(item, TableItem):
            t = item.table
            out.append(b.Table(t.caption, tuple(t.header), tuple(tuple(r) for r in t.rows), level - 1))
        elif isinstance(item, Section):
            heading = b.Heading(level, marker(level, next(numbers)), item.heading)
            rest = item.content
            if item.run_in:
                out += _paragraphs(rest[0], level, heading)
                rest = rest[1:]
            else:
                out.append(heading)
            out += _content(rest, level + 1)
    return out


def _parenthesised(text: str) -> str:
    return text if text.startswith(("（", "(")) else f"（{text}）"


def compose(report: Report, profile: Profile | None = None) -> b.Document:
    """Lays the report out as blocks in reading order."""
    profile = profile or load_profile()
    title = report.title or ""
    body: list[b.Block] = [
        b.Title(wrap_title(title, report.issuer, profile)),
        b.BlankLines(int(profile.title.blank_lines_after.value)),
    ]
    if report.addressees:
        body.append(b.Addressee("、".join(report.addressees) + "："))
    for paragraph in report.opening:
        body += _paragraphs(paragraph, 0)
    for number, (key, part) in enumerate(report.parts.items(), start=1):
        body.append(b.Heading(1, marker(1, number), part.heading or "", part=key))
        body += _content(part.content, 2)
    if report.attachments:
        items = report.attachments
        numbered = [f"{i}.{name}" for i, name in enumerate(items, start=1)] if len(items) > 1 else items
        body += [
            b.BlankLines(int(profile.attachments.blank_lines_before.value)),
            b.Attachments(str(profile.attachments.label.value), tuple(numbered)),
        ]
    blank = profile.signature.sealed_blank_lines_before if report.seal else profile.signature.blank_lines_before
    body += [
        b.BlankLines(int(blank.value)),
        place_signature(report.signature or report.issuer, format_date(report.date), report.seal, profile),
    ]
    if report.note:
        body.append(b.Note(_parenthesised(report.note)))
    return b.Document(
        metadata=b.Metadata(
            title=title,
            author=report.issuer,
            subject=f"{report.year}年法治政府建设年度报告",
            keywords=("法治政府建设", "年度报告", str(report.year), report.issuer),
            created=report.date,
        ),
        header=_header(report),
        body=tuple(body),
        end_block=_end_block(report, profile),
        disclosure=_disclosure(report),
    )


def _header(report: Report) -> b.RedHeader | None:
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
    )


def _end_block(report: Report, profile: Profile) -> b.EndBlock | None:
    end = report.end_block
    if end is None:
        return None
    copy_to = f"{profile.end_block.copy_to_label.value}{'，'.join(end.copy_to)}。" if end.copy_to else None
    return b.EndBlock(copy_to, end.printer, format_date(end.print_date) + str(profile.end_block.printed_suffix.value))


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
