"""Source paragraphs -> Report: where an imported report's structure is recognised, once.

Each import reader (text and Markdown, DOCX, HTML) turns its file into `SourceParagraph`s and
`SourceTable`s in reading order, each with the line it came from. This module finds in them what
a law-based-government annual report is made of: the web page's disclosure header, the red header,
the title, the addressee, the opening, the parts (mapped by meaning, not wording), their sections
(levels from the markers), tables, attachments, signature and date, note and end block. What it
drops (page furniture) and what it cannot place it says, with the source line; what it cannot place
it keeps in the nearest part, so no text of the source is lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date as Date
from typing import Any, Literal

from pydantic import ValidationError

from ..blocks import cells
from ..compose import place_signature
from ..dates import format_date, parse_date
from ..model import PART_KEYS, PART_NAMES, Disclosure, Report
from ..numbering import marker as generated_marker
from ..numbering import split_marker
from ..problems import Location, Problem, Severity
from ..profile import load_profile
from ..punctuation import is_chinese, to_full_width
from ..validation import problems_from_validation

ModelPath = tuple[str | int, ...]


@dataclass(frozen=True)
class SourceParagraph:
    """One paragraph (or line) of the source, as the reader found it.

    `line` is the 1-based line in a text, Markdown or HTML file, or the paragraph's number in a
    DOCX body; `column` is where `text` starts in it. The other fields carry what the source's
    formatting says, when it says it.
    """

    text: str
    line: int
    column: int = 1
    marker: str = ""  # a heading marker drawn by automatic numbering, not part of `text`
    style_level: int | None = None  # a heading level given by markup (Markdown #, Word heading style)
    lead: str | None = None  # leading text set apart by formatting (bold, heading face)
    align: Literal["center", "right"] | None = None
    start: float | None = None  # where the line starts, in character cells, when the source places it
    gap_before: bool = False  # a blank line or an empty paragraph precedes it
    caption: bool = False  # markup says it is the caption of the table that follows (HTML <caption>)
    sealed: bool | None = None  # markup says whether the signature it is part of is sealed


@dataclass(frozen=True)
class SourceTable:
    """A table of the source: rows of cell texts, the first row being the header."""

    rows: tuple[tuple[str, ...], ...]
    line: int
    column: int = 1


SourceBlock = SourceParagraph | SourceTable


@dataclass
class ImportResult:
    """What an import found.

    `report` is None when the result does not validate; `problems` then says why, located in the
    source, and `data` holds what was found (the dict validated into the report). `notes` say what was found, dropped and not placed (Problems of severity info or
    warning). `sources` maps each model path (("parts", "measures", "content", 0, "heading"),
    ("opening", 0), ("title",), ...) to the Location where its text starts in the source, for tools
    that check the text against the source (lint): for text and Markdown the file's line and
    column; for HTML the line of the element and the column within its paragraph text; for DOCX
    the paragraph's number in the body and the column within its text. `source` is the reader's
    output, before any change (half-width punctuation and all).
    """

    report: Report | None
    data: dict[str, Any]
    notes: list[Problem]
    problems: list[Problem]
    punctuation_changes: int
    sources: dict[ModelPath, Location]
    source: tuple[SourceBlock, ...]


# --- what the text says ----------------------------------------------------------------------------

_FURNITURE = re.compile(
    r"扫一扫.*|"
    r"(发布时间|来源|浏览次数|访问次数|点击数|阅读次数|字号|【?字体)\s*[:：].*|"
    r"(当前位置|您的位置|您现在的位置|所在位置)\s*[:：].*|"
    r"(上一篇|下一篇|分享到)\s*[:：]?.*|"
    r"(【?(打印|打印本页|关闭|关闭窗口|收藏|返回顶部|返回|纠错)】?\s*)+|"
    r"[|\s]*\|[|\s]*|"
    r"[━─—=＝_\-*·]{5,}|"
    r".{0,60}(ICP备|公网安备|网站标识码|版权所有).{0,60}"
)
# A list of links the page adds after the report; it and all that follows the date are furniture.
_RELATED = re.compile(r"相关(解读|政策|稿件|链接|文件|阅读|新闻|附件)")

# The website's labels (索引号, 信息分类, ...) are the model's own field titles.
DISCLOSURE_LABELS: dict[str, str] = {str(f.title): key for key, f in Disclosure.model_fields.items()}
_LABEL = "|".join(r"\s*".join(label) for label in DISCLOSURE_LABELS)
_LABEL_COLON = re.compile(rf"(?P<label>{_LABEL})\s*[:：]")
_LABEL_CELL = re.compile(rf"(?P<label>{_LABEL})\s*[:：]?")

_COPY_NUMBER = re.compile(r"\d{1,6}")
_CLASSIFICATION = re.compile(r"(绝密|机密|秘密)(★\S+)?")
_URGENCY = re.compile(r"特急|加急")
_MARK = re.compile(r"\S{2,}文件")
_DOC_NUMBER = re.compile(
    r"(?P<number>\S+?[〔\[【［(（﹝]\s*\d{4}\s*[〕\]】］)）﹞]\s*第?\s*\d+\s*号)"
    r"(?:\s*签\s*发\s*人\s*[:：]\s*(?P<signers>.+))?"
)
_SIGNERS = re.compile(r"签\s*发\s*人\s*[:：]\s*(?P<signers>.+)")

_ADDRESSEE = re.compile(r"(?P<names>[^。；;，,]*[^。；;，,\s])\s*[:：]")  # greedy: one scan of a line of spaces
_TITLE_END = re.compile(r"(报告|总结)([（(].*[)）])?$")
_SENTENCE_END = "。！？"
_CLOSERS = "”’」』）)》〉"
_CAPTION = re.compile(r"(附)?表\s*[0-9０-９一二三四五六七八九十]+")
_ATTACHMENTS = re.compile(r"附\s*件\s*[:：]\s*(?P<first>.*)")
_ITEM_NUMBER = re.compile(r"^\s*[0-9０-９]{1,2}\s*[.．、]\s*")
_COPY_TO = re.compile(r"抄\s*送\s*[:：]\s*(?P<names>.+?)[。.]?")
_PRINTED = re.compile(r"(?:(?P<printer>.+?)\s+)?(?P<date>\S+?)\s*印\s*发")
_NOTE = re.compile(r"[（(](?P<text>.+)[)）]")
_YEAR = re.compile(r"(\d{4})\s*年")
_ISSUER_IN_TITLE = re.compile(r"(?P<issuer>.+?)(关于)?\d{4}\s*年")

# Part keys and the words that say which part a heading is (checked in this order).
PART_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("leadership", ("第一责任人", "主要负责人", "履职", "履行职责")),
    ("shortcomings", ("不足", "问题", "原因", "短板", "差距")),
    ("plans", ("下一步", "下一年度", "计划", "安排", "打算", "思路", "明年")),
    ("measures", ("举措", "成效", "主要工作", "做法", "工作情况", "进展")),
)


def part_for(heading: str) -> str | None:
    """The part a top-level heading is, by meaning: "存在问题及对策建议" is the shortcomings part."""
    if heading.lstrip().startswith("其他"):
        return "other"
    for key, words in PART_KEYWORDS:
        if any(word in heading for word in words):
            return key
    return None


def heading_marker(text: str) -> tuple[int | None, str, str]:
    """split_marker, except that a number starting a figure ("3,000余人") is no marker."""
    level, marker, rest = split_marker(text)
    if level is not None and marker.endswith((",", "，")) and rest[:1].isdigit():
        return None, "", text
    return level, marker, rest


def date_of(text: str) -> Date | None:
    try:
        return parse_date(text.strip())
    except ValueError:
        return None


def _disclosure_key(label: re.Match[str]) -> str:
    return DISCLOSURE_LABELS[re.sub(r"\s", "", label["label"])]


def disclosure_pairs(text: str, colon_required: bool = True) -> list[tuple[str, str | None]]:
    """("index_number", "035200009/2024-00026"), ... when the text is the web page's disclosure header."""
    pattern = _LABEL_COLON if colon_required else _LABEL_CELL
    text = text.strip()
    matches = list(pattern.finditer(text))
    if not matches or matches[0].start() != 0:
        return []
    pairs = []
    for match, following in zip(matches, [*matches[1:], None]):
        value = text[match.end():following.start() if following else len(text)].strip()
        pairs.append((_disclosure_key(match), value or None))
    return pairs


def disclosure_cells(rows: Sequence[Sequence[str]]) -> list[tuple[str, str | None]]:
    """The disclosure header of a table laid out label cell, value cell (the sites' and ours).

    Read cell by cell, a value may contain a label's words ("关于规范文号管理的报告"); [] when
    some cell where a label belongs is none.
    """
    pairs: list[tuple[str, str | None]] = []
    for row in rows:
        for label, value in zip(row[::2], [*row[1::2], ""]):
            match = _LABEL_CELL.fullmatch(label.strip())
            if not match:
                return []
            pairs.append((_disclosure_key(match), value.strip() or None))
    return pairs


def layout_table(rows: Sequence[Sequence[str]]) -> bool:
    """A table that lays text out (red header, end block, a page wrapped in a table), not data."""
    if disclosure_cells(rows):  # a page's disclosure header, 文号 and all
        return False
    if all(sum(1 for cell in row if cell.strip()) <= 1 for row in rows):  # text placed by a grid
        return True
    texts = [cell.strip() for row in rows for cell in row]
    if any(len(text) > 300 for text in texts):
        return True
    return any(
        _MARK.fullmatch(t) or _DOC_NUMBER.fullmatch(t) or _SIGNERS.fullmatch(t) or _COPY_TO.fullmatch(t)
        or _PRINTED.fullmatch(t) for t in texts
    )


def _has_sentence_punctuation(text: str) -> bool:
    return bool(re.search(r"[。；;，,！？]", text))


def _run_in_split(text: str) -> int | None:
    """Where the body starts after a heading sentence at the start of `text`, if text follows it."""
    for index, char in enumerate(text):
        half = char in ".!?" and index > 0 and is_chinese(text[index - 1])
        if char in _SENTENCE_END or half:
            end = index + 1
            while end < len(text) and text[end] in _CLOSERS:
                end += 1
            return end if text[end:].strip() else None
    return None


# --- the builder ---------------------------------------------------------------------------------


@dataclass
class _Para:
    text: str
    at: Location
    source: int = -1  # index of the source block, to find captions next to tables
    caption: bool = False  # the source sets it as a caption (marked so, or centred), if a table follows


@dataclass
class _Table:
    rows: list[list[str]]
    at: Location
    caption: _Para | None = None


@dataclass
class _Section:
    heading: str
    at: Location
    run_in: bool = False
    marker: str = ""  # as the source wrote it, to say when the level it numbers differs
    items: list[_Para | _Table | _Section] = field(default_factory=list)


Item = _Para | _Table | _Section


class _Builder:
    def __init__(self, file: str | None, keep_punctuation: bool):
        self.file = file
        self.keep_punctuation = keep_punctuation
        self.notes: list[Problem] = []
        self.changes = 0
        self.sources: dict[ModelPath, Location] = {}
        self.data: dict[str, Any] = {}
        self.title: tuple[str, Location] | None = None
        self.signature: tuple[str, Location] | None = None
        self.opening: list[Item] = []
        self.parts: list[_Section] = []
        self.trailing: list[_Para] = []

    # helpers

    def at(self, block: SourceBlock, offset: int = 0) -> Location:
        return Location(self.file, block.line, block.column + offset)

    def note(self, code: str, at: Location | None, severity: Severity = "info", **params: Any) -> None:
        self.notes.append(Problem(code, params, at or Location(self.file), severity))

    def text(self, value: str) -> str:
        """The text as it goes into the model: trimmed, its punctuation made full-width unless kept."""
        value = value.strip()
        if self.keep_punctuation:
            return value
        value, count = to_full_width(value)
        self.changes += count
        return value

    def place(self, path: ModelPath, at: Location) -> None:
        self.sources[path] = replace(at, path=path)

    # the document, front to back

    def run(self, blocks: list[SourceBlock]) -> dict[str, Any]:
        blocks = self._without_furniture(blocks)
        start = self._front_matter(blocks)
        end = self._end_matter(blocks, start)
        self._body(blocks, start, end)
        self._identity()
        self._emit_body()
        return self.data

    def _without_furniture(self, blocks: list[SourceBlock]) -> list[SourceBlock]:
        kept: list[SourceBlock] = []
        for block in blocks:
            if isinstance(block, SourceTable):
                furniture = not any(cell.strip() for row in block.rows for cell in row)
            else:
                text = block.text.strip()
                furniture = not text or bool(_FURNITURE.fullmatch(text))
            if furniture:
                if shown := _shown(block):
                    self.note("import_furniture", self.at(block), text=shown)
            else:
                kept.append(block)
        return kept

    def _disclosure(self, block: SourceBlock) -> bool:
        if isinstance(block, SourceTable):
            pairs = disclosure_cells(block.rows) or disclosure_pairs(
                " ".join(c for row in block.rows for c in row), colon_required=False
            )
        else:
            pairs = disclosure_pairs(block.text)
        if not pairs:
            return False
        found = self.data.setdefault("disclosure", {})
        for key, value in pairs:
            found[key] = value
            self.place(("disclosure", key), self.at(block))
        return True

    def _front_matter(self, blocks: list[SourceBlock]) -> int:
        """Disclosure, red header, title and addressee; returns where the opening starts."""
        index = 0
        while index < len(blocks) and self._disclosure(blocks[index]):
            index += 1
        index = self._header(blocks, index)
        while index < len(blocks) and self._disclosure(blocks[index]):
            index += 1
        index = self._title(blocks, index)
        while index < len(blocks) and self._disclosure(blocks[index]):
            index += 1
        if index < len(blocks) and isinstance(block := blocks[index], SourceParagraph):
            match = _ADDRESSEE.fullmatch(block.text.strip())
            if match and cells(block.text.strip()) <= 60 and heading_marker(block.text)[0] is None:
                names = [n for n in match["names"].split("、") if n.strip()]
                self.data["addressees"] = [self.text(n) for n in names]
                for number, name in enumerate(names):
                    self.place(("addressees", number), self.at(block, _offset(block.text, name)))
                self.note("import_addressee", self.at(block), text="、".join(self.data["addressees"]))
                index += 1
        if disclosure := self.data.get("disclosure"):
            first = min((self.sources[("disclosure", key)] for key in disclosure), key=lambda at: at.line or 0)
            labels = [label for label, key in DISCLOSURE_LABELS.items() if key in disclosure]
            self.note("import_disclosure", first, labels="、".join(labels), labels_en=", ".join(disclosure))
        return index

    def _header(self, blocks: list[SourceBlock], index: int) -> int:
        """The red header's lines before the title: copy number, classification, urgency, mark, number."""
        header: dict[str, Any] = {}
        places: dict[str, Location] = {}
        end = index
        while end < len(blocks) and isinstance(block := blocks[end], SourceParagraph):
            text = block.text.strip()
            if _COPY_NUMBER.fullmatch(text) and "copy_number" not in header:
                header["copy_number"] = text
            elif _CLASSIFICATION.fullmatch(text):
                header["classification"] = text
            elif _URGENCY.fullmatch(text):
                header["urgency"] = text
            elif _MARK.fullmatch(text) and "mark" not in header:
                header["mark"] = self.text(text)
            elif match := _DOC_NUMBER.fullmatch(text):
                header["number"] = self._doc_number(match["number"], block)
                if match["signers"]:
                    header["signers"] = self._names(match["signers"])
            elif match := _SIGNERS.fullmatch(text):
                header["signers"] = self._names(match["signers"])
            else:
                break
            for key in header:
                places.setdefault(key, self.at(block))
            end += 1
        if "mark" not in header and "number" not in header:
            return index
        self.data["header"] = header
        for key, at in places.items():
            self.place(("header", key), at)
        self.note("import_header", places.get("mark") or places["number"],
                  text=" ".join(str(v) for k, v in header.items() if k in ("mark", "number")))
        return end

    def _names(self, text: str) -> list[str]:
        return [self.text(name) for name in re.split(r"[、，,\s]+", text) if name.strip()]

    def _doc_number(self, number: str, block: SourceParagraph) -> str:
        """A document number as GB/T 9704 writes it: 〔〕 round the year, no 第, no leading zeros."""
        match = re.fullmatch(r"(\S+?)[〔\[【［(（﹝]\s*(\d{4})\s*[〕\]】］)）﹞]\s*第?\s*0*(\d+)\s*号", number)
        fixed = f"{match[1]}〔{match[2]}〕{match[3]}号" if match else number
        if fixed != number:
            self.note("import_doc_number_fixed", self.at(block), "warning", old=number, new=fixed)
        return fixed

    def _title(self, blocks: list[SourceBlock], index: int) -> int:
        first = blocks[index] if index < len(blocks) else None
        if not isinstance(first, SourceParagraph) or not self._title_like(first.text):
            self.note("import_no_title", self.at(first) if first else None, "warning")
            return index
        lines = [first.text.strip()]
        end = index + 1
        while end < len(blocks) and not _TITLE_END.search("".join(lines)):
            following = blocks[end]
            if not isinstance(following, SourceParagraph) or not self._title_like(following.text):
                break
            together = following.align == first.align if first.align else not following.gap_before
            if not together or _ADDRESSEE.fullmatch(following.text.strip()) or cells("".join(lines)) > 60:
                break
            lines.append(following.text.strip())
            end += 1
        title = self.text("".join(lines))
        self.title = (title, self.at(first))
        self.note("import_title", self.at(first), text=title)
        return end

    @staticmethod
    def _title_like(text: str) -> bool:
        text = text.strip()
        return (
            bool(text) and cells(text) <= 60 and not re.search(r"[。；;]", text)
            and not text.endswith((":", "：")) and heading_marker(text)[0] is None and date_of(text) is None
        )

    # the end: date, signature, attachments, note, end block

    def _is_heading(self, block: SourceBlock) -> bool:
        return isinstance(block, SourceParagraph) and bool(
            block.marker or block.style_level or heading_marker(block.text)[0] is not None
        )

    def _end_matter(self, blocks: list[SourceBlock], start: int) -> int:
        """Finds the date and what surrounds it; returns where the body ends.

        The date is the last line that is a date and nothing else, wherever it is (an attachment's
        own text may follow it); failing that, a signature and a date on one line after the body.
        """
        found: tuple[int, Date, str | None] | None = None
        for index in range(len(blocks) - 1, start - 1, -1):
            block = blocks[index]
            if isinstance(block, SourceParagraph) and (issued := date_of(block.text)):
                found = (index, issued, None)
                break
        for index in range(len(blocks) - 1, start - 1, -1):
            block = blocks[index]
            if found or self._is_heading(block):
                break
            if isinstance(block, SourceParagraph) and (dated := self._signed_date(block.text)):
                found = (index, *dated)
        if found is None:
            self.note("import_no_date", None, "warning")
            return len(blocks)
        index, issued, signature = found
        date_block = blocks[index]
        self.data["date"] = issued
        self.place(("date",), self.at(date_block))
        self.note("import_date", self.at(date_block), text=format_date(issued))
        self._after_date(blocks[index + 1:])
        end = index
        if signature is not None:
            self.signature = (self.text(signature), self.at(date_block))
        elif index > start and self._signature_like(blocks[index - 1]):
            signature_block = blocks[index - 1]
            assert isinstance(signature_block, SourceParagraph)
            self.signature = (self.text(signature_block.text), self.at(signature_block))
            self._seal(signature_block, date_block, issued)
            end = index - 1
        if self.signature:
            self.note("import_signature", self.signature[1], text=self.signature[0])
        else:
            self.note("import_no_signature", self.at(date_block), "warning")
        return self._attachments(blocks, start, end)

    def _signed_date(self, text: str) -> tuple[Date, str] | None:
        """A signature and a date on one line: "大同市科技局　2023年12月7日"."""
        match = re.fullmatch(r"(?P<signature>.+?)\s+(?P<date>\S+)", text.strip())
        if match and (issued := date_of(match["date"])) and self._signature_text(match["signature"]):
            return issued, match["signature"]
        return None

    @staticmethod
    def _signature_text(text: str) -> bool:
        text = text.strip()
        return 0 < cells(text) <= 30 and not _has_sentence_punctuation(text) and not text.endswith(("：", ":"))

    def _signature_like(self, block: SourceBlock) -> bool:
        return (
            isinstance(block, SourceParagraph) and not self._is_heading(block)
            and self._signature_text(block.text) and not _ATTACHMENTS.fullmatch(block.text.strip())
        )

    def _seal(self, signature: SourceParagraph, date_block: SourceBlock, issued: Date) -> None:
        """Sealed or not: as the source's markup says, or from where the source placed signature
        and date, when it placed them."""
        assert isinstance(date_block, SourceParagraph)
        if signature.sealed is not None:
            sealed = signature.sealed
        elif signature.start is None or date_block.start is None:
            return
        else:
            profile = load_profile()
            text = signature.text.strip()
            errors = {}
            for seal in (False, True):
                placed = place_signature(text, format_date(issued), seal, profile)
                errors[seal] = abs(placed.signature.start - signature.start) + abs(placed.date.start - date_block.start)
            sealed = errors[True] < errors[False] and errors[True] <= 1.0
        if sealed:
            self.data["seal"] = True
            self.note("import_seal", self.at(signature))

    def _after_date(self, blocks: Sequence[SourceBlock]) -> None:
        """Note, end block and the page's own lists after the date; anything else is kept."""
        end_block: dict[str, Any] = {}
        pending: SourceParagraph | None = None  # an unknown line: the printer, if 印发 follows alone
        related = False
        for block in blocks:
            paragraph = block if isinstance(block, SourceParagraph) else None
            text = paragraph.text.strip() if paragraph else ""
            printed = _PRINTED.fullmatch(text) if paragraph else None
            if printed and date_of(printed["date"]) is None:
                printed = None
            if pending and not (printed and not printed["printer"]):
                self._trail(pending)
                pending = None
            related = related or bool(paragraph and _RELATED.fullmatch(text))
            if related:
                self.note("import_furniture", self.at(block), text=_shown(block))
            elif match := _COPY_TO.fullmatch(text):
                end_block["copy_to"] = [self.text(n) for n in re.split(r"[，,]", match["names"]) if n.strip()]
                self.place(("end_block", "copy_to"), self.at(block))
            elif printed:
                printer = pending or block
                if printed["printer"] or pending:
                    end_block["printer"] = self.text(printed["printer"] or printer.text)
                    self.place(("end_block", "printer"), self.at(printer))
                pending = None
                end_block["print_date"] = date_of(printed["date"])
                self.place(("end_block", "print_date"), self.at(block))
            elif (match := _NOTE.fullmatch(text)) and "note" not in self.data:
                self.data["note"] = self.text(match["text"])
                self.place(("note",), self.at(block, 1))
                self.note("import_note", self.at(block), text=self.data["note"])
            elif paragraph:
                pending = paragraph
            else:
                self._trail(block)
        if pending:
            self._trail(pending)
        if end_block:
            self.data["end_block"] = end_block
            self.note("import_end_block", self.sources.get(("end_block", "print_date")),
                      text=str(end_block.get("printer", "")))

    def _trail(self, block: SourceBlock) -> None:
        """Text after the date that is none of the known end matter: kept, in the last part."""
        if isinstance(block, SourceTable):
            text = "　".join(c for row in block.rows for c in row if c.strip())
        else:
            text = block.text
        self.trailing.append(_Para(self.text(text), self.at(block)))

    def _attachments(self, blocks: list[SourceBlock], start: int, end: int) -> int:
        """附件：1.… and its further items, between the body and the signature."""
        for index in range(end - 1, start - 1, -1):
            block = blocks[index]
            numbered_item = isinstance(block, SourceParagraph) and _ITEM_NUMBER.match(block.text)
            if not isinstance(block, SourceParagraph) or (self._is_heading(block) and not numbered_item):
                return end
            match = _ATTACHMENTS.fullmatch(block.text.strip())
            if not match:
                continue
            items = [(match["first"], block)] + [(b.text, b) for b in blocks[index + 1:end] if isinstance(b, SourceParagraph)]
            if any(cells(text) > 80 or "。" in text for text, _ in items):
                return end
            names = []
            for text, source in items:
                name = self.text(_ITEM_NUMBER.sub("", text))
                if name:
                    self.place(("attachments", len(names)), self.at(source, _offset(source.text, name[:1])))
                    names.append(name)
            if not names:
                return end
            self.data["attachments"] = names
            self.note("import_attachments", self.at(block), count=len(names))
            return index
        return end

    # the body

    def _ranks(self, blocks: Sequence[SourceBlock]) -> dict[int, int]:
        """The heading paragraphs' ranks (1 outermost), from their markers or, failing that, markup."""
        ranks: dict[int, int] = {}
        styled: dict[int, int] = {}
        for index, block in enumerate(blocks):
            if not isinstance(block, SourceParagraph) or block.caption:
                continue
            level = heading_marker(block.marker or block.text)[0]
            if level is not None:
                ranks[index] = level
            elif block.style_level and cells(block.text) <= 60:  # a long "heading" is a misstyled paragraph
                styled[index] = block.style_level
        order = sorted(set(styled.values()))
        ranks.update({index: order.index(level) + 1 for index, level in styled.items()})
        if not ranks:  # no markers, no markup: short lines that name a part are the parts
            ranks = {
                i: 1 for i, b in enumerate(blocks)
                if isinstance(b, SourceParagraph) and cells(b.text) <= 40
                and not _has_sentence_punctuation(b.text.strip().rstrip("。")) and part_for(b.text)
            }
        return ranks

    def _body(self, blocks: list[SourceBlock], start: int, end: int) -> None:
        body = blocks[start:end]
        ranks = self._ranks(body)
        top = min(ranks.values(), default=1)
        stack: list[tuple[int, _Section]] = []
        for index, block in enumerate(body):
            container = stack[-1][1].items if stack else self.opening
            if isinstance(block, SourceTable):
                self._table(block, container, start + index)
            elif _RELATED.fullmatch(block.text.strip()):
                self.note("import_furniture", self.at(block), text=block.text.strip())
            elif index not in ranks:
                container.append(_Para(self.text(block.text), self.at(block), start + index, _set_as_caption(block)))
            elif not stack and ranks[index] != top:
                self.opening.append(_Para(self.text(block.marker + block.text), self.at(block), start + index))
                self.note("import_unplaced", self.at(block), "warning", text=block.text.strip()[:30], place="导语",
                          place_en="the opening")
            else:
                rank = ranks[index]
                while stack and stack[-1][0] >= rank:
                    stack.pop()
                node = self._heading(block)
                if stack:
                    stack[-1][1].items.append(node)
                else:
                    self.parts.append(node)
                stack.append((rank, node))
        if not self.parts:
            self.note("import_no_parts", None, "warning")

    def _heading(self, block: SourceParagraph) -> _Section:
        """A heading paragraph: its text without the marker, and the body text run in after it."""
        if block.marker:
            marker, rest, offset = block.marker, block.text.strip(), 0
        else:
            _, marker, rest = heading_marker(block.text)
            offset = len(block.text) - len(rest)
        lead = heading_marker(block.lead)[2] if block.lead else ""
        split = len(lead) if lead and rest.startswith(lead) and rest[len(lead):].strip() else _run_in_split(rest)
        if split is None:
            return _Section(self.text(rest), self.at(block, offset), marker=marker)
        body = rest[split:]
        body_offset = offset + split + len(body) - len(body.lstrip())
        paragraph = _Para(self.text(body), self.at(block, body_offset))
        return _Section(self.text(rest[:split]), self.at(block, offset), run_in=True, marker=marker, items=[paragraph])

    def _table(self, block: SourceTable, container: list[Item], index: int) -> None:
        if self._disclosure(block):
            return
        rows = [[self.text(cell) for cell in row] for row in block.rows]
        width = max(len(row) for row in rows)
        if len(rows) < 2:
            container.append(_Para("　".join(c for c in rows[0] if c), self.at(block), index))
            self.note("import_table_one_row", self.at(block), "warning")
            return
        if any(len(row) != width for row in rows):
            self.note("import_table_ragged", self.at(block), "warning", columns=width)
        table = _Table([row + [""] * (width - len(row)) for row in rows], self.at(block))
        previous = container[-1] if container else None
        if (
            isinstance(previous, _Para) and previous.source == index - 1
            and (previous.caption or self._caption_like(previous.text))
        ):
            table.caption = container.pop()
        container.append(table)
        self.note("import_table", self.at(block), rows=len(rows) - 1, columns=width)

    @staticmethod
    def _caption_like(text: str) -> bool:
        """A short line right before a table: 表1…, or a name that is no sentence (…情况统计表,
        …情况（单位：件）); "情况如下：" is none."""
        return _short_line(text) and (
            bool(_CAPTION.match(text)) or not (re.search(r"[。；;，,！？!?]", text) or text.endswith((":", "：")))
        )

    # issuer, year, title, signature

    def _identity(self) -> None:
        title = self.title[0] if self.title else None
        issuer = self.signature[0] if self.signature else None
        if issuer is None and title and (match := _ISSUER_IN_TITLE.match(title)):
            issuer = match["issuer"]
            self.note("import_issuer_from_title", self.title[1] if self.title else None, "warning", text=issuer)
        if issuer is None and (publisher := self.data.get("disclosure", {}).get("publisher")):
            issuer = publisher
            self.note("import_issuer_from_disclosure", self.sources.get(("disclosure", "publisher")), "warning",
                      text=issuer)
        if issuer:
            self.data["issuer"] = issuer
            if self.signature:
                self.place(("issuer",), self.signature[1])
                self.data["signature"] = self.signature[0]
                self.place(("signature",), self.signature[1])
        year = self._year(title)
        if year:
            self.data["year"] = year
        if title:
            self.data["title"] = title
            self.place(("title",), self.title[1])  # type: ignore[index]

    def _year(self, title: str | None) -> int | None:
        texts = [title or ""] + [part.heading for part in self.parts]
        for text in texts:
            if match := _YEAR.search(text):
                return int(match[1])
        issued = self.data.get("date")
        if issued is None:
            return None
        year = issued.year - 1 if issued.month <= 6 else issued.year
        self.note("import_year_guessed", self.sources.get(("date",)), "warning", year=year)
        return year

    # parts, placed by meaning, then emitted with their model paths

    def _part_keys(self) -> list[str | None]:
        """Each top-level heading's part: by meaning where the meanings keep the parts' order, by
        position in between; None for a heading left over."""
        guesses = [part_for(part.heading) for part in self.parts]
        order = [PART_KEYS.index(g) if g else None for g in guesses]
        # The longest run of guesses in the parts' order wins; a guess out of order is dropped.
        best: list[list[int]] = []
        for i, rank in enumerate(order):
            if rank is None:
                best.append([])
                continue
            chains = [best[j] for j in range(i) if order[j] is not None and order[j] < rank]  # type: ignore[operator]
            best.append(max(chains, key=len, default=[]) + [i])
        chosen = set(max(best, key=len, default=[]))
        keys: list[str | None] = [guesses[i] if i in chosen else None for i in range(len(guesses))]
        for i, key in enumerate(keys):
            if key is not None:
                continue
            before = max((PART_KEYS.index(k) for k in keys[:i] if k), default=-1)
            after = min((PART_KEYS.index(k) for k in keys[i + 1:] if k), default=len(PART_KEYS))
            if before + 1 < after:
                keys[i] = PART_KEYS[before + 1]
                self.note("import_part_by_position", self.parts[i].at, "warning",
                          heading=self.parts[i].heading, **_part_params(keys[i]))
        return keys

    def _emit_body(self) -> None:
        opening = [item for item in self.opening if isinstance(item, _Para)]
        misplaced = [item for item in self.opening if not isinstance(item, _Para)]
        if opening:
            self.data["opening"] = [self._emit_para(p, ("opening", n)) for n, p in enumerate(opening)]
            self.note("import_opening", opening[0].at, count=len(opening))
        keys = self._part_keys()
        placed: list[tuple[str, _Section]] = []
        for key, part in zip(keys, self.parts):
            if key:
                placed.append((key, part))
            elif placed:
                placed[-1][1].items.append(part)
                self.note("import_unplaced", part.at, "warning", text=part.heading[:30], **_place(placed[-1][0]))
            else:
                misplaced.append(part)
        if placed:
            first = placed[0][1]
            for item in misplaced:
                self.note("import_unplaced", item.at, "warning", text=_item_text(item)[:30], **_place(placed[0][0]))
            first.items[:0] = misplaced
            last_key, last = placed[-1]
            for paragraph in self.trailing:
                self.note("import_unplaced", paragraph.at, "warning", text=paragraph.text[:30], **_place(last_key))
            last.items += self.trailing
        parts: dict[str, Any] = {}
        for key, part in placed:
            path: ModelPath = ("parts", key)
            self.place(path, part.at)
            self.place((*path, "heading"), part.at)
            content: list[Any] = []
            self._emit_items(content, part.items, (*path, "content"), 2)
            parts[key] = {"heading": part.heading, "content": content}
            self.note("import_part", part.at, heading=part.heading, **_part_params(key))
        if parts:
            self.data["parts"] = parts

    def _emit_para(self, paragraph: _Para, path: ModelPath) -> str:
        self.place(path, paragraph.at)
        return paragraph.text

    def _emit_items(self, out: list[Any], items: list[Item], path: ModelPath, level: int) -> None:
        """Appends the items as model content; a section deeper than level 4 becomes a paragraph."""
        for item in items:
            here = (*path, len(out))
            if isinstance(item, _Para):
                out.append(self._emit_para(item, here))
            elif isinstance(item, _Table):
                table: dict[str, Any] = {"header": item.rows[0], "rows": item.rows[1:]}
                if item.caption:
                    table = {"caption": self._emit_para(item.caption, (*here, "table", "caption")), **table}
                self.place(here, item.at)
                self.place((*here, "table"), item.at)
                out.append({"table": table})
            elif level > 4:
                self.note("import_too_deep", item.at, "warning", text=item.heading[:30])
                out.append(self._emit_para(_Para(item.heading, item.at), here))
                self._emit_items(out, item.items, path, level)
            else:
                written = heading_marker(item.marker + "x")[0] if item.marker else None
                if written not in (None, level):
                    self.note("import_renumbered", item.at, marker=item.marker, new=generated_marker(level, 1), level=level)
                self.place(here, item.at)
                self.place((*here, "heading"), item.at)
                section: dict[str, Any] = {"heading": item.heading}
                if item.run_in:
                    section["run_in"] = True
                content: list[Any] = []
                self._emit_items(content, item.items, (*here, "content"), level + 1)
                section["content"] = content
                out.append(section)


def _short_line(text: str) -> bool:
    return cells(text) <= 40 and "。" not in text


def _set_as_caption(block: SourceParagraph) -> bool:
    """Whether the source sets a paragraph as a table's caption: marked so (HTML <caption>), or
    centred as Word captions are."""
    return block.caption or (block.align == "center" and _short_line(block.text))


def _offset(text: str, piece: str) -> int:
    """Where a piece of a paragraph starts in it (0 when the piece was changed past finding)."""
    return max(0, text.find(piece.strip()))


def _shown(block: SourceBlock) -> str:
    """A block as a note quotes it."""
    if isinstance(block, SourceTable):
        return "| " + " | ".join(block.rows[0] if block.rows else ()) + " |"
    return block.text.strip()


def _item_text(item: Item) -> str:
    if isinstance(item, _Para):
        return item.text
    if isinstance(item, _Section):
        return item.heading
    return " ".join(item.rows[0])


def _place(key: str) -> dict[str, str]:
    return {"place": f"第{'一二三四五'[PART_KEYS.index(key)]}部分“{PART_NAMES[key][0]}”", "place_en": f"part '{PART_NAMES[key][1]}'"}


def _part_params(key: str) -> dict[str, Any]:
    return {"key": key, "name": PART_NAMES[key][0], "name_en": PART_NAMES[key][1],
            "number": "一二三四五"[PART_KEYS.index(key)], "ordinal": PART_KEYS.index(key) + 1}


def build_report(
    blocks: Sequence[SourceBlock], file: str | None = None, *, keep_punctuation: bool = False
) -> ImportResult:
    """The report a source's paragraphs and tables make, with notes and source positions."""
    builder = _Builder(file, keep_punctuation)
    data = builder.run(list(blocks))
    if builder.changes:
        builder.note("import_punctuation", Location(file), count=builder.changes)
    builder.notes.sort(key=lambda n: (n.location.line is None, n.location.line or 0, n.location.column or 0))
    report: Report | None = None
    problems: list[Problem] = []
    try:
        report = Report.model_validate(data)
    except ValidationError as error:
        problems = [_locate(p, builder.sources, file) for p in problems_from_validation(error, None, file)]
    else:
        builder.notes.append(Problem("import_summary", _counts(report, builder.notes), Location(file), "info"))
    return ImportResult(report, data, builder.notes, problems, builder.changes, builder.sources, tuple(blocks))


def _counts(report: Report, notes: list[Problem]) -> dict[str, int]:
    """How much was imported, for the closing line of the notes."""
    paragraphs = tables = 0

    def walk(items: list[Any]) -> None:
        nonlocal paragraphs, tables
        for item in items:
            if isinstance(item, str):
                paragraphs += 1
            elif hasattr(item, "table"):
                tables += 1
            else:
                walk(item.content)

    for _, part in report.parts.items():
        walk(part.content)
    return {
        "parts": len(report.parts.items()), "sections": len(report.sections()), "paragraphs": paragraphs,
        "tables": tables, "unplaced": sum(1 for n in notes if n.code == "import_unplaced"),
    }


def _locate(problem: Problem, sources: dict[ModelPath, Location], file: str | None) -> Problem:
    """A validation problem placed at the source line of the nearest model path that has one."""
    path = problem.location.path
    for length in range(len(path), 0, -1):
        if at := sources.get(path[:length]):
            return replace(problem, location=Location(file, at.line, at.column, path))
    return replace(problem, location=Location(file, None, None, path))
