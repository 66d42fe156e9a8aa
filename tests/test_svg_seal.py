"""SVG seal images (issue 20): an office's vector seal is pressed where a PNG seal is, red on
transparent paper, in the PDF, DOCX, OFD and HTML; a hostile SVG (entities, scripts, outside
references, reference bombs, huge sizes) is a located error and nothing is written."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

import composer
from composer.api import render, render_result
from composer.problems import ReportError
from conftest import REPO
from test_joint import HOST, PARTNER, SEALS, _anchors, joint_yaml

pytest.importorskip("cairosvg", reason="SVG seals are drawn by cairosvg: pip install cairosvg (and the cairo library)")

SVG_SEAL = SEALS / "sample-seal-1.svg"
SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'


def _reports(tmp_path: Path) -> tuple[Path, Path]:
    """The same joint report twice: the partner's seal as the sample PNG, and as the sample SVG."""
    with_png, with_svg = tmp_path / "png", tmp_path / "svg"
    for folder in (with_png, with_svg):
        folder.mkdir()
    shutil.copy(SEALS / "sample-seal-1.png", with_svg / "host.png")
    shutil.copy(SVG_SEAL, with_svg / "partner.svg")
    return joint_yaml(with_png), joint_yaml(with_svg, seals=("host.png", "partner.svg"))


def _is_red(pixel: tuple[int, ...]) -> bool:
    red, green, blue = pixel[:3]
    return red > 170 and green < 90 and blue < 90


def _pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    data = image.convert("RGB").tobytes()
    return [tuple(data[index:index + 3]) for index in range(0, len(data), 3)]


def test_the_pdf_presses_the_svg_seal_where_the_png_one_is_red_on_transparent_paper(tmp_path):
    png_report, svg_report = _reports(tmp_path)
    boxes = []
    for path in (png_report, svg_report):
        data = render(composer.load(path), "pdf")
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page = pdf.pages[-1]
            images = sorted(page.images, key=lambda image: image["x0"])
            boxes.append([(image["x0"], image["top"], image["x1"], image["bottom"]) for image in images])
            svg_image = images[-1]
            assert "SMask" in svg_image["stream"].attrs  # transparent where there is no ink
            page_height, page_number = page.height, len(pdf.pages)
    assert len(boxes[1]) == 2
    for png_box, svg_box in zip(*boxes):
        assert svg_box == pytest.approx(png_box, abs=0.1)
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: the red is not looked at")
    (tmp_path / "svg.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", str(page_number), "-l", str(page_number),
                    "-singlefile", str(tmp_path / "svg.pdf"), str(tmp_path / "page")], check=True)
    page_image = Image.open(tmp_path / "page.png").convert("RGB")
    scale = page_image.height / page_height
    x0, top, x1, bottom = (round(value * scale) for value in boxes[1][1])
    seal = page_image.crop((x0, top, x1, bottom))
    red = sum(1 for pixel in _pixels(seal) if _is_red(pixel))
    assert red > 0.08 * seal.width * seal.height  # ring, star and 样章 in red
    corner = seal.crop((0, 0, seal.width // 10, seal.height // 10))
    assert all(pixel == (255, 255, 255) for pixel in _pixels(corner))  # the paper shows through


def test_pdf_a_2b_holds_the_svg_seal(tmp_path):
    pdfa = pytest.importorskip("pikepdf.pdfa", reason="pikepdf's PDF/A validator: pip install 'pikepdf[pdfa]'")
    _, svg_report = _reports(tmp_path)
    data = render(composer.load(svg_report), "pdf", pdf_standard="a-2b")
    checked = pdfa.validate_written(io.BytesIO(data), "2b")
    assert checked.passed, [str(finding) for finding in checked.findings]


def test_the_docx_anchors_the_svg_seal_where_it_anchors_the_png_one(tmp_path):
    png_report, svg_report = _reports(tmp_path)
    png_anchors, svg_anchors = (_anchors(render(composer.load(path), "docx")) for path in (png_report, svg_report))
    assert len(svg_anchors) == 2
    for png_anchor, svg_anchor in zip(png_anchors, svg_anchors):
        assert svg_anchor["behind"] == "1" and HOST in svg_anchor["paragraph"]
        for key in ("x", "y", "width", "height"):
            assert svg_anchor[key] == pytest.approx(png_anchor[key], abs=0.1)
    with zipfile.ZipFile(io.BytesIO(render(composer.load(svg_report), "docx"))) as docx:
        media = [Image.open(io.BytesIO(docx.read(name))) for name in docx.namelist() if name.startswith("word/media/")]
    drawn = [image for image in media if image.width == composer.seals.SVG_RASTER_WIDTH]
    assert len(drawn) == 1 and drawn[0].mode == "RGBA"
    assert drawn[0].getpixel((0, 0))[3] == 0  # transparent where there is no ink
    assert _is_red(drawn[0].getpixel((drawn[0].width // 2, drawn[0].height // 2 - 40 * drawn[0].height // 496)))


def test_the_ofd_and_the_html_carry_the_svg_seal_as_a_picture(tmp_path):
    _, svg_report = _reports(tmp_path)
    report = composer.load(svg_report)
    with zipfile.ZipFile(io.BytesIO(render(report, "ofd"))) as ofd:
        objects = sum(ofd.read(name).count(b"<ofd:ImageObject") for name in ofd.namelist() if name.endswith("Content.xml"))
        media = [Image.open(io.BytesIO(ofd.read(name))) for name in ofd.namelist() if name.endswith(".png")]
    assert objects == 2 and sorted(image.width for image in media) == sorted([496, composer.seals.SVG_RASTER_WIDTH])
    html = render(report, "html").decode()
    sources = re.findall(r'<img class="seal"[^>]*src="data:image/png;base64,([^"]+)"', html)
    assert len(sources) == 2 and HOST in html and PARTNER in html
    assert "<svg" not in html.split("<body", 1)[1].split('class="signature"', 1)[1]  # the picture, no SVG markup
    drawn = [Image.open(io.BytesIO(base64.b64decode(source))) for source in sources]
    assert composer.seals.SVG_RASTER_WIDTH in [image.width for image in drawn]


def test_an_svg_named_on_the_command_line_is_pressed_too(tmp_path):
    path = joint_yaml(tmp_path, seals=())
    out = tmp_path / "out.pdf"
    done = subprocess.run([__import__("sys").executable, "-m", "composer", "render", str(path), "--seal",
                           str(SVG_SEAL), "--seal", str(SEALS / "sample-seal-2.png"), "-o", str(out)],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages[-1].images) == 2


def test_an_editors_svg_with_its_own_namespaces_and_a_viewbox_only_is_accepted(tmp_path):
    """Inkscape and Illustrator write their own elements and attributes; they are drawing-free."""
    svg = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<!-- Created with Inkscape (http://www.inkscape.org/) -->\n'
        f'<svg {SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink"\n'
        '     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"\n'
        '     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"\n'
        '     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" viewBox="0 0 200 220" version="1.1">\n'
        '  <sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="1.4"/>\n'
        '  <metadata><rdf:RDF/></metadata>\n'
        '  <defs><radialGradient id="ink"><stop offset="0" stop-color="#d40000"/><stop offset="1" stop-color="#ff0000"/>'
        '</radialGradient><path id="ray" d="M100 40 L108 70 L92 70 Z"/></defs>\n'
        '  <g inkscape:label="Layer 1" inkscape:groupmode="layer" style="fill:url(#ink)">\n'
        '    <circle cx="100" cy="110" r="90" style="fill:none;stroke:#e60012;stroke-width:8"/>\n'
        '    <use xlink:href="#ray"/><use href="#ray" transform="rotate(72 100 95)"/>\n'
        '  </g>\n'
        '</svg>\n'
    )
    (tmp_path / "seal.svg").write_text(svg, encoding="utf-8")
    image = composer.seals.seal_images(composer.load(joint_yaml(tmp_path, seals=("seal.svg",))))[0]
    assert (image.width, image.height) == (1000, 1100) and image.alpha
    drawn = Image.open(io.BytesIO(image.data))
    assert _is_red(drawn.getpixel((500, 550 - 450)))  # on the ring, at its top
    assert drawn.getpixel((5, 5))[3] == 0


def _nested_uses(levels: int, fan: int) -> str:
    groups = ['<circle id="g0" r="1"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#g{level - 1}"/>' for _ in range(fan))
        groups.append(f'<g id="g{level}">{uses}</g>')
    return f'<svg {SVG_NS} width="42mm" height="42mm"><defs>{"".join(groups)}</defs><use href="#g{levels}"/></svg>'


HOSTILE = [
    ("entity", '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
               f'<svg {SVG_NS} width="10mm" height="10mm"><text>&xxe;</text></svg>', "seal_svg_unsafe"),
    ("billion laughs", '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'
                       f'<svg {SVG_NS} width="10mm" height="10mm"><text>&b;</text></svg>', "seal_svg_unsafe"),
    ("script", f'<svg {SVG_NS} width="10mm" height="10mm"><script>alert(1)</script><circle r="4"/></svg>',
     "seal_svg_unsafe"),
    ("event", f'<svg {SVG_NS} width="10mm" height="10mm" onload="alert(1)"><circle r="4"/></svg>', "seal_svg_unsafe"),
    ("outside image", f'<svg {SVG_NS} width="10mm" height="10mm"><image href="/etc/hostname" width="5" height="5"/></svg>',
     "seal_svg_unsafe"),
    ("address", f'<svg {SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink" width="10mm" height="10mm">'
                '<use xlink:href="http://example.com/seal.svg#s"/></svg>', "seal_svg_unsafe"),
    ("css url", f'<svg {SVG_NS} width="10mm" height="10mm"><circle r="4" style="fill: url( \'https://x.test/p\' )"/></svg>',
     "seal_svg_unsafe"),
    ("css import", f'<svg {SVG_NS} width="10mm" height="10mm"><style>@import "https://x.test/a.css";</style></svg>',
     "seal_svg_unsafe"),
    ("style sheet", f'<?xml-stylesheet href="https://x.test/a.css"?><svg {SVG_NS} width="10mm" height="10mm"/>',
     "seal_svg_unsafe"),
    ("foreign object", f'<svg {SVG_NS} width="10mm" height="10mm"><foreignObject><p>hi</p></foreignObject></svg>',
     "seal_svg_unsafe"),
    ("use bomb", _nested_uses(9, 10), "seal_svg_too_complex"),
    ("pattern bomb", f'<svg {SVG_NS} width="42mm" height="42mm"><defs><pattern id="p0"><circle r="1"/></pattern>'
                     + "".join(f'<pattern id="p{n}">' + f'<rect fill="url(#p{n - 1})"/>' * 10 + "</pattern>" for n in range(1, 9))
                     + '</defs><rect style="fill:url(#p8)" width="9" height="9"/></svg>', "seal_svg_too_complex"),
    ("pattern filling itself", f'<svg {SVG_NS} width="10mm" height="10mm"><pattern id="p"><rect fill="url(#p)"/>'
                               '</pattern><rect fill="url(#p)"/></svg>', "seal_svg_too_complex"),
    ("use cycle", f'<svg {SVG_NS} width="10mm" height="10mm"><g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></svg>',
     "seal_svg_too_complex"),
    ("sliver", f'<svg {SVG_NS} width="1mm" height="500mm"><rect width="1" height="500"/></svg>', "seal_too_many_pixels"),
    ("not xml", "<svg width='10mm' <<<", "seal_svg_invalid"),
    ("html", '<html><body>seal</body></html>', "seal_svg_invalid"),
    ("no size", f'<svg {SVG_NS} width="100%"><circle r="4"/></svg>', "seal_svg_no_size"),
]


@pytest.mark.parametrize("svg, code", [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE])
def test_a_hostile_or_broken_svg_is_a_located_error(tmp_path, svg, code):
    (tmp_path / "seal.svg").write_text(svg, encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        render_result(composer.load(joint_yaml(tmp_path, seals=("seal.svg",))), "pdf")
    [problem] = caught.value.problems
    assert problem.code == code and problem.location.line == 3
    assert "seal.svg" in problem.message("zh") and "seal.svg" in problem.message("en")


def test_an_svg_over_its_byte_limit_is_refused_and_nothing_is_written(tmp_path, monkeypatch):
    padded = SVG_SEAL.read_text(encoding="utf-8").replace("</svg>", "<!--" + "x" * 5000 + "--></svg>")
    (tmp_path / "seal.svg").write_text(padded, encoding="utf-8")
    monkeypatch.setattr(composer.seals, "MAX_SEAL_SVG_BYTES", 4000)
    with pytest.raises(ReportError) as caught:
        render_result(composer.load(joint_yaml(tmp_path, seals=("seal.svg",))), "pdf")
    [problem] = caught.value.problems
    assert problem.code == "seal_too_large" and problem.params["limit"] == 4000


def test_the_cli_refuses_a_scripted_svg_at_its_line_in_english_and_writes_nothing(tmp_path):
    (tmp_path / "seal.svg").write_text(HOSTILE[2][1], encoding="utf-8")
    path = joint_yaml(tmp_path, seals=("seal.svg",))
    out = tmp_path / "out.pdf"
    done = subprocess.run([__import__("sys").executable, "-m", "composer", "--lang", "en", "render", str(path),
                           "-o", str(out)], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 1 and "report.yaml:3:" in done.stderr and "a script" in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()
