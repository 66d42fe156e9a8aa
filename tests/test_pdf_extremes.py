"""Nothing of the report is lost on the PDF page: extreme inputs either come out whole, every
character inside the page (and the body inside the text block), or stop with a located error.

Each PDF is read back with pdfplumber, character by character.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import docx
import pdfplumber
import pytest

import composer
from composer.profile import load_profile
from conftest import run_cli
from readback import printed_texts

PROFILE = load_profile()
LEFT, TOP = PROFILE.page.margin_left.pt, PROFILE.page.margin_top.pt
RIGHT, BOTTOM = LEFT + PROFILE.page.text_width.pt, TOP + PROFILE.page.text_height.pt
EDGE = 1.0  # points: a face's advance may be a little wider than its grid cell

AGENCIES = ["县委办公室", "县人大常委会办公室", "县政府办公室", "县政协办公室", "县纪委监委", "县委组织部",
            "县委宣传部", "县委政法委", "县发展和改革局", "县教育和体育局", "县公安局", "县民政局",
            "县财政局", "县人力资源和社会保障局", "县自然资源局", "县生态环境分局", "县住房和城乡建设局",
            "县交通运输局", "县水利局", "县农业农村局", "县商务局", "县文化和旅游局", "县卫生健康委员会",
            "县退役军人事务局", "县应急管理局", "县审计局", "县市场监督管理局", "县统计局", "县医疗保障局",
            "县信访局", "县行政审批服务管理局", "县人民法院", "县人民检察院", "县总工会", "团县委",
            "县妇联", "县科协", "县残联", "各乡（镇）人民政府", "县经济开发区管委会"]

# What an office writes into a table cell when it pastes its whole account into one row.
SENTENCES = ["全年办理行政复议案件37件，其中维持21件、撤销5件、确认违法2件，纠错率为18.9%。",
             "开展“八五”普法中期评估，组织领导干部旁听庭审4场次，参训人员共计1,260人次；",
             "推行“双随机、一公开”监管，抽查市场主体2,315户（含个体工商户1,804户）。",
             "依托12345政务服务便民热线受理群众诉求9,876件，按时办结率99.2%，满意率96.5%。",
             "编制《行政执法事项清单（2024年版）》，梳理执法事项1,436项——涵盖11个领域。",
             "在GDP增速放缓的情况下，仍安排法治建设专项经费85.6万元，同比增长12%……"]


def _base(**fields: Any) -> dict[str, Any]:
    report: dict[str, Any] = {
        "issuer": "青山县司法局", "year": 2024, "date": "2025-01-20",
        "parts": {"measures": ["2024年，我局推进法治政府建设各项工作。"], "shortcomings": ["执法人员能力仍需提升。"],
                  "leadership": ["主要负责人履行第一责任人职责。"], "plans": ["2025年，我局将继续推进依法行政。"]},
    }
    report.update(fields)
    return report


def _long_text(chars: int) -> str:
    text = ""
    while len(text) < chars:
        text += SENTENCES[len(text) % len(SENTENCES)]
    return text[:chars - 1] + "。"


def _with_measures(*content: Any) -> dict[str, Any]:
    report = _base()
    report["parts"]["measures"] = ["2024年主要工作情况如下。", *content]
    return report


def _header(**fields: Any) -> dict[str, Any]:
    return {"mark": "青山县司法局文件", "number": "青司发〔2025〕3号", **fields}


EXTREMES = {
    "huge-table-cell": _with_measures({"table": {
        "caption": "表1　行政执法工作情况", "header": ["领域", "工作情况", "案件数", "备注"],
        "rows": [["市场监管", _long_text(900), "412", "—"], ["生态环境", "开展专项执法检查。", "86", ""]],
    }}),
    "huge-cell-with-line-breaks": _with_measures({"table": {
        "header": ["序号", "事项", "说明"],
        "rows": [["1", "行政复议", "\n".join(_long_text(90) for _ in range(12))], ["2", "行政应诉", "出庭应诉率100%。"]],
    }}),
    "huge-header-cell": _with_measures({"table": {
        "header": ["项目", _long_text(700)], "rows": [["合计", "3"]],
    }}),
    "400-row-table": _with_measures({"table": {
        "caption": "表2　行政许可事项目录", "header": ["序号", "事项名称", "实施机关", "办理时限（工作日）"],
        "rows": [[str(i + 1), f"{AGENCIES[i % len(AGENCIES)]}许可事项第{i + 1}项", AGENCIES[(i * 7) % len(AGENCIES)],
                  str(5 + i % 15)] for i in range(400)],
    }}),
    "3000-character-paragraph": _base(opening=[_long_text(3000)]),
    "40-copy-to-names": _base(end_block={"copy_to": AGENCIES, "printer": "青山县司法局办公室",
                                         "print_date": "2025-01-21"}),
    "30-character-issuer-mark": _base(header=_header(mark="青山县人民政府办公室青山县司法局青山县财政局联合文件")),
    "issuer-mark-with-latin": _base(header=_header(mark="青山县WTO事务及GDP核算工作领导小组办公室文件")),
    "12-signers": _base(header=_header(signers=["张三", "李四", "王五", "赵六", "欧阳建国", "司马光明", "钱七",
                                                "孙八", "周九", "吴十", "郑十一", "诸葛亮亮"])),
    # centred over the date, a signature with Latin letters (set at their natural width) would
    # end past the right edge: it ends at the edge instead
    "sealed-signature-with-latin": _base(issuer="</b>青山县WTO事务工作领导小组", seal=True),
    # lines opening with 《 or “ (bench's 20x seed stopped on this when such a mark gave up
    # its blank left half): the mark stays in its cell, inside the text block
    "lines-opening-with-marks": _base(opening=[
        "一" * 26 + "《关于申报2023年度山西省区域类综合性中试基地建设的通知》要求，" + "二" * 24
        + "“双随机、一公开”监管全面推行。"]),
    "12-signers-uneven": _base(header=_header(signers=[f"王{n}" for n in ("一", "明", "建国", "小红", "志强伟",
                                                                         "丽", "晓东", "卫", "国庆", "子", "婷婷",
                                                                         "海")])),
}


def _chars(data: bytes) -> list[list[dict[str, Any]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [[{k: c[k] for k in ("text", "x0", "x1", "top", "bottom")} for c in page.chars] for page in pdf.pages]


SLOW = {"400-row-table"}  # reading back its 15 pages takes pdfplumber ~10 s


@pytest.fixture(scope="module", params=[
    pytest.param(name, marks=[pytest.mark.slow] if name in SLOW else []) for name in sorted(EXTREMES)
])
def extreme(request):
    report = composer.Report.model_validate(EXTREMES[request.param])
    return report, _chars(composer.render(report, "pdf"))


def test_every_character_of_the_report_is_on_the_pdf(extreme):
    report, pages = extreme
    wanted = Counter("".join("".join(text.split()) for text in printed_texts(report)))
    found = Counter(c["text"] for page in pages for c in page)
    assert wanted - found == Counter()


def test_every_character_is_inside_the_page_and_the_body_inside_the_text_block(extreme):
    _, pages = extreme
    width, height = PROFILE.page.width.pt, PROFILE.page.height.pt
    for page in pages:
        for c in page:
            assert 0 <= c["x0"] and c["x1"] <= width and 0 <= c["top"] and c["bottom"] <= height, c
            if c["top"] < BOTTOM:  # below the text block stand only the page numbers
                assert LEFT - EDGE <= c["x0"] and c["x1"] <= RIGHT + EDGE, c  # no mark hangs
                assert TOP - EDGE <= c["top"] and c["bottom"] <= BOTTOM + EDGE, c
            else:
                assert c["text"] in "— 0123456789", c


def test_a_row_taller_than_a_page_breaks_under_the_repeated_header_row():
    report = composer.Report.model_validate(EXTREMES["huge-table-cell"])
    pages = _chars(composer.render(report, "pdf"))
    assert len(pages) >= 2
    first_line = sorted({round(c["top"]) for c in pages[1]})[0]
    assert "".join(c["text"] for c in pages[1] if round(c["top"]) == first_line) == "领域工作情况案件数备注"
    # The row fills the first page down to the text block's foot before it breaks.
    assert max(c["bottom"] for c in pages[0] if c["top"] < BOTTOM) > BOTTOM - 2 * PROFILE.table.line_height.pt


def test_the_docx_lets_only_a_row_taller_than_a_page_break_so_both_formats_keep_it_whole():
    report = composer.Report.model_validate(EXTREMES["huge-table-cell"])
    document = docx.Document(io.BytesIO(composer.render(report, "docx")))
    [table] = document.tables
    can_split = [not row._tr.xpath("./w:trPr/w:cantSplit") for row in table.rows]
    assert can_split == [False, True, False]
    assert _long_text(900) in "".join(table.rows[1]._tr.xpath(".//w:t/text()"))


LOCATED = {
    # a 60-character signature: GB/T 9704 sets it on one line
    "signature": ("signature: " + "青山县人民政府办公室" * 6 + "\n", "signature", "署名应在一行内排完"),
    # two long names a line, as the standard sets signers, cannot fit beside the number
    "signers": ("header:\n  mark: 青山县司法局文件\n  number: 青司发〔2025〕3号\n  signers:\n"
                "    - 青山县人民政府办公室主任张三丰\n    - 青山县司法局党组书记局长李四光\n", "    - 青山县人民政府",
                "签发人姓名每行排两个"),
    # an end block (版记) that no single page can hold
    "copy_to": ("end_block:\n  printer: 青山县司法局办公室\n  print_date: 2025-01-21\n  copy_to:\n"
                + "".join(f"    - {AGENCIES[i % len(AGENCIES)]}第{i + 1}联络组\n" for i in range(260)),
                "    - 县委办公室第1联络组", "版记须排在一页之内"),
}


@pytest.mark.parametrize("case", sorted(LOCATED))
def test_what_cannot_fit_is_a_located_error_and_nothing_is_written(case, tmp_path):
    extra, where, hint = LOCATED[case]
    source = tmp_path / "report.yaml"
    text = ("issuer: 青山县司法局\nyear: 2024\ndate: 2025-01-20\n" + extra
            + "parts:\n  measures: [推进依法行政。]\n  shortcomings: [能力不足。]\n"
              "  leadership: [履行职责。]\n  plans: [继续推进。]\n")
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "report.pdf"
    result = run_cli("render", str(source), "-o", str(out))
    assert result.returncode == 1, result.stderr
    line = next(n for n, content in enumerate(text.splitlines(), start=1) if content.startswith(where))
    [message] = [m for m in result.stderr.splitlines() if "错误" in m]
    assert message.startswith(f"{source}:{line}:"), message
    assert "超出版心" in message and hint in message
    assert "Traceback" not in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [source]


def test_the_located_error_reads_in_english_too(tmp_path):
    source = tmp_path / "report.yaml"
    source.write_text("issuer: 青山县司法局\nyear: 2024\ndate: 2025-01-20\nsignature: " + "青山县人民政府办公室" * 6
                      + "\nparts:\n  measures: [推进。]\n  shortcomings: [不足。]\n  leadership: [履职。]\n"
                        "  plans: [推进。]\n", encoding="utf-8")
    result = run_cli("render", str(source), "-o", str(tmp_path / "report.pdf"), "--lang", "en")
    assert result.returncode == 1
    assert f"{source}:4:12: error: the signature and date does not fit the text block" in result.stderr
    assert "a signature takes one line" in result.stderr
