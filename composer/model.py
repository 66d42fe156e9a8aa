"""The report model: what an annual report on building a law-based government carries.

It describes content and checks the structure the 2019 督察工作规定 mandates (four parts, in
order, none empty; an optional fifth last). It knows nothing of pages, fonts or files.
"""

# No `from __future__ import annotations`: pydantic would turn each field's annotation back
# from a string (compile and eval, ~90 of them), a tenth of the model's build at start-up; the
# few names used before they are defined are quoted.
import re
import unicodedata
from collections.abc import Iterator
from datetime import date as Date
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import parse_date, parse_year
from .limits import check_limits
from .numbering import strip_marker
from .rules import MANDATED_PARTS, PART_KEYS, part_for, part_params, standard_heading

# --- text -------------------------------------------------------------------------------------


def _is_noncharacter(char: str) -> bool:
    """U+FDD0-U+FDEF and the last two code points of every plane: never text (XML refuses some)."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def check_text(value: str) -> str:
    """Refuses characters no document can print (pydantic itself refuses lone surrogates), and
    invisible format characters (zero-width spaces, direction overrides) that would print one
    way in Word or a browser and fail or differ in the PDF."""
    if value.isprintable():  # no character of Unicode's "Other" categories: none of these
        return value
    for index, char in enumerate(value, start=1):
        category = unicodedata.category(char)
        if category == "Cc" and char != "\n":
            code = "control_character"
        elif category == "Co":
            code = "private_use_character"
        elif category == "Cf":
            code = "format_character"
        elif _is_noncharacter(char):
            code = "noncharacter"
        else:
            continue
        raise PydanticCustomError(code, code, {"char": f"U+{ord(char):04X}", "index": index})
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("text_empty", "text_empty")
    return value


PlainText = Annotated[str, AfterValidator(check_text)]  # may be empty: table cells, disclosure fields
Text = Annotated[PlainText, AfterValidator(_not_blank)]


def _strip_heading_marker(value: str) -> str:
    stripped = strip_marker(value).strip()
    if not stripped and value.strip():
        raise PydanticCustomError("heading_only_marker", "heading_only_marker")
    return stripped


Heading = Annotated[Text, AfterValidator(_strip_heading_marker)]


def _as_list(value: Any) -> Any:
    """Lets authors write one item without the list brackets."""
    return [value] if isinstance(value, str) else value


TextList = Annotated[list[Text], BeforeValidator(_as_list, json_schema_input_type=Union[str, list[str]])]


def _parse_date(value: Any) -> Date:
    if isinstance(value, str):  # an invisible or control character is named, not "unrecognised"
        check_text(value.strip())
    try:
        return parse_date(value)
    except ValueError:
        raise PydanticCustomError("date_format", "date_format", {"value": str(value)}) from None


IssueDate = Annotated[Date, BeforeValidator(_parse_date, json_schema_input_type=Union[Date, str])]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True, validate_default=False,
        defer_build=True,
    )


# --- body ---------------------------------------------------------------------------------------


class Table(_Model):
    """A simple table: an optional caption, one header row, rows of plain cells."""

    caption: Text | None = Field(None, title="表题")
    header: list[PlainText] = Field(title="表头", min_length=1)
    rows: list[list[PlainText]] = Field(title="表格行", min_length=1)

    @model_validator(mode="after")
    def _rows_match_header(self) -> "Table":
        """Every row whose cells the header does not count: the first is raised, with the rest
        in "more" for validation to report each at its own row."""
        ragged = [
            {"row": number, "cells": len(row), "columns": len(self.header), "at": f"rows.{number - 1}"}
            for number, row in enumerate(self.rows, start=1) if len(row) != len(self.header)
        ]
        if ragged:
            raise PydanticCustomError("table_ragged", "table_ragged", {**ragged[0], "more": ragged[1:]})
        return self


class TableItem(_Model):
    table: Table = Field(title="表格")


def _yes_no(value: Any) -> Any:
    """是 and 否, as a Chinese author answers, for true and false."""
    return {"是": True, "否": False}.get(value.strip(), value) if isinstance(value, str) else value


YesNo = Annotated[bool, BeforeValidator(_yes_no)]


class Section(_Model):
    """A numbered section: a heading, optionally run in with its first paragraph, and content."""

    heading: Heading = Field(title="小标题", description="不写序号，序号（一）1.（1）自动生成")
    run_in: YesNo = Field(
        False, title="标题与正文同段", description="true：小标题后直接接第一段正文，排在同一段内"
    )
    content: list["Item"] = Field(default=[], title="内容")

    @model_validator(mode="after")
    def _run_in_needs_text(self) -> "Section":
        if self.run_in and not (self.content and isinstance(self.content[0], str)):
            raise PydanticCustomError("run_in_without_text", "run_in_without_text", {"at": "run_in"})
        return self


def _item_kind(value: Any) -> str:
    if isinstance(value, str) or value is None:  # an empty "-" is a paragraph not written yet
        return "paragraph"
    if isinstance(value, dict):
        return "table" if "table" in value else "section"
    return "table" if isinstance(value, TableItem) else "section"


Item = Annotated[
    Union[Annotated[Text, Tag("paragraph")], Annotated[Section, Tag("section")], Annotated[TableItem, Tag("table")]],
    Discriminator(_item_kind),
]

# --- parts ----------------------------------------------------------------------------------------

PartKey = Literal["measures", "shortcomings", "leadership", "plans", "other"]

def joint_name(names: list[str]) -> str:
    """Several issuers as a title and a one-line header mark name them, a full-width space
    apart: "中共青山县委员会　青山县人民政府" (a web page keeps that space; it drops a narrow one
    between Chinese characters)."""
    return "\u3000".join(names)


def default_mark(issuer: str) -> str:
    """The issuer mark (发文机关标志) of a red header that names none: the issuer's name + 文件
    (several issuers: their `joint_name`)."""
    return f"{issuer}文件"


def default_title(issuer: str, year: int) -> str:
    """The title of a report that names none."""
    return f"{issuer}{year}年法治政府建设年度报告"


class Part(_Model):
    """One of the mandated parts: a heading (standard wording when omitted) and its content."""

    heading: Heading | None = Field(None, title="部分标题", description="省略时使用规定的标准表述")
    content: list[Item] = Field(title="内容")


def _part_shorthand(value: Any) -> Any:
    """A part may be written as its content list alone."""
    return {"content": value} if isinstance(value, list) else value


PartField = Annotated[Part, BeforeValidator(_part_shorthand, json_schema_input_type=Union[Part, list[Any]])]


def _is_empty_part(value: Any) -> bool:
    if value is None or value == [] or value == {}:
        return True
    return isinstance(value, dict) and not value.get("content")


def _part_named(given: str) -> tuple[str, str] | None:
    """(code, part key) of a key that is no part's but stands for one: a part's heading
    ("一、主要举措和成效"), or a close spelling ("plan")."""
    if key := part_for(given):
        return "part_key_named", key
    import difflib  # only for a key that is no part's

    close = difflib.get_close_matches(given.strip().lower(), PART_KEYS, n=1)
    return ("part_key_misspelt", close[0]) if close else None


def part_structure_errors(parts: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Missing, misordered and empty parts as (code, params): the model's validator raises the
    first, and validation and lint report them all. `params["at"]` names the part key the
    problem is at. A part written under its heading rather than its key ("一、主要举措和成效:")
    is told which key to use, not that the part is missing; so is a misspelt key ("plan"). (A
    key standing for the optional part is the model's to name as unknown, with what it means.)"""
    named: dict[str, tuple[str, str]] = {}
    for given in parts:
        if (isinstance(given, str) and given not in PART_KEYS and (found := _part_named(given))
                and found[1] in MANDATED_PARTS and found[1] not in parts):
            named.setdefault(found[1], (found[0], given))
    for key, (code, given) in named.items():
        yield code, {**part_params(key), "given": given, "at": given}
    for key in MANDATED_PARTS:
        if key not in parts and key not in named:
            yield "part_missing", part_params(key)
    known = [k for k in parts if k in PART_KEYS]
    for earlier, later in zip(known, known[1:]):
        if PART_KEYS.index(earlier) > PART_KEYS.index(later):
            before = part_params(earlier)
            yield "part_order", {**part_params(later), "before": before["name"], "before_en": before["name_en"],
                                 "before_key": earlier, "at": later}
    for key in known:
        if _is_empty_part(parts[key]) and (key in MANDATED_PARTS or parts[key] is not None):
            yield "part_empty", {**part_params(key), "at": key}


class Parts(_Model):
    """The body's parts, keyed by what they are; their order in the input is checked."""

    measures: PartField = Field(title="一、主要举措和成效")
    shortcomings: PartField = Field(title="二、存在的不足和原因")
    leadership: PartField = Field(title="三、主要负责人履行第一责任人职责情况")
    plans: PartField = Field(title="四、下一年度主要安排")
    other: PartField | None = Field(None, title="五、其他需要报告的情况（可选）")

    @model_validator(mode="before")
    @classmethod
    def _structure(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        for code, params in part_structure_errors(data):
            raise PydanticCustomError(code, code, params)
        return data

    def items(self) -> list[tuple[str, Part]]:
        """The parts present, in order."""
        return [(key, part) for key in PART_KEYS if (part := getattr(self, key)) is not None]


# --- attachments ----------------------------------------------------------------------------------


class Attachment(_Model):
    """An attachment printed with the report (GB/T 9704 8): on pages of its own after the
    sign-off, under "附件N" and its title; its content is written as the body's is."""

    title: Text = Field(title="附件标题", description="附件说明中的名称，不加书名号")
    content: list[Item] = Field(title="内容", min_length=1, description="附件的段落、表格、带小标题的层次，写法同正文")


def _attachment_kind(value: Any) -> str:
    return "name" if isinstance(value, str) or value is None else "attachment"


AttachmentEntry = Annotated[
    Union[Annotated[Text, Tag("name")], Annotated[Attachment, Tag("attachment")]], Discriminator(_attachment_kind)
]
AttachmentList = Annotated[
    list[AttachmentEntry], BeforeValidator(_as_list, json_schema_input_type=Union[str, list[Union[str, Attachment]]])
]


def attachment_name(entry: "str | Attachment") -> str:
    """What the attachment note (附件说明) calls an attachment: its name, or its title."""
    return entry if isinstance(entry, str) else entry.title


# --- document furniture ------------------------------------------------------------------------

_DOC_NUMBER = r"^(?P<prefix>[^〔〕\s]+)〔(?P<year>\d{4})〕(?P<serial>\d+)号$"  # compiled when met


def _check_doc_number(value: str) -> str:
    """GB/T 9704 7.2.5: 机关代字〔年份〕序号号, the year in 〔〕, no 第, no leading zeros."""
    params = {"value": value}
    if re.search(r"[\[\]【】［］()（）{}｛｝﹝﹞]", value):
        raise PydanticCustomError("doc_number_brackets", "doc_number_brackets", params)
    if "〕第" in value:
        raise PydanticCustomError("doc_number_di", "doc_number_di", params)
    match = re.match(_DOC_NUMBER, value)
    if not match:
        raise PydanticCustomError("doc_number_format", "doc_number_format", params)
    if match["serial"].startswith("0"):
        raise PydanticCustomError("doc_number_leading_zero", "doc_number_leading_zero", params)
    return value


DocNumber = Annotated[Text, AfterValidator(_check_doc_number)]


def _check_copy_number(value: str) -> str:
    if not re.fullmatch(r"\d{1,6}", value):
        raise PydanticCustomError("copy_number_format", "copy_number_format")
    return value.zfill(6)


def _check_classification(value: str) -> str:
    if not re.fullmatch(r"(绝密|机密|秘密)(★.+)?", value):
        raise PydanticCustomError("classification_format", "classification_format", {"value": value})
    return value


class Seal(_Model):
    """An issuer's seal as the office supplies it: an image file, relative to the report's folder."""

    image: Text = Field(title="印章图片", description="PNG（透明背景），相对于报告文件所在文件夹，如 seal.png")


def _seal_kind(value: Any) -> str:
    return "image" if isinstance(value, dict | Seal) else "flag"


# true / false, or the image to press: one kind at a time, so a wrong value is one problem.
SealField = Annotated[
    Union[Annotated[YesNo, Tag("flag")], Annotated[Seal, Tag("image")]], Discriminator(_seal_kind)
]


class Issuer(_Model):
    """One issuer of a joint report (联合行文): its name and, optionally, its seal."""

    name: Text = Field(title="发文机关名称")
    seal: SealField = Field(False, title="印章", description="true：按加盖印章编排；{image: seal.png}：加盖该印章图片")


def _issuer_shorthand(value: Any) -> Any:
    """An issuer may be written as its name alone."""
    return {"name": value} if isinstance(value, str) else value


IssuerField = Annotated[Issuer, BeforeValidator(_issuer_shorthand, json_schema_input_type=Union[str, Issuer])]


class RedHeader(_Model):
    """The red header (版头) of GB/T 9704 7.2, printed above the title when present."""

    mark: Text | None = Field(None, title="发文机关标志", description="省略时为“发文机关＋文件”")
    number: DocNumber | None = Field(None, title="发文字号", description="如：同科字〔2024〕5号")
    copy_number: Annotated[Text, AfterValidator(_check_copy_number)] | None = Field(
        None, title="份号", description="1 至 6 位数字，排印时补足 6 位"
    )
    classification: Annotated[Text, AfterValidator(_check_classification)] | None = Field(
        None, title="密级和保密期限", description="如：机密★1年"
    )
    urgency: Literal["特急", "加急"] | None = Field(None, title="紧急程度")
    signers: TextList = Field(default=[], title="签发人", description="上行文填写，可多人")
    joint_mark: Literal["line", "stacked"] | None = Field(
        None, title="联合行文标志排法",
        description="line：各机关名称排一行后加“文件”；stacked：名称上下排列，“文件”居其右侧居中；省略时一行排不下即上下排列",
    )


class EndBlock(_Model):
    """The end block (版记) of GB/T 9704 7.4: copy-to list, printing office and date."""

    copy_to: TextList = Field(default=[], title="抄送机关")
    printer: Text = Field(title="印发机关")
    print_date: IssueDate = Field(title="印发日期")


class Disclosure(_Model):
    """The government website's disclosure table; kept as data, never printed on paper."""

    index_number: PlainText | None = Field(None, title="索引号")
    category: PlainText | None = Field(None, title="信息分类")
    publisher: PlainText | None = Field(None, title="发布机构")
    published: PlainText | None = Field(None, title="发布日期")
    title: PlainText | None = Field(None, title="标题")
    document_number: PlainText | None = Field(None, title="文号")
    validity: PlainText | None = Field(None, title="时效")


class LintSettings(_Model):
    """Settings of `report-composer lint`, kept with the report they apply to; never printed."""

    disable: TextList = Field(
        default=[], title="关闭的检查规则", description="规则代码，如 [W002, L002]（report-composer lint 报告中方括号内的代码）"
    )


def _walk_sections(
    items: list[Any], path: tuple[str | int, ...], level: int, found: list[tuple[tuple[str | int, ...], int, Section]]
) -> None:
    """Adds the sections among `items` (at `path`, of heading `level`) and theirs, depth first."""
    for index, item in enumerate(items):
        if isinstance(item, Section):
            found.append(((*path, index), level, item))
            _walk_sections(item.content, (*path, index, "content"), level + 1, found)


# --- the report -----------------------------------------------------------------------------------


class Report(_Model):
    """An annual report on building a law-based government (法治政府建设年度报告)."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["issuer"]}, {"required": ["issuers"]}]})

    # None only until validation fills it from `issuers` (the host): a valid report always has it.
    issuer: Text = Field(None, title="发文机关", description="如：大同市科技局；联合行文时写 issuers")  # type: ignore[assignment]
    issuers: list[IssuerField] = Field(
        default=[], title="联合发文机关", description="联合行文：主办机关在前，如 [中共青山县委员会, 青山县人民政府]"
    )
    year: Annotated[int, BeforeValidator(parse_year)] = Field(title="报告年度", description="报告所写的年度，如 2023")
    date: IssueDate = Field(title="成文日期", description="如：2023-12-07 或 2023年12月7日")
    title: Text | None = Field(None, title="标题", description="省略时为“发文机关＋年度＋法治政府建设年度报告”")
    addressees: TextList = Field(default=[], title="主送机关")
    opening: TextList = Field(default=[], title="导语", description="第一部分之前的开头段落")
    parts: Parts = Field(title="正文各部分")
    attachments: AttachmentList = Field(
        default=[], title="附件",
        description="附件名称（不加书名号），或带内容的附件（title 和 content），另面印在落款之后、版记之前",
    )
    signature: Text | None = Field(None, title="发文机关署名", description="省略时同发文机关")
    seal: SealField = Field(
        False, title="加盖印章", description="true：按加盖印章的位置编排署名和日期；{image: seal.png}：并加盖该印章图片"
    )
    note: Text | None = Field(None, title="附注", description="不加括号，排印时自动加")
    header: RedHeader | None = Field(None, title="版头", description="红头：发文机关标志、发文字号等")
    end_block: EndBlock | None = Field(None, title="版记", description="抄送、印发机关和印发日期")
    disclosure: Disclosure | None = Field(None, title="政府信息公开信息", description="网页公开时的索引号等")
    lint: LintSettings | None = Field(None, title="检查设置", description="report-composer lint 的设置，如 disable: [W002]")

    @model_validator(mode="before")
    @classmethod
    def _within_limits(cls, data: Any) -> Any:
        check_limits(data)
        return data

    # Values filled in from another one: the title, signature and header mark made from the
    # issuer (by path), so a problem in them is placed at the issuer.
    _derived: frozenset[tuple[str, ...]] = PrivateAttr(frozenset())
    # Where the report was read from (the reader's record: file name and positions of every
    # value, see readers.yaml_reader.YamlSource); None for a report built in Python.
    _source: Any = PrivateAttr(None)

    def __eq__(self, other: object) -> bool:
        """Equal when the values are: where a report was read from is no part of it."""
        if not isinstance(other, Report):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def derived(self, path: tuple[str, ...]) -> bool:
        """Whether the value at `path` (("title",), ("signature",), ("header", "mark")) was made from the issuer."""
        return path in self._derived

    @field_validator("year")
    @classmethod
    def _year_in_range(cls, year: int) -> int:
        if not 2000 <= year <= 2100:
            raise PydanticCustomError("year_range", "year_range", {"year": year})
        return year

    @model_validator(mode="after")
    def _fill_and_check(self) -> "Report":
        self._check_issuers()
        if self.date < Date(self.year, 1, 1):
            raise PydanticCustomError(
                "date_before_year", "date_before_year", {"date": str(self.date), "year": self.year, "at": "date"}
            )
        if self.date.year > self.year + 1:
            raise PydanticCustomError(
                "date_too_late", "date_too_late",
                {"date": str(self.date), "year": self.year, "limit": self.year + 1, "at": "date"},
            )
        derived: set[tuple[str, ...]] = set()
        if self.issuers:
            self.issuer = self.issuers[0].name
            derived.add(("issuer",))
        name = joint_name(self.issuer_names())
        if self.title is None:
            self.title = default_title(name, self.year)
            derived.add(("title",))
        elif str(self.year) not in self.title:
            raise PydanticCustomError(
                "title_without_year", "title_without_year", {"title": self.title, "year": self.year, "at": "title"}
            )
        if self.signature is None and not self.issuers:
            self.signature = self.issuer
            derived.add(("signature",))
        if self.header is not None and self.header.mark is None:
            self.header.mark = default_mark(name)
            derived.add(("header", "mark"))
        self._derived = frozenset(derived)
        for key, part in self.parts.items():
            if part.heading is None:
                part.heading = standard_heading(key, self.year)
        return self

    def _check_issuers(self) -> None:
        """One issuer (`issuer`) or several (`issuers`), never both; a joint report signs with
        the issuers' names, so `signature` belongs to a single issuer."""
        if self.issuers:
            if self.issuer is not None:
                raise PydanticCustomError("issuer_and_issuers", "issuer_and_issuers", {"at": "issuers"})
            if self.signature is not None:
                raise PydanticCustomError("joint_signature", "joint_signature", {"at": "signature"})
        elif self.issuer is None:
            raise PydanticCustomError("missing", "missing", {"at": "issuer"})

    def issuer_names(self) -> list[str]:
        """The issuers in order, the host first: one for a report of a single issuer."""
        return [issuer.name for issuer in self.issuers] if self.issuers else [self.issuer]

    def seals(self) -> list[SealField]:
        """Each issuer's seal, in the order of `issuer_names` (false: none)."""
        return [issuer.seal for issuer in self.issuers] if self.issuers else [self.seal]

    def sealed(self) -> bool:
        """Whether the sign-off is laid out for seals (7.3.5.1): any issuer's seal, or `seal`."""
        return any(seal is not False for seal in self.seals()) or self.seal is not False

    def sections(self) -> list[tuple[tuple[str | int, ...], int, Section]]:
        """Every section with its path in the model and its heading level (2 to 4)."""
        found: list[tuple[tuple[str | int, ...], int, Section]] = []
        for key, part in self.parts.items():
            _walk_sections(part.content, ("parts", key, "content"), 2, found)
        return found

    def attachment_sections(self) -> list[tuple[tuple[str | int, ...], int, Section]]:
        """Every section of the attachments' content, with its path and heading level (1 to 4:
        an attachment's sections are numbered from 一、 again)."""
        found: list[tuple[tuple[str | int, ...], int, Section]] = []
        for number, entry in enumerate(self.attachments):
            if isinstance(entry, Attachment):
                _walk_sections(entry.content, ("attachments", number, "content"), 1, found)
        return found

    @model_validator(mode="after")
    def _depth(self) -> "Report":
        for path, level, _ in self.sections() + self.attachment_sections():
            if level > 4:
                raise PydanticCustomError(
                    "section_too_deep", "section_too_deep", {"level": level, "at": ".".join(map(str, path))}
                )
        return self
