"""YAML -> Report, with the line and column of every value so each problem can be placed.

Loading is safe (no tags are constructed: every scalar stays text or null and pydantic converts
it), bounded (alias expansion, nesting depth and size are capped) and positional (ruamel.yaml's
node marks give line and column).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from pydantic import ValidationError

from ..limits import MAX_CHARACTERS, MAX_PARAGRAPHS, MAX_TABLE_ROWS, MAX_YAML_LINES
from ..model import Report
from ..problems import Location, Problem, ReportError
from ..validation import LABELS, Positions, problems_from_validation
from .source import Lines

MAX_NODES = 200_000  # a 20x-seed report has a few thousand; an alias bomb has billions
MAX_DEPTH = 40
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

Path_ = tuple[str | int, ...]


class _Walk:
    """What a walk over the nodes has seen (a plain class: making a dataclass is ~2 M
    instructions, a third of a millisecond, of every process)."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.positions = Positions()
        self.visited = 0
        self.characters = 0
        self.anchored: dict[int, Any] = {}  # scalars with an anchor (&name), by id, and
        self.repeated: set[int] = set()  # those an alias (*name) repeats


def _problem(code: str, file: str | None, line: int = 0, column: int = 0, **params: Any) -> ReportError:
    return ReportError([Problem(code, params, Location(file, line + 1, column + 1))])


_CANNOT_START = r"found character '(.)' that cannot start any token"  # compiled when met, as _VALUE
_CLOSING = {"[": "]", "{": "}"}


def _syntax_problem(error: Any, text: str, file: str | None) -> ReportError:
    """The parser's complaint in words an author can act on, at the place to mend: where an
    unclosed quote or bracket opens, where a line's indentation goes wrong. Anything else is
    passed on with the parser's own words."""
    problem, context = str(error.problem or ""), str(error.context or "")
    at, opened = error.problem_mark, error.context_mark
    here = (at.line, at.column) if at is not None else (opened.line, opened.column) if opened is not None else (0, 0)
    if "'\\t'" in problem:
        return _problem("yaml_tab", file, *here)
    if "mapping values are not allowed" in problem:
        return _problem("yaml_colon", file, *here)
    first = text[opened.index] if opened is not None and opened.index < len(text) else ""
    if context == "while scanning a quoted scalar" and first in ("'", '"'):
        return _problem("yaml_quote_unclosed", file, opened.line, opened.column, quote=first)
    if context.startswith("while parsing a flow ") and first in _CLOSING:
        return _problem("yaml_bracket_unclosed", file, opened.line, opened.column, bracket=first, closing=_CLOSING[first])
    if at is not None and (found := re.search(_CANNOT_START, problem)):
        return _problem("yaml_cannot_start", file, at.line, at.column, char=found.group(1))
    if at is not None and problem.startswith("found undefined alias"):  # "- *重点* ……"
        return _problem("yaml_cannot_start", file, at.line, at.column, char="*")
    if opened is not None and context in ("while parsing an tag", "while parsing a tag", "while scanning a tag",
                                          "while scanning a block scalar") and first in "!>|":
        return _problem("yaml_cannot_start", file, opened.line, opened.column, char=first)
    if at is not None and problem == "sequence entries are not allowed here":
        return _problem("yaml_item_inline", file, at.line, at.column)
    if opened is not None and problem == "could not find expected ':'":
        return _problem("yaml_not_item", file, opened.line, opened.column)
    if at is not None and problem.startswith("expected <block end>"):
        if problem.endswith("'<scalar>'") and (start := _value_start(text, at.line)) is not None:
            column, first = start
            if first in _CLOSING:
                return _problem("yaml_text_after_bracket", file, at.line, column, opening=first, closing=_CLOSING[first])
            if first in "\"'":
                return _problem("yaml_text_after_quote", file, at.line, column, quote=first)
        return _problem("yaml_indentation", file, at.line, at.column)
    return _problem("yaml_syntax", file, *here, detail=problem or context or str(error))


_KEY_FULL_WIDTH_COLON = re.compile(r"^([ ]*(?:-[ ]+)?)([A-Za-z_]+)[ ]*：", re.MULTILINE)


def _refuse_full_width_colon(text: str, file: str | None) -> None:
    """A key of the report written with a full-width colon ("issuer：青山县司法局", as a Chinese
    keyboard types it) is, to YAML, text: the parser would complain a line or two later, or
    join the line to the text before it."""
    for found in _KEY_FULL_WIDTH_COLON.finditer(text):
        if found.group(2) in LABELS:  # a key of the report's, at any depth
            line, column = Lines(text).place(found.end() - 1)
            raise ReportError([Problem("yaml_full_width_colon", {"key": found.group(2)}, Location(file, line, column))])


_VALUE = r"[ ]*(?:-[ ]+)*(?:[^\s\"'\[{#][^:#]*:[ ]+)?"


def _value_start(text: str, line: int) -> tuple[int, str] | None:
    """(column, first character) of the value a line holds, after its indentation, any "- "
    and any "key: "; None for a line that holds none."""
    lines = text.splitlines()
    if line >= len(lines):
        return None
    content = lines[line]
    column = re.match(_VALUE, content).end()  # type: ignore[union-attr]  # the pattern matches ""
    return (column, content[column]) if column < len(content) else None


def _to_data(node: Any, path: Path_, walk: _Walk, depth: int, active: set[int]) -> Any:
    """Turns a node into plain data, recording positions, refusing bombs, cycles and depth."""
    walk.visited += 1
    if walk.visited > MAX_NODES:
        raise _problem("yaml_alias_bomb", walk.file, node.start_mark.line, node.start_mark.column, limit=MAX_NODES)
    if depth > MAX_DEPTH:
        raise _problem("yaml_too_deep", walk.file, node.start_mark.line, node.start_mark.column, limit=MAX_DEPTH)
    walk.positions.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    kind = node.id
    if kind == "scalar":
        walk.characters += len(node.value)
        if walk.characters > MAX_CHARACTERS:  # aliases repeating a long section under the node cap
            raise _problem("yaml_too_much_text", walk.file, node.start_mark.line, node.start_mark.column,
                           limit=MAX_CHARACTERS)
        style = node.style or None  # libyaml's plain scalar has style "", ruamel's None
        if node.value or style:  # an empty plain scalar has no character to place (nor one
            # place: ruamel marks the next token, libyaml the end of the previous one)
            walk.positions.scalars[path] = (node.start_mark.index, node.end_mark.index, style)
        if style is None and node.end_mark.line > node.start_mark.line:
            _refuse_folded_item(walk, node.start_mark.index, node.end_mark.index)
        if not node.tag.startswith("tag:yaml.org,2002:"):  # "- !重要 ……": the "!重要" would vanish
            raise _problem("yaml_cannot_start", walk.file, node.start_mark.line, node.start_mark.column, char="!")
        if getattr(node, "anchor", None):
            if id(node) in walk.anchored:
                walk.repeated.add(id(node))
            walk.anchored[id(node)] = node
        return None if node.tag.endswith(":null") else node.value
    if id(node) in active:
        raise _problem("yaml_alias_cycle", walk.file, node.start_mark.line, node.start_mark.column)
    active.add(id(node))
    try:
        if kind == "sequence":
            return [_to_data(item, (*path, i), walk, depth + 1, active) for i, item in enumerate(node.value)]
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            if key_node.id != "scalar":
                raise _problem("yaml_key_not_text", walk.file, key_mark.line, key_mark.column)
            key = key_node.value
            if key in mapping:
                raise _problem("yaml_duplicate_key", walk.file, key_mark.line, key_mark.column, key=key)
            here = (*path, key)
            walk.positions.keys[here] = (key_mark.line + 1, key_mark.column + 1)
            if value_node.id == "scalar" and value_node.value == "":
                # An empty value has no place of its own; point at its key.
                walk.positions.values[here] = walk.positions.keys[here]
            mapping[key] = _to_data(value_node, here, walk, depth + 1, active)
        return mapping
    finally:
        active.discard(id(node))


@functools.cache
def _reader() -> type:
    """ruamel.yaml's Reader without its check for characters YAML cannot hold: compiling its
    pattern takes ~5 ms of every process, and `_refuse_control_characters` and the model's
    `check_text` refuse those characters anyway, with their places. It also moves over a run
    of characters at once."""
    from ruamel.yaml.reader import Reader

    class UncheckedReader(Reader):
        def check_printable(self, data: Any) -> None:
            pass

        def forward(self, length: int = 1) -> None:
            """Reader.forward, a run of characters at once: counting a scalar's characters one
            by one in Python was a fifth of parsing. A run holding a line break (or reaching
            past the text) is counted by Reader.forward itself."""
            if self.pointer + length + 1 >= len(self.buffer):
                self.update(length + 1)
            run = self.buffer[self.pointer : self.pointer + length]
            if len(run) != length or "\n" in run or "\r" in run:
                super().forward(length)
                return
            self.pointer += length
            self.index += length
            self.column += length - run.count("\ufeff")  # a BOM takes no column

    return UncheckedReader


# A line of a text that a "- " line continues: short, so no YAML writer wrapped it there (they
# wrap at a space past 80 characters, and " - " may be in a text: "2021 - 2025年").
_FOLDED_ITEM = re.compile(r"^([^\n]{0,59})\n[ ]*- ", re.MULTILINE)


def _refuse_folded_item(walk: _Walk, start: int, end: int) -> None:
    """A "- " line indented under the item before it is, to YAML, more of that item's text
    ("加强组织领导。 - 成立领导小组"): an author nesting items means a heading and its content."""
    source = walk.positions.source
    if folded := _FOLDED_ITEM.search(source, source.rfind("\n", 0, start) + 1, end):
        line, column = Lines(source).place(folded.end() - 2)
        raise ReportError([Problem("yaml_item_folded", {}, Location(walk.file, line, column))])


def _refuse_control_characters(text: str, file: str | None) -> None:
    """YAML forbids them too, but says only "position 639"; this names the line and column."""
    if match := _CONTROL.search(text):
        line, column = Lines(text).place(match.start())
        char = f"U+{ord(match.group()):04X}"
        raise ReportError([Problem("control_character", {"char": char, "index": column}, Location(file, line, column))])


def parse_yaml(text: str, file: str | None = None) -> tuple[Any, Positions]:
    """Plain data and the positions of its values; raises ReportError on any YAML problem."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if not text.strip():
        raise ReportError([Problem("file_empty", {}, Location(file, 1, 1))])
    _refuse_control_characters(text, file)
    _refuse_full_width_colon(text, file)
    if (lines := text.count("\n") + 1) > MAX_YAML_LINES:  # parsing them all would take ~1 s per 15,000
        raise _problem("yaml_too_many_lines", file, MAX_YAML_LINES, 0, lines=lines, limit=MAX_YAML_LINES,
                       paragraphs=MAX_PARAGRAPHS, rows=MAX_TABLE_ROWS)
    try:
        roots = _roots(text)
        if len(roots) > 1:
            raise _problem("yaml_multiple_documents", file)
    except MarkedYAMLError as error:
        raise _syntax_problem(error, text, file) from None
    except YAMLError as error:
        raise _problem("yaml_syntax", file, detail=str(error)) from None
    except RecursionError:
        raise _problem("yaml_too_deep", file, limit=MAX_DEPTH) from None
    if not roots or roots[0] is None:
        raise ReportError([Problem("file_empty", {}, Location(file, 1, 1))])
    walk = _Walk(file)
    walk.positions.source = text
    data = _to_data(roots[0], (), walk, 0, set())
    for key, node in walk.anchored.items():
        if key not in walk.repeated:  # "- &abc 完成……": text, not an anchor no alias repeats
            raise _problem("yaml_cannot_start", file, node.start_mark.line, node.start_mark.column, char="&")
    return data, walk.positions


# Every level of YAML nesting needs one of these characters, so their count bounds the depth.
_NESTING = "[{-:?"
# libyaml composes on the C stack, which some 20 000 levels overflow on Linux's main thread
# and fewer on smaller stacks (the process dies); ruamel's parser raises RecursionError. A
# report 20 times the seed's length holds some 1 100 of the characters.
_LIBYAML_MAX_NESTING = 2_000
# What libyaml reads otherwise than ruamel: a tab inside text (ruamel refuses it), a BOM (its
# marks skip it), a line or paragraph separator (a line break to one, not the other), anchors,
# aliases, tags and directives (where they may stand).
_LIBYAML_READS_OTHERWISE = "\t\ufeff\u2028\u2029&*!%"


def _libyaml() -> Any:
    """libyaml's parser (ruamel.yaml.clib), or None where it is not installed."""
    from ruamel.yaml.main import CParser

    return CParser


def _roots(text: str) -> list[Any]:
    """The root nodes of the text's first two documents (a second is an error).

    libyaml (C) composes a seed report in 2 ms where ruamel's Python parser takes 13 (12 ms
    where it takes 120 at 20 times the length), into the same nodes with the same marks, for
    a text free of what it reads otherwise. A text with any of that, or one libyaml refuses,
    goes to ruamel: every complaint is ruamel's, which `_syntax_problem` words for the author.
    """
    from ruamel.yaml import YAML

    if (_libyaml() is not None and not any(map(text.__contains__, _LIBYAML_READS_OTHERWISE))
            and sum(map(text.count, _NESTING)) <= _LIBYAML_MAX_NESTING):
        try:
            return list(itertools.islice(YAML(typ="safe", pure=False).compose_all(text), 2))
        except Exception:  # noqa: BLE001 - ruamel says what is wrong, below
            pass
    yaml = YAML(typ="safe", pure=True)
    yaml.Reader = _reader()
    return list(itertools.islice(yaml.compose_all(text), 2))


class YamlSource(NamedTuple):
    """Where a report was read from: the file, the data as the YAML held it and the position
    of every value, so that a problem any later stage finds by model path (a character no
    face has) is placed at its line and column (`composer.problems.locate`). (A named tuple:
    a frozen dataclass costs start-up twice as much to make.)"""

    file: str | None
    data: Any
    positions: Positions

    def locate(self, path: Path_, offset: int | None = None, char: str | None = None) -> Location:
        """The place of the value at a model path, and of the character `offset` into it (or,
        when that is not `char`, of the `char` nearest it: the model trims what the YAML holds
        and drops typed heading markers). A path through a shorthand the YAML leaves out (a
        part written as its list: no "content") is followed through what the YAML has."""
        here: Path_ = ()
        value = self.data
        for element in path:
            if (*here, element) in self.positions.values:
                here = (*here, element)
                value = value[element]
        if isinstance(value, list) and char:  # a value the page joins (addressees, copy_to)
            index = next((i for i, item in enumerate(value) if isinstance(item, str) and char in item), None)
            if index is not None:
                here, value, offset = (*here, index), value[index], None
        line, column = self.positions.values.get(here, (None, None))
        at = _index_of(value, offset, char) if isinstance(value, str) and here in self.positions.scalars else None
        if at is not None:
            from .yaml_spans import scalar_origins  # only to place a problem: not every process

            start, end, style = self.positions.scalars[here]
            origins = scalar_origins(self.positions.source, start, end, style, value)
            if origins and origins[at].end > origins[at].start:
                line, column = Lines(self.positions.source).place(origins[at].start)
        return Location(self.file, line, column, path, offset)


def _index_of(value: str, offset: int | None, char: str | None) -> int | None:
    """The index in the YAML's value of the model value's character `offset` (`char`)."""
    if char is None:
        at = None if offset is None else offset + len(value) - len(value.lstrip())
        return at if at is not None and 0 <= at < len(value) else None
    if offset is not None and 0 <= offset < len(value) and value.startswith(char, offset):
        return offset
    found = [i for i in range(len(value)) if value.startswith(char, i)]
    return min(found, key=lambda i: abs(i - (offset or 0))) if found else None


# The values of a report that are not its text: lint's rules on prose and the " #" check skip them.
_NOT_TEXT_TOP = {"year", "date", "seal", "lint", "disclosure"}
_NOT_TEXT = {("header", "copy_number"), ("header", "urgency"), ("header", "classification"),
             ("end_block", "print_date")}


def is_text(path: Path_) -> bool:
    """Whether the value at `path` is text the report prints as written (not a date, a file)."""
    return not (path[:1] and path[0] in _NOT_TEXT_TOP or path[:2] in _NOT_TEXT or path[-1:] == ("run_in",))


def comments_cutting(file: str | None, positions: Positions, paths: Iterable[Path_]) -> Iterator[tuple[str, Location]]:
    """Each list entry among `paths` written without quotes that YAML ended at " #" (- 完成第 #3
    号任务): the comment it took from the text, and where it starts. A comment after a key's
    value is how a report annotates itself, and is not looked at."""
    source, lines = positions.source, None
    for path in paths:
        scalar = positions.scalars.get(path)
        if not path or not isinstance(path[-1], int) or scalar is None or scalar[2] is not None:
            continue
        line_end = source.find("\n", scalar[1])
        after = source[scalar[1]:line_end if line_end >= 0 else len(source)]
        comment = after.lstrip(" \t")
        if comment.startswith("#") and len(comment) < len(after):
            lines = lines or Lines(source)  # made once, and only where a comment is found
            line, column = lines.place(scalar[1] + len(after) - len(comment))
            yield comment, Location(file, line, column, path)


def texts_cut_by_comments(source: YamlSource) -> list[Problem]:
    """The texts of a report's YAML that a " #" cut short, as a render warns of them (lint's P007)."""
    paths = [path for path in source.positions.scalars if is_text(path)]
    return [Problem("P007", {"comment": comment}, at, "warning")
            for comment, at in comments_cutting(source.file, source.positions, paths)]


def with_source(report: Report, file: str | None, data: Any, positions: Positions) -> Report:
    """The report, keeping where it was read from (see YamlSource)."""
    report._source = YamlSource(file, data, positions)
    return report


def report_from_yaml(text: str, file: str | None = None) -> Report:
    """Parses and validates; every problem comes back located in the YAML, and the report
    keeps where each of its values is, for problems found later."""
    data, positions = parse_yaml(text, file)
    if not isinstance(data, dict):
        raise ReportError([Problem("yaml_not_mapping", {}, Location(file, 1, 1))])
    try:
        return with_source(Report.model_validate(data), file, data, positions)
    except ValidationError as error:
        raise ReportError(problems_from_validation(error, positions, file)) from None
