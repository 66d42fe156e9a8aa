"""Web pages, published PDFs and pasted text as sites and offices really have them
(tests/import_corpus/{site,pdf,copy}-*-2026.*, made by _make_web_pdf_2026.py): what their import
says, and that what it imports prints every paragraph once, in order.

The corpus test scores each against its ground truth; these check what the scorer does not: the
refusals and notes a user sees, and the rendered PDF and DOCX read back.
"""

from __future__ import annotations

import quopri
import sys

import pytest

import composer
from composer.model import Section
from conftest import REPO, run_cli

sys.path.insert(0, str(REPO / "bench"))
import import_score  # noqa: E402

CORPUS = REPO / "tests" / "import_corpus"
DRAFTS = [p for p in import_score.drafts() if p.stem.endswith("-2026") and p.name.startswith(("site-", "pdf-", "copy-"))]
IMPORTED = [p for p in DRAFTS if p.with_suffix("").with_suffix(".expected.yaml").exists()]


def _notes(result: composer.ImportResult, code: str) -> list[composer.Problem]:
    return [note for note in result.notes if note.code == code]


def test_the_drafts_are_many_and_of_every_shape():
    assert len(IMPORTED) >= 20 and {p.suffix for p in DRAFTS} == {".html", ".mhtml", ".pdf", ".txt"}
    assert {p.name.split("-")[0] for p in DRAFTS} == {"site", "pdf", "copy"}


def test_a_page_saved_as_one_file_is_read_as_its_page():
    result = composer.import_report(CORPUS / "site-mhtml-single-file-2026.mhtml")
    report = result.report
    assert report is not None, result.problems
    assert report.title == "南屏县卫生健康局2024年度法治政府建设工作报告"
    assert [s.heading for s in report.parts.measures.content if isinstance(s, Section)] == [
        "加强卫生健康行政执法", "深化法治宣传教育"]
    assert {n.params["text"] for n in _notes(result, "import_furniture")} >= {"首页无障碍", "关闭窗口"}


def test_a_page_saved_by_internet_explorer_as_one_file_in_gb2312_is_read(tmp_path):
    """IE's .mht: the page quoted-printable in the charset it declares (GB2312), CRLF lines."""
    page = ("<html><head><title>柳林县林业局2023年度法治政府建设工作报告</title></head><body>"
            "<p>柳林县林业局2023年度法治政府建设工作报告</p><p>2023年，县林业局依法履职。现将有关情况报告如下：</p>"
            "<p>一、主要举措和成效</p><p>查处涉林案件46起。</p><p>二、存在的不足和原因</p><p>执法力量薄弱。</p>"
            "<p>三、党政主要负责人履行推进法治建设第一责任人职责情况</p><p>局长履职到位。</p>"
            "<p>四、2024年工作打算</p><p>加强执法队伍建设。</p><p>柳林县林业局</p><p>2024年1月22日</p></body></html>")
    quoted = quopri.encodestring(page.encode("gb2312")).replace(b"\n", b"\r\n")
    saved = tmp_path / "报告.mht"
    saved.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"NextPart\"\r\n\r\n"
                      b"--NextPart\r\nContent-Type: text/html;\r\n\tcharset=\"gb2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                      + quoted + b"\r\n--NextPart--\r\n")
    report = composer.import_report(saved).report
    assert report is not None and report.parts.measures.content == ["查处涉林案件46起。"]


def test_a_single_file_page_without_a_page_in_it_is_refused_saying_how_to_save_it(tmp_path):
    saved = tmp_path / "报告.mht"
    saved.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
                      b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n")
    result = run_cli("import", str(saved), "-o", str(tmp_path / "report.yaml"))
    assert result.returncode == 1 and not (tmp_path / "report.yaml").exists()
    assert "没有找到网页正文：请在浏览器中打开原网页，“另存为”“网页，全部”（.html）后导入" in result.stderr


def test_a_page_that_only_shows_the_published_pdf_is_refused_saying_to_import_the_pdf(tmp_path):
    page = CORPUS / "site-pdf-viewer-only-2026.html"
    out = tmp_path / "report.yaml"
    result = run_cli("import", str(page), "-o", str(out))
    assert result.returncode == 1 and not out.exists()
    document = "/module/download/downfile.jsp?classid=0&filename=P020250120.pdf"
    assert f"{page}:8:1: 错误: 该网页上没有报告的文字，报告在网页显示或所附的文件 {document} 中：请下载该文件" in result.stderr
    assert "没有找到成文日期" not in result.stderr  # not told to write what is in the PDF
    english = run_cli("--lang", "en", "import", str(page), "-o", str(out))
    assert f"this page holds no text of the report, which is in the file {document} it shows or attaches" in english.stderr


def test_a_page_that_only_links_the_published_pdf_is_refused_at_the_link(tmp_path):
    page = tmp_path / "报告.html"
    page.write_text("<html><body><h1>青山县2024年法治政府建设年度报告</h1><div id='zoom'>\n"
                    "<p>现将我县2024年度法治政府建设情况予以公开，详见附件。</p>\n"
                    "<p>附件：<a href='/module/download/downfile.jsp?id=8812'>青山县2024年法治政府建设年度报告.pdf</a></p>"
                    "</div></body></html>", "utf-8")
    result = run_cli("import", str(page), "-o", str(tmp_path / "report.yaml"))
    assert result.returncode == 1
    assert f"{page}:3:1: 错误: 该网页上没有报告的文字，报告在网页显示或所附的文件 青山县2024年法治政府建设年度报告.pdf 中" in result.stderr


def test_a_page_showing_the_pdf_above_its_text_is_read_from_its_text():
    result = composer.import_report(CORPUS / "site-dedecms-pdf-viewer-2026.html")
    assert result.report is not None, result.problems
    dropped = [n.params["text"] for n in _notes(result, "import_furniture")]
    assert any(text.startswith("查看原文件：") for text in dropped) and any(text.startswith("相关文章") for text in dropped)


def test_a_pdf_whose_fonts_map_to_no_characters_is_refused_as_unreadable(tmp_path):
    """A text layer of glyph numbers (no ToUnicode): not garbage imported and errors at every line."""
    draft = CORPUS / "pdf-no-unicode-map-2026.pdf"
    out = tmp_path / "report.yaml"
    result = run_cli("import", str(draft), "-o", str(out))
    assert result.returncode == 1 and not out.exists()
    assert result.stderr.count("错误") == 1 and "的字符没有对应的汉字编码" in result.stderr and "请找到原 Word 文件导入" in result.stderr


def test_a_seal_pasted_over_the_signature_of_a_pdf_seals_the_report_and_is_reported():
    result = composer.import_report(CORPUS / "pdf-seal-running-header-2026.pdf")
    report = result.report
    assert report is not None, result.problems
    [picture] = _notes(result, "import_picture_dropped")
    [sealed] = _notes(result, "import_seal")
    assert picture.severity == "warning" and picture.location.line == sealed.location.line  # at the signature
    assert report.seal is True


def test_a_photo_in_a_pdf_is_reported_where_it_stands_and_seals_nothing():
    result = composer.import_report(CORPUS / "pdf-landscape-table-photo-2026.pdf")
    report = result.report
    assert report is not None, result.problems
    [picture] = _notes(result, "import_picture_dropped")
    assert (picture.severity, picture.location.line) == ("warning", 7)
    assert not report.seal and not _notes(result, "import_seal")


def test_a_running_header_repeating_the_title_from_page_two_is_dropped_with_a_note():
    result = composer.import_report(CORPUS / "pdf-seal-running-header-2026.pdf")
    assert result.report is not None
    title = "桐江市交通运输局2024年度法治政府建设工作报告"
    [furniture] = _notes(result, "import_pdf_furniture")
    assert f"“{title}”" in furniture.params["text"]
    assert result.report.title == title and title not in str(result.report.parts.model_dump())


@pytest.mark.parametrize(("draft", "title"), [
    ("pdf-wps-two-line-title-2026.pdf", "平川市水利局关于2025年度法治政府建设工作情况的报告"),
    ("pdf-word-red-header-table-pages-2026.pdf", "安和县司法局关于2025年度法治政府建设情况的报告"),
    ("pdf-spaced-characters-2026.pdf", "河东区应急管理局2025年度法治政府建设工作报告"),
])
def test_a_pdf_title_in_two_lines_or_letter_spaced_is_read_whole(draft, title):
    result = composer.import_report(CORPUS / draft)
    assert result.report is not None, result.problems
    assert result.report.title == title
    assert not _notes(result, "import_year_guessed")


def test_headings_in_brackets_or_letter_spaced_lose_them_in_copied_text():
    for draft in ("copy-wechat-brackets-emoji-2026.txt", "copy-wechat-article-read-more-2026.txt",
                  "copy-pdf-spaced-headings-pages-2026.txt"):
        report = composer.import_report(CORPUS / draft).report
        assert report is not None, draft
        assert report.parts.measures.heading == "主要举措和成效", draft
        assert report.parts.shortcomings.heading == "存在的不足和原因", draft
    spaced = composer.import_report(CORPUS / "copy-pdf-spaced-headings-pages-2026.txt").report
    assert spaced is not None and spaced.title == "国家税务总局丰南县税务局2025年度法治税务建设情况报告"


def test_a_part_s_number_set_alone_above_its_heading_is_dropped_with_a_note():
    draft = CORPUS / "copy-wechat-ornament-numbers-2026.txt"
    result = composer.import_report(draft)
    report = result.report
    assert report is not None, result.problems
    notes = _notes(result, "import_heading_ornament")
    assert [(n.location.line, n.params["text"]) for n in notes] == [(4, "01"), (8, "02"), (11, "03"), (14, "04")]
    assert "01" not in str(report.model_dump()) and report.parts.shortcomings.content == ["村级法治力量薄弱，群众法治意识有待提升。"]


def test_a_keycap_number_is_removed_with_its_digit():
    result = composer.import_report(CORPUS / "copy-wechat-keycap-numbers-2026.txt")
    report = result.report
    assert report is not None, result.problems
    assert [report.parts.measures.heading, report.parts.plans.heading] == ["主要举措和成效", "下一年度主要安排"]
    [emoji] = _notes(result, "import_emoji")
    assert emoji.params["count"] == 4  # one a keycap, digit and marks together


def test_the_caption_of_a_photo_not_copied_is_dropped_with_a_note():
    result = composer.import_report(CORPUS / "copy-wechat-photo-captions-2026.txt")
    report = result.report
    assert report is not None, result.problems
    assert [(n.location.line, n.params["text"]) for n in _notes(result, "import_photo_caption")] == [
        (5, "▲图为执法人员在集镇开展综合执法检查"), (7, "▲ 法治宣传活动现场")]
    assert "现场" not in str(report.parts.model_dump())


def test_serial_numbers_alone_on_their_lines_are_no_ornaments(tmp_path):
    """A table copied a cell a line has 1, 2 above short cells: they stay, as ornaments are 01, PART 1."""
    lines = ["青石县司法局2025年法治政府建设年度报告", "2025年，我局依法履职。现将有关情况报告如下：", "一、主要举措和成效",
             "全年重点任务如下：", "1", "执法检查", "2", "案卷评查", "二、存在的不足和原因", "力量不足。",
             "三、主要负责人履行推进法治建设第一责任人职责情况", "局长履职到位。", "四、下一年度主要安排", "加强队伍建设。",
             "青石县司法局", "2026年1月8日"]
    draft = tmp_path / "草稿.txt"
    draft.write_text("\n".join(lines), "utf-8")
    result = composer.import_report(draft)
    assert result.report is not None and not _notes(result, "import_heading_ornament")
    assert result.report.parts.measures.content[:5] == ["全年重点任务如下：", "1", "执法检查", "2", "案卷评查"]


def test_a_pdf_line_ending_at_a_clause_goes_on_in_the_next_when_pasted_into_a_page():
    result = composer.import_report(CORPUS / "site-pdf-lines-pasted-br-2026.html")
    report = result.report
    assert report is not None, result.problems
    assert report.parts.plans.content == ["一是加强统计执法队伍建设；二是深化统计造假专项治理；三是持续开展统计普法。"]
    assert any(n.params["text"].startswith("三是持续开展统计普法") for n in _notes(result, "import_line_joined"))


def test_the_links_and_bars_around_a_copied_article_are_dropped_with_a_note_each():
    for draft, lines in {
        "copy-wechat-article-read-more-2026.txt": ["图片来源：长宁民政", "阅读原文", "点击查看原文", "赞 在看 写留言"],
        "copy-wechat-brackets-emoji-2026.txt": ["点击蓝字 关注我们", "青石发布 2026年01月14日 18:30 来源：青石镇党政办",
                                                "分享  收藏  在看"],
        "site-wrong-charset-2026.html": ["网站纠错"],
    }.items():
        dropped = [n.params["text"] for n in _notes(composer.import_report(CORPUS / draft), "import_furniture")]
        assert set(lines) <= set(dropped), (draft, dropped)
