"""The import corpus (tests/import_corpus): drafts as offices and sites really have them, each with
its ground truth, scored by bench/import_score.py against the targets of issue 14.

Targets, over the whole corpus: every sentence kept, no furniture leaked, at least 98% of the
paragraphs in the right part and of the headings at the right level, and every draft the user
must complete refused with a message that says what to add.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import import_score  # noqa: E402

CORPUS = import_score.CORPUS
DRAFTS = import_score.drafts()
# The drafts LibreOffice converts first (~2 s each): scored by a slow test of their own.
CONVERTED = (".doc", ".wps", ".odt")


@pytest.fixture(scope="module")
def scores() -> dict[str, import_score.Score]:
    return {path.name: import_score.score_draft(path) for path in DRAFTS if path.suffix not in CONVERTED}


def _hold_the_targets(scores: dict[str, import_score.Score]) -> None:
    total = import_score.totals(list(scores.values()))
    wrong = {name: s.wrong for name, s in scores.items() if s.wrong}
    assert total.sentences > 0 and total.sentences_lost == 0, wrong
    assert total.furniture_leaked == [] and total.extra == 0, wrong
    assert total.paragraphs[0] >= 0.98 * total.paragraphs[1], wrong
    assert total.headings[0] >= 0.98 * total.headings[1], wrong
    assert total.refusal_ok, wrong


def test_the_corpus_is_varied():
    suffixes = {path.suffix for path in DRAFTS}
    assert len(DRAFTS) >= 25 and {".txt", ".md", ".docx", ".html"} <= suffixes
    refusals = [p for p in DRAFTS if p.with_suffix("").with_suffix(".refusal.txt").exists()]
    assert 1 <= len(refusals) < len(DRAFTS) // 2


def test_every_draft_has_its_ground_truth():
    for path in DRAFTS:
        stem = path.with_suffix("")
        assert stem.with_suffix(".expected.yaml").exists() or stem.with_suffix(".refusal.txt").exists(), path.name


def test_the_targets_hold_over_the_corpus(scores):
    _hold_the_targets(scores)


@pytest.mark.slow
def test_the_targets_hold_over_the_drafts_libreoffice_converts():
    converted = [path for path in DRAFTS if path.suffix in CONVERTED]
    if not converted:
        pytest.skip("LibreOffice (soffice) is not installed: .doc, .wps and .odt drafts cannot be read")
    _hold_the_targets({path.name: import_score.score_draft(path) for path in converted})


def test_the_scorer_sees_a_wrong_import(tmp_path):
    """A ground truth that the import does not match scores below full marks: the scorer can fail."""
    source = next(path for path in DRAFTS if path.name == "county-justice-typed.txt")  # its plans a bare list
    draft = tmp_path / source.name
    draft.write_bytes(source.read_bytes())
    expected = source.with_suffix("").with_suffix(".expected.yaml").read_text("utf-8")
    (tmp_path / (source.with_suffix("").name + ".expected.yaml")).write_text(
        expected.replace("  plans: # 四、下一年度主要安排\n", "  plans: # 四、下一年度主要安排\n    - 多出的一段。\n", 1), "utf-8")
    (tmp_path / (source.with_suffix("").name + ".furniture.txt")).write_text("2024年\n", "utf-8")
    score = import_score.score_draft(draft)
    assert score.paragraphs[0] < score.paragraphs[1] and score.sentences_lost == 1 and score.furniture_leaked


def test_every_refusal_says_what_to_add(scores):
    import composer

    for name, score in scores.items():
        refusal = CORPUS / (Path(name).stem + ".refusal.txt")
        if not refusal.exists():
            continue
        try:
            result = composer.import_report(CORPUS / name)
        except composer.ReportError as error:  # a file no import can read (a scan): it says what to do instead
            [problem] = error.problems
            assert "请" in problem.message("zh") and "再导入" in problem.message("zh"), problem.message("zh")
            continue
        assert result.report is None and result.problems, name
        for problem in result.problems:
            assert problem.code.startswith("import_need_"), (name, problem.code)
            assert "请" in problem.message("zh") and "再导入" in problem.message("zh"), problem.message("zh")
            assert "add" in problem.message("en")
