"""The red issuer mark and the page number's dashes sit at their GB/T 9704 places in
LibreOffice's rendering of the DOCX too, set in the faces that stand in on this machine: the
mark's top edge 35 mm under the text block's top (7.2.4), the dashes 7 mm under its bottom
edge (7.5). Word and LibreOffice each place text in a line of exact height their own way, so
the DOCX gives these lines the face's own height and positions them by its metrics."""

from __future__ import annotations

import sys

import pypdfium2 as pdfium
import pytest

import composer
from composer.layout import faces
from composer.profile import load_profile

from conftest import REPO, SAMPLES, SOFFICE

sys.path.insert(0, str(REPO / "bench"))
import agreement  # noqa: E402

PROFILE = load_profile()
MM = 72 / 25.4
TOP = PROFILE.page.margin_top.pt
BOTTOM = TOP + PROFILE.page.text_height.pt

MINIMAL_PARTS = """\
parts:
  measures: [全年办理行政复议案件126件。]
  shortcomings: [基层法治力量薄弱。]
  leadership: [局主要负责人认真履行第一责任人职责。]
  plans: [加强行政执法队伍建设。]
"""
# Marks as offices set them: a short one at the largest size, a joint one shrunk to fit the
# line, one under three corner lines (copy number, classification, urgency).
REPORTS = {
    "full": (SAMPLES / "full.yaml").read_text(encoding="utf-8"),
    "joint-mark": "issuer: 青山县司法局\nyear: 2024\ndate: 2025-01-20\nheader:\n"
                  "  mark: 青山县人民政府办公室青山县司法局文件\n  number: 青司〔2025〕3号\n" + MINIMAL_PARTS,
    "three-corner-lines": "issuer: 青山县司法局\nyear: 2024\ndate: 2025-01-20\nheader:\n"
                          "  copy_number: '000016'\n  classification: 秘密★1年\n  urgency: 特急\n"
                          "  mark: 青山县司法局\n  number: 青司〔2025〕12号\n" + MINIMAL_PARTS,
}


def ink(pdf: bytes, mark: str) -> tuple[float, list[float]]:
    """The mark's ink top under the text block's top, and each page's dashes' ink middle under
    its bottom edge, in millimetres."""
    document = pdfium.PdfDocument(pdf)
    tops, dashes = [], []
    try:
        for number, page in enumerate(document):
            height = page.get_height()
            text = page.get_textpage()
            for index in range(text.count_chars()):
                char = text.get_text_range(index, 1)
                _, low, _, high = text.get_charbox(index)
                if char in mark and number == 0:  # the highest is the mark's, not the title's
                    tops.append(height - high)
                elif char == "—" and height - low > BOTTOM:
                    dashes.append(((height - (low + high) / 2) - BOTTOM) / MM)
            text.close()
    finally:
        document.close()
    return (min(tops) - TOP) / MM, dashes


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; it lays the DOCX out")
@pytest.mark.parametrize("name", list(REPORTS))
def test_the_mark_and_the_dashes_sit_where_the_standard_puts_them_in_libreoffice(name, tmp_path):
    report = composer.load(REPORTS[name])
    mark = report.header.mark
    substitutes = {PROFILE.face(role): face.family for role, face in faces(PROFILE).items()}
    ours = ink(composer.render(report, "pdf"), mark)
    theirs = ink(agreement.libreoffice_pdf(composer.render(report, "docx"), tmp_path, substitutes), mark)
    # the PDF: the mark's em box at 35 mm, its ink a little inside it; the dashes at 7 mm
    assert 35 <= ours[0] < 35.6
    assert ours[1] and all(d == pytest.approx(7, abs=0.1) for d in ours[1])
    # LibreOffice: the same places within half a millimetre
    assert theirs[0] == pytest.approx(ours[0], abs=0.5)
    assert len(theirs[1]) == len(ours[1])
    assert all(d == pytest.approx(7, abs=0.5) for d in theirs[1]), theirs[1]
