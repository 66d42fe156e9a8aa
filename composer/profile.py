"""The style profile: GB/T 9704 page geometry, faces and sizes, read from data.

Every renderer reads its figures here and nowhere else. Each value keeps the clause that gives
it and the force of that clause (规定, 一般, 推荐, 可以, 推算, 实务), so a check can tell a
breach of the standard from a departure from common practice.

The profile is a tree of pydantic models, one per table of the TOML, that forbid unknown keys
and check each figure's type, unit and range, so a mistake in a `--profile` overlay is a
located error in the overlay (`overlay.toml:3:1: 错误: …`), never a fault deep in a writer.
The models build their validators only when an overlay is read: the standard profile is
trusted package data (a test validates it), built without them, which keeps start-up fast.
"""

# No `from __future__ import annotations`: pydantic would turn each of the ~100 field
# annotations back from a string (compile and eval), ~10 ms of every render's start-up.
import hashlib
import math
import re
import sys
import typing
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from .problems import Location, Problem, ReportError

MM_PER_PT = 25.4 / 72
VARIANTS = ("official", "plain")
# Beside the code, installed with it (package data); read as a file, which importlib.resources
# would also do for a package on disk after importing 5 ms of modules.
_STANDARD = Path(__file__).with_name("profiles") / "gbt9704.toml"

Unit = Literal["mm", "pt", "twip", "char", "line", "em", "rgb"]
Force = Literal["规定", "一般", "推荐", "可以", "推算", "实务"]
Role = Literal["title", "body", "heading1", "heading2", "page_number"]
LENGTH_UNITS = ("mm", "pt", "twip")
# Bounds of a sane profile: no paper is larger than A0 (1189 mm), none smaller than a card;
# no type in an official document is larger than 初号 (42 pt), so 100 pt is surely a mistake.
MAX_LENGTH_MM = 1200.0
MIN_PAGE_MM = 50.0
MAX_FONT_PT = 100.0
MAX_CELLS = 100  # characters per line, lines per page, indents and blank lines

_CONFIG = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class Value(BaseModel):
    """One figure of the profile with its provenance."""

    model_config = _CONFIG

    value: Any
    unit: Unit | None = None
    clause: str | None = None
    force: Force | None = None
    note: str | None = None
    tolerance: float | None = None

    @property
    def pt(self) -> float:
        """The length in points (mm, pt and twip units)."""
        factor = {"pt": 1.0, "mm": 1 / MM_PER_PT, "twip": 1 / 20}.get(self.unit or "")
        if factor is None:
            raise ValueError(f"{self.unit!r} is not a length unit")
        return float(self.value) * factor

    @property
    def mm(self) -> float:
        return self.pt * MM_PER_PT

    @property
    def twips(self) -> int:
        return round(self.pt * 20)

    @property
    def emu(self) -> int:
        return round(self.pt * 12700)


# --- kinds of figure: what a value table's `value` and `unit` may be --------------------------

_KINDS = {  # kind -> (Chinese, English), for messages
    "number": ("数字", "a number"),
    "integer": ("整数", "a whole number"),
    "text": ("文字（加引号）", "text (in quotes)"),
    "name": ("字体名称（加引号，不能为空）", "a face name (in quotes, not empty)"),
    "bool": ("true 或 false", "true or false"),
    "texts": ("文字列表，如 [\"……\", \"——\"]", "a list of texts, such as [\"……\", \"——\"]"),
}


_RELATIONS = {"above": ("大于", "above"), "least": ("不小于", "at least"), "most": ("不大于", "at most")}


def _fail(code: str, **params: Any) -> PydanticCustomError:
    return PydanticCustomError(code, code, params)


def _is_kind(value: Any, kind: str) -> bool:
    if kind == "number":  # TOML also writes inf and nan, which no page can be set by
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "texts":
        return isinstance(value, list) and all(isinstance(item, str) and item for item in value)
    if kind == "name":
        return isinstance(value, str) and bool(value.strip())
    return isinstance(value, {"text": str, "bool": bool}[kind])


def _figure(
    kind: str,
    units: tuple[str | None, ...] = (None,),
    *,
    above: float | None = None,
    least: float | None = None,
    most: float | None = None,
    most_mm: float | None = None,
    least_mm: float | None = None,
    most_pt: float | None = None,
    pattern: str | None = None,
) -> Callable[[Value], Value]:
    """The check of a value table whose value is of `kind`, in one of `units`, within the
    bounds given."""

    def check(figure: Value) -> Value:
        value = figure.value
        if not _is_kind(value, kind):
            zh, en = _KINDS[kind]
            raise _fail("profile_value_type", expected=zh, expected_en=en, got=_toml(value))
        if figure.unit not in units:
            allowed = "、".join(unit or "（不写）" for unit in units)
            allowed_en = ", ".join(unit or "(none)" for unit in units)
            raise _fail("profile_unit", allowed=allowed, allowed_en=allowed_en, unit=figure.unit or "")
        if pattern is not None and not re.fullmatch(pattern, value):
            raise _fail("profile_color", value=value)
        for bound, relation, measure in (
            (above, "above", ""), (least, "least", ""), (most, "most", ""),
            (least_mm, "least", " mm"), (most_mm, "most", " mm"), (most_pt, "most", " pt"),
        ):
            if bound is None:
                continue
            measured = figure.mm if measure == " mm" else figure.pt if measure == " pt" else value
            if measured <= bound if relation == "above" else measured < bound if relation == "least" else measured > bound:
                zh, en = _RELATIONS[relation]
                raise _fail(
                    "profile_range", value=f"{value:g}" + (f" {figure.unit}" if figure.unit else ""),
                    bound=f"{zh} {bound:g}{measure}", bound_en=f"{en} {bound:g}{measure}",
                )
        return figure

    return check


Length: TypeAlias = Annotated[
    Value, AfterValidator(_figure("number", LENGTH_UNITS, above=0, most_mm=MAX_LENGTH_MM))
]
PageLength: TypeAlias = Annotated[
    Value, AfterValidator(_figure("number", LENGTH_UNITS, least_mm=MIN_PAGE_MM, most_mm=MAX_LENGTH_MM))
]
FontSize: TypeAlias = Annotated[
    Value, AfterValidator(_figure("number", LENGTH_UNITS, above=0, most_pt=MAX_FONT_PT))
]
# an indent, in character cells
Cells: TypeAlias = Annotated[
    Value, AfterValidator(_figure("number", ("char",), least=0, most=MAX_CELLS))
]
# blank lines
LineCount: TypeAlias = Annotated[
    Value, AfterValidator(_figure("integer", ("line",), least=0, most=MAX_CELLS))
]
GridLines: TypeAlias = Annotated[
    Value, AfterValidator(_figure("integer", ("line",), least=1, most=MAX_CELLS))
]
GridChars: TypeAlias = Annotated[
    Value, AfterValidator(_figure("integer", ("char",), least=1, most=MAX_CELLS))
]
WidthInChars: TypeAlias = Annotated[
    Value, AfterValidator(_figure("number", ("char",), above=0, most=MAX_CELLS))
]
Digits: TypeAlias = Annotated[Value, AfterValidator(_figure("integer", ("char",), least=1, most=20))]
Count: TypeAlias = Annotated[Value, AfterValidator(_figure("integer", least=1, most=MAX_CELLS))]
Ratio: TypeAlias = Annotated[Value, AfterValidator(_figure("number", ("em",), above=0, most=1))]
Color: TypeAlias = Annotated[Value, AfterValidator(_figure("text", ("rgb",), pattern=r"[0-9A-Fa-f]{6}"))]
Text: TypeAlias = Annotated[Value, AfterValidator(_figure("text"))]
FaceName: TypeAlias = Annotated[Value, AfterValidator(_figure("name"))]
Flag: TypeAlias = Annotated[Value, AfterValidator(_figure("bool"))]
Texts: TypeAlias = Annotated[Value, AfterValidator(_figure("texts"))]


def _font_file(value: str) -> str:
    """A font file named in [font_files] exists; a family name is looked up when rendering."""
    from .layout.fonts import configured_file

    path = configured_file(value)
    if not value.strip() or path is not None and not path.is_file():
        raise _fail("profile_font_file", path=value)
    return value


FontFile: TypeAlias = Annotated[str, AfterValidator(_font_file)]


# --- the tables -------------------------------------------------------------------------------


class _Table(BaseModel):
    """A table of the profile; `table[key]` and `keys()` as the TOML names them."""

    model_config = _CONFIG

    def __getitem__(self, key: str | int) -> Any:
        wanted = str(key)
        for name, field in type(self).model_fields.items():
            if wanted in (name, field.alias):
                return getattr(self, name)
        raise KeyError(wanted)

    def keys(self) -> list[str]:
        return [field.alias or name for name, field in type(self).model_fields.items()]


class Page(_Table):
    width: PageLength
    height: PageLength
    margin_top: Length
    margin_left: Length
    text_width: Length
    text_height: Length
    margin_bottom: Length
    margin_right: Length

    @model_validator(mode="after")
    def _text_block_on_the_page(self) -> "Page":
        for page, first, text, last, side in (
            (self.width, self.margin_left, self.text_width, self.margin_right, ("宽", "width")),
            (self.height, self.margin_top, self.text_height, self.margin_bottom, ("高", "height")),
        ):
            if first.mm + text.mm + last.mm > page.mm + 0.01:
                raise _fail(
                    "profile_text_block", side=side[0], side_en=side[1], page=f"{page.mm:g}",
                    sum=f"{first.mm:g} + {text.mm:g} + {last.mm:g}",
                )
        return self


class Grid(_Table):
    lines_per_page: GridLines
    chars_per_line: GridChars
    line_pitch: Length
    char_pitch: Length
    char_tightening: Length
    em_ascent: Ratio


class Fonts(_Table):
    """The face of each role; the renderers ask for a role."""

    title: FaceName
    body: FaceName
    heading1: FaceName
    heading2: FaceName
    page_number: FaceName


class Variant(_Table):
    fonts: dict[Role, FaceName] = {}


class Colors(_Table):
    red: Color
    text: Color


class Body(_Table):
    role: Role
    size: FontSize
    first_line_indent: Cells


class Title(_Table):
    role: Role
    size: FontSize
    max_chars_per_line: WidthInChars
    blank_lines_after: LineCount


class Heading(_Table):
    role: Role
    size: FontSize


class Headings(_Table):
    """`headings[level]`, levels 1 to 4."""

    level1: Heading = Field(alias="1")
    level2: Heading = Field(alias="2")
    level3: Heading = Field(alias="3")
    level4: Heading = Field(alias="4")


class Pagination(_Table):
    widow_control: Flag
    keep_headings_with_next: Flag
    sign_off_extra_lines: LineCount


class Addressee(_Table):
    blank_lines_before: LineCount


class Attachments(_Table):
    blank_lines_before: LineCount
    indent: Cells
    label: Text
    page_label: Text
    page_label_role: Role
    landscape_columns: Count


class Signature(_Table):
    blank_lines_before: LineCount
    right_indent: Cells
    date_shift: Cells
    sealed_blank_lines_before: LineCount
    sealed_date_right_indent: Cells
    seal_size: Length
    seal_top: Length
    seal_gap: Length


class Note(_Table):
    indent: Cells


class Header(_Table):
    mark_role: Role
    mark_max_size: FontSize
    mark_top: Length
    number_gap: LineCount
    rule_gap: Length
    rule_width: Length
    title_gap: LineCount
    copy_number_digits: Digits
    classification_role: Role
    signer_label: Text
    signer_role: Role
    signers_per_line: Count
    signer_indent: Cells


class EndBlock(_Table):
    role: Role
    size: FontSize
    indent: Cells
    outer_rule: Length
    inner_rule: Length
    copy_to_label: Text
    printed_suffix: Text


class PageNumber(_Table):
    role: Role
    size: FontSize
    below_text: Length
    indent: Cells
    dash: Text


class TableStyle(_Table):
    role: Role
    header_role: Role
    size: FontSize
    line_height: Length
    caption_role: Role
    cell_margin: Length
    rule_width: Length


class LineBreaking(_Table):
    no_line_start: Text
    no_line_end: Text
    unbreakable: Texts
    latin_gap: Ratio


class Profile(_Table):
    """The whole profile, with a few derived figures the renderers share."""

    name: str
    page: Page
    grid: Grid
    fonts: Fonts
    variants: dict[str, Variant] = {}
    font_alternates: dict[str, FaceName] = {}  # official face -> what offices have instead
    font_files: dict[Role, FontFile] = {}  # role -> a font file or family name, for the PDF
    colors: Colors
    body: Body
    title: Title
    headings: Headings
    pagination: Pagination
    addressee: Addressee
    attachments: Attachments
    signature: Signature
    note: Note
    header: Header
    end_block: EndBlock
    page_number: PageNumber
    table: TableStyle
    line_breaking: LineBreaking

    def face(self, role: str) -> str:
        """The face name the profile asks for in a role (title, body, heading1, ...)."""
        return str(self.fonts[role].value)

    @property
    def roles(self) -> list[str]:
        return self.fonts.keys()

    @property
    def line_pitch_pt(self) -> float:
        return self.grid.line_pitch.pt

    @property
    def char_pitch_pt(self) -> float:
        """Width of one character cell: the text block width over the characters per line."""
        return self.page.text_width.pt / self.grid.chars_per_line.value

    @property
    def chars_per_line(self) -> int:
        return int(self.grid.chars_per_line.value)

    def values(self) -> list[tuple[str, Value]]:
        """Every figure with its dotted name, for listing and checking."""
        found: list[tuple[str, Value]] = []

        def walk(item: Any, prefix: str) -> None:
            if isinstance(item, Value):
                found.append((prefix.rstrip("."), item))
            elif isinstance(item, _Table):
                for key in item.keys():
                    if key != "variants":
                        walk(item[key], f"{prefix}{key}.")
            elif isinstance(item, dict):
                for key, value in item.items():
                    walk(value, f"{prefix}{key}.")

        walk(self, "")
        return found


# --- loading ------------------------------------------------------------------------------------


def _merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and "value" not in value:
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _is_model(annotation: Any) -> bool:
    """Whether a field's type is one of the models (not issubclass: pydantic's models are ABCs,
    whose subclass caches cost ~8 ms to fill on first use)."""
    return isinstance(annotation, type) and hasattr(annotation, "model_construct")


def _built(annotation: Any, data: Any) -> Any:
    """Trusted data as the models it would validate to, without building their validators."""
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is dict:
        item = typing.get_args(annotation)[1]
        return {key: _built(item, value) for key, value in data.items()}
    if _is_model(annotation):
        fields = annotation.model_fields
        names = {field.alias or name: name for name, field in fields.items()}
        return annotation.model_construct(
            **{names[key]: _built(fields[names[key]].annotation, value) for key, value in data.items()}
        )
    return data


@lru_cache(maxsize=1)
def _standard_data() -> dict[str, Any]:
    """The standard profile's TOML as data. Importing tomllib and parsing the file is ~5 ms of
    every process, so the data is recorded in the cache folder and read back from there when
    it was made from these very bytes by this Python (a damaged record is never used)."""
    from .cache import cache_dir, read_record, write_record

    raw = _STANDARD.read_bytes()
    key = (_RECORD_FORMAT, sys.version_info[:2], hashlib.sha256(raw).digest())
    record = cache_dir() / "gbt9704.toml.marshal"
    data = read_record(record, key)
    if not isinstance(data, dict):
        import tomllib

        data = tomllib.loads(raw.decode("utf-8"))
        write_record(record, key, data)
    return data


_RECORD_FORMAT = 1


@lru_cache(maxsize=8)
def load_profile(path: str | Path | None = None, variant: str = "official") -> Profile:
    """The GB/T 9704 profile, optionally overlaid by a TOML file and switched to a variant.

    Raises ReportError, located in the overlay, when the overlay cannot be read or holds
    something the profile does not (an unknown table or key, a wrong type, a size out of range).
    """
    data = _standard_data()
    if path is None:
        profile = _built(Profile, data)
    else:
        profile = _overlaid(data, Path(path))
    if variant == "official":
        return profile
    if variant not in profile.variants:
        raise ValueError(f"unknown profile variant {variant!r}; known: {', '.join(VARIANTS)}")
    fonts = profile.fonts.model_copy(update=profile.variants[variant].fonts)
    return profile.model_copy(update={"fonts": fonts})


def _overlaid(base: dict[str, Any], path: Path) -> Profile:
    import tomllib

    from .readers.source import decode, read_bytes

    name = str(path)
    text = decode(read_bytes(path), name)
    try:
        overlay = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReportError([_syntax_problem(str(error), name)]) from None
    try:
        return Profile.model_validate(_merge(base, overlay))
    except ValidationError as error:
        from .toml_keys import key_positions

        positions = key_positions(text)
        problems = [_problem(detail, name, positions, base) for detail in error.errors(include_url=False)]
        raise ReportError(sorted(problems, key=lambda p: (p.location.line or 0, p.location.column or 0))) from None


def _syntax_problem(message: str, file: str) -> Problem:
    """tomllib says where as "(at line 3, column 5)" at the end of its message."""
    found = re.fullmatch(r"(?s)(.*?)\s*\(at line (\d+), column (\d+)\)", message)
    if found is None:
        return Problem("profile_syntax", {"detail": message}, Location(file))
    return Problem("profile_syntax", {"detail": found[1]}, Location(file, int(found[2]), int(found[3])))


def _toml(value: Any) -> str:
    """A value as TOML writes it, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_toml(item)}" for key, item in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return str(value)


def _annotation_at(path: tuple[str, ...]) -> Any:
    """The type the profile expects at a path of TOML names (None past what it knows)."""
    annotation: Any = Profile
    for key in path:
        if typing.get_origin(annotation) is Annotated:
            annotation = typing.get_args(annotation)[0]
        if typing.get_origin(annotation) is dict:
            annotation = typing.get_args(annotation)[1]
        elif _is_model(annotation):
            fields = {field.alias or name: field for name, field in annotation.model_fields.items()}
            annotation = fields[key].annotation if key in fields else None
        else:
            return None
    return annotation


def _known_keys(path: tuple[str, ...]) -> list[str]:
    annotation = _annotation_at(path)
    if typing.get_origin(annotation) is dict:
        key_type = typing.get_args(annotation)[0]
        return list(typing.get_args(key_type)) if typing.get_origin(key_type) is Literal else []
    if _is_model(annotation):
        return [field.alias or name for name, field in annotation.model_fields.items()]
    return []


def _at(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _problem(
    detail: Any, file: str, positions: dict[tuple[str, ...], tuple[int, int]], base: dict[str, Any]
) -> Problem:
    """One of pydantic's errors as a worded problem at the overlay's line and column."""
    path = tuple(str(part) for part in detail["loc"] if part != "[key]")
    kind = detail["type"]
    key = ".".join(path)
    if kind.startswith("profile_"):
        code, params = kind, dict(detail.get("ctx") or {})
    elif kind == "extra_forbidden" or kind == "literal_error" and detail["loc"][-1] == "[key]":
        import difflib  # only for a misspelt key

        known = _known_keys(path[:-1])
        close = difflib.get_close_matches(path[-1], known, n=1)
        code = "profile_unknown_key" if close else "profile_unknown_key_known"
        params = {"close": close[0] if close else "", "known": "、".join(known), "known_en": ", ".join(known)}
    elif kind == "literal_error":
        allowed = typing.get_args(Unit if path[-1] == "unit" else Force if path[-1] == "force" else Role)
        code = "profile_choice"
        params = {"allowed": "、".join(allowed), "allowed_en": ", ".join(allowed), "got": _toml(detail["input"])}
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        example = _at(base, path)
        if isinstance(example, dict) and "value" in example:
            code = "profile_not_value_table"
            shown = {k: example[k] for k in ("value", "unit") if k in example}
            params = {"example": f"{path[-1]} = {_toml(shown)}"}
        else:
            code, params = "profile_not_table", {"header": f"[{key}]"}
    elif kind == "missing":
        code, params = "profile_missing", {"field": path[-1]}
        key = ".".join(path[:-1])
    elif kind in ("string_type", "float_type", "int_type", "bool_type"):
        zh, en = _KINDS["text" if kind == "string_type" else "number" if kind != "bool_type" else "bool"]
        code, params = "profile_value_type", {"expected": zh, "expected_en": en, "got": _toml(detail["input"])}
    else:
        code, params = "profile_invalid", {"detail": detail["msg"]}
    for length in range(len(path), 0, -1):
        if path[:length] in positions:
            line, column = positions[path[:length]]
            return Problem(code, {"key": key, **params}, Location(file, line, column, path))
    return Problem(code, {"key": key, **params}, Location(file, path=path))
