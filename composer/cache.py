"""The user cache folder, and records kept in it: values that are slow to work out, each
checked against what it was made from before it is used again.

The font copies (`composer.layout.fontcache`), reportlab's tables of them
(`composer.layout.rlfaces`), the standard profile's data (`composer.profile`) and the code
the command line compiled (`composer.startup`) are kept here. A record is marshal, a CRC-32
of it first, and holds its key: what it was made from (bytes' digest, versions).
"""

from __future__ import annotations

import marshal
import os
import struct
import zlib
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """The user cache folder: $REPORT_COMPOSER_CACHE, else $XDG_CACHE_HOME/report-composer,
    else ~/.cache/report-composer. Read at each call so tests and callers can redirect it."""
    explicit = os.environ.get("REPORT_COMPOSER_CACHE")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "report-composer"


def write_atomic(target: Path, data: bytes) -> None:
    """Write data to target through a temp file in the same folder and a rename, so a
    concurrent reader sees the old file or the new one, never half a file."""
    from .output import replace_file  # not at import: the command line reads records before it imports the rest

    target.parent.mkdir(parents=True, exist_ok=True)
    replace_file(target, data)


def read_record(record: Path, key: tuple[Any, ...]) -> Any:
    """The value `write_record` kept in `record` for `key`, or None: a record made for another
    key (other bytes, another version), damaged (its CRC-32) or missing is never used."""
    try:
        data = record.read_bytes()
        if len(data) < 4 or struct.unpack("<I", data[:4])[0] != zlib.crc32(data[4:]):
            return None
        stored = marshal.loads(data[4:])
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != key:
        return None
    return stored[1]


def write_record(record: Path, key: tuple[Any, ...], value: Any) -> None:
    """Keeps value (marshal, a CRC-32 of it first) in `record` for `key`, atomically; an
    unwritable cache only costs working the value out again next time."""
    try:
        body = marshal.dumps((key, value))
        write_atomic(record, struct.pack("<I", zlib.crc32(body)) + body)
    except (OSError, ValueError):
        pass
