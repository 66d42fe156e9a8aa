"""The size limits of a report, so that every command ends in bounded time and memory.

A real annual report is 50 to 300 paragraphs and 5,000 to 20,000 characters; the limits are
twenty times the seed report and more, so only a generated or hostile input meets them, and it
is refused with the limit named before any slow work starts. The README lists them with what a
report at the limits costs.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import PydanticCustomError

MAX_PARAGRAPHS = 10_000  # texts of the report (paragraphs, headings, names) outside tables
MAX_TABLE_ROWS = 2_000  # rows of all tables together
MAX_ATTACHMENTS = 500
MAX_TEXT_CHARACTERS = 20_000  # characters in one paragraph, heading or cell (a page holds 616)
MAX_YAML_LINES = 50_000  # checked before parsing, which takes ~4 s at this size
MAX_CHARACTERS = 300_000  # all the report's text, tables and what aliases repeat included (24 seeds)

_CELLS = ("rows", "header")


def _exceeded(code: str, params: dict[str, Any]) -> PydanticCustomError:
    return PydanticCustomError(code, code, params)


def check_limits(data: Any) -> None:
    """Refuses, at its place ("at"), the first text, row or attachment beyond the limits,
    counting in the plain data before validation looks at it."""
    counts = {"paragraphs": 0, "rows": 0, "characters": 0}

    def walk(value: Any, path: tuple[str | int, ...], in_table: bool) -> None:
        at = ".".join(map(str, path))
        if isinstance(value, str):
            if len(value) > MAX_TEXT_CHARACTERS:
                raise _exceeded("text_too_long", {"length": len(value), "limit": MAX_TEXT_CHARACTERS, "at": at})
            counts["characters"] += len(value)
            if counts["characters"] > MAX_CHARACTERS:
                raise _exceeded("too_much_text", {"limit": MAX_CHARACTERS, "at": at})
            if not in_table:
                counts["paragraphs"] += 1
                if counts["paragraphs"] > MAX_PARAGRAPHS:
                    raise _exceeded("too_many_paragraphs", {"limit": MAX_PARAGRAPHS, "at": at})
        elif isinstance(value, dict):
            for key, item in value.items():
                if key == "rows" and isinstance(item, list):
                    counts["rows"] += len(item)
                    if counts["rows"] > MAX_TABLE_ROWS:
                        over = len(item) - (counts["rows"] - MAX_TABLE_ROWS)
                        raise _exceeded("too_many_table_rows", {"limit": MAX_TABLE_ROWS, "at": f"{at}.rows.{over}".lstrip(".")})
                walk(item, (*path, key), in_table or key in _CELLS)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index), in_table)

    if isinstance(data, dict):
        attachments = data.get("attachments")
        if isinstance(attachments, list) and len(attachments) > MAX_ATTACHMENTS:
            raise _exceeded("too_many_attachments", {"count": len(attachments), "limit": MAX_ATTACHMENTS,
                                                         "at": f"attachments.{MAX_ATTACHMENTS}"})
        walk(data, (), False)

MAX_SEAL_BYTES = 2_000_000  # a seal image's file: a 42 mm seal scanned at 600 dpi is ~100 KB as PNG
MAX_SEAL_PIXELS = 16_000_000  # width x height: 4000 x 4000, a 42 mm seal at 2400 dpi
MAX_SEAL_SVG_BYTES = 1_000_000  # an SVG seal: a traced seal with its text as outlines is 20-200 KB
MAX_SEAL_SVG_ELEMENTS = 20_000  # elements drawn, <use> references counted as what they repeat (no billion laughs)
