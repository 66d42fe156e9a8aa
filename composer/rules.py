"""The GB/T 9704 and 督察工作规定 rules that compose, the import readers and lint all apply.

Each rule is written once and used in both directions: `wrap_title` breaks the title for every
format and measures lint's L001; `place_signature` places the sign-off when rendering and
recognises a sealed one on import; the part vocabulary (keys, standard headings, the words that
say which part a heading is) names the parts for the model, finds them in a draft and reports
them in lint.
"""

from __future__ import annotations

import itertools
import math
import re
from typing import TYPE_CHECKING, Any

from . import blocks as b
from .blocks import cells, set_cells

if TYPE_CHECKING:
    from .profile import Profile

# --- the parts (2019 督察工作规定) ----------------------------------------------------------------

PART_KEYS: tuple[str, ...] = ("measures", "shortcomings", "leadership", "plans", "other")
MANDATED_PARTS: tuple[str, ...] = PART_KEYS[:4]

# What each part is called in messages (Chinese, English).
PART_NAMES: dict[str, tuple[str, str]] = {
    "measures": ("主要举措和成效", "main measures and results"),
    "shortcomings": ("存在的不足和原因", "shortcomings and their causes"),
    "leadership": ("主要负责人履行第一责任人职责情况", "how the principal leaders fulfilled their duty"),
    "plans": ("下一年度主要安排", "plans for the next year"),
    "other": ("其他需要报告的情况", "other matters"),
}


def standard_heading(key: str, year: int) -> str:
    """The wording of the 2019 督察工作规定, dated for the report year."""
    return {
        "measures": f"{year}年推进法治政府建设的主要举措和成效",
        "shortcomings": f"{year}年推进法治政府建设存在的不足和原因",
        "leadership": f"{year}年党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况",
        "plans": f"{year + 1}年推进法治政府建设的主要安排",
        "other": "其他需要报告的情况",
    }[key]


# The words that say which part a heading is, by meaning (checked in this order).
PART_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("leadership", ("第一责任人", "主要负责人", "履职", "履行职责")),
    ("shortcomings", ("不足", "问题", "原因", "短板", "差距")),
    ("plans", ("下一步", "下一年度", "计划", "安排", "打算", "思路", "明年")),
    ("measures", ("举措", "成效", "主要工作", "做法", "工作情况", "进展", "开展情况", "完成情况", "落实情况")),
)


def part_for(heading: str) -> str | None:
    """The part a top-level heading is, by meaning: "存在问题及对策建议" is the shortcomings part."""
    if heading.lstrip().startswith("其他"):
        return "other"
    for key, words in PART_WORDS:
        if any(word in heading for word in words):
            return key
    return None


def part_params(key: str) -> dict[str, Any]:
    """A part as messages name it: its key, number (一…五) and name in Chinese and English."""
    zh, en = PART_NAMES[key]
    return {"key": key, "name": zh, "name_en": en, "number": "一二三四五"[PART_KEYS.index(key)]}


# --- the title (7.3.1) ---------------------------------------------------------------------------

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
    for name in issuer.split("\u3000"):  # each of a joint report's issuers (model.joint_name)
        if name and cells(name) <= 12:
            spans += [m.span() for m in re.finditer(re.escape(name), title)]
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


def wrap_title(title: str, issuer: str, profile: Profile) -> tuple[str, ...]:
    """Splits a long title into balanced lines of at most `max_chars_per_line` cells, none of
    them a single character."""
    limit = float(profile.title.max_chars_per_line.value)
    gap = float(profile.line_breaking.latin_gap.value)
    if set_cells(title, gap) <= limit:
        return (title,)
    protected = _protected(title, issuer)
    candidates = [
        i for i in range(2, len(title) - 1) if _allowed_break(title, i, protected, profile.line_breaking)
    ]
    needed = math.ceil(set_cells(title, gap) / limit)
    if needed <= 4:
        for count in range(needed, 5):
            best: tuple[float, tuple[int, ...]] | None = None
            for breaks in itertools.combinations(candidates, count - 1):
                bounds = (0, *breaks, len(title))
                widths = [set_cells(title[s:e], gap) for s, e in zip(bounds, bounds[1:])]
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


# --- the joint mark (7.2.4) ---------------------------------------------------------------------


def mark_fits_one_line(mark: str, profile: Profile) -> bool:
    """Whether an issuer mark fits the text block on one line at its full size: a joint mark
    that does not is stacked unless the report asks for one line."""
    return cells(mark) * profile.header.mark_max_size.pt <= profile.page.text_width.pt


# --- the sign-off (7.3.5) ------------------------------------------------------------------------


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


def _seal_box(placed: b.PlacedLine, top: float, image: b.SealImage, profile: Profile, path: b.Path) -> b.SealMark:
    """A seal `profile.signature.seal_size` wide, in its image's proportions, centred on the
    signature `placed` it presses on, its top `top` lines from the first signature line's top."""
    width_pt = profile.signature.seal_size.pt
    width = width_pt / profile.char_pitch_pt
    height = width_pt * image.height / image.width / profile.line_pitch_pt
    centre = (placed.start + placed.end) / 2
    return b.SealMark(centre - width / 2, top, width, height, image, path, placed.text)


def _seal_columns(count: int, first: float, last: float, widest: float, seal: float, gap: float) -> int:
    """How many signatures stand side by side in a row (7.3.5.1): as many as keep their seals
    `gap` apart and their names a character apart, centred from `first` to `last`."""
    for columns in range(count, 1, -1):
        step = (last - first) / (columns - 1)
        if step >= seal + gap and step >= widest + 1:
            return columns
    return 1


def place_sign_off(
    names: list[str], paths: list[b.Path], date_text: str, sealed: bool,
    images: list[b.SealImage | None], profile: Profile,
) -> b.Signature:
    """GB/T 9704 7.3.5 for one issuer or several (in order, the host first), with the seal
    images to press: without seals the names one under another, aligned, the date under them
    (7.3.5.2); with seals the names in rows, evenly spaced, the last over the date, each seal
    centred on its name, the first row's top within a line of the body (7.3.5.1)."""
    first = place_signature(max(names, key=cells), date_text, sealed, profile)
    rules, width = profile.signature, float(profile.chars_per_line)
    if not sealed:
        start = first.signature.start
        signers = [b.PlacedLine(name, start, start + cells(name)) for name in names]
        lines = list(range(len(names)))
    else:
        # The last seal presses on the date, centred on it as printed: its digits take their
        # autospace (a report without seal images keeps the signature centred by cells).
        date_width = set_cells(date_text, float(profile.line_breaking.latin_gap.value))
        last = first.date.start + (date_width if len(names) > 1 or any(images) else cells(date_text)) / 2
        seal_w = rules.seal_size.pt / profile.char_pitch_pt
        gap_w = rules.seal_gap.pt / profile.char_pitch_pt
        columns = _seal_columns(len(names), width - last, last, max(cells(n) for n in names), seal_w, gap_w)
        step = (2 * last - width) / (columns - 1) if columns > 1 else 0.0
        tallest = max((image.height / image.width for image in images if image), default=1.0)
        row_lines = math.ceil((rules.seal_size.pt * tallest + rules.seal_gap.pt) / profile.line_pitch_pt)
        rows = math.ceil(len(names) / columns)
        in_last_row = len(names) - columns * (rows - 1)
        signers, lines = [], []
        for index, name in enumerate(names):
            row = index // columns
            column = index % columns if row < rows - 1 else columns - in_last_row + index % columns
            centre = width - last + column * step if columns > 1 else last
            start = min(max(0.0, centre - cells(name) / 2), width - cells(name))
            signers.append(b.PlacedLine(name, start, start + cells(name)))
            lines.append(row * row_lines)
    # A seal's top in lines from the first signature line: the blank lines above it are the
    # room left for it, and it stands `seal_top` under the body's last line.
    top = rules.seal_top.pt / profile.line_pitch_pt - int(rules.sealed_blank_lines_before.value)
    marks = tuple(
        _seal_box(placed, top + line, image, profile, path)
        for placed, line, image, path in zip(signers, lines, images, paths)
        if sealed and image is not None
    )
    others = tuple(b.Signer(placed, line, path) for placed, line, path in zip(signers[1:], lines[1:], paths[1:]))
    return b.Signature(signers[0], first.date, sealed, paths[0], others, marks)


def printer_and_date_fit(printer: str, printed: str, profile: Profile) -> bool:
    """Whether the printing office and the printing date share the end block's line (GB/T 9704
    7.4.3: the office one character in from the left, the date one in from the right) with a
    character between them; when not, the date goes on the line under it, in every format."""
    spec, gap = profile.end_block, float(profile.line_breaking.latin_gap.value)
    room = profile.page.text_width.pt / spec.size.pt - 2 * float(spec.indent.value)
    # a digit is set at its own width, which may pass its half cell: one more cell of room
    return set_cells(printer, gap) + 2 + set_cells(printed, gap) <= room
