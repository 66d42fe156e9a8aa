"""The PDF as a reader checks it: read back with pdfplumber / pypdfium2 / pdfminer.

Positions are compared with the figures of the style profile: margins, the 22-line grid,
28 characters a line, kinsoku, page numbers, fonts, metadata.
"""

from __future__ import annotations

import hashlib
import shutil
import io
import json
import re
import sys
import zipfile
import warnings
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjectNotFound, resolve1
from pdfminer.psparser import LIT

import composer
from composer import blocks as b
from composer.blocks import cells
from composer.compose import compose
from composer.layout import lay_out
from composer.layout.typeset import Glyphs
from composer.profile import load_profile

from conftest import ALL_SAMPLES, REPO, SAMPLES, SEED_YAML, SOFFICE, run_cli, to_pdf
from readback import notdef_glyphs

# Most machines lack the official faces; the warning saying so is tested on its own.

PROFILE = load_profile()
PAGE = PROFILE.page
LEFT, TOP = PAGE.margin_left.pt, PAGE.margin_top.pt
RIGHT, BOTTOM = LEFT + PAGE.text_width.pt, TOP + PAGE.text_height.pt
PITCH, CELL = PROFILE.line_pitch_pt, PROFILE.char_pitch_pt
BODY = PROFILE.body.size.pt
ASCENT = PROFILE.grid.em_ascent.value
NO_START = PROFILE.line_breaking.no_line_start.value
NO_END = PROFILE.line_breaking.no_line_end.value
BASE14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic",
    "Times-BoldItalic", "Symbol", "ZapfDingbats",
}


@cache
def pdf_of(path) -> bytes:
    return composer.render(composer.load(path), "pdf")


def pdf_from_yaml(text: str) -> bytes:
    return composer.render(composer.load(text), "pdf")


@dataclass
class TextLine:
    baseline: float  # from the top of the page
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def size(self) -> float:
        return round(self.chars[0]["size"], 3)


@cache
def pages_of(data: bytes) -> list[list[TextLine]]:
    """Per page, the lines of text (characters grouped by baseline, left to right)."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            by_baseline: dict[float, list[dict]] = defaultdict(list)
            for char in page.chars:
                if char["upright"]:  # not a landscape page's turned page number
                    by_baseline[round(page.height - char["matrix"][5], 2)].append(char)
            out.append([TextLine(y, sorted(cs, key=lambda c: c["x0"])) for y, cs in sorted(by_baseline.items())])
    return out


def body_lines(page: list[TextLine]) -> list[TextLine]:
    """Lines inside the text block (not the page number)."""
    return [line for line in page if line.baseline < BOTTOM]


def grid_line(baseline: float, size: float) -> float:
    """Which grid line (0-based, possibly fractional) a baseline of `size` text sits on."""
    return (baseline - TOP - (PITCH - size) / 2 - ASCENT * size) / PITCH


def seed_pages():
    return pages_of(pdf_of(SEED_YAML))


# --- every sample --------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: p.stem)
def test_every_sample_renders_on_a4(sample):
    data = pdf_of(sample)
    assert data.startswith(b"%PDF-")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages
        for page in pdf.pages:
            size = (round(page.width * 25.4 / 72), round(page.height * 25.4 / 72))
            assert size in ((210, 297), (297, 210))  # landscape: an attachment's wide table
            assert page.chars


@pytest.fixture(scope="module")
def seed_by_cli(tmp_path_factory) -> bytes:
    """The seed rendered by `report-composer render` in a fresh process."""
    out = tmp_path_factory.mktemp("cli") / "seed.pdf"
    result = run_cli("render", str(SEED_YAML), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def test_cli_renders_a_pdf(seed_by_cli):
    assert [line.text for page in pages_of(seed_by_cli) for line in page] == [
        line.text for page in seed_pages() for line in page
    ]


# --- the grid ------------------------------------------------------------------------------------


def test_text_block_starts_37mm_from_the_top_and_28mm_from_the_left():
    for page in seed_pages()[1:]:
        lines = body_lines(page)
        # The first line of a continued page is grid line 0: its 16 pt characters centred in the
        # 28.95 pt band that starts 37 mm from the top.
        assert grid_line(lines[0].baseline, lines[0].size) == pytest.approx(0, abs=0.005)
        assert min(line.chars[0]["x0"] for line in lines) == pytest.approx(LEFT, abs=0.05)


def test_every_line_sits_on_the_grid():
    for page in seed_pages():
        for line in body_lines(page):
            position = grid_line(line.baseline, line.size)
            assert position == pytest.approx(round(position), abs=0.005), line.text


def test_full_pages_hold_22_lines():
    pages = seed_pages()
    fonts = Counter(c["fontname"] for page in pages for line in page for c in line.chars)
    body_font = fonts.most_common(1)[0][0]
    counts = [len(body_lines(page)) for page in pages[1:-1]]
    assert counts.count(22) >= len(counts) - 1 and max(counts) == PROFILE.grid.lines_per_page.value == 22
    # A page ends a line early only when a heading moved over to stay with its text.
    for page, following in zip(pages[1:-1], pages[2:]):
        if len(body_lines(page)) < 22:
            assert len(body_lines(page)) == 21
            assert following[0].chars[0]["fontname"] != body_font, following[0].text


def full_lines(pages) -> list[TextLine]:
    """Justified lines of body text: 16 pt lines whose last character reaches the right edge."""
    return [
        line for page in pages for line in body_lines(page)
        if line.size == BODY and line.chars[-1]["x1"] > RIGHT - 1
    ]


def cells_of(line: TextLine) -> int:
    """Characters on a line counted in cells, a first-line indent included."""
    return len(line.text) + round((line.chars[0]["x0"] - LEFT) / CELL)


def test_full_lines_hold_28_characters_on_the_cell_pitch():
    lines = [line for line in full_lines(seed_pages()) if all(full_width(c) for c in line.chars)]
    counts = [cells_of(line) for line in lines]
    assert len(lines) > 50 and counts.count(28) > 0.8 * len(counts)
    # No mark is pulled back (29): a character pushed down makes 27, a number 26.
    assert set(counts) <= {26, 27, 28}
    for line in lines:
        if cells_of(line) == 28:
            start = cell_right(line.chars[0]) - CELL
            for k, char in enumerate(line.chars):
                assert cell_right(char) - CELL == pytest.approx(start + k * CELL, abs=0.05), line.text


def full_width(char: dict) -> bool:
    """Set in a cell of its own: a CJK character, or a mark of ambiguous width (“ ” — …) the
    face draws full width; a stand-in face's narrower quote or dash takes its own advance."""
    width = unicodedata.east_asian_width(char["text"])
    return width in "WF" or width == "A" and char["x1"] - char["x0"] >= CELL


def cell_right(char: dict) -> float:
    """The right edge of the room a character takes: its cell, or its own advance."""
    return char["x0"] + CELL if full_width(char) else char["x1"]


def test_full_lines_are_justified_to_both_edges():
    for line in full_lines(seed_pages()):  # no mark hangs past the right edge or is squeezed
        indent = line.chars[0]["x0"] - LEFT
        assert indent == pytest.approx(0, abs=0.05) or indent == pytest.approx(2 * CELL, abs=0.05), line.text
        assert cell_right(line.chars[-1]) == pytest.approx(RIGHT, abs=0.3), line.text


def test_half_width_text_keeps_its_natural_width_and_stays_whole():
    lines = [line for page in seed_pages() for line in body_lines(page)]
    numbers = [line for line in lines if "2023" in line.text and line.size == BODY]
    assert numbers
    for line in numbers:
        at = line.text.index("2023")
        digits = line.chars[at:at + 4]
        advances = [b["x0"] - a["x0"] for a, b in zip(digits, digits[1:])]
        assert all(a == pytest.approx(advances[0], abs=0.05) and a < CELL * 0.7 for a in advances)
    # No number is split over two lines.
    for line, following in zip(lines, lines[1:]):
        assert not (line.text[-1].isdigit() and following.text[0].isdigit()), (line.text, following.text)


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: p.stem)
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(sample):
    for page in pages_of(pdf_of(sample)):
        for line in body_lines(page):
            assert line.text[0] not in NO_START, line.text
            assert line.text[-1] not in NO_END, line.text


@pytest.mark.parametrize(
    ("text", "first_line"),
    [
        # A first line holds 26 cells after its indent. "。" would start the next line: "乙"
        # goes down with it, even where a mark earlier in the line could be squeezed (Word
        # with the DOCX's w:overflowPunct off and no compression does so) ...
        ("甲" * 10 + "，" + "甲" * 14 + "乙。" + "丙" * 5, "甲" * 10 + "，" + "甲" * 14),
        ("甲" * 25 + "乙。" + "丙" * 5, "甲" * 25),
        # "《" may not end a line: it goes down.
        ("甲" * 25 + "《乙》" + "丙" * 5, "甲" * 25),
        # "……" stays whole and may start a line (GB/T 15834; Word and LibreOffice agree).
        ("甲" * 25 + "乙……" + "丙" * 5, "甲" * 25 + "乙"),
        ("甲" * 24 + "乙……" + "丙" * 5, "甲" * 24 + "乙"),
    ],
    ids=["no-squeeze", "push-down", "opening", "ellipsis-fits", "ellipsis-starts"],
)
def test_kinsoku_pushes_a_character_down_and_keeps_an_ellipsis_whole(text, first_line):
    lines = body_lines(pages_of(pdf_from_yaml(minimal_with([text])))[0])
    at = next(i for i, line in enumerate(lines) if line.text.startswith("甲"))
    assert lines[at].text == first_line
    assert lines[at].text + lines[at + 1].text == text
    assert lines[at].chars[0]["x0"] == pytest.approx(LEFT + 2 * CELL, abs=0.05)


# --- headings, title, header, signature, end block ----------------------------------------------


def fonts_by_text(page: list[TextLine]) -> dict[str, set[str]]:
    return {line.text: {c["fontname"] for c in line.chars} for line in page}


def test_title_is_22pt_centred():
    first = body_lines(seed_pages()[0])[0]
    assert first.size == PROFILE.title.size.pt == 22
    middle = (first.chars[0]["x0"] + first.chars[-1]["x1"]) / 2
    assert middle == pytest.approx((LEFT + RIGHT) / 2, abs=1)


def test_headings_use_their_roles_faces_and_run_in_headings_switch_face():
    page = pages_of(pdf_of(SAMPLES / "full.yaml"))[0]
    body_font = next(line for line in page if line.text.startswith("2024年，在市委")).chars[5]["fontname"]
    level1 = next(line for line in page if line.text.startswith("一、"))
    assert {c["fontname"] for c in level1.chars} != {body_font}
    run_in = next(line for line in page if line.text.startswith("（一）坚持党的领导"))
    lead = len("（一）坚持党的领导，压实法治建设责任。")
    heading_fonts = {c["fontname"] for c in run_in.chars[:lead]}
    assert len(heading_fonts) == 1 and heading_fonts != {body_font} != set()
    assert {c["fontname"] for c in run_in.chars[lead:]} == {body_font}


def test_red_header():
    data = pdf_of(SAMPLES / "full.yaml")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        mark = [c for c in page.chars if c["non_stroking_color"] == (1, 0, 0)]
        assert "".join(c["text"] for c in mark) == "青山县人民政府文件"
        assert mark[0]["size"] <= PROFILE.header.mark_max_size.pt
        em_top = page.height - mark[0]["matrix"][5] - ASCENT * mark[0]["size"]
        assert em_top - TOP == pytest.approx(PROFILE.header.mark_top.pt, abs=0.1)
        number = [c for c in page.chars if c["text"] == "〔"][0]
        red_rules = [r for r in page.lines + page.rects if r.get("stroking_color") == (1, 0, 0)]
        assert len(red_rules) == 1
        rule = red_rules[0]
        assert rule["x0"] == pytest.approx(LEFT) and rule["x1"] == pytest.approx(RIGHT)
        number_bottom = page.height - number["matrix"][5] + (1 - ASCENT) * number["size"]
        assert (rule["top"] + rule["bottom"]) / 2 - number_bottom == pytest.approx(PROFILE.header.rule_gap.pt, abs=0.1)
    lines = fonts_by_text(pages_of(data)[0])
    assert any(text.startswith("青政报〔2025〕6号") for text in lines)
    assert any(text.endswith("签发人：李明") for text in lines)


def _held_at(line, anchor: float) -> float:
    """Where a drawn line is held: its start, centre (0.5) or end (1) on the page; a Chinese
    character takes its cell (the grid sets them closer than their advance)."""
    last = line.chars[-1]
    start, end = line.chars[0]["x0"], last["x0"] + (CELL if cells(last["text"]) == 1 else last["x1"] - last["x0"])
    return start + anchor * (end - start)


def _placed_at(placed: b.PlacedLine, anchor: float) -> float:
    return LEFT + (placed.start + anchor * (placed.end - placed.start)) * CELL


def test_signature_and_date_are_where_compose_placed_them():
    report = composer.load(SEED_YAML)
    signature = compose(report, PROFILE).body[-1]
    last = body_lines(seed_pages()[-1])
    sig = next(line for line in last if line.text == signature.signature.text)
    date = next(line for line in last if line.text == signature.date.text)
    held, date_held = signature.anchors()
    assert _held_at(sig, held) == pytest.approx(_placed_at(signature.signature, held), abs=0.05)
    assert _held_at(date, date_held) == pytest.approx(_placed_at(signature.date, date_held), abs=0.05)
    assert date.baseline - sig.baseline == pytest.approx(PITCH)


@pytest.mark.parametrize("seal, text", [(False, "大同市Science and Technology Bureau"), (True, "大同市Sci-Tech局")])
def test_a_signature_with_latin_letters_is_held_where_the_docx_holds_it(seal, text):
    """Latin letters are drawn at their natural width, wider than the half cells compose counts:
    the signature still ends two characters from the right (centred over the date, sealed), as
    the DOCX's right-aligned (centred) paragraph puts it in Word."""
    report = composer.load(SEED_YAML).model_copy(update={"signature": text, "seal": seal})
    signature = next(block for block in compose(report, PROFILE).body if isinstance(block, b.Signature))
    last = body_lines(pages_of(composer.render(report, "pdf"))[-1])
    sig = next(line for line in last if line.text.replace(" ", "") == signature.signature.text.replace(" ", ""))
    held = signature.anchors()[0]
    assert held == (0.5 if seal else 1.0)
    assert _held_at(sig, 1) - _held_at(sig, 0) > (signature.signature.end - signature.signature.start) * CELL + 1
    # within half a point: the PDF's glyph widths are whole thousandths of an em
    assert _held_at(sig, held) == pytest.approx(_placed_at(signature.signature, held), abs=0.5)


def test_end_block_sits_on_the_foot_of_the_last_page_with_its_rules():
    data = pdf_of(SAMPLES / "full.yaml")
    last = body_lines(pages_of(data)[-1])
    assert last[-1].text.startswith("青山县人民政府办公室") and last[-1].text.endswith("2025年2月21日印发")
    assert grid_line(last[-1].baseline, last[-1].size) == pytest.approx(21, abs=0.05)
    assert last[-1].size == PROFILE.end_block.size.pt
    copy_to = [line for line in last if line.size == PROFILE.end_block.size.pt][:-1]
    assert copy_to[0].text.startswith("抄送：")
    assert copy_to[1].chars[0]["x0"] == pytest.approx(copy_to[0].chars[3]["x0"], abs=0.05)  # after "抄送："
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        rules = sorted(pdf.pages[-1].lines, key=lambda r: r["top"])
    widths = [round(r["linewidth"] * 25.4 / 72, 2) for r in rules]
    assert widths == [PROFILE.end_block.outer_rule.value, PROFILE.end_block.inner_rule.value,
                      PROFILE.end_block.outer_rule.value]
    assert (rules[-1]["top"] + rules[-1]["bottom"]) / 2 == pytest.approx(BOTTOM, abs=0.1)


def test_table_spans_the_text_block_and_repeats_its_header_on_each_page():
    rows = [[f"第{n}项任务（含“放管服”改革事项、规范性文件备案审查等）", str(n), "已完成"] for n in range(1, 41)]
    table = {"caption": "表1　重点任务完成情况", "header": ["任务", "序号", "进展"], "rows": rows}
    data = pdf_from_yaml(minimal_with(["全县重点任务完成情况如下表。", {"table": table}]))
    pages = pages_of(data)
    with_rows = [page for page in pages if any("项任务" in line.text for line in page)]
    assert len(with_rows) >= 3
    for page in with_rows:
        texts = [line.text for line in body_lines(page)]
        first_row = next(i for i, t in enumerate(texts) if "项任务" in t)
        assert texts[first_row - 1].replace(" ", "") == "任务序号进展"
        for line in body_lines(page)[first_row:]:
            if "项任务" in line.text or "改革" in line.text:
                assert line.size == PROFILE.table.size.pt
                assert line.text[0] not in NO_START and line.text[-1] not in NO_END
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[:2]:
            horizontal = [r for r in page.lines if abs(r["top"] - r["bottom"]) < 0.01]
            if horizontal:
                assert min(r["x0"] for r in horizontal) == pytest.approx(LEFT)
                assert max(r["x1"] for r in horizontal) == pytest.approx(RIGHT)


def test_dates_counts_and_units_stay_whole_and_the_long_column_wraps():
    """As an office sets such a table by hand: the short columns on one line, the task
    descriptions wrapping, in the PDF and with the same column widths in the DOCX."""
    units = ["县司法局", "县财政局", "县公安局"]
    rows = [[f"全面落实行政执法“三项制度”，推进第{n}批重点领域执法规范化建设", units[n % 3], f"2024年{n + 6}月",
             "已完成" if n % 2 else "基本完成", f"{n * 3}件"] for n in range(1, 7)]
    table = {"header": ["重点任务", "牵头单位", "完成时限", "完成情况", "备注"], "rows": rows}
    report = composer.load(minimal_with(["重点任务完成情况如下表。", {"table": table}]))
    pdf = composer.render(report, "pdf")
    lines = [line.text.replace(" ", "") for page in pages_of(pdf) for line in page]
    for task, unit, deadline, progress, note in rows:
        assert any(line.endswith(unit + deadline + progress + note) for line in lines), lines
        assert not any(task in line for line in lines)  # each task wraps
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        edges = sorted({round(r["x0"], 1) for r in document.pages[0].lines if abs(r["x0"] - r["x1"]) < 0.01})
    docx = zipfile.ZipFile(io.BytesIO(composer.render(report, "docx"))).read("word/document.xml").decode()
    grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', docx)]
    assert [w / 20 for w in grid] == pytest.approx([b - a for a, b in zip(edges, edges[1:])], abs=1)


# --- page numbers ------------------------------------------------------------------------------


def test_page_numbers_odd_right_even_left_7mm_below_the_text_block():
    data = pdf_of(SEED_YAML)
    size = PROFILE.page_number.size.pt
    pages = pages_of(data)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        footer = [line for line in page if line.baseline > BOTTOM]
        assert [line.text for line in footer] == [f"— {number} —"]
        line = footer[0]
        assert line.size == size == 14
        # Each dash in the middle of its one-character cell, the outer cell one character in.
        first, last = ((c["x0"] + c["x1"]) / 2 for c in (line.chars[0], line.chars[-1]))
        if number % 2:
            assert last == pytest.approx(RIGHT - 1.5 * size, abs=0.3)
        else:
            assert first == pytest.approx(LEFT + 1.5 * size, abs=0.3)
    # The middle of the dashes' ink 7 mm under the text block, placed by the face's own dash.
    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage()
            height = page.get_height()
            dashes = [
                text.get_charbox(i) for i in range(text.count_chars())
                if text.get_text_range(i, 1) == "—" and text.get_charbox(i)[3] < height - BOTTOM
            ]
            assert len(dashes) == 2
            for _, low, _, high in dashes:
                assert (height - (low + high) / 2 - BOTTOM) * 25.4 / 72 == pytest.approx(
                    PROFILE.page_number.below_text.value, abs=0.1)
    finally:
        document.close()


# --- the same pages as the DOCX ------------------------------------------------------------------


@pytest.mark.slow  # a LibreOffice conversion per sample
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; it lays the DOCX out for comparison")
@pytest.mark.parametrize("sample", [SEED_YAML, SAMPLES / "full.yaml"], ids=lambda p: p.stem)
def test_the_pdf_has_as_many_pages_as_the_docx_in_libreoffice(sample, tmp_path):
    docx = composer.render(composer.load(sample), "docx")
    with pdfplumber.open(to_pdf(docx, sample.stem, tmp_path)) as pdf:
        assert len(pdf.pages) == len(pages_of(pdf_of(sample)))


# --- fonts, markup, metadata, determinism ---------------------------------------------------------


def font_dictionaries(data: bytes) -> list[dict]:
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    fonts = []
    for xref in document.xrefs:
        for objid in xref.get_objids():
            try:
                obj = resolve1(document.getobj(objid))
            except PDFObjectNotFound:
                continue
            if isinstance(obj, dict) and obj.get("Type") is LIT("Font"):
                fonts.append(obj)
    return fonts


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: p.stem)
def test_every_font_is_embedded_and_none_is_base14(sample):
    fonts = font_dictionaries(pdf_of(sample))
    assert fonts
    for font in fonts:
        name = resolve1(font["BaseFont"]).name
        assert name.split("+")[-1] not in BASE14
        for described in [font, *(resolve1(d) for d in resolve1(font.get("DescendantFonts", [])))]:
            if described.get("Subtype") is LIT("Type0"):
                continue
            descriptor = resolve1(described["FontDescriptor"])
            assert any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3")), name


def minimal_with(content: list) -> str:
    """A minimal report whose first part holds `content`, as YAML (JSON is YAML)."""
    return json.dumps({
        "issuer": "青山县司法局", "year": 2024, "date": "2025-01-20",
        "parts": {"measures": content, "shortcomings": ["不足。"], "leadership": ["履职。"], "plans": ["安排。"]},
    }, ensure_ascii=False, indent=1)


def test_markup_in_the_text_is_printed_literally():
    samples = ['<b>加粗</b>和<i>斜体</i>', '<font color="red">红字</font>', '<img src="a.png"/>图', "A&B，&amp;，&lt;"]
    data = pdf_from_yaml(minimal_with(samples))
    text = "".join(line.text for page in pages_of(data) for line in page)
    for sample in samples:
        assert sample in text


def test_metadata():
    report = composer.load(SAMPLES / "full.yaml")
    with pdfplumber.open(io.BytesIO(pdf_of(SAMPLES / "full.yaml"))) as pdf:
        info = pdf.metadata
    assert info["Title"] == report.title
    assert info["Author"] == report.issuer
    assert info["Subject"] == "2024年法治政府建设年度报告"
    assert "法治政府建设" in info["Keywords"] and report.issuer in info["Keywords"]
    assert info["CreationDate"].startswith(f"D:{report.date:%Y%m%d}")
    assert info["ModDate"].startswith(f"D:{report.date:%Y%m%d}")


def test_identical_input_gives_identical_bytes(cli, tmp_path, seed_by_cli):
    assert composer.render(composer.load(SEED_YAML), "pdf") == composer.render(composer.load(SEED_YAML), "pdf")
    # Another fresh process, with its own font registrations, writes the same bytes.
    assert cli("render", str(SEED_YAML), "-o", str(tmp_path / "again.pdf")).returncode == 0
    assert hashlib.sha256((tmp_path / "again.pdf").read_bytes()).digest() == hashlib.sha256(seed_by_cli).digest()


def test_a_subset_embedded_again_is_the_one_reportlab_makes(monkeypatch):
    """A face keeps the subsets it embedded, made and compressed, with their width arrays
    written, in memory and on disk (composer.layout.rlfaces): the same report drawn again, in
    this process or the next, takes them from there, also after another report, and writes the
    bytes reportlab's own subsetting, compression and writing write. A damaged record is made
    again; a face's folder keeps only its newest subsets."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace, TTFontFile

    from composer.layout import rlfaces
    from composer.layout.rlfaces import RecordedFace, RecordedFont

    seed, other = composer.load(SEED_YAML), composer.load(SAMPLES / "joint.yaml")
    composer.render(other, "pdf")  # the font copies grow to hold both reports' characters
    with monkeypatch.context() as patch:
        patch.setattr(RecordedFace, "makeSubset", TTFontFile.makeSubset)
        patch.setattr(RecordedFace, "addSubsetObjects", TTFontFace.addSubsetObjects)
        patch.setattr(RecordedFont, "addObjects", TTFont.addObjects)
        own = composer.render(seed, "pdf")
    faces = [font.face for font in pdfmetrics._fonts.values() if isinstance(getattr(font, "face", None), RecordedFace)]
    assert faces
    folders = [face._record.with_suffix(".subsets") for face in faces]

    def forget(on_disk: bool) -> None:
        for face in faces:
            face._subsets.clear()
        for folder in folders if on_disk else ():
            shutil.rmtree(folder, ignore_errors=True)

    made: list[int] = []
    real = TTFontFile.makeSubset
    monkeypatch.setattr(TTFontFile, "makeSubset", lambda self, subset: made.append(len(subset)) or real(self, subset))
    forget(on_disk=True)
    assert composer.render(seed, "pdf") == own
    subsets = len(made)
    assert subsets > 1  # the seed embeds several subsets, each made here
    made.clear()
    forget(on_disk=False)  # as a new process finds it
    assert composer.render(seed, "pdf") == own
    assert not made
    composer.render(other, "pdf")
    assert made  # another text, other subsets
    made.clear()
    assert composer.render(seed, "pdf") == own
    assert not made  # every subset was kept
    folders = [folder for folder in folders if folder.is_dir()]  # faces the seed draws (not every one registered)
    for record in (record for folder in folders for record in folder.iterdir()):
        record.write_bytes(b"damaged")
    forget(on_disk=False)
    assert composer.render(seed, "pdf") == own
    assert len(made) == subsets  # each of the seed's subsets made again, none read from a damaged record
    assert max(len(list(folder.iterdir())) for folder in folders) > 1
    monkeypatch.setattr(rlfaces, "_SUBSETS_KEPT", 1)
    forget(on_disk=True)
    assert composer.render(seed, "pdf") == own
    assert all(len(list(folder.iterdir())) <= 1 for folder in folders)


# --- fonts: missing characters, stand-ins, the fonts command ----------------------------------

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
RARE = "𓀀"  # an Egyptian hieroglyph: no Chinese face has it


def test_a_character_no_face_has_is_an_error_naming_it_and_where_it_is():
    with pytest.raises(composer.ReportError) as caught:
        pdf_from_yaml(minimal_with([f"前文{RARE}后文。", "另一段。"]))
    [problem] = caught.value.problems
    assert problem.code == "font_missing_character"
    message = problem.message("zh")
    assert f"“{RARE}”（U+13000）" in message and f"前文{RARE}后文。" in message and "第 3 段（正文）" in message
    assert "block 3 (the body text)" in problem.message("en")


def test_the_cli_reports_a_missing_character_and_writes_nothing(cli, tmp_path):
    source = tmp_path / "report.yaml"
    source.write_text(minimal_with([f"前文{RARE}后文。"]), encoding="utf-8")
    result = cli("render", str(source), "-o", str(tmp_path / "report.pdf"))
    assert result.returncode == 1
    text = source.read_text(encoding="utf-8")
    line = text[:text.index(RARE)].count("\n") + 1
    column = text.index(RARE) - text.rfind("\n", 0, text.index(RARE))
    assert f"{source}:{line}:{column}: 错误: 正文字体" in result.stderr and "U+13000" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "report.pdf").exists()


def overlay(tmp_path, text: str) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return path


NO_SUCH_BODY = '[fonts]\nbody = { value = "某某不存在的仿宋", clause = "5.2.2", force = "一般" }\n'


def test_a_face_standing_in_for_the_official_one_is_one_warning_per_render(tmp_path):
    profile = load_profile(overlay(tmp_path, NO_SUCH_BODY))
    report = composer.load(SAMPLES / "minimal.yaml")
    for _ in range(2):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # nothing goes through Python's warnings
            [warning] = composer.render_result(report, "pdf", profile=profile).problems
        assert warning.severity == "warning"
        assert "正文用" in warning.message("zh") and "代替 某某不存在的仿宋" in warning.message("zh")
        assert "body: Noto" in warning.message("en") and "for 某某不存在的仿宋" in warning.message("en")


def test_the_cli_prints_the_stand_in_warning_in_chinese(cli, tmp_path):
    out = tmp_path / "minimal.pdf"
    result = cli("render", str(SAMPLES / "minimal.yaml"), "-o", str(out), "--profile", str(overlay(tmp_path, NO_SUCH_BODY)))
    assert result.returncode == 0, result.stderr
    assert "警告: 本机缺少公文规定的字体" in result.stderr and "代替 某某不存在的仿宋" in result.stderr
    assert out.exists()


@pytest.mark.skipif(not UMING.exists(), reason=f"needs Debian fonts-arphic-uming ({UMING})")
def test_characters_from_the_fallback_face_are_a_warning_of_their_own(tmp_path):
    """A face standing in (the machine's) and a character borrowed (this report's) are two
    warnings, so a batch can say the first once and keep the second with its report."""
    profile = load_profile(overlay(tmp_path, f'[font_files]\nbody = "{UMING}"\n'))
    report = composer.load(minimal_with(["正文刏正文。"]))  # 刏: GBK, not in AR PL UMing CN
    problems = {problem.code: problem for problem in composer.render_result(report, "pdf", profile=profile).problems}
    assert sorted(problems) == ["font_borrowed", "font_substituted"]
    assert "正文中的“刏”用 " in problems["font_borrowed"].message("zh")
    assert "正文用" not in problems["font_substituted"].message("zh")  # a configured face stands in for nothing


def test_the_fonts_command_lists_the_face_of_each_role(cli):
    result = cli("fonts")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("：")[0] for line in lines] == ["标题", "正文", "一级标题", "二级标题", "页码"]
    english = cli("fonts", "--lang", "en").stdout.splitlines()
    assert [line.split(":")[0] for line in english] == ["title", "body", "heading 1", "heading 2", "page number"]


@pytest.mark.skipif(not UMING.exists(), reason=f"needs Debian fonts-arphic-uming ({UMING})")
def test_font_files_in_the_profile_choose_the_face(cli, tmp_path):
    profile = overlay(tmp_path, f'[font_files]\nbody = "{UMING}"\n')
    listed = cli("fonts", "--profile", str(profile)).stdout.splitlines()
    assert listed[1].startswith("正文：AR PL UMing CN") and "配置指定" in listed[1]
    data = composer.render(composer.load(SAMPLES / "minimal.yaml"), "pdf", profile=load_profile(profile))
    body = next(line for page in pages_of(data) for line in page if line.text.startswith("2024年，我局"))
    assert all(c["fontname"].split("+")[-1].startswith("UMingCN") for c in body.chars)


def test_note_stays_on_the_page_of_the_date():
    pages = [" ".join(line.text for line in page) for page in pages_of(pdf_of(SAMPLES / "full.yaml"))]
    [date_page] = [i for i, text in enumerate(pages) if "2025年2月20日" in text]
    [note_page] = [i for i, text in enumerate(pages) if "（此件公开发布）" in text]
    assert note_page == date_page


# --- no glyph drawn as a box ----------------------------------------------------------------------


def boxes(source: Path | str) -> list[tuple[str, str, str]]:
    """(character, role, font) of every glyph drawn that the font drawing it does not have
    (each face is registered as a copy holding only the characters laid out with it):
    reportlab would draw its .notdef, a box."""
    from reportlab.pdfbase import pdfmetrics

    profile = load_profile()
    paged = lay_out(compose(composer.load(source), profile), profile)
    return [
        (char, item.role, item.font)
        for page in paged.pages for item in page.items
        if isinstance(item, Glyphs)
        for char in item.text if ord(char) not in pdfmetrics.getFont(item.font).face.charToGlyph
    ]


TWO_SIGNERS = """\
issuer: 青山县人民政府
year: 2024
date: 2025-02-20
header:
  mark: 青山县人民政府文件
  number: 青政报〔2025〕6号
  signers: [李明, 王芳, 赵强]
parts:
  measures: [推进依法行政。]
  shortcomings: [一是基层力量薄弱。]
  leadership: [主要负责人履行第一责任人职责。]
  plans: [加强队伍建设。]
"""


@pytest.mark.parametrize("source", [*ALL_SAMPLES, TWO_SIGNERS], ids=lambda s: s.stem if isinstance(s, Path) else "two-signers")
def test_no_glyph_is_drawn_as_a_box(source):
    assert boxes(source) == []


def corpus_drafts() -> list[Path]:
    """The import corpus's drafts that make a report (those with a ground truth)."""
    sys.path.insert(0, str(REPO / "bench"))
    import import_score

    return [p for p in import_score.drafts() if p.with_suffix("").with_suffix(".expected.yaml").exists()]


def test_the_box_reader_sees_a_box(tmp_path):
    """A character a face lacks, drawn in it anyway, reads back as a box: the read-back test
    below can fail."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from test_fonts import make_font, pdf_with

    make_font("RC Box Probe").save(tmp_path / "probe.ttf")  # its one glyph is 中
    pdfmetrics.registerFont(TTFont("RCBoxProbe", str(tmp_path / "probe.ttf")))
    assert len(notdef_glyphs(pdf_with("RCBoxProbe", "中文中"))) == 1  # 文 went in as code 0
    assert notdef_glyphs(pdf_with("RCBoxProbe", "中中")) == []


@pytest.mark.slow  # every sample and every draft of the import corpus, imported and rendered
@pytest.mark.parametrize("source", [*ALL_SAMPLES, TWO_SIGNERS, *corpus_drafts()],
                         ids=lambda s: s.name if isinstance(s, Path) else "two-signers")
def test_no_glyph_read_back_from_the_pdf_is_a_box(source):
    if isinstance(source, str) or source.suffix == ".yaml":
        report = composer.load(source)
    else:
        report = composer.import_report(source).report
        if report is None:
            pytest.skip(f"{source.name}: import refuses it, as its ground truth says; nothing to render")
    assert notdef_glyphs(composer.render(report, "pdf")) == []
