"""Importing an existing report: the reader for the file's kind, then its structure recognised.

Every reader has one signature, `(data: bytes, name: str) -> SourceDocument`, and is found by the
file's suffix in `READERS`, as pandoc finds its readers in one table; `structure.build_report`
does the rest for all of them. A new kind of source is a reader module and a line here.
Text, Markdown, Word (.docx; .doc, .wps and .odt through LibreOffice), web pages and published
PDFs are read.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..problems import Location, Problem, ReportError
from .docx_reader import read_docx
from .html_reader import read_html
from .office_reader import read_office
from .pdf_reader import read_pdf
from .source import SourceBlock, SourceDocument, SourceParagraph, read_bytes
from .structure import ImportResult, build_report
from .text_reader import read_markdown, read_text

Reader = Callable[[bytes, str], SourceDocument]

# The readers by suffix (without its dot); a kind given outright is one of these keys.
READERS: dict[str, Reader] = {
    "txt": read_text, "text": read_text, "md": read_markdown, "markdown": read_markdown,
    "docx": read_docx, "html": read_html, "htm": read_html, "xhtml": read_html,
    "doc": read_office, "wps": read_office, "odt": read_office, "pdf": read_pdf,
}
# Formats an office may try, with what to do instead.
_SAVE_AS = {".rtf": "docx"}
# A PDF or an old Word file holds images and fonts: a scan of a long report passes 5 MB, and
# deserves to be told it is a scan rather than too large.
_BINARY_LIMIT = 50 * 1024 * 1024


def reader_for(path: Path, kind: str | None = None) -> Reader:
    """The reader of a file's kind (given, or its suffix); a located error naming what to do
    when there is none."""
    if kind:
        if kind not in READERS:
            raise ReportError([Problem("import_kind_unknown", {"kind": kind, "known": ", ".join(READERS)},
                                       Location(str(path)))])
        return READERS[kind]
    suffix = path.suffix.lower()
    if suffix[1:] in READERS:
        return READERS[suffix[1:]]
    if suffix in _SAVE_AS:
        code, params = "import_save_as", {"suffix": suffix, "target": _SAVE_AS[suffix]}
    else:
        code, params = "import_kind_unknown", {"kind": suffix or path.name, "known": ", ".join("." + s for s in READERS)}
    raise ReportError([Problem(code, params, Location(str(path)))])


def _visible(blocks: list[SourceBlock], name: str) -> tuple[list[SourceBlock], list[Problem]]:
    """The blocks without invisible format characters (zero-width spaces, soft hyphens, stray
    BOMs of a web copy): they hide headings from recognition, and the model refuses them; tabs
    inside a line are spaces."""
    count = 0

    def clean(text: str) -> str:
        nonlocal count
        kept = "".join(char for char in text if unicodedata.category(char) != "Cf")
        count += len(text) - len(kept)
        return kept.replace("\t", " ")  # a tab inside a line (cells copied from a page) is a space

    cleaned: list[SourceBlock] = [
        replace(b, text=clean(b.text), lead=clean(b.lead) if b.lead else b.lead) if isinstance(b, SourceParagraph)
        else replace(b, rows=tuple(tuple(clean(cell) for cell in row) for row in b.rows))
        for b in blocks
    ]
    return cleaned, [Problem("import_invisible", {"count": count}, Location(name), "info")] if count else []


def import_report(
    path: str | os.PathLike[str], *, keep_punctuation: bool = False, kind: str | None = None
) -> ImportResult:
    """An existing report (text, Markdown, DOCX, .doc/.wps/.odt, HTML or PDF) as a model, with
    what was found where.

    The kind comes from the suffix unless given (a key of READERS: "txt", "md", "docx", "doc",
    "html", "pdf", ...); .doc, .wps and .odt need LibreOffice (`soffice`). Raises
    ReportError when the file cannot be read; a file that reads but does not make a valid report
    gives a result whose `report` is None and whose `problems` say why, at source lines.
    """
    source = Path(path)
    name = str(source)
    reader = reader_for(source, kind)
    data = read_bytes(source, _BINARY_LIMIT) if reader in (read_pdf, read_office) else read_bytes(source)
    if not data.strip():  # said plainly, not as every part of a report missing
        raise ReportError([Problem("file_empty", {}, Location(name, 1, 1))])
    document = reader(data, name)
    blocks, removed = _visible(document.blocks, name)
    notes = document.notes + removed
    result = build_report(blocks, name, keep_punctuation=keep_punctuation)
    result.notes[:0] = notes
    return result
