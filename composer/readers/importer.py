"""Importing an existing report: pick the reader for the file's kind, then recognise its structure.

Text (.txt), Markdown (.md), Word (.docx) and web pages (.html) each have a reader that yields
source paragraphs with their positions; `structure.build_report` does the rest for all of them.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import replace
from pathlib import Path

from ..limits import MAX_PARAGRAPHS
from ..problems import Location, Problem, ReportError
from .source import decode, read_bytes, utf32_codec
from .structure import ImportResult, SourceBlock, SourceParagraph, build_report

KINDS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html",
}
# Formats an office may try, with what to do instead.
_SAVE_AS = {".doc": "docx", ".wps": "docx", ".rtf": "docx", ".pdf": "docx", ".odt": "docx"}


def _kind(path: Path, kind: str | None) -> str:
    if kind:
        if kind not in set(KINDS.values()):
            raise ReportError([Problem("import_kind_unknown", {"kind": kind, "known": "text, markdown, docx, html"},
                                       Location(str(path)))])
        return kind
    suffix = path.suffix.lower()
    if suffix in KINDS:
        return KINDS[suffix]
    if suffix in _SAVE_AS:
        code, params = "import_save_as", {"suffix": suffix, "target": _SAVE_AS[suffix]}
    else:
        code, params = "import_kind_unknown", {"kind": suffix or path.name, "known": ", ".join(KINDS)}
    raise ReportError([Problem(code, params, Location(str(path)))])


def _blocks(data: bytes, kind: str, name: str) -> tuple[list[SourceBlock], list[Problem]]:
    if kind == "docx":
        from .docx_reader import read_docx

        return read_docx(data, name), []
    text = decode(data, name, accept_gbk=True)
    notes: list[Problem] = []
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and utf32_codec(data) is None:
            notes.append(Problem("import_gbk", {}, Location(name), "warning"))
    if kind == "html":
        from .html_reader import read_html

        return read_html(text, name), notes
    from .text_reader import read_markdown, read_text

    return (read_markdown(text) if kind == "markdown" else read_text(text)), notes


def _visible(blocks: list[SourceBlock], name: str) -> tuple[list[SourceBlock], list[Problem]]:
    """The blocks without invisible format characters (zero-width spaces, soft hyphens, stray
    BOMs of a web copy): they hide headings from recognition, and the model refuses them."""
    count = 0

    def clean(text: str) -> str:
        nonlocal count
        kept = "".join(char for char in text if unicodedata.category(char) != "Cf")
        count += len(text) - len(kept)
        return kept

    cleaned: list[SourceBlock] = [
        replace(b, text=clean(b.text), lead=clean(b.lead) if b.lead else b.lead) if isinstance(b, SourceParagraph)
        else replace(b, rows=tuple(tuple(clean(cell) for cell in row) for row in b.rows))
        for b in blocks
    ]
    return cleaned, [Problem("import_invisible", {"count": count}, Location(name), "info")] if count else []


def import_report(
    path: str | os.PathLike[str], *, keep_punctuation: bool = False, kind: str | None = None
) -> ImportResult:
    """An existing report (text, Markdown, DOCX or HTML) as a model, with what was found where.

    The kind comes from the suffix unless given ("text", "markdown", "docx", "html"). Raises
    ReportError when the file cannot be read; a file that reads but does not make a valid report
    gives a result whose `report` is None and whose `problems` say why, at source lines.
    """
    source = Path(path)
    name = str(source)
    kind = _kind(source, kind)
    data = read_bytes(source)
    if not data.strip():  # said plainly, not as every part of a report missing
        raise ReportError([Problem("file_empty", {}, Location(name, 1, 1))])
    blocks, notes = _blocks(data, kind, name)
    if len(blocks) > MAX_PARAGRAPHS:  # refused before recognising the structure of them all
        over = blocks[MAX_PARAGRAPHS]
        raise ReportError([Problem("too_many_paragraphs", {"limit": MAX_PARAGRAPHS}, Location(name, over.line, over.column))])
    blocks, removed = _visible(blocks, name)
    notes += removed
    result = build_report(blocks, name, keep_punctuation=keep_punctuation)
    result.notes[:0] = notes
    return result
