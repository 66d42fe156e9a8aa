"""The held-out import set (tests/import_heldout): drafts written after the readers were tuned on
tests/import_corpus, as varied as agencies and sites write them (第一部分 parts, ⑴ markers, bold
headings without numbers, WPS style numbering, lines broken by a PDF copy, share buttons and
disclosure cells without colons), each scored by bench/import_score.py against its ground truth.
A draft the readers cannot read right yet is listed in KNOWN_FAILURES with why, not dropped.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_cli

sys.path.insert(0, str(REPO / "bench"))
import import_score  # noqa: E402

HELDOUT = REPO / "tests" / "import_heldout"
DRAFTS = import_score.drafts(HELDOUT)
REPORTS = [p for p in DRAFTS if not p.with_suffix("").with_suffix(".refusal.txt").exists()]
KNOWN_FAILURES: dict[str, str] = {}  # draft name -> what the readers still get wrong


def _params(paths: list[Path]) -> list[object]:
    return [
        pytest.param(p, id=p.name, marks=[pytest.mark.xfail(reason=KNOWN_FAILURES[p.name], strict=True)]
                     if p.name in KNOWN_FAILURES else [])
        for p in paths
    ]


def test_the_heldout_set_is_varied():
    suffixes = {path.suffix for path in DRAFTS}
    assert len(DRAFTS) >= 15 and {".txt", ".docx", ".html", ".pdf"} <= suffixes
    assert 2 <= len(DRAFTS) - len(REPORTS) < len(DRAFTS) // 2


@pytest.mark.parametrize("draft", _params(DRAFTS))
def test_each_draft_imports_as_its_ground_truth(draft):
    score = import_score.score_draft(draft)
    assert score.refusal_ok, score.wrong
    if draft in REPORTS:
        assert not score.refused and score.sentences > 0, score.wrong
        assert score.paragraphs[0] == score.paragraphs[1] and score.headings[0] == score.headings[1], score.wrong
        assert score.metadata[0] == score.metadata[1] and score.sentences_lost == 0, score.wrong
        assert score.furniture_leaked == [] and score.extra == 0, score.wrong


@pytest.mark.parametrize("draft", _params([p for p in DRAFTS if p not in REPORTS]))
def test_a_refusal_is_located_and_says_what_to_do(draft):
    result = run_cli("import", str(draft), "-o", "-")
    errors = [line for line in result.stderr.splitlines() if "错误" in line]
    assert result.returncode != 0 and result.stdout == "" and errors, result.stderr
    assert all(line.startswith(f"{draft}:") and "请" in line for line in errors), errors


_LOCATED = re.compile(r"^\S+\.yaml:\d+:\d+: ")


@pytest.mark.slow
@pytest.mark.parametrize("draft", REPORTS, ids=[p.name for p in REPORTS])
def test_each_import_renders_and_lints_with_located_findings(draft, tmp_path):
    imported = tmp_path / "report.yaml"
    result = run_cli("import", str(draft), "-o", str(imported))
    assert result.returncode == 0, result.stderr
    for suffix in (".pdf", ".docx"):
        out = tmp_path / f"report{suffix}"
        result = run_cli("render", str(imported), "-o", str(out))
        assert result.returncode == 0 and out.stat().st_size > 1000, result.stderr
    result = run_cli("lint", str(imported))
    findings = [line for line in result.stdout.splitlines() + result.stderr.splitlines() if re.search(r"\[[A-Z]\d{3}\]", line)]
    assert all(_LOCATED.match(line) for line in findings), findings
    assert not [line for line in findings if "错误" in line], findings  # what import wrote is a valid report
    assert yaml.safe_load(imported.read_text("utf-8"))["issuer"]


def test_a_word_paragraph_ending_mid_sentence_is_not_joined_to_the_next(tmp_path):
    """Lines broken inside one Word paragraph (w:br) are joined; two paragraphs are not, though
    the first stops without a full stop (主要做法如下) and both are indented alike."""
    import docx
    from docx.shared import Pt

    import composer

    document = docx.Document()
    document.add_paragraph("石门县司法局2024年法治政府建设年度报告").alignment = 1
    lines = [["2024年，县司法局坚持依法行政，主要做法如下"], ["一是加强组织领导；二是完善", "制度建设。"],
             ["一、主要举措和成效"], ["全年办理案件3件。"], ["二、存在的不足和原因"], ["力量不足。"],
             ["三、主要负责人履行推进法治建设第一责任人职责情况"], ["局长履职到位。"], ["四、2025年工作安排"], ["加强队伍建设。"]]
    for pieces in lines:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        for n, piece in enumerate(pieces):
            run = paragraph.add_run(piece)
            if n < len(pieces) - 1:
                run.add_break()
    for text in ("石门县司法局", "2025年1月8日"):
        document.add_paragraph(text).alignment = 2
    document.save(tmp_path / "draft.docx")
    result = composer.import_report(tmp_path / "draft.docx")
    assert result.report is not None, result.problems
    assert result.report.opening == ["2024年，县司法局坚持依法行政，主要做法如下", "一是加强组织领导；二是完善制度建设。"]
    assert [n.code for n in result.notes].count("import_line_joined") == 1
