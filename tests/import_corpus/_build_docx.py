#!/usr/bin/env python3
"""Writes the corpus's Word drafts (NAME.docx) from their outlines (NAME.docx.txt), with python-docx.

    python tests/import_corpus/_build_docx.py

An outline has one paragraph a line, as an office formats it in Word:
    = text        the title, centred, in 方正小标宋简体
    #1 text       automatic numbering, first level (一、), the marker not in the text; #2: （一）; #3: 1.
    H1 text       Word's "Heading 1" style (标题 1), no marker; H2, H3 likewise
    K lead|rest   a run-in heading: `lead` in 楷体_GB2312 (bold with B instead of K), then `rest` in 仿宋
    > text        right-aligned (signature, date)
    | a | b |     a table row (consecutive rows make one table)
    (empty line)  an empty paragraph
    text          a body paragraph in 仿宋, first line indented two characters
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

HERE = Path(__file__).resolve().parent
LIST = (
    '<w:abstractNum {ns} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>'
    "</w:abstractNum>"
)


def _run(paragraph, text: str, font: str, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.name = font
    run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
    run.bold = bold or None


def build(outline: Path) -> Path:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(LIST.format(ns=nsdecls("w"))))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    rows: list[list[str]] = []
    lines = outline.read_text("utf-8").splitlines()
    for line in [*lines, None]:
        if line is not None and line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        if rows:
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            rows = []
        if line is None:  # the end, where a last table is written
            break
        if not line:
            document.add_paragraph()
            continue
        tag, _, text = line.partition(" ")
        if tag == "=":
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, text, "方正小标宋简体")
        elif tag in ("#1", "#2", "#3"):
            paragraph = document.add_paragraph()
            numPr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numPr.get_or_add_ilvl().val = int(tag[1]) - 1
            numPr.get_or_add_numId().val = 90
            _run(paragraph, text, "黑体" if tag == "#1" else "楷体_GB2312")
        elif tag in ("H1", "H2", "H3"):
            paragraph = document.add_paragraph(style=f"Heading {tag[1]}")
            _run(paragraph, text, "黑体")
        elif tag in ("K", "B"):
            lead, _, rest = text.partition("|")
            paragraph = document.add_paragraph()
            _run(paragraph, lead, "楷体_GB2312" if tag == "K" else "仿宋_GB2312", bold=tag == "B")
            _run(paragraph, rest, "仿宋_GB2312")
        elif tag == ">":
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, text, "仿宋_GB2312")
        else:
            paragraph = document.add_paragraph()
            paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:ind {nsdecls("w")} w:firstLineChars="200"/>'))
            _run(paragraph, line, "仿宋_GB2312")
    target = outline.with_suffix("")
    document.save(target)
    return target


if __name__ == "__main__":
    for outline in sorted(HERE.glob("*.docx.txt")):
        print(build(outline).name)
