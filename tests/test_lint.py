"""report-composer lint: the acceptance cases on the seed, --fix, configuration and the CLI."""

from __future__ import annotations

import codecs
import json
import shutil
from pathlib import Path

from composer import blocks as b
from composer.compose import compose
from composer.lint import RULES, lint_file, lint_report
from composer.profile import load_profile
from composer.punctuation import find_half_width
from conftest import REPO, SEED_TEXT, SEED_YAML, run_cli

SEED_NAME = "samples/datong-keji-2023.yaml"

# Everything lint says about the seed sample, as the office would submit it. Each is a real
# defect of the published report: (line, column, code, the text at that column).
SEED_SAMPLE_FINDINGS = [
    (37, 18, "L002", "对科技局的权责清单"),  # （五）'s heading wraps: 36.5 of 28 cells
    (44, 18, "L002", "做好优化营商环境"),  # （七）'s heading wraps: 29 of 28 cells
    (44, 41, "P005", "作"),  # （七） alone among its siblings has no final 。
    (50, 80, "N002", "﹝2023﹞"),  # 晋科函﹝2023﹞45号: small-form brackets, not 〔〕
    (50, 118, "N002", "﹝2022﹞"),  # 晋政办发﹝2022﹞42号
    (50, 252, "W001", "建设"),  # 同意建设建设: the second 建设
    (65, 72, "W003", "工作清"),  # 《…2023年度工作清》 for 工作清单
]

# The same defects in the web copy, plus its half-width punctuation (P001, checked below).
SEED_TEXT_FINDINGS = [
    (40, 4, "L002", "对科技局的权责清单"),
    (50, 4, "L002", "做好优化营商环境"),
    (50, 27, "P005", "作"),
    (58, 68, "N002", "﹝2023﹞"),
    (58, 106, "N002", "﹝2022﹞"),
    (58, 240, "W001", "建设"),
    (76, 60, "W003", "工作清"),
]

def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _located(findings, lines: list[str]) -> list[tuple[int, int, str, str]]:
    return [
        (f.location.line, f.location.column, f.code, lines[f.location.line - 1][f.location.column - 1:][:1])
        for f in findings
    ]


def _expected(table, lines: list[str]) -> list[tuple[int, int, str, str]]:
    for line, column, _, text in table:
        assert lines[line - 1][column - 1:].startswith(text), (line, column, text)
    return [(line, column, code, text[0]) for line, column, code, text in table]


def test_seed_sample_reports_exactly_its_defects():
    findings = lint_file(SEED_YAML)
    assert _located(findings, _lines(SEED_YAML)) == _expected(SEED_SAMPLE_FINDINGS, _lines(SEED_YAML))
    assert not [f for f in findings if f.severity == "error"]


def _printed_lines(report) -> list[str]:
    """Each heading and paragraph as the composed document prints it (markers included)."""
    return [block.full_text for block in compose(report, load_profile()).body if isinstance(block, (b.Heading, b.Paragraph))]


def test_seed_text_reports_half_width_punctuation_and_defects_where_they_are(seed_report):
    findings = lint_file(SEED_TEXT)
    lines = _lines(SEED_TEXT)
    others = [f for f in findings if f.code != "P001"]
    assert _located(others, lines) == _expected(SEED_TEXT_FINDINGS, lines)

    # Independent oracle: the sample is the web copy with its punctuation made full-width, so the
    # half-width marks are exactly where a web line differs from the line the sample prints.
    # The disclosure header and "发布时间:… 来源:…" are page furniture the importer drops: not checked.
    printed = _printed_lines(seed_report)
    expected = set()
    for number, line in enumerate(lines, start=1):
        twins = [p for p in printed if len(p) == len(line) and sum(a == c for a, c in zip(p, line)) > 0.8 * len(line)]
        for twin in twins[:1]:
            differ = [i for i, (a, c) in enumerate(zip(line, twin)) if a != c]
            assert all(line[i] in ",:;()<>\"'" for i in differ), (number, line)
            expected |= {(number, i + 1) for i in differ}
    half_width = {(f.location.line, f.location.column) for f in findings if f.code == "P001"}
    assert half_width == expected
    assert len(half_width) > 150

    # "要求,根据" (line 32), as the issue names it.
    column = lines[31].index("要求,根据") + 3
    comma = next(f for f in findings if (f.location.line, f.location.column) == (32, column))
    assert comma.message() == "“见的要求,根据市级”中的半角“,”应为全角“，”"


def _said(findings) -> list[tuple[str, int | None, str, tuple[str, str] | None]]:
    return [(f.code, f.location.column, f.message(), f.where) for f in findings]


def test_the_web_page_and_a_word_document_get_the_same_findings(tmp_path, seed_report):
    """Every source the importer reads is checked as written, placed in its own lines."""
    page = lint_file(REPO / "tests" / "data" / "seed-web-page.html")
    assert _said(page) == _said(lint_file(SEED_TEXT))

    from composer import render_to

    word = render_to(seed_report, tmp_path / "seed.docx")
    in_word = lint_file(word)  # lines are the DOCX body's paragraph numbers
    assert [(code, message, where) for code, _, message, where in _said(in_word)] == [
        (code, message, where) for code, _, message, where in _said(lint_file(SEED_YAML))
    ]
    assert [(f.location.line, f.location.column) for f in in_word if f.code == "W001"] == [(25, 240)]


def test_cli_prints_file_line_column_severity_code_message_and_place():
    result = run_cli("lint", SEED_NAME)
    assert result.returncode == 0, result.stderr
    assert (
        f"{SEED_NAME}:50:252: 警告 [W001] 词语重复：“建设建设” (一、主要举措和成效 / （八）第2段)"
        in result.stdout.splitlines()
    )
    assert f"{SEED_NAME}: 7 个问题（错误 0，警告 5，提示 2）" in result.stderr

    english = run_cli("lint", "--lang", "en", SEED_NAME)
    assert f"{SEED_NAME}:65:72: warning [W003] '工作清' looks truncated; did you mean '工作清单'? (part 3 / （二） paragraph 1)" in (
        english.stdout.splitlines()
    )


def test_json_output_for_tools():
    result = run_cli("lint", "--format", "json", SEED_NAME, str(SEED_TEXT))
    payload = json.loads(result.stdout)
    assert [entry["file"] for entry in payload] == [SEED_NAME, str(SEED_TEXT)]
    first = payload[0]["findings"]
    assert [(f["line"], f["column"], f["code"]) for f in first] == [(l, c, code) for l, c, code, _ in SEED_SAMPLE_FINDINGS]
    doubled = next(f for f in first if f["code"] == "W001")
    assert doubled["severity"] == "warning"
    assert doubled["path"] == ["parts", "measures", "content", 7, "content", 1]
    assert doubled["where"] == "一、主要举措和成效 / （八）第2段"
    assert next(f for f in first if f["code"] == "N002")["fixable"] is True


# --- --fix ------------------------------------------------------------------------------------

BREAKS = [  # full-width text in the sample -> the half-width a web copy or a hasty edit has
    ("指导，全面贯彻党的二十大精神，认真", "指导, 全面贯彻党的二十大精神,认真"),
    ("（2020-2025年）", "(2020-2025年)"),
    ("意见的要求，根据", "意见的要求,根据"),
    ("〈大同市2022年信用体系建设提升方案〉", "<大同市2022年信用体系建设提升方案>"),
    ("同信用办发〔2022〕1号", "同信用办发[2022]1号"),
    ("主要体现在：一是", "主要体现在:一是"),
    ("我市获批3家：山西省内燃机高增压技术创新中心（北方天力", "我市获批3家:山西省内燃机高增压技术创新中心(北方天力"),
]


def _broken_copy(tmp_path: Path, original: bytes) -> Path:
    text = original.decode("utf-8")
    for right, wrong in BREAKS:
        assert right in text
        text = text.replace(right, wrong, 1)
    copy = tmp_path / "report.yaml"
    copy.write_bytes(text.encode("utf-8"))
    return copy


def _with_comment(original: bytes) -> bytes:
    """The sample with a Chinese comment full of half-width marks, which --fix must not touch."""
    return original.replace(
        "year: 2023               # 报告年度".encode(), "year: 2023               # 报告年度,见(附件):2023年03月".encode()
    )


def test_fix_restores_the_sample_and_leaves_the_rest_byte_identical(tmp_path):
    original = _with_comment(SEED_YAML.read_bytes())
    copy = _broken_copy(tmp_path, original)
    assert copy.read_bytes() != original

    result = run_cli("lint", "--fix", str(copy))
    assert result.returncode == 0, result.stderr
    # Exactly the broken characters are restored; the only other change is the one the sample
    # itself deserves: the small-form ﹝﹞ in two cited document numbers become 〔〕.
    normalised = original.replace("﹝".encode(), "〔".encode()).replace("﹞".encode(), "〕".encode())
    assert copy.read_bytes() == normalised
    fixed_lines = [line for line in result.stdout.splitlines() if "已修正" in line]
    # 2 + 2 + 1 + 2 marks, a document number, 1 + 2 marks (the last "(" by P002: its partner is
    # full-width), and the two ﹝﹞ numbers.
    assert len(fixed_lines) == 11 + 2
    assert f"{copy}:43:68: 已修正 [N002]：“信用办发[2022]1号）要” → “信用办发〔2022〕1号）要”" in fixed_lines
    assert [line for line in result.stdout.splitlines() if "已修正" not in line] == [
        line.replace(SEED_NAME, str(copy)) for line in run_cli("lint", SEED_NAME).stdout.splitlines() if "N002" not in line
    ]
    again = run_cli("lint", "--fix", str(copy))
    assert "已修正" not in again.stdout and copy.read_bytes() == normalised


def test_fix_with_a_rule_switched_off_restores_the_sample_exactly(tmp_path):
    original = _with_comment(SEED_YAML.read_bytes())
    copy = _broken_copy(tmp_path, original)
    copy.write_bytes(copy.read_bytes().replace("同信用办发[2022]1号".encode(), "同信用办发〔2022〕1号".encode()))
    result = run_cli("lint", "--fix", "--disable", "N002", str(copy))
    assert result.returncode == 0, result.stderr
    assert copy.read_bytes() == original


def test_fix_keeps_bom_crlf_quotes_and_block_scalars(tmp_path):
    text = (
        "# 测试,注释保持原样\r\n"
        "issuer: 青山县司法局\r\n"
        "year: 2024\r\n"
        "date: 2025-01-20\r\n"
        "parts:\r\n"
        "  measures:\r\n"
        "    - 2024年03月，我局深入学习贯彻习近平法治思想,严格依法履行职责，法治政府建设各项工作有序推进，全年召开专题会议4次，审查规范性文件12件，办理行政复议案件36件，群众满意度持续提升。\r\n"
        "  shortcomings:\r\n"
        "    - '执法人员''专业能力''仍需提升,执法监督的信息化水平不高。'\r\n"
        "  leadership:\r\n"
        "    - \"主要负责人履行第一责任人职责:\\u4e13题研究法治建设4次。\"\r\n"
        "  plans:\r\n"
        "    - |\r\n"
        "      2025年,继续加强行政执法队伍建设(含乡镇)。  # 不是注释\r\n"
        "    - >-\r\n"
        "      推进执法监督平台应用,\r\n"
        "      实现数据共享。\r\n"
    )
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    result = run_cli("lint", "--fix", str(path))
    assert result.returncode == 0, result.stderr
    expected = (
        text.replace("2024年03月", "2024年3月")
        .replace("思想,严格", "思想，严格")
        .replace("'执法人员''专业能力''仍需提升,执法", "'执法人员‘专业能力’仍需提升，执法")
        .replace("职责:\\u4e13", "职责：\\u4e13")
        .replace("2025年,继续", "2025年，继续")
        .replace("(含乡镇)", "（含乡镇）")
        .replace("应用,\r\n", "应用，\r\n")
    )
    assert path.read_bytes() == codecs.BOM_UTF8 + expected.encode("utf-8")
    assert "# 测试,注释保持原样" in path.read_text(encoding="utf-8-sig")


def test_fix_makes_a_bracketed_document_number_valid(tmp_path):
    path = tmp_path / "header.yaml"
    minimal = (REPO / "samples" / "minimal.yaml").read_text(encoding="utf-8")
    path.write_text(minimal + "header:\n  number: 青司字[2025]3号  # 发文字号\n", encoding="utf-8")
    assert run_cli("validate", str(path)).returncode == 1

    before = run_cli("lint", str(path))
    assert before.returncode == 1  # the bracket makes the report invalid: an error, not a warning
    assert f"{path}:16:14: 错误 [N002] 发文字号“青司字[2025]3号”的年份应当用六角括号〔〕括入：“青司字〔2025〕3号” (版头 / 发文字号)" in (
        before.stdout.splitlines()
    )
    assert "doc_number_brackets" not in before.stdout  # one finding for one defect

    after = run_cli("lint", "--fix", str(path))
    assert after.returncode == 0, after.stdout
    assert path.read_text(encoding="utf-8").endswith("header:\n  number: 青司字〔2025〕3号  # 发文字号\n")
    assert run_cli("validate", str(path)).returncode == 0


def test_fix_refuses_source_text_but_still_lints_it(tmp_path):
    copy = tmp_path / "web.txt"
    shutil.copy(SEED_TEXT, copy)
    result = run_cli("lint", "--fix", str(copy), "--disable", "P001")  # its 190 commas would hide the rest
    assert result.returncode == 2
    assert "--fix 只修改 YAML 报告" in result.stderr
    assert copy.read_bytes() == SEED_TEXT.read_bytes()
    assert f"{copy}:58:240: 警告 [W001] 词语重复：“建设建设” (一、主要举措和成效 / （八）第2段)" in result.stdout.splitlines()


def test_a_gbk_web_copy_is_read_and_placed_by_characters(tmp_path):
    copy = tmp_path / "web.txt"
    copy.write_bytes(SEED_TEXT.read_text(encoding="utf-8").encode("gb18030"))
    assert [(f.location.line, f.location.column, f.code) for f in lint_file(copy)] == [
        (f.location.line, f.location.column, f.code) for f in lint_file(SEED_TEXT)
    ]


# --- switching rules off ----------------------------------------------------------------------


def test_each_rule_can_be_switched_off_in_the_report():
    """Every rule of the catalogue (tests/test_lint_rules.py proves each fires) goes quiet."""
    from test_lint_rules import TRIGGERS, lint_yaml

    assert set(TRIGGERS) == set(RULES)
    for code, yaml_text in TRIGGERS.items():
        assert code in {f.code for f in lint_yaml(yaml_text)}, code
        switched_off = yaml_text + f"lint:\n  disable: [{code}]\n"
        assert code not in {f.code for f in lint_yaml(switched_off)}, code
        assert code not in {f.code for f in lint_yaml(yaml_text, disable=[code.lower()])}, code


def test_disable_on_the_command_line():
    result = run_cli("lint", "--disable", "W001,W003", "--disable", "L002", SEED_NAME)
    assert {line.split("[")[1][:4] for line in result.stdout.splitlines()} == {"P005", "N002"}


def test_unknown_rule_codes_are_reported():
    result = run_cli("lint", "--disable", "W001,X999", SEED_NAME)
    assert result.returncode == 2
    assert "没有代码为“X999”的检查规则" in result.stderr and "W003" in result.stderr

    from test_lint_rules import lint_yaml

    minimal = (REPO / "samples" / "minimal.yaml").read_text(encoding="utf-8")
    findings = lint_yaml(minimal + "lint:\n  disable: [S004, S04]\n")
    assert [(f.code, f.location.line, f.location.column, f.params) for f in findings] == [
        ("lint_unknown_rule", 16, 19, {"code": "S04"})
    ]


# --- exit codes and odd inputs ----------------------------------------------------------------


def test_exit_codes(tmp_path):
    missing_part = tmp_path / "missing.yaml"
    minimal = (REPO / "samples" / "minimal.yaml").read_text(encoding="utf-8")
    missing_part.write_text(minimal.split("  plans:")[0], encoding="utf-8")
    result = run_cli("lint", str(missing_part))
    assert result.returncode == 1
    assert f"{missing_part}:6:1: 错误 [S001] 缺少第四部分“下一年度主要安排”（plans） (正文各部分)" in result.stdout.splitlines()

    assert run_cli("lint", str(REPO / "samples" / "full.yaml")).returncode == 0
    assert run_cli("lint", str(tmp_path / "nowhere.yaml")).returncode == 2
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    assert run_cli("lint", str(binary)).returncode == 2
    docx = tmp_path / "report.docx"
    docx.write_bytes(b"PK")
    assert run_cli("lint", str(docx)).returncode == 2
    refused = run_cli("lint", str(tmp_path / "report.rtf"))
    assert refused.returncode == 2 and "另存为" in refused.stderr


def test_a_report_that_fails_validation_still_gets_its_findings(tmp_path):
    path = tmp_path / "invalid.yaml"
    path.write_text(
        "issuer: 青山县司法局\n"
        "year: 2024\n"
        "date: 2025-01-20\n"
        "seal: 也许\n"
        "parts:\n"
        "  measures:\n"
        "    - 按照《青山县法治政府建设实施方案》(青政办发[2024]12号)要求,开展执法检查。\n"
        "  shortcomings: []\n",
        encoding="utf-8",
    )
    findings = lint_file(path)
    assert [(f.location.line, f.location.column, f.code, f.severity) for f in findings] == [
        (4, 7, "wrong_type", "error"),  # validation's own problem, kept
        (5, 1, "S001", "error"),  # leadership
        (5, 1, "S001", "error"),  # plans
        (6, 3, "S004", "warning"),
        (7, 24, "P001", "warning"),
        (7, 29, "N002", "warning"),
        (7, 38, "P001", "warning"),
        (7, 41, "P001", "warning"),
        (8, 3, "S003", "error"),
    ]
    assert run_cli("lint", str(path)).returncode == 1


def test_yaml_syntax_errors_are_located_findings(tmp_path):
    path = tmp_path / "syntax.yaml"
    path.write_text("issuer: 青山县司法局\nparts:\n  measures: [一, 二\n", encoding="utf-8")
    result = run_cli("lint", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}:3:13: 错误: 这里开始的 [ 没有配对的 ]")


def test_a_report_built_in_code_is_linted_by_model_path(seed_report):
    def key(finding):
        return finding.code, tuple(map(str, finding.location.path))

    by_path = lint_report(seed_report)
    assert sorted(map(key, by_path)) == sorted(map(key, lint_file(SEED_YAML)))
    assert all(f.location.line is None for f in by_path)


def test_every_sample_lints_without_errors_and_with_no_false_alarm_on_correct_text():
    from conftest import ALL_SAMPLES

    for sample in ALL_SAMPLES:
        findings = lint_file(sample)
        assert not [f for f in findings if f.severity == "error"], sample
        assert not [f for f in findings if f.code in ("P001", "P002", "P003", "P004", "W002")], sample


def test_half_width_rule_and_the_shared_helper_agree():
    """P001 reports each mark composer.punctuation would change, and nothing else."""
    from composer.lint import lint_document, text_document

    line = _lines(SEED_TEXT)[57]
    reported = [f.location.column - 1 for f in lint_document(text_document(line, "x.txt", load_profile())) if f.code == "P001"]
    assert reported == [c.index for c in find_half_width(line)]
