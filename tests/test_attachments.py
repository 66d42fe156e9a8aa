"""Attachments with content (GB/T 9704 8, 10): pages of their own after the sign-off, read back
from the PDF, the DOCX, the HTML and the TXT; the note made from their titles; lint and limits."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pdfplumber
import pytest
import yaml
from pydantic import ValidationError

import composer
from composer.compose import compose
from composer.lint import lint_file
from composer.yaml_writer import report_to_yaml

from conftest import SOFFICE, to_pdf
from readback import squeezed
from composer.model import Attachment
from composer.profile import load_profile

PROFILE = load_profile()
PAGE = PROFILE.page
TWO_PAGES = Path(__file__).parent / "data" / "attachments" / "two-pages.yaml"
LANDSCAPE_TITLE = "青山县市场监督管理局2024年法治政府建设重点任务完成情况统计表"


@pytest.fixture(scope="module")
def report() -> composer.Report:
    return composer.load(TWO_PAGES)


@pytest.fixture(scope="module")
def pdf(report):
    with pdfplumber.open(io.BytesIO(composer.render(report, "pdf"))) as document:
        yield document


def _line_chars(page, text: str):
    """The characters of the first line of `page` that reads `text`."""
    lines: dict[float, list] = {}
    for char in page.chars:
        if char["upright"]:
            lines.setdefault(round(char["top"]), []).append(char)
    for top in sorted(lines):
        chars = sorted(lines[top], key=lambda c: c["x0"])
        if "".join(c["text"] for c in chars).replace(" ", "").startswith(text):
            return chars
    raise AssertionError(f"no line {text!r} on page {page.page_number}")


def test_plain_names_stay_names_and_content_makes_an_attachment():
    data = yaml.safe_load(TWO_PAGES.read_text("utf-8"))
    data["attachments"] = ["统计表", *data["attachments"]]
    report = composer.Report.model_validate(data)
    assert report.attachments[0] == "统计表" and isinstance(report.attachments[1], Attachment)
    (note,) = [block for block in compose(report, PROFILE).body if type(block).__name__ == "Attachments"]
    assert note.items == ("1.统计表", f"2.{LANDSCAPE_TITLE}", "3.2024年度行政执法案件办理情况")
    labels = [block.label for block in compose(report, PROFILE).body if type(block).__name__ == "AttachmentPage"]
    assert labels == ["附件2", "附件3"]  # numbered as the note numbers them


def test_a_single_attachment_is_labelled_without_a_number(report):
    single = report.model_copy(update={"attachments": report.attachments[1:]})
    (page,) = [block for block in compose(single, PROFILE).body if type(block).__name__ == "AttachmentPage"]
    assert page.label == "附件" and not page.landscape


def test_pdf_attachment_pages_follow_the_sign_off_with_label_title_and_turned_pages(pdf):
    pages = pdf.pages
    sizes = [(round(page.width), round(page.height)) for page in pages]
    assert sizes == [(595, 842), (595, 842), (842, 595), (595, 842)]
    turned, portrait = pages[2], pages[3]
    # Landscape: the portrait text block turned a quarter clockwise, its left margin on top.
    left, top = PAGE.height.pt - PAGE.margin_top.pt - PAGE.text_height.pt, PAGE.margin_left.pt
    for page, (x0, y0, width) in ((turned, (left, top, PAGE.text_height.pt)),
                                  (portrait, (PAGE.margin_left.pt, PAGE.margin_top.pt, PAGE.text_width.pt))):
        label = _line_chars(page, "附件")
        assert abs(label[0]["x0"] - x0) < 1  # top left of the text block, on its first line
        assert y0 <= label[0]["top"] < y0 + PROFILE.line_pitch_pt
        heading_face = _line_chars(pages[0], "一、")[0]["fontname"]
        assert label[0]["fontname"] == heading_face != _line_chars(pages[0], "2024年，")[0]["fontname"]
        title = _line_chars(page, "青山县" if page is turned else "2024年度")
        middle = (title[0]["x0"] + title[-1]["x1"]) / 2
        assert abs(middle - (x0 + width / 2)) < 2  # centred
        assert title[0]["size"] == pytest.approx(PROFILE.title.size.pt, abs=0.1)
        assert title[0]["top"] < y0 + 2 * PROFILE.line_pitch_pt  # on the second line
    # The table fills the landscape text block, the header row first, under the title.
    edges = [line for line in turned.lines if line["x0"] != line["x1"]]
    assert min(line["x0"] for line in edges) == pytest.approx(left, abs=1)
    assert max(line["x1"] for line in edges) == pytest.approx(left + PAGE.text_height.pt, abs=1)
    assert max(line["bottom"] for line in turned.lines) <= top + PAGE.text_width.pt + 1
    assert "序号" in turned.extract_text() and "落实行政执法公示制度" in turned.extract_text()


def test_pdf_page_numbers_continue_and_turn_with_the_landscape_page(pdf):
    pages = pdf.pages
    # Portrait: "— n —" under the text block, odd right, even left.
    even = [c for c in pages[3].chars if c["top"] > PAGE.margin_top.pt + PAGE.text_height.pt]
    assert "".join(c["text"] for c in even if c["text"].strip()) == "—4—"
    assert max(c["x1"] for c in even) < PAGE.margin_left.pt + PAGE.text_width.pt / 2
    # Landscape (page 3, odd): where the portrait page has it, so at the bottom of the left
    # edge, reading down the page (GB/T 9704 10 and 7.5).
    turned = pages[2]
    number = [c for c in turned.chars if not c["upright"]]
    assert "".join(c["text"] for c in sorted(number, key=lambda c: c["top"]) if c["text"].strip()) == "—3—"
    text_left = PAGE.height.pt - PAGE.margin_top.pt - PAGE.text_height.pt
    portrait_number_x = PAGE.margin_left.pt + PAGE.text_width.pt  # the odd page's number ends near here
    assert all(c["x1"] < text_left for c in number)  # below the portrait text block
    assert max(c["bottom"] for c in number) == pytest.approx(portrait_number_x - PROFILE.page_number.indent.value
                                                             * PROFILE.page_number.size.pt, abs=2)


def test_end_block_after_the_attachments(pdf):
    last = pdf.pages[-1].extract_text()
    assert "抄送" in last and "附件2" in last
    assert "附件1" not in pdf.pages[1].extract_text().split("此件公开发布")[0]  # only the note names it


def test_ofd_landscape_page_has_its_own_area(report):
    import zipfile

    with zipfile.ZipFile(io.BytesIO(composer.render(report, "ofd"))) as package:
        third = package.read("Doc_0/Pages/Page_2/Content.xml").decode("utf-8")
        fourth = package.read("Doc_0/Pages/Page_3/Content.xml").decode("utf-8")
    assert "<ofd:PhysicalBox>0 0 297 210</ofd:PhysicalBox>" in third and "PhysicalBox" not in fourth
    assert 'CTM="0 1 -1 0' in third


def test_docx_sections_new_pages_and_landscape(report):
    document = docx.Document(io.BytesIO(composer.render(report, "docx")))
    sections = document.sections
    orientations = [(round(s.page_width.mm), round(s.page_height.mm)) for s in sections]
    assert orientations == [(210, 297), (297, 210), (210, 297)]
    turned = sections[1]
    assert [round(m.mm) for m in (turned.top_margin, turned.left_margin, turned.right_margin)] == [28, 35, 37]
    assert all(s.start_type == docx.enum.section.WD_SECTION.NEW_PAGE for s in sections[1:])
    paragraphs = document.paragraphs
    labels = [p for p in paragraphs if p.text in ("附件1", "附件2")]
    assert [p.runs[0].font.name for p in labels] == [PROFILE.face("heading1")] * 2
    title = paragraphs[paragraphs.index(labels[0]) + 1]
    assert title.style.name == "Title" and title.text.replace("\n", "") == LANDSCAPE_TITLE
    body = document.element.body
    tables = body.xpath(".//w:tbl/w:tblPr/w:tblW/@w:w")
    assert int(tables[0]) == pytest.approx(PAGE.text_height.pt * 20, abs=30)  # the turned text block
    assert int(tables[1]) == pytest.approx(PAGE.text_width.pt * 20, abs=30)


def test_html_and_txt_put_the_attachments_after_the_body(report):
    html = composer.render(report, "html").decode("utf-8")
    assert html.index("此件公开发布") < html.index('<section class="attachment" data-landscape="true">')
    assert "@page landscape" in html
    assert "@page landscape" not in composer.render(composer.load(Path("samples/full.yaml")), "html").decode()
    text = composer.render(report, "txt").decode("utf-8")
    lines = text.splitlines()
    assert lines.index("附件1") > lines.index("　　（此件公开发布）") and "附件2" in lines
    assert lines.index("附件2") < next(i for i, line in enumerate(lines) if "抄送" in line)


def test_lint_s007_checks_a_typed_note_and_references(tmp_path):
    text = TWO_PAGES.read_text("utf-8").replace(
        "    - 2025年，我局将继续深化执法规范化建设。\n",
        "    - 2025年，我局将继续深化执法规范化建设，附件3另行报送。\n"
        "    - 附件：1.青山县市场监督管理局2024年法治政府建设重点任务完成情况统计表 2.行政执法案件统计表\n")
    path = tmp_path / "r.yaml"
    path.write_text(text, "utf-8")
    found = [f for f in lint_file(path) if f.code == "S007"]
    assert [f.params["name"] for f in found] == ["附件3", "行政执法案件统计表"]
    line = text.splitlines().index("    - 附件：1.青山县市场监督管理局2024年法治政府建设重点任务完成情况统计表 2.行政执法案件统计表")
    assert (found[1].location.line, found[1].location.column) == (line + 1, 1 + text.splitlines()[line].index("行政执法案件"))
    assert not [f for f in lint_file(TWO_PAGES) if f.code == "S007"]


def test_limits_count_the_attachments_content():
    data = yaml.safe_load(TWO_PAGES.read_text("utf-8"))
    table = data["attachments"][0]["content"][0]["table"]
    table["rows"] = [table["rows"][0]] * 2001
    with pytest.raises(ValidationError) as raised:
        composer.Report.model_validate(data)
    (error,) = raised.value.errors()
    assert error["type"] == "too_many_table_rows" and error["ctx"]["at"] == "attachments.0.content.0.table.rows.2000"


def test_attachment_sections_too_deep_are_refused():
    data = yaml.safe_load(TWO_PAGES.read_text("utf-8"))
    deep: object = "正文。"
    for level in range(5):
        deep = {"heading": f"第{level}层", "content": [deep]}
    data["attachments"][1]["content"] = [deep]
    with pytest.raises(ValidationError) as raised:
        composer.Report.model_validate(data)
    (error,) = raised.value.errors()
    assert error["type"] == "section_too_deep" and error["ctx"]["at"].startswith("attachments.1.content.0.content.0")


@pytest.mark.parametrize("fmt", ["txt", "docx", "html", "ofd"])
def test_round_trip_brings_the_attachment_pages_back(report, fmt, tmp_path):
    path = tmp_path / f"report.{fmt}"
    path.write_bytes(composer.render(report, fmt))
    result = composer.import_report(path)
    assert result.report is not None, result.problems
    assert result.report.model_dump() == report.model_dump()
    assert not [n for n in result.notes if n.severity != "info"]
    written = tmp_path / "back.yaml"
    written.write_text(report_to_yaml(result.report), "utf-8")
    assert composer.load(written) == report


def test_a_typed_draft_with_an_attachment_page_imports_it(tmp_path):
    draft = tmp_path / "草稿.txt"
    draft.write_text(
        "青山县自然资源局2024年法治政府建设年度报告\n\n县人民政府：\n"
        "2024年，我局认真贯彻落实上级部署，现将有关情况报告如下。\n"
        "一、2024年推进法治政府建设的主要举措和成效\n全年办理行政许可事项1200件，按时办结率100%。\n"
        "二、2024年推进法治政府建设存在的不足和原因\n执法人员业务能力有待提高。\n"
        "三、2024年党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况\n局长认真履行第一责任人职责。\n"
        "四、2025年推进法治政府建设的主要安排\n继续推进依法行政。\n\n"
        "附件：1.重点工作完成情况\n      2.普法责任清单\n\n青山县自然资源局\n2025年1月10日\n\n"
        "附件1\n重点工作完成情况\n一、行政许可\n全年办理行政许可事项1200件。\n二、行政执法\n立案查处违法用地案件35件。\n"
        "| 类别 | 件数 |\n| --- | --- |\n| 违法用地 | 35 |\n| 违法采矿 | 4 |\n"
        "抄送：县委依法治县办。\n青山县自然资源局办公室　　2025年1月11日印发\n",
        "utf-8",
    )
    result = composer.import_report(draft)
    assert result.report is not None, result.problems
    first, second = result.report.attachments
    assert second == "普法责任清单" and isinstance(first, Attachment) and first.title == "重点工作完成情况"
    assert [section.heading for section in first.content] == ["行政许可", "行政执法"]
    assert first.content[1].content[1].table.rows == [["违法用地", "35"], ["违法采矿", "4"]]
    assert result.report.end_block and result.report.end_block.printer == "青山县自然资源局办公室"
    assert result.sources[("attachments", 0, "title")].line == 21  # the line under 附件1


def test_docx_landscape_sections_turn_their_page_number(report):
    document = docx.Document(io.BytesIO(composer.render(report, "docx")))
    portrait, turned, _ = document.sections
    assert not turned.footer.is_linked_to_previous and not turned.even_page_footer.is_linked_to_previous
    for footer, side in ((turned.footer, "right"), (turned.even_page_footer, "left")):
        (body,) = footer._element.xpath(".//*[local-name()='bodyPr']")
        assert body.get("vert") == "vert"  # every character turned a quarter clockwise
        (jc,) = footer._element.xpath(".//w:txbxContent/w:p/w:pPr/w:jc/@w:val")
        assert jc == side  # as on the portrait page, odd right and even left
        left = int(footer._element.xpath(".//wp:positionH/wp:posOffset/text()")[0])
        assert left + int(footer._element.xpath(".//wp:extent/@cx")[0]) < 35 * 36000  # left of the text block
    assert portrait.footer.paragraphs[0].text.startswith(str(PROFILE.page_number.dash.value))
    # The footer's line (the anchor of the box) inside the landscape page's bottom margin: above
    # it, Word and LibreOffice would take its room from the text block and break tables sooner.
    (line,) = document.styles.element.xpath("./w:style[@w:styleId='Footer']/w:pPr/w:spacing/@w:line")
    assert turned.footer_distance.twips + int(line) <= turned.bottom_margin.twips
    assert turned.bottom_margin.twips == PAGE.margin_right.twips


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_docx_pages_in_libreoffice_match_the_pdf(report, pdf, tmp_path):
    printed = to_pdf(composer.render(report, "docx"), "report.docx", tmp_path)
    with pdfplumber.open(printed) as document:
        sizes = [(round(page.width), round(page.height)) for page in document.pages]
        assert sizes == [(round(page.width), round(page.height)) for page in pdf.pages]
        turned = [c for c in document.pages[2].chars if not c["upright"] and c["text"].strip()]
        ours = [c for c in pdf.pages[2].chars if not c["upright"] and c["text"].strip()]
        assert "".join(c["text"] for c in turned) == "—3—"
        for theirs, mine in zip(turned, ours):
            assert abs(theirs["x0"] - mine["x0"]) < 4 and abs(theirs["top"] - mine["top"]) < 6
        assert _line_chars(document.pages[2], "附件1")[0]["x0"] == pytest.approx(_line_chars(pdf.pages[2], "附件1")[0]["x0"], abs=3)


def test_pdf_import_finds_the_attachment_pages_apart_from_white_space(report, tmp_path):
    """The turned page number is no text of the report, and 附件N heading two pages is no running header."""
    path = tmp_path / "report.pdf"
    path.write_bytes(composer.render(report, "pdf"))
    result = composer.import_report(path)
    assert result.report is not None, result.problems
    assert squeezed(result.report.model_dump()) == squeezed(report.model_dump())


@pytest.mark.parametrize(("note", "flagged"), [
    ("附件：行政执法统计表", ["行政执法统计表"]),  # one name, no number
    ("附件：1.《2024年度行政执法案件办理情况》", []),  # in 《》, as offices often type it
    ("附件: 1、青山县市场监督管理局2024年法治政府建设重点任务完成情况统计表  2、案件统计", ["案件统计"]),
])
def test_lint_s007_reads_notes_as_offices_type_them(note, flagged, tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(TWO_PAGES.read_text("utf-8").replace(
        "    - 2025年，我局将继续深化执法规范化建设。\n", f"    - 2025年，我局将继续深化执法规范化建设。\n    - '{note}'\n"), "utf-8")
    assert [f.params["name"] for f in lint_file(path) if f.code == "S007"] == flagged
