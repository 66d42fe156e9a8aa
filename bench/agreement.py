#!/usr/bin/env python3
"""How far our PDF and LibreOffice's rendering of our DOCX agree, line for line (issue 15).

    python bench/agreement.py                      # every sample and the import corpus
    python bench/agreement.py report.yaml -n 10    # a report of your own, ten differences shown

Renders each report to PDF and to DOCX, converts the DOCX with LibreOffice (a private profile
folder, so it runs beside an open LibreOffice), reads the lines of both PDFs with pypdfium2
(characters grouped by baseline, page-number lines under the text block left out) and prints
the share of lines identical, the pages whose first line agrees and the first differences,
for each report and over the samples and over the import corpus (tests/import_corpus: each
draft with a ground truth is imported, then rendered). LibreOffice lays the DOCX out as Word
reads it (see word_reading) and, measured apart, as LibreOffice itself reads it.
A reader prints the DOCX and the website publishes the PDF: the two should be one document.
"""

from __future__ import annotations

import argparse
import ctypes
import difflib
import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's code, not an installed copy

import composer  # noqa: E402
from composer.layout import faces  # noqa: E402

SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
CORPUS_FOLDER = ROOT / "tests" / "import_corpus"
OVERFLOW_OFF = b'<w:overflowPunct w:val="0"/>'
IGNORED = " \u3000\t\r\n\ufffe\uffff\x02"


class Agreement(NamedTuple):
    """Lines of both renderings, page by page, and what agrees."""

    ours: list[list[str]]  # our PDF: pages of lines
    theirs: list[list[str]]  # LibreOffice's rendering of the DOCX as Word reads it (word_reading)
    as_written: list[list[str]] = []  # LibreOffice's rendering of the DOCX as it is: marks hang

    @property
    def identical(self) -> int:
        return _identical(self.ours, self.theirs)

    @property
    def identical_as_written(self) -> int:
        """Lines identical to LibreOffice's own reading of the file, which hangs ，。、；：？！."""
        return _identical(self.ours, self.as_written)

    @property
    def total(self) -> int:
        """The lines of the longer rendering: the share's denominator."""
        return max(len(_flat(self.ours)), len(_flat(self.theirs)))

    @property
    def share(self) -> float:
        return self.identical / max(self.total, 1)

    @property
    def pages_alike(self) -> list[bool]:
        """Whether page n of each starts with the same line, for every page either has."""
        count = max(len(self.ours), len(self.theirs))
        return [
            n < len(self.ours) and n < len(self.theirs) and self.ours[n][:1] == self.theirs[n][:1]
            for n in range(count)
        ]

    def differences(self, limit: int) -> list[str]:
        """The first `limit` differing stretches, each as the lines on both sides."""
        ours, theirs = _flat(self.ours), _flat(self.theirs)
        where_ours, where_theirs = _pages_of(self.ours), _pages_of(self.theirs)
        matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        out = []
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag == "equal":
                continue
            page = where_ours[a0] if a0 < len(where_ours) else where_theirs[min(b0, len(where_theirs) - 1)]
            lines = [f"  page {page}:"]
            lines += [f"    PDF : {line}" for line in ours[a0:a1][:3]]
            lines += [f"    DOCX: {line}" for line in theirs[b0:b1][:3]]
            out.append("\n".join(lines))
            if len(out) == limit:
                break
        return out


def _identical(ours: list[list[str]], theirs: list[list[str]]) -> int:
    matcher = difflib.SequenceMatcher(None, _flat(ours), _flat(theirs), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def _flat(pages: list[list[str]]) -> list[str]:
    return [line for page in pages for line in page]


def _pages_of(pages: list[list[str]]) -> list[int]:
    return [number for number, page in enumerate(pages, 1) for _ in page]


def pdf_lines(data: bytes, bottom_margin_pt: float, turned_bottom_pt: float | None = None) -> list[list[str]]:
    """Each page's lines inside the text block, top to bottom, blanks left out; a landscape
    page's text block ends `turned_bottom_pt` over its bottom edge (the portrait page's right
    margin: its number is turned and left out by its angle)."""
    document = pdfium.PdfDocument(data)
    pages = []
    try:
        for page in document:
            width, height = page.get_size()
            bottom = bottom_margin_pt if turned_bottom_pt is None or width <= height else turned_bottom_pt
            text = page.get_textpage()
            rows: dict[int, list[tuple[float, str]]] = {}
            x, y = ctypes.c_double(), ctypes.c_double()
            for index in range(text.count_chars()):
                char = chr(pdfium_c.FPDFText_GetUnicode(text.raw, index))
                if char in IGNORED or not pdfium_c.FPDFText_GetCharOrigin(text.raw, index, x, y):
                    continue
                if y.value < bottom - 2:  # the page number under the text block
                    continue
                if abs(pdfium_c.FPDFText_GetCharAngle(text.raw, index)) > 0.01:  # a landscape page's number
                    continue
                rows.setdefault(round(y.value / 3), []).append((x.value, char))
            merged: list[tuple[float, list[tuple[float, str]]]] = []
            for key in sorted(rows, reverse=True):  # baselines within 3 pt are one line
                if merged and merged[-1][0] - key <= 1:
                    merged[-1][1].extend(rows[key])
                else:
                    merged.append((key, list(rows[key])))
            pages.append(["".join(c for _, c in sorted(chars)) for _, chars in merged])
            text.close()
            page.close()
    finally:
        document.close()
    return pages


def same_faces(substitutes: dict[str, str], folder: Path) -> None:
    """A LibreOffice profile whose replacement table sets each face the DOCX names in the face
    our PDF used for it, so that both sides measure with the same glyphs: on a machine without
    the official faces each application would otherwise choose a different stand-in (LibreOffice
    takes DejaVu Sans for the digits), and the comparison would measure the fonts, not the
    line breaking."""
    pairs = "".join(
        f'<node oor:name="_{n}" oor:op="replace">'
        '<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>'
        '<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
        f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{escape(name)}</value></prop>'
        f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{escape(family)}</value></prop></node>'
        for n, (name, family) in enumerate(substitutes.items())
    )
    user = folder / "profile" / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>'
        f'<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">{pairs}</item>'
        '</oor:items>\n', encoding="utf-8")


def word_reading(docx: bytes) -> bytes:
    """The DOCX with `w:overflowPunct` turned over. Word reads the file's `val="0"` as no
    hanging punctuation and takes the character before a closing mark down with it, as our
    PDF does; LibreOffice (7.x) reads it the other way round and hangs ，。、；：？！ past the
    margin (and `val="1"` as no hanging). Turned over, LibreOffice breaks the lines as Word
    reads the file, so the comparison measures the line-breaking model, not that reading;
    LibreOffice's own reading is measured too (Agreement.as_written)."""
    source, out = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                if OVERFLOW_OFF not in data:  # else the measure would silently be LibreOffice's reading
                    raise SystemExit("the DOCX's styles no longer turn w:overflowPunct off: update word_reading")
                data = data.replace(OVERFLOW_OFF, b'<w:overflowPunct w:val="1"/>')
            target.writestr(item, data)
    return out.getvalue()


def libreoffice_pdf(docx: bytes, folder: Path, substitutes: dict[str, str], name: str = "report") -> bytes:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed: it lays the DOCX out for comparison")
    same_faces(substitutes, folder)
    source = folder / f"{name}.docx"
    source.write_bytes(docx)
    subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    return (folder / f"{name}.pdf").read_bytes()


class NoReport(Exception):
    """A draft the import corpus holds that import refuses, rightly: there is nothing to render."""


def measure(report_path: Path, folder: Path) -> Agreement:
    """A YAML report, or a source `import` reads (the import corpus: .txt, .md, .docx, .html)."""
    if report_path.suffix in (".yaml", ".yml"):
        report = composer.load(report_path)
    else:
        report = composer.import_report(report_path).report
        if report is None:
            raise NoReport(f"{report_path.name}: not rendered, import refuses it (as its ground truth says)")
    profile = composer.load_profile()
    bottom = profile.page.margin_bottom.pt, profile.page.margin_right.pt
    ours = pdf_lines(composer.render(report, "pdf"), *bottom)
    substitutes = {profile.face(role): face.family for role, face in faces(profile).items()}
    docx = composer.render(report, "docx")
    theirs = pdf_lines(libreoffice_pdf(word_reading(docx), folder, substitutes, "as-word"), *bottom)
    as_written = pdf_lines(libreoffice_pdf(docx, folder, substitutes, "as-written"), *bottom)
    return Agreement(ours, theirs, as_written)


def corpus() -> list[Path]:
    """The import corpus's drafts that make a report (those with a ground truth; the drafts
    import must refuse have none to render)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import import_score

    return [p for p in import_score.drafts(CORPUS_FOLDER)
            if p.with_suffix("").with_suffix(".expected.yaml").exists()]


def summary(name: str, agreements: list[Agreement]) -> str:
    """One line: the lines identical and the pages starting alike, over `agreements`."""
    identical = sum(a.identical for a in agreements)
    total = sum(a.total for a in agreements)
    alike = [ok for a in agreements for ok in a.pages_alike]
    as_written = sum(a.identical_as_written for a in agreements)
    return (f"{name}: {identical / max(total, 1):.1%} of lines identical ({identical} of {total}); "
            f"{sum(alike)} of {len(alike)} pages start alike; "
            f"{as_written / max(total, 1):.1%} as LibreOffice reads the file, hanging marks")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="*", type=Path,
                        help="YAML reports or sources to import (default: every sample and the import corpus)")
    parser.add_argument("-n", "--differences", type=int, default=5, help="differences shown per report")
    args = parser.parse_args(argv)
    groups = {"reports": args.reports} if args.reports else {"samples": SAMPLES, "import corpus": corpus()}
    totals = {}
    for group, paths in groups.items():
        totals[group] = []
        for path in paths:
            with tempfile.TemporaryDirectory() as folder:
                try:
                    agreement = measure(path, Path(folder))
                except NoReport as refused:
                    print(refused)
                    continue
            totals[group].append(agreement)
            alike = agreement.pages_alike
            print(f"{path.name}: {agreement.share:.1%} of lines identical "
                  f"({agreement.identical} of {agreement.total}); "
                  f"pages {len(agreement.ours)} (PDF) / {len(agreement.theirs)} (DOCX); "
                  f"{sum(alike)} of {len(alike)} pages start alike"
                  + (f" (not: {', '.join(str(n) for n, ok in enumerate(alike, 1) if not ok)})" if not all(alike) else "")
                  + f"; {agreement.identical_as_written} as LibreOffice reads the file", flush=True)
            for difference in agreement.differences(args.differences):
                print(difference)
    for group, agreements in totals.items():
        print(summary(group, agreements))
    if len(totals) > 1:
        print(summary("overall", [a for agreements in totals.values() for a in agreements]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
