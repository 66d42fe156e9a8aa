"""Drafts unlike the first corpus (tests/import_corpus/*-2025.*, *-2026.*): what their import says, and
that what it imports prints every paragraph of the draft once, in order, as a reader reads it.

The corpus test scores each against its ground truth; these check what the scorer does not: the
located refusal and warnings a user sees, and the rendered PDF and DOCX read back.
"""

from __future__ import annotations

import sys

import pytest

import composer
from composer.model import Section
from composer.rules import standard_heading
from conftest import REPO, run_cli
from readback import assert_printed_once_in_order

sys.path.insert(0, str(REPO / "bench"))
import import_score  # noqa: E402

CORPUS = REPO / "tests" / "import_corpus"
UNSEEN = [p for p in import_score.drafts() if p.stem.endswith(("-2025", "-2025-lo", "-2026", "-2026-lo"))
          and p.with_suffix("").with_suffix(".expected.yaml").exists()]


def test_the_unseen_drafts_are_many_and_varied():
    assert len(UNSEEN) >= 12 and {p.suffix for p in UNSEEN} >= {".txt", ".md", ".html", ".docx", ".pdf"}


def test_a_date_written_to_the_month_only_is_refused_at_its_line(tmp_path):
    draft = CORPUS / "notepad-month-only-date-2025.txt"
    out = tmp_path / "report.yaml"
    result = run_cli("import", str(draft), "-o", str(out))
    assert result.returncode == 1 and not out.exists()
    assert f"{draft}:25:1: 错误: 成文日期“2026年1月”没有写日：请写全年、月、日（如 2026年1月20日），再导入" in result.stderr
    english = run_cli("--lang", "en", "import", str(draft), "-o", str(out))
    assert "the issue date '2026年1月' has no day: add the day (e.g. 2026年1月20日)" in english.stderr


def test_measures_typed_as_parts_of_their_own_are_gathered_with_one_warning():
    result = composer.import_report(CORPUS / "docnumber-measures-split-2025.txt")
    report = result.report
    assert report is not None, result.problems
    [gathered] = [n for n in result.notes if n.code == "import_measures_gathered"]
    assert (gathered.severity, gathered.location.line, gathered.params["count"]) == ("warning", 7, 3)
    assert report.parts.measures.heading == standard_heading("measures", 2025)  # none of theirs names the part
    assert [s.heading for s in report.parts.measures.content if isinstance(s, Section)] == [
        "加强组织领导，压实法治建设责任", "严格规范执法，提升执法质效", "深化普法宣传，营造良好氛围"]
    assert report.header is not None and report.header.number == "北自然资报〔2026〕4号"
    assert report.addressees == ["县委依法治县办"] and report.opening == [
        "2025年，我局坚持以习近平法治思想为指导，严格落实法治政府建设各项任务。现将有关情况报告如下："]


@pytest.mark.slow
@pytest.mark.parametrize("draft", UNSEEN, ids=[p.name for p in UNSEEN])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_each_paragraph_is_printed_once_in_order(draft, fmt):
    report = composer.import_report(draft).report
    assert report is not None
    assert_printed_once_in_order(report, fmt)


def test_serial_numbers_of_a_table_pasted_a_cell_a_line_are_no_page_numbers(tmp_path):
    """Lone numbers counting up are a PDF copy's page numbers only a page apart; a table pasted
    a cell a line keeps its serial numbers."""
    lines = ["青石县司法局2025年法治政府建设年度报告", "2025年，我局依法履职。现将有关情况报告如下：", "一、主要举措和成效",
             "全年重点任务如下：", "序号", "任务", "1", "执法检查", "2", "案卷评查", "二、存在的不足和原因", "力量不足。",
             "三、主要负责人履行推进法治建设第一责任人职责情况", "局长履职到位。", "四、下一年度主要安排", "加强队伍建设。",
             "青石县司法局", "2026年1月8日"]
    draft = tmp_path / "草稿.txt"
    draft.write_text("\n".join(lines), "utf-8")
    result = composer.import_report(draft)
    assert result.report is not None, result.problems
    assert result.report.parts.measures.content[:6] == ["全年重点任务如下：", "序号", "任务", "1", "执法检查", "2"]
    assert not [n for n in result.notes if n.code == "import_pdf_furniture"]
