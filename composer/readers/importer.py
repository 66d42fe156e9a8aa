"""Importing an existing report: the reader for the file's kind, then its structure recognised.

Every reader has one signature, `(data: bytes, name: str, profile: Profile) -> SourceDocument`
(the profile, like pandoc's ReaderOptions, measures what a source laid out: a DOCX's indents in
character cells), and is found by the
file's suffix in `READERS`, as pandoc finds its readers in one table; `structure.build_report`
does the rest for all of them. A new kind of source is a reader module and a line here.
Text, Markdown, Word (.docx; .doc, .wps and .odt through LibreOffice), web pages, published
PDFs and OFD are read.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..limits import MAX_PARAGRAPHS
from ..problems import Location, Problem, ReportError
from ..profile import Profile, load_profile
from .docx_reader import read_docx
from .html_reader import read_html, read_mhtml
from .office_reader import read_office
from .ofd_reader import read_ofd
from .pdf_reader import read_pdf
from .source import SourceBlock, SourceDocument, SourceParagraph, read_bytes
from .structure import ImportResult, build_report
from .text_reader import read_markdown, read_text

Reader = Callable[[bytes, str, Profile], SourceDocument]

# The readers by suffix (without its dot); a kind given outright is one of these keys.
READERS: dict[str, Reader] = {
    "txt": read_text, "text": read_text, "md": read_markdown, "markdown": read_markdown,
    "docx": read_docx, "html": read_html, "htm": read_html, "xhtml": read_html,
    "mhtml": read_mhtml, "mht": read_mhtml,
    "doc": read_office, "wps": read_office, "odt": read_office, "pdf": read_pdf,
    "ofd": read_ofd,
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


# Emoji a WeChat article decorates its lines with (📌 一、…, ✅, 👇): pictographs, dingbats and
# symbols with their variation selectors and keycap marks, and a keycap number with its digit
# (1️⃣ 主要举措和成效: an ornament, as 01 is); not ①-⑩, ❶-❿ (numbers) or ★ (秘密★1年).
_EMOJI = re.compile(
    "[0-9#*]\uFE0F?\u20E3|"
    "[\U0001F000-\U0001FAFF\u2600-\u2604\u2607-\u26FF\u2700-\u2775\u2794-\u27BF\u2B00-\u2BFF\uFE0E\uFE0F\u20E3]"
)


def _visible(blocks: list[SourceBlock], name: str) -> tuple[list[SourceBlock], list[Problem]]:
    """The blocks without invisible format characters (zero-width spaces, soft hyphens, stray
    BOMs of a web copy) and emoji: they hide headings from recognition, and the model refuses
    invisible ones and the faces have no emoji; tabs inside a line are spaces."""
    count = emoji = 0

    def clean(text: str) -> str:
        nonlocal count, emoji
        kept = "".join(char for char in text if unicodedata.category(char) != "Cf")
        count += len(text) - len(kept)
        kept, found = _EMOJI.subn("", kept)
        emoji += found
        return kept.replace("\t", " ")  # a tab inside a line (cells copied from a page) is a space

    cleaned: list[SourceBlock] = [
        replace(b, text=clean(b.text), lead=clean(b.lead) if b.lead else b.lead) if isinstance(b, SourceParagraph)
        else replace(b, rows=tuple(tuple(clean(cell) for cell in row) for row in b.rows))
        for b in blocks
    ]
    notes = [Problem("import_invisible", {"count": count}, Location(name), "info")] if count else []
    if emoji:
        notes.append(Problem("import_emoji", {"count": emoji}, Location(name), "info"))
    return cleaned, notes


def import_report(
    path: str | os.PathLike[str],
    *,
    keep_punctuation: bool = False,
    kind: str | None = None,
    profile: Profile | None = None,
) -> ImportResult:
    """An existing report (text, Markdown, DOCX, .doc/.wps/.odt, HTML, PDF or OFD) as a model, with
    what was found where.

    The kind comes from the suffix unless given (a key of READERS: "txt", "md", "docx", "doc",
    "html", "pdf", ...); .doc, .wps and .odt need LibreOffice (`soffice`). Raises
    ReportError when the file cannot be read; a file that reads but does not make a valid report
    gives a result whose `report` is None and whose `problems` say why, at source lines.
    `profile` is the style profile the source was set by (the standard one when None).
    """
    profile = profile or load_profile()
    source = Path(path)
    name = str(source)
    reader = reader_for(source, kind)
    data = read_bytes(source, _BINARY_LIMIT) if reader in (read_pdf, read_office, read_mhtml) else read_bytes(source)
    if not data.strip():  # said plainly, not as every part of a report missing
        raise ReportError([Problem("file_empty", {}, Location(name, 1, 1))])
    document = reader(data, name, profile)
    if len(document.blocks) > MAX_PARAGRAPHS:  # refused before recognising the structure of them all
        over = document.blocks[MAX_PARAGRAPHS]
        raise ReportError([Problem("too_many_paragraphs", {"limit": MAX_PARAGRAPHS}, Location(name, over.line, over.column))])
    blocks, removed = _visible(document.blocks, name)
    notes = document.notes + removed
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
