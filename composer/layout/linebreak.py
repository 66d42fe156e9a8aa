"""Breaking text into justified lines the way Chinese typesetting does, for fixed-layout writers.

Full-width characters take one cell each (on the GB/T 9704 grid, 156 mm / 28); half-width
text (digits, Latin) takes its natural width and stays whole as words and numbers. Where a
line ends is decided by the widths Word gives the DOCX's text (see wrap). No line
starts with a closing mark or ends with an opening one, and "……" / "——" stay whole: when a
mark would start a line, the last character of the line above goes down with it (no mark
hangs in the margin, none is squeezed: what Word does with the DOCX's settings).
A full line is justified by spreading its slack across its gaps; a last line is not.
Between a Chinese character and a Latin letter or digit goes the profile's `latin_gap` (an
em fraction), the space Word, WPS and LibreOffice put there (autospace; LibreOffice always
does, whatever the DOCX says), so that the lines of the PDF break where theirs do.

This module knows nothing of fonts or PDF: the caller gives the cell width and a function
measuring half-width characters.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each annotation given
# as a string, ~1 M instructions of every process per class (self-references are quoted).
import math
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Any, NamedTuple, cast

from ..blocks import autospaced, cells

# (character, role) -> natural advance in points, at the size being set.
Measure = Callable[[str, str], float]

_EPSILON = 1e-6


class Run(NamedTuple):
    """Text set in one role (a face: body, heading1, ...)."""

    text: str
    role: str


class Rules(NamedTuple):
    """The profile's line-breaking values."""

    no_line_start: str
    no_line_end: str
    unbreakable: tuple[str, ...]
    latin_gap: float = 0.0  # em

    @property
    def glue_starts(self) -> str:
        return "".join(g[0] for g in self.unbreakable)

    @classmethod
    def from_profile(cls, profile: Any) -> "Rules":
        rules = profile.line_breaking
        return cls(
            str(rules.no_line_start.value),
            str(rules.no_line_end.value),
            tuple(rules.unbreakable.value),
            float(rules.latin_gap.value),
        )


class Segment(NamedTuple):
    """Characters of one role on a line, each with its left edge from the line's origin."""

    role: str
    text: str
    xs: tuple[float, ...]

    def shifted(self, dx: float) -> "Segment":
        return Segment(self.role, self.text, tuple(x + dx for x in self.xs))


class Line(NamedTuple):
    """One set line: its segments and the width it takes (for centring and right alignment)."""

    segments: tuple[Segment, ...]
    width: float

    def shifted(self, dx: float) -> "Line":
        return Line(tuple(s.shifted(dx) for s in self.segments), self.width)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


_UNSET = Line((), 0.0)  # a line broken but not set (wrap, not placed)


class _Unit(NamedTuple):
    """What a line never splits: one full-width character, a word, a number or "……"."""

    text: str
    role: str
    advances: tuple[float, ...]
    width: float  # the sum of the advances, taken once: line breaking asks for it again and again
    space: bool = False
    insets: tuple[float, ...] = ()  # where each glyph sits inside its advance, if not at its left
    gap: float = 0.0  # autospace before it, when it follows the unit before it on a line
    fit: float = 0.0  # the room Word gives it, which decides the line's break (see wrap)
    fit_gap: float = 0.0  # the room its autospace takes there

    @classmethod
    def of(cls, text: str, role: str, advances: tuple[float, ...], fit: float | None = None, **rest: Any) -> "_Unit":
        width = sum(advances)
        return cls(text, role, advances, width, fit=width if fit is None else fit, **rest)


@cache
def _is_full(char: str) -> bool:
    return cells(char) == 1


@lru_cache(maxsize=1 << 16)
def _autospaced_pair(before: str, after: str) -> bool:
    """blocks.autospaced of two characters, asked once per pair (a report has a few thousand)."""
    return autospaced(before, after)


def _natural(units: Sequence[_Unit]) -> float:
    """The width of units set side by side on one line, with the autospace between them."""
    return sum([u.width for u in units]) + sum([u.gap for u in units[1:]])


def _full(text: str, role: str, cell: float, measure: Measure, own_advances: bool, tightening: float = 0.0) -> _Unit:
    """Full-width characters, one cell each. In running text (`own_advances`) a mark of
    ambiguous width (“ ” — … ·) that the face draws narrower than its ideographs (a stand-in
    face's proportional quotes or dash) takes its own advance instead, as Word, WPS and
    LibreOffice set it, so that the lines break where theirs do; the official faces draw
    these marks full width. Set in a cell, such a mark sits in it as its kind asks: an opening
    quote against the text it opens, a closing one against the text it closes, anything else
    in the middle. Its `fit` is the face's advances less the `tightening`, as Word counts them
    (text the DOCX tightens; other text fits by its advances)."""
    em = measure("\u4e00", role)
    advances, insets, fit = [], [], 0.0
    for char in text:
        natural = measure(char, role) if unicodedata.east_asian_width(char) == "A" else em
        narrow = natural < em - _EPSILON
        advances.append(natural if narrow and own_advances else cell)
        fit += (natural if narrow else em) - tightening
        slack = cell - natural if narrow and not own_advances else 0.0
        category = unicodedata.category(char)
        insets.append(0.0 if category in ("Pe", "Pf") else slack if category in ("Ps", "Pi") else slack / 2)
    return _Unit.of(text, role, tuple(advances), fit if tightening else None, insets=tuple(insets) if any(insets) else ())


@lru_cache(maxsize=1 << 16)
def _one_cell(char: str, role: str, cell: float, fit: float) -> _Unit | None:
    """What _full makes of a full-width character of unambiguous width, None for one of
    ambiguous width: the first fills its cell whatever the face, so its unit is the same every
    time (a report sets its few thousand characters again and again); the second is measured."""
    return None if unicodedata.east_asian_width(char) == "A" else _Unit.of(char, role, (cell,), fit)


_FULL_UNITS: dict[tuple[str, float, str, float], dict[str, _Unit]] = {}
_MOST_UNIT_TABLES = 256


def _full_units(role: str, cell: float, glue_starts: str, fit: float) -> dict[str, _Unit]:
    """The units of full-width characters of unambiguous width met so far in a role, by
    character: each fills its cell whatever the face (and takes the room `fit` when lines
    are broken), so a report's few thousand characters are each looked up once per role and
    cell, in one dict, rather than classified again."""
    key = (role, cell, glue_starts, fit)
    found = _FULL_UNITS.get(key)
    if found is None:
        if len(_FULL_UNITS) >= _MOST_UNIT_TABLES:  # profiles of many sizes in one process
            _FULL_UNITS.clear()
        found = _FULL_UNITS[key] = {}
    return found


def _units(
    runs: Sequence[Run], cell: float, measure: Measure, rules: Rules, widest: float, own_advances: bool,
    tightening: float = 0.0,
) -> list[_Unit]:
    """The runs' units, each with the autospace before it where Chinese meets a Latin letter
    or digit. Autospace needs one side full width and the other not, so only a unit whose
    first character differs in width class from the last one's is asked about it."""
    units: list[_Unit] = []
    glue_starts = rules.glue_starts
    gap = rules.latin_gap
    ems: dict[str, float] = {}  # an ideograph's advance: the em of a role's CJK face
    last_full = True  # of the last character of the unit before (none yet: no autospace)
    for run in runs:
        text, role, i = run.text, run.role, 0
        em_fit = measure("\u4e00", role) - tightening if tightening else cell
        known = _full_units(role, cell, glue_starts, em_fit)
        looked_up = list(map(known.get, text))
        count = len(text)
        while i < count:
            unit = looked_up[i]
            if unit is not None:  # the common case: full-width characters, taken as far as they go
                try:
                    stop = looked_up.index(None, i + 1)
                except ValueError:
                    stop = count
                if not last_full and gap:  # only the first can follow a Latin letter or digit
                    unit = _spaced(units[-1], unit, gap, tightening, ems, measure)
                units.append(unit)
                units += cast("list[_Unit]", looked_up[i + 1:stop])  # none is None before stop
                last_full = True
                i = stop
                continue
            glued = text[i] in glue_starts and next((g for g in rules.unbreakable if text.startswith(g, i)), None)
            if glued:
                pair = glued  # "…………", "————": a run of them stays whole too, up to a line
                while text.startswith(pair, i + len(glued)) and (len(glued) + len(pair)) * cell <= widest:
                    glued += pair
                made = [_full(glued, role, cell, measure, own_advances, tightening)]
                i += len(glued)
            elif _is_full(text[i]):
                unit = _one_cell(text[i], role, cell, em_fit)
                if unit is not None and text[i] not in glue_starts:
                    known[text[i]] = unit
                made = [unit or _full(text[i], role, cell, measure, own_advances, tightening)]
                i += 1
            elif text[i].isspace():
                made = [_Unit.of(" ", role, (measure(" ", role),), space=True)]
                i += 1
            else:
                j = i
                while j < len(text) and (not _is_full(text[j]) and not text[j].isspace() or _joins(text, j)):
                    j += 1
                    if text[j - 1] == "-" and j - 1 > i and text[j - 2].isalnum() and j < len(text) and text[j].isalnum():
                        break  # a line may end after a hyphen ("2021-" / "2025年"), in Word and LibreOffice
                word = _Unit.of(text[i:j], role, tuple(measure(c, role) for c in text[i:j]))
                if word.width > widest:  # longer than a line: it has to break somewhere
                    made = [_Unit.of(c, role, (a,)) for c, a in zip(word.text, word.advances)]
                else:
                    made = [word]
                i = j
            for unit in made:
                if units and gap and _is_full(unit.text[0]) != last_full:
                    unit = _spaced(units[-1], unit, gap, tightening, ems, measure)
                units.append(unit)
                last_full = _is_full(unit.text[-1])
    return units


def _spaced(
    before: _Unit, unit: _Unit, latin_gap: float, tightening: float, ems: dict[str, float], measure: Measure
) -> _Unit:
    """The unit with the autospace before it when it and the unit before call for one (an
    em fraction of an ideograph's advance, the em of the role's CJK face). In the room it takes
    for line breaking, the character before it keeps its `tightening`: LibreOffice leaves the
    DOCX's w:spacing off the character an autospace follows (measured; not known of Word), and
    breaks "月29日" a character sooner than the plain count would."""
    if not _autospaced_pair(before.text[-1], unit.text[0]):
        return unit
    em = ems.get(unit.role)
    if em is None:
        em = ems[unit.role] = measure("\u4e00", unit.role)
    gap = latin_gap * em
    return unit._replace(gap=gap, fit_gap=gap + tightening)


def _joins(text: str, j: int) -> bool:
    """A middle dot between digits ("3·15", "9·11") is part of the number: LibreOffice
    (Unicode line breaking, U+00B7 between numerals) never breaks it, nor would a compositor."""
    return (text[j] == "\u00b7" and 0 < j < len(text) - 1
            and text[j - 1].isdigit() and not _is_full(text[j - 1])
            and text[j + 1].isdigit() and not _is_full(text[j + 1]))


def _can_break(units: list[_Unit], j: int, rules: Rules) -> bool:
    """May a line end after units[j-1] and the next start with units[j]? Spaces at a break go
    (no line ends or starts with one), so the characters either side of them decide: "…… ，"
    does not break at the space to start a line with "，"."""
    before, after = j - 1, j
    while before > 0 and units[before].space:
        before -= 1
    while after < len(units) - 1 and units[after].space:
        after += 1
    return units[before].text[-1] not in rules.no_line_end and units[after].text[0] not in rules.no_line_start


def _break_line(units: list[_Unit], start: int, capacity: float, rules: Rules) -> int:
    """Where the line from `start` ends: after the last unit that fits, or, when the next
    unit may not start a line (a closing mark, "——", "……"), before the last unit that may
    end one, which goes down with it. No mark hangs past the margin and none is squeezed:
    Word with `w:overflowPunct` off and no punctuation compression breaks so. LibreOffice
    reads that DOCX the other way round and hangs ，。、；：？！ past the margin instead
    (bench/agreement.py measures it apart); it also lets "——" and "……" start a line."""
    end, used, count, most = start, 0.0, len(units), capacity + _EPSILON
    while end < count:
        unit = units[end]
        width = (unit.fit_gap if end > start else 0.0) + unit.fit
        if used + width > most:
            break
        used += width
        end += 1
    if end == len(units):
        return end
    if end == start:  # a single unit wider than the line
        return start + 1
    if _can_break(units, end, rules):
        return end
    for pushed in range(end - 1, start, -1):
        if _can_break(units, pushed, rules):
            return pushed
    return end  # nowhere allowed: break where the line is full


def _set_line(
    units: list[_Unit], origin: float, capacity: float, justify: bool, fixed: int
) -> Line:
    """Places the units from `origin`; a justified line stretches every gap but those after
    its first `fixed` units (a hanging label keeps its natural width). A line that Word's
    widths fit but the grid's cells make a little longer than `capacity` closes its gaps by
    as much, justified or not. Each run of units of one role is a segment."""
    natural = _natural(units)
    gaps = len(units) - 1 - fixed
    extra = (capacity - natural) / gaps if gaps > 0 and (justify or capacity < natural) else 0.0
    segments: list[Segment] = []
    texts: list[str] = []
    xs: list[float] = []
    place = xs.append
    role = ""
    last = len(units) - 1
    x = origin
    for k, (text, unit_role, advances, width, _, insets, gap, _, _) in enumerate(units):  # _Unit's fields
        if k:
            x += gap
        if unit_role != role or not texts:
            if texts:
                segments.append(Segment(role, "".join(texts), tuple(xs)))
            role, texts, xs = unit_role, [], []
            place = xs.append
        texts.append(text)
        if len(advances) == 1 and not insets:  # one character at its left edge
            place(x + 0.0)  # what adding its inset of 0 gives, -0.0 too
        else:
            offset = x
            for advance, inset in zip(advances, insets or (0.0,) * len(text)):
                place(offset + inset)
                offset += advance
        x += width + (extra if fixed <= k < last else 0.0)
    if texts:
        segments.append(Segment(role, "".join(texts), tuple(xs)))
    return Line(tuple(segments), x - origin)


def wrap(
    runs: Sequence[Run],
    width: float,
    cell: float,
    measure: Measure,
    rules: Rules,
    *,
    first_indent: float = 0.0,
    rest_indent: float = 0.0,
    hang: int = 0,
    justify: bool = True,
    own_advances: bool = True,
    tightening: float = 0.0,
    word_indent: float | None = None,
    placed: bool = True,
) -> list[Line]:
    """The runs broken into lines `width` points wide; indents in points from the left edge.
    Not `placed`: the same lines, unset (no segments, no width), for counting them.

    With `hang`, wrapped lines align with the character that follows the first `hang`
    characters of the first line ("附件：" or "抄送：" then the names). Every line but the
    last is justified when `justify`; an empty text gives one empty line.

    Full-width characters are drawn on the grid's `cell`, but where a line breaks is decided
    by the room Word gives them, so that the PDF breaks where Word (and LibreOffice) do: the
    face's own advance less the DOCX's `tightening` (its w:spacing, which Word takes off every
    character, a mark or a dash as well as an ideograph: 15.75 pt of a 16 pt face, where the
    156 mm / 28 cell is 15.79 pt), after a first-line indent of `word_indent` (Word's
    character unit is the font size, the PDF indents by cells), with the autospaces as
    LibreOffice counts them (_spaced). A line so decided that the cells make a fraction
    of a point too long closes its gaps by as much (_set_line): no ink past the margin.
    """
    units = _units(runs, cell, measure, rules, width - max(first_indent, rest_indent), own_advances, tightening)
    fixed = 0
    if hang:
        chars = 0
        while fixed < len(units) and chars < hang:
            chars += len(units[fixed].text)
            fixed += 1
        rest_indent = first_indent + sum(u.width for u in units[:fixed])
    lines: list[Line] = []
    start = 0
    while start < len(units) or not lines:
        indent = first_indent if not lines else rest_indent
        capacity = width - indent
        room = width - (word_indent if word_indent is not None and not lines else indent)
        end = _break_line(units, start, room, rules)
        last = end >= len(units)
        line = units[start:end]
        while line and line[-1].space:  # a space at a line end takes no room
            line.pop()
        stretch = justify and not last
        lines.append(_set_line(line, indent, capacity, stretch, fixed if not lines else 0) if placed else _UNSET)
        start = end
        while start < len(units) and units[start].space:
            start += 1
    return lines


def single_line(runs: Sequence[Run], cell: float, measure: Measure, rules: Rules) -> Line:
    """The runs set on one line at their natural widths, never broken; every full-width
    character in a cell of its own (a page number's dashes, a signature placed by cells)."""
    return wrap(runs, math.inf, cell, measure, rules, justify=False, own_advances=False)[0]
