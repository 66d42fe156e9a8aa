"""Inputs as lint sees them: a YAML report, or a source the importer reads.

For YAML every prose value becomes a `TextValue` placed inside the file (the column of each
character, through `spans`), the outline comes from the raw data (so a report that fails
validation is still checked), and the validated `Report` is added when there is one.

A source text, Markdown file, Word document or web page goes through the importer, which finds
its structure and drops the page furniture; the text rules then run on the source's own
paragraphs as written, placed at the source's line and column (`imported_document`).
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from ..model import Report, _item_kind
from ..numbering import marker, split_marker
from ..problems import Location, Problem, ReportError
from ..readers.source import Lines, SourceParagraph, decode, read_bytes
from ..readers.yaml_reader import is_text, parse_yaml, with_source
from ..validation import LABELS, Positions, problems_from_validation
from .core import Heading, LintDocument, Path_, TextValue
from ..readers.yaml_spans import scalar_origins
from ..rules import PART_KEYS, standard_heading

if TYPE_CHECKING:
    from ..profile import Profile

def read_document(path: Path, profile: Profile) -> LintDocument:
    """The document to lint from a file; ReportError when it cannot be read or parsed.

    YAML is read as the report it is; a source the importer reads (.txt .md .docx .html) is
    imported, and checked as written (see `imported_document`).
    """
    name = str(path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        return imported_document(path, profile)  # the importer names the kinds it reads, and what to do instead
    data = read_bytes(path)
    document = yaml_document(decode(data, name), name, profile)
    document.encoding = _encoding(data)
    return document


def _encoding(data: bytes) -> tuple[bytes, str]:
    """The BOM and codec to write a decoded file back as it was."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return bom, codec
    return b"", "utf-8"


# --- YAML ------------------------------------------------------------------------------------


def leaves(value: Any, path: Path_) -> list[tuple[Path_, str]]:
    """Every string in nested data, with its path."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for i, item in enumerate(value) for leaf in leaves(item, (*path, i))]
    return []


def _yaml_value(source: str, lines: Lines, positions: Positions, path: Path_, text: str) -> TextValue:
    start = positions.values.get(path, (None, None))
    origins = None
    if path in positions.scalars:
        begin, end, style = positions.scalars[path]
        origins = scalar_origins(source, begin, end, style, text)

    def place(index: int) -> tuple[int | None, int | None]:
        if origins and 0 <= index < len(origins) and origins[index].end > origins[index].start:
            return lines.place(origins[index].start)
        return start

    def span(index: int) -> tuple[int, int] | None:
        if origins and 0 <= index < len(origins) and origins[index].editable:
            return origins[index].start, origins[index].end
        return None

    return TextValue(path, text, place, span)


def _is_true(value: Any) -> bool:
    try:
        return TypeAdapter(bool).validate_python(value)
    except ValidationError:
        return False


def _sections(document: LintDocument, items: Any, path: Path_, level: int) -> list[Heading]:
    found: list[Heading] = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        if _item_kind(item) != "section" or not isinstance(item, dict) or not isinstance(item.get("heading"), str):
            continue
        value = document.text_at((*path, index, "heading"))
        if value is None:
            continue
        typed, _, rest = split_marker(value.text)
        heading = Heading(level, len(found) + 1, rest, value, typed, _is_true(item.get("run_in")))
        heading.children = _sections(document, item.get("content"), (*path, index, "content"), level + 1)
        found.append(heading)
    return found


def _outline(document: LintDocument) -> list[Heading]:
    data = document.data or {}
    parts = data.get("parts")
    if not isinstance(parts, dict):
        return []
    year = data.get("year")
    outline: list[Heading] = []
    for key in (k for k in parts if k in PART_KEYS):
        part = parts[key]
        content_path: Path_ = ("parts", key) if isinstance(part, list) else ("parts", key, "content")
        content = part if isinstance(part, list) else (part or {}).get("content") if isinstance(part, dict) else None
        value = document.text_at(("parts", key, "heading"))
        if value is not None:
            typed, _, text = split_marker(value.text)
        else:
            typed, text = None, standard_heading(key, int(str(year))) if str(year).isdigit() else ""
        heading = Heading(1, len(outline) + 1, text, value, typed)  # type: ignore[arg-type]
        heading.children = _sections(document, content, content_path, 2)
        outline.append(heading)
    return outline


def _describe(data: dict[str, Any], path: Path_) -> tuple[str, str] | None:
    """Where a value is, as a reader names it: 一、主要举措和成效 / （八）第2段."""
    if not path:
        return None
    if path[0] != "parts":
        label = LABELS.get(str(path[0]), str(path[0]))
        if len(path) > 1 and isinstance(path[-1], str):
            label += " / " + LABELS.get(path[-1], path[-1])
        numbered = [p for p in path[1:] if isinstance(p, int)]
        if numbered and path[0] == "opening":
            return f"{label} 第{numbered[0] + 1}段", f"opening, paragraph {numbered[0] + 1}"
        if numbered and path[0] in ("addressees", "attachments"):
            return f"{label} 第{numbered[0] + 1}项", f"{path[0]}, item {numbered[0] + 1}"
        return label, ".".join(map(str, path))
    if len(path) < 2 or path[1] not in PART_KEYS:
        return LABELS["parts"], "parts"
    key = str(path[1])
    zh, en = [LABELS[key]], [f"part {PART_KEYS.index(key) + 1}"]
    items: Any = (data.get("parts") or {}).get(key)
    rest = list(path[2:])
    level = 2
    while rest:
        element = rest.pop(0)
        if element == "content" and isinstance(items, dict):
            items = items.get("content")
        elif element == "heading":
            zh.append("标题")
            en.append("heading")
        elif isinstance(element, int) and isinstance(items, list) and element < len(items):
            kinds = [_item_kind(item) for item in items[: element + 1]]
            kind = kinds[-1]
            if kind == "section" and rest:
                mark = marker(level, kinds.count("section"))
                zh.append(mark)
                en.append(mark)
                items, level = items[element], level + 1
                continue
            if kind == "section":
                continue
            nth = kinds.count(kind)
            zh.append(f"第{nth}段" if kind == "paragraph" else f"第{nth}个表格")
            en.append(f"paragraph {nth}" if kind == "paragraph" else f"table {nth}")
            break
    if len(zh) == 1:
        return zh[0], en[0]
    return f"{zh[0]} / {''.join(zh[1:])}", f"{en[0]} / {' '.join(en[1:])}"


def _structured(file: str, source: str, data: dict[str, Any], texts: list[TextValue], **extra: Any) -> LintDocument:
    document = LintDocument(file, source, texts, data=data, describe=lambda path: _describe(data, path), **extra)
    document.outline = _outline(document)
    return document


def _prose(data: dict[str, Any]) -> list[tuple[Path_, str]]:
    return [(path, text) for path, text in leaves(data, ()) if is_text(path)]


def yaml_document(source: str, file: str, profile: Profile) -> LintDocument:
    """A YAML report as lint sees it; ReportError only for what stops parsing (syntax, bombs)."""
    data, positions = parse_yaml(source, file)
    if not isinstance(data, dict):
        raise ReportError([Problem("yaml_not_mapping", {}, Location(file, 1, 1))])
    lines = Lines(source)
    report, problems = None, []
    try:
        report = with_source(Report.model_validate(data), file, data, positions)
    except ValidationError as error:
        problems = problems_from_validation(error, positions, file)
    texts = [_yaml_value(source, lines, positions, path, text) for path, text in _prose(data)]
    return _structured(
        file, source, data, texts, report=report, positions=positions, problems=problems, editable=True, profile=profile
    )


def report_document(report: Report, profile: Profile, file: str = "<report>") -> LintDocument:
    """A validated Report built in code: findings carry their path in the model, no line."""
    data = report.model_dump(mode="json", exclude_none=True)
    texts = [TextValue(path, text, lambda index: (None, None)) for path, text in _prose(data)]
    return _structured(file, "", data, texts, report=report, profile=profile)


# --- source text -----------------------------------------------------------------------------


def _in_source(block: SourceParagraph, location: Location, text: str) -> int | None:
    """Where a model text starts in a source paragraph, if it is there as written."""
    if location.line != block.line or location.column is None:
        return None
    offset = location.column - block.column
    found = 0 <= offset <= len(block.text) and block.text[offset:].startswith(text.strip()[:8])
    return offset if found else None


def imported_document(path: Path, profile: Profile) -> LintDocument:
    """A source the importer reads (text, Markdown, DOCX, web page), checked as it is written.

    The importer finds the structure (parts, sections, run-in headings) and drops the page
    furniture; the text rules run on the source paragraphs themselves (half-width punctuation
    and typed markers included), each cut where its model texts start, so a finding has the
    source's line and column and the model path of the text it is in.
    """
    from ..readers.importer import import_report

    result = import_report(path, keep_punctuation=True, profile=profile)
    name = str(path)
    prose = _prose(result.data)
    on_line: dict[int, list[tuple[Path_, str]]] = {}
    for model_path, text in prose:
        if (location := result.sources.get(model_path)) is not None and location.line is not None:
            on_line.setdefault(location.line, []).append((model_path, text))
    texts: list[TextValue] = []
    placed: set[Path_] = set()
    for block in result.source:
        if not isinstance(block, SourceParagraph):
            continue
        starts = sorted(
            (offset, model_path)
            for model_path, text in on_line.get(block.line, ())
            if model_path not in placed
            and (offset := _in_source(block, result.sources[model_path], text)) is not None
        )
        bounds = [0] + [offset for offset, _ in starts[1:]] + [len(block.text)]
        for (_, model_path), begin, end in zip(starts, bounds, bounds[1:]):
            texts.append(_source_value(model_path, block, begin, end))
            placed.add(model_path)
    for model_path, text in prose:  # table cells, and what the importer rewrote
        if model_path not in placed:
            where = _nearest(result.sources, model_path)
            texts.append(TextValue(model_path, text, _always(where)))
    positions = Positions(
        values={p: (loc.line, loc.column or 1) for p, loc in result.sources.items() if loc.line is not None},
    )
    positions.keys = positions.values
    return _structured(
        name, "", result.data, texts, report=result.report, positions=positions, problems=result.problems, profile=profile
    )


def _always(where: tuple[int | None, int | None]) -> Callable[[int], tuple[int | None, int | None]]:
    """A `place` for text whose characters cannot be told apart: all of it is at `where`."""
    return lambda index: where


def _source_value(model_path: Path_, block: SourceParagraph, begin: int, end: int) -> TextValue:
    return TextValue(model_path, block.text[begin:end], lambda index: (block.line, block.column + begin + index))


def _nearest(sources: dict[Path_, Location], path: Path_) -> tuple[int | None, int | None]:
    """The source position of a path, or of its closest ancestor the importer placed."""
    for length in range(len(path), 0, -1):
        if (location := sources.get(path[:length])) is not None:
            return location.line, location.column
    return None, None


def _in_line(number: int, index: int) -> tuple[int, int]:
    return number, index + 1


def text_document(source: str, file: str, profile: Profile) -> LintDocument:
    """Plain text line by line, for the text rules alone (no structure): positions are its lines."""
    texts = [
        TextValue((number,), line.rstrip("\r"), functools.partial(_in_line, number))
        for number, line in enumerate(source.split("\n"), start=1)
        if line.strip()
    ]
    return LintDocument(file, source, texts, profile=profile)
