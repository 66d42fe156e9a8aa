#!/usr/bin/env python3
"""Writes the corpus's Word drafts typed with direct formatting only (no heading styles), as
offices type them, with python-docx; and, with LibreOffice (soffice) on PATH, the PDF of the first.

    python tests/import_corpus/_make_typed_docx.py

- word-direct-numbered-2025.docx: the title over two centred lines, the addressee, parts in 黑体
  and sections in 楷体 typed with their markers, Word's numbered lists ("1." and "（1）", one list
  restarting at 1 by a level override) for the items, a captioned table of figures, part five, a
  "- 1 -" footer; exported by LibreOffice as word-direct-numbered-2025-lo.pdf;
- word-soft-breaks-guanyu-2025.docx: a 关于……的报告 title as one paragraph broken by a line
  break, run-in section leads in 楷体, a paragraph holding two lines (Shift+Enter), the signature
  and date set off by left indents, a running header that is no part of the report;
- word-faces-only-2025.docx: headings typed without numbers, told only by their faces (parts in
  黑体, sections in 楷体);
- word-pdf-lines-pasted-2025.docx: text pasted from a PDF, a paragraph a line, sentences broken;
- word-table-caption-row-2025.docx: a table whose caption is typed in its first row, merged across;
  exported by LibreOffice as word-table-caption-row-2025-lo.pdf.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent


def run(paragraph, text: str, font: str = "仿宋_GB2312", size: float = 16):
    r = paragraph.add_run(text)
    r.font.name = font
    r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    r.font.size = Pt(size)
    return r


def para(document, text: str = "", font: str = "仿宋_GB2312", indent: bool = True, align=None, size: float = 16):
    p = document.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)
    if align is not None:
        p.alignment = align
    if text:
        run(p, text, font, size)
    return p


def title(document, text: str) -> None:
    para(document, text, "方正小标宋简体", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=22)


def right(document, text: str) -> None:
    para(document, text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)


# Plain numbered lists as Word makes them when "1." or "（1）" is typed: no style, a hanging indent.
LISTS = (
    '<w:abstractNum {ns} w:abstractNumId="{id}"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{text}"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>'
)


def lists(document) -> None:
    """numId 41: "1."; 42: "1." again, restarted by a level override; 43: "（1）"."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(LISTS.format(ns=nsdecls("w"), id=41, text="%1.")))
    numbering.insert(1, parse_xml(LISTS.format(ns=nsdecls("w"), id=42, text="（%1）")))
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    for num, abstract, override in ((41, 41, ""), (42, 41, restart), (43, 42, "")):
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num}"><w:abstractNumId w:val="{abstract}"/>{override}</w:num>'))


def numbered(document, num_id: int, text: str) -> None:
    p = para(document, text)
    p._p.get_or_add_pPr().insert(0, parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def footer_page_number(document) -> None:
    p = document.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">- </w:t></w:r>'))
    p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> -</w:t></w:r>'))


def direct() -> None:
    d = docx.Document()
    lists(d)
    footer_page_number(d)
    title(d, "安平县应急管理局")
    title(d, "2025年法治政府建设年度报告")
    para(d)
    para(d, "县委全面依法治县委员会办公室：", indent=False)
    para(d, "2025年，县应急管理局坚持以习近平法治思想为指导，统筹发展和安全，扎实推进应急管理领域法治建设。现将有关情况报告如下：")
    para(d, "一、主要举措和成效", "黑体")
    para(d, "（一）健全安全生产制度体系", "楷体_GB2312")
    numbered(d, 41, "修订《安平县安全生产委员会工作规则》，明确37个成员单位安全生产工作职责。")
    numbered(d, 41, "制定危险化学品、非煤矿山等重点行业领域执法检查计划，实行清单化管理。")
    para(d, "（二）严格安全生产执法", "楷体_GB2312")
    para(d, "全年检查生产经营单位1,482家次，查处隐患4,317项，立案处罚86起，罚款金额312.6万元，具体情况如下：")
    para(d, "表1　2025年安全生产行政执法情况", "黑体", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    rows = (("行业领域", "检查家次", "立案数", "罚款（万元）"), ("危险化学品", "326", "21", "98.5"),
            ("工贸行业", "874", "49", "156.3"), ("非煤矿山", "282", "16", "57.8"))
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    para(d, "（三）加强普法宣传", "楷体_GB2312")
    numbered(d, 42, "开展“安全生产月”“防灾减灾日”集中宣传活动42场次。")
    numbered(d, 42, "组织企业主要负责人和安全管理人员培训1,260人次。")
    para(d, "二、存在的不足和原因", "黑体")
    para(d, "一是基层应急管理执法力量不足，乡镇应急管理机构专职人员少；二是部分企业主体责任落实不到位，法治意识淡薄。")
    para(d, "三、党政主要负责人履行推进法治建设第一责任人职责情况", "黑体")
    para(d, "局党委书记、局长认真履行推进法治建设第一责任人职责，全年主持召开党委会议专题研究法治建设工作5次，带头参加集体学法4次。")
    para(d, "四、下一年度主要安排", "黑体")
    numbered(d, 43, "深化安全生产执法规范化建设，推行“执法+专家”检查模式。")
    numbered(d, 43, "加强执法人员培训，全年培训不少于60学时。")
    numbered(d, 43, "推进应急管理综合行政执法改革。")
    para(d, "五、其他需要报告的事项", "黑体")
    para(d, "2025年，我局未发生行政复议被纠错和行政诉讼败诉案件。")
    para(d)
    para(d)
    right(d, "安平县应急管理局")
    right(d, "2026年1月14日")
    d.save(HERE / "word-direct-numbered-2025.docx")


def soft_breaks() -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "内部资料　注意保存"
    p = para(d, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    run(p, "长宁市司法局关于2025年度", "方正小标宋简体", 22).add_break()
    run(p, "法治政府建设工作情况的报告", "方正小标宋简体", 22)
    para(d, "长宁市人民政府：", indent=False)
    para(d, "2025年，市司法局认真履行统筹协调推进法治政府建设职能，各项工作取得积极成效。现将有关情况报告如下。")
    para(d, "一、主要举措和成效", "黑体")
    for lead, *lines in (
        ("（一）加强统筹协调。", "协助市委、市政府召开法治政府建设专题会议3次，制定年度工作要点，分解任务62项。"),
        ("（二）规范行政执法。", "组织全市行政执法人员资格考试2次，新增持证人员418名。",
         "全面推行行政执法“三项制度”，全市行政执法案件网上办案率达到95%。"),
        ("（三）优化法律服务。", "办理法律援助案件2,136件，公证事项1.8万件。"),
    ):
        p = para(d)
        run(p, lead, "楷体_GB2312")
        for number, line in enumerate(lines):
            r = run(p, line)
            if number < len(lines) - 1:
                r.add_break()  # Shift+Enter: two lines, one paragraph
    para(d, "二、存在的不足和原因", "黑体")
    para(d, "行政执法监督体系还不完善，部分单位法治政府建设工作重视程度有待提高。")
    para(d, "三、党政主要负责人履行推进法治建设第一责任人职责情况", "黑体")
    para(d, "局党委书记、局长认真履行推进法治建设第一责任人职责，全年研究法治建设工作8次。")
    para(d, "四、2026年工作安排", "黑体")
    para(d, "一是持续推进法治政府示范创建；二是加强行政执法协调监督工作体系建设；三是推进公共法律服务体系建设。")
    para(d)
    for text, cells in (("长宁市司法局", 17), ("2026年1月13日", 16)):
        p = para(d, indent=False)
        p.paragraph_format.left_indent = Pt(16 * cells)
        run(p, text)
    d.save(HERE / "word-soft-breaks-guanyu-2025.docx")


def faces_only() -> None:
    d = docx.Document()
    title(d, "金沙县林业局2025年法治政府建设年度报告")
    para(d, "2025年，县林业局坚持依法治林，全面推进林业领域法治建设。现将有关情况报告如下：")
    for text, font in (
        ("主要举措和成效", "黑体"), ("健全林业执法制度", "楷体_GB2312"), ("修订林业行政处罚裁量基准，细化裁量标准86项。", None),
        ("严厉打击涉林违法", "楷体_GB2312"), ("全年查处涉林案件41件，收回林地面积126亩。", None),
        ("存在的不足和原因", "黑体"), ("基层林业站执法力量薄弱，执法装备落后。", None),
        ("主要负责人履行推进法治建设第一责任人职责情况", "黑体"), ("局党组书记、局长认真履行第一责任人职责，全年研究法治工作3次。", None),
        ("下一年度主要安排", "黑体"), ("一是加强林业执法队伍建设；二是深化林长制法治保障。", None),
    ):
        para(d, text, font or "仿宋_GB2312")
    para(d)
    right(d, "金沙县林业局")
    right(d, "2026年1月9日")
    d.save(HERE / "word-faces-only-2025.docx")


def pdf_lines_pasted() -> None:
    d = docx.Document()
    title(d, "青河县审计局2025年法治政府建设年度报告")
    for line in (
        "2025年，县审计局坚持以习近平法治思想为指导，依法全面履行审计监督职责，扎实", "推进法治政府建设。现将有关情况报告如下：",
        "一、主要举措和成效", "（一）规范审计执法。全年完成审计项目32个，查出违规金额1.26亿元，移送案件线", "索5件。",
        "（二）强化审计整改。建立审计整改台账，督促整改问题186个，整改率95.7%。", "二、存在的不足和原因",
        "审计人员专业结构不合理，计算机审计人才缺乏，部分审计项目质量有待提", "高。",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况", "局党组书记、局长认真履行第一责任人职责，全年主持研究法治工作4次。",
        "四、下一年度主要安排", "一是加强审计队伍建设；二是推进研究型审计；三是深化审计整改。",
    ):
        para(d, line, indent=False)  # a paragraph a line, as pasted from a PDF
    para(d)
    right(d, "青河县审计局")
    right(d, "2026年1月15日")
    d.save(HERE / "word-pdf-lines-pasted-2025.docx")


def caption_row() -> None:
    d = docx.Document()
    title(d, "白云区水务局2025年法治政府建设年度报告")
    para(d, "2025年，区水务局坚持依法治水管水，全面推进水务领域法治建设。现将有关情况报告如下：")
    para(d, "一、主要举措和成效", "黑体")
    para(d, "（一）严格水行政执法。全年开展河湖巡查1,860次，立案查处水事违法案件37件，具体情况见下表。")
    rows = (("表1　2025年水行政执法案件情况", "", ""), ("案件类别", "立案数", "结案数"), ("非法采砂", "12", "12"),
            ("违法取水", "15", "14"))
    table = d.add_table(rows=len(rows), cols=3)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(0, 0).merge(table.cell(0, 2))  # the caption typed in the table's first row, across it
    para(d, "（二）推进河长制法治保障。修订《白云区河长制工作规定》，落实河长巡河制度。")
    for text, font in (
        ("二、存在的不足和原因", "黑体"), ("水行政执法人员专业能力不足，执法装备有待更新。", None),
        ("三、党政主要负责人履行推进法治建设第一责任人职责情况", "黑体"), ("局党组书记、局长认真履行第一责任人职责，全年主持研究法治工作4次。", None),
        ("四、下一年度主要安排", "黑体"), ("一是加强水行政执法队伍建设；二是推进水务领域信用监管。", None),
    ):
        para(d, text, font or "仿宋_GB2312")
    para(d)
    right(d, "白云区水务局")
    right(d, "2026年1月12日")
    d.save(HERE / "word-table-caption-row-2025.docx")


def lo_pdf() -> None:
    """Two drafts as LibreOffice exports them to PDF (a list's tab becomes a space after its
    number; a merged cell is a row with a column rule missing)."""
    if shutil.which("soffice") is None:
        return
    names = ("word-direct-numbered-2025", "word-table-caption-row-2025")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                        "--outdir", tmp, *(str(HERE / f"{name}.docx") for name in names)], check=True,
                       capture_output=True, timeout=120)
        for name in names:
            shutil.copy(Path(tmp) / f"{name}.pdf", HERE / f"{name}-lo.pdf")


if __name__ == "__main__":
    direct()
    soft_breaks()
    faces_only()
    pdf_lines_pasted()
    caption_row()
    lo_pdf()
