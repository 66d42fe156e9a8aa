"""Our PDF and LibreOffice's rendering of our DOCX agree line for line (issue 15), measured by
bench/agreement.py with the same faces on both sides and LibreOffice reading w:overflowPunct as
Word does. The floors of lines identical sit a little below what the line-breaking model
reaches today (every line of every sample and corpus draft), so a change that makes the two
drift apart fails here; every page starts alike."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO, SAMPLES, SOFFICE, SEED_YAML

sys.path.insert(0, str(REPO / "bench"))
import agreement  # noqa: E402

# sample -> share of lines identical, at least
FLOORS = {SEED_YAML: 0.98, SAMPLES / "full.yaml": 1.0, SAMPLES / "minimal.yaml": 1.0,
          SAMPLES / "attachments.yaml": 0.97, SAMPLES / "joint.yaml": 0.98}
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; it lays the DOCX out for comparison")


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("sample", list(FLOORS), ids=lambda p: p.stem)
def test_the_pdf_and_the_docx_break_their_lines_alike(sample, tmp_path):
    measured = agreement.measure(sample, tmp_path)
    assert len(measured.ours) == len(measured.theirs)
    assert measured.share >= FLOORS[sample], "\n".join(measured.differences(5))
    assert all(measured.pages_alike), measured.pages_alike
    # LibreOffice's own reading of the file hangs marks and so breaks elsewhere: measured apart.
    assert measured.identical_as_written <= measured.identical


@pytest.mark.slow
@needs_soffice
def test_the_import_corpus_breaks_its_lines_alike_in_both(tmp_path):
    """Every draft of the import corpus that makes a report, imported, then rendered both ways."""
    measured = {}
    for number, draft in enumerate(agreement.corpus()):
        folder = tmp_path / str(number)
        folder.mkdir()
        try:
            measured[draft.name] = agreement.measure(draft, folder)
        except agreement.NoReport:
            continue
    identical, total = sum(m.identical for m in measured.values()), sum(m.total for m in measured.values())
    assert len(measured) >= 30
    assert identical >= 0.99 * total, "\n".join(d for m in measured.values() for d in m.differences(2))
    assert not [name for name, m in measured.items() if not all(m.pages_alike)]
