"""The DOCX writer: read back what it wrote, as Word would see it, and as LibreOffice lays it out."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from lxml import etree

import composer
from composer import blocks as b
from composer.blocks import cells
from composer.compose import compose
from composer.layout import faces
from composer.layout.fonts import ink_middle, line_metrics
from composer.profile import load_profile

from conftest import ALL_SAMPLES, SAMPLES, SEED_YAML, SOFFICE, run_cli, to_pdf

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = "{%s}" % NS["w"]
PROFILE = load_profile()
FULL_YAML = SAMPLES / "full.yaml"
MINIMAL_YAML = SAMPLES / "minimal.yaml"
MM = 72 / 25.4


def twips_of_mm(mm: float) -> float:
    return mm * MM * 20


def render(source, profile=None) -> bytes:  # type: ignore[no-untyped-def]
    report = source if isinstance(source, composer.Report) else composer.load(source)
    return composer.render(report, "docx", profile=profile)


def parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {n: etree.fromstring(package.read(n)) for n in package.namelist() if n.endswith((".xml", ".rels"))}


def minimal_with(extra: str) -> composer.Report:
    """The minimal sample with more top-level YAML appended."""
    return composer.load(MINIMAL_YAML.read_text("utf-8") + extra)


def attr(element: etree._Element | None, name: str) -> str | None:
    return None if element is None else element.get(W + name)


def text_of(paragraph: etree._Element) -> str:
    return "".join(paragraph.xpath(".//w:t/text()", namespaces=NS))


def style_of(paragraph: etree._Element) -> str | None:
    return attr(paragraph.find("w:pPr/w:pStyle", NS), "val")


def look(run: etree._Element) -> tuple[str, float, str | None]:
    """(face, size in pt, colour) of a run; asserts the face is the same in all four slots."""
    fonts = run.find("w:rPr/w:rFonts", NS)
    faces = {attr(fonts, slot) for slot in ("ascii", "hAnsi", "eastAsia", "cs")}
    assert len(faces) == 1 and None not in faces, f"run {run.xpath('string()')!r} names faces {faces}"
    size = attr(run.find("w:rPr/w:sz", NS), "val")
    assert size == attr(run.find("w:rPr/w:szCs", NS), "val")
    return faces.pop(), int(size) / 2, attr(run.find("w:rPr/w:color", NS), "val")


def text_runs(paragraph: etree._Element) -> list[etree._Element]:
    return [r for r in paragraph.findall("w:r", NS) if r.find("w:t", NS) is not None]


@pytest.fixture(scope="module")
def full() -> dict[str, etree._Element]:
    return parts(render(FULL_YAML))


@pytest.fixture(scope="module")
def full_body(full) -> list[etree._Element]:  # type: ignore[no-untyped-def]
    return full["word/document.xml"].findall("w:body/w:p", NS)


# --- every sample -------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: p.stem)
def test_every_sample_renders_and_reads_back(sample: Path) -> None:
    report = composer.load(sample)
    document = docx.Document(io.BytesIO(render(report)))
    text = "\n".join(p.text for p in document.paragraphs)
    for line in compose(report, PROFILE).body[0].lines:
        assert line in text
    assert report.parts.measures.heading in text
    assert document.core_properties.title == report.title


def test_cli_renders_docx(tmp_path: Path) -> None:
    target = tmp_path / "报告.docx"
    result = run_cli("render", str(SEED_YAML), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert docx.Document(str(target)).paragraphs[0].text == "大同市科技局2023年法治政府建设年度报告"


# --- page and grid --------------------------------------------------------------------------------


def test_page_geometry_and_line_grid(full) -> None:  # type: ignore[no-untyped-def]
    section = full["word/document.xml"].find("w:body/w:sectPr", NS)
    size, margins, grid = (section.find(f"w:{t}", NS) for t in ("pgSz", "pgMar", "docGrid"))
    assert (int(attr(size, "w")), int(attr(size, "h"))) == (11906, 16838)  # A4
    for side, mm in (("top", 37), ("left", 28), ("bottom", 35), ("right", 26)):
        assert abs(int(attr(margins, side)) - twips_of_mm(mm)) <= 1, side
    width = int(attr(size, "w")) - int(attr(margins, "left")) - int(attr(margins, "right"))
    assert abs(width - twips_of_mm(156)) <= 1
    assert (attr(grid, "type"), attr(grid, "linePitch")) == ("lines", "579")
    height = int(attr(size, "h")) - int(attr(margins, "top")) - int(attr(margins, "bottom"))
    assert height // 579 == 22


def test_normal_style_carries_the_grid(full) -> None:  # type: ignore[no-untyped-def]
    styles = full["word/styles.xml"]
    normal = styles.find("w:style[@w:styleId='Normal']", NS)
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert (attr(spacing, "line"), attr(spacing, "lineRule")) == ("579", "exact")
    assert attr(normal.find("w:pPr/w:jc", NS), "val") == "both"
    assert attr(normal.find("w:pPr/w:widowControl", NS), "val") == "0"
    # 28 tightened 16 pt characters fit the 156 mm line, 29 do not
    tighten = int(attr(normal.find("w:rPr/w:spacing", NS), "val"))
    assert tighten == -5
    assert 28 * (16 + tighten / 20) <= 156 * MM < 29 * (16 + tighten / 20)
    for holder in (normal, styles.find("w:docDefaults/w:rPrDefault", NS)):
        fonts = holder.find(".//w:rFonts", NS)
        assert {attr(fonts, s) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"仿宋_GB2312"}
        assert attr(holder.find(".//w:lang", NS), "eastAsia") == "zh-CN"
        assert attr(holder.find(".//w:sz", NS), "val") == "32"


def test_no_theme_fonts_and_no_foreign_parts(full) -> None:  # type: ignore[no-untyped-def]
    for name, root in full.items():
        assert not root.xpath("//@*[contains(local-name(), 'Theme') or contains(local-name(), 'theme')]"), name
    assert not any("theme" in name or "thumbnail" in name or "customXml" in name for name in full)
    faces = {f.get(W + "name") for f in full["word/fontTable.xml"].findall("w:font", NS)}
    assert "ＭＳ 明朝" not in faces and {"仿宋_GB2312", "方正小标宋简体", "黑体"} <= faces
    assert attr(full["word/settings.xml"].find("w:themeFontLang", NS), "eastAsia") == "zh-CN"


def test_every_run_names_its_face_in_all_four_slots(full) -> None:  # type: ignore[no-untyped-def]
    for name, root in full.items():
        for run in root.iter(W + "r"):
            look(run)  # asserts


# --- faces and sizes by kind of paragraph ---------------------------------------------------------


def paragraphs_with_style(body: list[etree._Element], style: str) -> list[etree._Element]:
    return [p for p in body if style_of(p) == style]


def test_title_lines_face_and_size(full_body) -> None:  # type: ignore[no-untyped-def]
    (title,) = paragraphs_with_style(full_body, "Title")
    report = composer.load(FULL_YAML)
    lines = compose(report, PROFILE).body[0].lines
    assert len(lines) == 2 and len(title.findall(".//w:br", NS)) == 1
    assert [r.findtext("w:t", namespaces=NS) for r in text_runs(title)] == list(lines)
    assert {look(r) for r in text_runs(title)} == {("方正小标宋简体", 22, None)}


def test_headings_have_markers_faces_and_outline_levels(full_body, full) -> None:  # type: ignore[no-untyped-def]
    faces = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}
    markers = {1: r"[一二三四五]、", 2: r"（[一二三]）", 3: r"[12]\.", 4: r"（[12]）"}
    styles = full["word/styles.xml"]
    for level in range(1, 5):
        found = paragraphs_with_style(full_body, f"Heading{level}")
        assert found or level == 4, level  # the sample's level-4 headings are all run in
        for paragraph in found:
            assert re.match(markers[level], text_of(paragraph))
            assert {look(r) for r in text_runs(paragraph)} == {(faces[level], 16, None)}
        style = styles.find(f"w:style[@w:styleId='Heading{level}']", NS)
        assert attr(style.find("w:pPr/w:outlineLvl", NS), "val") == str(level - 1)
        assert style.find("w:pPr/w:keepNext", NS) is not None
    parts_in_order = [text_of(p)[:2] for p in paragraphs_with_style(full_body, "Heading1")]
    assert parts_in_order == ["一、", "二、", "三、", "四、", "五、"]


def test_run_in_heading_keeps_its_face_in_one_paragraph(full_body) -> None:  # type: ignore[no-untyped-def]
    lead = next(p for p in full_body if text_of(p).startswith("（一）坚持党的领导"))
    heading, text = text_runs(lead)
    assert heading.findtext("w:t", namespaces=NS) == "（一）坚持党的领导，压实法治建设责任。"
    assert look(heading) == ("楷体_GB2312", 16, None)
    assert text.findtext("w:t", namespaces=NS).startswith("县政府常务会议专题研究")
    assert look(text) == ("仿宋_GB2312", 16, None)
    level4 = next(p for p in full_body if text_of(p).startswith("（1）精简审批事项。"))
    assert [look(r)[0] for r in text_runs(level4)] == ["仿宋_GB2312", "仿宋_GB2312"]


def test_body_paragraphs_indent_two_characters(full, full_body) -> None:  # type: ignore[no-untyped-def]
    style = full["word/styles.xml"].find("w:style[@w:styleId='BodyText']", NS)
    indent = style.find("w:pPr/w:ind", NS)
    assert (attr(indent, "firstLineChars"), attr(indent, "firstLine")) == ("200", "640")
    body = paragraphs_with_style(full_body, "BodyText")
    assert len(body) > 10
    assert {look(r) for p in body for r in text_runs(p)} >= {("仿宋_GB2312", 16, None)}


def test_addressee_signature_date_and_note(full_body) -> None:  # type: ignore[no-untyped-def]
    report = composer.load(FULL_YAML)
    placed = next(blk for blk in compose(report, PROFILE).body if isinstance(blk, b.Signature))
    by_text = {text_of(p): p for p in full_body}
    addressee = by_text["青州市人民政府："]
    assert addressee.find("w:pPr/w:ind", NS) is None and style_of(addressee) is None
    cell = PROFILE.char_pitch_pt * 20
    for line in (placed.signature, placed.date):
        paragraph = by_text[line.text]
        assert int(attr(paragraph.find("w:pPr/w:ind", NS), "left")) == round(line.start * cell)
        assert {look(r) for r in text_runs(paragraph)} == {("仿宋_GB2312", 16, None)}
    # sealed: the date ends four characters from the right, the signature centred over it
    assert placed.date.end == PROFILE.chars_per_line - 4
    assert abs((placed.signature.start + placed.signature.end) - (placed.date.start + placed.date.end)) < 1e-9
    assert by_text[placed.signature.text].find("w:pPr/w:keepNext", NS) is not None
    assert "（此件公开发布）" in by_text


def test_attachment_names_align(full_body) -> None:  # type: ignore[no-untyped-def]
    first = next(p for p in full_body if text_of(p).startswith("附件：1."))
    second = next(p for p in full_body if text_of(p).startswith("2.青山县2025年度"))
    cell = PROFILE.char_pitch_pt * 20

    def starts(paragraph: etree._Element) -> tuple[float, float]:
        indent = paragraph.find("w:pPr/w:ind", NS)
        left = int(attr(indent, "left"))
        return (left - int(attr(indent, "hanging"))) / cell, left / cell

    first_line, names = starts(first)
    assert first_line == pytest.approx(2, abs=0.01)  # "附件" two characters in
    assert names == pytest.approx(2 + 3 + 1, abs=0.01)  # after "附件：" and "1."
    assert starts(second) == pytest.approx((2 + 3, names), abs=0.01)  # "2." under "1."


# --- red header -----------------------------------------------------------------------------------


def test_red_header(full_body) -> None:  # type: ignore[no-untyped-def]
    texts = [text_of(p) for p in full_body]
    assert texts[:2] == ["000128", "加急"]
    assert look(text_runs(full_body[1])[0])[0] == "黑体"
    mark = full_body[2]
    assert text_of(mark) == "青山县人民政府文件"
    face, size, colour = look(text_runs(mark)[0])
    assert (face, colour) == ("方正小标宋简体", "FF0000") and size == 36
    # its em box's top edge 35 mm under the top of the text block: two lines above it, then
    # spacing, then a line as high as the face's own, whose ascent reaches above the em box
    spacing = mark.find("w:pPr/w:spacing", NS)
    metrics = line_metrics(faces(PROFILE)["title"])
    assert attr(spacing, "lineRule") == "exact"
    assert int(attr(spacing, "line")) == pytest.approx((metrics.ascent + metrics.descent) * 36 * 20, abs=1)
    em_top = 2 * 579 + int(attr(spacing, "before")) + (metrics.ascent - 0.88) * 36 * 20
    assert em_top == pytest.approx(twips_of_mm(35), abs=2)
    number = next(p for p in full_body if "〔2025〕" in text_of(p))
    assert "青政报〔2025〕6号" in text_of(number) and "签发人：李明" in text_of(number)
    signer = text_runs(number)[-1]
    assert look(signer)[0] == "楷体_GB2312"
    rule = number.find("w:pPr/w:pBdr/w:bottom", NS)
    assert attr(rule, "color") == "FF0000" and attr(rule, "val") == "single"
    assert number.find("w:pPr/w:ind", NS) is None  # the rule spans the whole text block
    # the rule 4 mm under the number's characters, which sit mid-line
    below_characters = (28.95 - 16) / 2 + int(attr(rule, "space"))
    assert below_characters == pytest.approx(4 * MM, abs=0.6)


@pytest.mark.parametrize(
    ("mark", "largest"), [("青山县人民政府文件", 36.0), ("青" * 20 + "联合文件", 156 * MM / 24)]
)
def test_issuer_mark_never_exceeds_its_limit_and_fits_the_line(mark: str, largest: float) -> None:
    report = minimal_with(f"header:\n  mark: {mark}\n  number: 青司〔2025〕1号\n")
    body = parts(render(report))["word/document.xml"].findall("w:body/w:p", NS)
    paragraph = next(p for p in body if text_of(p) == mark)
    _, size, colour = look(text_runs(paragraph)[0])
    assert colour == "FF0000"
    assert size <= 36 and cells(mark) * size <= 156 * MM
    assert size == pytest.approx(largest, abs=0.5)


def test_centred_document_number_without_signer() -> None:
    report = minimal_with("header:\n  number: 青司〔2025〕1号\n")
    body = parts(render(report))["word/document.xml"].findall("w:body/w:p", NS)
    number = next(p for p in body if text_of(p) == "青司〔2025〕1号")
    assert attr(number.find("w:pPr/w:jc", NS), "val") == "center"
    assert number.find("w:pPr/w:pBdr/w:bottom", NS) is not None


# --- table ------------------------------------------------------------------------------------------


def test_table_fills_the_text_block_with_grid_widths(full) -> None:  # type: ignore[no-untyped-def]
    body = full["word/document.xml"].find("w:body", NS)
    table = next(t for t in body.findall("w:tbl", NS) if t.find("w:tblPr/w:tblpPr", NS) is None)
    width = int(attr(table.find("w:tblPr/w:tblW", NS), "w"))
    assert abs(width - twips_of_mm(156)) <= 1
    assert attr(table.find("w:tblPr/w:tblLayout", NS), "type") == "fixed"
    columns = [int(attr(c, "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert len(columns) == 4 and sum(columns) == width and min(columns) > 1000
    first, *rows = table.findall("w:tr", NS)
    assert first.find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows)
    for row in (first, *rows):
        assert [int(attr(c, "w")) for c in row.findall("w:tc/w:tcPr/w:tcW", NS)] == columns
    assert {look(r)[1] for r in table.iter(W + "r")} == {14}
    margins = table.find("w:tblPr/w:tblCellMar", NS)
    assert {int(attr(m, "w")) for m in margins} == {round(1.9 * MM * 20)}
    header = [text_of(p) for p in first.iter(W + "p")]
    assert header == ["执法领域", "立案数（件）", "结案数（件）", "结案率"]


@pytest.mark.parametrize("columns", [2, 12])
def test_table_widths_always_fill_the_block(columns: int) -> None:
    header = ", ".join(f"列{i}" for i in range(columns))
    row = ", ".join(["很长的单元格内容需要换行显示" if i == 0 else "1" for i in range(columns)])
    report = composer.load(MINIMAL_YAML.read_text("utf-8").replace(
        "  plans:\n", f"  plans:\n    - table:\n        header: [{header}]\n        rows:\n          - [{row}]\n"
          f"          - [\"第一行\\n第二行\", {', '.join(['2'] * (columns - 1))}]\n"))
    body = parts(render(report))["word/document.xml"].find("w:body", NS)
    (table,) = body.findall("w:tbl", NS)
    widths = [int(attr(c, "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert len(widths) == columns and sum(widths) == int(attr(table.find("w:tblPr/w:tblW", NS), "w"))
    assert min(widths) > 0 and widths[0] == max(widths)
    second_row = table.findall("w:tr", NS)[2]
    assert [text_of(p) for p in second_row.find("w:tc", NS).findall("w:p", NS)] == ["第一行", "第二行"]


# --- end block --------------------------------------------------------------------------------------


def test_end_block_sits_on_the_bottom_of_the_text_block(full) -> None:  # type: ignore[no-untyped-def]
    body = full["word/document.xml"].find("w:body", NS)
    table = next(t for t in body.findall("w:tbl", NS) if t.find("w:tblPr/w:tblpPr", NS) is not None)
    position = table.find("w:tblPr/w:tblpPr", NS)
    assert (attr(position, "vertAnchor"), attr(position, "tblpYSpec")) == ("margin", "bottom")
    assert abs(int(attr(position, "tblpX")) - twips_of_mm(28)) <= 1  # at the text block's left edge
    borders = table.find("w:tblPr/w:tblBorders", NS)
    sizes = {side.tag.removeprefix(W): int(attr(side, "sz")) for side in borders}
    assert sizes == {"top": 8, "bottom": 8, "insideH": 6}  # 0.35 mm and 0.25 mm in eighths of a point
    rows = [text_of(p) for p in table.iter(W + "p")]
    assert rows == [
        "抄送：市委全面依法治市委员会办公室，市司法局，县委办公室，县人大常委会办公室。",
        "青山县人民政府办公室2025年2月21日印发",
    ]
    assert {look(r)[1] for r in table.iter(W + "r")} == {14}
    assert table.getnext().tag == W + "p"  # the anchor paragraph Word requires


# --- page numbers -----------------------------------------------------------------------------------


def test_odd_and_even_footers(full) -> None:  # type: ignore[no-untyped-def]
    assert full["word/settings.xml"].find("w:evenAndOddHeaders", NS) is not None
    section = full["word/document.xml"].find("w:body/w:sectPr", NS)
    rels = {r.get("Id"): r.get("Target") for r in full["word/_rels/document.xml.rels"]}
    footers = {attr(ref, "type"): full["word/" + rels[ref.get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]]
        for ref in section.findall("w:footerReference", NS)}
    assert set(footers) == {"default", "even"}
    for kind, side in (("default", "right"), ("even", "left")):
        (paragraph,) = footers[kind].findall("w:p", NS)
        assert attr(paragraph.find("w:pPr/w:jc", NS), "val") == side
        indent = paragraph.find("w:pPr/w:ind", NS)
        assert (attr(indent, side), attr(indent, f"{side}Chars")) == ("280", "100")  # one 14 pt character
        assert text_of(paragraph) == "— 1 —"
        assert "PAGE" in "".join(paragraph.xpath(".//w:instrText/text()", namespaces=NS))
        assert [f.get(W + "fldCharType") for f in paragraph.iter(W + "fldChar")] == ["begin", "separate", "end"]
        assert {look(r)[:2] for r in paragraph.iter(W + "r")} == {("宋体", 14)}
    # the middle of the dashes' ink 7 mm under the text block (35 mm above the page edge): the
    # footer line is the face's own, its baseline the face's descent above the line's bottom
    footer = int(attr(section.find("w:pgMar", NS), "footer"))
    face = faces(PROFILE)["page_number"]
    dash_above_bottom = (line_metrics(face).descent + ink_middle(face, "—")) * 14 * 20
    assert footer + dash_above_bottom == pytest.approx(twips_of_mm(35 - 7), abs=1)


# --- properties, determinism, safety ----------------------------------------------------------------


def test_core_properties_are_fixed() -> None:
    data = render(FULL_YAML)
    core = docx.Document(io.BytesIO(data)).core_properties
    issued = datetime(2025, 2, 20, tzinfo=timezone.utc)
    assert core.title == "青山县人民政府关于2024年度法治政府建设工作情况的报告"
    assert (core.author, core.subject) == ("青山县人民政府", "2024年法治政府建设年度报告")
    assert "法治政府建设" in core.keywords
    assert core.created == core.modified == issued
    assert (core.last_modified_by, core.revision) == ("", 1)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2025, 2, 20, 0, 0, 0)}


def test_two_renders_are_byte_identical() -> None:
    assert render(SEED_YAML) == render(SEED_YAML)


def test_plain_variant_names_the_common_faces() -> None:
    data = render(FULL_YAML, profile=load_profile(variant="plain"))
    faces = {look(r)[0] for r in parts(data)["word/document.xml"].iter(W + "r")}
    assert {"仿宋", "楷体"} <= faces and not {"仿宋_GB2312", "楷体_GB2312"} & faces


def test_author_text_is_never_markup() -> None:
    text = "<b>加粗</b> & 5 < 6 &amp; \"引号\" ]]> <w:br/>"
    report = composer.load(MINIMAL_YAML.read_text("utf-8").replace(
        "2024年，我局深入学习", "'" + text.replace("'", "''") + "'\n    - 2024年，我局深入学习"))
    data = render(report)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert text in paragraphs
    document = parts(data)["word/document.xml"]
    assert not document.xpath("//w:b", namespaces=NS) and len(document.xpath("//w:br", namespaces=NS)) == 0


# --- laid out by LibreOffice --------------------------------------------------------------------

_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; it shows how another application lays the DOCX out"
)


def needs_soffice(test):  # type: ignore[no-untyped-def]
    """LibreOffice lays the DOCX out: a conversion takes seconds, so these run with the slow ones."""
    return pytest.mark.slow(_soffice(test))
LEFT, RIGHT = 28 * MM, (210 - 26) * MM
TOP, BOTTOM = 37 * MM, (297 - 35) * MM
CELL = (RIGHT - LEFT) / 28


def page_lines(pdf_path: Path) -> list[tuple[dict[int, list[dict]], list[dict]]]:
    """Per page: the text block's lines by grid slot (1 to 22, characters left to right), and
    the characters below the text block."""
    import pdfplumber

    pitch = PROFILE.line_pitch_pt
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            lines: dict[int, list[dict]] = defaultdict(list)
            below = []
            for char in page.chars:
                baseline = page.height - char["matrix"][5] - TOP
                if char["top"] >= BOTTOM + 2:
                    below.append(char)
                else:
                    lines[int(baseline // pitch) + 1].append(char)
            ordered = {slot: sorted(lines[slot], key=lambda c: c["x0"]) for slot in sorted(lines)}
            pages.append((ordered, sorted(below, key=lambda c: c["x0"])))
    return pages


def joined(chars: list[dict]) -> str:
    return "".join(c["text"] for c in chars)


@pytest.fixture(scope="module")
def seed_pages(tmp_path_factory) -> list:  # type: ignore[no-untyped-def]
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return page_lines(to_pdf(render(SEED_YAML), "seed", tmp_path_factory.mktemp("lo")))


@needs_soffice
def test_libreoffice_fills_every_page_with_22_lines(seed_pages) -> None:  # type: ignore[no-untyped-def]
    document = compose(composer.load(SEED_YAML), PROFILE)
    headings = [blk.full_text for blk in document.body if isinstance(blk, b.Heading)]
    assert len(seed_pages) >= 6
    for number, ((lines, _), (following, _)) in enumerate(zip(seed_pages, seed_pages[1:]), start=1):
        # every line on its own slot of the grid: one baseline per slot, all in the same place
        for slot, chars in lines.items():
            assert len({round(c["matrix"][5]) for c in chars if c["size"] == 16}) <= 1, (number, slot)
        last = max(lines)
        if last == 22:
            continue
        # a heading is kept with its text: the page ends early by the heading's own lines
        top = [joined(following[slot]) for slot in sorted(following)]
        moved = 0
        while moved < len(top) and any(top[moved] in h for h in headings):
            moved += 1
        assert moved and last == 22 - moved, f"page {number} ends on line {last}"
    assert 0 < max(seed_pages[-1][0]) <= 22


@needs_soffice
def test_libreoffice_sets_28_characters_on_every_full_line(seed_pages) -> None:  # type: ignore[no-untyped-def]
    no_line_end = PROFILE.line_breaking.no_line_end.value
    lines = [line for page, _ in seed_pages for line in page.values()]
    checked = 0
    for line, following in zip(lines, lines[1:]):
        inside = [c for c in line if c["x1"] <= RIGHT + 1]  # punctuation may hang in the margin
        chinese = all(len(c["text"]) == 1 and unicodedata.east_asian_width(c["text"]) in "WF" for c in inside)
        if not (chinese and line[-1]["x1"] >= RIGHT - CELL / 2):
            continue  # a paragraph's last line, or one with Latin letters or digits
        used = round((line[0]["x0"] - LEFT) / CELL) + len(inside)
        assert used <= 28, joined(line)
        if used < 28:  # only when the next line starts with what may not end or split a line
            assert following[0]["text"] in no_line_end or following[0]["text"].isascii(), joined(line)
        else:
            checked += 1
    assert checked > 50


@needs_soffice
def test_libreoffice_numbers_every_page_odd_right_even_left(seed_pages) -> None:  # type: ignore[no-untyped-def]
    for number, (_, below) in enumerate(seed_pages, start=1):
        assert joined(below) == f"— {number} —"
        if number % 2:
            assert below[-1]["x1"] == pytest.approx(RIGHT - 14, abs=1.5)
        else:
            assert below[0]["x0"] == pytest.approx(LEFT + 14, abs=1.5)


@pytest.fixture(scope="module")
def full_pdf(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return to_pdf(render(FULL_YAML), "full", tmp_path_factory.mktemp("lo"))


def rules(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """Horizontal lines drawn on a page, as pdfplumber sees them (lines or thin rectangles)."""
    found = [*page.lines, *(r for r in page.rects if r["height"] < 3)]
    return [r for r in found if abs(r["x1"] - r["x0"]) > 100]


@needs_soffice
def test_libreoffice_draws_the_red_header_and_the_end_block(full_pdf) -> None:  # type: ignore[no-untyped-def]
    import pdfplumber

    with pdfplumber.open(full_pdf) as pdf:
        first, last = pdf.pages[0], pdf.pages[-1]
        mark = [c for c in first.chars if c["text"] in "青山县人民政府文件" and c["size"] > 30]
        assert len(mark) == 9 and all(tuple(c["non_stroking_color"]) == (1, 0, 0) for c in mark)
        (red,) = {(round(r["top"]), round(r["x0"]), round(r["x1"])) for r in rules(first)}
        assert red[1:] == (round(LEFT), round(RIGHT))  # across the text block
        number = [c for c in first.chars if c["text"] == "〔"]
        assert 2 * MM < red[0] - number[0]["bottom"] < 6 * MM
        bottom = max(rules(last), key=lambda r: r["bottom"])
        assert bottom["bottom"] == pytest.approx(BOTTOM, abs=0.5 * MM)  # the last rule on the text block's edge
        assert (round(bottom["x0"]), round(bottom["x1"])) == (round(LEFT), round(RIGHT))
        printed = next(w for w in last.extract_words() if w["text"].endswith("印发"))
        assert BOTTOM - 12 * MM < printed["bottom"] < BOTTOM
