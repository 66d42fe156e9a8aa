"""The text a reader of each output format sees, read back with that format's own tools."""

from __future__ import annotations

import io

import docx
import pdfplumber
from htmltree import parse

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
