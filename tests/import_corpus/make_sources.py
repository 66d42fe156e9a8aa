#!/usr/bin/env python3
"""Writes the corpus's PDF, .doc, .wps and .odt drafts, and their ground truth, as offices get them.

    python tests/import_corpus/make_sources.py      # needs LibreOffice (soffice) and Chromium on PATH

- own-render-full.pdf: `report-composer render samples/full.yaml -o …pdf`, last year's report as
  this tool publishes it (red header, table, attachments, end block);
- libreoffice-full.pdf: our DOCX of the same report, exported to PDF by LibreOffice (its own
  line breaking, fonts standing in, no spaces drawn);
- libreoffice-saved-full.docx and libreoffice-full-odt.odt: our DOCX opened and saved again in
  LibreOffice, as .docx and as .odt (the end block becomes a frame: a text box in DOCX);
- typed-office.docx: a draft typed by hand in Word: markers typed, no heading styles, first-line
  indents, a caption and a table, the signature and date set right, a running header with the
  office's name and a footer "第 N 页 共 M 页"; LibreOffice exports it as typed-office-lo-pdf.pdf,
  typed-office-lo-doc.doc and typed-office-lo-odt.odt, and the .doc is copied as
  typed-office-wps.wps (WPS saves .wps in Word 97's compound-file format);
- seed-page-browser-print.pdf: the seed's government web page printed to PDF by Chromium
  (site bar, navigation, disclosure block, the browser's running header and footer); its ground
  truth is the seed sample;
- scanned-notice.pdf: a page that is only an image (a scan), which import must refuse
  (scanned-notice.refusal.txt: the problem code the refusal must carry).

Each draft's ground truth is NAME.expected.yaml (the report a perfect import gives); for our own
PDFs it is the sample without what paper does not carry (the web page's disclosure header).
The generated files are committed, so the tests need LibreOffice only to read .doc/.wps/.odt.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))

import composer  # noqa: E402
from composer.yaml_writer import report_to_yaml  # noqa: E402

TYPED_TITLE = "青山县市场监督管理局2024年法治政府建设年度报告"
TYPED_EXPECTED = """\
issuer: 青山县市场监督管理局
year: 2024
date: 2025-01-10
title: 青山县市场监督管理局2024年法治政府建设年度报告
addressees: [县委全面依法治县委员会办公室]
opening:
  - 2024年，我局在县委、县政府的坚强领导下，深入学习贯彻习近平法治思想，全面落实《法治政府建设实施纲要（2021—2025年）》，坚持把法治政府建设贯穿市场监管工作全过程，各项工作取得新成效。现将有关情况报告如下。
parts:
  measures:
    heading: 2024年推进法治政府建设的主要举措和成效
    content:
      - heading: 健全依法决策机制。
        run_in: true
        content:
          - 制定《重大行政决策程序规定》实施细则，将涉企收费、食品安全抽检计划等3项事项纳入重大行政决策目录，全部履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。
      - heading: 规范行政执法行为
        content:
          - 全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，执法文书统一使用ISO 9001质量管理体系下的编号规则，全年审核重大执法决定64件，纠正程序瑕疵9处。
          - 开展行政执法案卷评查两次，评查案卷180卷，优秀率达到86.1%，发现的问题已全部整改到位。全年行政执法情况见下表。
          - table:
              caption: 表1　2024年行政执法案件办理情况
              header: [类别, 立案数（件）, 结案数（件）]
              rows:
                - [食品安全, '126', '120']
                - [特种设备, '38', '38']
                - [价格监管, '57', '54']
      - heading: 强化普法宣传。
        run_in: true
        content:
          - 落实“谁执法谁普法”责任制，在“3·15”国际消费者权益日、食品安全宣传周等节点开展集中宣传活动12场，发放资料1.2万份，12315热线受理咨询4300余件，办结率100%。
  shortcomings:
    heading: 存在的不足和原因
    content:
      - 一是基层执法人员法律素养参差不齐，个别执法人员运用法律解决问题的能力不足；二是执法信息化建设相对滞后，执法数据共享不够充分。主要原因是执法培训的针对性不强，信息化投入不足。
  leadership:
    heading: 党政主要负责人履行推进法治建设第一责任人职责情况
    content:
      - 局主要负责人认真履行推进法治建设第一责任人职责，主持召开党组会专题研究法治建设工作4次，带头参加县政府常务会议会前学法，对重大执法决定亲自把关。
  plans:
    heading: 2025年推进法治政府建设的主要安排
    content:
      - heading: 加强执法队伍建设。
        run_in: true
        content:
          - 分领域开展执法人员轮训，全年培训不少于40学时。
      - heading: 推进智慧监管。
        run_in: true
        content:
          - 建成全县统一的市场监管执法办案平台，实现执法数据全量归集和共享。
"""


def typed_office_docx() -> bytes:
    """A draft as an office types it in Word (see the module docstring)."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    section = document.sections[0]
    section.header.paragraphs[0].text = "青山县市场监督管理局"
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:t xml:space="preserve">第 </w:t></w:r>'))
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> 页 共 </w:t></w:r>'))
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="NUMPAGES"><w:r><w:t>3</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> 页</w:t></w:r>'))

    def paragraph(text: str, *, indent: bool = True, align: WD_ALIGN_PARAGRAPH | None = None,
                  size: int | None = None, bold: bool = False) -> None:
        p = document.add_paragraph()
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        elif indent:
            p.paragraph_format.first_line_indent = Pt(32)
        p.paragraph_format.space_after = Pt(0)

    def add(item: object, level: int, number: int) -> None:
        if isinstance(item, str):
            paragraph(item)
        elif hasattr(item, "table"):
            table = item.table
            paragraph(table.caption, align=WD_ALIGN_PARAGRAPH.CENTER)
            grid = document.add_table(rows=0, cols=len(table.header))
            grid.style = "Table Grid"
            for row in [table.header, *table.rows]:
                for cell, text in zip(grid.add_row().cells, row):
                    cell.text = text
        else:  # a section: the marker typed, a run-in body on the heading's line
            marker = f"（{'一二三四五六'[number - 1]}）"
            content = item.content
            paragraph(marker + item.heading + (content[0] if item.run_in else ""))
            for child in content[1 if item.run_in else 0:]:
                add(child, level + 1, 0)

    report = composer.load(TYPED_EXPECTED)
    paragraph(TYPED_TITLE, align=WD_ALIGN_PARAGRAPH.CENTER, size=22, bold=True)
    paragraph("")
    paragraph("县委全面依法治县委员会办公室：", indent=False)
    paragraph(report.opening[0])
    for number, key in zip("一二三四", ("measures", "shortcomings", "leadership", "plans")):
        part = getattr(report.parts, key)
        paragraph(f"{number}、{part.heading}", bold=True)
        sections = 0
        for item in part.content:
            sections += not isinstance(item, str) and not hasattr(item, "table")
            add(item, 2, sections)
    paragraph("")
    paragraph("青山县市场监督管理局", align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph("2025年1月10日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """One page holding only a picture of text, as a scanner makes it."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("L", (400, 120), 255)
    for y in (20, 50, 80):  # dark bands where lines of text would be
        ImageDraw.Draw(picture).rectangle((20, y, 380, y + 16), fill=40)
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, invariant=True)
    page.drawImage(ImageReader(picture), 50, 500, 500, 150)
    page.showPage()
    page.save()
    return out.getvalue()


def printed_page(page: Path, out: Path) -> Path:
    """The web page printed to PDF by Chromium, as a browser's "打印 → 另存为 PDF" does: the
    page's own bars and links, and the browser's header (date, title) and footer (address, 1/5)."""
    browser = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))))
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
             f"--print-to-pdf={out}", page.as_uri()],
            check=True, capture_output=True, timeout=300,
        )
    return out


def libreoffice(source: Path, target: str, out: Path) -> Path:
    """`soffice --convert-to target`, in a private profile; the converted file."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--convert-to", target, "--outdir", str(out), str(source)],
            check=True, capture_output=True, timeout=300,
        )
    return out / (source.stem + "." + target.split(":")[0])


def main() -> None:
    if shutil.which("soffice") is None:
        sys.exit("make_sources.py needs LibreOffice (soffice) on PATH")
    full = composer.load(REPO / "samples" / "full.yaml")
    paper = report_to_yaml(full.model_copy(update={"disclosure": None}))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (HERE / "own-render-full.pdf").write_bytes(composer.render(full, "pdf"))
        (work / "full.docx").write_bytes(composer.render(full, "docx"))
        shutil.copy(libreoffice(work / "full.docx", "pdf", work), HERE / "libreoffice-full.pdf")
        shutil.copy(libreoffice(work / "full.docx", "docx", work / "saved"), HERE / "libreoffice-saved-full.docx")
        shutil.copy(libreoffice(work / "full.docx", "odt", work), HERE / "libreoffice-full-odt.odt")
        for name in ("own-render-full", "libreoffice-full", "libreoffice-saved-full", "libreoffice-full-odt"):
            (HERE / f"{name}.expected.yaml").write_text(paper, "utf-8")
        typed = HERE / "typed-office.docx"
        typed.write_bytes(typed_office_docx())
        made = {
            "typed-office-lo-pdf.pdf": libreoffice(typed, "pdf", work),
            "typed-office-lo-doc.doc": libreoffice(typed, "doc", work),
            "typed-office-lo-odt.odt": libreoffice(typed, "odt", work),
        }
        made["typed-office-wps.wps"] = made["typed-office-lo-doc.doc"]
        for name, converted in made.items():
            shutil.copy(converted, HERE / name)
        for name in ("typed-office", *(Path(name).stem for name in made)):
            (HERE / f"{name}.expected.yaml").write_text(TYPED_EXPECTED, "utf-8")
        (HERE / "typed-office-lo-pdf.furniture.txt").write_text("页 共\n第 1 页\n", "utf-8")
        seed = REPO / "tests" / "data" / "seed-web-page.html"
        printed_page(seed, HERE / "seed-page-browser-print.pdf")
        shutil.copy(REPO / "samples" / "datong-keji-2023.yaml", HERE / "seed-page-browser-print.expected.yaml")
        (HERE / "seed-page-browser-print.furniture.txt").write_text(
            "扫一扫\nfile://\n当前位置\n大同市人民政府大同市人民政府\n1/5\n", "utf-8")
        (HERE / "scanned-notice.pdf").write_bytes(scanned_pdf())
        (HERE / "scanned-notice.refusal.txt").write_text("import_pdf_scanned\n", "utf-8")


if __name__ == "__main__":
    main()
