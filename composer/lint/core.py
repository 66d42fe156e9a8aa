"""What lint is made of: text values with their places in the file, rules, hits and findings.

A rule never deals with files. A *text rule* looks at one string and says where in it the
defect is (`Hit.start`, `Hit.end`) and, when a change is safe, what to change (`Edit`s in the
string). A *document rule* looks at a whole `LintDocument` (its raw data, outline, report) and
anchors each hit in one of its text values. The runner turns hits into located findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import Report
from ..problems import SEVERITY_LABEL, Location, Problem, Severity
from ..validation import Positions

if TYPE_CHECKING:
    from ..profile import Profile

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] of one text value with `new`."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class TextValue:
    """One piece of prose: a YAML value or a source line, and how to find its characters.

    `place(i)` is the 1-based (line, column) of character i in the file; `span(i)` the file
    offsets [start, end) that produced it, or None when it cannot be edited in place.
    """

    path: Path_
    text: str
    place: Callable[[int], tuple[int | None, int | None]]
    span: Callable[[int], tuple[int, int] | None] = lambda index: None


@dataclass
class Heading:
    """A heading in the document's outline: level 1 (part) to 4, where it is, what it holds."""

    level: int
    number: int  # 1-based among its siblings: the marker it gets is marker(level, number)
    text: str  # without a marker
    value: TextValue  # where the heading is written
    typed_level: int | None = None  # the level of a marker typed before it, if any
    run_in: bool = False
    children: list[Heading] = field(default_factory=list)


@dataclass
class LintDocument:
    """Everything the rules may look at; a source that lacks a piece leaves it empty."""

    file: str
    source: str  # the whole decoded file
    texts: list[TextValue]
    outline: list[Heading] = field(default_factory=list)  # level-1 headings, each with its tree
    data: dict[str, Any] | None = None  # the raw YAML mapping (also when it fails validation)
    report: Report | None = None
    positions: Positions | None = None  # of the YAML's values and keys, for findings not in a text
    describe: Callable[[Path_], tuple[str, str] | None] = lambda path: None  # (part / paragraph)
    problems: list[Problem] = field(default_factory=list)  # why the data does not validate
    editable: bool = False  # whether --fix may edit the source (YAML only)
    encoding: tuple[bytes, str] = (b"", "utf-8")  # the file's BOM and codec, to write it back alike
    profile: Profile = field(kw_only=True)  # the style profile the report is set by (line widths)
    _by_path: dict[Path_, TextValue] = field(default_factory=dict, repr=False)

    def text_at(self, path: Path_) -> TextValue | None:
        if len(self._by_path) != len(self.texts):
            self._by_path = {value.path: value for value in self.texts}
        return self._by_path.get(path)

    def headings(self) -> Iterator[Heading]:
        """Every heading, depth first."""
        pending = list(reversed(self.outline))
        while pending:
            heading = pending.pop()
            yield heading
            pending += reversed(heading.children)

    def sibling_groups(self) -> Iterator[list[Heading]]:
        """The parts, then each heading's children: headings that are numbered together."""
        if self.outline:
            yield self.outline
        for heading in self.headings():
            if heading.children:
                yield heading.children


@dataclass(frozen=True)
class Hit:
    """A defect found by a rule: where (in `text`, or at a `location`), its parameters, its fix."""

    params: dict[str, Any]
    start: int = 0
    end: int = 0
    fix: tuple[Edit, ...] = ()
    text: TextValue | None = None
    location: Location | None = None


TextCheck = Callable[[str], Iterable[Hit]]
DocumentCheck = Callable[[LintDocument], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A check with its code (MESSAGES holds its wording) and default severity."""

    code: str
    severity: Severity
    check: Callable[[Any], Iterable[Hit]]
    on_text: bool  # True: called with each text value's string; False: with the document


RULES: dict[str, Rule] = {}


def _register(code: str, severity: Severity, on_text: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def add(check: Callable[..., Any]) -> Callable[..., Any]:
        if code in RULES:
            raise ValueError(f"lint rule {code} defined twice")
        RULES[code] = Rule(code, severity, check, on_text)
        return check

    return add


def text_rule(code: str, severity: Severity) -> Callable[[TextCheck], TextCheck]:
    """Registers a check that runs on every text value (YAML values, source lines)."""
    return _register(code, severity, True)


def document_rule(code: str, severity: Severity) -> Callable[[DocumentCheck], DocumentCheck]:
    """Registers a check that runs once on the whole document."""
    return _register(code, severity, False)


@dataclass(frozen=True)
class Finding(Problem):
    """A located problem with its rule code, the part/paragraph it is in and its safe fix."""

    where: tuple[str, str] | None = None  # (Chinese, English)
    fix: tuple[tuple[int, int, str], ...] = ()  # the safe fix as source edits: (start, end, new)
    edits: tuple[Edit, ...] = ()  # the same fix in the text value at location.path

    def format(self, lang: str = "zh") -> str:
        """`file:line:column: 警告 [W001] message (part / paragraph)`."""
        label = SEVERITY_LABEL[self.severity][0 if lang == "zh" else 1]
        where = f" ({self.where[0 if lang == 'zh' else 1]})" if self.where else ""
        return f"{self.location}: {label} [{self.code}] {self.message(lang)}{where}"  # type: ignore[arg-type]

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            **super().to_dict(lang),  # type: ignore[arg-type]
            "where": self.where[0 if lang == "zh" else 1] if self.where else None,
            "fixable": bool(self.fix),
        }


def excerpt(text: str, start: int, end: int, around: int = 4) -> str:
    """The defect with a few characters either side, on one line, for messages."""
    left = text[max(0, start - around):start]
    right = text[end:end + around]
    return (left + text[start:end] + right).replace("\n", " ")
