"""The text a reader of each output format sees, read back with that format's own tools."""

from __future__ import annotations

import io
from typing import Any

import docx
import pdfplumber
from htmltree import parse

from composer.dates import format_date
from composer.model import Report, Section, TableItem
from composer.profile import load_profile

PROFILE = load_profile()
TEXT_BOTTOM = PROFILE.page.margin_top.pt + PROFILE.page.text_height.pt  # page numbers sit below it


def squeezed(text: str) -> str:
    """Without any white space: the PDF comes back in lines, the TXT and HTML indented."""
    return "".join(text.split())


def text_of(fmt: str, data: bytes) -> str:
    """The text a reader of the output sees, read back with a tool of that format."""
    if fmt == "docx":
        body = docx.Document(io.BytesIO(data)).element.body
        return "".join(body.xpath(".//w:t/text()"))
    if fmt == "pdf":
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "".join(
                page.crop((0, 0, page.width, min(page.height, TEXT_BOTTOM + 2))).extract_text() for page in pdf.pages
            )
    if fmt == "html":
        body = parse(data).find("body")
        assert body is not None
        return body.text()
    return data.decode("utf-8")


def _items_texts(content: list[Any]) -> list[str]:
    found: list[str] = []
    for item in content:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, TableItem):
            table = item.table
            found += [table.caption or "", *table.header, *(cell for row in table.rows for cell in row)]
        elif isinstance(item, Section):
            found += [item.heading, *_items_texts(item.content)]
    return found


def printed_texts(report: Report) -> list[str]:
    """Every text of the report a reader finds on the page, one entry per printed paragraph."""
    signatures = report.issuer_names() if report.issuers else [report.signature or ""]
    found = [report.title or "", *report.addressees, *report.opening, *signatures,
             format_date(report.date), *report.attachments, report.note or ""]
    for _, part in report.parts.items():
        found += [part.heading or "", *_items_texts(part.content)]
    if header := report.header:
        found += [header.mark or "", header.number or "", header.copy_number or "", header.classification or "",
                  header.urgency or "", *header.signers]
    if end := report.end_block:
        found += [*end.copy_to, end.printer]
    return [line for text in found for line in text.splitlines() if line.strip()]


def squeezed(value: Any) -> Any:
    """A model dump with the white space inside its texts taken out ("apart from whitespace")."""
    if isinstance(value, str):
        return "".join(value.split())
    if isinstance(value, dict):
        return {k: squeezed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [squeezed(v) for v in value]
    return value


def without_seal_images(report: Report) -> Report:
    """The report as its print gives it back: laid out for seals, the seal images aside (a page
    shows where a seal is pressed, not the file it came from)."""
    if not any(seal is not True and seal is not False for seal in report.seals()):
        return report
    data = report.model_dump(exclude_none=True)
    if report.issuers:
        data["issuers"] = report.issuer_names()
        data.pop("issuer", None)
    data["seal"] = True
    return Report.model_validate(data)
