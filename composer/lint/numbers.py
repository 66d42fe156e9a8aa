"""Numbers and dates: N001 to N004, and the reporting deadline D001."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..dates import format_date, parse_date
from ..problems import Location
from .core import Edit, Hit, LintDocument, document_rule, text_rule

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"

# A document number as cited in text or written in the red header: 机关代字 + bracketed year +
# serial + 号. GB/T 9704 7.2.5 puts the year in 〔〕 (U+3014/U+3015); drafts use [] 【】 () ［］
# or the small-form ﹝﹞ that web pages copy from one another.
_DOC_NUMBER = re.compile(
    rf"(?<=[{_HAN}])(?P<open>[\[【［(（﹝〔{{｛])(?P<year>(?:19|20)\d\d)(?P<close>[\]】］)）﹞〕}}｝])(?=第?\d+号)"
)


# Words that end before a cited number begins (依据|同科字…, 和|晋政办发…): where the quoted
# number starts in a message.
_BEFORE_A_NUMBER = set("据照按和及与或在即见为由是的、")


def doc_number_brackets(text: str) -> list[tuple[int, int]]:
    """Indices of the brackets around the year of every document number in the text."""
    return [(m.start("open"), m.start("close")) for m in _DOC_NUMBER.finditer(text)]


@text_rule("N002", "warning")
def document_number_brackets(text: str) -> Iterator[Hit]:
    """同信用办发[2022]1号 -> 同信用办发〔2022〕1号, in the header and wherever a number is cited."""
    for match in _DOC_NUMBER.finditer(text):
        if match["open"] == "〔" and match["close"] == "〕":
            continue
        start = match.start()
        while start > 0 and re.match(rf"[{_HAN}]", text[start - 1]) and text[start - 1] not in _BEFORE_A_NUMBER:
            start -= 1
        end = text.index("号", match.end()) + 1
        number = text[start:end]
        fixed = number.replace(match["open"], "〔", 1).replace(match["close"], "〕", 1)
        fix = tuple(
            Edit(match.start(group), match.start(group) + 1, new)
            for group, new in (("open", "〔"), ("close", "〕"))
            if match[group] != new
        )
        yield Hit({"number": number, "fixed": fixed}, match.start("open"), match.end("close"), fix)


# 2023年03月05日, 03月05日, 2023年3月05日: GB/T 9704 7.3.5 writes dates without padding.
_DATE = re.compile(r"(?<![\d０-９])(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?")


@text_rule("N001", "warning")
def padded_dates(text: str) -> Iterator[Hit]:
    for match in _DATE.finditer(text):
        zeros = [match.start(g) for g in ("month", "day") if match[g] and len(match[g]) == 2 and match[g][0] == "0"]
        if not zeros:
            continue
        written = match.group(0)
        fixed = "".join(c for i, c in enumerate(written, start=match.start()) if i not in zeros)
        yield Hit({"date": written, "fixed": fixed}, zeros[0], zeros[0] + 1, tuple(Edit(z, z + 1, "") for z in zeros))


# Full-width digits (１２６０, ９８．６): a number is written in half-width figures (GB/T 15835).
_FULL_WIDTH_NUMBER = re.compile(r"[０-９]+(?:．[０-９]+)?")
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


@text_rule("N004", "warning")
def full_width_digits(text: str) -> Iterator[Hit]:
    """１２６０公里 -> 1260公里, ９８．６％ -> 98.6％: each number's characters, in place."""
    for match in _FULL_WIDTH_NUMBER.finditer(text):
        written = match.group(0)
        fixed = written.translate(_HALF_WIDTH)
        edits = tuple(Edit(i, i + 1, fixed[i - match.start()]) for i in range(match.start(), match.end()))
        yield Hit({"number": written, "fixed": fixed}, match.start(), match.end(), edits)


def report_year(document: LintDocument) -> int | None:
    if document.report is not None:
        return document.report.year
    year = str((document.data or {}).get("year", ""))
    return int(year) if year.isdigit() else None


# A year in the text; a year that opens or closes a range (2021—2025年) is a period, not a date.
_YEAR = re.compile(r"(?<![\d\-－—–~～至到])((?:19|20)\d\d)(?=\s*年)(?!\s*年?\s*[\-－—–~～至到]\s*\d)")


@document_rule("N003", "warning")
def year_after_report_year(document: LintDocument) -> Iterator[Hit]:
    """Part one reports on the report year; a later year there is most likely a typo."""
    year = report_year(document)
    if year is None:
        return
    for value in document.texts:
        if value.path[:2] != ("parts", "measures"):
            continue
        for match in _YEAR.finditer(value.text):
            if int(match[1]) > year:
                yield Hit({"year": year, "found": match[1]}, match.start(), match.end(), text=value)


def _location(document: LintDocument, path: tuple[str, ...]) -> Location:
    line, column = (document.positions.values.get(path) if document.positions else None) or (None, None)
    return Location(document.file, line, column, path)


@document_rule("D001", "warning")
def late_issue_date(document: LintDocument) -> Iterator[Hit]:
    """督察工作规定: report the previous year's work in the first quarter (by 31 March)."""
    year = report_year(document)
    try:
        issued = document.report.date if document.report else parse_date((document.data or {}).get("date"))
    except ValueError:
        return
    if year is None or issued <= date(year + 1, 3, 31):
        return
    yield Hit({"date": format_date(issued), "next": year + 1}, location=_location(document, ("date",)))
