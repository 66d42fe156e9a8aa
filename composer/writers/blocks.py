"""The composed document as text, one block a line: what compose decided, for tests and for people.

Like pandoc's `native`, it shows the format-neutral document before any writer touches it, so
a change to numbering, title wrapping or signature placement shows as a one-line diff. Every
field of every block is printed by name, read from the NamedTuple itself, so a field added to
a block shows here without a change to this module. A block that holds other blocks (the
document's body, the disclosure's entries) is an indented tree; every other block is one line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any, Protocol, TypeGuard

from ..blocks import Document
from ..profile import Profile

INDENT = "  "


class _Record(Protocol):
    """What the dump reads of a block: a NamedTuple's field names and its values."""

    _fields: tuple[str, ...]

    def __iter__(self) -> Iterator[Any]: ...


def _is_record(value: object) -> TypeGuard[_Record]:
    """A NamedTuple: a tuple with named fields."""
    return isinstance(value, tuple) and hasattr(value, "_fields")


def _holds_records(value: object) -> bool:
    """A list of records, such as the document's body."""
    return isinstance(value, tuple) and not _is_record(value) and any(_is_record(item) for item in value)


def _is_tree(value: object) -> bool:
    """A record with a list of records among its fields, printed as an indented tree."""
    return _is_record(value) and any(_holds_records(field) for field in value)


def _inline(value: Any) -> str:
    """A value on one line: strings quoted with escapes, records as Name(field=value, ...)."""
    if _is_record(value):
        fields = ", ".join(f"{name}={_inline(getattr(value, name))}" for name in value._fields)
        return f"{type(value).__name__}({fields})"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bytes):  # a seal image: its size, not its data
        return f"<{len(value)} bytes>"
    if isinstance(value, date):
        return value.isoformat()
    return repr(value)


def _tree(record: Any, depth: int) -> list[str]:
    """A record's fields one per line; a field holding records lists them one per line below it."""
    lines = []
    pad = INDENT * depth
    for name in record._fields:
        value = getattr(record, name)
        if _holds_records(value):
            lines.append(f"{pad}{name}:")
            lines += [line for item in value for line in _entry(item, depth + 1)]
        elif _is_tree(value):
            lines.append(f"{pad}{name}: {type(value).__name__}")
            lines += _tree(value, depth + 1)
        else:
            lines.append(f"{pad}{name}: {_inline(value)}")
    return lines


def _entry(item: Any, depth: int) -> list[str]:
    """One item of a list of records: a line, or its name and a tree when it holds records."""
    if _is_tree(item):
        return [INDENT * depth + type(item).__name__, *_tree(item, depth + 1)]
    return [INDENT * depth + _inline(item)]


def render(document: Document, profile: Profile) -> bytes:
    """The dump of `document`; the profile is not needed, as compose has already applied it."""
    return ("\n".join(_tree(document, 0)) + "\n").encode("utf-8")
