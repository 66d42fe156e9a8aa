"""Pydantic's validation errors turned into located, worded `Problem`s."""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from .model import Report, Section, TableItem, part_structure_errors
from .problems import MESSAGES, Location, Problem
from .rules import PART_KEYS, part_params

Path_ = tuple[str | int, ...]
# Tags of the unions (content; a seal's true/false): they appear in pydantic's error paths, not in the input.
_ITEM_TAGS = {"section": Section, "table": TableItem, "paragraph": None, "flag": None}

# Errors about a key itself (unknown, misplaced, missing below it) point at the key, not its value.
_PART_CODES = {"part_order", "part_empty", "part_missing", "part_key_named", "part_key_misspelt"}
KEY_ERRORS = {"unknown_key", "unknown_key_suggest", "unknown_key_spaced", "unknown_key_chinese", *_PART_CODES}

_EXPECTED = {  # pydantic error type -> (Chinese, English) of what was expected
    "int": ("整数", "a whole number"),
    "bool": ("true 或 false（也可写 是 或 否）", "true or false"),
    "string": ("文字", "text"),
    "list": ("列表（每项以“- ”开头）", "a list (items starting with '- ')"),
    "dict": ("“键: 值”形式的映射", "a mapping of keys to values"),
    "model": ("“键: 值”形式的映射", "a mapping of keys to values"),
    "date": ("日期", "a date"),
}


@dataclass
class Positions:
    """1-based (line, column) of each value and each mapping key, by path in the data.

    `scalars` keeps each scalar's source span and style (start index, end index, None/'/"/|/>),
    so lint can place a finding on the offending character and edit it in place.
    """

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[Path_, tuple[int, int, str | None]] = field(default_factory=dict)
    source: str = ""  # the YAML text the scalar spans index into


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found


def _model_at(loc: Path_) -> type[BaseModel] | None:
    """The model class whose fields are valid at `loc` (to suggest a key for a typo)."""
    current: type[BaseModel] | None = Report
    for index, element in enumerate(loc):
        if current is None:
            return None
        if isinstance(element, str) and element in _ITEM_TAGS:
            current = _ITEM_TAGS[element]
        elif isinstance(element, str) and element in current.model_fields:
            models = _models_in(current.model_fields[element].annotation)
            following = loc[index + 1:index + 3]
            tagged = [_ITEM_TAGS[t] for t in following if isinstance(t, str) and t in _ITEM_TAGS]
            current = tagged[0] if tagged else (models[0] if models else None)
    return current


def _labels() -> dict[str, str]:
    """Each field name's Chinese label, from the models' titles."""
    labels: dict[str, str] = {}
    pending: list[type[BaseModel]] = [Report]
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            labels.setdefault(name, info.title or name)
            pending += _models_in(info.annotation)
    return labels


LABELS = _labels()


def _located(loc: Path_, positions: Positions | None, on_key: bool) -> tuple[Path_, tuple[int, int] | None]:
    """The input path an error path points to, and its position (the key's for key errors)."""
    if positions is None:
        return tuple(e for e in loc if not (isinstance(e, str) and e in _ITEM_TAGS)), None
    path: Path_ = ()
    for element in loc:
        if (*path, element) in positions.values:
            path = (*path, element)
    if on_key and path in positions.keys:
        return path, positions.keys[path]
    return path, positions.values.get(path)


# What pydantic's str_strip_whitespace trims (Unicode White_Space) before the text checks count.
_WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
# Line breaks as ruamel.yaml counts them for its marks.
_LINE_BREAK = "\r\n|[\r\n\x85\u2028\u2029]"  # compiled when a problem is placed


def _character_position(error: Any, params: dict[str, Any], path: Path_, positions: Positions) -> tuple[int, int] | None:
    """Line and column of the character a text problem names (params char, index), when the
    value is a scalar whose characters the span mapper can trace back into the file."""
    value = error.get("input")
    if not isinstance(value, str) or path not in positions.scalars or not positions.source:
        return None
    # The model's checks count in the trimmed text; pydantic's surrogate check in the text as given.
    lead = 0 if error["type"] == "string_unicode" else len(value) - len(value.lstrip(_WHITE_SPACE))
    offset = lead + int(params["index"]) - 1
    if not 0 <= offset < len(value) or f"U+{ord(value[offset]):04X}" != params.get("char"):
        return None
    from .readers.yaml_spans import scalar_origins  # only to place a problem: not every process

    start, end, style = positions.scalars[path]
    origins = scalar_origins(positions.source, start, end, style, value)
    if origins is None or origins[offset].end <= origins[offset].start:
        return None
    at = origins[offset].start
    line, line_start = 1, 0
    for brk in re.compile(_LINE_BREAK).finditer(positions.source, 0, at):
        line, line_start = line + 1, brk.end()
    return line, at - line_start + 1


def _expected(error_type: str) -> tuple[str, str] | None:
    prefix = error_type.split("_", 1)[0]
    if error_type.endswith(("_type", "_parsing")) or error_type == "model_attributes_type":
        return _EXPECTED.get(prefix)
    return None


def _unknown_key(key: str, model: type[BaseModel] | None) -> tuple[str, str | None]:
    """The code of a key the model does not have, and the key it stands for: the same with
    spaces around it (a full-width one, which the eye does not see), a field's Chinese name
    ("发文机关" for issuer), or a close spelling."""
    fields = model.model_fields if model else {name: None for name in LABELS}
    bare = key.strip(" \u3000\t")
    if bare != key and (bare in fields or "\u3000" in key):  # a full-width space indents nothing
        return "unknown_key_spaced", bare
    titles = {name: (info.title or "") if info else LABELS.get(name, "") for name, info in fields.items()}
    named = [name for name, title in titles.items() if len(key) >= 2 and title and (key in title or title in key)]
    if named:
        return "unknown_key_chinese", min(named, key=lambda name: len(titles[name]))
    import difflib  # only for a misspelt key

    close = difflib.get_close_matches(key, list(fields), n=1)
    return ("unknown_key_suggest", close[0]) if close else ("unknown_key", None)


def _problem(error: Any, positions: Positions | None, file: str | None) -> Problem:
    loc: Path_ = tuple(error["loc"])
    kind: str = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if at := ctx.pop("at", None):
        loc = (*loc, *(int(p) if p.isdigit() else p for p in str(at).split(".")))
    key = next((str(e) for e in reversed(loc) if isinstance(e, str) and e not in _ITEM_TAGS), "")
    model = _model_at(loc[:-1]) if loc and loc[-1] == key else None
    field_info = model.model_fields.get(key) if model else None  # 小标题 of a section, not 部分标题
    label = field_info.title if field_info and field_info.title else LABELS.get(key, key)
    params: dict[str, Any] = {"key": key, "label": label}
    code = kind
    if kind == "missing":
        pass
    elif kind == "string_unicode":  # pydantic-core refuses lone surrogates before our checks run
        code = "surrogate_character"
        text = str(error.get("input", ""))
        index = next((i for i, c in enumerate(text) if 0xD800 <= ord(c) <= 0xDFFF), 0)
        params.update(char=f"U+{ord(text[index]):04X}" if text else "?", index=index + 1)
    elif kind == "extra_forbidden":
        code, suggestion = _unknown_key(key, _model_at(loc[:-1]))
        if suggestion:
            params["suggestion"] = suggestion
    elif len(loc) == 2 and loc[0] == "parts" and key in PART_KEYS and isinstance(error.get("input"), str):
        code = "part_is_text"  # "measures: 一段话": the part's paragraphs are a list
        params.update(part_params(key))
    elif expected := _expected(kind):
        code = "wrong_type"
        params["expected"], params["expected_en"] = expected
        if error.get("input", "") is None:  # "key:" or "-" with nothing after it
            last = [e for e in loc if not (isinstance(e, str) and e in _ITEM_TAGS)][-1]
            code = "item_empty" if isinstance(last, int) else "value_empty"
            params["item"] = last + 1 if isinstance(last, int) else None
    elif kind == "literal_error":
        code = "invalid_value"
        params["detail"] = f"应为 {ctx.get('expected', '')}"
    elif kind == "too_short":
        code = "too_few"
        params["min_length"] = ctx.get("min_length", 1)
    elif kind in MESSAGES:
        params.update(ctx)
    else:
        code = "invalid_value"
        params["detail"] = error.get("msg", kind)
    path, position = _located(loc, positions, on_key=code in KEY_ERRORS)
    if "index" in params and positions is not None:
        position = _character_position(error, params, path, positions) or position
    line, column = position or (None, None)
    return Problem(code, params, Location(file, line, column, path))


def _every_problem(errors: list[Any]) -> Iterator[Any]:
    """The errors, with the first problem of the parts' structure (missing, misordered, empty),
    where validation stops, replaced by all of them: two missing parts are two messages at once;
    so too a table's rows that do not match its header."""
    for error in errors:
        if error["type"] in _PART_CODES and isinstance(error.get("input"), dict):
            for code, params in part_structure_errors(error["input"]):
                yield {**error, "type": code, "ctx": params}
        elif error["type"] == "table_ragged":  # every ragged row, each at its place
            first = {key: value for key, value in error["ctx"].items() if key != "more"}
            for params in (first, *error["ctx"].get("more", ())):
                yield {**error, "ctx": params}
        else:
            yield error


def _texts_read_as_keys(found: list[tuple[Path_, Problem]]) -> list[tuple[Path_, Problem]]:
    """A paragraph holding a half-width colon and a space ("- 时间: 2025年全年……") is, to YAML,
    a key and its value: not a section missing its heading with an unknown key, but a text
    to quote or to write with a full-width colon, said once, at the colon."""
    items = {
        loc[:-1]: problem for loc, problem in found
        if problem.code == "unknown_key" and len(loc) > 2 and loc[-2] in _ITEM_TAGS and isinstance(loc[-3], int)
        and any("\u4e00" <= char <= "\u9fff" for char in problem.params["key"])  # a Chinese word, not a key
    }
    if not items:
        return found
    kept = [(loc, problem) for loc, problem in found if loc[:-1] not in items]
    return kept + [(item, Problem("text_read_as_key", {"key": problem.params["key"]}, problem.location))
                   for item, problem in items.items()]


def problems_from_validation(
    error: ValidationError, positions: Positions | None = None, file: str | None = None
) -> list[Problem]:
    """One problem per pydantic error, sorted by where it is in the input."""
    found = [(tuple(e["loc"]), _problem(e, positions, file)) for e in _every_problem(error.errors(include_url=False))]
    found = _texts_read_as_keys(found)
    # A misspelt key also leaves its right name missing; the did-you-mean says it all.
    misspelt = {(loc[:-1], p.params["suggestion"]) for loc, p in found if "suggestion" in p.params}
    problems = [p for loc, p in found if not (p.code == "missing" and loc and (loc[:-1], loc[-1]) in misspelt)]
    return sorted(problems, key=lambda p: (p.location.line or 0, p.location.column or 0))
