"""Reading an input file: size limit, encodings, binary detection; and what an import reader yields.

Offices save files from Notepad, WPS and web pages: UTF-8 with or without a BOM, UTF-16, and
often GBK. Every reader goes through here so each of those gets the same clear answer. Every
import reader turns its file into the same `SourceDocument`: paragraphs and tables in reading
order, each with its position, which `structure` recognises the report in.
"""

from __future__ import annotations

import bisect
import codecs
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..problems import Location, Problem, ReportError

if TYPE_CHECKING:
    from .source_blocks import SourceBlock, SourceDocument, SourceParagraph, SourceTable  # noqa: F401

MAX_INPUT_BYTES = 5 * 1024 * 1024  # a long annual report is about 100 KB


_BLOCK_TYPES = ("SourceParagraph", "SourceTable", "SourceBlock", "SourceDocument")


def __getattr__(name: str) -> object:
    """The import readers' types, from `source_blocks` when an import first names them, so a
    render, which reads its input here, does not make their dataclasses."""
    if name in _BLOCK_TYPES:
        from . import source_blocks

        return getattr(source_blocks, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Lines:
    """Offsets in a text to 1-based line and column, as an editor counts them (lines end at
    "\n"); for many lookups in one text, each a bisection."""

    def __init__(self, text: str):
        self.starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]

    def place(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def _fail(code: str, file: str | None, at_line: int | None = None, **params: object) -> ReportError:
    return ReportError([Problem(code, dict(params), Location(file, at_line, 1 if at_line else None))])


def read_stream(stream: BinaryIO, name: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The stream's bytes (a file, or standard input), refusing more than the limit without
    reading it all."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        try:
            status = os.fstat(stream.fileno())
            size = status.st_size if stat.S_ISREG(status.st_mode) else len(data)
        except (OSError, ValueError, AttributeError):
            size = len(data)
        raise _fail("file_too_large", name, size=size, limit=limit)
    return data


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The file's bytes, refusing a file over the limit before reading it whole."""
    name = str(path)
    try:
        with path.open("rb") as stream:
            return read_stream(stream, name, limit)
    except FileNotFoundError:
        raise _fail("file_missing", name) from None
    except OSError as error:
        raise _fail("file_unreadable", name, reason=error.strerror or str(error)) from None


def utf32_codec(data: bytes) -> str | None:
    """UTF-32's codec, with or without a BOM (its BOM begins with UTF-16's): every character is
    four bytes of which at least the two high ones are zero."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if len(data) % 4 or not data:
        return None
    if not any(data[2::4]) and not any(data[3::4]):
        return "utf-32-le"
    if not any(data[0::4]) and not any(data[1::4]):
        return "utf-32-be"
    return None


def decode(data: bytes, file: str | None, accept_gbk: bool = False) -> str:
    """UTF-8 (BOM optional), UTF-16 with a BOM or UTF-32; GBK only where the caller accepts it."""
    if codec := utf32_codec(data):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            raise _fail("file_binary", file) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _fail("file_binary", file) from None
    if b"\x00" in data:
        raise _fail("file_binary", file)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise _fail("encoding_unknown", file, line, line=line) from None
        if accept_gbk:
            return text
        raise _fail("encoding_gbk", file, line) from None


def decode_draft(data: bytes, file: str | None) -> tuple[str, list[Problem]]:
    """A text draft's characters, GBK from Notepad accepted with a notice."""
    text = decode(data, file, accept_gbk=True)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and utf32_codec(data) is None:
            return text, [Problem("import_gbk", {}, Location(file), "warning")]
    return text, []
