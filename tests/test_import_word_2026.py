"""Word drafts as offices have them (tests/import_corpus/word-*-2026.*, made by _make_word_2026.py):
what their import says where it leaves something out, and that what it keeps is the text a
reader sees in Word.

The corpus test scores each against its ground truth; these check what the scorer does not: the
notes a user sees at their lines. tests/test_import_unseen.py renders each and reads it back.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys

import pytest

import composer
from composer.model import Section, TableItem
from conftest import REPO
from readback import squeezed

CORPUS = REPO / "tests" / "import_corpus"
DRAFTS = sorted(CORPUS.glob("word-*-2026.docx"))
CONVERTED = sorted([*CORPUS.glob("word-*-2026-lo.doc"), *CORPUS.glob("word-*-2026-lo.odt")])


def _maker():
    spec = importlib.util.spec_from_file_location("make_word_2026", CORPUS / "_make_word_2026.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _import(name: str) -> composer.ImportResult:
    result = composer.import_report(CORPUS / name)
    assert result.report is not None, result.problems
    return result


def _notes(result: composer.ImportResult, code: str) -> list[tuple[str, int | None, dict[str, object]]]:
    return [(n.severity, n.location.line, n.params) for n in result.notes if n.code == code]


def _everything(report: composer.Report) -> str:
    return squeezed(report.model_dump_json())


def test_the_word_drafts_are_many_and_each_is_what_the_script_writes():
    assert len(DRAFTS) >= 20 and {p.suffix for p in CONVERTED} == {".doc", ".odt"}
    made = {draft.name: draft for draft in (make() for make in _maker().DRAFTS)}
    for path in DRAFTS:
        assert made[path.stem].save() == path.read_bytes(), path.name  # the same bytes each run
        assert made[path.stem].expected() == path.with_suffix("").with_suffix(".expected.yaml").read_text("utf-8")


def test_footnotes_and_endnotes_are_warned_of_at_their_lines_with_their_text():
    result = _import("word-footnotes-justice-2026.docx")
    footnotes = _notes(result, "import_docx_footnote")
    assert [(severity, line) for severity, line, _ in footnotes] == [("warning", 3), ("warning", 7), ("warning", 9)]
    assert footnotes[2][2]["text"].startswith("2023年9月1日第十四届全国人民代表大会常务委员会")
    assert _notes(result, "import_docx_endnote") == [("warning", 14, {"text": "数据截至2025年12月31日。"})]
    assert "第十四届全国人民代表大会" not in _everything(result.report)
    english = composer.problems.Problem("import_docx_footnote", {"text": "x"}).message("en")
    assert english.startswith("the footnote here is not imported")


def test_comments_are_warned_of_and_tracked_changes_read_as_accepted():
    result = _import("word-sdt-title-tracked-2026.docx")
    assert _notes(result, "import_docx_comment") == [("warning", 3, {"text": "请核实表述"}),
                                                      ("warning", 9, {"text": "数据以执法系统为准"})]
    assert _notes(result, "import_docx_revisions") == [("warning", 3, {"count": 8})]
    text = _everything(result.report)
    assert "全面贯彻落实" in text and "认真" not in text and "立案查处各类违法案件326件，罚没款合计486.3万元" in text
    # the moved sentence once, where it was moved to
    assert text.count("全年审查规范性文件4件") == 1 and "全年审查规范性文件4件，清理涉企规范性文件17件" in text


def test_a_paragraph_inserted_or_deleted_whole_is_read_as_accepted():
    result = _import("word-comments-paragraphs-land-2026.docx")
    measures = result.report.parts.measures.content
    assert isinstance(measures[0], Section) and measures[0].content == [
        "全年立案查处土地违法案件27件，拆除违法建筑面积1.6万平方米，恢复耕地186亩。", "推行耕地保护“田长制”，落实县、乡、村三级田长1,052名。"]
    assert "业务培训" not in _everything(result.report)
    assert ("warning", 5, {"text": "标题是否改为“严守耕地保护红线”？"}) in _notes(result, "import_docx_comment")


def test_hidden_text_is_left_out_with_a_warning_at_its_line():
    result = _import("word-hidden-proofing-street-2026.docx")
    assert _notes(result, "import_docx_hidden") == [("warning", 3, {"text": "（此段由综治办提供，待主任审定）"}),
                                                     ("warning", 8, {"text": "（数据待与司法所核对）"})]
    text = _everything(result.report)
    assert "待主任审定" not in text and "司法所核对" not in text and "调解成功率98.3%，未发生" in text


@pytest.mark.parametrize("name, lines", [("word-toc-heading-styles-2026.docx", 7), ("word-endnote-toc-control-water-2026.docx", 5)])
def test_a_table_of_contents_is_left_out_with_a_note(name, lines):
    """A TOC field spanning paragraphs, or Word's TOC control: its entries repeat the headings
    with page numbers, and its title 目录 is no heading of the report."""
    result = _import(name)
    [(severity, line, params)] = _notes(result, "import_docx_toc")
    assert (severity, line, params) == ("info", 2, {"count": lines})
    report = result.report
    assert report.addressees and report.parts.measures.heading == "主要举措和成效"
    assert "目录" not in _everything(report)
    assert not [n for n in result.notes if n.code == "import_unplaced"]


def test_an_unfilled_content_control_gives_no_text():
    result = _import("word-sdt-parts-hrss-2026.docx")
    assert _notes(result, "import_docx_placeholder") == [("info", 1, {"text": "单击或点击此处输入文字。"})]
    assert "单击或点击此处" not in _everything(result.report)
    assert [s.heading for s in result.report.parts.measures.content if isinstance(s, Section)][0] == "强化劳动保障监察执法。"


def test_symbols_and_fields_read_as_word_shows_them():
    result = _import("word-fields-symbols-emergency-2026.docx")
    text = _everything(result.report)
    assert "重大事故隐患整改率≥98%，执法情况在市应急管理局门户网站公开" in text and "1×1（每名执法人员1台）" in text
    assert "执法文书全部在政务服务网公开" in text and "HYPERLINK" not in text
    [table] = [i.table for s in result.report.parts.measures.content if isinstance(s, Section)
               for i in s.content if isinstance(i, TableItem)]
    assert table.caption == "表1　2025年安全生产执法检查情况" and [row[3] for row in table.rows] == ["√", "√", "√"]
    assert not _notes(result, "import_docx_symbol")


def _draft_with(tmp_path, *measures: str, prepare=None) -> composer.ImportResult:
    """A short draft whose first part holds these paragraphs (marked texts, or raw XML when they
    start with <), made as the corpus's drafts are; `prepare` may set the draft up first."""
    maker = _maker()
    draft = maker.Draft("draft", "", "青山县司法局", 2025, "2026-01-10")
    if prepare:
        prepare(maker, draft)
    draft.add(draft.title_p("青山县司法局2025年度法治政府建设情况报告"))
    draft.part("measures", "主要举措和成效", marker="一、")
    for text in measures:
        draft.add(text if text.startswith("<") else draft.p(text))
    for key, heading in (("shortcomings", "存在的不足和原因"), ("leadership", "主要负责人履行推进法治建设第一责任人职责情况"),
                         ("plans", "下一年度主要安排")):
        draft.part(key, heading, marker="二、")
        draft.para("略。")
    draft.plain_signoff("青山县司法局", "2026年1月10日")
    path = tmp_path / "draft.docx"
    path.write_bytes(draft.save())
    return composer.import_report(path)


def test_a_symbol_of_no_known_character_is_noted(tmp_path):
    result = _draft_with(tmp_path, "全面推进依法行政⟦sym:Wingdings:F0E8⟧。")
    assert _notes(result, "import_docx_symbol") == [("warning", 3, {"text": "", "font": "Wingdings", "char": "F0E8"})]


def test_symbols_saved_as_text_in_the_symbol_font_read_as_their_characters(tmp_path):
    """LibreOffice saves a w:sym as the private-use code in a run set in the Symbol font; read
    as it was, the draft was refused for a private-use character."""
    symbol = '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:cs="Symbol"/></w:rPr>'
    paragraph = (f'<w:p><w:r><w:t>隐患整改率</w:t></w:r><w:r>{symbol}<w:t>\uf0b3</w:t></w:r><w:r><w:t>98%，配备比例1</w:t></w:r>'
                 f'<w:r>{symbol}<w:t>\uf0b4</w:t></w:r><w:r><w:t>1。</w:t></w:r></w:p>')
    result = _draft_with(tmp_path, paragraph)
    assert result.report is not None, result.problems
    assert result.report.parts.measures.content == ["隐患整改率≥98%，配备比例1×1。"]


def test_a_run_without_a_font_of_its_own_has_its_paragraph_styles(tmp_path):
    """A heading whose first run sets 黑体 and whose others take it from the heading style (as
    LibreOffice writes one) is a heading, not a run-in '2024' before its text."""
    def styles(maker, draft):
        maker.heading_styles(draft, ("a1", "a2"), ("标题 1", "标题 2"))

    heading = ('<w:p><w:pPr><w:pStyle w:val="a2"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr>'
               '<w:t>2025</w:t></w:r><w:r><w:t>年重点工作</w:t></w:r></w:p>')
    result = _draft_with(tmp_path, heading, "完成年度任务。", prepare=styles)
    [section] = result.report.parts.measures.content
    assert isinstance(section, Section) and (section.heading, section.run_in, section.content) == (
        "2025年重点工作", False, ["完成年度任务。"])


def test_lists_of_one_definition_count_on_unless_one_restarts(tmp_path):
    """Two lists (w:num) of one definition are one count, as Word and LibreOffice number them:
    LibreOffice saves a list restarted at 1 as one list restarting the count and another
    continuing it, so the second item was read as 1. again."""
    def lists(maker, draft):
        draft.num("items", restart=1), draft.num("items")  # numIds 101 and 102

    def item(text: str, num_id: int) -> str:
        return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
                f"<w:r><w:t>{text}</w:t></w:r></w:p>")

    result = _draft_with(tmp_path, item("评查案卷326卷。", 101), item("公示执法信息2,140条。", 102), prepare=lists)
    assert result.report.parts.measures.content == ["1.评查案卷326卷。", "2.公示执法信息2,140条。"]


def test_a_table_row_without_text_is_left_out(tmp_path):
    """A template's spare row, or the row LibreOffice keeps of one deleted as tracked."""
    maker = _maker()
    table = maker.grid_table([["事项", "件数"], ["违法建设", "86"], ["", ""], ["占道经营", "312"]])
    result = _draft_with(tmp_path, "办案情况如下：", table)
    [_, item] = result.report.parts.measures.content
    assert isinstance(item, TableItem) and item.table.rows == [["违法建设", "86"], ["占道经营", "312"]]


def test_cells_merged_across_leave_their_places_empty_as_on_a_page():
    result = _import("word-landscape-table-finance-2026.docx")
    [table] = [i.table for s in result.report.parts.measures.content if isinstance(s, Section)
               for i in s.content if isinstance(i, TableItem)]
    assert table.rows[-1] == ["合计", "", "78", "27.8"] and table.rows[1][0] == ""
    assert not [n for n in result.notes if n.code == "import_table_ragged"]


def test_heading_styles_linked_to_a_list_take_the_level_the_list_names():
    """Word's 'link level to style': the style 标题 2 names the list but no level, and the
    list's second level names the style; its sections are （一）, not 二、 of the parts' count."""
    result = _import("word-linked-list-styles-audit-2026.docx")
    assert not [n for n in result.notes if n.code in ("import_unplaced", "import_renumbered")]
    assert [s.heading for s in result.report.parts.measures.content] == ["规范审计执法行为", "推进审计整改落实"]


def test_paragraphs_joined_and_rows_deleted_as_tracked_are_read_as_accepted():
    result = _import("word-tracked-join-rows-urban-2026.docx")
    [section, _] = result.report.parts.measures.content
    assert section.content[0] == "全年查处违法建设案件86件，拆除违法建筑面积2.3万平方米。"
    [table] = [i.table for i in section.content if isinstance(i, TableItem)]
    assert [row[0] for row in table.rows] == ["违法建设", "占道经营", "户外广告"]  # 市容环卫 deleted
    assert not [n for n in result.notes if n.code == "import_table_ragged"]
    assert _notes(result, "import_docx_revisions") == [("warning", 6, {"count": 9})]


def test_a_table_embedded_from_excel_is_warned_of_as_an_object_not_a_picture():
    result = _import("word-excel-object-commerce-2026.docx")
    assert _notes(result, "import_docx_object") == [("warning", 7, {"text": "", "program": "Excel.Sheet.12"})]
    assert not _notes(result, "import_picture_dropped")
    assert "粘贴为表格" in next(n for n in result.notes if n.code == "import_docx_object").message()


def test_a_chart_is_warned_of_and_an_attachment_list_numbered_by_word_is_the_attachments():
    result = _import("word-attachments-chart-civil-2026.docx")
    assert _notes(result, "import_docx_chart") == [("warning", 9, {"text": ""})]
    assert result.report.attachments == ["2025年度法治政府建设重点任务完成情况表", "2025年度行政执法统计年报"]
    assert result.report.parts.plans.content == ["一是加强社会组织监管；二是推进养老服务领域执法；三是深化民政普法。"]
    assert result.report.signature == result.report.issuer == "青山县民政局"  # pushed right by spaces


def test_a_formula_reads_as_its_text_and_a_character_under_its_pinyin_without_it():
    text = _everything(_import("word-outline-levels-district-2026.docx").report)
    assert "案卷合格率≥95%。" in text and "为洑溪村等12个村" in text and "fú" not in text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("name", [p.name for p in CONVERTED])
def test_the_drafts_saved_by_libreoffice_import_as_their_word_originals(name):
    """Each LibreOffice save of a corpus draft gives the report its Word original gives: the
    title in a content control, which LibreOffice makes an input field and wrote back as FILLIN
    fields repeating it; symbols saved as Symbol-font text; a restarted list saved as two lists;
    a heading's runs with and without their font; a deleted row kept empty."""
    original = name.replace("-lo.doc", ".docx").replace("-lo.odt", ".docx")
    saved, word = _import(name).report, _import(original).report
    assert saved.model_dump(exclude={"lint"}) == word.model_dump(exclude={"lint"})


def test_what_a_page_header_holds_is_named_and_a_page_number_is_not(tmp_path):
    """Headers and footers are not the report's text. A running title or the office's name is
    named in a note, and so is a red header a template set in the first page's header (else it
    would vanish); a footer of page numbers (第 N 页 共 M 页, — 1 —) is not worth one."""
    import docx

    typed = _import("typed-office.docx")  # a header with the office's name, a footer 第 N 页 共 M 页
    assert [params["text"] for _, _, params in _notes(typed, "import_docx_header_footer")] == ["青山县市场监督管理局"]
    document = docx.Document(str(CORPUS / "typed-office.docx"))
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "青山县市场监督管理局文件"
    section.first_page_footer.paragraphs[0].text = "— 1 —"
    draft = tmp_path / "draft.docx"
    document.save(str(draft))
    result = composer.import_report(draft)
    assert result.report is not None
    named = [(severity, params["place"], params["text"]) for severity, _, params in _notes(result, "import_docx_header_footer")]
    assert sorted(named) == [("info", "页眉", "青山县市场监督管理局"), ("info", "页眉", "青山县市场监督管理局文件")]
