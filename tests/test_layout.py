"""The layout stage: pages of glyph runs that say what they are and where they came from, one
place for every problem found after reading, and renders that share nothing between threads."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

import composer
from composer.compose import compose
from composer.layout import lay_out
from composer.layout.typeset import Glyphs
from composer.profile import load_profile

from conftest import SAMPLES

RARE = "𓀀"  # U+13000, an Egyptian hieroglyph: no Chinese face has it

# The same character in the places offices put text, written as offices write YAML: plain,
# quoted, block scalars, a typed heading marker the model drops, a part as its bare list.
PARTS = """\
  shortcomings:
    - 一是基层力量薄弱。
  leadership: [主要负责人履行第一责任人职责。]
  plans:
    - 加强队伍建设。
"""
PLACES = {
    "plain paragraph": f"""\
issuer: 青山县司法局
year: 2024
date: 2025-01-20
parts:
  measures:
    - 全年办理行政复议案件12件，其中{RARE}字号案件1件。
{PARTS}""",
    "second line of a literal block": f"""\
issuer: 青山县司法局
year: 2024
date: 2025年1月20日
parts:
  measures:
    content:
      - |
        第一段正文。
          第二段正文，含有{RARE}字。
{PARTS}""",
    "run-in heading with a typed marker": f"""\
issuer: "青山县司法局"
year: 2024
date: 二〇二五年一月二十日
parts:
  measures:
    - heading: （一）加强{RARE}组织领导。
      run_in: true
      content: ["局党组专题研究法治建设工作4次。"]
{PARTS}""",
    "table cell, flow style": f"""\
issuer: 青山县司法局
year: 2024
date: 2025-01-20
parts:
  measures:
    - 全年执法情况如下表。
    - table: {{caption: 表1　执法情况, header: [领域, 案件数], rows: [[市场监管, 12], ["{RARE}区", 3]]}}
{PARTS}""",
    "second addressee": f"""\
issuer: 青山县司法局
year: 2024
date: 2025-01-20
addressees:
  - 青州市司法局
  - 青州市{RARE}办
parts:
  measures: [正文。]
{PARTS}""",
    "folded double-quoted paragraph": f"""\
issuer: 青山县司法局
year: 2024
date: 2025-01-20
parts:
  measures:
    - "全年办理行政复议案件12件，
      其中{RARE}字号案件1件。"
{PARTS}""",
}


def where(text: str, char: str = RARE) -> tuple[int, int]:
    at = text.index(char)
    return text[:at].count("\n") + 1, at - text.rfind("\n", 0, at)


@pytest.mark.parametrize("place", PLACES)
def test_a_missing_glyph_is_placed_alike_by_render_batch_and_the_api(place, cli, tmp_path):
    text = PLACES[place]
    source = tmp_path / "报告.yaml"
    source.write_text(text, encoding="utf-8")
    line, column = where(text)
    expected = f"{source}:{line}:{column}: 错误: "

    with pytest.raises(composer.ReportError) as caught:
        composer.render_result(composer.load(source), "pdf")
    [problem] = caught.value.problems
    assert problem.code == "font_missing_character"
    assert problem.format("zh").startswith(expected), problem.format("zh")

    rendered = cli("render", str(source), "-o", str(tmp_path / "out.pdf"))
    assert rendered.returncode == 1 and expected in rendered.stderr, rendered.stderr
    assert not (tmp_path / "out.pdf").exists()

    batched = cli("batch", str(source), "-o", str(tmp_path / "batch"), "--formats", "pdf", "-j", "1")
    assert batched.returncode == 1
    summary = json.loads((tmp_path / "batch" / "summary.json").read_text(encoding="utf-8"))
    [found] = [p for p in summary["reports"][0]["problems"] if p["code"] == "font_missing_character"]
    assert (found["file"], found["line"], found["column"]) == (str(source), line, column)
    assert expected in batched.stderr + batched.stdout


def test_a_missing_glyph_in_a_report_built_in_python_keeps_its_model_path():
    report = composer.Report.model_validate(json.loads(json.dumps({
        "issuer": "青山县司法局", "year": 2024, "date": "2025-01-20",
        "parts": {"measures": ["正文。", f"其中{RARE}字。"], "shortcomings": ["不足。"], "leadership": ["履职。"],
                  "plans": ["安排。"]},
    })))
    with pytest.raises(composer.ReportError) as caught:
        composer.render(report, "pdf")
    [problem] = caught.value.problems
    assert problem.location.line is None
    assert problem.location.path == ("parts", "measures", "content", 1) and problem.location.offset == 2


def test_a_missing_glyph_in_the_title_made_from_the_issuer_is_placed_at_the_issuer(tmp_path):
    text = PLACES["plain paragraph"].replace(RARE, "").replace("issuer: 青山县司法局", f"issuer: 青山县{RARE}司法局")
    source = tmp_path / "r.yaml"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(composer.ReportError) as caught:
        composer.render(composer.load(source), "pdf")
    # The title and the signature (faces of two roles, a problem each) both come from the issuer.
    problems = caught.value.problems
    assert sorted(p.params["role"].code for p in problems) == ["role_body", "role_title"]
    for problem in problems:
        assert (problem.location.line, problem.location.column) == where(text)
        assert problem.location.path == ("issuer",)


# --- the laid-out pages -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def full_pages():
    report = composer.load(SAMPLES / "full.yaml")
    profile = load_profile()
    return report, lay_out(compose(report, profile), profile)


def runs_of(paged) -> list[Glyphs]:
    return [item for page in paged.pages for item in page.items if isinstance(item, Glyphs)]


def value_at(report, path):
    value = report
    for element in path:
        value = value[element] if isinstance(element, int) or isinstance(value, dict) else getattr(value, element)
    return value


def test_every_glyph_run_says_what_it_is_and_which_value_it_came_from(full_pages):
    report, paged = full_pages
    runs = runs_of(paged)
    kinds = {run.origin.kind for run in runs}
    assert {"title", "addressee", "heading", "paragraph", "caption", "table_header", "table_cell", "attachments",
            "signature", "date", "note", "header", "end_block", "page_number"} <= kinds
    for run in runs:
        if run.origin.kind in ("paragraph", "title", "table_cell", "table_header", "caption", "signature"):
            value = value_at(report, run.origin.path)
            # a line of the value, as it was written (the line may be justified, never altered)
            assert run.text.strip() in value.replace("\n", ""), (run.origin, run.text)
    headings = {run.origin.level for run in runs if run.origin.kind == "heading"}
    assert headings == {1, 2, 3, 4}
    cells = [run.origin for run in runs if run.origin.kind == "table_cell"]
    assert all(o.row >= 1 and o.column >= 0 and o.path[-3] == "rows" for o in cells)
    assert value_at(report, cells[0].path) in [c for row in value_at(report, cells[0].path[:-3]).rows for c in row]
    assert [run.text.strip("— ") for run in runs if run.origin.kind == "page_number"] == [
        str(n) for n in range(1, len(paged.pages) + 1)
    ]


def test_each_run_has_the_face_that_draws_it_and_the_pages_say_which_face_each_role_has(full_pages):
    _, paged = full_pages
    runs = runs_of(paged)
    assert set(paged.faces) == {"title", "body", "heading1", "heading2", "page_number"}
    for run in runs:
        assert run.font and paged.fonts.face(run.font) == run.face
        assert run.face in (paged.faces[run.role], paged.faces[run.role].fallback)
    stand_ins = [p for p in paged.problems if p.code == "font_substituted"]
    assert len(stand_ins) == any(not face.official for face in paged.faces.values())


def test_a_run_in_heading_and_its_paragraph_are_runs_of_their_own(full_pages):
    """Also where both are set in the body face (levels 3 and 4): one line, two origins."""
    report, paged = full_pages
    runs = runs_of(paged)
    leads = [k for k, run in enumerate(runs) if run.origin.kind == "heading"
             and getattr(value_at(report, run.origin.path[:-1]), "run_in", False)]
    assert {runs[k].origin.level for k in leads} == {2, 4}  # heading2 face; body face
    for k in leads:
        heading, text = runs[k], runs[k + 1]
        assert heading.baseline == text.baseline and text.origin.kind == "paragraph"
        assert text.origin.path == (*heading.origin.path[:-1], "content", 0)
        assert heading.origin.offset == -len(heading.text) + len(value_at(report, heading.origin.path))  # after its marker
        assert text.joined == (text.role == heading.role)


# --- one channel for problems -------------------------------------------------------------------


NO_SUCH_BODY = '[fonts]\nbody = { value = "某某不存在的仿宋", clause = "5.2.2", force = "一般" }\n'
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")


def test_eight_threads_rendering_at_once_each_get_their_own_output_and_warnings(tmp_path):
    """A shared warnings channel would hand one thread's warnings to another: the report of
    thread 0 is the only one with a character its face lends from the fallback."""
    overlay = tmp_path / "profile.toml"
    overlay.write_text(NO_SUCH_BODY, encoding="utf-8")
    profile = load_profile(overlay)
    plain = composer.load(SAMPLES / "full.yaml")
    borrowing = None
    if UMING.exists():  # 刏 is GBK but not in AR PL UMing: its fallback face draws it
        other = tmp_path / "uming.toml"
        other.write_text(f'[font_files]\nbody = "{UMING}"\n', encoding="utf-8")
        other_profile = load_profile(other)
        borrowing = composer.load(SAMPLES / "minimal.yaml").model_copy(update={"opening": ["正文刏正文。"]})
    jobs = [(borrowing, other_profile) if borrowing and k == 0 else (plain, profile) for k in range(8)]
    expected = [composer.render_result(report, "pdf", profile=p) for report, p in jobs[:2]]
    results: list = [None] * 8
    start = threading.Barrier(8)

    def work(k: int) -> None:
        start.wait()
        report, p = jobs[k]
        results[k] = composer.render_result(report, "pdf", profile=p)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for k, result in enumerate(results):
        want = expected[0] if borrowing and k == 0 else expected[-1]
        assert result == want
        codes = sorted(p.code for p in result.problems)
        if borrowing and k == 0:
            assert codes == ["font_borrowed", "font_substituted"]
        else:
            assert codes == ["font_substituted"] and "代替 某某不存在的仿宋" in result.problems[0].message("zh")
            assert result.problems[0].location.file == str(SAMPLES / "full.yaml")


def test_render_is_render_results_data_and_only_pdf_knows_its_pages():
    report = composer.load(SAMPLES / "minimal.yaml")
    for fmt in ("docx", "html", "txt"):
        result = composer.render_result(report, fmt)
        assert result.pages is None and result.problems == () and result.data == composer.render(report, fmt)
    pdf = composer.render_result(report, "pdf")
    assert pdf.pages == 1 and pdf.data == composer.render(report, "pdf")


def test_font_messages_are_worded_in_the_language_asked_for(tmp_path):
    overlay = tmp_path / "profile.toml"
    broken = tmp_path / "face.ttf"
    broken.write_bytes(b"not a font" * 10)
    overlay.write_text(f'[font_files]\nbody = "{broken.as_posix()}"\n', encoding="utf-8")
    with pytest.raises(composer.ReportError) as caught:
        composer.render(composer.load(SAMPLES / "minimal.yaml"), "pdf", profile=load_profile(overlay))
    [problem] = caught.value.problems
    assert problem.message("zh") == f"找不到可用的字体：配置的正文字体 {broken.as_posix()} 中没有第 0 号字体"
    assert problem.message("en") == f"no usable font: configured body font {broken.as_posix()} has no face #0"


WEB_COPY = f"""\
青山县司法局2024年法治政府建设年度报告

一、2024年推进法治政府建设的主要举措和成效
（一）加强组织领导
全年办理行政复议案件12件，其中{RARE}字号案件1件。
二、存在的不足和原因
一是基层力量薄弱。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人履行第一责任人职责。
四、2025年主要安排
加强队伍建设。

青山县司法局
2025年1月20日
"""


def test_a_missing_glyph_in_an_imported_source_is_placed_in_the_source_by_format_and_batch(cli, tmp_path):
    source = tmp_path / "网页复制.txt"
    source.write_text(WEB_COPY, encoding="utf-8")
    line, column = where(WEB_COPY)
    expected = f"{source}:{line}:{column}: 错误: "
    formatted = cli("format", "-q", str(source), "-o", str(tmp_path / "out.pdf"))
    assert formatted.returncode == 1 and expected in formatted.stderr, formatted.stderr
    batched = cli("batch", str(source), "-o", str(tmp_path / "batch"), "--formats", "pdf", "-j", "1")
    assert batched.returncode == 1 and expected in batched.stderr + batched.stdout


# --- the end of the document (GB/T 9704 7.3.4, 7.3.5) -------------------------------------------


def _pages_of_kind(paged, kind: str) -> dict[tuple, set[int]]:
    """For each value of that kind (by model path), the pages its glyphs are on."""
    found: dict[tuple, set[int]] = {}
    for number, page in enumerate(paged.pages, 1):
        for item in page.items:
            if isinstance(item, Glyphs) and item.origin.kind == kind:
                found.setdefault(item.origin.path, set()).add(number)
    return found


@pytest.mark.parametrize("filler", [6, 8, 10, 28, 31, 50])
def test_an_attachment_item_is_never_split_over_two_pages(filler):
    # An office's long attachment names: each wraps, and the filler moves them over a page end.
    long_name = "青山县2024年度法治政府建设重点任务完成情况统计表及各乡镇、各部门责任清单"
    report = composer.load(f"""\
issuer: 青山县司法局
year: 2024
date: 2025-01-20
parts:
  measures:
{"".join(f"    - 第{n}项工作按计划推进，完成年度目标。" + chr(10) for n in range(filler))}
  shortcomings: [一是基层力量薄弱。]
  leadership: [主要负责人履行第一责任人职责。]
  plans: [加强队伍建设。]
attachments: ["{long_name}", "{long_name}（续表）"]
""")
    profile = load_profile()
    paged = lay_out(compose(report, profile), profile)
    items = _pages_of_kind(paged, "attachments")
    assert len(items) == 2 and all(len(pages) == 1 for pages in items.values()), items
    [signature_pages] = _pages_of_kind(paged, "signature").values()
    assert max(p for pages in items.values() for p in pages) == min(signature_pages)
