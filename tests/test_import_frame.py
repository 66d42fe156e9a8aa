"""Import of the frame around the body as offices and sites really write it (issue 14): any
disclosure label, parts in any order, padded names, guesses given up rather than the import,
and the reader table every source kind goes through. Drafts come from tests/import_corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

import composer
from composer.lint import lint_file
from composer.readers.importer import READERS, import_report
from composer.readers.office_reader import read_office, soffice
from composer.readers.source import SourceDocument
from composer.yaml_writer import report_to_yaml
from conftest import REPO

CORPUS = REPO / "tests" / "import_corpus"


def _codes(result, code: str) -> list:
    return [(n.location.line, n.params) for n in result.notes if n.code == code]


def _read_with_every_reader(suffixes) -> None:
    for suffix in suffixes:
        draft = next(CORPUS.glob(f"*.{suffix}"), None)
        if draft is None:
            continue
        document = READERS[suffix](draft.read_bytes(), str(draft), composer.load_profile())
        assert isinstance(document, SourceDocument) and document.blocks, suffix


@pytest.mark.slow
def test_the_readers_through_libreoffice_have_the_one_signature():
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    _read_with_every_reader(suffix for suffix, reader in READERS.items() if reader is read_office)


def test_every_reader_has_one_signature_and_is_found_by_suffix(tmp_path):
    _read_with_every_reader(suffix for suffix, reader in READERS.items() if reader is not read_office)
    copy = tmp_path / "draft.text"
    copy.write_bytes((CORPUS / "county-justice-typed.txt").read_bytes())
    assert import_report(copy).report is not None  # .text reads as text
    saved = copy.rename(tmp_path / "draft.dat")
    assert import_report(saved, kind="txt").report is not None  # a kind named outright
    with pytest.raises(composer.ReportError) as error:
        import_report(saved)
    assert error.value.problems[0].code == "import_kind_unknown"
    with pytest.raises(composer.ReportError) as error:
        import_report(saved, kind="pages")
    assert error.value.problems[0].code == "import_kind_unknown"


def test_disclosure_labels_of_every_kind_are_metadata_never_the_title():
    result = import_report(CORPUS / "site-copy-spaced-labels.txt")
    report = result.report
    assert report.title == "成都市锦江区市场监督管理局2024年法治政府建设年度报告"
    assert report.disclosure.category == "综合政务" and report.disclosure.validity == "有效"
    assert report.disclosure.publisher == "成都市锦江区市场监督管理局"  # 发文机关, another label for it
    [(line, params)] = _codes(result, "import_disclosure_dropped")
    assert line == 2 and "主题词：法治政府" in params["text"] and "公开方式：主动公开" in params["text"]


def test_a_four_column_table_is_read_pair_by_pair():
    report = import_report(CORPUS / "site-county-4col-table.html").report
    assert report.disclosure.publisher == "江宁县农业农村局"  # not "江宁县农业农村局 发文日期：2025-02-18"
    assert report.disclosure.document_number is None


def test_a_page_title_comes_from_the_article_not_the_top_bar():
    result = import_report(CORPUS / "site-county-4col-table.html")
    assert result.report.title == "江宁县农业农村局2024年法治政府建设年度报告"
    dropped = " ".join(p["text"] for _, p in _codes(result, "import_furniture"))
    for furniture in ("欢迎访问", "政务服务", "相关链接", "主办单位"):
        assert furniture in dropped
    assert "欢迎" not in str(result.report.model_dump())


def test_parts_out_of_order_are_kept_as_written_and_reported_at_the_heading():
    draft = CORPUS / "township-parts-out-of-order.md"
    result = import_report(draft)
    assert list(result.data["parts"]) == ["measures", "leadership", "plans", "shortcomings"]
    [problem] = result.problems
    assert (problem.code, problem.location.line) == ("part_order", 23)
    findings = lint_file(draft)
    structure = [(f.code, f.location.line) for f in findings if f.code.startswith("S00")]
    assert structure == [("S002", 23)]  # and no S001: nothing is missing


def test_a_heading_that_names_no_part_takes_the_free_place_between_its_neighbours():
    result = import_report(CORPUS / "site-old-table-layout-gb2312.html")
    assert result.report.parts.shortcomings.heading == "需要改进的方面"
    assert [line for line, _ in _codes(result, "import_part_by_position")] == [27]


def test_padded_names_are_one_name():
    header = import_report(CORPUS / "red-header-padded-signers.txt").report.header
    assert header.signers == ["王强", "李明"]
    assert import_report(CORPUS / "word-typed-kai-runin.docx").report.header.signers == ["李明"]


def test_a_title_that_fails_is_given_up_with_a_warning_not_the_import(cli, tmp_path):
    draft = CORPUS / "title-without-year.txt"
    result = import_report(draft)
    assert result.report is not None and result.report.title == "西岭县林业局2024年法治政府建设年度报告"
    [(line, params)] = _codes(result, "import_guess_dropped")
    assert line == 1 and params["text"] == "关于法治政府建设工作情况的报告"
    out = tmp_path / "report.yaml"
    run = cli("import", str(draft), "-o", str(out))
    assert run.returncode == 0 and out.exists() and "已略去，请核对" in run.stderr


def test_a_year_read_from_the_wrong_line_gives_way_to_the_date(tmp_path):
    draft = tmp_path / "draft.txt"
    text = (CORPUS / "county-justice-typed.txt").read_text("utf-8")
    draft.write_text(text.replace("青山县司法局2024年法治政府建设年度报告", "青山县司法局贯彻落实2019年督察规定情况报告"), "utf-8")
    result = import_report(draft)
    assert result.report is not None and result.report.year == 2024
    assert [code for code in (n.code for n in result.notes) if code == "import_year_from_date"]


def test_what_the_user_must_supply_is_refused_saying_what_to_add(cli, tmp_path):
    out = tmp_path / "report.yaml"
    run = cli("import", str(CORPUS / "word-part-missing.docx"), "-o", str(out))
    assert run.returncode == 1 and not out.exists()
    assert "没有找到第二部分“存在的不足和原因”：请加上以“二、存在的不足和原因”为标题的一部分" in run.stderr
    run = cli("import", str(CORPUS / "no-date-notepad.txt"), "-o", str(out), "--lang", "en")
    assert run.returncode == 1 and "no issue date found: add it on a line of its own" in run.stderr
    assert "required item" not in run.stderr  # the year and issuer it would give are not listed apart


def test_the_issuer_under_the_title_is_the_issuer_and_the_addressee_follows():
    result = import_report(CORPUS / "markdown-bold-runin-note.md")
    assert result.report.addressees == ["县人民政府"] and result.report.issuer == "北塘镇人民政府"
    assert "北塘镇人民政府" not in result.report.opening


def test_an_end_block_without_its_printer_is_completed_by_the_issuer_and_date_with_a_warning(tmp_path):
    """A draft's 抄送 line with no 印发 line under it, or 印发 with a date alone: GB/T 9704
    wants both, so the issuer and the issue date stand in, said at the 抄送 line, and the
    抄送 list is kept."""
    draft = tmp_path / "draft.txt"
    text = (CORPUS / "county-justice-typed.txt").read_text("utf-8").rstrip("\n")
    draft.write_text(text + "\n\n抄送：县人民政府办公室，市司法局。\n", "utf-8")
    result = import_report(draft)
    report = result.report
    assert report.end_block.copy_to == ["县人民政府办公室", "市司法局"]
    assert (report.end_block.printer, report.end_block.print_date) == (report.issuer, report.date)
    [(line, params)] = _codes(result, "import_end_block_completed")
    assert line == len(text.splitlines()) + 2 and params["printer"] == report.issuer
    assert [n.severity for n in result.notes if n.code == "import_end_block_completed"] == ["warning"]
    assert "print_date: 2" in report_to_yaml(report)  # its own date, not an alias (*id001) of the issue date
    draft.write_text(text + "\n\n抄送：县人民政府办公室。\n2024年1月30日印发\n", "utf-8")
    report = import_report(draft).report
    assert (report.end_block.printer, report.end_block.print_date.isoformat()) == (report.issuer, "2024-01-30")


@pytest.mark.parametrize("dated", ["（2025年1月10日）", "（2025年1月10日在县十八届人大常委会第二十次会议上）",
                                   "(2025年1月10日 在县人民政府常务会议上)"])
def test_a_report_dated_under_its_title_takes_that_date(tmp_path, dated):
    """Reports made to a congress or a meeting are dated in brackets under the title, often
    with where they were made, and have no date after the body."""
    draft = tmp_path / "draft.txt"
    text = (REPO / "tests" / "import_heldout" / "date-under-title-2024.txt").read_text("utf-8")
    draft.write_text(text.replace("（2025年1月10日）", dated, 1), "utf-8")
    result = import_report(draft)
    assert result.report is not None and str(result.report.date) == "2025-01-10"
    assert result.report.opening and not any("会议" in line or "1月10日" in line for line in result.report.opening)


_MEASURES = "一、主要举措和成效\n（一）加强组织领导。局党组专题研究法治政府建设4次。\n"
_LEADERS = "二、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人带头学法，主持召开专题会议3次。\n"
_SIGN_OFF = "\n青山县司法局\n2026年1月15日\n"


@pytest.mark.parametrize("name, body, headings, plans_start", [
    ("sub-headed.txt", _MEASURES + _LEADERS + "三、存在的问题及下一步工作打算\n（一）存在的问题\n一是执法人员素养有待提高；"
     "二是普法形式单一。\n（二）下一步工作打算\n1.加强队伍建设。全年培训执法人员两次。\n2.创新普法方式。\n",
     ("存在的问题", "下一步工作打算"), "加强队伍建设。"),
    ("turn-by-paragraph.txt", _MEASURES + _LEADERS + "三、存在的不足和原因以及下一步打算\n执法人员素养有待提高。\n"
     "下一步，我局将继续加强执法队伍建设。\n", ("存在的不足和原因", "下一步打算"), "下一步，我局将继续加强执法队伍建设。"),
    ("before-the-leaders.md", "# 青山县司法局2025年法治政府建设年度报告\n\n## 一、主要工作及成效\n\n局党组专题研究法治建设4次。\n\n"
     "## 二、问题与2026年工作思路\n\n执法力量仍显薄弱。\n\n2026年，我局将进一步充实执法力量。\n\n"
     "## 三、主要负责人履行推进法治建设第一责任人职责情况\n\n主要负责人带头学法。\n",
     ("问题", "2026年工作思路"), "2026年，我局将进一步充实执法力量。"),
])
def test_shortcomings_and_plans_under_one_heading_become_the_two_parts_in_their_places(tmp_path, name, body, headings,
                                                                                       plans_start):
    """三、存在的问题及下一步打算, as offices wrote it before the 2019 rules: split at the sub-heading
    or the paragraph that turns to the plans, each half in its place, with one warning at the heading."""
    draft = tmp_path / name
    title = "" if name.endswith(".md") else "青山县司法局2025年法治政府建设年度报告\n\n"
    sign_off = _SIGN_OFF.replace("\n", "\n\n") if name.endswith(".md") else _SIGN_OFF  # Markdown joins lines
    draft.write_text(title + body + sign_off, "utf-8")
    result = import_report(draft)
    report = result.report
    assert report is not None, result.problems
    assert [key for key, _ in report.parts.items()] == ["measures", "shortcomings", "leadership", "plans"]
    assert (report.parts.shortcomings.heading, report.parts.plans.heading) == headings
    plans = report.parts.plans.content
    assert (plans[0].heading if isinstance(plans[0], composer.model.Section) else plans[0]) == plans_start
    [(line, params)] = _codes(result, "import_parts_split")
    assert draft.read_text("utf-8").splitlines()[line - 1].lstrip("# ").endswith(params["heading"])
    assert (params["first"], params["second"]) == headings


def test_a_joined_part_is_refused_only_for_what_the_user_must_add(tmp_path):
    """Split, an old three-part report lacks only the leaders' part; with no place to split at,
    the warning says to put the plans in a part of their own."""
    draft = tmp_path / "draft.txt"
    draft.write_text("青山县司法局2025年法治政府建设年度报告\n\n" + _MEASURES + "二、存在问题和下一步工作计划\n（一）存在问题\n"
                     "执法人员素养有待提高。\n（二）下一步工作计划\n加强执法队伍建设。\n" + _SIGN_OFF, "utf-8")
    result = import_report(draft)
    assert result.report is None and [p.params.get("key") for p in result.problems] == ["leadership"]
    draft.write_text("青山县司法局2025年法治政府建设年度报告\n\n" + _MEASURES + _LEADERS + "三、存在的不足和下一步打算\n"
                     "执法人员素养有待提高，我们将继续加强执法队伍建设。\n" + _SIGN_OFF, "utf-8")
    result = import_report(draft)
    assert [line for line, _ in _codes(result, "import_parts_combined")] == [7]
    assert "plans" in [p.params.get("key") for p in result.problems]


@pytest.mark.parametrize("heading", ["2025年度法治政府建设工作开展情况", "法治政府建设重点任务完成情况", "年度工作落实情况"])
def test_a_measures_heading_in_other_words_is_the_measures_part_without_a_warning(tmp_path, heading):
    draft = tmp_path / "draft.txt"
    text = (CORPUS / "county-justice-typed.txt").read_text("utf-8")
    first = next(line for line in text.splitlines() if line.lstrip("　 ").startswith("一、"))
    draft.write_text(text.replace(first, first[:first.index("一、") + 2] + heading), "utf-8")
    result = import_report(draft)
    assert result.report.parts.measures.heading == heading
    assert not _codes(result, "import_part_by_position") and not _codes(result, "import_unplaced")
