"""The library's entry points: load, validate, render_result, render_results, render, render_to (import_report
lives with the readers)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import ValidationError

from .compose import compose
from .model import Report
from .output import write_atomic
from .problems import Location, Problem, ReportError, locate
from .readers.source import decode, read_bytes
from .readers.yaml_reader import YamlSource, report_from_yaml, texts_cut_by_comments
from .validation import problems_from_validation
from .writers import PAGED, format_for, writer

if TYPE_CHECKING:
    from .profile import Profile

Source = str | os.PathLike[str]


def _is_path(source: Source) -> bool:
    if isinstance(source, os.PathLike):
        return True
    if "\n" in source:
        return False
    try:
        return source.lower().endswith((".yaml", ".yml")) or Path(source).is_file()
    except (OSError, ValueError):  # too long or otherwise impossible as a file name: it is YAML text
        return False


def load(source: Source) -> Report:
    """A validated report from a YAML file path or from YAML text; raises ReportError.

    A `Path`, or a one-line string that ends in .yaml/.yml or names an existing file, is read
    as a file; any other string is the YAML itself.
    """
    if _is_path(source):
        path = Path(source)
        return report_from_yaml(decode(read_bytes(path), str(path)), str(path))
    return report_from_yaml(str(source))


def validate(source: Source | Report | dict[str, Any]) -> list[Problem]:
    """Every problem of a report given as a path, YAML text, a dict or a Report; [] when valid."""
    try:
        if isinstance(source, Report):
            Report.model_validate(source.model_dump())
        elif isinstance(source, dict):
            Report.model_validate(source)
        else:
            load(source)
    except ReportError as error:
        return error.problems
    except ValidationError as error:
        return problems_from_validation(error)
    return []


class Rendered(NamedTuple):
    """A render's output and its warnings (located in the report's file), and its page count
    where the format has pages of its own (PDF)."""

    data: bytes
    problems: tuple[Problem, ...]
    pages: int | None


def render_result(
    report: Report,
    format: str,
    *,
    profile: Profile | None = None,
    fragment: bool = False,
    pdf_standard: str | None = None,
    seals: Sequence[str | os.PathLike[str]] = (),
) -> Rendered:
    """The report in a format (docx, pdf, html, txt), with what rendering found to warn of.

    Nothing is shared between calls: reports may be rendered in several threads at once, each
    getting its own warnings. Raises ReportError, located as the warnings are, when the report
    cannot be rendered (a character no face has). `fragment` (html only): just the article
    body, to paste into a website's editor. `pdf_standard` (pdf only): "a-2b" (the default),
    "a-1b", "a-3b" (PDF/A levels) or "none". `seals`: seal image files for the issuers in
    order, in place of those the report names (which are read relative to its file).
    """
    writer(format, fragment=fragment, pdf_standard=pdf_standard)  # refuses an option the format has not
    return render_results(report, (format,), profile=profile, fragment=fragment, pdf_standard=pdf_standard,
                          seals=seals)[format]


def render_results(
    report: Report,
    formats: Sequence[str],
    *,
    profile: Profile | None = None,
    fragment: bool = False,
    pdf_standard: str | None = None,
    seals: Sequence[str | os.PathLike[str]] = (),
) -> dict[str, Rendered]:
    """The report in each of several formats, as `render_result` gives one, each option going to
    the formats it applies to. The report is composed once and laid out once: the PDF and OFD
    draw the same pages, and a DOCX repeats their pagination rather than laying them out again
    (a batch's DOCX and PDF take one layout, not two). Raises ReportError as `render_result` does,
    before any format is made."""
    if profile is None:
        from .profile import load_profile

        profile = load_profile()
    from .seals import seal_images

    renders = {
        fmt: writer(fmt, fragment=fragment if fmt == "html" else None,
                    pdf_standard=pdf_standard if fmt == "pdf" else None)
        for fmt in formats
    }
    document = compose(report, profile, seal_images(report, seals))
    paged = None
    if PAGED.intersection(formats):
        from .layout import lay_out

        try:
            paged = lay_out(document, profile)
        except ReportError as error:
            raise ReportError([locate(problem, report) for problem in error.problems]) from None
    read = _read_warnings(report)
    results = {}
    for fmt, render_format in renders.items():
        if paged is not None and fmt in PAGED:
            problems = read + tuple(locate(problem, report) for problem in paged.problems)
            results[fmt] = Rendered(render_format(paged), problems, len(paged.pages))
        elif paged is not None and fmt == "docx":
            results[fmt] = Rendered(render_format(document, profile, paged=paged), read, None)
        else:
            results[fmt] = Rendered(render_format(document, profile), read, None)
    return results


def _read_warnings(report: Report) -> tuple[Problem, ...]:
    """What the report's YAML holds that it does not print: a text that " #" cut short, YAML
    taking the rest of its line for a comment (lint's P007). Looked for only where there is a "#"."""
    source = report._source
    if not isinstance(source, YamlSource) or "#" not in source.positions.source:
        return ()
    return tuple(texts_cut_by_comments(source))


def render(
    report: Report,
    format: str,
    *,
    profile: Profile | None = None,
    fragment: bool = False,
    pdf_standard: str | None = None,
    seals: Sequence[str | os.PathLike[str]] = (),
) -> bytes:
    """The report in a format (docx, pdf, html, txt), as bytes; `render_result` gives its
    warnings too."""
    return render_result(report, format, profile=profile, fragment=fragment, pdf_standard=pdf_standard,
                         seals=seals).data



def render_to(
    report: Report,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    profile: Profile | None = None,
    fragment: bool = False,
    pdf_standard: str | None = None,
    seals: Sequence[str | os.PathLike[str]] = (),
) -> Path:
    """Renders to a file, its format from the suffix unless given; the file appears whole or not at all."""
    target = Path(path)
    fmt = format or format_for(target)
    if fmt is None:
        raise ReportError([Problem("format_needed", {"path": str(target)}, Location(str(target)))])
    write_atomic(target, render(report, fmt, profile=profile, fragment=fragment, pdf_standard=pdf_standard,
                                seals=seals))
    return target
