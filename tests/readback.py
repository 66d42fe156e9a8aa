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
    found = [report.title or "", *report.addressees, *report.opening, report.signature or "",
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
    """A model dump with the white space inside its texts taken out ("apart from whitespace")."""
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
