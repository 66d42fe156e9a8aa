"""The benchmark's generated reports are what its figures claim: valid, k times the seed's
text without repeating it, and 200 distinct agencies."""

from __future__ import annotations

import sys

import pytest

import composer
from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402


def texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    return [t for v in value for t in texts(v)] if isinstance(value, list) else []


def test_longer_reports_are_k_times_the_seed_without_repeating_it(seed_report):
    seed_text = composer.render(seed_report, "txt")
    for factor in (5, 20):
        report = generate.longer(seed_report, factor)
        assert 0.9 * factor < len(composer.render(report, "txt")) / len(seed_text) < 1.1 * factor
        prose = [t for t in texts(report.model_dump(mode="json")["parts"]) + report.opening if len(t) > 8]
        assert len(set(prose)) == len(prose)  # clauses rotated, headings numbered


def test_two_hundred_distinct_seed_sized_reports(seed_report, tmp_path):
    reports = [generate.distinct(seed_report, n) for n in range(200)]
    assert len({r.issuer for r in reports}) == 200
    assert all(r.title == f"{r.issuer}2023年法治政府建设年度报告" for r in reports)
    path = generate.write(reports[123], tmp_path / "r.yaml")
    assert composer.load(path) == reports[123]  # what the batch reads back is the report made


def test_typst_peer_sets_the_seed_as_we_do(seed_report, tmp_path):
    """The bench's Typst source of the seed (bench/peers.py) makes the same pages as our PDF,
    in the faces our layout resolved: the peers are timed on the same work."""
    typst = pytest.importorskip("typst", reason="the bench's Typst peer needs `pip install typst` (the bench extra)")
    pdfium = pytest.importorskip("pypdfium2", reason="reading the PDFs back needs pypdfium2 (the test extra)")
    import peers
    from composer.compose import compose
    from composer.layout import faces

    profile = composer.load_profile()
    resolved = faces(profile)
    source = peers.typst_source(compose(seed_report, profile), profile, resolved)
    theirs = typst.compile(source.encode(), font_paths=[peers.font_folder(resolved, tmp_path / "fonts")],
                           ignore_system_fonts=True)
    ours = composer.render_result(seed_report, "pdf")
    document = pdfium.PdfDocument(theirs)
    assert len(document) == ours.pages
    first = document[0].get_textpage().get_text_range()
    assert first.startswith(seed_report.title) and "一、" in first
    assert b"/FontName" in theirs and b"Libertinus" not in theirs  # our faces, not Typst's own
