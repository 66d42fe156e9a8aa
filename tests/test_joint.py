"""Joint reports (联合行文) and seal images (GB/T 9704 7.2.4, 7.3.5): the sample joint report's
pages measured against the rules, read back from the PDF, the DOCX and LibreOffice's print of
the DOCX; the image checks; the sign-off of several issuers with and without seals."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as OpenDocx
from PIL import Image

import composer
from composer.api import render, render_result
from composer.compose import compose
from composer.layout import lay_out
from composer.layout.typeset import Glyphs
from composer.layout.typeset import Image as PlacedImage
from composer.problems import ReportError
from composer.profile import load_profile
from conftest import REPO, SAMPLES, SOFFICE, to_pdf

PROFILE = load_profile()
JOINT = SAMPLES / "joint.yaml"
SEALS = SAMPLES / "seals"
LEFT = PROFILE.page.margin_left.pt
WIDTH = PROFILE.page.text_width.pt
PITCH = PROFILE.line_pitch_pt
CELL = PROFILE.char_pitch_pt
SEAL = PROFILE.signature.seal_size.pt
EMU = 12700

HOST, PARTNER = "中共青山县委员会", "青山县人民政府"
DATE = "2025年1月20日"


def joint_yaml(folder: Path, *, seals: tuple[str | None, ...] = ("a.png", "b.png"), extra: str = "",
               names: tuple[str, ...] = (HOST, PARTNER)) -> Path:
    """A small joint report in `folder`, its issuers sealed with the sample images copied there."""
    issuers = []
    for index, name in enumerate(names):
        seal = seals[index] if index < len(seals) else None
        if seal:
            if seal in ("a.png", "b.png", "c.png"):
                shutil.copy(SEALS / f"sample-seal-{index % 2 + 1}.png", folder / seal)
            issuers.append(f"  - name: {name}\n    seal: {{image: {seal}}}\n")
        else:
            issuers.append(f"  - {name}\n")
    path = folder / "report.yaml"
    path.write_text(
        "issuers:\n" + "".join(issuers) + "year: 2024\ndate: 2025-01-20\n" + extra
        + "parts:\n  measures: [推进依法行政。]\n  shortcomings: [基层执法力量不足。]\n"
        "  leadership: [主要负责人带头学法。]\n  plans: [深化执法改革。]\n",
        encoding="utf-8",
    )
    return path


# --- the sample's pages, read back ----------------------------------------------------------


@pytest.fixture(scope="module")
def joint_pdf() -> bytes:
    return render(composer.load(JOINT), "pdf")


def _line_boxes(page) -> dict[str, tuple[float, float, float, float]]:
    """The box (x0, top, x1, bottom) of each line of text on the page, keyed by its text."""
    lines: dict[float, list] = {}
    for char in page.chars:
        if char["text"].strip():
            lines.setdefault(round(char["top"], 1), []).append(char)
    boxes = {}
    for chars in lines.values():
        chars.sort(key=lambda c: c["x0"])
        # A gap of two cells or more separates two texts on one line (signatures side by side).
        groups, group = [], [chars[0]]
        for char in chars[1:]:
            if char["x0"] - group[-1]["x1"] > 2 * CELL:
                groups.append(group)
                group = []
            group.append(char)
        groups.append(group)
        for group in groups:
            text = "".join(c["text"] for c in group)
            boxes[text] = (group[0]["x0"], min(c["top"] for c in group), group[-1]["x1"], max(c["bottom"] for c in group))
    return boxes


def _sealed_page(pdf: pdfplumber.PDF) -> int:
    """The index of the page the seals are pressed on (the attachment pages follow it)."""
    return next(n for n, page in enumerate(pdf.pages) if page.images)


def test_the_seals_are_pressed_where_7_3_5_1_puts_them(joint_pdf):
    with pdfplumber.open(io.BytesIO(joint_pdf)) as pdf:
        page = pdf.pages[_sealed_page(pdf)]
        images = sorted(page.images, key=lambda image: image["x0"])
        boxes = _line_boxes(page)
        # the attachment note's last line, which the body ends with here
        body_bottom = max(bottom for text, (_, _, _, bottom) in boxes.items() if "行政应诉情况" in text)
    assert len(images) == 2
    first, last = images
    host, partner, date = boxes[HOST], boxes[PARTNER], boxes[DATE]
    # the signatures side by side on one line, in order, the date under the last one
    assert host[1] == pytest.approx(partner[1], abs=0.5) and host[2] < partner[0]
    assert date[1] == pytest.approx(partner[1] + PITCH, abs=0.5)
    # each seal centred on its signature; the last one centred over the date too
    for image, signature in ((first, host), (last, partner)):
        assert (image["x0"] + image["x1"]) / 2 == pytest.approx((signature[0] + signature[2]) / 2, abs=CELL / 2)
    assert (last["x0"] + last["x1"]) / 2 == pytest.approx((date[0] + date[2]) / 2, abs=CELL / 2)
    # seals the standard size, in a row, not touching, inside the text block
    assert first["x1"] - first["x0"] == pytest.approx(SEAL, abs=0.5)
    assert first["top"] == pytest.approx(last["top"], abs=0.1)
    assert last["x0"] - first["x1"] >= PROFILE.signature.seal_gap.pt - 0.1
    assert LEFT - 0.5 <= first["x0"] and last["x1"] <= LEFT + WIDTH + 0.5
    # the first row's top within one line below the body, never on it
    assert 0 < first["top"] - body_bottom <= PITCH
    # pressing on signature and date: both inside the seal, below its centre (居印章中心偏下)
    centre = (last["top"] + last["bottom"]) / 2
    for box in (partner, date):
        assert centre < (box[1] + box[3]) / 2 < last["bottom"]
    assert host[1] > (first["top"] + first["bottom"]) / 2


def test_the_seal_prints_red(joint_pdf, tmp_path):
    """The image keeps its red: the pixels of the seal's box, as poppler prints the page."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    (tmp_path / "joint.pdf").write_bytes(joint_pdf)
    with pdfplumber.open(io.BytesIO(joint_pdf)) as pdf:
        count = _sealed_page(pdf) + 1
        first = min(pdf.pages[count - 1].images, key=lambda image: image["x0"])
    subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", str(count), "-l", str(count), "-singlefile",
                    str(tmp_path / "joint.pdf"), str(tmp_path / "page")], check=True)
    page = Image.open(tmp_path / "page.png").convert("RGB")
    box = page.crop((round(first["x0"]), round(first["top"]), round(first["x1"]), round(first["bottom"])))
    raw = box.tobytes()
    pixels = [raw[i:i + 3] for i in range(0, len(raw), 3)]
    red = sum(1 for r, g, b in pixels if r > 180 and g < 90 and b < 90)
    white = sum(1 for pixel in pixels if min(pixel) > 240)
    assert red > 0.05 * box.width * box.height  # the ring, the star and 样章
    assert white > 0.3 * box.width * box.height  # and the paper through its transparent parts


def test_the_stacked_joint_mark_has_the_names_one_above_the_other(joint_pdf):
    with pdfplumber.open(io.BytesIO(joint_pdf)) as pdf:
        page = pdf.pages[0]
        red = [c for c in page.chars if len(c.get("non_stroking_color") or ()) == 3
               and c["non_stroking_color"][0] > 0.5 > c["non_stroking_color"][1]]
    rows: dict[float, str] = {}
    for char in sorted(red, key=lambda c: c["x0"]):
        rows[round(char["top"])] = rows.get(round(char["top"]), "") + char["text"]
    lines = [rows[top] for top in sorted(rows)]
    assert lines[0] == HOST and lines[-1] == PARTNER and "文件" in lines
    host = [c for c in red if c["text"] in HOST and round(c["top"]) == min(rows)]
    partner = [c for c in red if c["text"] in PARTNER and round(c["top"]) == max(rows)]
    # the shorter name spread to the longer's width, 文件 to their right between them
    assert min(c["x0"] for c in partner) == pytest.approx(min(c["x0"] for c in host), abs=0.5)
    assert max(c["x1"] for c in partner) == pytest.approx(max(c["x1"] for c in host), abs=1.0)
    word = [c for c in red if c["text"] in "文件" and round(c["top"]) not in (min(rows), max(rows))]
    assert min(c["x0"] for c in word) > max(c["x1"] for c in host)
    assert min(rows) < word[0]["top"] < max(rows)


def _anchors(data: bytes) -> list[dict]:
    body = OpenDocx(io.BytesIO(data)).element.body
    found = []
    for anchor in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}anchor"):
        ns = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
        paragraph = anchor.getparent()
        while not paragraph.tag.endswith("}p"):
            paragraph = paragraph.getparent()
        extent = anchor.find("wp:extent", ns)
        found.append({
            "behind": anchor.get("behindDoc"),
            "x": int(anchor.find("wp:positionH/wp:posOffset", ns).text) / EMU,
            "y": int(anchor.find("wp:positionV/wp:posOffset", ns).text) / EMU,
            "from": (anchor.find("wp:positionH", ns).get("relativeFrom"), anchor.find("wp:positionV", ns).get("relativeFrom")),
            "width": int(extent.get("cx")) / EMU, "height": int(extent.get("cy")) / EMU,
            "paragraph": "".join(paragraph.xpath(".//w:t/text()")),
            "description": anchor.find("wp:docPr", ns).get("descr"),
        })
    return found


def test_the_docx_anchors_the_seals_behind_the_text_where_the_pdf_draws_them():
    report = composer.load(JOINT)
    data = render(report, "docx")
    paged = lay_out(compose(report, PROFILE, composer.seals.seal_images(report)), PROFILE)
    last = next(page.items for page in paged.pages if any(isinstance(item, PlacedImage) for item in page.items))
    images = sorted((item for item in last if isinstance(item, PlacedImage)), key=lambda image: image.x)
    host = next(item for item in last if isinstance(item, Glyphs) and item.text.startswith(HOST[:2]))
    line_top = host.baseline - PROFILE.grid.em_ascent.value * host.size - (PITCH - host.size) / 2
    anchors = _anchors(data)
    assert len(anchors) == 2
    assert sorted(anchor["description"] for anchor in anchors) == sorted([f"{HOST}印章", f"{PARTNER}印章"])
    for anchor, image in zip(sorted(anchors, key=lambda a: a["x"]), images):
        assert anchor["behind"] == "1" and anchor["from"] == ("margin", "paragraph")
        assert HOST in anchor["paragraph"]  # anchored in the first signature line
        assert anchor["x"] == pytest.approx(image.x - LEFT, abs=0.1)
        assert anchor["y"] == pytest.approx(image.y - line_top, abs=0.1)
        assert (anchor["width"], anchor["height"]) == pytest.approx((image.width, image.height), abs=0.1)


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_the_docx_seals_where_the_pdf_has_them(joint_pdf, tmp_path):
    printed = to_pdf(render(composer.load(JOINT), "docx"), "joint", tmp_path).read_bytes()
    positions = []
    for data in (joint_pdf, printed):
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page = next(page for page in pdf.pages if page.images)
            boxes = _line_boxes(page)
            positions.append([(image["x0"], image["top"] - boxes[HOST][1]) for image in
                              sorted(page.images, key=lambda image: image["x0"])])
    ours, libreoffice = positions
    assert len(libreoffice) == 2
    for (x, dy), (lx, ldy) in zip(ours, libreoffice):
        assert lx == pytest.approx(x, abs=1.0) and ldy == pytest.approx(dy, abs=3.0)


def test_the_ofd_and_the_html_carry_both_seals():
    import zipfile

    report = composer.load(JOINT)
    with zipfile.ZipFile(io.BytesIO(render(report, "ofd"))) as ofd:
        pages = [name for name in ofd.namelist() if name.endswith("Content.xml")]
        objects = sum(ofd.read(name).count(b"<ofd:ImageObject") for name in pages)
        media = [name for name in ofd.namelist() if name.endswith(".png")]
    assert objects == 2 and len(media) == 2
    html = render(report, "html").decode()
    assert html.count('<img class="seal"') == 2 and HOST in html and PARTNER in html
    assert f'alt="{HOST}印章"' in html and f'alt="{PARTNER}印章"' in html  # whose seal, for a screen reader


# --- the sign-off of several issuers ----------------------------------------------------------


def _signature(path: Path):
    document = compose(composer.load(path), PROFILE, composer.seals.seal_images(composer.load(path)))
    return next(block for block in document.body if type(block).__name__ == "Signature")


def test_without_seals_the_names_stand_one_under_another_the_date_below(tmp_path):
    signature = _signature(joint_yaml(tmp_path, seals=()))
    lines = signature.lines()
    assert [[placed.text for placed, _ in row] for _, row in lines] == [[HOST], [PARTNER], [DATE]]
    assert [line for line, _ in lines] == [0, 1, 2]
    host, partner = lines[0][1][0][0], lines[1][1][0][0]
    assert host.start == partner.start  # aligned, the longer name at most two cells from the right
    assert host.end <= 28 - 2 and lines[2][1][0][0].end <= 28 - 2
    assert lines[2][1][0][0].start == host.start + 2  # the date two cells right of the names
    assert not signature.sealed and signature.seals == ()


def test_three_sealed_issuers_go_two_to_a_row_the_last_over_the_date(tmp_path):
    names = (HOST, PARTNER, "青山县政协")
    signature = _signature(joint_yaml(tmp_path, seals=("a.png", "b.png", "c.png"), names=names))
    rows = {line: [placed.text for placed, _ in row] for line, row in signature.lines()}
    first, second, date = sorted(rows)
    assert rows[first] == [HOST, PARTNER] and rows[second] == ["青山县政协"] and rows[date] == [DATE]
    seals = signature.seals
    assert len(seals) == 3
    # rows far enough apart that the seals never touch; the last seal over the date
    assert seals[2].top >= seals[0].top + seals[0].height
    last, placed_date = seals[2], signature.date
    assert last.left + last.width / 2 == pytest.approx((placed_date.start + placed_date.end) / 2, abs=0.5)


def test_seal_true_lays_out_for_seals_without_drawing_any(tmp_path):
    path = joint_yaml(tmp_path, seals=(), extra="seal: true\n")
    signature = _signature(path)
    assert signature.sealed and signature.seals == ()
    assert [len(row) for _, row in signature.lines()] == [2, 1]  # side by side, ready for the seals


def test_the_default_title_and_mark_name_every_issuer(tmp_path):
    report = composer.load(joint_yaml(tmp_path, extra="header: {number: 青发〔2025〕3号}\n"))
    assert report.title == f"{HOST}\u3000{PARTNER}2024年法治政府建设年度报告"
    assert report.header.mark == f"{HOST}\u3000{PARTNER}文件"
    assert report.issuer == HOST  # the host
    header = compose(report, PROFILE).header
    assert header.stacked == (HOST, PARTNER) and header.mark_word == "文件"  # too long for one line


def test_the_mark_on_one_line_when_the_report_asks(tmp_path):
    report = composer.load(joint_yaml(tmp_path, extra="header: {joint_mark: line}\n"))
    assert compose(report, PROFILE).header.stacked == ()


@pytest.mark.parametrize("extra, code", [
    ("issuer: 青山县人民政府\n", "issuer_and_issuers"),
    ("signature: 青山县人民政府\n", "joint_signature"),
])
def test_one_issuer_or_several_never_both(tmp_path, extra, code):
    problems = composer.validate(joint_yaml(tmp_path, extra=extra))
    assert [p.code for p in problems] == [code]
    assert problems[0].location.line is not None


# --- the image checks ------------------------------------------------------------------------


def _render_problem(path: Path, **options) -> list:
    with pytest.raises(ReportError) as caught:
        render_result(composer.load(path), "pdf", **options)
    return caught.value.problems


def test_an_image_outside_the_reports_folder_is_refused_at_its_line(tmp_path):
    folder = tmp_path / "report"
    folder.mkdir()
    shutil.copy(SEALS / "sample-seal-1.png", tmp_path / "seal.png")
    path = joint_yaml(folder, seals=("../seal.png",))
    [problem] = _render_problem(path)
    assert problem.code == "seal_outside_folder"
    assert problem.location.file == str(path) and problem.location.line == 3


def test_an_image_named_on_the_command_line_may_be_anywhere(tmp_path, cli):
    folder = tmp_path / "report"
    folder.mkdir()
    shutil.copy(SEALS / "sample-seal-1.png", tmp_path / "seal.png")
    path = joint_yaml(folder, seals=("../seal.png",))
    refused = cli("render", str(path), "-o", str(tmp_path / "out.pdf"))
    assert refused.returncode == 1 and "report.yaml:3:" in refused.stderr and "印章图片" in refused.stderr
    assert not (tmp_path / "out.pdf").exists()  # nothing written
    done = cli("render", str(path), "--seal", str(tmp_path / "seal.png"), "--seal", str(SEALS / "sample-seal-2.png"),
               "-o", str(tmp_path / "out.pdf"))
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        assert len(pdf.pages[-1].images) == 2


def _png(width: int, height: int) -> bytes:
    """A PNG header claiming `width` x `height` pixels (no image data follows)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


@pytest.mark.parametrize("name, data, code", [
    ("seal.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="10"/></svg>', "seal_svg_no_size"),
    ("seal.png", b"GIF89a not a png", "seal_not_png"),
    ("seal.png", _png(5000, 5000), "seal_too_many_pixels"),
    ("seal.png", _png(100, 100), "seal_not_png"),  # a header alone: no image to draw
    ("missing.png", None, "seal_unreadable"),
    ("folder.png", "folder", "seal_not_a_file"),
])
def test_a_bad_image_is_a_located_error(tmp_path, name, data, code):
    if data == "folder":
        (tmp_path / name).mkdir()
    elif data is not None:
        (tmp_path / name).write_bytes(data)
    path = joint_yaml(tmp_path, seals=(name,))
    [problem] = _render_problem(path)
    assert problem.code == code and problem.location.line == 3


def test_an_image_over_the_byte_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(composer.seals, "MAX_SEAL_BYTES", 1000)
    [problem] = _render_problem(joint_yaml(tmp_path))
    assert problem.code == "seal_too_large" and problem.params["limit"] == 1000


def test_pdf_a_1b_refuses_a_transparent_seal_and_a_2b_keeps_it(tmp_path):
    path = joint_yaml(tmp_path)
    [problem] = _render_problem(path, pdf_standard="a-1b")
    assert problem.code == "pdf_transparency_refused"
    assert render(composer.load(path), "pdf", pdf_standard="a-2b").startswith(b"%PDF-1.7")


def test_a_report_read_from_text_cannot_name_an_image(tmp_path):
    text = joint_yaml(tmp_path).read_text(encoding="utf-8")
    [problem] = _render_problem_text(text)
    assert problem.code == "seal_without_folder"


def _render_problem_text(text: str) -> list:
    with pytest.raises(ReportError) as caught:
        render_result(composer.load(text), "pdf")
    return caught.value.problems


def test_the_sample_seals_are_made_by_the_projects_script(tmp_path):
    """The committed images are what the script draws: no one's real seal slipped in."""
    script = REPO / "samples" / "seals" / "make_sample_seals.py"
    copy = tmp_path / "make_sample_seals.py"
    shutil.copy(script, copy)
    result = subprocess.run([__import__("sys").executable, str(copy)], capture_output=True, text=True)
    if result.returncode:
        pytest.skip(f"the script needs a CJK font: {result.stdout}{result.stderr}")
    for number in (1, 2):
        made = Image.open(tmp_path / f"sample-seal-{number}.png")
        committed = Image.open(SEALS / f"sample-seal-{number}.png")
        assert made.mode == "RGBA" and made.tobytes() == committed.tobytes()
    assert (tmp_path / "sample-seal-1.svg").read_bytes() == (SEALS / "sample-seal-1.svg").read_bytes()


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("seals, extra", [((), ""), ((), "seal: true\n"), ((), "header: {joint_mark: line}\n")])
def test_import_recognises_a_joint_header_and_joint_signatures(tmp_path, fmt, seals, extra):
    """Names one under another (no seal) or side by side (sealed), the stacked or the one-line mark."""
    report = composer.load(joint_yaml(tmp_path, seals=seals, extra=extra + "header: {number: 青发〔2025〕3号}\n"
                                      if "header" not in extra else extra))
    source = tmp_path / f"report.{fmt}"
    source.write_bytes(render(report, fmt))
    result = composer.import_report(source)
    assert result.report is not None
    assert result.report.model_dump() == report.model_dump()


# --- lint: the mark and the title agree with the signatures ---------------------------------


def test_lint_finds_a_mark_or_title_that_disagrees_with_the_issuers(tmp_path):
    from composer.lint import lint_file

    path = joint_yaml(tmp_path, seals=(), extra=(
        f"title: {PARTNER} {HOST}关于2024年法治政府建设情况的报告\n"
        f"header:\n  mark: {HOST}文件\n"
    ))
    found = [(f.code, f.location.line) for f in lint_file(path) if f.code.startswith("I")]
    assert found == [("I002", 6), ("I001", 8)]
    message = next(f for f in lint_file(path) if f.code == "I001").message("zh")
    assert PARTNER in message and "版头" in message


def test_lint_is_quiet_when_mark_and_title_are_made_from_the_issuers(tmp_path):
    from composer.lint import lint_file

    path = joint_yaml(tmp_path, seals=(), extra=f"title: {HOST}　{PARTNER}关于2024年法治政府建设情况的报告\nheader: {{}}\n")
    assert [f.code for f in lint_file(path) if f.code.startswith("I")] == []
    assert [f.code for f in lint_file(JOINT) if f.code.startswith("I")] == []


def test_a_single_issuers_seal_image_is_centred_over_signature_and_date(tmp_path):
    shutil.copy(SEALS / "sample-seal-1.png", tmp_path / "seal.png")
    path = tmp_path / "report.yaml"
    path.write_text(
        "issuer: 青山县司法局\nyear: 2024\ndate: 2025-01-20\nseal: {image: seal.png}\n"
        "parts:\n  measures: [推进依法行政。]\n  shortcomings: [基层执法力量不足。]\n"
        "  leadership: [主要负责人带头学法。]\n  plans: [深化执法改革。]\n", encoding="utf-8")
    with pdfplumber.open(io.BytesIO(render(composer.load(path), "pdf"))) as pdf:
        page = pdf.pages[-1]
        [image] = page.images
        boxes = _line_boxes(page)
    signature, date = boxes["青山县司法局"], boxes[DATE]
    centre = (image["x0"] + image["x1"]) / 2
    assert centre == pytest.approx((date[0] + date[2]) / 2, abs=CELL / 2)
    assert centre == pytest.approx((signature[0] + signature[2]) / 2, abs=CELL / 2)
    assert image["top"] < signature[1] < date[3] < image["bottom"]
    assert LEFT + WIDTH - date[2] == pytest.approx(4 * CELL, abs=1.5 * CELL)  # the date four cells from the right


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf", "ofd"])
def test_the_joint_sample_imports_back_seal_images_aside(tmp_path, fmt):
    """The sample's print gives back the same model, laid out for seals, the images aside."""
    from readback import squeezed, without_seal_images

    report = composer.load(JOINT)
    source = tmp_path / f"joint.{fmt}"
    source.write_bytes(render(report, fmt))
    result = composer.import_report(source)
    assert result.report is not None
    expected = without_seal_images(report).model_dump()
    if fmt == "pdf":  # a justified table cell's line comes back spread ("2024　年"): white space aside
        assert squeezed(result.report.model_dump()) == squeezed(expected)
    else:
        assert result.report.model_dump() == expected
    assert result.report.sealed() and result.report.issuer_names() == [HOST, PARTNER]
