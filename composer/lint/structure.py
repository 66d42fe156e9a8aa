"""Structure: the mandated parts (S001 to S004), heading levels (S005), a lone sub-item (S006),
an attachment note or reference that does not match the attachments (S007).

S001 to S003 are the model's own checks (model.part_structure_errors), run on the raw data so
that every one is reported, not only the first, and so that lint has its say on a report that
does not validate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model import part_structure_errors
from ..rules import MANDATED_PARTS, part_params
from ..numbering import marker
from ..problems import Location
from .core import Heading, Hit, LintDocument, document_rule
from .sources import leaves

_CODES = {"part_missing": "S001", "part_order": "S002", "part_empty": "S003"}


def _parts(document: LintDocument) -> dict[str, Any] | None:
    parts = (document.data or {}).get("parts")
    return parts if isinstance(parts, dict) else None


def _key_location(document: LintDocument, path: tuple[str, ...]) -> Location:
    place = document.positions.keys.get(path) if document.positions else None
    line, column = place or (None, None)
    return Location(document.file, line, column, path)


def _part_problems(document: LintDocument, code: str) -> Iterator[Hit]:
    parts = _parts(document)
    for kind, params in part_structure_errors(parts) if parts is not None else ():
        if _CODES.get(kind) == code:  # a part under its heading, not its key, is validation's to tell
            at = params.get("at")
            yield Hit(params, location=_key_location(document, ("parts", at) if at else ("parts",)))


@document_rule("S001", "error")
def missing_part(document: LintDocument) -> Iterator[Hit]:
    return _part_problems(document, "S001")


@document_rule("S002", "error")
def part_out_of_order(document: LintDocument) -> Iterator[Hit]:
    return _part_problems(document, "S002")


@document_rule("S003", "error")
def empty_part(document: LintDocument) -> Iterator[Hit]:
    return _part_problems(document, "S003")


# Fewer characters than this in a mandated part reads as a placeholder ("无。", "详见附件。").
MINIMUM_CHARS = {"measures": 100, "shortcomings": 20, "leadership": 20, "plans": 20}


@document_rule("S004", "warning")
def short_part(document: LintDocument) -> Iterator[Hit]:
    parts = _parts(document) or {}
    for key in (k for k in parts if k in MANDATED_PARTS):
        part = parts[key]
        content = part.get("content") if isinstance(part, dict) else part
        chars = sum(len("".join(text.split())) for _, text in leaves(content, ()))
        if 0 < chars < MINIMUM_CHARS[key]:
            params = {**part_params(key), "chars": chars, "minimum": MINIMUM_CHARS[key]}
            yield Hit(params, location=_key_location(document, ("parts", key)))


def _marker_at(heading: Heading) -> int:
    assert heading.value is not None
    return len(heading.value.text) - len(heading.value.text.lstrip())


def _level_hits(headings: list[Heading], parent: int) -> Iterator[Hit]:
    for heading in headings:
        value = heading.value
        if value is not None and heading.typed_level is not None:
            typed = heading.typed_level
            start = _marker_at(heading)
            typed_marker = value.text[start:len(value.text) - len(heading.text)].strip()
            params = {"marker": typed_marker, "typed": typed}
            if typed != heading.level:
                generated = marker(heading.level, heading.number)
                params |= {"detail": f"却写在第{heading.level}级，排印时将编为“{generated}”",
                           "detail_en": f"is written at level {heading.level} and will be numbered '{generated}'"}
                yield Hit(params, start, start + len(typed_marker), text=value)
            elif typed > parent + 1:
                params |= {"detail": f"直接出现在第{parent}级标题下，跳过了第{parent + 1}级" if parent
                           else "出现在第一个一级标题（一、）之前",
                           "detail_en": f"comes directly under a level-{parent} heading, skipping level {parent + 1}"
                           if parent else "comes before the first level-1 heading (一、)"}
                yield Hit(params, start, start + len(typed_marker), text=value)
        yield from _level_hits(heading.children, heading.level)


@document_rule("S005", "warning")
def level_skipped(document: LintDocument) -> Iterator[Hit]:
    """（一） directly under a part is right, 1. directly under a part skips a level."""
    return _level_hits(document.outline, 0)


@document_rule("S006", "warning")
def lone_sub_item(document: LintDocument) -> Iterator[Hit]:
    """A list of sub-headings with one item only: either two or more, or no sub-level at all."""
    for parent in document.headings():
        if len(parent.children) == 1 and parent.children[0].value is not None:
            only = parent.children[0]
            text = only.text.strip()
            params = {"marker": marker(only.level, 1), "heading": text[:16] + ("…" if len(text) > 16 else "")}
            start = len(only.value.text) - len(only.text)
            yield Hit(params, start, start + 1, text=only.value)


_NOTE = re.compile(r"^\s*附\s*件\s*[：:]\s*")  # a hand-written attachment note in the body
_NOTE_ITEM = re.compile(r"(?:\d{1,2}\s*[.．、]\s*)?(\S.*?)(?=\s*(?<![\d.])\d{1,2}\s*[.．、]|\s*$)")  # 1.名称 2.名称
_REFERENCE = re.compile(r"附件\s*(\d{1,3})")


def _attachment_names(document: LintDocument) -> list[str]:
    """The names the attachment note is made from: each entry's name, or its title."""
    entries = (document.data or {}).get("attachments") or []
    entries = [entries] if isinstance(entries, str) else entries
    names = [entry if isinstance(entry, str) else entry.get("title") if isinstance(entry, dict) else None
             for entry in entries if isinstance(entries, list)]
    return [name.strip().strip("《》") for name in names if isinstance(name, str)]


@document_rule("S007", "warning")
def attachment_mismatch(document: LintDocument) -> Iterator[Hit]:
    """A note typed into the body ("附件：1.…") naming what the attachments do not, or a
    reference to 附件N beyond the last: the printed note is made from the attachments' titles,
    so the two would disagree on paper."""
    names = _attachment_names(document)
    listed = "、".join(names) or "无"
    for value in document.texts:
        if not value.path or value.path[0] not in ("opening", "parts"):
            continue
        note = _NOTE.match(value.text)
        if note:
            at = note.end()
            for item in _NOTE_ITEM.finditer(value.text[at:]):
                name = item.group(1).strip().strip("《》")
                if name and name not in names:
                    yield Hit({"name": name, "names": listed}, at + item.start(1), at + item.end(1), text=value)
            continue
        for reference in _REFERENCE.finditer(value.text):
            if int(reference.group(1)) > len(names):
                yield Hit({"name": reference.group(0), "names": listed}, reference.start(), reference.end(),
                          text=value)
