"""Reading an input file as text: size limit, encodings, binary detection.

Offices save files from Notepad, WPS and web pages: UTF-8 with or without a BOM, UTF-16, and
often GBK. Every reader goes through here so each of those gets the same clear answer.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..problems import Location, Problem, ReportError

MAX_INPUT_BYTES = 5 * 1024 * 1024  # a long annual report is about 100 KB


def _fail(code: str, file: str | None, at_line: int | None = None, **params: object) -> ReportError:
    return ReportError([Problem(code, dict(params), Location(file, at_line, 1 if at_line else None))])


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The file's bytes, refusing a file over the limit before reading it whole."""
    name = str(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise _fail("file_missing", name) from None
    except OSError as error:
        raise _fail("file_unreadable", name, reason=error.strerror or str(error)) from None
    if len(data) > limit:
        raise _fail("file_too_large", name, size=path.stat().st_size, limit=limit)
    return data


def decode(data: bytes, file: str | None, accept_gbk: bool = False) -> str:
    """UTF-8 (BOM optional) or UTF-16 with a BOM; GBK only where the caller accepts it."""
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
