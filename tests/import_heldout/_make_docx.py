#!/usr/bin/env python3
"""Writes the held-out Word drafts with python-docx, as Word and WPS save them (not through our writer).

    python tests/import_heldout/_make_docx.py            # then, with soffice on PATH, the PDF too

- province-bold-headings-2019.docx: part headings only bold, no numbers; run-in leads in bold;
- wps-style-numbering-2023.docx: 标题 1/标题 2/标题 3 styles whose numbering (numPr) is in the
  style, as WPS saves it, 一、（一）1. drawn by Word; a data table with a centred caption; page
  numbers "— N —" in the footer; saved by LibreOffice as Word 97 (wps-style-numbering-2023-doc.doc);
- court-diyibufen-typed-2025.docx: "第一部分" parts with typed 一、（一） inside; the date in
  Chinese numerals; the signature indented by spaces;
- pdf-pasted-breaks-2022.docx: text pasted from a PDF: line breaks (w:br) inside sentences,
  double spaces, half-width "1." and "(1)", headings ending in "：";
  exported by LibreOffice as pdf-pasted-breaks-2022-pdf.pdf with its header and "— N —" footer;
- list-paragraph-layout-table-2021.docx: the title one paragraph broken by a line break, parts
  and sections Word lists in the "List Paragraph" style (一、（一） drawn), a caption typed
  before a data table, the signature and date set in a borderless two-column table.
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


def run(paragraph, text: str, font: str = "仿宋_GB2312", bold: bool = False, size: float = 16):
    r = paragraph.add_run(text)
    r.font.name = font
    r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    r.font.size = Pt(size)
    if bold:
        r.bold = True
    return r


def body(document, text: str, indent: bool = True, **kw):
    p = document.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)
    run(p, text, **kw)
    return p


def right(document, text: str):
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run(p, text)
    return p


def title(document, text: str):
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(p, text, "方正小标宋简体", size=22)


def footer_page_number(document):
    p = document.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">— </w:t></w:r>'))
    p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> —</w:t></w:r>'))


def province_bold_headings() -> None:
    d = docx.Document()
    title(d, "省交通运输厅2019年法治政府建设情况报告")
    body(d, "2019年，省交通运输厅认真贯彻落实党中央、国务院关于法治政府建设的决策部署，扎实推进交通运输法治政府部门建设，取得明显成效。现将有关情况报告如下。")
    body(d, "主要举措和成效", bold=True, font="黑体")
    for lead, rest in (
        ("加强党对法治工作的领导。", "厅党组把法治建设列入年度工作要点，全年召开党组会议研究法治工作5次。"),
        ("推进交通运输立法。", "《省公路条例》修订草案提请省人大常委会一审，制定出台规范性文件3件。"),
        ("深化综合执法改革。", "组建省交通运输综合行政执法总队，整合路政、运政、港航等7支执法队伍。"),
    ):
        p = d.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        run(p, lead, bold=True)
        run(p, rest)
    body(d, "存在的问题", bold=True, font="黑体")
    body(d, "一是执法队伍整合后人员融合不够；二是部分市县交通运输部门执法装备落后；三是普法针对性不强。")
    body(d, "主要负责人履行推进法治建设第一责任人职责情况", bold=True, font="黑体")
    body(d, "厅党组书记、厅长严格履行第一责任人职责，对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。")
    body(d, "2020年工作思路", bold=True, font="黑体")
    body(d, "2020年，我厅将继续深化交通运输综合执法改革，加快推进重点领域立法，全面落实行政执法三项制度。")
    d.add_paragraph()
    right(d, "省交通运输厅")
    right(d, "2020年1月10日")
    d.save(HERE / "province-bold-headings-2019.docx")


STYLE_LIST = (
    '<w:abstractNum {ns} w:abstractNumId="97"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:pStyle w:val="Heading1"/>'
    '<w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:pStyle w:val="Heading2"/>'
    '<w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading3"/>'
    '<w:suff w:val="nothing"/><w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>'
    "</w:abstractNum>"
)


def wps_style_numbering() -> None:
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(STYLE_LIST.format(ns=nsdecls("w"))))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="97"><w:abstractNumId w:val="97"/></w:num>'))
    for level in (1, 2, 3):
        style = d.styles[f"Heading {level}"]
        ppr = style.element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/><w:numId w:val="97"/></w:numPr>'))
    footer_page_number(d)
    title(d, "滨海新区人力资源和社会保障局")
    title(d, "2023年度法治政府建设工作报告")
    body(d, "区委全面依法治区委员会办公室：", indent=False)
    body(d, "2023年，我局以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，推进人社领域法治建设。现将有关情况报告如下：")
    d.add_paragraph("推进法治政府建设的主要举措和成效", style="Heading 1")
    d.add_paragraph("强化劳动保障监察执法", style="Heading 2")
    d.add_paragraph("开展根治欠薪专项行动", style="Heading 3")
    body(d, "全年立案查处欠薪案件236件，为4,851名劳动者追发工资待遇6,530万元。")
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(p, "2023年劳动保障监察案件办理情况", "黑体", size=14)
    table = d.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for r, row in enumerate((("项目", "件数", "涉及金额（万元）"), ("欠薪案件", "236", "6,530"), ("社保违法", "58", "412"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("规范劳动人事争议仲裁", style="Heading 3")
    body(d, "全年受理劳动人事争议案件1,102件，结案率96.5%，调解率68.2%。")
    d.add_paragraph("深化“放管服”改革", style="Heading 2")
    body(d, "推进人社服务“快办行动”，实现62项服务事项“打包办”。")
    d.add_paragraph("存在的不足和原因", style="Heading 1")
    body(d, "执法力量与监管任务不相适应，基层执法人员法律素养有待提高。")
    d.add_paragraph("党政主要负责人履行推进法治建设第一责任人职责情况", style="Heading 1")
    body(d, "局党组书记、局长认真履行第一责任人职责，全年专题研究法治建设工作3次。")
    d.add_paragraph("2024年推进法治政府建设的主要安排", style="Heading 1")
    body(d, "持续开展根治欠薪行动，加强劳动人事争议调解仲裁工作。")
    d.add_paragraph()
    right(d, "滨海新区人力资源和社会保障局")
    right(d, "2024年01月10日")
    d.save(HERE / "wps-style-numbering-2023.docx")


def court_diyibufen() -> None:
    d = docx.Document()
    title(d, "南川县人民检察院")
    title(d, "关于2025年度法治建设工作情况的报告")
    body(d, "县委全面依法治县委员会办公室：", indent=False)
    body(d, "2025年，我院坚持以习近平法治思想为指导，依法履行法律监督职能。现将有关情况报告如下。")
    for text, font in (
        ("第一部分　主要举措和成效", "黑体"),
        ("一、依法履行法律监督职能", "楷体_GB2312"),
        ("（一）刑事检察。全年受理审查逮捕案件312件，受理审查起诉案件468件。", "仿宋_GB2312"),
        ("（二）民事行政检察。办理民事行政监督案件57件，提出检察建议21件。", "仿宋_GB2312"),
        ("二、推进公益诉讼检察", "楷体_GB2312"),
        ("立案办理公益诉讼案件43件，发出诉前检察建议38件。", "仿宋_GB2312"),
        ("第二部分　存在的问题及原因", "黑体"),
        ("检察队伍专业化水平与新时代法律监督要求还有差距。", "仿宋_GB2312"),
        ("第三部分　党组书记、检察长履行推进法治建设第一责任人职责情况", "黑体"),
        ("院党组书记、检察长带头尊法学法守法用法，全年主持党组会研究法治建设工作6次。", "仿宋_GB2312"),
        ("第四部分　2026年工作打算", "黑体"),
        ("一是深化检察监督；二是加强队伍建设；三是推进数字检察。", "仿宋_GB2312"),
    ):
        body(d, text, font=font)
    d.add_paragraph()
    body(d, "　　　　　　　　　　　　　　　　　南川县人民检察院", indent=False)
    body(d, "　　　　　　　　　　　　　　　　　二〇二六年一月十日", indent=False)
    d.save(HERE / "court-diyibufen-typed-2025.docx")


def pasted_breaks() -> str:
    d = docx.Document()
    section = d.sections[0]
    header = section.header.paragraphs[0]
    header.text = "芦溪县自然资源局"
    footer_page_number(d)
    title(d, "芦溪县自然资源局2022年法治政府建设年度报告")

    def broken(lines: list[str]) -> None:
        p = d.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        for n, line in enumerate(lines):
            r = run(p, line)
            if n < len(lines) - 1:
                r.add_break()

    broken(["2022年，县自然资源局在县委、县政府的正确领导下，坚持依法行政，  全面推进", "自然资源领域法治建设。现将有关情况报告如下："])
    body(d, "一、主要举措和成效：", font="黑体")
    body(d, "(一)严格土地执法：", font="楷体_GB2312")
    broken(["1.开展违法用地专项整治。全年立案查处违法用地案件47宗，", "涉及土地面积126.4亩，拆除违法建筑3.2万平方米。"])
    broken(["2.落实执法公示制度。在县政府网站公示行政处罚结果47件，", "公示率100%。"])
    body(d, "(二)推进依法决策：", font="楷体_GB2312")
    body(d, "全年组织重大行政决策合法性审查8件，法律顾问出具法律意见书15份。")
    body(d, "二、存在的问题：", font="黑体")
    broken(["一是执法人员少、任务重，执法力量不足；二是部分群众土地法律意识淡薄，违法用地", "现象屡禁不止。"])
    body(d, "三、主要负责人履行推进法治建设第一责任人职责情况：", font="黑体")
    body(d, "局主要负责人严格履行法治建设第一责任人职责，将法治建设与业务工作同部署、同推进、同考核。")
    body(d, "四、下一年度工作打算：", font="黑体")
    body(d, "一是加强执法队伍建设；二是加大普法宣传力度；三是持续开展违法用地整治。")
    d.add_paragraph()
    right(d, "芦溪县自然资源局")
    right(d, "2023年2月3日")
    out = HERE / "pdf-pasted-breaks-2022.docx"
    d.save(out)
    return str(out)


LIST_PARAGRAPH = (
    '<w:abstractNum {ns} w:abstractNumId="98"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="840" w:hanging="420"/></w:pPr></w:lvl>'
    "</w:abstractNum>"
)


def list_paragraph_layout_table() -> None:
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(LIST_PARAGRAPH.format(ns=nsdecls("w"))))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="98"><w:abstractNumId w:val="98"/></w:num>'))
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(p, "石门市应急管理局", "方正小标宋简体", size=22).add_break()
    run(p, "2021年法治政府建设年度报告", "方正小标宋简体", size=22)

    def listed(text: str, level: int, font: str) -> None:
        item = d.add_paragraph(style="List Paragraph")
        num_pr = item._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = 98
        run(item, text, font)

    body(d, "2021年，市应急管理局坚持以习近平法治思想为指导，  统筹发展和安全，扎实推进应急管理领域法治建设。现将有关情况报告如下：")
    listed("2021年法治政府建设主要举措和成效：", 0, "黑体")
    listed("严格安全生产执法", 1, "楷体_GB2312")
    body(d, "全年检查生产经营单位3,412家次，立案处罚219起，罚款金额1,086万元。")
    p = d.add_paragraph()
    run(p, "表1　2021年安全生产行政执法情况", "黑体", size=14)
    table = d.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for r, row in enumerate((("行业领域", "检查家次", "立案处罚（起）"), ("危险化学品", "1,027", "64"), ("工贸", "2,385", "155"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    listed("推进应急管理综合行政执法改革", 1, "楷体_GB2312")
    body(d, "组建市应急管理综合行政执法支队，编制执法事项清单，明确执法事项106项。")
    listed("存在的不足和原因", 0, "黑体")
    body(d, "一是执法人员专业能力不足；二是基层执法力量薄弱。")
    listed("党政主要负责人履行推进法治建设第一责任人职责情况", 0, "黑体")
    body(d, "局党委书记、局长亲自研究部署法治建设工作，全年主持召开专题会议4次。")
    listed("2022年推进法治政府建设的主要安排", 0, "黑体")
    body(d, "深化应急管理综合行政执法改革，加强执法队伍专业化建设。")
    d.add_paragraph()
    layout = d.add_table(rows=2, cols=2)  # no style: no borders, as offices set signature and date
    for r, value in enumerate(("石门市应急管理局", "2022 年 1 月 10 日")):
        cell = layout.cell(r, 1)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run(cell.paragraphs[0], value)
    d.save(HERE / "list-paragraph-layout-table-2021.docx")


def main() -> None:
    province_bold_headings()
    wps_style_numbering()
    court_diyibufen()
    list_paragraph_layout_table()
    source = pasted_breaks()
    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            for target, path in (("pdf", source), ("doc", str(HERE / "wps-style-numbering-2023.docx"))):
                subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                                "--convert-to", target, "--outdir", tmp, path], check=True, capture_output=True)
            shutil.copy(Path(tmp) / "pdf-pasted-breaks-2022.pdf", HERE / "pdf-pasted-breaks-2022-pdf.pdf")
            shutil.copy(Path(tmp) / "wps-style-numbering-2023.doc", HERE / "wps-style-numbering-2023-doc.doc")


if __name__ == "__main__":
    main()
