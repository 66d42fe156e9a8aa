"""Import: existing reports (text, Markdown, Word, web page) into the model, and format in one step.

Every source is read back through the public API (`composer.import_report`) or the CLI, and the
result checked as an office would: the same model as the hand-made sample, the right parts and
levels, nothing of the text lost, furniture gone, and what could not be placed reported and kept.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

import composer
from composer.dates import format_date
from composer.model import default_title, joint_name
from composer.numbering import split_marker
from composer.punctuation import to_full_width
from composer.readers.draft import date_of, heading_marker
from composer.readers.furniture import disclosure_pairs
from composer.readers.source import SourceTable
from composer.readers.structure import ImportResult
from composer.readers.yaml_reader import report_from_yaml
from composer.yaml_writer import report_to_yaml
from conftest import ALL_SAMPLES, REPO, SEED_TEXT, SEED_YAML
from readback import squeezed, without_seal_images

DATA = REPO / "tests" / "data"
SEED_HTML = DATA / "seed-web-page.html"
OWN = DATA / "import"
OWN_REPORTS = sorted(OWN.iterdir())
SEED_FURNITURE = [
    (11, "发布时间:2024-03-08 13:25 来源:大同市科学技术局"),
    (12, "|  |  |  |"),
    (91, "扫一扫在手机上查看当前页面"),
    (93, "相关解读"),
    (94, "相关政策"),
    (95, "相关稿件"),
]


# --- helpers ---------------------------------------------------------------------------------------



def same_model(a: composer.Report, b: composer.Report, *, exclude: set[str] | None = None) -> bool:
    return squeezed(a.model_dump(exclude=exclude)) == squeezed(b.model_dump(exclude=exclude))


def imported(path: Path, **options: Any) -> ImportResult:
    result = composer.import_report(path, **options)
    assert not result.problems, "\n".join(p.format("en") for p in result.problems)
    assert result.report is not None
    return result


def notes(result: ImportResult, code: str) -> list[tuple[int | None, dict[str, Any]]]:
    return [(n.location.line, n.params) for n in result.notes if n.code == code]


def _chars(text: str) -> Counter[str]:
    return Counter(c for c in to_full_width(text)[0] if not c.isspace())


def _source_text(text: str, fixes: dict[str, str]) -> str:
    """A source line as the model keeps it: labels and markers aside (they are regenerated),
    dates in the form the document prints, document numbers as the import wrote them."""
    text = text.strip()
    for old, new in fixes.items():
        text = text.replace(old, new)
    if pairs := disclosure_pairs(text):
        return " ".join(value or "" for _, value in pairs)
    if (issued := date_of(text)) is not None:
        return format_date(issued)
    level, _, rest = heading_marker(text)
    return rest if level is not None else text


def assert_nothing_lost(result: ImportResult) -> None:
    """Every character of the source but furniture, markers and labels is in the model.

    Compared as multisets after making punctuation full-width and removing white space; the
    model's side is the report as printed (with its markers, labels and dates) plus the
    disclosure header, which is kept as data and never printed.
    """
    assert result.report is not None
    furniture = {(line, p["text"]) for line, p in notes(result, "import_furniture")}
    fixes = {p["old"]: p["new"] for _, p in notes(result, "import_doc_number_fixed")}
    source: Counter[str] = Counter()
    for block in result.source:
        if isinstance(block, SourceTable):
            cells = [c for row in block.rows for c in row]
            pairs = disclosure_pairs(" ".join(cells), colon_required=False)
            source += _chars(" ".join(v or "" for _, v in pairs) if pairs else "".join(cells))
        elif (block.line, block.text.strip()) not in furniture:
            source += _chars(_source_text(block.text, fixes))
    model = _chars(composer.render(result.report, "txt").decode("utf-8"))
    if result.report.disclosure:
        model += _chars(json.dumps(result.report.disclosure.model_dump(), ensure_ascii=False))
    lost = source - model
    assert not lost, f"lost from the source: {dict(lost)}"


def value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


# --- Word documents as an agency writes them ----------------------------------------------------------

CHINESE_LIST = (
    '<w:abstractNum {ns} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
    "</w:abstractNum>"
)


def new_document() -> Any:
    """A Word document with a 一、/（一） automatic numbering list (numId 90)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(CHINESE_LIST.format(ns=nsdecls("w"))))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return document


def add(document: Any, *runs: tuple[str, str | None, bool], align: str | None = None, numbered: int | None = None,
        style: str | None = None, first_line_chars: int | None = 200) -> Any:
    """A paragraph of (text, east-Asian font, bold) runs."""
    paragraph = document.add_paragraph(style=style)
    if align:
        paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    pPr = paragraph._p.get_or_add_pPr()
    if numbered is not None:
        numPr = pPr.get_or_add_numPr()
        numPr.get_or_add_ilvl().val = numbered
        numPr.get_or_add_numId().val = 90
    elif first_line_chars and not align:
        pPr.append(parse_xml(f'<w:ind {nsdecls("w")} w:firstLineChars="{first_line_chars}"/>'))
    for text, font, bold in runs:
        run = paragraph.add_run(text)
        if font:
            run.font.name = font
            run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
        if bold:
            run.bold = True
    return paragraph


def saved(document: Any, path: Path) -> Path:
    document.save(path)
    return path


def seed_as_agency_draft(path: Path) -> Path:
    """The seed as the office's Word draft: the title in 小标宋, 一、 headings by Word's automatic
    numbering (no marker in the text), (一) headings typed on their own lines in 楷体, body text
    in 仿宋 indented two characters, signature and date set right."""
    lines = SEED_TEXT.read_text("utf-8").splitlines()
    document = new_document()
    add(document, (lines[8], "方正小标宋简体", False), align="center")
    document.add_paragraph()
    for line in lines[13:89]:
        if not line.strip():
            continue
        level, _, rest = split_marker(line)
        if level == 1:
            add(document, (rest, "黑体", False), numbered=0)
        elif level == 2:
            add(document, (line, "楷体_GB2312", False))
        elif line in ("大同市科技局", "2023年12月7日"):
            add(document, (line, "仿宋_GB2312", False), align="right")
        else:
            add(document, (line, "仿宋_GB2312", False))
    return saved(document, path)


# --- the seed, as web text, Word draft and web page ------------------------------------------------


def test_seed_web_text_imports_to_the_seed_sample(seed_report):
    result = imported(SEED_TEXT)
    assert same_model(result.report, seed_report)


def test_seed_web_text_says_what_it_found_and_dropped_with_lines():
    result = imported(SEED_TEXT)
    assert [(line, p["text"]) for line, p in notes(result, "import_furniture")] == SEED_FURNITURE
    assert [(line, p["key"]) for line, p in notes(result, "import_part")] == [
        (16, "measures"), (64, "shortcomings"), (68, "leadership"), (82, "plans"),
    ]
    assert notes(result, "import_title") == [(9, {"text": "大同市科技局2023年法治政府建设年度报告"})]
    assert notes(result, "import_signature")[0][0] == 87
    assert notes(result, "import_date")[0][0] == 89
    assert notes(result, "import_disclosure")[0][0] == 1
    # "要求,根据", "(一)" ... every half-width mark inside the Chinese text, counted once
    assert result.punctuation_changes == notes(result, "import_punctuation")[0][1]["count"] > 100
    assert not [n for n in result.notes if n.severity != "info"]


def test_seed_web_text_loses_nothing():
    assert_nothing_lost(imported(SEED_TEXT))


def test_keep_punctuation_keeps_the_source_marks():
    result = imported(SEED_TEXT, keep_punctuation=True)
    assert result.punctuation_changes == 0
    measures = result.report.parts.measures
    assert measures.content[0].heading == "加强组织领导,不断提升法治建设工作水平。"
    assert result.report.opening[0].startswith("2023年市科技局法治政府建设坚持以习近平新时代中国特色社会主义思想为指导,")
    assert [key for key, _ in result.report.parts.items()] == ["measures", "shortcomings", "leadership", "plans"]


def test_seed_as_word_draft_with_automatic_numbering_imports_to_the_seed_sample(tmp_path, seed_report):
    path = seed_as_agency_draft(tmp_path / "draft.docx")
    texts = [p.text for p in docx.Document(path).paragraphs]
    assert "本年度推进法治政府建设的主要举措和成效" in texts  # the 一、 is Word's, not the text's
    result = imported(path)
    assert [b.marker for b in result.source if getattr(b, "marker", "")] == ["一、", "二、", "三、", "四、"]
    assert same_model(result.report, seed_report, exclude={"disclosure"})
    assert result.report.disclosure is None  # a Word draft has no web page's disclosure header
    assert_nothing_lost(result)


def test_seed_as_government_web_page_imports_to_the_seed_sample(seed_report):
    result = imported(SEED_HTML)
    assert same_model(result.report, seed_report)
    assert_nothing_lost(result)


def test_web_page_furniture_is_dropped_and_named():
    result = imported(SEED_HTML)
    dropped = " ".join(p["text"] for _, p in notes(result, "import_furniture"))
    for furniture in ("发布时间", "打印本页", "扫一扫", "相关解读", "图解"):
        assert furniture in dropped
    everything = json.dumps(result.report.model_dump(mode="json"), ensure_ascii=False)
    for furniture in ("首页", "政务公开", "搜索", "统计代码", "字体", "打印", "扫一扫", "相关解读", "图解", "网站标识码", "ICP"):
        assert furniture not in everything
    # positions are the HTML's lines: the first part heading is on the page's line 60
    assert result.sources[("parts", "measures", "heading")].line == 60
    assert SEED_HTML.read_text("utf-8").splitlines()[59].strip().startswith("<p")


# --- round trips ------------------------------------------------------------------------------------

FULL = REPO / "samples" / "full.yaml"


def round_trip(report: composer.Report, fmt: str, folder: Path, **options: Any) -> ImportResult:
    """The report rendered to `fmt` and imported back."""
    path = folder / f"report.{fmt}"
    path.write_bytes(composer.render(report, fmt, **options))
    return imported(path)


def warnings(result: ImportResult) -> list[str]:
    return [n.format("en") for n in result.notes if n.severity != "info"]


def full_with(**changes: Any) -> composer.Report:
    """The full sample with top-level fields replaced, or its table's caption."""
    data = composer.load(FULL).model_dump(exclude_none=True)
    if "caption" in changes:
        data["parts"]["measures"]["content"][2]["content"][1]["table"]["caption"] = changes.pop("caption")
    return composer.Report.model_validate({**data, **changes})


def test_the_samples_carry_everything_a_round_trip_must_bring_back():
    """Else the round trips below would prove less than they say."""
    reports = [composer.load(sample) for sample in ALL_SAMPLES]
    full = composer.load(FULL)
    header = full.header
    assert header and header.mark and header.number and header.copy_number and header.urgency and header.signers
    assert full.end_block and full.end_block.copy_to and full.seal and full.note and full.attachments
    assert full.parts.measures.content[2].content[1].table.caption
    assert any(report.disclosure for report in reports) and any(report.addressees for report in reports)


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: p.stem)
def test_paper_round_trip_gives_the_same_model_but_the_web_disclosure(sample, fmt, tmp_path):
    report = composer.load(sample)
    result = round_trip(report, fmt, tmp_path)
    # The disclosure table (索引号…) is the website's, never printed on paper: text and Word
    # lose it, rightly, and nothing else.
    assert result.report.disclosure is None
    expected = without_seal_images(report).model_copy(update={"disclosure": None})
    assert result.report.model_dump() == expected.model_dump()
    assert not warnings(result)


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: p.stem)
def test_html_page_round_trip_gives_the_same_model(sample, tmp_path):
    """The page carries all of it: red header, end block, seal, captions, and the disclosure table."""
    report = composer.load(sample)
    result = round_trip(report, "html", tmp_path)
    assert result.report.model_dump() == without_seal_images(report).model_dump()
    assert not warnings(result)


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: p.stem)
def test_html_fragment_imports_as_the_body_it_is(sample, tmp_path):
    """A fragment is the body for a site's editor: no title, red header, end block or disclosure
    table (the site's page shows its own). It imports to the same body under the standard title,
    and the import says that no title was found."""
    report = composer.load(sample)
    result = round_trip(report, "html", tmp_path, fragment=True)
    expected = without_seal_images(report).model_copy(update={
        "title": default_title(joint_name(report.issuer_names()), report.year), "header": None, "end_block": None,
        "disclosure": None,
    })
    assert result.report.model_dump() == expected.model_dump()
    codes = [n.code for n in result.notes if n.severity != "info"]
    assert "import_no_title" in codes and set(codes) <= {"import_no_title", "import_year_guessed"}


def test_the_sites_own_header_and_footer_around_our_page_stay_furniture(tmp_path):
    report = composer.load(FULL)
    page = composer.render(report, "html").decode("utf-8").replace(
        '<main class="page">', '<header><p>青山县人民政府门户网站</p></header>\n<main class="page">'
    ).replace("</main>", "</main>\n<footer><p>主办：青山县人民政府办公室　2025年3月1日</p></footer>")
    path = tmp_path / "site.html"
    path.write_text(page, encoding="utf-8")
    assert imported(path).report.model_dump() == report.model_dump()


@pytest.mark.parametrize(
    "fmt, caption",
    [
        *[(fmt, "全县行政执法案件办理情况统计表") for fmt in ("txt", "docx", "html")],
        *[(fmt, "全县行政执法案件办理情况（单位：件）") for fmt in ("txt", "docx", "html")],
        # reads as a sentence: only Word's centring and the page's <caption> say it is a caption
        ("docx", "执法案件，按领域统计"),
        ("html", "执法案件，按领域统计"),
    ],
)
def test_a_caption_in_any_wording_comes_back_as_the_caption(fmt, caption, tmp_path):
    report = full_with(caption=caption)
    result = round_trip(report, fmt, tmp_path)
    assert result.report.parts.measures.content[2].content[1].table.caption == caption
    assert result.report.model_dump(exclude={"disclosure"}) == report.model_dump(exclude={"disclosure"})


def test_a_disclosure_with_a_document_number_and_label_words_in_its_title_comes_back(tmp_path):
    report = full_with(disclosure={
        "index_number": "11140300MB1234567X/2025-00006", "title": "关于规范文号和时效管理的2024年度报告",
        "document_number": "青政报〔2025〕6号", "validity": "有效",
    })
    assert round_trip(report, "html", tmp_path).report.model_dump() == report.model_dump()


def test_a_sites_disclosure_table_with_its_document_number_filled_in(tmp_path, seed_report):
    """A document number in the table does not make it a red header laid out in a table."""
    label = '<td class="t1">文　　号：</td>'
    page = SEED_HTML.read_text("utf-8")
    assert f'{label}<td class="t2"></td>' in page
    path = tmp_path / "page.html"
    path.write_text(page.replace(f'{label}<td class="t2"></td>', f'{label}<td class="t2">同科字〔2024〕5号</td>'),
                    encoding="utf-8")
    result = imported(path)
    assert result.report.disclosure.document_number == "同科字〔2024〕5号"
    assert same_model(result.report, seed_report, exclude={"disclosure"})
    assert result.report.disclosure.model_dump(exclude={"document_number"}) == seed_report.disclosure.model_dump(
        exclude={"document_number"})


# --- the YAML an import writes ----------------------------------------------------------------------


@pytest.mark.parametrize("source", [SEED_TEXT, SEED_HTML, *OWN_REPORTS, *ALL_SAMPLES], ids=lambda p: p.name)
def test_written_yaml_is_clean_and_reloads_to_the_same_model(source):
    report = composer.load(source) if source.suffix == ".yaml" else imported(source).report
    text = report_to_yaml(report, source="x")
    assert text.startswith("# yaml-language-server: $schema=")
    reloaded = report_from_yaml(text)
    assert reloaded.model_dump() == report.model_dump()
    assert "run_in: false" not in text and "seal: false" not in text and "content: []" not in text
    assert "signature:" not in text  # every one of these is signed by its issuer
    part_lines = [line.split(":")[0].strip() for line in text.splitlines() if line.startswith("  ") and
                  line.split(":")[0].strip() in ("measures", "shortcomings", "leadership", "plans", "other")
                  and not line.startswith("   ")]
    assert part_lines == [key for key, _ in report.parts.items()]
    for paragraph in report.opening:  # one unwrapped line each
        assert f"  - {paragraph}\n" in text


def test_yaml_leaves_out_what_the_model_derives():
    text = report_to_yaml(imported(SEED_TEXT).report)
    assert "title:" not in text.split("disclosure:")[0]  # the title is issuer + year + 法治政府建设年度报告
    assert "heading: 本年度推进法治政府建设的主要举措和成效" in text  # a reworded part heading stays
    minimal = report_to_yaml(composer.load(REPO / "samples" / "minimal.yaml"))
    assert "heading:" not in minimal  # standard part headings: each part is its content list alone
    assert "  measures: # 一、主要举措和成效\n    - 2024年" in minimal


# --- reports written as agencies write them ---------------------------------------------------------


def test_run_in_headings_half_width_markers_addressee_and_chinese_date():
    result = imported(OWN / "county-market-runin.txt")
    report = result.report
    assert report.addressees == ["县人民政府"]
    assert report.date.isoformat() == "2024-01-10"  # 二〇二四年一月十日
    assert report.year == 2023 and report.title == "青川县市场监督管理局2023年法治政府建设工作情况报告"
    sections = report.parts.measures.content
    assert [s.heading for s in sections] == ["强化组织保障。", "规范行政执法行为。", "加强普法宣传。"]
    assert all(s.run_in for s in sections)
    assert sections[1].content[0].startswith("全面落实行政执法“三项制度”")
    sub = sections[1].content[1:]  # "1、" headings under "(二)"
    assert [s.heading for s in sub] == ["严格执法公示。", "推行柔性执法。"] and all(s.run_in for s in sub)
    assert "3,000余户" in sub[1].content[0]  # a figure, not a marker
    assert sections[2].content[0].startswith("结合“3·15”国际消费者权益日")
    assert report.parts.shortcomings.heading == "2023年推进法治政府建设存在的不足和原因"
    assert [s.heading for s in report.parts.plans.content] == ["加强执法队伍建设。", "推进智慧监管。"]
    assert report.seal is False
    assert_nothing_lost(result)


def test_headings_on_their_own_lines_no_opening_fifth_part_table_attachment_note():
    result = imported(OWN / "township-own-lines.txt")
    report = result.report
    assert report.opening == [] and report.addressees == []
    measures = report.parts.measures.content
    assert [s.heading for s in measures] == ["健全依法决策机制", "推进基层依法治理", "行政执法情况"]
    assert not any(s.run_in for s in measures)
    assert len(measures[0].content) == 2
    assert [s.heading for s in measures[1].content] == ["深化矛盾纠纷排查化解", "培育法治乡村"]
    table = measures[2].content[1].table
    assert table.caption == "表1　白河镇2023年行政执法情况统计"
    assert table.header == ["执法事项", "案件数（件）", "办结数（件）"]
    assert table.rows[-1] == ["合计", "23", "22"]
    # "关于镇党委书记和镇长带头抓法治建设的情况" names no part: placed by position, and said so
    assert report.parts.leadership.heading == "关于镇党委书记和镇长带头抓法治建设的情况"
    assert [line for line, _ in notes(result, "import_part_by_position")] == [22]
    assert report.parts.other.content == ["2023年度，本镇无行政复议被纠错和行政诉讼败诉案件。"]
    assert report.attachments == ["白河镇2023年度法治政府建设任务清单"]
    assert report.note == "此件公开发布"
    assert report.date.isoformat() == "2024-01-15"
    assert_nothing_lost(result)


def test_red_header_two_line_title_four_levels_and_end_block():
    result = imported(OWN / "justice-red-header.txt")
    report = result.report
    header = report.header
    assert (header.copy_number, header.urgency, header.mark) == ("000012", "特急", "石门市司法局文件")
    assert header.number == "石司发〔2024〕8号"  # typed as 石司发[2024]08号
    assert notes(result, "import_doc_number_fixed") == [(6, {"old": "石司发[2024]08号", "new": "石司发〔2024〕8号"})]
    assert report.title == "石门市司法局关于2023年度法治政府建设情况的报告"
    assert report.addressees == ["中共石门市委全面依法治市委员会办公室", "石门市人民政府"]
    level2 = report.parts.measures.content[0]
    level3 = level2.content[0]
    level4 = level3.content[1:]
    assert (level2.heading, level3.heading) == ("统筹推进法治政府建设", "完善工作机制")
    assert [s.heading for s in level4] == ["压实工作责任。", "强化督察检查。"] and all(s.run_in for s in level4)
    assert report.parts.plans.heading == "下一年度工作计划"
    assert report.note == "此件依申请公开"
    end = report.end_block
    assert end.copy_to == ["市委办公室", "市人大常委会办公室", "市政协办公室"]
    assert (end.printer, end.print_date.isoformat()) == ("石门市司法局办公室", "2024-02-28")
    assert_nothing_lost(result)


def test_web_copy_with_one_line_disclosure_skipped_level_and_text_after_the_date():
    result = imported(OWN / "district-web-copy.txt")
    report = result.report
    disclosure = report.disclosure
    assert disclosure.index_number == "11140300MB1234567X/2024-00012"
    assert (disclosure.published, disclosure.validity, disclosure.document_number) == ("2024-03-20 09:30", "有效", None)
    assert report.date.isoformat() == "2024-01-20"  # 2024/1/20
    measures = report.parts.measures
    assert measures.heading == "推进法治政府建设的主要工作"
    # "1." directly under 一、 is the second level, and will print as （一）
    assert [s.heading for s in measures.content] == ["依法保障劳动者权益。", "规范行政审批服务。"]
    assert [line for line, _ in notes(result, "import_renumbered")] == [10, 11]
    assert "1,326名劳动者" in measures.content[0].content[0]
    assert (report.parts.shortcomings.heading, report.parts.leadership.heading, report.parts.plans.heading) == (
        "存在问题", "主要负责人履职情况", "下一步思路",
    )
    # the contact line after the date is none of the known end matter: kept in the last part, reported
    assert report.parts.plans.content[-1] == "联系人：王丽 联系电话：0353-1234567"
    unplaced = notes(result, "import_unplaced")
    assert [line for line, _ in unplaced] == [20] and "第四部分" in unplaced[0][1]["place"]
    assert [text for _, text in [(l, p["text"]) for l, p in notes(result, "import_furniture")]] == [
        "当前位置:首页 > 政务公开 > 法治政府建设", "来源: 郊区人社局 浏览次数: 128", "【打印】【关闭】",
        "扫一扫在手机上查看当前页面", "相关链接", "阳泉市人力资源和社会保障局",
    ]
    assert_nothing_lost(result)


def test_markdown_version_with_headings_bold_run_ins_lists_and_table():
    result = imported(OWN / "county-health.md")
    report = result.report
    assert report.title == "临江县卫生健康局2023年法治政府建设年度报告"
    # lines of one Markdown paragraph are joined without a space between Chinese characters
    assert report.opening == ["2023年，县卫生健康局坚持以习近平法治思想为指导，全面推进卫生健康领域依法行政，各项工作取得积极成效。"]
    study, supervision = report.parts.measures.content
    assert [(s.heading, s.run_in) for s in study.content] == [("领导干部带头学法。", True), ("开展全员法治培训。", True)]
    assert study.content[0].content == ["局党组理论学习中心组全年集体学法6次，覆盖全体班子成员。"]
    table = supervision.content[1].table
    assert table.caption == "表1　2023年卫生监督抽查情况"
    assert table.header == ["监督领域", "抽查户数", "发现问题户数"] and len(table.rows) == 3
    assert report.parts.shortcomings.content == [
        "基层卫生监督力量不足，执法装备较为落后。", "医疗卫生机构依法执业意识仍需增强。",
    ]
    assert report.date.isoformat() == "2024-01-18"
    assert_nothing_lost(result)


def test_markdown_reads_what_a_web_editor_leaves_in_it(tmp_path):
    """Character references and inline HTML, as a draft copied out of a site's editor has them."""
    draft = tmp_path / "editor.md"
    draft.write_text(
        "# 某县自然资源局2025年法治政府建设年度报告\n\n"
        "&emsp;&emsp;2025年，我局<span style=\"color:red\">全面推进</span>依法行政。\n\n"
        "## 一、主要举措和成效\n\n&emsp;&emsp;继续深化&nbsp;执法改革，R&amp;D 投入&lt;1%，办结率&gt;95%。\n\n"
        "## 二、存在的不足和原因\n\n一是执法人员专业能力不足；<br>二是信息化水平不高。\n\n"
        "## 三、党政主要负责人履行推进法治建设第一责任人职责情况\n\n局主要负责人<font face=\"仿宋\">全年主持学法4次</font>。\n\n"
        "## 四、下一年度推进法治政府建设的主要安排\n\n深入推进严格规范公正文明执法。\n\n某县自然资源局\n\n2026年1月20日\n",
        "utf-8")
    report = imported(draft).report
    assert report.opening == ["2025年，我局全面推进依法行政。"]
    assert report.parts.measures.content == ["继续深化执法改革，R&D 投入<1%，办结率>95%。"]
    assert report.parts.shortcomings.content == ["一是执法人员专业能力不足；", "二是信息化水平不高。"]
    assert report.parts.leadership.content == ["局主要负责人全年主持学法4次。"]


_PICTURE_DRAFT = [
    "某县民政局2025年法治政府建设年度报告", "2025年，我局坚持依法行政，现将有关情况报告如下。", "一、主要举措和成效",
    "（一）加强组织领导。局党组召开专题会议4次。", None, "图为我局开展法治宣传活动。", "二、存在的不足和原因",
    "执法力量不足。", "三、党政主要负责人履行推进法治建设第一责任人职责情况", "主要负责人履职到位。",
    "四、下一年度推进法治政府建设的主要安排", "继续推进严格规范公正文明执法。", "某县民政局", "2026年1月15日",
]  # None: where the photo stands


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(out, "PNG")
    return out.getvalue()


def test_a_picture_in_a_word_draft_is_said_to_be_left_out_at_its_paragraph(tmp_path):
    document = docx.Document()
    for text in _PICTURE_DRAFT:
        document.add_picture(io.BytesIO(_png(200, 100))) if text is None else document.add_paragraph(text)
    document.save(tmp_path / "draft.docx")
    result = imported(tmp_path / "draft.docx")
    [(line, _)] = notes(result, "import_picture_dropped")
    assert line == _PICTURE_DRAFT.index(None) + 1
    assert [n.severity for n in result.notes if n.code == "import_picture_dropped"] == ["warning"]
    assert "图为我局开展法治宣传活动。" in result.report.parts.measures.content[0].content


def test_a_picture_in_a_web_article_is_said_to_be_left_out_not_an_icon_nor_a_seal(tmp_path):
    paragraphs = "\n".join(
        '<p><img src="photo.jpg"></p>' if text is None else f"<p>{text}</p>" for text in _PICTURE_DRAFT[1:]
    )
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head><title>{_PICTURE_DRAFT[0]}</title></head><body>\n<h1>{_PICTURE_DRAFT[0]}</h1>\n"
        f'<p><img src="share.png" width="16" height="16">分享</p>\n{paragraphs}\n'
        '<p><img class="seal" src="seal.png" style="width: 42mm"></p>\n</body></html>', "utf-8")
    result = imported(page)
    [(line, _)] = notes(result, "import_picture_dropped")
    assert line == 3 + _PICTURE_DRAFT.index(None)


def test_old_site_laid_out_in_tables_with_br_paragraphs_saved_as_gb2312(tmp_path):
    page = tmp_path / "old.html"
    page.write_bytes((OWN / "old-site-table-layout.html").read_text("utf-8").encode("gb2312"))
    result = imported(page)
    report = result.report
    assert [n.code for n in result.notes if n.severity == "warning"] == ["import_gbk"]
    assert report.title == "东坡区交通运输局2023年法治政府建设年度报告"
    assert report.opening == ["2023年，我局认真贯彻落实上级关于法治政府建设的决策部署，现将有关情况报告如下。"]
    assert [(s.heading, s.run_in) for s in report.parts.measures.content] == [("加强组织领导。", True), ("严格规范执法。", True)]
    assert [part.heading for _, part in report.parts.items()] == ["主要举措和成效", "存在的不足", "主要负责人履职情况", "下一步工作计划"]
    assert (report.issuer, report.date.isoformat()) == ("东坡区交通运输局", "2024-01-22")
    assert "版权所有" not in json.dumps(report.model_dump(mode="json"), ensure_ascii=False)
    assert_nothing_lost(result)


def test_gbk_text_from_notepad_is_read_with_a_notice(tmp_path):
    source = OWN / "county-market-runin.txt"
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(source.read_text("utf-8").encode("gbk"))
    result = imported(gbk)
    assert [n.code for n in result.notes if n.severity == "warning"] == ["import_gbk"]
    assert same_model(result.report, imported(source).report)


def test_word_draft_with_heading_styles_bold_run_ins_numbering_and_a_table(tmp_path):
    """Part headings as Word heading styles without markers, (一) by automatic numbering with a
    bold run-in heading that no 。 ends, a real table with its caption, a right-set signature."""
    document = new_document()
    add(document, ("长丰县审计局2023年法治政府建设年度报告", "方正小标宋简体", False), align="center")
    add(document, ("县委全面依法治县委员会办公室：", "仿宋_GB2312", False), first_line_chars=None)
    add(document, ("主要举措和成效", None, False), style="Heading 1")
    add(document, ("强化审计监督", "楷体_GB2312", True), ("全年完成审计项目26个，促进增收节支1.3亿元。", "仿宋_GB2312", False),
        numbered=1)
    add(document, ("规范审计执法", "楷体_GB2312", True), ("全面推行审计执法“三项制度”。", "仿宋_GB2312", False), numbered=1)
    add(document, ("表1　2023年审计项目完成情况", "黑体", False), align="center")
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, (("项目类型", "个数"), ("预算执行审计", "14"), ("经济责任审计", "12"))):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    add(document, ("存在的不足和原因", None, False), style="Heading 1")
    add(document, ("审计人员法律知识更新不够及时。", "仿宋_GB2312", False))
    add(document, ("主要负责人履行推进法治建设第一责任人职责情况", None, False), style="Heading 1")
    add(document, ("局主要负责人主持局党组会专题学法4次。", "仿宋_GB2312", False))
    add(document, ("2024年推进法治政府建设的主要安排", None, False), style="Heading 1")
    add(document, ("加强审计法治宣传", "楷体_GB2312", True), ("开展“审计法宣传周”活动。", "仿宋_GB2312", False), numbered=1)
    document.add_paragraph()
    add(document, ("长丰县审计局", "仿宋_GB2312", False), align="right")
    add(document, ("二〇二四年一月十日", "仿宋_GB2312", False), align="right")
    result = imported(saved(document, tmp_path / "audit.docx"))
    report = result.report
    assert report.addressees == ["县委全面依法治县委员会办公室"]
    measures = report.parts.measures.content
    assert [(s.heading, s.run_in) for s in measures] == [("强化审计监督", True), ("规范审计执法", True)]
    assert measures[0].content == ["全年完成审计项目26个，促进增收节支1.3亿元。"]
    table = measures[1].content[1].table
    assert (table.caption, table.header, table.rows) == (
        "表1　2023年审计项目完成情况", ["项目类型", "个数"], [["预算执行审计", "14"], ["经济责任审计", "12"]],
    )
    # Word restarts the (一) list under each 一、: the markers it draws are read as Word counts
    assert [b.marker for b in result.source if getattr(b, "marker", "")] == ["（一）", "（二）", "（三）"]
    assert [s.heading for s in report.parts.plans.content] == ["加强审计法治宣传"]
    assert report.parts.plans.heading == "2024年推进法治政府建设的主要安排"
    assert (report.issuer, report.year, report.date.isoformat()) == ("长丰县审计局", 2023, "2024-01-10")
    # positions are paragraph numbers in the body; the table counts as one
    assert result.sources[("parts", "shortcomings", "content", 0)].line == 9
    assert_nothing_lost(result)


def test_automatic_numbering_counts_as_word_does():
    from composer.readers.docx_reader import read_docx

    document = new_document()
    for level, text in ((0, "甲"), (1, "乙"), (1, "丙"), (0, "丁"), (0, "戊"), (1, "己")):
        add(document, (text, None, False), numbered=level)
    stream = io.BytesIO()
    document.save(stream)
    markers = [b.marker for b in read_docx(stream.getvalue(), "numbered.docx", composer.load_profile()).blocks]
    assert markers == ["一、", "（一）", "（二）", "二、", "三、", "（一）"]


# --- what cannot be placed, what does not validate ---------------------------------------------------

PLAIN = """某县水利局2023年法治政府建设年度报告
一、主要举措和成效
全面推进依法治水。
二、存在的不足和原因
执法力量不足。
三、主要负责人履职情况
局长带头学法。
四、下一年度工作安排
推进执法规范化。
{extra}某县水利局
2024年1月8日
"""


def test_an_extra_top_level_heading_is_kept_in_the_nearest_part_and_reported(tmp_path):
    path = tmp_path / "six.txt"
    path.write_text(PLAIN.format(extra="五、其他需要报告的情况\n无。\n六、附加说明\n本报告经局党组会审议。\n"), "utf-8")
    result = imported(path)
    other = result.report.parts.other.content
    assert other[0] == "无。" and other[1].heading == "附加说明" and other[1].content == ["本报告经局党组会审议。"]
    assert [(line, p["place"]) for line, p in notes(result, "import_unplaced")] == [(12, "第五部分“其他需要报告的情况”")]


def test_signature_and_date_on_one_line(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text(PLAIN.format(extra="").replace("某县水利局\n2024年1月8日", "某县水利局　　2024年1月8日"), "utf-8")
    report = imported(path).report
    assert (report.issuer, report.date.isoformat(), report.parts.plans.content) == (
        "某县水利局", "2024-01-08", ["推进执法规范化。"],
    )


def test_an_attachment_printed_after_the_date_is_kept_and_reported(tmp_path):
    path = tmp_path / "appended.txt"
    path.write_text(PLAIN.format(extra="") + "附件\n一、重点任务清单\n| 任务 | 责任科室 |\n| --- | --- |\n| 执法培训 | 法规科 |\n", "utf-8")
    result = imported(path)
    assert result.report.date.isoformat() == "2024-01-08"
    assert result.report.parts.plans.content == ["推进执法规范化。", "附件", "一、重点任务清单", "任务　责任科室　执法培训　法规科"]
    assert [line for line, _ in notes(result, "import_unplaced")] == [12, 13, 14]


def test_a_report_without_a_date_does_not_import_and_says_what_to_add(cli, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(PLAIN.format(extra="").replace("2024年1月8日\n", ""), "utf-8")
    result = composer.import_report(path)
    assert result.report is None
    assert [p.code for p in result.problems] == ["import_need_date"]
    out = tmp_path / "undated.yaml"
    run = cli("import", str(path), "-o", str(out))
    assert run.returncode == 1
    assert "没有找到成文日期：请在文末署名的下一行单独写上成文日期" in run.stderr and "缺少必填项" not in run.stderr
    assert not out.exists()


def test_files_that_cannot_be_imported_are_refused_clearly(cli, tmp_path):
    old = tmp_path / "report.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0 old Word")
    run = cli("import", str(old))
    assert run.returncode == 2 and "另存为" in run.stderr and "Traceback" not in run.stderr
    fake = tmp_path / "report.docx"
    fake.write_bytes(b"not a zip")
    run = cli("import", str(fake))
    assert run.returncode == 2 and "无法读取该 Word 文档" in run.stderr


# --- source positions for other tools (lint) ---------------------------------------------------------


@pytest.mark.parametrize("source", [SEED_TEXT, *[p for p in OWN_REPORTS if p.suffix == ".txt"]], ids=lambda p: p.name)
def test_every_model_text_points_at_where_it_starts_in_the_source(source):
    result = imported(source)
    lines = source.read_text("utf-8").splitlines()
    data = result.report.model_dump()
    checked = 0
    for path, at in result.sources.items():
        if path[0] not in ("opening", "parts", "attachments", "addressees") or not isinstance(value_at(data, path), str):
            continue
        value = value_at(data, path)
        written = lines[at.line - 1][at.column - 1:]
        assert to_full_width(written)[0].startswith(value[:4]), (path, at, value)
        checked += 1
    assert checked > 5


def test_run_in_body_is_placed_after_its_heading():
    result = imported(OWN / "county-market-runin.txt")
    heading = result.sources[("parts", "measures", "content", 0, "heading")]
    body = result.sources[("parts", "measures", "content", 0, "content", 0)]
    assert heading.line == body.line == 6  # "    (一)强化组织保障。局党组…"
    assert (heading.column, body.column) == (8, 8 + len("强化组织保障。"))


# --- the command line ---------------------------------------------------------------------------------


def test_cli_import_writes_yaml_that_validates_and_prints_what_it_found(cli, tmp_path):
    out = tmp_path / "seed.yaml"
    run = cli("import", str(SEED_TEXT), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert "seed-web-copy.txt:16:3: 提示: 第一部分“主要举措和成效”：本年度推进法治政府建设的主要举措和成效" in run.stderr
    assert "seed-web-copy.txt:91:1: 提示: 已略去网页附加内容：扫一扫在手机上查看当前页面" in run.stderr
    assert "半角标点改为全角" in run.stderr
    assert same_model(composer.load(out), composer.load(SEED_YAML))
    assert cli("validate", str(out)).returncode == 0


def test_cli_import_keep_punctuation_and_quiet(cli, tmp_path):
    out = tmp_path / "seed.yaml"
    run = cli("import", str(SEED_TEXT), "-o", str(out), "--keep-punctuation", "-q")
    assert run.returncode == 0 and run.stderr == ""
    assert "要求,根据市级部门普法责任清单" in out.read_text("utf-8")


def test_cli_format_imports_and_renders_in_one_step(cli, tmp_path, seed_report):
    out = tmp_path / "seed.txt"
    run = cli("format", str(SEED_TEXT), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert out.read_bytes() == composer.render(seed_report, "txt")
    run = cli("format", str(SEED_TEXT), "-o", str(SEED_TEXT))
    assert run.returncode == 2 and SEED_TEXT.read_text("utf-8").startswith("索 引 号")


def test_cli_format_html_page_to_text_in_english(cli, tmp_path, seed_report):
    out = tmp_path / "page.txt"
    run = cli("format", str(SEED_HTML), "-o", str(out), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert "info: part 1 (main measures and results)" in run.stderr
    assert out.read_bytes() == composer.render(seed_report, "txt")
