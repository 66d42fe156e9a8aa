#!/usr/bin/env python3
"""Writes the corpus's Word drafts of 2026 (word-*-2026.docx) and their ground truth
(NAME.expected.yaml), as offices have them: typed in Word or WPS, edited by several people.

    python tests/import_corpus/_make_word_2026.py        # the .docx drafts and their truths
    python tests/import_corpus/_make_word_2026.py --lo   # and, with soffice, the -lo .doc/.odt

Each draft is written through `Draft`, which writes the paragraph's XML and, beside it, what a
careful reader takes from it for the ground truth: tracked changes accepted, hidden text,
comments, footnotes and deleted text left out, a field's shown result kept. python-docx gives
the package (styles, parts, headers); the body and what python-docx has no API for is raw XML.
The zip is written with fixed timestamps, so each run writes the same bytes.

Inline marks in a text (⟦kind:argument⟧), each written as Word writes it:
    ins / del          a tracked insertion / deletion        moveto / movefrom   a tracked move
    fn / en            a footnote / an endnote, its text     cm                  a comment, its text
    hid                hidden text (w:vanish)                sym:FONT:F0B3       a symbol (w:sym)
    shy / nbsp         a soft hyphen / a non-breaking space  pe                  a proofing mark
    bm:NAME            a bookmark                            fld:INSTR|RESULT    a field (fldChar)
    fs:INSTR|RESULT    a simple field (w:fldSimple)
    math               a formula (Insert > Equation)         ruby:字|zì          a character under its pinyin
"""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

HERE = Path(__file__).resolve().parent
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
NS = " ".join((nsdecls("w", "r", "wp", "a"), 'xmlns:v="urn:schemas-microsoft-com:vml"',
               'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
               'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
               'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"',
               'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'))
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
FANG, HEI, KAI, XBS = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"
SYMBOLS = {"F0B3": "≥", "F0A3": "≤", "F0B4": "×", "F0D6": "√", "F0B1": "±"}
MARK = re.compile(r"⟦(\w+)(?::(.*?))?⟧")

# Numbering definitions as offices have them; a draft makes its w:num instances from these.
LEVELS = {
    "outline": ("chineseCounting:%1、", "chineseCounting:（%2）", "decimal:%3.", "decimal:（%4）"),
    "sections": ("chineseCounting:（%1）",),
    "items": ("decimal:%1.",),
    "fullwidth": ("decimalFullWidth:%1．",),
    "stems": ("ideographTraditional:%1、",),
}


def visible(text: str) -> str:
    """What the reader sees of a marked text: Word's 'final' view, without hidden text or notes."""

    def shown(match: re.Match[str]) -> str:
        kind, arg = match[1], match[2] or ""
        if kind in ("ins", "moveto"):
            return arg
        if kind == "sym":
            return SYMBOLS.get(arg.split(":")[1], "")  # one the reader cannot show: nothing
        if kind in ("fld", "fs"):
            return arg.split("|", 1)[1]
        if kind == "math":
            return arg
        if kind == "ruby":
            return arg.split("|")[0]
        return ""

    return MARK.sub(shown, text).replace("\u00a0", "")


def rpr(font: str, bold: bool = False, size: int = 32, extra: str = "") -> str:
    return (f'<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="{font}" w:hAnsi="Times New Roman"/>'
            f'{"<w:b/>" if bold else ""}{extra}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>')


def t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


@dataclass
class Draft:
    name: str
    note: str
    issuer: str
    year: int
    date: str  # ISO, for the truth
    title: str | None = None
    addressees: list[str] = field(default_factory=list)
    header: dict[str, Any] | None = None
    end_block: dict[str, Any] | None = None
    wps: bool = False
    body: list[str] = field(default_factory=list)
    truth: dict[str, Any] = field(default_factory=dict)
    footnotes: list[str] = field(default_factory=list)
    endnotes: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    nums: list[str] = field(default_factory=list)
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a list's levels linked to styles
    styles: list[str] = field(default_factory=list)
    embedded: list[tuple[str, str, bytes, str]] = field(default_factory=list)  # (part, content type, bytes, relation)
    header_text: str | None = None
    footer_page: bool = False
    ids: int = 0

    def __post_init__(self) -> None:
        self.truth = {"opening": [], "parts": {}}
        self._part: dict[str, Any] | None = None
        self._section: dict[str, Any] | None = None

    # runs and paragraphs

    def runs(self, text: str, font: str = FANG, bold: bool = False, size: int = 32) -> str:
        """The runs of a marked text, each mark as Word writes it."""
        out, pos = [], 0
        props = rpr(font, bold, size)
        for match in MARK.finditer(text):
            if match.start() > pos:
                out.append(f"<w:r>{props}{t(text[pos:match.start()])}</w:r>")
            out.append(self._mark(match[1], match[2] or "", font, bold, size))
            pos = match.end()
        if pos < len(text):
            out.append(f"<w:r>{props}{t(text[pos:])}</w:r>")
        return "".join(out)

    def _mark(self, kind: str, arg: str, font: str, bold: bool, size: int) -> str:
        self.ids += 1
        n, props = self.ids, rpr(font, bold, size)
        who = 'w:author="办公室" w:date="2026-01-05T09:30:00Z"'
        if kind in ("ins", "moveto"):
            tag = "ins" if kind == "ins" else "moveTo"
            return f'<w:{tag} w:id="{n}" {who}><w:r>{props}{t(arg)}</w:r></w:{tag}>'
        if kind in ("del", "movefrom"):
            tag, text_tag = ("del", "delText") if kind == "del" else ("moveFrom", "t")
            return (f'<w:{tag} w:id="{n}" {who}><w:r>{props}<w:{text_tag} xml:space="preserve">{escape(arg)}'
                    f"</w:{text_tag}></w:r></w:{tag}>")
        if kind in ("fn", "en"):
            notes = self.footnotes if kind == "fn" else self.endnotes
            notes.append(arg)
            ref = "footnote" if kind == "fn" else "endnote"
            return (f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                    f'<w:{ref}Reference w:id="{len(notes)}"/></w:r>')
        if kind == "cm":
            self.comments.append(arg)
            c = len(self.comments) - 1
            return (f'<w:commentRangeEnd w:id="{c}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                    f'<w:commentReference w:id="{c}"/></w:r>')
        if kind == "hid":
            return f"<w:r>{rpr(font, bold, size, '<w:vanish/>')}{t(arg)}</w:r>"
        if kind == "sym":
            face, char = arg.split(":")
            return f'<w:r>{props}<w:sym w:font="{face}" w:char="{char}"/></w:r>'
        if kind == "shy":
            return f"<w:r>{props}<w:softHyphen/></w:r>"
        if kind == "math":
            return f"<m:oMath><m:r>{props}<m:t>{escape(arg)}</m:t></m:r></m:oMath>"
        if kind == "ruby":
            base, pinyin = arg.split("|")
            return (f'<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="distributeSpace"/><w:hps w:val="16"/>'
                    f'<w:hpsRaise w:val="30"/><w:hpsBaseText w:val="32"/><w:lid w:val="zh-CN"/></w:rubyPr>'
                    f"<w:rt><w:r>{rpr(FANG, size=16)}{t(pinyin)}</w:r></w:rt>"
                    f"<w:rubyBase><w:r>{props}{t(base)}</w:r></w:rubyBase></w:ruby></w:r>")
        if kind == "nbsp":
            return f"<w:r>{props}{t(chr(0xA0))}</w:r>"
        if kind == "pe":
            return '<w:proofErr w:type="spellStart"/><w:proofErr w:type="spellEnd"/>'
        if kind == "bm":
            return f'<w:bookmarkStart w:id="{n}" w:name="{arg}"/><w:bookmarkEnd w:id="{n}"/>'
        if kind == "fld":
            instr, result = arg.split("|", 1)
            return (f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r>'
                    f'<w:r>{props}<w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
                    f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{props}{t(result)}</w:r>'
                    f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>')
        if kind == "fs":
            instr, result = arg.split("|", 1)
            quoted = escape(instr, {'"': "&quot;"})
            return f'<w:fldSimple w:instr=" {quoted} "><w:r>{props}{t(result)}</w:r></w:fldSimple>'
        raise ValueError(kind)

    def p(self, text: str = "", font: str = FANG, bold: bool = False, size: int = 32, jc: str | None = None,
          first: int | None = 200, left: int | None = None, num: tuple[str, int] | None = None,
          style: str | None = None, ppr: str = "", runs: str | None = None) -> str:
        props = [f'<w:pStyle w:val="{style}"/>' if style else "",
                 f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else "",
                 '<w:spacing w:line="560" w:lineRule="exact"/>',
                 f'<w:ind w:firstLineChars="{first}" w:firstLine="{first * 32 // 10}"/>' if first and left is None else "",
                 f'<w:ind w:leftChars="{left}" w:left="{left * 32 // 10}"/>' if left is not None else "",
                 f'<w:jc w:val="{jc}"/>' if jc else "", ppr]
        start = '<w:commentRangeStart w:id="{}"/>'.format(len(self.comments)) if "⟦cm:" in text else ""
        paraid = f' w14:paraId="{0x10000000 + len(self.body):08X}" w14:textId="77777777"' if self.wps else ""
        return f'<w:p{paraid}><w:pPr>{"".join(props)}</w:pPr>{start}{runs if runs is not None else self.runs(text, font, bold, size)}</w:p>'

    def embed(self, name: str, content_type: str, blob: bytes, kind: str) -> str:
        """A part the body refers to (`kind` its relationship: image, package, chart), by the
        placeholder its relationship's id replaces."""
        self.embedded.append((name, content_type, blob, kind))
        return f"⟪rel:{len(self.embedded) - 1}⟫"

    def add(self, *xml: str) -> None:
        self.body.extend(xml)

    def num(self, levels: str, restart: int | None = None) -> str:
        """A new w:num of a list definition (restarted at `restart` by a level override)."""
        self.nums.append(f"{levels}:{restart or ''}")
        return str(100 + len(self.nums))

    # the report's pieces, written and recorded for the truth

    def title_p(self, text: str, shown: str | None = None) -> str:
        self.truth["title"] = visible(shown or text).replace("\n", "")
        return self.p(text, XBS, size=44, jc="center", first=None)

    def addressee(self, text: str) -> None:
        self.add(self.p(text, first=None))

    def opening(self, text: str, **kw: Any) -> None:
        self.truth["opening"].append(visible(text))
        self.add(self.p(text, **kw))

    def part(self, key: str, text: str, how: str = "typed", marker: str = "", **kw: Any) -> None:
        """A part's heading: `typed` with its marker in 黑体, `faces` without one, `auto` numbered
        by kw's num, `style` by a heading style (kw's style)."""
        heading = visible(text)
        self._part = self.truth["parts"][key] = {"heading": heading, "content": []}
        self._section = None
        shown = marker + text if how == "typed" else text
        self.add(self.p(shown, HEI, bold=kw.pop("bold", False), **kw))

    def section(self, text: str, how: str = "typed", marker: str = "", **kw: Any) -> None:
        assert self._part is not None
        self._section = {"heading": visible(text), "content": []}
        self._part["content"].append(self._section)
        shown = marker + text if how == "typed" else text
        self.add(self.p(shown, KAI, bold=kw.pop("bold", False), **kw))

    def runin(self, marker: str, lead: str, rest: str, font: str = KAI, bold: bool = False) -> None:
        assert self._part is not None
        self._section = {"heading": visible(lead), "run_in": True, "content": [visible(rest)]}
        self._part["content"].append(self._section)
        self.add(self.p(runs=self.runs(marker + lead, font, bold) + self.runs(rest)))

    def para(self, text: str, shown_marker: str = "", lead: str = "", **kw: Any) -> None:
        """A body paragraph; `shown_marker` is what automatic numbering draws before it, `lead` a
        bold lead-in typed before the text (一是), no heading."""
        self._here().append(shown_marker + lead + visible(text))
        if lead:
            kw["runs"] = self.runs(lead, kw.get("font", FANG), True) + self.runs(text, kw.get("font", FANG))
        self.add(self.p(text, **kw))

    def _here(self) -> list[Any]:
        if self._section is not None:
            return self._section["content"]
        return self._part["content"] if self._part is not None else self.truth["opening"]

    def table(self, caption: str | None, header: list[str], rows: list[list[str]], xml: str | None = None,
              landscape: bool = False) -> None:
        table: dict[str, Any] = {"header": header, "rows": rows}
        if caption:
            table = {"caption": visible(caption), **table}
            self.add(self.p(caption, HEI, size=28, jc="center", first=None))
        self._here().append({"table": table})
        self.add(xml or grid_table([header, *rows]))

    def plain_signoff(self, signature: str, date: str) -> None:
        self.add(self.p(signature, jc="right", first=None, ppr='<w:ind w:right="640"/>'),
                 self.p(date, jc="right", first=None, ppr='<w:ind w:right="640"/>'))

    # the package

    def save(self) -> bytes:
        document = docx.Document()
        body = document.element.body
        sect = body[-1]
        xml = "".join(self.body)
        for n, (name, content_type, blob, kind) in enumerate(self.embedded):
            part = Part(PackURI(name), content_type, blob, document.part.package)
            xml = xml.replace(f"⟪rel:{n}⟫", document.part.relate_to(part, REL + kind))
        for element in parse_xml(f"<w:body {NS}>{xml}</w:body>"):
            sect.addprevious(element)
        sect.append(parse_xml(f'<w:pgSz {nsdecls("w")} w:w="11906" w:h="16838"/>'))
        for old in sect.findall(docx.oxml.ns.qn("w:pgSz"))[:-1]:
            sect.remove(old)
        self._numbering(document)
        for style in self.styles:
            document.styles.element.append(parse_xml(style.format(ns=nsdecls("w"))))
        self._notes(document, "footnote", self.footnotes)
        self._notes(document, "endnote", self.endnotes)
        if self.comments:
            comments = "".join(
                f'<w:comment w:id="{i}" w:author="审核人" w:date="2026-01-06T10:00:00Z" w:initials="审">'
                f"<w:p><w:r>{t(text)}</w:r></w:p></w:comment>" for i, text in enumerate(self.comments))
            self._add_part(document, "comments", f"<w:comments {NS}>{comments}</w:comments>")
        section = document.sections[0]
        if self.header_text:
            section.header.paragraphs[0].text = self.header_text
        if self.footer_page:
            footer = section.footer.paragraphs[0]
            footer.alignment = 1
            footer._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>— </w:t></w:r>"))
            footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
            footer._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t> —</w:t></w:r>"))
        if self.wps:
            props = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                     'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                     '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
                     "<vt:lpwstr>2052-12.1.0.16729</vt:lpwstr></property></Properties>")
            part = Part(PackURI("/docProps/custom.xml"), "application/vnd.openxmlformats-officedocument.custom-properties+xml",
                        props.encode(), document.part.package)
            document.part.package.relate_to(part, REL + "custom-properties")
        buffer = io.BytesIO()
        document.save(buffer)
        return _fixed_zip(buffer.getvalue(), self.wps)

    def _numbering(self, document: Any) -> None:
        root = document.part.numbering_part.element
        used = sorted({entry.split(":")[0] for entry in self.nums})
        for a, name in enumerate(used):
            levels = "".join(
                f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{spec.split(":")[0]}"/>'
                + (f'<w:pStyle w:val="{self.links[name][i]}"/>' if i < len(self.links.get(name, ())) else "") +
                f'<w:lvlText w:val="{spec.split(":")[1]}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
                for i, spec in enumerate(LEVELS[name]))
            root.insert(a, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{50 + a}">'
                                     f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'))
        for i, entry in enumerate(self.nums):
            name, restart = entry.split(":")
            override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart}"/></w:lvlOverride>'
                        if restart else "")
            root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{101 + i}">'
                                  f'<w:abstractNumId w:val="{50 + used.index(name)}"/>{override}</w:num>'))

    def _notes(self, document: Any, kind: str, texts: list[str]) -> None:
        if not texts:
            return
        separators = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                      f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                      f"</w:r></w:p></w:{kind}>")
        notes = "".join(
            f'<w:{kind} w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r>'
            f"<w:r>{t(' ' + text)}</w:r></w:p></w:{kind}>" for i, text in enumerate(texts, 1))
        self._add_part(document, kind + "s", f"<w:{kind}s {NS}>{separators}{notes}</w:{kind}s>")

    @staticmethod
    def _add_part(document: Any, name: str, xml: str) -> None:
        part = Part(PackURI(f"/word/{name}.xml"), f"{CT}{name}+xml", xml.encode(), document.part.package)
        document.part.relate_to(part, REL + name)

    def write(self) -> None:
        (HERE / f"{self.name}.docx").write_bytes(self.save())
        (HERE / f"{self.name}.expected.yaml").write_text(self.expected(), "utf-8")

    def expected(self) -> str:
        truth = self.truth
        lines = [f"# {self.note}", f"issuer: {self.issuer} # 发文机关", f"year: {self.year} # 报告年度",
                 f"date: {self.date} # 成文日期"]
        if truth.get("title"):
            lines.append(f"title: {_scalar(truth['title'])}")
        if self.addressees:
            lines.append(f"addressees: {_scalar(self.addressees[0])}" if len(self.addressees) == 1
                         else "addressees:\n" + "".join(f"  - {_scalar(a)}\n" for a in self.addressees).rstrip())
        if truth["opening"]:
            lines += ["", "opening: # 导语", *(f"  - {_scalar(o)}" for o in truth["opening"])]
        lines += ["", "parts: # 正文各部分"]
        for key, part in truth["parts"].items():
            lines += [f"  {key}:", f"    heading: {_scalar(part['heading'])}", "    content:"]
            lines += _items(part["content"], 6)
        if truth.get("attachments"):
            lines += ["", "attachments: # 附件", *(f"  - {_scalar(a)}" for a in truth["attachments"])]
        for key, label in (("header", "版头"), ("end_block", "版记")):
            value = getattr(self, key)
            if value:
                lines += ["", f"{key}: # {label}"]
                for k, v in value.items():
                    lines += [f"  {k}:", *(f"    - {_scalar(x)}" for x in v)] if isinstance(v, list) else [f"  {k}: {_scalar(v)}"]
        return "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    plain = value and not re.search(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: | #|[\s:]$", value) and not re.fullmatch(r"[\d.,\-]+", value)
    return value if plain else json.dumps(value, ensure_ascii=False)


def _items(items: list[Any], indent: int) -> list[str]:
    pad = " " * indent
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(f"{pad}- {_scalar(item)}")
        elif "table" in item:
            table = item["table"]
            out.append(f"{pad}- table:")
            if table.get("caption"):
                out.append(f"{pad}    caption: {_scalar(table['caption'])}")
            out.append(f"{pad}    header: [{', '.join(_scalar(h) for h in table['header'])}]")
            out.append(f"{pad}    rows:")
            out += [f"{pad}      - [{', '.join(json.dumps(c, ensure_ascii=False) for c in row)}]" for row in table["rows"]]
        else:
            out.append(f"{pad}- heading: {_scalar(item['heading'])}")
            if item.get("run_in"):
                out.append(f"{pad}  run_in: true")
            out.append(f"{pad}  content:")
            out += _items(item["content"], indent + 4)
    return out


def _fixed_zip(data: bytes, wps: bool) -> bytes:
    """The package again with fixed timestamps and no thumbnail; WPS's namespaces on the body when
    `wps` (WPS declares its own and those of Word 2013)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if wps and info.filename == "word/document.xml":
                blob = blob.replace(b'mc:Ignorable="w14 wp14"', (
                    b'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
                    b'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" '
                    b'mc:Ignorable="w14 w15 wp14"'), 1)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), blob, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def png(width: int, height: int) -> bytes:
    """A white picture, as small as PNG allows."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def excel_object(d: Draft) -> str:
    """A table pasted from Excel with 'paste special, as an object': Word shows its picture (VML)
    and keeps the workbook as an embedded package."""
    image = d.embed("/word/media/image1.png", "image/png", png(8, 4), "image")
    workbook = d.embed("/word/embeddings/Microsoft_Excel_Worksheet.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x05\x06" + b"\0" * 18, "package")
    return (f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:object w:dxaOrig="8520" w:dyaOrig="2340">'
            f'<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:426pt;height:117pt" o:ole="" '
            f'xmlns:o="urn:schemas-microsoft-com:office:office"><v:imagedata r:id="{image}" o:title=""/></v:shape>'
            f'<o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" Type="Embed" ProgID="Excel.Sheet.12" '
            f'ShapeID="_x0000_i1025" DrawAspect="Content" ObjectID="_1766012345" r:id="{workbook}"/></w:object></w:r></w:p>')


C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def bar_chart(d: Draft, title: str, series: str, points: list[tuple[str, int]]) -> str:
    """A column chart inserted in Word (Insert > Chart): a drawing pointing to a chart part."""
    cats = "".join(f'<c:pt idx="{i}"><c:v>{escape(k)}</c:v></c:pt>' for i, (k, _) in enumerate(points))
    vals = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, (_, v) in enumerate(points))
    n = f'<c:ptCount val="{len(points)}"/>'
    axis = '<c:scaling><c:orientation val="minMax"/></c:scaling>'
    chart = (f'<c:chartSpace xmlns:c="{C}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart>'
             f'<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{escape(title)}</a:t></a:r></a:p></c:rich></c:tx></c:title>'
             f'<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
             f'<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>{escape(series)}</c:v></c:tx>'
             f'<c:cat><c:strLit>{n}{cats}</c:strLit></c:cat><c:val><c:numLit>{n}{vals}</c:numLit></c:val></c:ser>'
             f'<c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/>{axis}<c:axPos val="b"/>'
             f'<c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/>{axis}<c:axPos val="l"/><c:crossAx val="1"/>'
             f"</c:valAx></c:plotArea></c:chart></c:chartSpace>")
    rid = d.embed("/word/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
                  chart.encode(), "chart")
    return (f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="5486400" cy="3200400"/><wp:docPr id="3" name="图表 3"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="{C}"><c:chart xmlns:c="{C}" r:id="{rid}"/></a:graphicData></a:graphic>'
            f"</wp:inline></w:drawing></w:r></w:p>")


# tables

def cell(text: str, width: int = 1800, props: str = "", font: str = FANG, size: int = 24) -> str:
    paragraphs = "".join(
        f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>' + (f"<w:r>{rpr(font, size=size)}{t(line)}</w:r>" if line else "") + "</w:p>"
        for line in text.split("\n"))
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{props}</w:tcPr>{paragraphs}</w:tc>'


BORDERS = ('<w:tblBorders>' + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                                        for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
           + "</w:tblBorders>")
NO_BORDERS = ('<w:tblBorders>' + "".join(f'<w:{side} w:val="nil"/>'
                                           for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
              + "</w:tblBorders>")


def table_xml(rows: list[str], widths: list[int], borders: str = BORDERS) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>{borders}</w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def grid_table(rows: list[list[str]], width: int = 8800) -> str:
    widths = [width // len(rows[0])] * len(rows[0])
    return table_xml(["<w:tr>" + "".join(cell(c, w) for c, w in zip(row, widths)) + "</w:tr>" for row in rows], widths)


def layout_rows(rows: list[list[str]], widths: list[int], font: str = FANG, size: int = 32, align: str = "left") -> str:
    jc = f'<w:jc w:val="{align}"/>'
    return table_xml([
        "<w:tr>" + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr>{jc}</w:pPr>'
            + (f"<w:r>{rpr(font, size=size)}{t(c)}</w:r>" if c else "") + "</w:p></w:tc>"
            for c, w in zip(row, widths)) + "</w:tr>" for row in rows], widths, NO_BORDERS)


def sdt(inner: str, alias: str, tag: str, placeholder: bool = False) -> str:
    """A content control as an OA template wraps its fields."""
    shown = "<w:showingPlcHdr/>" if placeholder else ""
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{tag}"/><w:id w:val="{zlib.crc32(tag.encode()) % 100000}"/>'
            f"{shown}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>")


DRAFTS: list[Draft] = []


def draft(function: Any) -> Any:
    DRAFTS.append(function)
    return function


# the drafts


def sign(d: Draft, date: str) -> None:
    """The usual sign-off: the issuer and the date, right-aligned, four characters in."""
    d.plain_signoff(d.issuer, date)


@draft
def sdt_title_tracked() -> Draft:
    d = Draft("word-sdt-title-tracked-2026", "the title in an OA template's content control; tracked changes left in "
              "(insertions, deletions, a moved sentence) read as accepted; two comments, not imported",
              "青山县市场监督管理局", 2024, "2025-01-20", addressees=["县委全面依法治县委员会办公室"])
    d.add(sdt(d.title_p("青山县市场监督管理局2024年度法治政府建设情况报告"), "标题", "title"))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2024年，县市场监管局坚持以习近平法治思想为指导，⟦del:认真⟧⟦ins:全面⟧贯彻落实党中央、国务院关于法治政府建设的决策部署，"
              "推进市场监管领域依法行政⟦cm:请核实表述⟧。现将有关情况报告如下：")
    d.part("measures", "2024年度推进法治政府建设的主要举措和成效", marker="一、", first=200)
    d.section("健全依法行政制度体系", marker="（一）")
    d.para("修订《行政处罚案件办理工作规程》等制度9项，⟦movefrom:全年审查规范性文件4件，⟧重大执法决定法制审核率达100%。")
    d.para("⟦moveto:全年审查规范性文件4件，⟧清理涉企规范性文件17件，废止2件。")
    d.section("严格规范公正文明执法", marker="（二）")
    d.para("全年立案查处各类违法案件⟦del:312⟧⟦ins:326⟧件，罚没款⟦ins:合计⟧486.3万元，对轻微违法行为不予处罚案件57件⟦cm:数据以执法系统为准⟧。")
    d.section("优化法治化营商环境", marker="（三）")
    d.para("推行经营主体登记“一网通办”，新设经营主体6,218户，企业开办时间压缩至1个工作日。")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("一是基层执法人员专业能力与新业态监管需要还有差距；二是⟦del:部分⟧信用监管手段运用不够充分。")
    d.part("leadership", "党政主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局党组书记、局长严格履行第一责任人职责，全年主持召开党组会议专题研究法治工作4次，带头开展述法。")
    d.part("plans", "2025年度推进法治政府建设的主要安排", marker="四、")
    d.para("一是深化包容审慎监管；二是加强执法队伍培训；三是推进“双随机、一公开”监管全覆盖。")
    sign(d, "2025年1月20日")
    return d


def toc(entries: list[tuple[str, int]], in_control: bool) -> str:
    """A table of contents as Word inserts it: a TOC field whose result is the entries, each a
    hyperlink with its page number."""
    begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u '
             '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    paragraphs = [f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{rpr(HEI)}{t("目  录")}</w:r></w:p>']
    for i, (text, page) in enumerate(entries):
        link = (f'<w:hyperlink w:anchor="_Toc{i}" w:history="1"><w:r>{rpr(FANG)}{t(text)}</w:r><w:r><w:tab/></w:r>'
                f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc{i} \\h </w:instrText></w:r>'
                f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r>{t(str(page))}</w:r>'
                f'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>')
        paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="TOC{1 + (text[0] == "（")}"/>'
                          f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8834"/></w:tabs></w:pPr>'
                          f'{begin if i == 0 else ""}{link}</w:p>')
    paragraphs.append('<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    xml = "".join(paragraphs)
    if in_control:
        return ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
                f"</w:docPartObj></w:sdtPr><w:sdtContent>{xml}</w:sdtContent></w:sdt>")
    return xml


HEADING_STYLE = ('<w:style {ns} w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
                 '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="{level}"/>'
                 '<w:numId w:val="{num}"/></w:numPr><w:outlineLvl w:val="{level}"/></w:pPr>'
                 '<w:rPr><w:rFonts w:eastAsia="{font}"/><w:sz w:val="32"/></w:rPr></w:style>')


def heading_styles(d: Draft, ids: tuple[str, str], names: tuple[str, str], linked: bool = False) -> str:
    """Two heading styles numbered by the style (一、 and （一）), as a template defines them; when
    `linked`, the styles name the list only and the list's levels name their styles (w:pStyle)."""
    num = d.num("outline")
    if linked:
        d.links["outline"] = ids
    for level, (style_id, name, font) in enumerate(zip(ids, names, (HEI, KAI))):
        style = HEADING_STYLE.replace("{id}", style_id).replace("{name}", name).replace(
            "{level}", str(level)).replace("{num}", num).replace("{font}", font)
        d.styles.append(style.replace(f'<w:ilvl w:val="{level}"/>', "") if linked else style)
    return num


@draft
def toc_styles() -> Draft:
    d = Draft("word-toc-heading-styles-2026", "a table of contents (a TOC field, not in a content control) above the "
              "text repeats the headings, which the styles 标题 1/标题 2 number (numPr in the style); a '— 1 —' footer",
              "云州市交通运输局", 2023, "2024-01-25", addressees=["市委全面依法治市委员会办公室"])
    d.footer_page = True
    heading_styles(d, ("a1", "a2"), ("标题 1", "标题 2"))
    d.add(d.title_p("云州市交通运输局2023年法治政府建设年度报告"))
    d.add(toc([("一、主要举措和成效", 1), ("（一）完善交通运输法规制度", 1), ("（二）深化交通运输综合执法改革", 1),
               ("二、存在的不足和原因", 2), ("三、主要负责人履行推进法治建设第一责任人职责情况", 2),
               ("四、2024年主要工作安排", 3)], in_control=False))
    d.addressee("市委全面依法治市委员会办公室：")
    d.opening("2023年，市交通运输局深入学习贯彻习近平法治思想，全面推进交通运输法治政府部门建设，现将有关情况报告如下。")
    d.part("measures", "主要举措和成效", how="style", style="a1", first=None)
    d.section("完善交通运输法规制度", how="style", style="a2", first=None)
    d.para("配合市人大常委会完成《云州市公共汽车客运条例》立法调研，制定行政规范性文件3件，全部通过合法性审核。")
    d.section("深化交通运输综合执法改革", how="style", style="a2", first=None)
    d.para("全年检查道路运输企业1,126家次，查处违法行为892起，其中适用轻微违法免罚清单免予处罚143起。")
    d.part("shortcomings", "存在的不足和原因", how="style", style="a1", first=None)
    d.para("新业态监管执法手段不多，网约车、共享单车等领域执法依据还不够完善。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", how="style", style="a1", first=None)
    d.para("局主要负责人坚持把法治建设与业务工作同部署、同推进，全年带头讲法治课2次，审签重大执法决定21件。")
    d.part("plans", "2024年主要工作安排", how="style", style="a1", first=None)
    d.para("持续推进交通运输综合执法规范化建设，加快“互联网+监管”执法平台应用。")
    sign(d, "2024年1月25日")
    return d


@draft
def footnotes_justice() -> Draft:
    d = Draft("word-footnotes-justice-2026", "footnotes citing the law and an endnote (their text is not imported, a warning "
              "at each); items numbered by Word (1.), the list restarted in each section; the office's name in the header",
              "安平县司法局", 2025, "2026-01-12", addressees=["县委全面依法治县委员会办公室"])
    d.header_text = "安平县司法局"
    d.add(d.title_p("安平县司法局2025年度法治政府建设工作报告"))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2025年，县司法局坚持以习近平法治思想为指导，认真落实《法治政府建设实施纲要（2021—2025年）》⟦fn:中共中央、国务院2021年8月印发。⟧，"
              "各项工作取得新成效。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", marker="一、")
    d.section("推进严格规范公正文明执法", marker="（一）")
    items = d.num("items", restart=1)
    d.para("组织全县行政执法案卷评查，评查案卷326卷，发现并督促整改问题41个。", "1.", num=(items, 0))
    d.para("落实行政执法“三项制度”⟦fn:即行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。⟧，"
           "公示执法信息2,140条。", "2.", num=(items, 0))
    d.section("加强行政复议和应诉工作", marker="（二）")
    items = d.num("items", restart=1)
    d.para("依据《中华人民共和国行政复议法》⟦fn:2023年9月1日第十四届全国人民代表大会常务委员会第五次会议修订，自2024年1月1日起施行。⟧，"
           "全年受理行政复议案件58件，审结55件。", "1.", num=(items, 0))
    d.para("行政机关负责人出庭应诉率保持100%。", "2.", num=(items, 0))
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("乡镇（街道）合法性审核力量薄弱，部分执法人员程序意识有待增强。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局主要负责人认真履行第一责任人职责，全年专题研究法治建设工作6次⟦en:数据截至2025年12月31日。⟧。")
    d.part("plans", "2026年工作计划", marker="四、")
    d.para("一是开展“十五五”法治政府建设规划编制；二是深化行政复议体制改革；三是推进公共法律服务体系建设。")
    sign(d, "2026年1月12日")
    return d


@draft
def hidden_street() -> Draft:
    d = Draft("word-hidden-proofing-street-2026", "hidden text (an editor's note, w:vanish) is not the report's and is left "
              "out with a warning; proofing marks, bookmarks, soft hyphens and non-breaking spaces are nothing to a reader",
              "青山县城关街道办事处", 2025, "2026-01-08", addressees=["县委全面依法治县委员会办公室"])
    d.add(d.title_p("⟦bm:_GoBack⟧城关街道办事处2025年法治政府建设情况报告", "城关街道办事处2025年法治政府建设情况报告"))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2025年，城关街道坚持⟦pe⟧党建引领，以“枫桥式”司法所创建为抓手，扎实推进基层法治建设。"
              "⟦hid:（此段由综治办提供，待主任审定）⟧现将有关情况报告如下：")
    d.part("measures", "主要工作举措及成效", marker="一、")
    d.section("健全基层依法治理体系", marker="（一）")
    d.para("完善街道合法性审查⟦shy⟧机制，全年审查合同、协议及重大决策事项37件，提出修改意见62条。")
    d.section("推进矛盾纠纷多元化解", marker="（二）")
    d.para("全年排查化解矛盾纠纷⟦nbsp⟧412件，调解成功率98.3%⟦hid:（数据待与司法所核对）⟧，未发生因调处不当引发的群体性事件。")
    d.section("深化法治宣传教育", marker="（三）")
    d.para("开展“法律进社区”活动48场次，创建省级民主法治示范社区1个⟦bm:社区数据⟧。")
    d.part("shortcomings", "存在的问题", marker="二、")
    d.para("社区法律顾问作用发挥不够充分，居民法治意识还需进一步提升。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("街道党工委书记、办事处主任认真履行第一责任人职责，主持召开专题会议研究法治工作5次。")
    d.part("plans", "下一步工作打算", marker="四、")
    d.para("一是深化法治社区建设；二是健全矛盾纠纷多元化解机制；三是加强基层执法规范化建设。")
    sign(d, "2026年1月8日")
    return d


def tabbed(d: Draft, text: str, tabs: int) -> str:
    """A line pushed right with tab characters, as typed where no one sets the alignment."""
    return d.p(runs=f"<w:r>{rpr(FANG)}" + "<w:tab/>" * tabs + f"</w:r><w:r>{rpr(FANG)}{t(text)}</w:r>", first=None)


@draft
def tab_signoff_town() -> Draft:
    d = Draft("word-tab-signoff-town-2026", "the signature and the date pushed right with tabs (w:tab runs), not aligned; "
              "the title over two centred paragraphs", "柳河镇人民政府", 2024, "2025-01-15",
              addressees=["县委全面依法治县委员会办公室"])
    d.truth["title"] = "柳河镇人民政府关于2024年度法治政府建设情况的报告"
    d.add(d.p("柳河镇人民政府关于2024年度", XBS, size=44, jc="center", first=None),
          d.p("法治政府建设情况的报告", XBS, size=44, jc="center", first=None))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2024年，柳河镇在县委、县政府的坚强领导下，深入贯彻习近平法治思想，着力推进乡镇法治政府建设。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", marker="一、")
    d.section("落实综合行政执法改革", marker="（一）")
    d.para("承接县级下放行政执法事项126项，组建镇综合行政执法队，全年办理行政处罚案件34件。")
    d.section("规范重大行政决策", marker="（二）")
    d.para("严格执行重大行政决策程序，镇村规划调整、农村人居环境整治等重大事项全部经过合法性审查和集体讨论。")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("镇综合行政执法队伍人员少、专业化程度不高，执法保障不足。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("镇党委书记、镇长带头学法用法，全年主持召开党委会、镇长办公会研究法治工作7次。")
    d.part("plans", "2025年工作安排", marker="四、")
    d.para("加强执法人员培训，推进“一支队伍管执法”规范运行，深化“民主法治示范村”创建。")
    d.add(d.p(first=None), tabbed(d, "柳河镇人民政府", 7), tabbed(d, "2025年1月15日", 7))
    return d


RULED = ('<w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:left w:val="nil"/>'
         '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:right w:val="nil"/>'
         '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="nil"/></w:tblBorders>')


def end_block_table(copy_to: str, printer: str, printed: str) -> str:
    """The end block (版记) as a table of two rows with rules above, between and below: 抄送 across both
    columns, then the printer and the date of printing."""
    widths = [5000, 3840]
    first = (f'<w:tr><w:tc><w:tcPr><w:tcW w:w="8840" w:type="dxa"/><w:gridSpan w:val="2"/></w:tcPr>'
             f"<w:p><w:r>{rpr(FANG, size=28)}{t(copy_to)}</w:r></w:p></w:tc></w:tr>")
    second = ("<w:tr>" + "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="{jc}"/></w:pPr>'
        f"<w:r>{rpr(FANG, size=28)}{t(text)}</w:r></w:p></w:tc>"
        for text, w, jc in ((printer, widths[0], "left"), (printed, widths[1], "right"))) + "</w:tr>")
    return table_xml([first, second], widths, RULED)


@draft
def signoff_table_devzone() -> Draft:
    d = Draft("word-signoff-table-devzone-2026", "the issuer and the date in a borderless table of two columns, the left "
              "empty; the end block (抄送, 印发) a table with rules", "青山经济技术开发区管理委员会", 2025, "2026-01-16",
              addressees=["市委全面依法治市委员会办公室"],
              end_block={"copy_to": ["市司法局", "区党工委"], "printer": "青山经济技术开发区党政办公室", "print_date": "2026-01-16"})
    d.add(d.title_p("青山经济技术开发区管理委员会2025年度法治政府建设情况报告"))
    d.addressee("市委全面依法治市委员会办公室：")
    d.opening("2025年，开发区管委会坚持法治引领、服务发展，持续优化法治化营商环境，法治政府建设取得积极成效。现将有关情况报告如下。")
    d.part("measures", "主要举措和成效", marker="一、")
    d.section("深化“放管服”改革", marker="（一）")
    d.para("推行项目审批“拿地即开工”，全年为48个项目办理施工许可，平均审批时限压缩至15个工作日。")
    d.section("规范涉企执法检查", marker="（二）")
    d.para("实行“综合查一次”，全年涉企检查次数同比下降37%，对企业轻微违法行为包容免罚19起。")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("园区执法力量分散，部分审批事项跨部门协同仍不够顺畅。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("管委会主要负责人把法治建设摆在全局工作重要位置，全年主持研究法治议题5次，带头参加旁听庭审。")
    d.part("plans", "2026年度工作安排", marker="四、")
    d.para("一是推进园区综合执法改革；二是完善企业服务法律顾问制度；三是加强营商环境监督。")
    d.add(d.p(first=None), layout_rows([["", "青山经济技术开发区管理委员会"], ["", "2026年1月16日"]], [3600, 5240], align="center"))
    d.add(d.p(first=None), end_block_table("抄送：市司法局，区党工委。", "青山经济技术开发区党政办公室", "2026年1月16日印发"))
    return d


def text_box(d: Draft, paragraphs: str, name: str = "文本框 2") -> str:
    """A floating text box as Word 2010 and later write it: the drawing, and a VML copy for older Word."""
    return (f'<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" '
            f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="5615940" cy="1600200"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
            f'<wp:docPr id="2" name="{name}"/><wp:cNvGraphicFramePr/><a:graphic>'
            f'<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            f'<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5615940" cy="1600200"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
            f'<wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
            f'</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
            f'<v:shape id="{name}" o:spid="_x0000_s1026" type="#_x0000_t202" style="width:442.2pt;height:126pt" '
            f'xmlns:o="urn:schemas-microsoft-com:office:office" filled="f" stroked="f"><v:textbox>'
            f'<w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
            f'</mc:AlternateContent></w:r></w:p>')


RED = '<w:color w:val="FF0000"/>'


@draft
def red_header_textbox() -> Draft:
    d = Draft("word-red-header-textbox-2026", "the red header (mark, number, signer) set in a text box, as offices place "
              "it over the page's top; the mark is the default one (issuer + 文件)", "云州市生态环境局", 2024, "2025-01-22",
              addressees=["市委全面依法治市委员会办公室"], header={"number": "云环发〔2025〕3号", "signers": ["刘建国"]})
    header = (f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{rpr(XBS, size=72, extra=RED)}{t("云州市生态环境局文件")}</w:r></w:p>'
              f'<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r>{rpr(FANG)}{t("云环发〔2025〕3号")}</w:r>'
              f'<w:r>{rpr(FANG)}<w:tab/><w:tab/><w:tab/><w:tab/></w:r><w:r>{rpr(FANG)}{t("签发人：")}</w:r>'
              f'<w:r>{rpr(KAI)}{t("刘建国")}</w:r></w:p>')
    d.add(text_box(d, header))
    d.add(d.title_p("云州市生态环境局关于2024年度法治政府建设情况的报告"))
    d.addressee("市委全面依法治市委员会办公室：")
    d.opening("2024年，市生态环境局坚持用最严格制度最严密法治保护生态环境，全面推进生态环境领域依法行政。现将有关情况报告如下：")
    d.part("measures", "推进法治政府建设的主要举措和成效", marker="一、")
    d.section("完善生态环境制度体系", marker="（一）")
    d.para("推动出台《云州市扬尘污染防治条例》，制定生态环境行政处罚自由裁量基准，细化裁量情形214种。")
    d.section("严格生态环境执法", marker="（二）")
    d.para("全年办理环境行政处罚案件167件，罚没金额1,286.4万元，移送公安机关涉嫌环境犯罪案件9件。")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("县级生态环境执法力量相对薄弱，非现场执法手段运用还不够充分。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局主要负责人切实履行第一责任人职责，带头学习宣传《中华人民共和国环境保护法》，全年审签重大执法决定32件。")
    d.part("plans", "2025年推进法治政府建设的主要安排", marker="四、")
    d.para("一是加快生态环境地方立法；二是推进非现场执法；三是深化生态环境损害赔偿制度改革。")
    sign(d, "2025年1月22日")
    return d


@draft
def red_header_nested_county() -> Draft:
    d = Draft("word-red-header-nested-county-2026", "a county government's report to the city: the red header a table whose "
              "second row holds a nested table (number, signer); part five (other matters)", "青山县人民政府", 2025,
              "2026-01-20", addressees=["云州市人民政府"], header={"number": "青政报〔2026〕2号", "signers": ["王立新"]})
    nested = layout_rows([["青政报〔2026〕2号", "签发人：王立新"]], [4400, 4400])
    outer = table_xml([
        f'<w:tr><w:tc><w:tcPr><w:tcW w:w="8840" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
        f'<w:r>{rpr(XBS, size=72, extra=RED)}{t("青山县人民政府文件")}</w:r></w:p></w:tc></w:tr>',
        f'<w:tr><w:tc><w:tcPr><w:tcW w:w="8840" w:type="dxa"/></w:tcPr>{nested}<w:p/></w:tc></w:tr>'], [8840], NO_BORDERS)
    d.add(outer)
    d.add(d.title_p("青山县人民政府关于2025年度法治政府建设情况的报告"))
    d.addressee("云州市人民政府：")
    d.opening("2025年，县政府坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想，全面推进法治政府建设。现将有关情况报告如下：")
    d.part("measures", "2025年法治政府建设主要举措和成效", marker="一、")
    d.section("依法全面履行政府职能", marker="（一）")
    d.para("动态调整县级行政权力事项清单，保留行政权力事项3,218项，政务服务事项网上可办率达99.2%。")
    d.section("健全依法行政制度体系", marker="（二）")
    d.para("出台县政府行政规范性文件6件，全部经过合法性审核并向县人大常委会备案。")
    d.section("推进重大行政决策科学化民主化法治化", marker="（三）")
    d.para("编制并公布年度重大行政决策事项目录，8项重大决策全部履行公众参与、专家论证、风险评估等法定程序。")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("一是部分乡镇依法行政能力仍需提高；二是行政执法监督还不够有力。")
    d.part("leadership", "党政主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("县政府主要负责人坚持把法治建设作为“一把手工程”，全年召开县政府常务会议专题学法4次。")
    d.part("plans", "2026年法治政府建设主要安排", marker="四、")
    d.para("一是编制实施“十五五”法治政府建设规划；二是深化行政执法协调监督工作体系建设。")
    d.part("other", "其他需要报告的情况", marker="五、")
    d.para("2025年，我县被命名为全省法治政府建设示范县。")
    sign(d, "2026年1月20日")
    return d


def merged_table(rows: list[list[str]], widths: list[int]) -> str:
    """A table whose first row repeats on each page; a cell "^" continues the one above (vMerge), a
    cell "<" is covered by the one to its left (gridSpan)."""
    out = []
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            if text == "<":
                continue
            span = 1
            while c + span < len(row) and row[c + span] == "<":
                span += 1
            props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
            below = r + 1 < len(rows) and rows[r + 1][c] == "^"
            props += '<w:vMerge w:val="restart"/>' if below and text != "^" else '<w:vMerge/>' if text == "^" else ""
            cells.append(cell("" if text == "^" else text, sum(widths[c:c + span]), props))
        out.append(f'<w:tr>{"<w:trPr><w:tblHeader/></w:trPr>" if r == 0 else ""}{"".join(cells)}</w:tr>')
    return table_xml(out, widths)


PORTRAIT = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" '
            'w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/></w:sectPr>')
LANDSCAPE = ('<w:sectPr><w:type w:val="nextPage"/><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
             '<w:pgMar w:top="1588" w:right="2098" w:bottom="1474" w:left="1984" w:header="851" w:footer="992" '
             'w:gutter="0"/><w:cols w:space="425"/></w:sectPr>')


@draft
def landscape_finance() -> Draft:
    d = Draft("word-landscape-table-finance-2026", "a wide table in a landscape section between section breaks, its "
              "header row repeated, cells merged down (vMerge) and across (gridSpan): a merged cell's other places "
              "are empty, as on a page", "青山县财政局", 2025, "2026-01-14", addressees=["县委全面依法治县委员会办公室"])
    d.add(d.title_p("青山县财政局2025年度法治政府建设情况报告"))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2025年，县财政局坚持依法理财，全面加强财政法治建设。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", marker="一、")
    d.section("加强财会监督", marker="（一）")
    d.para("全年开展会计信息质量、政府采购等专项检查，检查情况见下表。", ppr=PORTRAIT)
    rows = [["类别", "检查项目", "检查单位（家）", "罚款（万元）"],
            ["财会监督", "会计信息质量检查", "36", "18.6"],
            ["^", "政府采购监督检查", "24", "9.2"],
            ["预算执行", "专项资金绩效评价", "18", "—"],
            ["合计", "<", "78", "27.8"]]
    shown = [["" if c in ("^", "<") else c for c in row] for row in rows[1:]]
    d.table("表1　2025年财会监督检查情况", rows[0], shown, xml=merged_table(rows, [3000, 4400, 2600, 2600]))
    d.add(f'<w:p><w:pPr>{LANDSCAPE}</w:pPr></w:p>')
    d.section("推进预算管理法治化", marker="（二）")
    d.para("严格执行《中华人民共和国预算法》，县级预决算全部在人大批准后20日内向社会公开。")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("财会监督与审计、纪检监察等监督的贯通协调还需加强。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局主要负责人全年主持召开党组会议研究法治工作4次，带头开展年度述法。")
    d.part("plans", "下一年度工作打算", marker="四、")
    d.para("一是深化财会监督专项行动；二是推进预算绩效管理法治化；三是加强财政干部法治培训。")
    sign(d, "2026年1月14日")
    return d


@draft
def numbering_restart_edu() -> Draft:
    d = Draft("word-numbering-restart-edu-2026", "parts and sections numbered by one multi-level Word list (一、 （一）), "
              "so sections restart in each part; items in a list of their own restarted per section by a level "
              "override (w:startOverride)", "青山县教育局", 2023, "2024-01-18", addressees=["县委全面依法治县委员会办公室"])
    outline = d.num("outline")
    d.add(d.title_p("青山县教育局2023年度法治政府建设情况报告"))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2023年，县教育局以习近平法治思想为指导，深入推进依法治教、依法治校，现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", how="auto", num=(outline, 0))
    d.section("推进依法治校", how="auto", num=(outline, 1))
    items = d.num("items", restart=1)
    d.para("开展依法治校示范校创建，新创建市级示范校4所。", "1.", num=(items, 0))
    d.para("全县中小学法治副校长配备率达100%。", "2.", num=(items, 0))
    d.section("规范教育行政执法", how="auto", num=(outline, 1))
    items = d.num("items", restart=1)
    d.para("查处无证办学机构11家，规范校外培训机构236家。", "1.", num=(items, 0))
    d.para("推行教育行政执法全过程记录，执法案卷合格率100%。", "2.", num=(items, 0))
    d.part("shortcomings", "存在的不足和原因", how="auto", num=(outline, 0))
    d.section("校外培训监管难度较大", how="auto", num=(outline, 1))
    d.para("隐形变异培训隐蔽性强，执法取证困难。")
    d.section("法治教育师资不足", how="auto", num=(outline, 1))
    d.para("专职法治课教师数量偏少，教学质量参差不齐。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", how="auto", num=(outline, 0))
    d.para("局主要负责人认真履行第一责任人职责，全年专题研究依法治教工作5次。")
    d.part("plans", "2024年工作安排", how="auto", num=(outline, 0))
    d.para("一是推进青少年法治教育实践基地建设；二是深化校外培训机构综合治理；三是完善学校法律顾问制度。")
    sign(d, "2024年1月18日")
    return d


@draft
def numbering_continues_health() -> Draft:
    d = Draft("word-numbering-continues-health-2026", "parts typed (二、), sections numbered by one Word list that was "
              "never restarted, so the second part's sections show （四）（五）by mistake; the headings are right all the same",
              "青山县卫生健康局", 2024, "2025-01-10", addressees=["县委全面依法治县委员会办公室"])
    sections = d.num("sections")
    d.add(d.title_p("青山县卫生健康局2024年法治政府建设工作报告"))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2024年，县卫生健康局坚持依法行政，持续推进卫生健康领域法治建设。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", marker="一、")
    d.section("健全卫生健康法治制度", how="auto", num=(sections, 0))
    d.para("修订行政执法公示等制度7项，全面落实重大执法决定法制审核。")
    d.section("强化卫生健康监督执法", how="auto", num=(sections, 0))
    d.para("全年开展“双随机、一公开”抽查1,042户次，办理行政处罚案件88件。")
    d.section("深化卫生健康普法", how="auto", num=(sections, 0))
    d.para("开展《中华人民共和国基本医疗卫生与健康促进法》宣传活动36场次。")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.section("执法力量不足", how="auto", num=(sections, 0))
    d.para("卫生监督员人均监管单位逾200家，难以实现全覆盖。")
    d.section("医疗机构依法执业意识有待提高", how="auto", num=(sections, 0))
    d.para("个别民营医疗机构存在超范围执业等问题。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局党委书记、局长认真履行第一责任人职责，全年听取法治工作汇报4次。")
    d.part("plans", "2025年工作计划", marker="四、")
    d.para("一是加强卫生监督执法队伍建设；二是推进医疗卫生行业综合监管；三是深化卫生健康领域普法。")
    sign(d, "2025年1月10日")
    return d


@draft
def fullwidth_mixed_housing() -> Draft:
    d = Draft("word-fullwidth-mixed-housing-2026", "parts numbered by Word (一、), sections typed (（一）) in 楷体, items "
              "numbered in full-width figures (１．) by one list and typed (3.) after them",
              "北湖区住房和城乡建设局", 2025, "2026-01-19", addressees=["区委全面依法治区委员会办公室"])
    outline, full = d.num("outline"), d.num("fullwidth")
    d.add(d.title_p("北湖区住房和城乡建设局2025年度法治政府建设情况报告"))
    d.addressee("区委全面依法治区委员会办公室：")
    d.opening("2025年，区住房城乡建设局坚持以习近平法治思想为指导，全面推进住建领域法治建设。现将有关情况报告如下。")
    d.part("measures", "主要举措和成效", how="auto", num=(outline, 0))
    d.section("规范建筑市场秩序", marker="（一）")
    d.para("开展建筑市场专项检查，检查在建项目156个。", "１．", num=(full, 0))
    d.para("查处违法发包、转包案件12件，罚款214.6万元。", "２．", num=(full, 0))
    d.para("3.将43家企业失信行为纳入信用监管。")
    d.section("加强物业服务监管", marker="（二）")
    d.para("出台物业服务企业信用评价办法，调处物业纠纷376件。")
    d.part("shortcomings", "存在的不足和原因", how="auto", num=(outline, 0))
    d.para("建设工程领域执法专业性强，执法人员知识更新不够及时。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", how="auto", num=(outline, 0))
    d.para("局主要负责人全年主持召开专题会议研究法治工作3次，带头旁听行政诉讼庭审。")
    d.part("plans", "2026年工作打算", how="auto", num=(outline, 0))
    d.para("一是深化工程建设项目审批制度改革；二是加强住建领域信用监管；三是提升执法人员专业能力。")
    sign(d, "2026年1月19日")
    return d


@draft
def wps_styles_town() -> Draft:
    d = Draft("word-wps-styles-town-2026", "saved by WPS: its namespaces and custom properties, paragraph ids (w14), "
              "heading styles with WPS's ids (2, 3) and names (heading 1, heading 2) numbered by the style",
              "河口镇人民政府", 2025, "2026-01-09", addressees=["县委全面依法治县委员会办公室"], wps=True)
    heading_styles(d, ("2", "3"), ("heading 1", "heading 2"))
    d.add(d.title_p("河口镇2025年度法治政府建设情况报告"))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2025年，河口镇以习近平法治思想为指导，坚持依法决策、依法行政，扎实推进法治乡镇建设。现将有关情况报告如下：")
    d.part("measures", "工作举措及成效", how="style", style="2", first=None)
    d.section("加强镇村法治队伍建设", how="style", style="3", first=None)
    d.para("培育“法律明白人”146名，实现每村（社区）不少于5名。")
    d.section("推进基层综合执法", how="style", style="3", first=None)
    d.para("镇综合行政执法队全年开展联合执法62次，办理一般程序案件21件。")
    d.part("shortcomings", "存在的不足和原因", how="style", style="2", first=None)
    d.para("村级组织依法办事能力不强，部分村规民约内容与法律法规衔接不够。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", how="style", style="2", first=None)
    d.para("镇党委书记认真履行第一责任人职责，全年主持党委会研究法治工作4次。")
    d.part("plans", "下一步工作计划", how="style", style="2", first=None)
    d.para("一是深化民主法治示范村创建；二是加强综合执法规范化建设；三是健全公共法律服务网络。")
    d.plain_signoff("河口镇人民政府", "2026年1月9日")
    return d


@draft
def outline_levels_justice() -> Draft:
    d = Draft("word-outline-levels-district-2026", "headings typed without numbers in 黑体 and 楷体, each given an outline "
              "level in the paragraph (大纲级别, for the navigation pane); sizes in half-points, indents in characters; "
              "a formula (≥95%, Insert > Equation) read as its text, a rare character under its pinyin (ruby) without it",
              "北湖区司法局", 2024, "2025-01-21", addressees=["区委全面依法治区委员会办公室"])
    one, two = '<w:outlineLvl w:val="0"/>', '<w:outlineLvl w:val="1"/>'
    d.add(d.title_p("北湖区司法局2024年度法治政府建设情况报告"))
    d.addressee("区委全面依法治区委员会办公室：")
    d.opening("2024年，区司法局认真履行全面依法治区统筹协调职能，法治政府建设各项任务有序推进。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", how="faces", ppr=one)
    d.section("统筹推进法治政府示范创建", how="faces", ppr=two)
    d.para("对照示范创建指标体系逐项抓落实，全区法治政府建设考核指标完成率97.6%。")
    d.section("加强行政执法协调监督", how="faces", ppr=two)
    d.para("开展行政执法突出问题专项整治，纠正不规范执法行为46个，案卷合格率⟦math:≥95%⟧。")
    d.part("shortcomings", "存在的不足和原因", how="faces", ppr=one)
    d.para("执法监督信息化水平不高，监督的精准性还不够。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", how="faces", ppr=one)
    d.para("局主要负责人全年主持召开党组会议研究法治工作6次，带头讲授法治课2次，为⟦ruby:洑|fú⟧溪村等"
           "12个村（社区）宣讲民法典。")
    d.part("plans", "2025年工作安排", how="faces", ppr=one)
    d.para("一是深化法治政府示范创建；二是完善行政执法协调监督工作体系；三是加强公共法律服务。")
    sign(d, "2025年1月21日")
    return d


@draft
def fields_symbols_emergency() -> Draft:
    d = Draft("word-fields-symbols-emergency-2026", "fields: a hyperlink (HYPERLINK), a caption numbered by SEQ, a link "
              "in a simple field (their shown results are the text); symbols (w:sym, Symbol font ≥ ×, √ in a table); "
              "a soft hyphen", "云州市应急管理局", 2025, "2026-01-13", addressees=["市委全面依法治市委员会办公室"])
    d.add(d.title_p("云州市应急管理局2025年度法治政府建设情况报告"))
    d.addressee("市委全面依法治市委员会办公室：")
    d.opening("2025年，市应急管理局坚持依法治安，全面提升应急管理法治化水平。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", marker="一、")
    d.section("强化安全生产执法", marker="（一）")
    d.para("全年执法检查企业2,318家次，重大事故隐患整改率⟦sym:Symbol:F0B3⟧98%，执法情况在"
           "⟦fld:HYPERLINK \"https://yjj.yunzhou.gov.cn\"|市应急管理局门户网站⟧公开。")
    d.para("各县区执法检查情况如下：")
    d.table("表⟦fs:SEQ 表 \\* ARABIC|1⟧　2025年安全生产执法检查情况",
            ["县区", "检查家次", "立案数", "全部公示"],
            [["青山县", "826", "31", "√"], ["北湖区", "912", "40", "√"], ["安平县", "580", "22", "√"]],
            xml=grid_table([["县区", "检查家次", "立案数", "全部公示"], ["青山县", "826", "31", "√"],
                            ["北湖区", "912", "40", "√"], ["安平县", "580", "22", "√"]]).replace(
                f"<w:r>{rpr(FANG, size=24)}{t('√')}</w:r>", f'<w:r>{rpr(FANG, size=24)}<w:sym w:font="Symbol" w:char="F0D6"/></w:r>'))
    d.section("推进应急管理综合行政执法改革", marker="（二）")
    d.para("完成执法装备配备，执法记录仪配备比例达到1⟦sym:Symbol:F0B4⟧1（每名执法人员1台），执法全过程记录率100%。")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("基层应急管理执法队伍专业⟦shy⟧人员占比不足40%，执法能力与任务不相适应。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局主要负责人带头学习《中华人民共和国安全生产法》，全年研究法治工作5次，"
           "执法文书全部在⟦fs:HYPERLINK \"https://zwfw.yunzhou.gov.cn\"|政务服务网⟧公开。")
    d.part("plans", "2026年工作安排", marker="四、")
    d.para("一是推进安全生产治本攻坚；二是规范执法检查；三是加强应急管理普法。")
    sign(d, "2026年1月13日")
    return d


@draft
def sdt_parts_hrss() -> Draft:
    d = Draft("word-sdt-parts-hrss-2026", "an OA template: each part in a content control (w:sdt), the document number's "
              "control left unfilled (its placeholder text is no text of the report); sections run in, in 楷体",
              "青山县人力资源和社会保障局", 2024, "2025-01-23", addressees=["县委全面依法治县委员会办公室"])
    placeholder = d.p(runs=sdt(f'<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>{t("单击或点击此处输入文字。")}</w:r>',
                               "文号", "docnumber", placeholder=True), jc="center", first=None)
    d.add(placeholder)
    d.add(sdt(d.title_p("青山县人力资源和社会保障局2024年度法治政府建设情况报告"), "标题", "title"))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2024年，县人社局坚持以习近平法治思想为指导，着力推进人社领域依法行政。现将有关情况报告如下：")
    start = len(d.body)
    d.part("measures", "主要举措和成效", marker="一、")
    d.runin("（一）", "强化劳动保障监察执法。", "全年办结劳动保障监察案件138件，为1,026名劳动者追发工资报酬1,875.3万元。")
    d.runin("（二）", "提升劳动人事争议调解仲裁效能。", "受理劳动人事争议案件412件，调解成功率68.5%，结案率97.3%。")
    d.runin("（三）", "推进人社服务“快办”。", "实现“退休一件事”等12个事项打包办理，群众办事材料平均减少40%。")
    d.body[start:] = [sdt("".join(d.body[start:]), "第一部分", "part1")]
    for key, text, marker, body in (
            ("shortcomings", "存在的不足和原因", "二、", "根治欠薪长效机制仍需完善，新就业形态劳动者权益保障存在短板。"),
            ("leadership", "主要负责人履行推进法治建设第一责任人职责情况", "三、", "局主要负责人全年专题研究法治工作4次，带头开展述法。"),
            ("plans", "2025年度工作安排", "四、", "一是深化根治欠薪；二是加强新就业形态劳动者权益保障；三是推进调解仲裁规范化建设。")):
        start = len(d.body)
        d.part(key, text, marker=marker)
        d.para(body)
        d.body[start:] = [sdt("".join(d.body[start:]), "第{}部分".format(marker[0]), key)]
    sign(d, "2025年1月23日")
    return d


@draft
def comments_paragraphs_land() -> Draft:
    d = Draft("word-comments-paragraphs-land-2026", "tracked changes of whole paragraphs (one inserted, one deleted with "
              "its mark), a comment on a heading and one with a reply: the text as accepted, comments not imported",
              "青山县自然资源局", 2025, "2026-01-15", addressees=["县委全面依法治县委员会办公室"])
    d.add(d.title_p("青山县自然资源局2025年度法治政府建设情况报告"))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2025年，县自然资源局坚持依法管地、依法用地，推进自然资源领域法治建设。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", marker="一、")
    d.section("严格耕地保护执法⟦cm:标题是否改为“严守耕地保护红线”？⟧", marker="（一）")
    d.para("全年立案查处土地违法案件27件，拆除违法建筑面积1.6万平方米，恢复耕地186亩。")
    mark = '<w:rPr><w:ins w:id="901" w:author="法规股" w:date="2026-01-05T09:30:00Z"/></w:rPr>'
    d._here().append("推行耕地保护“田长制”，落实县、乡、村三级田长1,052名。")
    d.add(d.p(runs=d.runs("⟦ins:推行耕地保护“田长制”，落实县、乡、村三级田长1,052名。⟧"), ppr=mark))
    d.section("规范不动产登记服务", marker="（二）")
    d.para("实现不动产登记“一窗受理、并行办理”，一般登记办理时限压缩至3个工作日⟦cm:请补充全年办件量⟧。")
    d.para("全年办理不动产登记业务4.2万件。")
    gone = '<w:rPr><w:del w:id="902" w:author="法规股" w:date="2026-01-05T09:30:00Z"/></w:rPr>'
    d.add(d.p(runs=d.runs("⟦del:全年开展不动产登记业务培训3次。⟧"), ppr=gone))
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("卫片执法发现问题整改不够及时，部分乡镇土地执法巡查不到位。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局主要负责人坚持重大执法决定集体讨论，全年审签重大执法决定19件。")
    d.part("plans", "2026年工作打算", marker="四、")
    d.para("一是深化耕地保护执法；二是推进自然资源领域信用监管；三是加强执法人员培训。")
    sign(d, "2026年1月15日")
    return d


@draft
def pasted_bureaus_county() -> Draft:
    d = Draft("word-pasted-bureaus-county-2026", "a county government's report pasted together from the bureaus' pieces: "
              "each part in another face (仿宋, 宋体, a bold 仿宋 lead), sections of one part numbered by Word, another's "
              "typed; part five", "青山县人民政府", 2023, "2024-02-05", addressees=["云州市人民政府"])
    sections = d.num("sections")
    d.add(d.title_p("青山县人民政府关于2023年度法治政府建设情况的报告"))
    d.addressee("云州市人民政府：")
    d.opening("2023年，青山县深入贯彻落实习近平法治思想，全面推进法治政府建设，取得积极成效。现将有关情况报告如下：")
    d.part("measures", "2023年度推进法治政府建设的主要举措和成效", marker="一、")
    d.section("深化行政执法体制改革", how="auto", num=(sections, 0))
    d.para("组建县级综合行政执法队伍6支，向乡镇下放执法事项1,126项。", font="宋体")
    d.section("加强行政复议应诉工作", how="auto", num=(sections, 0))
    d.para("全年办理行政复议案件73件，行政诉讼一审败诉率3.2%，较上年下降1.8个百分点。", font="宋体")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("部分部门对法治建设重视不够，存在重业务轻法治倾向。", lead="一是")
    d.para("基层法治工作力量相对薄弱。", lead="二是")
    d.part("leadership", "党政主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.section("带头学法", marker="（一）")
    d.para("县政府常务会议会前学法12次，县长带头讲授法治专题课。")
    d.section("带头依法决策", marker="（二）")
    d.para("县政府主要负责人严格落实重大行政决策程序，全年未发生违法决策。")
    d.part("plans", "2024年度推进法治政府建设的主要安排", marker="四、")
    d.para("一是深入推进法治政府示范创建；二是全面推行行政执法“三项制度”；三是加强法治队伍建设。")
    d.part("other", "其他需要报告的情况", marker="五、")
    d.para("无。")
    sign(d, "2024年2月5日")
    return d


@draft
def stems_agriculture() -> Draft:
    d = Draft("word-stems-runin-agri-2026", "sections run in, bold 仿宋 leads (（一）…。); items numbered by Word in "
              "heavenly stems (甲、乙、, ideographTraditional)", "青山县农业农村局", 2025, "2026-01-17",
              addressees=["县委全面依法治县委员会办公室"])
    stems = d.num("stems")
    d.add(d.title_p("青山县农业农村局2025年度法治政府建设情况报告"))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2025年，县农业农村局以习近平法治思想为指导，推进农业农村领域依法行政。现将有关情况报告如下。")
    d.part("measures", "主要举措和成效", marker="一、")
    d.runin("（一）", "加强农业综合执法。", "全年出动执法人员2,860人次，查处农资违法案件46件。", font=FANG, bold=True)
    d.para("查处假劣农药案件21件。", "甲、", num=(stems, 0))
    d.para("查处违规兽药饲料案件25件。", "乙、", num=(stems, 0))
    d.runin("（二）", "推进乡村依法治理。", "指导修订村规民约186份，创建民主法治示范村12个。", font=FANG, bold=True)
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("农业执法装备不足，农村“法律明白人”作用发挥不够。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局主要负责人全年主持研究法治工作4次，带头开展农业法律法规宣讲。")
    d.part("plans", "2026年工作安排", marker="四、")
    d.para("一是加强农业综合执法能力建设；二是深化农资打假专项治理；三是推进乡村依法治理。")
    sign(d, "2026年1月17日")
    return d


@draft
def columns_culture() -> Draft:
    d = Draft("word-columns-culture-2026", "a continuous section in two columns for a list of the rules revised, "
              "then one column again; a bookmark around a heading (a cross-reference's target)",
              "云州市文化广电和旅游局", 2024, "2025-01-24", addressees=["市委全面依法治市委员会办公室"])
    items = d.num("items")
    one_column = '<w:sectPr><w:type w:val="continuous"/><w:pgSz w:w="11906" w:h="16838"/><w:cols w:space="425"/></w:sectPr>'
    two_columns = '<w:sectPr><w:type w:val="continuous"/><w:pgSz w:w="11906" w:h="16838"/><w:cols w:num="2" w:space="425"/></w:sectPr>'
    d.add(d.title_p("云州市文化广电和旅游局2024年度法治政府建设情况报告"))
    d.addressee("市委全面依法治市委员会办公室：")
    d.opening("2024年，市文化广电旅游局坚持依法行政，为文旅融合发展提供法治保障。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", marker="一、")
    d.section("⟦bm:_Ref1⟧完善文旅制度规范", marker="（一）")
    d.para("全年修订制度规范4项：", ppr=one_column)
    d.para("《文化市场综合执法规程》", "1.", num=(items, 0))
    d.para("《旅行社质量保证金管理办法》", "2.", num=(items, 0))
    d.para("《A级旅游景区管理细则》", "3.", num=(items, 0))
    d.para("《公共文化设施开放规定》", "4.", num=(items, 0), ppr=two_columns)
    d.section("加强文化市场执法", marker="（二）")
    d.para("全年检查文化旅游经营单位3,140家次，办结行政处罚案件72件。")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("文旅新业态监管规则不够健全，执法人员专业能力有待提升。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局主要负责人全年专题研究法治工作5次，审签重大执法决定14件。")
    d.part("plans", "2025年工作安排", marker="四、")
    d.para("一是完善文旅新业态监管制度；二是加强文化市场综合执法；三是推进“八五”普法总结验收。")
    sign(d, "2025年1月24日")
    return d


@draft
def endnote_toc_water() -> Draft:
    d = Draft("word-endnote-toc-control-water-2026", "a table of contents in Word's content control (docPartGallery "
              "'Table of Contents'); an endnote on the opening; the end block as a ruled table",
              "安平县水利局", 2025, "2026-01-22", addressees=["县委全面依法治县委员会办公室"],
              end_block={"copy_to": ["县司法局"], "printer": "安平县水利局办公室", "print_date": "2026-01-22"})
    d.add(d.title_p("安平县水利局2025年度法治政府建设情况报告"))
    d.add(toc([("一、主要举措和成效", 1), ("二、存在的不足和原因", 1), ("三、主要负责人履行推进法治建设第一责任人职责情况", 2),
               ("四、下一年度工作安排", 2)], in_control=True))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2025年，县水利局深入贯彻《中华人民共和国水法》⟦en:1988年1月21日第六届全国人民代表大会常务委员会第二十四次会议通过，2016年7月2日修正。⟧，"
              "推进水利领域法治建设。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", marker="一、")
    d.section("强化水行政执法", marker="（一）")
    d.para("全年开展河湖巡查2,140人次，查处水事违法案件18件。")
    d.section("推进河湖长制法治化", marker="（二）")
    d.para("落实县、乡、村三级河湖长426名，河湖“清四乱”问题整改率100%。")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("水行政执法队伍专业力量不足，执法装备较为落后。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局主要负责人全年主持召开党组会议研究法治工作3次，带头开展《中华人民共和国长江保护法》宣讲。")
    d.part("plans", "下一年度工作安排", marker="四、")
    d.para("一是加强水行政执法与刑事司法衔接；二是推进智慧河湖监管；三是深化水利普法。")
    sign(d, "2026年1月22日")
    d.add(d.p(first=None), end_block_table("抄送：县司法局。", "安平县水利局办公室", "2026年1月22日印发"))
    return d


@draft
def linked_styles_audit() -> Draft:
    d = Draft("word-linked-list-styles-audit-2026", "heading styles linked to a multi-level list the way Word's 'link level "
              "to style' writes it: the style names the list but no level, the list's level names the style",
              "云州市审计局", 2023, "2024-01-26", addressees=["市委全面依法治市委员会办公室"])
    heading_styles(d, ("10", "20"), ("heading 1", "heading 2"), linked=True)
    d.add(d.title_p("云州市审计局2023年度法治政府建设情况报告"))
    d.addressee("市委全面依法治市委员会办公室：")
    d.opening("2023年，市审计局坚持依法审计，充分发挥审计监督在法治政府建设中的作用。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", how="style", style="10", first=None)
    d.section("规范审计执法行为", how="style", style="20", first=None)
    d.para("修订审计项目质量控制办法，全年完成审计项目46个，审计查出主要问题金额3.2亿元。")
    d.section("推进审计整改落实", how="style", style="20", first=None)
    d.para("建立审计整改“对账销号”机制，全年推动整改问题金额2.7亿元，制定完善制度31项。")
    d.part("shortcomings", "存在的不足和原因", how="style", style="10", first=None)
    d.section("审计力量与任务不相适应", how="style", style="20", first=None)
    d.para("审计人员中具有法律专业背景的不足10%。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", how="style", style="10", first=None)
    d.para("局主要负责人全年主持召开党组会议研究法治工作4次，带头落实审计法律顾问制度。")
    d.part("plans", "2024年工作安排", how="style", style="10", first=None)
    d.para("一是深化依法审计；二是加强审计整改监督；三是推进审计信息化建设。")
    sign(d, "2024年1月26日")
    return d


def tracked_row(cells: list[str], widths: list[int], kind: str) -> str:
    """A table row inserted or deleted with Track Changes on: the row and its text marked."""
    mark = f'<w:{kind} w:id="{900 + len(cells[0])}" w:author="法规科" w:date="2025-01-06T09:00:00Z"/>'
    text_tag = "t" if kind == "ins" else "delText"
    tcs = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
                  f'<w:{kind} w:id="{950 + i}" w:author="法规科" w:date="2025-01-06T09:00:00Z"><w:r>{rpr(FANG, size=24)}'
                  f'<w:{text_tag} xml:space="preserve">{escape(c)}</w:{text_tag}></w:r></w:{kind}></w:p></w:tc>'
                  for i, (c, w) in enumerate(zip(cells, widths)))
    return f"<w:tr><w:trPr>{mark}</w:trPr>{tcs}</w:tr>"


@draft
def tracked_join_urban() -> Draft:
    d = Draft("word-tracked-join-rows-urban-2026", "tracked changes of structure: two paragraphs joined (the first one's "
              "mark deleted), a table row deleted and one inserted; read as accepted", "北湖区城市管理局", 2024,
              "2025-01-09", addressees=["区委全面依法治区委员会办公室"])
    d.add(d.title_p("北湖区城市管理局2024年度法治政府建设情况报告"))
    d.addressee("区委全面依法治区委员会办公室：")
    d.opening("2024年，区城市管理局坚持依法管城，推进城市管理领域法治建设。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", marker="一、")
    d.section("严格城市管理执法", marker="（一）")
    d._here().append("全年查处违法建设案件86件，拆除违法建筑面积2.3万平方米。")
    joined = '<w:rPr><w:del w:id="880" w:author="法规科" w:date="2025-01-06T09:00:00Z"/></w:rPr>'
    d.add(d.p("全年查处违法建设案件86件，", ppr=joined), d.p("拆除违法建筑面积2.3万平方米。"))
    d.para("执法办案情况如下：")
    widths = [3000, 2900, 2900]
    rows = [["执法事项", "立案（件）", "结案（件）"], ["违法建设", "86", "84"], ["占道经营", "312", "312"]]
    table = grid_table(rows)
    deleted = tracked_row(["市容环卫", "45", "45"], widths, "del")
    inserted = tracked_row(["户外广告", "27", "27"], widths, "ins")
    table = table.replace("</w:tbl>", inserted + "</w:tbl>")
    at = table.index("<w:tr>", table.index("<w:tr>") + 1)
    d.table(None, rows[0], [*rows[1:], ["户外广告", "27", "27"]], xml=table[:at] + deleted + table[at:])
    d.section("推进柔性执法", marker="（二）")
    d.para("推行轻微违法行为首违不罚，全年适用首违不罚1,126起。")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("执法队员法律素养参差不齐，执法规范化水平有待提高。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局主要负责人全年主持召开专题会议研究法治工作4次，带头参加行政诉讼出庭应诉1次。")
    d.part("plans", "2025年工作计划", marker="四、")
    d.para("一是深化城市管理执法体制改革；二是推进智慧城管执法；三是加强执法队伍教育培训。")
    sign(d, "2025年1月9日")
    return d


@draft
def excel_object_commerce() -> Draft:
    d = Draft("word-excel-object-commerce-2026", "a table pasted from Excel as an embedded object (OLE): only its "
              "picture shows, so the import leaves it out with a warning saying how to paste it as a table",
              "安平县商务局", 2025, "2026-01-21", addressees=["县委全面依法治县委员会办公室"])
    d.add(d.title_p("安平县商务局2025年度法治政府建设情况报告"))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2025年，县商务局坚持依法行政，推进商务领域法治建设。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", marker="一、")
    d.section("规范商务行政执法", marker="（一）")
    d.para("全年开展成品油、单用途预付卡等领域执法检查，检查情况如下表：")
    d.add(excel_object(d))
    d.section("优化营商环境", marker="（二）")
    d.para("推行外贸企业备案“不见面审批”，全年办理备案登记132件。")
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("商务执法人员少，专业执法能力有待加强。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局主要负责人全年主持研究法治工作3次，审签重大执法决定6件。")
    d.part("plans", "2026年工作安排", marker="四、")
    d.para("一是加强商务领域执法；二是深化预付卡监管；三是推进商务诚信建设。")
    sign(d, "2026年1月21日")
    return d


@draft
def attachments_chart_civil() -> Draft:
    d = Draft("word-attachments-chart-civil-2026", "a column chart of figures (not imported, a warning); the attachment "
              "note 附件： above a list Word numbers (1. 2.); the signature and date pushed right with full-width spaces",
              "青山县民政局", 2025, "2026-01-16", addressees=["县委全面依法治县委员会办公室"])
    d.truth["attachments"] = ["2025年度法治政府建设重点任务完成情况表", "2025年度行政执法统计年报"]
    d.add(d.title_p("青山县民政局2025年度法治政府建设情况报告"))
    d.addressee("县委全面依法治县委员会办公室：")
    d.opening("2025年，县民政局坚持以习近平法治思想为指导，推进民政领域依法行政。现将有关情况报告如下：")
    d.part("measures", "主要举措和成效", marker="一、")
    d.section("规范社会组织登记管理", marker="（一）")
    d.para("全年办理社会组织成立、变更、注销登记86件，查处非法社会组织3家。")
    d.section("加强行政复议应诉", marker="（二）")
    d.para("全年涉及我局的行政复议案件由2024年的9件下降至2025年的5件，见下图。")
    d.add(bar_chart(d, "行政复议案件数", "案件数", [("2024年", 9), ("2025年", 5)]))
    d.part("shortcomings", "存在的不足和原因", marker="二、")
    d.para("基层民政执法力量薄弱，养老机构监管手段不足。")
    d.part("leadership", "主要负责人履行推进法治建设第一责任人职责情况", marker="三、")
    d.para("局主要负责人全年专题研究法治工作4次，带头开展述法。")
    d.part("plans", "2026年工作打算", marker="四、")
    d.para("一是加强社会组织监管；二是推进养老服务领域执法；三是深化民政普法。")
    items = d.num("items")
    d.add(d.p(first=None), d.p("附件：", first=200))
    for name in d.truth["attachments"]:
        d.add(d.p(name, num=(items, 0), left=300))
    d.add(d.p(first=None), d.p("　" * 18 + "青山县民政局", first=None), d.p("　" * 17 + "2026年1月16日", first=None))
    return d


if __name__ == "__main__":
    for make in DRAFTS:
        made = make()
        made.write()
    if "--lo" in sys.argv and shutil.which("soffice"):
        for name, suffix in (("word-tab-signoff-town-2026", "doc"), ("word-sdt-title-tracked-2026", "odt"),
                             ("word-toc-heading-styles-2026", "odt"), ("word-fields-symbols-emergency-2026", "doc"),
                             ("word-footnotes-justice-2026", "odt"), ("word-tracked-join-rows-urban-2026", "doc")):
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run(["soffice", "--headless", "--convert-to", suffix, "--outdir", tmp, str(HERE / f"{name}.docx")],
                               check=True, capture_output=True)
                shutil.copy(Path(tmp) / f"{name}.{suffix}", HERE / f"{name}-lo.{suffix}")
                expected = (HERE / f"{name}.expected.yaml").read_text("utf-8")
                (HERE / f"{name}-lo.expected.yaml").write_text(
                    expected.replace("# ", f"# Saved by LibreOffice as .{suffix} from {name}.docx; ", 1), "utf-8")
