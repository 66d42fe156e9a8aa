"""OFD output (GB/T 33190): the package's parts against the schema subset, the text in reading
order, every glyph where the PDF puts it, the embedded faces covering what they draw, the same
bytes for the same input, an independent reader, and `import` reading it back."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from readback import TEXT_BOTTOM, printed_texts, squeezed

import composer
from composer.api import render_result

from conftest import ALL_SAMPLES, REPO, SEED_TEXT

NS = {"ofd": "http://www.ofdspec.org/2016"}
SCHEMA = etree.XMLSchema(etree.parse(str(REPO / "tests" / "data" / "ofd" / "ofd-subset.xsd")))
MM_PER_PT = 25.4 / 72

# An office's own report, unlike the samples: no red header, a table long enough to run onto a
# second page, half-width words and numbers, a coloured title left to the profile, disclosure
# fields partly filled, characters XML must escape.
VARIED = """\
issuer: 青河县自然资源局
year: 2023
date: 2024-01-31
addressees: [青河县人民政府]
opening:
  - 现将我局2023年度法治政府建设情况报告如下（数据截至2023年12月31日，含R&D项目<3>项）。
parts:
  measures:
    content:
      - heading: 健全依法决策机制
        run_in: true
        content:
          - 严格执行《重大行政决策程序暂行条例》，全年提交合法性审查的文件共计27件，采纳意见率100%。
      - table:
          caption: 表1　2023年行政许可事项办理情况
          header: [序号, 事项名称, 受理（件）, 办结（件）]
          rows:
ROWS
  shortcomings:
    content:
      - 执法人员GIS、无人机等新技术运用能力不足，"互联网+监管"覆盖面仍需扩大。
  leadership:
    content:
      - 局主要负责人全年主持局党组会议专题研究法治工作4次。
  plans:
    content:
      - 推进自然资源执法监管平台建设，力争2024年底前实现卫片执法全覆盖。
  other:
    content:
      - 无。
disclosure:
  index_number: 11141000-2024-00003
  category: 法治政府建设
  publisher: 青河县自然资源局
""".replace("ROWS", "\n".join(f"            - ['{n}', 土地使用权审批第{n}类, '{n * 3}', '{n * 3 - 1}']" for n in range(1, 31)))


@lru_cache(maxsize=None)
def rendered(name: str) -> tuple[bytes, bytes]:
    """(OFD, PDF) of a sample or of the varied report."""
    report = composer.load(VARIED if name == "varied" else REPO / "samples" / f"{name}.yaml")
    return render_result(report, "ofd").data, render_result(report, "pdf").data


NAMES = [path.stem for path in ALL_SAMPLES] + ["varied"]


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def deltas(text: str | None) -> list[float]:
    """DeltaX as numbers, read as the importer reads it (ofdkit checks the file independently)."""
    from composer.readers.ofd_reader import _deltas

    return _deltas(text)


def glyphs(content: bytes) -> list[tuple[str, float, float, str]]:
    """(character, x, baseline, font ID) of every character on a page, in mm, in content order."""
    out = []
    for item in etree.fromstring(content).iterfind(".//ofd:TextObject", NS):
        left, top = (float(v) for v in item.get("Boundary").split()[:2])
        for code in item.iterfind("ofd:TextCode", NS):
            x, y = left + float(code.get("X")), top + float(code.get("Y"))
            steps = deltas(code.get("DeltaX"))
            assert len(steps) == len(code.text) - 1
            for k, char in enumerate(code.text):
                out.append((char, x + sum(steps[:k]), y, item.get("Font")))
    return out


def page_contents(files: dict[str, bytes]) -> list[bytes]:
    document = etree.fromstring(files["Doc_0/Document.xml"])
    return [files["Doc_0/" + page.get("BaseLoc")] for page in document.iterfind(".//ofd:Page", NS)]


def assert_in_order(report: composer.Report, text: str) -> None:
    """Every printed text of the report is in `text`, each paragraph in the order the TXT
    output (reading order) gives them, a table row's cells one after another."""
    at = 0
    for line in render_result(report, "txt").data.decode("utf-8").splitlines():
        for piece in line.strip(" |").split(" | "):
            piece = squeezed(piece)
            if not piece or set(piece) <= set("━─-"):
                continue
            found = text.find(piece, at)
            assert found >= 0, (piece, text[at:at + 80])
            at = found + len(piece)
    assert [paragraph for paragraph in printed_texts(report) if squeezed(paragraph) not in text] == []


@pytest.mark.parametrize("name", NAMES)
def test_every_xml_part_is_valid_against_the_schema(name):
    files = parts(rendered(name)[0])
    xml = [part for part in files if part.endswith(".xml")]
    assert {"OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml", "Doc_0/Pages/Page_0/Content.xml"} <= set(xml)
    for part in xml:
        assert SCHEMA.validate(etree.fromstring(files[part])), f"{part}: {SCHEMA.error_log.last_error}"


def test_the_schema_refuses_what_the_standard_refuses():
    """The schema checks something: a TextObject without its Font, a box with three numbers."""
    files = parts(rendered("minimal")[0])
    page = etree.fromstring(files["Doc_0/Pages/Page_0/Content.xml"])
    text = page.find(".//ofd:TextObject", NS)
    del text.attrib["Font"]
    assert not SCHEMA.validate(page)
    document = etree.fromstring(files["Doc_0/Document.xml"])
    document.find(".//ofd:PhysicalBox", NS).text = "0 0 210"
    assert not SCHEMA.validate(document)


def test_the_page_area_is_a4_and_each_page_has_a_content_part():
    files = parts(rendered("full")[0])
    document = etree.fromstring(files["Doc_0/Document.xml"])
    assert document.findtext(".//ofd:PageArea/ofd:PhysicalBox", namespaces=NS) == "0 0 210 297"
    with pdfplumber.open(io.BytesIO(rendered("full")[1])) as pdf:
        assert len(page_contents(files)) == len(pdf.pages) > 1


@pytest.mark.parametrize("name", NAMES)
def test_every_paragraph_is_found_in_order(name):
    report = composer.load(VARIED if name == "varied" else REPO / "samples" / f"{name}.yaml")
    text = squeezed("".join(  # page numbers, under the text block, left out
        char for content in page_contents(parts(rendered(name)[0]))
        for char, _, y, _ in glyphs(content) if y < TEXT_BOTTOM * MM_PER_PT
    ))
    assert_in_order(report, text)


@pytest.mark.parametrize("name", NAMES)
def test_glyphs_sit_where_the_pdf_puts_them_within_a_tenth_of_a_millimetre(name):
    ofd, pdf = rendered(name)
    ours = glyphs(page_contents(parts(ofd))[0])
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        theirs = [(c["text"], c["matrix"][4] * MM_PER_PT, (page.height - c["matrix"][5]) * MM_PER_PT) for c in page.chars]

    def key(glyph):
        return (round(glyph[2]), glyph[1])

    ours_sorted = sorted((g for g in ours if g[0].strip()), key=key)
    theirs_sorted = sorted((g for g in theirs if g[0].strip()), key=key)
    assert [g[0] for g in ours_sorted] == [g[0] for g in theirs_sorted]
    for mine, reference in zip(ours_sorted, theirs_sorted):
        assert abs(mine[1] - reference[1]) <= 0.1 and abs(mine[2] - reference[2]) <= 0.1, (mine, reference)


@pytest.mark.parametrize("name", NAMES)
def test_the_embedded_faces_cover_every_character_they_draw(name):
    files = parts(rendered(name)[0])
    res = etree.fromstring(files["Doc_0/PublicRes.xml"])
    cmaps = {
        font.get("ID"): TTFont(io.BytesIO(files["Doc_0/Res/" + font.findtext("ofd:FontFile", namespaces=NS)])).getBestCmap()
        for font in res.iterfind(".//ofd:Font", NS)
    }
    used: dict[str, set[str]] = {}
    for content in page_contents(files):
        for char, _, _, font in glyphs(content):
            used.setdefault(font, set()).add(char)
    assert set(used) == set(cmaps)
    for font, chars in used.items():
        lacking = {char for char in chars if (0x20 if char == "\u00a0" else ord(char)) not in cmaps[font]}
        assert not lacking, (font, lacking)
        assert len(cmaps[font]) <= len(chars) + 2  # a subset: the characters drawn (and space)


def test_metadata_carries_the_archives_fields():
    info = etree.fromstring(parts(rendered("datong-keji-2023")[0])["OFD.xml"]).find(".//ofd:DocInfo", NS)
    report = composer.load(REPO / "samples" / "datong-keji-2023.yaml")
    assert info.findtext("ofd:Author", namespaces=NS) == report.issuer
    assert info.findtext("ofd:CreationDate", namespaces=NS) == report.date.isoformat()
    assert str(report.year) in [k.text for k in info.iterfind("ofd:Keywords/ofd:Keyword", NS)]
    custom = {data.get("Name"): data.text for data in info.iterfind(".//ofd:CustomData", NS)}
    assert custom["年度"] == str(report.year)
    assert custom["索引号"] == report.disclosure.index_number
    assert "文号" not in custom  # left empty in the report: not written as empty data
    full = etree.fromstring(parts(rendered("full")[0])["OFD.xml"])
    assert full.find(".//ofd:CustomData[@Name='发文字号']", NS).text == "青政报〔2025〕6号"


def test_the_same_report_gives_the_same_bytes():
    report = composer.load(VARIED)
    first = render_result(report, "ofd").data
    assert render_result(report, "ofd").data == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(2024, 1, 31, 0, 0, 0)}
        assert package.namelist() == sorted(package.namelist())


def test_the_table_runs_onto_a_second_page_with_its_rules():
    contents = page_contents(parts(rendered("varied")[0]))
    pages_with_rows = [
        content for content in contents
        if any(char == "土" for char, *_ in glyphs(content))
    ]
    assert len(pages_with_rows) >= 2
    for content in pages_with_rows:
        assert etree.fromstring(content).findall(".//ofd:PathObject", NS)


@pytest.mark.parametrize("name", NAMES)
def test_import_reads_back_what_render_wrote(name, tmp_path):
    """The OFD imports to the same report as the TXT of the same render does."""
    report = composer.load(VARIED if name == "varied" else REPO / "samples" / f"{name}.yaml")
    ofd = tmp_path / "report.ofd"
    ofd.write_bytes(rendered(name)[0])
    txt = tmp_path / "report.txt"
    txt.write_bytes(render_result(report, "txt").data)
    from_ofd = composer.import_report(ofd)
    from_txt = composer.import_report(txt)
    assert from_ofd.report is not None
    assert from_ofd.report.model_dump() == from_txt.report.model_dump()
    as_written = composer.import_report(ofd, keep_punctuation=True).report  # "..." stays as typed
    assert squeezed("".join(printed_texts(as_written))) == squeezed("".join(printed_texts(report)))


def test_the_seed_round_trips_through_ofd(tmp_path):
    """The seed, imported from its web copy, rendered to OFD and imported again: the same paragraphs."""
    seed = composer.import_report(SEED_TEXT).report
    ofd = tmp_path / "seed.ofd"
    composer.render_to(seed, ofd)
    again = composer.import_report(ofd).report
    assert again is not None
    assert printed_texts(again) == printed_texts(seed)


def test_cli_renders_ofd_by_suffix_by_format_and_in_batch(cli, tmp_path):
    sample = str(REPO / "samples" / "minimal.yaml")
    by_suffix = cli("render", sample, "-o", str(tmp_path / "a.ofd"))
    assert by_suffix.returncode == 0, by_suffix.stderr
    by_format = cli("render", sample, "--format", "ofd", "-o", str(tmp_path / "b"))
    assert by_format.returncode == 0, by_format.stderr
    assert (tmp_path / "a.ofd").read_bytes() == (tmp_path / "b").read_bytes() == rendered("minimal")[0]
    incoming = tmp_path / "in"
    incoming.mkdir()
    (incoming / "r.yaml").write_bytes((REPO / "samples" / "minimal.yaml").read_bytes())
    batch = cli("batch", str(incoming), "-o", str(tmp_path / "out"), "--formats", "ofd,txt", "-j", "1")
    assert batch.returncode == 0, batch.stderr
    assert (tmp_path / "out" / "r.ofd").read_bytes() == rendered("minimal")[0]


def test_cli_import_of_a_broken_ofd_says_so_without_a_traceback(cli, tmp_path):
    broken = tmp_path / "报告.ofd"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = cli("import", str(broken), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode != 0
    assert "无法读取该 OFD 文件" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.yaml").exists()
    hollow = tmp_path / "hollow.ofd"
    with zipfile.ZipFile(hollow, "w") as package:
        package.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>")
    result = cli("import", str(hollow), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode != 0 and "无法读取该 OFD 文件" in result.stderr, result.stderr


def test_an_independent_reader_finds_the_text_and_metadata():
    ofdkit = pytest.importorskip("ofdkit", reason="ofdkit (PyPI, an independent OFD reader) is not installed")
    report = composer.load(VARIED)
    with ofdkit.open(rendered("varied")[0]) as document:
        assert document.info.title == report.title or document.info.author == report.issuer
        assert document.info.custom_data["索引号"] == "11141000-2024-00003"
        text = squeezed(document.text())
        assert len(document.pages) == len(page_contents(parts(rendered("varied")[0])))
        first = document.pages[0].runs[0]
        assert 0 < first.x < 210 and 0 < first.y < 297
    assert_in_order(report, text)
