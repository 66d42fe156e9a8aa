"""Report -> Document: numbering, title lines, spacing and signature placement, decided once.

The rules are GB/T 9704's (clauses in the profile); every renderer draws the result as it is.
"""

from __future__ import annotations

import itertools
import math
import re
from typing import TYPE_CHECKING, Any

from . import blocks as b
from .blocks import autospaced, cells
from .dates import format_date
from .model import Report, Section, TableItem
from .numbering import marker

if TYPE_CHECKING:
    from .profile import Profile


# --- title --------------------------------------------------------------------------------------

# Words a title line must not be broken inside (7.3.1 "回行时要做到词意完整").
TITLE_WORDS = (
    "法治政府建设", "法治建设", "依法行政", "年度报告", "工作报告", "情况报告", "自查报告", "的报告",
    "人民政府", "办公室", "委员会", "管理局", "服务局", "科学技术局", "科技局", "关于", "工作",
    "发展和改革", "人力资源和社会保障", "住房和城乡建设", "卫生健康", "市场监督", "自然资源",
    "生态环境", "交通运输", "农业农村", "文化和旅游", "应急管理", "退役军人事务", "林业和草原",
)
_PREFERRED_BEFORE = ("关于", "法治政府建设", "年度", "年法治")


def _protected(title: str, issuer: str) -> set[int]:
    """Positions where a break would split a word, a number or the issuer's name."""
    spans = [m.span() for m in re.finditer(r"[0-9A-Za-z]+年?度?|[0-9A-Za-z]+", title)]
    for word in TITLE_WORDS:
        spans += [m.span() for m in re.finditer(re.escape(word), title)]
    if issuer and cells(issuer) <= 12:
        spans += [m.span() for m in re.finditer(re.escape(issuer), title)]
    return {i for start, end in spans for i in range(start + 1, end)}


def _break_cost(title: str, position: int, issuer: str) -> float:
    before, after = title[:position], title[position:]
    if issuer and before.endswith(issuer) or after.startswith(_PREFERRED_BEFORE):
        return -4.0
    return 0.0


def _shape_cost(widths: list[float]) -> float:
    """Balanced lines, none much longer than the one above (a trapezoid or a diamond)."""
    mean = sum(widths) / len(widths)
    cost = sum((w - mean) ** 2 for w in widths)
    for above, below in zip(widths, widths[1:]):
        cost += 20 * max(0.0, below - above - 2) ** 2
    return cost


def _allowed_break(title: str, i: int, protected: set[int], line_breaking: Any) -> bool:
    return (
        i not in protected
        and title[i] not in line_breaking.no_line_start.value
        and title[i - 1] not in line_breaking.no_line_end.value
    )


def _set_width(text: str, gap: float) -> float:
    """Cells a title line takes as set: with the autospace (`gap`, in ems) every format puts
    where Chinese meets a Latin letter or digit, so that a line counted as fitting does fit."""
    spaces = sum(autospaced(a, b) for a, b in zip(text, text[1:]))
    return cells(text) + gap * spaces


def wrap_title(title: str, issuer: str, profile: Profile) -> tuple[str, ...]:
    """Splits a long title into balanced lines of at most `max_chars_per_line` cells, none of
    them a single character."""
    limit = float(profile.title.max_chars_per_line.value)
    gap = float(profile.line_breaking.latin_gap.value)
    if _set_width(title, gap) <= limit:
        return (title,)
    protected = _protected(title, issuer)
    candidates = [
        i for i in range(2, len(title) - 1) if _allowed_break(title, i, protected, profile.line_breaking)
    ]
    needed = math.ceil(_set_width(title, gap) / limit)
    if needed <= 4:
        for count in range(needed, 5):
            best: tuple[float, tuple[int, ...]] | None = None
            for breaks in itertools.combinations(candidates, count - 1):
                bounds = (0, *breaks, len(title))
                widths = [_set_width(title[s:e], gap) for s, e in zip(bounds, bounds[1:])]
                if max(widths) > limit or min(e - s for s, e in zip(bounds, bounds[1:])) < 2:
                    continue
                cost = _shape_cost(widths) + sum(_break_cost(title, i, issuer) for i in breaks)
                if best is None or cost < best[0]:
                    best = (cost, bounds)
            if best:
                bounds = best[1]
                return tuple(title[s:e] for s, e in zip(bounds, bounds[1:]))
    return _fill(title, limit, set(candidates))


def _fill(title: str, limit: float, allowed: set[int]) -> tuple[str, ...]:
    """Greedy filling for very long titles, breaking anywhere when no allowed break fits."""
    lines: list[str] = []
    start = 0
    while start < len(title):
        end, width, last_allowed = start, 0.0, None
        while end < len(title) and width + cells(title[end]) <= limit:
            width += cells(title[end])
            end += 1
            if end in allowed:
                last_allowed = end
        if end < len(title) and last_allowed and last_allowed > start:
            end = last_allowed
        lines.append(title[start:end])
        start = end
    return tuple(lines)


# --- signature ----------------------------------------------------------------------------------


def place_signature(signature: str, date_text: str, sealed: bool, profile: Profile) -> b.Signature:
    """GB/T 9704 7.3.5: where the signature and the date start and end, in character cells."""
    width = float(profile.chars_per_line)
    rules = profile.signature
    sig_w, date_w = cells(signature), cells(date_text)
    if sealed:
        date_end = width - rules.sealed_date_right_indent.value
        date_start = date_end - date_w
        sig_start = max(0.0, (date_start + date_end - sig_w) / 2)
    else:
        right = rules.right_indent.value
        shift = rules.date_shift.value
        sig_start = width - right - sig_w
        date_start = sig_start + shift
        if date_start + date_w > width - right:
            date_start = width - right - date_w
            sig_start = date_start - shift
        sig_start = max(0.0, sig_start)
        date_start = max(0.0, date_start)
    return b.Signature(
        b.PlacedLine(signature, sig_start, sig_start + sig_w),
        b.PlacedLine(date_text, date_start, date_start + date_w),
        sealed,
    )


# --- body -----------------------------------------------------------------------------------------


def _paragraphs(text: str, outline_level: int, path: b.Path, lead: b.Heading | None = None) -> list[b.Paragraph]:
    """One paragraph per non-empty line, each with where it starts in `text`; a run-in heading
    leads the first."""
    paragraphs = []
    start = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            at = start + len(line) - len(line.lstrip())
            paragraphs.append(b.Paragraph(line.strip(), None, outline_level, path, at))
        start += len(line)
    paragraphs = paragraphs or [b.Paragraph("", None, outline_level, path)]
    paragraphs[0] = paragraphs[0]._replace(lead=lead)
    return paragraphs


def _content(items: list[Any], level: int, path: b.Path, first: int = 0) -> list[b.Block]:
    """The blocks of a part's or a section's items (at `path`, the first being number `first`
    there); `level` is that of the sections among them."""
    out: list[b.Block] = []
    numbers = itertools.count(1)
    for index, item in enumerate(items, start=first):
        here = (*path, index)
        if isinstance(item, str):
            out += _paragraphs(item, level - 1, here)
        elif isinstance(item, TableItem):
            t = item.table
            out.append(b.Table(t.caption, tuple(t.header), tuple(tuple(r) for r in t.rows), level - 1, (*here, "table")))
        elif isinstance(item, Section):
            heading = b.Heading(level, marker(level, next(numbers)), item.heading, path=(*here, "heading"))
            rest = item.content
            if item.run_in and isinstance(rest[0], str):  # always text: the model checks run_in
                out += _paragraphs(rest[0], level, (*here, "content", 0), heading)
                out += _content(rest[1:], level + 1, (*here, "content"), first=1)
            else:
                out.append(heading)
                out += _content(rest, level + 1, (*here, "content"))
    return out


def _parenthesised(text: str) -> str:
    return text if text.startswith(("（", "(")) else f"（{text}）"


def compose(report: Report, profile: Profile) -> b.Document:
    """Lays the report out as blocks in reading order, by the profile's rules, each with the
    model path it came from."""
    title = report.title or ""
    from_issuer = ("issuer",)
    body: list[b.Block] = [
        b.Title(wrap_title(title, report.issuer, profile), from_issuer if report.derived(("title",)) else ("title",)),
        b.BlankLines(int(profile.title.blank_lines_after.value)),
    ]
    if report.addressees:
        body.append(b.Addressee("、".join(report.addressees) + "："))
    for index, paragraph in enumerate(report.opening):
        body += _paragraphs(paragraph, 0, ("opening", index))
    for number, (key, part) in enumerate(report.parts.items(), start=1):
        body.append(b.Heading(1, marker(1, number), part.heading or "", part=key, path=("parts", key, "heading")))
        body += _content(part.content, 2, ("parts", key, "content"))
    if report.attachments:
        items = report.attachments
        numbered = [f"{i}.{name}" for i, name in enumerate(items, start=1)] if len(items) > 1 else items
        body += [
            b.BlankLines(int(profile.attachments.blank_lines_before.value)),
            b.Attachments(str(profile.attachments.label.value), tuple(numbered)),
        ]
    blank = profile.signature.sealed_blank_lines_before if report.seal else profile.signature.blank_lines_before
    signature = place_signature(report.signature or report.issuer, format_date(report.date), report.seal, profile)
    body += [
        b.BlankLines(int(blank.value)),
        signature._replace(path=from_issuer if report.derived(("signature",)) else ("signature",)),
    ]
    if report.note:
        body.append(b.Note(_parenthesised(report.note)))
    return b.Document(
        metadata=b.Metadata(
            title=title,
            author=report.issuer,
            subject=f"{report.year}年法治政府建设年度报告",
            keywords=("法治政府建设", "年度报告", str(report.year), report.issuer),
            created=report.date,
        ),
        header=_header(report),
        body=tuple(body),
        end_block=_end_block(report, profile),
        disclosure=_disclosure(report),
    )


def _header(report: Report) -> b.RedHeader | None:
    header = report.header
    if header is None:
        return None
    return b.RedHeader(
        mark=header.mark or "",
        number=header.number,
        copy_number=header.copy_number,
        classification=header.classification,
        urgency=header.urgency,
        signers=tuple(header.signers),
    )


def _end_block(report: Report, profile: Profile) -> b.EndBlock | None:
    end = report.end_block
    if end is None:
        return None
    copy_to = f"{profile.end_block.copy_to_label.value}{'，'.join(end.copy_to)}。" if end.copy_to else None
    return b.EndBlock(copy_to, end.printer, format_date(end.print_date) + str(profile.end_block.printed_suffix.value))


def _disclosure(report: Report) -> b.Disclosure | None:
    """Every row of the website's table, labelled as the model's fields are titled (索引号, ...)."""
    disclosure = report.disclosure
    if disclosure is None:
        return None
    return b.Disclosure(
        tuple(
            b.DisclosureEntry(key, field.title or key, getattr(disclosure, key) or "")
            for key, field in type(disclosure).model_fields.items()
        )
    )
