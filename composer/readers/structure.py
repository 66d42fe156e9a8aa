"""Source paragraphs -> Report: where an imported report's structure is recognised, once.

Each import reader (text and Markdown, DOCX, HTML) turns its file into `SourceParagraph`s and
`SourceTable`s in reading order, each with the line it came from. This module finds in them what
a law-based-government annual report is made of, in phases, each a module of its own (as pandoc's
DOCX reader parses, then builds): `furniture` drops the web page's furniture and reads its
disclosure header; `breaks` joins lines broken inside a sentence; `frame` finds the red header, title and addressee before the body and the
signature, date, attachments, note and end block after it; `sections` ranks the body's headings
into a tree; `parts` maps the top-level headings to the report's parts by meaning. What it drops
it says, with the source line; what it cannot place it keeps in the nearest part, so no text of
the source is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..dates import format_date
from ..model import Report
from ..problems import Location, Problem
from ..rules import MANDATED_PARTS, part_params
from ..validation import problems_from_validation
from .breaks import join_broken_lines
from .draft import Draft, ModelPath
from .frame import end_matter, front_matter, identity, year_of
from .furniture import drop_furniture
from .parts import emit_parts
from .sections import read_body
from .source import SourceBlock

if TYPE_CHECKING:
    from ..profile import Profile


@dataclass
class ImportResult:
    """What an import found.

    `report` is None when the result does not validate; `problems` then says why, located in the
    source, and `data` holds what was found (the dict validated into the report). `notes` say what was found, dropped and not placed (Problems of severity info or
    warning). `sources` maps each model path (("parts", "measures", "content", 0, "heading"),
    ("opening", 0), ("title",), ...) to the Location where its text starts in the source, for tools
    that check the text against the source (lint): for text and Markdown the file's line and
    column; for HTML the line of the element and the column within its paragraph text; for DOCX
    the paragraph's number in the body and the column within its text. `source` is the reader's
    output, before any change (half-width punctuation and all).
    """

    report: Report | None
    data: dict[str, Any]
    notes: list[Problem]
    problems: list[Problem]
    punctuation_changes: int
    sources: dict[ModelPath, Location]
    source: tuple[SourceBlock, ...]


def _recognise(draft: Draft, blocks: list[SourceBlock]) -> dict[str, Any]:
    """The phases, front to back: the frame first, since it says where the body starts and ends."""
    blocks = join_broken_lines(draft, drop_furniture(draft, blocks))
    start = front_matter(draft, blocks)
    end = end_matter(draft, blocks, start)
    read_body(draft, blocks, start, end)
    identity(draft)
    emit_parts(draft)
    return draft.data


def build_report(
    blocks: Sequence[SourceBlock], file: str | None, profile: Profile, *, keep_punctuation: bool = False
) -> ImportResult:
    """The report a source's paragraphs and tables make, with notes and source positions; the
    profile's rules say where a signature and date set by them would sit."""
    draft = Draft(file, keep_punctuation, profile)
    data = _recognise(draft, list(blocks))
    if draft.changes:
        draft.note("import_punctuation", Location(file), count=draft.changes)
    draft.notes.sort(key=lambda n: (n.location.line is None, n.location.line or 0, n.location.column or 0))
    kind = _other_kind(draft)
    report, problems = _validated(draft, data) if kind is None else (None, [kind])
    if report is not None:
        draft.notes.append(Problem("import_summary", _counts(report, draft.notes), Location(file), "info"))
    return ImportResult(report, data, draft.notes, problems, draft.changes, draft.sources, tuple(blocks))


# Kinds of official document (GB/T 9704's 文种) a draft's title may end in that are no report.
_OTHER_KINDS = {
    "通知": "notice", "通报": "circular", "意见": "opinions", "决定": "decision", "批复": "reply",
    "请示": "request", "函": "letter", "公告": "announcement", "通告": "public notice", "方案": "plan",
    "办法": "measures", "纪要": "minutes", "规定": "regulations",
}


def _other_kind(draft: Draft) -> Problem | None:
    """A refusal when the title names another kind of document (a notice about the annual
    reports is no report), so the user is not told to add parts to a notice."""
    if draft.title is None:
        return None
    title, at = draft.title
    kind = next((k for k in _OTHER_KINDS if title.endswith(k)), None)
    if kind is None or "报告" in title or "总结" in title:
        return None
    return Problem("import_not_a_report", {"title": title, "kind": kind, "kind_en": _OTHER_KINDS[kind]}, replace(at, path=("title",)))


# What the import guessed and can do without: a guess that fails validation is dropped, with a warning.
_GUESSED = ("header", "end_block", "disclosure", "addressees", "attachments", "note", "signature")


def _validated(draft: Draft, data: dict[str, Any]) -> tuple[Report | None, list[Problem]]:
    """The report, once the import's own guesses that fail validation are given up (a title
    without the year, a year read from the wrong line, a red header's malformed number), each
    with a warning at its source line; else None and the problems, saying what the user must
    add where the source lacks it (a date, the issuer, a part)."""
    problems: list[Problem] = []
    for _ in range(len(_GUESSED) + 3):  # each round gives up at least one guess, or stops
        try:
            return Report.model_validate(data), []
        except ValidationError as error:
            problems = [_locate(p, draft.sources, draft.file) for p in problems_from_validation(error, None, draft.file)]
        if not any([_give_up(draft, data, problem) for problem in problems]):
            break
    return None, _needed(draft, data, problems)


def _give_up(draft: Draft, data: dict[str, Any], problem: Problem) -> bool:
    """Gives up the guess a problem is about, if it is one; whether it did."""
    code, path, at = problem.code, problem.location.path, problem.location
    reason = problem.message("zh"), problem.message("en")
    if code == "title_without_year" and "title" in data:
        draft.note("import_guess_dropped", at, "warning", text=data.pop("title"), reason=reason[0], reason_en=reason[1])
        return True
    if code in ("date_before_year", "date_too_late", "year_range") and draft.year_from_text and "date" in data:
        draft.year_from_text = False
        data["year"] = year_of(data["date"])
        draft.note("import_year_from_date", draft.sources.get(("date",), at), "warning", year=data["year"],
                   reason=reason[0], reason_en=reason[1])
        return True
    if path and path[0] in _GUESSED and path[0] in data:
        field = data[path[0]]
        if len(path) > 1 and isinstance(field, dict) and path[1] in field and len(field) > 1:
            dropped = field.pop(path[1])  # one entry of the red header, the end block, the disclosure
        else:
            dropped = data.pop(path[0])
        draft.note("import_guess_dropped", at, "warning", text=_quoted(dropped), reason=reason[0], reason_en=reason[1])
        return True
    return False


def _quoted(value: Any) -> str:
    """A dropped guess as the source had it: an end block's 抄送 names, not a Python dict."""
    if isinstance(value, dict):
        return "；".join(_quoted(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return "、".join(_quoted(item) for item in value)
    return format_date(value) if isinstance(value, date) else str(value)


def _needed(draft: Draft, data: dict[str, Any], problems: list[Problem]) -> list[Problem]:
    """The problems, with what the source lacks said as what to add (a missing year and issuer
    are the missing date's consequence: the date places the signature, and go with it)."""
    needed: list[Problem] = []
    for problem in problems:
        where = problem.location.path
        if problem.code == "missing" and where == ("date",) and draft.month_only:
            text, at = draft.month_only
            needed.append(Problem("import_need_day", {"text": text, "example": text + ("20日" if text[-2:-1].isdigit() else "二十日")}, replace(at, path=where)))
        elif problem.code == "missing" and where == ("date",):
            needed.append(replace(problem, code="import_need_date", params={}))
        elif problem.code == "missing" and where in (("year",), ("issuer",)) and "date" not in data:
            continue
        elif problem.code == "missing" and where == ("issuer",):
            needed.append(replace(problem, code="import_need_issuer", params={}))
        elif problem.code == "missing" and where == ("parts",):  # no part at all: not yet a report
            headings = [part_params(key) for key in MANDATED_PARTS]
            needed.append(replace(problem, code="import_need_parts", params={
                "headings": "".join(f"“{p['number']}、{p['name']}”" for p in headings),
                "headings_en": ", ".join(f"'{p['number']}、{p['name']}' ({p['name_en']})" for p in headings)}))
        elif problem.code == "part_empty":
            needed.append(replace(problem, code="import_need_content"))
        elif problem.code == "part_missing":
            needed.append(replace(problem, code="import_need_part", location=Location(draft.file, path=where)))
        else:
            needed.append(problem)
    if any(p.code in ("import_need_date", "import_need_day") for p in needed):
        draft.notes[:] = [n for n in draft.notes if n.code != "import_no_date"]
    return needed


def _counts(report: Report, notes: list[Problem]) -> dict[str, int]:
    """How much was imported, for the closing line of the notes."""
    paragraphs = tables = 0

    def walk(items: list[Any]) -> None:
        nonlocal paragraphs, tables
        for item in items:
            if isinstance(item, str):
                paragraphs += 1
            elif hasattr(item, "table"):
                tables += 1
            else:
                walk(item.content)

    for _, part in report.parts.items():
        walk(part.content)
    return {
        "parts": len(report.parts.items()), "sections": len(report.sections()), "paragraphs": paragraphs,
        "tables": tables, "unplaced": sum(1 for n in notes if n.code == "import_unplaced"),
    }


def _locate(problem: Problem, sources: dict[ModelPath, Location], file: str | None) -> Problem:
    """A validation problem placed at the source line of the nearest model path that has one."""
    path = problem.location.path
    for length in range(len(path), 0, -1):
        if at := sources.get(path[:length]):
            return replace(problem, location=Location(file, at.line, at.column, path))
    # a field the source lacks (an end block's printer): where the rest of its group was read
    if at := next((a for where, a in sources.items() if path and where[:1] == path[:1]), None):
        return replace(problem, location=Location(file, at.line, at.column, path))
    return replace(problem, location=Location(file, None, None, path))
