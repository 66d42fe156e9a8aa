"""The font layer of the PDF writer: which face each role gets, CFF conversion, the cache,
missing characters. Tests that need a Debian font skip, saying which package is missing."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from composer.layout import fontcache, fonts
from reportlab.pdfbase import pdfmetrics

OFFICIAL = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "page_number": "宋体",
}
NOTO_SERIF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
NOTO_SERIF_BOLD = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc")
NOTO_SANS = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
WENKAI = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
WQY_DIR = Path("/usr/share/fonts/truetype/wqy")
SAMPLE = "某市人民政府2025年政府信息公开工作年度报告（一）ABC 123"


def needs(*paths: Path, package: str):
    missing = [str(p) for p in paths if not p.exists()]
    return pytest.mark.skipif(bool(missing), reason=f"needs Debian {package}: {', '.join(missing)} missing")


needs_fontconfig = pytest.mark.skipif(shutil.which("fc-list") is None, reason="needs fontconfig's fc-list")


def bundled_or_skip() -> None:
    if not fonts._bundled_faces():
        pytest.skip(f"needs the fallback package: pip install {fonts.FALLBACK_PACKAGE}")


@pytest.fixture(autouse=True)
def fresh_state(tmp_path, monkeypatch):
    """Each test gets its own cache folder and forgets what earlier tests found or registered."""
    monkeypatch.setenv("REPORT_COMPOSER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    monkeypatch.setattr(fonts, "_registered", {})
    for registry in ("_fonts", "_typefaces", "_dynFaceNames"):  # reportlab's, restored with ours
        monkeypatch.setattr(pdfmetrics, registry, dict(getattr(pdfmetrics, registry)))
    fonts._installed_index.cache_clear()
    fonts._bundled_faces.cache_clear()
    fontcache.coverage.cache_clear()
    yield
    fonts._installed_index.cache_clear()
    fontcache.coverage.cache_clear()


@pytest.fixture
def no_installed_fonts(tmp_path, monkeypatch):
    """fontconfig pointed at an empty configuration: it finds no font at all."""
    conf = tmp_path / "empty-fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    fonts._installed_index.cache_clear()


def make_font(family: str, style: str = "Regular", size: int = 200):
    """A static TrueType font whose one glyph, 中, is a square size units wide."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "zhong"])
    builder.setupCharacterMap({ord("中"): "zhong"})
    pen = TTGlyphPen(None)
    for point in ((100, 100), (100, 100 + size), (100 + size, 100 + size), (100 + size, 100)):
        (pen.lineTo if pen.points else pen.moveTo)(point)
    pen.closePath()
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "zhong": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (1000, 0), "zhong": (1000, 100)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    ps_name = f"{family.replace(' ', '')}-{style}"
    builder.setupNameTable({"familyName": family, "styleName": style, "psName": ps_name})
    builder.setupOS2()
    builder.setupPost()
    return builder.font


def pdf_with(font_name: str, text: str) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(400, 100))
    pdf.setFont(font_name, 16)
    pdf.drawString(10, 40, text)
    pdf.save()
    return out.getvalue()


def embedded_font_names(data: bytes) -> list[str]:
    """BaseFont of every font on page 1 that carries an embedded TrueType program."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    names = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for ref in resolve1(pdf.pages[0].page_obj.resources["Font"]).values():
            font = resolve1(ref)
            descriptor = resolve1(font.get("FontDescriptor"))
            if descriptor and "FontFile2" in descriptor:
                names.append(resolve1(font["BaseFont"]).name)
    return names


def page_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return pdf.pages[0].extract_text()


def ink(data: bytes) -> int:
    """Dark pixels on page 1: a blank box or missing glyph would leave almost none."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    image = pdf[0].render(scale=2).to_pil().convert("L")
    return sum(1 for value in image.tobytes() if value < 128)


# --- resolution ---------------------------------------------------------------------------


@needs_fontconfig
@needs(NOTO_SERIF, NOTO_SERIF_BOLD, NOTO_SANS, package="fonts-noto-cjk")
@needs(WENKAI, package="fonts-lxgw-wenkai")
def test_installed_faces_are_found_by_family_name():
    faces = fonts.resolve_faces(OFFICIAL)
    assert set(faces) == set(fonts.ROLES)
    body = faces["body"]
    assert (body.family, body.path, body.index, body.source) == ("Noto Serif CJK SC", NOTO_SERIF, 2, "installed")
    assert body.official is False and body.requested == "仿宋_GB2312"
    assert (faces["title"].path, faces["title"].index) == (NOTO_SERIF_BOLD, 2)  # heavy Song for 小标宋
    assert faces["heading1"].family == "Noto Sans CJK SC"
    assert faces["heading2"].path == WENKAI
    assert faces["page_number"].path == NOTO_SERIF


@needs_fontconfig
@needs(WENKAI, package="fonts-lxgw-wenkai")
def test_a_face_asked_for_by_its_chinese_name_is_official():
    face = fonts.resolve_faces({"heading2": "霞鹜文楷"})["heading2"]
    assert (face.path, face.source, face.official, face.family) == (WENKAI, "installed", True, "霞鹜文楷")
    assert "代替" not in fonts.describe_face(face)


@needs(UKAI, package="fonts-arphic-ukai")
def test_a_configured_font_file_wins():
    faces = fonts.resolve_faces({"heading2": "楷体_GB2312"}, {"heading2": f"{UKAI}#1"})
    face = faces["heading2"]
    assert (face.path, face.index, face.source, face.official) == (UKAI, 1, "configured", False)
    assert face.family == "AR PL UKai HK"


@needs_fontconfig
@needs(WQY_DIR / "wqy-zenhei.ttc", package="fonts-wqy-zenhei")
def test_a_configured_family_name_is_looked_up():
    face = fonts.resolve_faces({"heading1": "黑体"}, {"heading1": "文泉驿正黑"})["heading1"]
    assert (face.path, face.index, face.source) == (WQY_DIR / "wqy-zenhei.ttc", 0, "configured")


def test_a_configured_face_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(fonts.FontError, match="not found"):
        fonts.resolve_faces({"body": "仿宋_GB2312"}, {"body": str(tmp_path / "nowhere.ttf")})
    with pytest.raises(fonts.FontError, match="not installed"):
        fonts.resolve_faces({"body": "仿宋_GB2312"}, {"body": "No Such Face 123"})


@needs_fontconfig
def test_with_no_installed_font_the_bundled_faces_stand_in(no_installed_fonts):
    bundled_or_skip()
    faces = fonts.resolve_faces(OFFICIAL)
    assert {face.source for face in faces.values()} == {"bundled"}
    assert not any(face.official for face in faces.values())
    assert faces["body"].path.name == "NotoSerifSC-Regular.otf"
    assert faces["heading1"].path.name == "NotoSansSC-Regular.otf"
    assert faces["body"].fallback is None  # nothing else to fall back to
    assert "代替 仿宋_GB2312" in fonts.describe_face(faces["body"])
    assert "stands in for 仿宋_GB2312" in fonts.describe_face(faces["body"], "en")


@needs_fontconfig
def test_with_no_face_at_all_the_error_says_what_to_install(no_installed_fonts, monkeypatch):
    monkeypatch.setattr(fonts, "_bundled_faces", lambda: {})
    with pytest.raises(fonts.FontError, match=f"pip install {fonts.FALLBACK_PACKAGE}"):
        fonts.resolve_faces({"body": "仿宋_GB2312"})


def installed(family: str) -> Path | None:
    """The file of the installed face of that family, as a new process finds it."""
    fonts._installed_index.cache_clear()
    try:
        return fonts.resolve_faces({"body": "仿宋_GB2312"}, {"body": family})["body"].path
    except fonts.FontError:
        return None


def no_fc_list(*args, **kwargs):
    pytest.fail("fc-list ran again")


@needs_fontconfig
def test_a_font_dropped_into_the_user_font_folder_is_found_and_fc_list_runs_only_then(tmp_path, monkeypatch):
    user_fonts = tmp_path / "data" / "fonts"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # fontconfig's and our user font folder
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))  # fontconfig's user cache
    fontcache.cache_dir().mkdir(parents=True)
    (fontcache.cache_dir() / "fontconfig.json").write_bytes(b"\0" * 100)  # damaged: not trusted
    assert installed("RC Dropped Face") is None
    with monkeypatch.context() as patch:
        patch.setattr(subprocess, "run", no_fc_list)
        assert installed("RC Dropped Face") is None  # nothing changed: fontconfig's answer is reused

    user_fonts.mkdir(parents=True)
    make_font("RC Dropped Face").save(user_fonts / "dropped.ttf")
    assert installed("RC Dropped Face") == user_fonts / "dropped.ttf"
    (user_fonts / "dropped.ttf").unlink()
    assert installed("RC Dropped Face") is None


@needs_fontconfig
def test_a_font_added_to_a_folder_named_in_fontconfigs_configuration_is_found(tmp_path, monkeypatch):
    folder = tmp_path / "office-fonts"
    folder.mkdir()
    make_font("RC Office Face").save(folder / "office.ttf")
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'''<?xml version="1.0"?>
<fontconfig><dir>{folder}</dir><cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>
''', encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    assert installed("RC Office Face") == folder / "office.ttf"
    assert installed("RC Added Face") is None
    make_font("RC Added Face").save(folder / "added.ttf")
    assert installed("RC Added Face") == folder / "added.ttf"


@needs(WQY_DIR / "wqy-zenhei.ttc", package="fonts-wqy-zenhei")
def test_the_folder_scan_reads_chinese_and_english_family_names(monkeypatch):
    entries = fonts._folder_entries([WQY_DIR])
    zenhei = [e for e in entries if e.path.name == "wqy-zenhei.ttc" and e.index == 0]
    assert zenhei and {"WenQuanYi Zen Hei", "文泉驿正黑"} <= set(zenhei[0].names)
    # The second scan reads the names from the index in the cache folder, not the files.
    monkeypatch.setattr(fonts, "_read_faces", lambda path: pytest.fail(f"re-read {path}"))
    assert fonts._folder_entries([WQY_DIR]) == entries


def configured_body(value: str | Path) -> fonts.Face:
    return fonts.resolve_faces({"body": "仿宋_GB2312"}, {"body": str(value)})["body"]


def test_a_configured_font_file_is_read_once_and_again_when_replaced(tmp_path, monkeypatch):
    path = tmp_path / "body.ttf"
    make_font("RC First Face").save(path)
    assert configured_body(path).family == "RC First Face"
    with monkeypatch.context() as patch:
        patch.setattr(fonts, "_read_faces", lambda path: pytest.fail(f"re-read {path}"))
        assert configured_body(path).family == "RC First Face"  # from the index in the cache folder
        with pytest.raises(fonts.FontError, match=re.escape(f"{path} has no face #1")):
            configured_body(f"{path}#1")
    make_font("RC Replacing Face").save(path)  # another size and time
    face = configured_body(path)
    assert (face.family, face.source) == ("RC Replacing Face", "configured")


@pytest.fixture
def font_files(tmp_path):
    """A font folder with one face, and a font file outside it as a configured one."""
    folder, configured = tmp_path / "fonts", tmp_path / "body.ttf"
    folder.mkdir()
    make_font("RC Folder Face").save(folder / "folder.ttf")
    make_font("RC Configured Face").save(configured)
    return folder, configured


def test_configured_files_and_the_folder_scan_keep_each_others_records(font_files, tmp_path, monkeypatch):
    folder, configured = font_files
    read = []
    real_read_faces = fonts._read_faces
    monkeypatch.setattr(fonts, "_read_faces", lambda path: read.append(path) or real_read_faces(path))
    fonts._folder_entries([folder])
    configured_body(configured)
    make_font("RC Added Face").save(folder / "added.ttf")
    assert [e.names for e in fonts._folder_entries([folder])] == [("RC Added Face",), ("RC Folder Face",)]
    assert configured_body(configured).family == "RC Configured Face"
    assert [p for p in read if tmp_path in p.parents] == [folder / "folder.ttf", configured, folder / "added.ttf"]

    (folder / "added.ttf").unlink()
    make_font("RC Another Face").save(configured)
    assert configured_body(configured).family == "RC Another Face"
    recorded = json.loads((fontcache.cache_dir() / "font-folders.json").read_text(encoding="utf-8"))
    assert {str(folder / "folder.ttf"), str(configured)} <= set(recorded)
    assert str(folder / "added.ttf") not in recorded  # records of removed files go


DAMAGES = {
    "cut short": lambda data: data[: len(data) // 2],
    "zeros": lambda data: bytes(len(data)),
    "not a mapping": lambda data: b"[]",
    "records without faces": lambda data: json.dumps(
        {path: {"size": r["size"], "mtime": r["mtime"]} for path, r in json.loads(data).items()}
    ).encode("utf-8"),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_face_index_is_not_trusted(font_files, monkeypatch, damage):
    folder, configured = font_files
    fonts._folder_entries([folder])
    configured_body(configured)
    index = fontcache.cache_dir() / "font-folders.json"
    index.write_bytes(damage(index.read_bytes()))
    assert [e.names for e in fonts._folder_entries([folder])] == [("RC Folder Face",)]
    assert configured_body(configured).family == "RC Configured Face"
    monkeypatch.setattr(fonts, "_read_faces", lambda path: pytest.fail(f"re-read {path}"))
    assert configured_body(configured).family == "RC Configured Face"  # the index is whole again


# --- conversion, registration, cache --------------------------------------------------------


def cff_face() -> fonts.Face:
    """A CFF face: Debian's Noto Serif CJK SC, else the bundled Noto Serif SC."""
    if NOTO_SERIF.exists():
        return fonts.Face("body", "仿宋_GB2312", "Noto Serif CJK SC", NOTO_SERIF, 2, "installed", False)
    bundled_or_skip()
    family, path = fonts._bundled_faces()["serif"]
    return fonts.Face("body", "仿宋_GB2312", family, path, 0, "bundled", False)


def test_a_cff_face_is_converted_and_drawn_embedded():
    from fontTools.ttLib import TTFont

    face = cff_face()
    name = fonts.reportlab_font(face, SAMPLE)
    converted = list((fontcache.cache_dir() / "truetype").glob("*.ttf"))
    assert len(converted) == 1
    with TTFont(converted[0]) as font:
        assert "glyf" in font and "CFF " not in font and font["maxp"].tableVersion == 0x00010000
    data = pdf_with(name, SAMPLE)
    assert page_text(data) == SAMPLE
    assert embedded_font_names(data) and all("Noto" in n for n in embedded_font_names(data))
    assert ink(data) > 500
    assert fonts.reportlab_font(face, "年度报告") == name  # registered once per process


@needs(WENKAI, package="fonts-lxgw-wenkai")
def test_a_truetype_face_is_drawn_from_a_small_copy_too():
    """reportlab would read the whole 15 MB face in every process; the copy holds what is drawn."""
    face = fonts.Face("heading2", "楷体_GB2312", "LXGW WenKai", WENKAI, 0, "installed", False)
    data = pdf_with(fonts.reportlab_font(face, SAMPLE), SAMPLE)
    assert page_text(data) == SAMPLE
    assert embedded_font_names(data) and ink(data) > 500
    (copy,) = (fontcache.cache_dir() / "truetype").glob("LXGWWenKai-Regular-*.ttf")
    assert copy.stat().st_size < 100_000


def test_new_characters_grow_the_registered_font_under_the_same_name():
    from reportlab.pdfgen import canvas

    face = cff_face()
    name = fonts.reportlab_font(face, "年度报告")
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(400, 100))  # a document begun before the growth
    pdf.setFont(name, 16)
    pdf.drawString(10, 60, "年度报告")
    assert fonts.reportlab_font(face, "朱镕基") == name
    pdf.drawString(10, 30, "朱镕基")
    pdf.save()
    assert page_text(out.getvalue()).split() == ["年度报告", "朱镕基"]


def test_an_advance_outlives_its_layout_only_where_the_face_has_the_glyph():
    """Advances measured by one layout serve the next (composer.layout.paged), but not that of a
    character the registered face lacked: the face, grown to draw it, gives it its own."""
    from reportlab.pdfbase import pdfmetrics

    from composer.layout.paged import Widths

    face = cff_face()
    name = fonts.reportlab_font(face, "年度报告")
    measured = Widths().advances("年镕", name, 16)
    assert measured[0] == pdfmetrics.stringWidth("年", name, 16)
    assert set(Widths()._tables[name, 16]) == {"年"}  # 镕, which the face lacks, is measured again
    assert fonts.reportlab_font(face, "朱镕基") == name  # grown: it has 镕 now
    assert Widths().advances("镕年", name, 16) == [pdfmetrics.stringWidth("镕", name, 16), measured[0]]
    assert set(Widths()._tables[name, 16]) == {"年", "镕"}


def test_the_second_preparation_reads_the_cache(monkeypatch):
    real_build = fontcache._build
    face = cff_face()
    fonts.reportlab_font(face, SAMPLE)
    cached = list((fontcache.cache_dir() / "truetype").glob("*.ttf"))
    assert len(cached) == 1

    # A new process (registry empty): the conversion must not run again.
    monkeypatch.setattr(fonts, "_registered", {})
    monkeypatch.setattr(fontcache, "_build", lambda *a: pytest.fail("converted again"))
    fonts.reportlab_font(face, SAMPLE)

    # New characters grow the same file, converting only those, reusing the rest.
    monkeypatch.setattr(fonts, "_registered", {})
    calls = []

    def counting_build(source, location, codepoints, reuse):
        calls.append((len(codepoints), reuse is not None))
        return real_build(source, location, codepoints, reuse)

    monkeypatch.setattr(fontcache, "_build", counting_build)
    name = fonts.reportlab_font(face, SAMPLE + "镕")
    ascii_ = fontcache.coverage(face.path, face.index).covered(fontcache._ALWAYS)  # every copy holds them
    assert calls == [(len(fonts._codepoints(SAMPLE + "镕") | ascii_), True)]
    assert list((fontcache.cache_dir() / "truetype").glob("*.ttf")) == cached
    assert page_text(pdf_with(name, "报告镕")) == "报告镕"


def test_the_embedded_font_does_not_depend_on_what_the_cache_held(tmp_path, monkeypatch):
    """The same text gives the same embedded subset from a fresh copy and from one grown by
    other documents, so a PDF is the same bytes whatever ran before it."""
    from fontTools.ttLib import TTFont
    from reportlab.pdfbase.ttfonts import TTFontFile

    face = cff_face()
    text = "法治政府建设年度报告"
    small = fontcache.truetype_bytes(face.path, face.index, face.weight, fonts._codepoints(text))
    monkeypatch.setenv("REPORT_COMPOSER_CACHE", str(tmp_path / "grown"))
    fontcache.truetype_bytes(face.path, face.index, face.weight, fonts._codepoints("人民政府信息公开工作镕基"))
    grown = fontcache.truetype_bytes(face.path, face.index, face.weight, fonts._codepoints(text))
    assert len(grown) > len(small)
    for data in (small, grown):  # reportlab's first subset takes every ASCII character a font has
        assert set(range(0x20, 0x7F)) <= set(TTFont(io.BytesIO(data)).getBestCmap())
    subset = [0, *map(ord, text)]
    assert TTFontFile(io.BytesIO(small)).makeSubset(subset) == TTFontFile(io.BytesIO(grown)).makeSubset(subset)


def make_variable_font(path: Path) -> None:
    """A two-master variable TrueType font whose one glyph, 中, is a square 200 units wide
    at wght 100 and 600 units wide at wght 900."""
    from fontTools import varLib
    from fontTools.designspaceLib import AxisDescriptor, DesignSpaceDocument, SourceDescriptor

    design = DesignSpaceDocument()
    design.addAxis(AxisDescriptor(tag="wght", name="Weight", minimum=100, default=100, maximum=900))
    for weight, size in ((100, 200), (900, 600)):
        master = make_font("Test Var", "Thin", size)
        design.addSource(SourceDescriptor(font=master, location={"Weight": weight}))
    varLib.build(design)[0].save(path)


def test_a_variable_face_is_drawn_at_the_weight_asked_for(tmp_path):
    from fontTools.ttLib import TTFont

    path = tmp_path / "TestVar.ttf"
    make_variable_font(path)
    face = fonts.Face("heading1", "黑体", "Test Var", path, 0, "configured", False, weight=500)
    data = pdf_with(fonts.reportlab_font(face, "中"), "中")
    assert ink(data) > 0
    (converted,) = (fontcache.cache_dir() / "truetype").glob("*.ttf")
    with TTFont(converted) as font:
        glyph = font["glyf"][font.getBestCmap()[ord("中")]]
        assert glyph.xMax - glyph.xMin == 400  # halfway between the masters
        assert font["name"].getDebugName(6) == "TestVar-W500"


def test_a_damaged_coverage_file_is_read_again_from_the_font():
    face = cff_face()
    assert fonts.missing_characters(face, SAMPLE) == []
    (record,) = (fontcache.cache_dir() / "coverage").iterdir()
    good = record.read_bytes()
    record.write_bytes(bytes(len(good)))  # trusted, it would say the face covers only U+0000
    fontcache.coverage.cache_clear()  # a new process
    assert fonts.missing_characters(face, SAMPLE) == []
    assert record.read_bytes() == good


def test_code_points_recorded_for_another_copy_are_not_trusted(tmp_path, monkeypatch):
    """A copy's runs file names what it holds only when it matches the copy's bytes: one from
    another version of the copy (a concurrent writer's, or damaged) is never believed."""
    from fontTools.ttLib import TTFont

    face = cff_face()

    def copy(text: str) -> bytes:
        return fontcache.truetype_bytes(face.path, face.index, face.weight, fonts._codepoints(text))

    copy("年度报告")
    (runs,) = (fontcache.cache_dir() / "truetype").glob("*.runs")
    with monkeypatch.context() as patch:
        patch.setenv("REPORT_COMPOSER_CACHE", str(tmp_path / "other"))
        copy("年度报告朱镕基")
        (other,) = (fontcache.cache_dir() / "truetype").glob("*.runs")
    good = runs.read_bytes()
    runs.write_bytes(other.read_bytes())  # says 朱镕基 are there; the copy lacks them
    assert ord("镕") in TTFont(io.BytesIO(copy("朱镕基"))).getBestCmap()

    monkeypatch.setattr(fontcache, "_build", lambda *a: pytest.fail("converted again"))
    runs.write_bytes(bytes(len(good)))  # damaged: the copy itself says what it holds
    assert ord("镕") in TTFont(io.BytesIO(copy("朱镕基"))).getBestCmap()
    assert runs.read_bytes() != bytes(len(good))  # written anew


def test_a_copy_is_known_by_its_fingerprint_not_by_its_bytes_summed():
    """The records beside a copy are keyed by its fingerprint (length and table directory, a
    few hundred bytes): a grown copy or one cut short has another; any input has one."""
    face = cff_face()
    small = fontcache.truetype_bytes(face.path, face.index, face.weight, fonts._codepoints("年度报告"))
    grown = fontcache.truetype_bytes(face.path, face.index, face.weight, fonts._codepoints("年度报告朱镕基"))
    prints = [fontcache.fingerprint(data) for data in (small, grown, small[:-4], small[:200], b"", b"\0" * 5)]
    assert len(set(prints)) == len(prints)
    assert fontcache.fingerprint(bytes(bytearray(small))) == prints[0]


def read_by_reportlab(data: bytes, monkeypatch) -> tuple[dict, list[int]]:
    """What reportlab reads of a copy through its record (composer.layout.rlfaces): every
    field of the face but the file's bytes, and whether each reading was the whole file (1) or
    the font-wide fields only (0)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    from composer.layout import rlfaces

    readings: list[int] = []
    real = TTFontFile.extractInfo

    def spy(self, charInfo=1):
        readings.append(charInfo)
        return real(self, charInfo)

    with monkeypatch.context() as patch:
        patch.setattr(TTFontFile, "extractInfo", spy)
        copy = fontcache.cache_dir() / "truetype" / "copy.ttf"
        face = rlfaces.RecordedFace(data, copy.with_suffix(".rl"))
    fields = {k: v for k, v in vars(face).items() if k not in _NOT_READ + ("_record", "_key", "_subsets")}
    fields["glyphToChar"] = face.glyphToChar  # made when first asked for
    return {k: v for k, v in fields.items() if k not in ("_glyph_to_char", "_glyph_to_char_as_read")}, readings


# The file's bytes, the scaling function and the parser's cursor (every reader seeks first).
_NOT_READ = ("_ttf_data", "_pdfScale", "_pos")


def test_reportlab_reads_a_copy_the_same_from_its_record(monkeypatch):
    """A copy's per-glyph tables come from the record made for its bytes, equal to reportlab's
    own reading; a damaged record, or one made for other bytes, is read again from the copy."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    face = cff_face()
    data = fontcache.truetype_bytes(face.path, face.index, face.weight, fonts._codepoints(SAMPLE + "12.9%"))
    own = {k: v for k, v in vars(TTFontFace(io.BytesIO(data))).items() if k not in _NOT_READ}
    first, readings = read_by_reportlab(data, monkeypatch)
    assert readings == [1] and first == own
    second, readings = read_by_reportlab(data, monkeypatch)
    assert readings == [0] and second == own

    (record,) = (fontcache.cache_dir() / "truetype").glob("*.rl")
    good = record.read_bytes()
    record.write_bytes(good[:-9] + bytes(9))
    assert read_by_reportlab(data, monkeypatch) == (own, [1])
    assert record.read_bytes() == good

    grown = fontcache.truetype_bytes(face.path, face.index, face.weight, fonts._codepoints(SAMPLE + "镕"))
    fields, readings = read_by_reportlab(grown, monkeypatch)
    assert readings == [1] and ord("镕") in fields["charToGlyph"]

    from composer.layout import rlfaces

    with monkeypatch.context() as patch:  # a record another version of this code made
        patch.setattr(rlfaces, "_FORMAT", rlfaces._FORMAT - 1)
        assert read_by_reportlab(data, monkeypatch) == (own, [1])
    assert read_by_reportlab(data, monkeypatch) == (own, [1])
    assert read_by_reportlab(data, monkeypatch) == (own, [0])


def test_a_recorded_face_maps_glyphs_to_characters_as_reportlab_does_after_shaping_adds_one():
    """Shaping adds a private character to character -> glyph and then to glyph -> characters
    (reportlab's TTFont.__addPrivate): the table made from the record lists it once."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    from composer.layout import rlfaces

    face = cff_face()
    data = fontcache.truetype_bytes(face.path, face.index, face.weight, fonts._codepoints(SAMPLE))
    record = fontcache.cache_dir() / "truetype" / "shaped.rl"
    rlfaces.RecordedFace(data, record)  # writes the record
    faces = [TTFontFace(io.BytesIO(data)), rlfaces.RecordedFace(data, record)]
    assert "_glyph_to_char" not in vars(faces[1])  # not made yet
    for shaped in faces:
        shaped.charToGlyph[0xE000] = 3
        shaped.glyphToChar.setdefault(3, []).append(0xE000)
    assert faces[1].glyphToChar == faces[0].glyphToChar
    assert faces[1].glyphToChar[3].count(0xE000) == 1


def test_an_unwritable_cache_folder_costs_time_only(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("REPORT_COMPOSER_CACHE", str(tmp_path / "file" / "cache"))
    if shutil.which("fc-list"):
        assert fonts.resolve_faces(OFFICIAL)
    face = cff_face()
    assert fonts.missing_characters(face, SAMPLE) == []
    assert page_text(pdf_with(fonts.reportlab_font(face, SAMPLE), SAMPLE)) == SAMPLE


def render_in_two_new_processes(tmp_path: Path, profile: Path | None = None) -> list[tuple[bytes, bool]]:
    """samples/minimal.yaml as PDF, rendered by one new process and then another with the
    same cache folder: each one's PDF and whether it imported fontTools."""
    code = (
        "import sys; import composer.api as api; "
        "from composer.profile import load_profile; profile = load_profile(sys.argv[1] or None); "
        "data = api.render(api.load('samples/minimal.yaml'), 'pdf', profile=profile); "
        "open(sys.argv[2], 'wb').write(data); print('fontTools' in sys.modules)"
    )
    env = {**os.environ, "REPORT_COMPOSER_CACHE": str(tmp_path / "cache")}
    runs = []
    for run in range(2):
        pdf = tmp_path / f"run-{run}.pdf"
        result = subprocess.run([sys.executable, "-c", code, str(profile or ""), str(pdf)], capture_output=True,
                                text=True, check=True, env=env, cwd=Path(__file__).resolve().parents[1])
        runs.append((pdf.read_bytes(), result.stdout.split() == ["True"]))
    return runs


@pytest.mark.slow  # two fresh processes
def test_a_warm_cache_renders_in_a_new_process_without_fonttools(tmp_path):
    """What a process needs from the font cache it reads without fontTools (its import and
    parsing cost more than the rest of the fonts' work), and the PDF is the same."""
    (first, cold), (second, warm) = render_in_two_new_processes(tmp_path)
    assert cold and not warm and second == first


@needs(UKAI, package="fonts-arphic-ukai")
def test_a_configured_font_file_renders_from_a_warm_cache_without_fonttools(tmp_path):
    """The configured file's family names, like the installed faces', come from the cache."""
    profile = tmp_path / "overlay.toml"
    profile.write_text(f'[font_files]\nbody = "{UKAI}#1"\n', encoding="utf-8")
    (first, cold), (second, warm) = render_in_two_new_processes(tmp_path, profile)
    assert cold and not warm and second == first
    assert any(name.endswith("+UKaiHK") for name in embedded_font_names(first))


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("REPORT_COMPOSER_CACHE", str(tmp_path / "a"))
    assert fontcache.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("REPORT_COMPOSER_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert fontcache.cache_dir() == tmp_path / "xdg" / "report-composer"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert fontcache.cache_dir() == Path.home() / ".cache" / "report-composer"


# --- missing characters and per-character fallback ------------------------------------------


def test_a_missing_character_is_reported_by_name_and_code_point():
    face = cff_face()
    text = "正文\U000f0001正文\n"  # a private-use character no face has; newline is not drawn
    assert fonts.missing_characters(face, text) == ["\U000f0001"]
    with pytest.raises(fonts.MissingGlyphsError, match="U\\+F0001") as error:
        fonts.reportlab_font(face, text)
    assert error.value.characters == ["\U000f0001"]


@needs_fontconfig
@needs(UMING, package="fonts-arphic-uming")
@needs(NOTO_SERIF, package="fonts-noto-cjk")
def test_a_character_the_face_lacks_comes_from_the_fallback_and_is_reported():
    rare = "刏"  # GBK, not in AR PL UMing CN
    face = fonts.resolve_faces({"body": "仿宋_GB2312"}, {"body": str(UMING)})["body"]
    assert face.fallback is not None and face.fallback.path == NOTO_SERIF  # next face of the role
    text = f"正文{rare}正文"
    assert fonts.missing_characters(face, text) == []
    assert fonts.fallback_characters(face, text) == [rare]
    with pytest.raises(fonts.MissingGlyphsError, match="U\\+520F"):
        fonts.reportlab_font(face, text)  # the face alone lacks it
    own, borrowed = fonts.reportlab_font(face, text.replace(rare, "")), fonts.reportlab_font(face.fallback, rare)
    assert own != borrowed

    strict = fonts.resolve_faces({"body": "仿宋_GB2312"}, {"body": str(UMING)}, fallback=False)["body"]
    assert strict.fallback is None
    assert fonts.missing_characters(strict, text) == [rare]


def test_importing_the_module_loads_neither_reportlab_nor_fonttools():
    code = "import sys, composer.layout.fonts; print('reportlab' in sys.modules, 'fontTools' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.split() == ["False", "False"]
