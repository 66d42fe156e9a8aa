"""The text a reader of each output format sees, read back with that format's own tools."""

from __future__ import annotations

import io
from typing import Any

import docx
import pdfplumber
from fontTools.ttLib import TTFont
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.pdftypes import resolve1
from htmltree import parse

from composer.dates import format_date
from composer.model import Report, Section, TableItem, attachment_name
from composer.profile import load_profile

PROFILE = load_profile()
TEXT_BOTTOM = PROFILE.page.margin_top.pt + PROFILE.page.text_height.pt  # page numbers sit below it


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
             format_date(report.date), *map(attachment_name, report.attachments), report.note or ""]
    for _, part in report.parts.items():
        found += [part.heading or "", *_items_texts(part.content)]
    if header := report.header:
        found += [header.mark or "", header.number or "", header.copy_number or "", header.classification or "",
                  header.urgency or "", *header.signers]
    if end := report.end_block:
        found += [*end.copy_to, end.printer]
    return [line for text in found for line in text.splitlines() if line.strip()]


def squeezed(value: Any) -> Any:
    """A text, or a model dump, without the white space inside its texts: the PDF comes back in
    lines (and sets justified lines apart), the TXT and HTML indented."""
    if isinstance(value, str):
        return "".join(value.split())
    if isinstance(value, dict):
        return {k: squeezed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [squeezed(v) for v in value]
    return value


def notdef_glyphs(pdf: bytes) -> list[tuple[str, str]]:
    """(font, character) of every character a PDF draws with its font's .notdef glyph, a box:
    each character drawn, through its font's ToUnicode map back to its code, against the glyph
    the embedded TrueType program's own cmap gives that code (reportlab draws a character its
    face lacks as code 0, .notdef, which reads back as U+0000)."""
    drawn, boxes = set(), {}
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            drawn |= {(c["fontname"], c["text"]) for c in page.chars}
            for ref in (resolve1(page.page_obj.resources.get("Font")) or {}).values():
                spec = resolve1(ref)
                name = resolve1(spec["BaseFont"]).name
                if name in boxes or "ToUnicode" not in spec:
                    continue
                program = resolve1(resolve1(spec["FontDescriptor"])["FontFile2"]).get_data()
                face = TTFont(io.BytesIO(program))
                notdef = face.getGlyphOrder()[0]
                glyphs = {code: glyph for table in face["cmap"].tables for code, glyph in table.cmap.items()}
                characters = FileUnicodeMap()
                CMapParser(characters, io.BytesIO(resolve1(spec["ToUnicode"]).get_data())).run()
                boxes[name] = {char for code, char in characters.cid2unichr.items()
                               if glyphs.get(code, notdef) == notdef}
    return sorted((font, char) for font, char in drawn if char in boxes.get(font, ()))


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


def reading_order(report: Report) -> list[tuple[str, bool]]:
    """The report's texts as a reader meets them on the page (title, addressees, opening, each
    part's heading and content, signature), each with whether it is the body's text, which the
    page prints once (the issuer's name is in the title too)."""
    texts = [(report.title or "", False), *((a, False) for a in report.addressees), *((p, True) for p in report.opening)]

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, str):
                texts.append((item, True))
            elif isinstance(item, TableItem):
                table = item.table
                texts.extend((cell, False) for cell in [table.caption or "", *table.header, *(c for row in table.rows for c in row)])
            elif isinstance(item, Section):
                texts.append((item.heading, True))
                walk(item.content)

    for _, part in report.parts.items():
        texts.append((part.heading or "", True))
        walk(part.content)
    texts += [(name, False) for name in (report.issuer_names() if report.issuers else [report.signature or report.issuer or ""])]
    return [(squeezed(text), body) for text, body in texts if text.strip()]


def assert_printed_once_in_order(report: Report, fmt: str) -> None:
    """Each of the report's texts is printed by `render` to `fmt`, in reading order, and a body
    paragraph once only (a short heading may be repeated by a running header); a table cell that
    wraps in a PDF may be read back in pieces among its row's (above its neighbours', when the
    row centres its cells)."""
    from composer import render

    printed = squeezed(text_of(fmt, render(report, fmt)))
    at = 0
    for text, body in reading_order(report):
        found = printed.find(text, at)
        if found < 0 and not body and _scattered(text, printed[max(0, at - 120):at + 4 * len(text) + 80]):
            continue  # a table cell wrapped over lines, read back line by line across its row
        assert found >= 0, (text, printed[at:at + 80])
        assert not body or len(text) < 12 or printed.count(text) == 1, text  # a paragraph, not a short heading
        at = found + len(text)


def _scattered(text: str, printed: str) -> bool:
    """Whether the text's characters stand in `printed` in their order, with others between."""
    rest = iter(printed)
    return all(char in rest for char in text)
