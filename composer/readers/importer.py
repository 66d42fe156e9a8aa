"""Importing an existing report: pick the reader for the file's kind, then recognise its structure.

Text (.txt), Markdown (.md), Word (.docx), web pages (.html) and OFD (.ofd) each have a reader that yields
source paragraphs with their positions; `structure.build_report` does the rest for all of them.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from ..problems import Location, Problem, ReportError
from ..profile import Profile, load_profile
from .source import decode, read_bytes
from .structure import ImportResult, SourceBlock, SourceParagraph, build_report

KINDS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html", ".ofd": "ofd",
}
# Formats an office may try, with what to do instead.
_SAVE_AS = {".doc": "docx", ".wps": "docx", ".rtf": "docx", ".pdf": "docx", ".odt": "docx"}


def _kind(path: Path, kind: str | None) -> str:
    if kind:
        if kind not in set(KINDS.values()):
            raise ReportError([Problem("import_kind_unknown", {"kind": kind, "known": "text, markdown, docx, html, ofd"},
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


def _blocks(data: bytes, kind: str, name: str, profile: Profile) -> tuple[list[SourceBlock], list[Problem]]:
    if kind == "docx":
        from .docx_reader import read_docx

        return read_docx(data, name, profile), []
    if kind == "ofd":
        from .ofd_reader import read_ofd

        return read_ofd(data, name, profile), []
    text = decode(data, name, accept_gbk=True)
    notes: list[Problem] = []
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
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
    path: str | os.PathLike[str],
    *,
    keep_punctuation: bool = False,
    kind: str | None = None,
    profile: Profile | None = None,
) -> ImportResult:
    """An existing report (text, Markdown, DOCX, HTML or OFD) as a model, with what was found where.

    The kind comes from the suffix unless given ("text", "markdown", "docx", "html", "ofd"). Raises
    ReportError when the file cannot be read; a file that reads but does not make a valid report
    gives a result whose `report` is None and whose `problems` say why, at source lines.
    `profile` is the style profile the source was set by (the standard one when None).
    """
    profile = profile or load_profile()
    source = Path(path)
    name = str(source)
    kind = _kind(source, kind)
    data = read_bytes(source)
    if not data.strip():  # said plainly, not as every part of a report missing
        raise ReportError([Problem("file_empty", {}, Location(name, 1, 1))])
    blocks, notes = _blocks(data, kind, name, profile)
    blocks, removed = _visible(blocks, name)
    notes += removed
    result = build_report(blocks, name, profile, keep_punctuation=keep_punctuation)
    result.notes[:0] = notes
    if result.report is not None:
        result.report._source = ImportedSource(name, result.sources)
    return result


@dataclass(frozen=True)
class ImportedSource:
    """Where an imported report's values start in its source (`ImportResult.sources`), so a
    problem found later by model path (a character no face has) is placed in the source file."""

    file: str
    sources: dict[tuple[str | int, ...], Location]

    def locate(self, path: tuple[str | int, ...], offset: int | None = None, char: str | None = None) -> Location:
        """The start of the value at `path` (or of the nearest value holding it), moved to
        the character `offset` into it when that is on the same source line."""
        for end in range(len(path), -1, -1):
            found = self.sources.get(path[:end])
            if found is not None:
                break
        else:
            return Location(self.file, path=path, offset=offset)
        column = found.column
        if column is not None and end == len(path) and offset is not None and offset >= 0:
            column += offset
        return Location(found.file or self.file, found.line, column, path, offset)
