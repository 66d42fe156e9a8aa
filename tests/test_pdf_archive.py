"""The archival PDF (issue 18): PDF/A-1b, -2b and -3b checked offline by pikepdf's PDF/A
validator, XMP metadata that agrees with the document information, an sRGB output intent,
text that copies out as the report's text, and the same bytes for the same report."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pikepdf
import pypdfium2
import pytest

import composer
from composer.writers import pdf_archive, srgb

from conftest import ALL_SAMPLES, REPO, SAMPLES, SEED_YAML, run_cli


IMPORTS = sorted((REPO / "tests" / "data" / "import").iterdir()) + [
    REPO / "tests" / "data" / "seed-web-copy.txt", REPO / "tests" / "data" / "seed-web-page.html",
]
INPUTS = ALL_SAMPLES + IMPORTS
LEVELS = ("a-1b", "a-2b", "a-3b")
PAGE_NUMBER = re.compile(r"^— \d+ —$")
XMP_NS = {
    "dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


@cache
def report_of(path: Path) -> composer.Report:
    if path.suffix == ".yaml":
        return composer.load(path)
    report = composer.import_report(path).report
    assert report is not None, path
    return report


@cache
def pdf_of(path: Path, level: str | None = None) -> bytes:
    return composer.render(report_of(path), "pdf", pdf_standard=level)


def minimal_with(paragraph: str) -> composer.Report:
    text = (SAMPLES / "minimal.yaml").read_text(encoding="utf-8")
    return composer.load(text.replace("严格依法履行职责", paragraph))


def xmp_of(data: bytes) -> dict[str, str]:
    """The XMP packet's simple values and first list items, as 'prefix:name' -> text."""
    from lxml import etree

    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = etree.fromstring(pdf.Root.Metadata.read_bytes())
    values: dict[str, str] = {}
    for prefix, uri in XMP_NS.items():
        for element in root.iter(f"{{{uri}}}*"):
            if prefix == "rdf":
                continue
            text = element.text if len(element) == 0 else element.findtext(".//rdf:li", namespaces=XMP_NS)
            values.setdefault(f"{prefix}:{etree.QName(element).localname}", text or "")
    return values


# --- PDF/A, checked by pikepdf ------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_every_sample_and_imported_report_passes_pikepdfs_pdfa_check(path, level):
    pdfa = pytest.importorskip("pikepdf.pdfa", reason="pikepdf's PDF/A validator: pip install 'pikepdf[pdfa]'")
    report = pdfa.validate_written(io.BytesIO(pdf_of(path, level)), level.removeprefix("a-"))
    assert report.passed, [str(finding) for finding in report.findings]


def test_pdfa_2b_is_the_default():
    data = pdf_of(SEED_YAML)
    assert data == pdf_of(SEED_YAML, "a-2b")
    xmp = xmp_of(data)
    assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("2", "B")


@pytest.mark.parametrize("level", LEVELS)
def test_the_level_is_claimed_in_the_xmp_and_the_header_fits_it(level):
    data = pdf_of(SAMPLES / "full.yaml", level)
    xmp = xmp_of(data)
    assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == (level[2], "B")
    assert data.startswith(b"%PDF-1.4" if level == "a-1b" else b"%PDF-1.7")


def test_none_is_a_plain_pdf_without_a_pdfa_claim_or_output_intent():
    data = pdf_of(SAMPLES / "full.yaml", "none")
    assert "pdfaid:part" not in xmp_of(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert pdf.open_metadata()["dc:title"] == report_of(SAMPLES / "full.yaml").title


def test_an_unknown_standard_is_an_error_naming_the_known_ones():
    with pytest.raises(composer.ReportError) as caught:
        composer.render(report_of(SAMPLES / "minimal.yaml"), "pdf", pdf_standard="a-4f")
    assert caught.value.problems[0].code == "pdf_standard_unknown"
    assert "a-1b, a-2b, a-3b, none" in caught.value.problems[0].message("en")


def test_pdf_standard_is_refused_for_other_formats():
    with pytest.raises(composer.ReportError) as caught:
        composer.render(report_of(SAMPLES / "minimal.yaml"), "docx", pdf_standard="a-1b")
    assert caught.value.problems[0].message("en") == (
        "the option --pdf-standard does not apply to the docx format, only to: pdf"
    )


def test_pdfa_1b_refuses_transparency_naming_the_levels_that_allow_it():
    with pytest.raises(composer.ReportError) as caught:
        pdf_archive.refuse_transparency(pdf_archive.standard("a-1b"), "印章图像", "the seal image")
    assert "a-2b" in caught.value.problems[0].message("zh") and "PDF/A-1b" in caught.value.problems[0].message("en")
    for level in ("a-2b", "a-3b", "none"):
        pdf_archive.refuse_transparency(pdf_archive.standard(level), "印章图像", "the seal image")


# --- metadata, output intent, pages -------------------------------------------------------------


def test_xmp_agrees_with_the_document_information():
    report = report_of(SAMPLES / "full.yaml")
    data = pdf_of(SAMPLES / "full.yaml")
    xmp = xmp_of(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = {key: str(value) for key, value in pdf.docinfo.items()}
    assert xmp["dc:title"] == info["/Title"] == report.title
    assert xmp["dc:creator"] == info["/Author"] == report.issuer
    assert xmp["dc:description"] == info["/Subject"] == "2024年法治政府建设年度报告"
    assert xmp["pdf:Keywords"] == info["/Keywords"] and report.issuer in xmp["pdf:Keywords"]
    assert xmp["dc:subject"] == "法治政府建设"
    assert xmp["xmp:CreatorTool"] == info["/Creator"] and xmp["pdf:Producer"] == info["/Producer"]
    assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == f"{report.date:%Y-%m-%d}T00:00:00+08:00"
    assert info["/CreationDate"] == info["/ModDate"] == f"D:{report.date:%Y%m%d}000000+08'00'"


def test_markup_in_the_metadata_is_escaped():
    text = (SAMPLES / "minimal.yaml").read_text(encoding="utf-8").replace("issuer: 青山县司法局", "issuer: 青山县<司法局>&")
    data = composer.render(composer.load(text), "pdf")
    assert xmp_of(data)["dc:creator"] == "青山县<司法局>&"


def test_the_output_intent_is_srgb_with_a_working_icc_profile():
    ImageCms = pytest.importorskip("PIL.ImageCms", reason="Pillow checks the ICC profile with LittleCMS")
    from PIL import Image

    with pikepdf.open(io.BytesIO(pdf_of(SEED_YAML))) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFA1 and str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        icc = intent.DestOutputProfile.read_bytes()
        assert int(intent.DestOutputProfile.N) == 3
    assert icc == srgb.profile()
    assert icc[8] == 2 and icc[12:20] == b"mntrRGB "  # version 2 display profile, as PDF/A-1 needs
    ours = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    assert ImageCms.getProfileDescription(ours).strip() == "sRGB IEC61966-2.1"
    colours = [(255, 0, 0), (0, 128, 0), (30, 60, 200), (200, 30, 30), (255, 255, 255), (0, 0, 0)]
    image = Image.new("RGB", (len(colours), 1))
    image.putdata(colours)
    through = ImageCms.applyTransform(image, ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ours, "RGB", "RGB"))
    for got, want in zip((through.getpixel((x, 0)) for x in range(len(colours))), colours):
        assert max(abs(a - b) for a, b in zip(got, want)) <= 1  # LittleCMS's sRGB and ours agree


@pytest.mark.parametrize("level", (*LEVELS, "none"))
def test_no_page_has_a_transition_dictionary(level):
    with pikepdf.open(io.BytesIO(pdf_of(SAMPLES / "full.yaml", level))) as pdf:
        assert len(pdf.pages) > 1
        assert all("/Trans" not in page.obj for page in pdf.pages)


def test_every_font_is_embedded_with_a_tounicode_map():
    with pikepdf.open(io.BytesIO(pdf_of(SAMPLES / "full.yaml"))) as pdf:
        fonts = {font.objgen: font for page in pdf.pages for font in page.Resources.Font.values()}
        assert fonts
        for font in fonts.values():
            assert "/FontFile2" in font.FontDescriptor and "/ToUnicode" in font


# --- the same bytes, a different identifier -----------------------------------------------------


def test_the_same_report_gives_the_same_bytes_in_another_process(tmp_path):
    out = tmp_path / "a1.pdf"  # the default level is checked so in test_pdf
    done = run_cli("render", str(SEED_YAML), "-o", str(out), "--pdf-standard", "a-1b")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == pdf_of(SEED_YAML, "a-1b")


def test_another_report_gets_another_document_id():
    one, other = (composer.render(minimal_with(text), "pdf") for text in ("严格依法履行职责", "依法履职"))
    ids = []
    for data in (one, other):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            ids.append((bytes(pdf.trailer.ID[0]), xmp_of(data)["xmpMM:DocumentID"]))
    assert ids[0][0] != ids[1][0] and ids[0][1] != ids[1][1]
    assert re.fullmatch(r"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", ids[0][1])


# --- the text copied from the PDF is the report's text ------------------------------------------


def _upright_text(page: pypdfium2.PdfPage) -> str:
    """The page's text without turned characters (a landscape page's number)."""
    text_page = page.get_textpage()
    chars = [chr(pypdfium2.raw.FPDFText_GetUnicode(text_page, i)) for i in range(text_page.count_chars())
             if abs(pypdfium2.raw.FPDFText_GetCharAngle(text_page, i)) < 0.01]
    return "".join(chars).encode("utf-16", "surrogatepass").decode("utf-16")  # pdfium gives UTF-16 units


def pdf_text(data: bytes) -> str:
    """The text pdfium extracts, without the page numbers (page furniture) and a table's header
    row repeated at the top of a page (an artifact), white space removed."""
    lines: list[str] = []
    for page in pypdfium2.PdfDocument(data):
        page_lines = [line for line in _upright_text(page).splitlines() if line.strip()]
        if page_lines and lines and page_lines[0] in lines:
            page_lines = page_lines[1:]
        lines += [line for line in page_lines if not PAGE_NUMBER.match(line.strip())]
    return "".join("".join(lines).split())


def txt_text(data: bytes) -> str:
    """The TXT rendering's text, without its rules and table markup, white space removed."""
    out: list[str] = []
    for line in data.decode("utf-8").splitlines():
        stripped = line.strip()
        if stripped and set(stripped) <= set("━─"):
            continue
        if stripped.startswith("| "):
            cells = [c.replace("\\|", "|") for c in re.split(r" (?<!\\)\| ", stripped[2:-2])]
            if not all(set(c) == {"-"} for c in cells):
                out += cells
            continue
        out.append(line)
    return "".join("".join(out).split())


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_the_text_extracted_from_the_pdf_is_the_txt_rendering(path):
    report = report_of(path)
    assert pdf_text(pdf_of(path)) == txt_text(composer.render(report, "txt"))


@pytest.mark.parametrize("text", [
    "严格依法履行职责，为𠀾先生、吉𠮷等人办理了“一网通办”业务（共3,000件）",  # beyond U+FFFF; full-width marks
    "规范《行政处罚法》适用——“双随机、一公开”……监管覆盖率达100%；ISO 9001认证",
])
def test_rare_characters_and_full_width_marks_copy_out_as_written(text):
    report = minimal_with(text)
    try:
        data = composer.render(report, "pdf")
    except composer.ReportError as error:  # a machine whose faces lack the rare characters
        pytest.skip(error.problems[0].message("en"))
    assert "".join(text.split()) in pdf_text(data)
    assert pdf_text(data) == txt_text(composer.render(report, "txt"))


# --- the command line ---------------------------------------------------------------------------


def test_the_cli_writes_each_level_and_refuses_the_option_for_docx(tmp_path):
    out = tmp_path / "a1.pdf"
    done = run_cli("render", str(SAMPLES / "minimal.yaml"), "-o", str(out), "--pdf-standard", "a-1b")
    assert done.returncode == 0, done.stderr
    assert xmp_of(out.read_bytes())["pdfaid:part"] == "1"
    refused = run_cli("render", str(SAMPLES / "minimal.yaml"), "-o", str(tmp_path / "a.docx"), "--pdf-standard", "a-1b")
    assert refused.returncode == 2
    assert "选项 --pdf-standard 不适用于 docx 格式" in refused.stderr
    assert not (tmp_path / "a.docx").exists()
    wrong = run_cli("render", str(SAMPLES / "minimal.yaml"), "-o", str(tmp_path / "b.pdf"), "--pdf-standard", "a-4")
    assert wrong.returncode == 2 and "a-2b" in wrong.stderr


def test_batch_passes_the_standard_to_every_pdf(tmp_path):
    done = run_cli("batch", str(SAMPLES), "-o", str(tmp_path / "out"), "--formats", "pdf", "-j", "1",
                   "--pdf-standard", "a-3b")
    assert done.returncode == 0, done.stderr
    pdfs = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.stem for p in pdfs] == [p.stem for p in ALL_SAMPLES]
    assert {xmp_of(p.read_bytes())["pdfaid:part"] for p in pdfs} == {"3"}
    refused = run_cli("batch", str(SAMPLES), "-o", str(tmp_path / "docx"), "--formats", "docx", "--pdf-standard", "a-3b")
    assert refused.returncode == 2 and "--pdf-standard" in refused.stderr


def test_format_takes_the_standard_too(tmp_path):
    out = tmp_path / "imported.pdf"
    done = run_cli("format", str(IMPORTS[0]), "-o", str(out), "--pdf-standard", "none")
    assert done.returncode == 0, done.stderr
    assert "pdfaid:part" not in xmp_of(out.read_bytes())
