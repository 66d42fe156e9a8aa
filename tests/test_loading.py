"""Loading YAML: every problem comes back with its file, line and column, in Chinese or English."""

import codecs
import random
import zlib
from pathlib import Path

import pytest

import composer
from conftest import ALL_SAMPLES, SEED_YAML

SEED = SEED_YAML.read_text("utf-8")
TESTS = Path(__file__).parent
SAMPLES_DIR = TESTS.parent / "samples"


def problems_of(text: str, tmp_path: Path, name: str = "report.yaml", raw: bytes | None = None):
    path = tmp_path / name
    path.write_bytes(raw if raw is not None else text.encode("utf-8"))
    with pytest.raises(composer.ReportError) as caught:
        composer.load(path)
    return caught.value.problems


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: p.name)
def test_every_sample_loads(sample):
    assert composer.validate(sample) == []


def test_load_accepts_yaml_text_and_paths():
    assert composer.load(SEED).issuer == "大同市科技局"
    assert composer.load(str(SEED_YAML)).year == 2023
    assert composer.load(SEED_YAML).date.isoformat() == "2023-12-07"


def test_seed_sample_keeps_the_published_text(seed_report):
    assert seed_report.title == "大同市科技局2023年法治政府建设年度报告"
    assert seed_report.parts.shortcomings.heading == "存在问题及对策建议"
    assert seed_report.parts.plans.heading == "下一步工作意见建议"
    assert len(seed_report.parts.measures.content) == 8
    assert seed_report.disclosure.index_number == "035200009/2024-00026"
    assert seed_report.disclosure.published == "2024-03-08 13:25"
    text = composer.render(seed_report, "txt").decode()
    assert "建设建设" in text and "工作清》" in text  # left for lint to find


def test_yaml_values_stay_text_and_only_plain_nulls_are_empty():
    """Numbers, dates and words like true are read as written; ~, null and nothing leave a
    field empty, a quoted "null" is text."""
    for value, note in (("~", None), ("null", None), ("NULL", None), ("", None), ('"null"', "null"),
                        ("true", "true"), ("0012", "0012"), ("1.50", "1.50"), ("2023-12-07", "2023-12-07")):
        report = composer.load(SEED + f"\nnote: {value}\n")
        assert report.note == note, value


def test_syntax_error_is_located(tmp_path):
    broken = SEED.replace("issuer: 大同市科技局", "issuer: [大同市科技局", 1)
    [problem] = problems_of(broken, tmp_path)
    assert problem.code == "yaml_bracket_unclosed"
    assert problem.location.file.endswith("report.yaml")
    assert (problem.location.line, problem.location.column) == (line_of(broken, "issuer:"), 9)


_HEAD = "issuer: 青山县司法局\nyear: 2024\ndate: 2025-01-10\nparts:\n  measures:\n"


@pytest.mark.parametrize(
    "body, code, line, column, words",
    [
        ('    - "一是加强领导。\n  shortcomings: [不足]\n', "yaml_quote_unclosed", 6, 7, "没有配对的结束引号"),
        ("    - {统筹: 推进\n", "yaml_bracket_unclosed", 6, 7, "没有配对的 }"),
        ("    - [2024]5号文件已印发\n", "yaml_text_after_bracket", 6, 7, "读作一个列表"),
        ('    - "放管服"改革持续深化\n', "yaml_text_after_quote", 6, 7, "请改用中文引号"),
        ("    - 一是加强领导。\n   shortcomings:\n    - 不足\n", "yaml_indentation", 7, 4, "缩进"),
        ("    - 一是加强领导。\n  shortcomings:\n    - 不足\n  - 多了一项\n", "yaml_indentation", 9, 3, "缩进"),
        ("    - @全体干部职工\n", "yaml_cannot_start", 6, 7, "“@”不能作为一段文字的开头"),
        ("    - *重点* 任务全部完成\n", "yaml_cannot_start", 6, 7, "“*”不能作为一段文字的开头"),
        ("    - !重要 任务全部完成\n", "yaml_cannot_start", 6, 7, "“!”不能作为一段文字的开头"),
        ("    - > 全部完成\n", "yaml_cannot_start", 6, 7, "“>”不能作为一段文字的开头"),
        ("    - | 全部完成\n", "yaml_cannot_start", 6, 7, "“|”不能作为一段文字的开头"),
        # YAML reads these as an anchor or a tag and drops them from the text, without a complaint
        ("    - &甲 一是加强领导。\n", "yaml_cannot_start", 6, 7, "“&”不能作为一段文字的开头"),
        ("    - !abc 一是加强领导。\n", "yaml_cannot_start", 6, 7, "“!”不能作为一段文字的开头"),
        ("    - 第一段\n    第二段没有短横\n", "yaml_not_item", 7, 5, "以“- ”开头"),
        ("  shortcomings: - 制度建设仍有短板\n", "yaml_item_inline", 6, 17, "另起一行"),
        ("    - 加强组织领导。\n      - 成立领导小组。\n", "yaml_item_folded", 7, 7, "并入上一段文字"),
    ],
)
def test_a_syntax_error_is_told_in_words_an_author_can_act_on(tmp_path, body, code, line, column, words):
    """The parser's complaint ("expected <block end>, but found '<scalar>'") becomes what to
    mend, placed where to mend it: where an unclosed quote or bracket opens, where the text
    that YAML misreads begins, the line whose indentation is off."""
    [problem] = problems_of(_HEAD + body, tmp_path)
    assert (problem.code, problem.location.line, problem.location.column) == (code, line, column)
    assert words in problem.message("zh") and "YAML 语法错误" not in problem.message("zh")
    assert "YAML syntax error" not in problem.message("en")


def test_a_paragraph_with_a_colon_and_a_space_is_told_to_quote_it(tmp_path):
    """Not "a section missing its heading" and "unknown key": one message, at the text."""
    rest = SEED[SEED.index("  shortcomings:"):]
    [problem] = problems_of(_HEAD + "    - 一是加强领导。\n    - 时间: 2025年全年，完成任务12项。\n" + rest, tmp_path)
    assert (problem.code, problem.location.line, problem.location.column) == ("text_read_as_key", 7, 7)
    assert "全角" in problem.message("zh") and "时间" in problem.message("zh")
    [problem] = problems_of(_HEAD + "    - heading: 加强领导\n      小标题: 加强领导\n" + rest, tmp_path)
    assert problem.code == "unknown_key_chinese"  # a key by its Chinese name is still told its key


def test_an_anchor_an_alias_repeats_is_yaml_not_text():
    report = composer.load(_HEAD + "    - &lead 一是加强领导。\n    - *lead\n" + SEED[SEED.index("  shortcomings:"):])
    assert report.parts.measures.content == ["一是加强领导。", "一是加强领导。"]


def test_wrong_type_points_at_the_value(tmp_path):
    broken = SEED.replace("year: 2023", "year: 本年度", 1)
    [problem] = problems_of(broken, tmp_path)
    assert problem.code == "wrong_type"
    assert (problem.location.line, problem.location.column) == (line_of(broken, "year:"), 7)
    assert "报告年度" in problem.message("zh") and "whole number" in problem.message("en")


def test_missing_part_points_at_parts(tmp_path):
    start, end = SEED.index("  leadership:"), SEED.index("  plans:")
    broken = SEED[:start] + SEED[end:]
    [problem] = problems_of(broken, tmp_path)
    assert problem.code == "part_missing"
    assert problem.location.line == line_of(broken, "\nparts:") + 1
    assert "第三部分" in problem.message()


def test_parts_out_of_order_point_at_the_misplaced_part(tmp_path):
    start, end, tail = SEED.index("  leadership:"), SEED.index("  plans:"), SEED.index("\n# 网站公开")
    broken = SEED[:start] + SEED[end:tail] + "\n" + SEED[start:end] + SEED[tail:]
    [problem] = problems_of(broken, tmp_path)
    assert problem.code == "part_order"
    assert (problem.location.line, problem.location.column) == (line_of(broken, "  leadership:"), 3)


def test_every_problem_with_the_parts_is_reported_at_once(tmp_path):
    """Validation stops at the first problem with the parts; the user still hears of all of
    them in one go, each at its place, as lint reports them."""
    without = SEED[:SEED.index("  shortcomings:")] + SEED[SEED.index("  leadership:"):]
    start, end, tail = without.index("  leadership:"), without.index("  plans:"), without.index("\n# 网站公开")
    broken = without[:start] + without[end:tail] + "\n  leadership: []" + without[tail:]
    problems = problems_of(broken, tmp_path)
    assert [p.code for p in problems] == ["part_missing", "part_order", "part_empty"]
    assert "第二部分" in problems[0].message()
    assert {p.location.line for p in problems[1:]} == {line_of(broken, "  leadership: []")}
    assert [p.code for p in composer.validate(broken)] == [p.code for p in problems]


def test_malformed_document_number_is_located(tmp_path):
    broken = SEED.replace("disclosure:", "header:\n  number: 同科字[2024]5号\ndisclosure:", 1)
    [problem] = problems_of(broken, tmp_path)
    assert problem.code == "doc_number_brackets"
    assert (problem.location.line, problem.location.column) == (line_of(broken, "  number:"), 11)


def test_control_character_is_located_to_the_character(tmp_path):
    broken = SEED.replace("全面落实法治建设总体目标", "全面落实法治\x07建设总体目标", 1)
    [problem] = problems_of(broken, tmp_path)
    line = line_of(broken, "\x07")
    column = broken.split("\n")[line - 1].index("\x07") + 1
    assert problem.code == "control_character"
    assert (problem.location.line, problem.location.column) == (line, column)


MINIMAL = (Path(__file__).parents[1] / "samples" / "minimal.yaml").read_text("utf-8")
PUA = "\ue0a5"


@pytest.mark.parametrize(
    "value, mark, code",
    [
        (f"青山县{PUA}司法局", PUA, "private_use_character"),  # plain
        (f"'青山''县{PUA}司法局'", PUA, "private_use_character"),  # single-quoted, with an escaped quote before it
        (f'"  青山\\"县{PUA}司法局"', PUA, "private_use_character"),  # double-quoted: spaces trimmed, an escape
        ('"青山县\\e司法局"', "\\e", "control_character"),  # an escape sequence: its backslash
        ('"青山县\\u200b司法局"', "\\u200b", "format_character"),
        ('"青山县\\uFFFE司法局"', "\\uFFFE", "noncharacter"),
        ('"青山县\\ud800司法局"', "\\ud800", "surrogate_character"),
        (f"青山县\n  司法局{PUA}", PUA, "private_use_character"),  # plain, over two lines
        (f">-\n  青山县\n  司法局{PUA}\n", PUA, "private_use_character"),  # folded block
        (f"|\n  青山县\n  司法局\u200e\n", "\u200e", "format_character"),  # literal block
        (f"\"青山县\u3000\u202e司法局\"", "\u202e", "format_character"),  # raw, after a full-width space
    ],
    ids=["plain", "single-quoted", "double-quoted", "escape", "zero-width-space", "noncharacter", "surrogate",
         "plain-two-lines", "folded", "literal", "direction-override"],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_character_problem_points_at_the_character(value, mark, code, newline, tmp_path):
    """Not at the start of the value: the span mapper traces the character back into the file."""
    text = MINIMAL.replace("issuer: 青山县司法局", f"issuer: {value}").replace("\n", newline)
    [problem] = problems_of(text, tmp_path)
    assert problem.code == code
    before = text[: text.index(mark)]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    assert (problem.location.line, problem.location.column) == (line, column)
    assert problem.location.path == ("issuer",)


def test_a_character_problem_in_a_list_written_as_one_text_points_at_the_character(tmp_path):
    text = MINIMAL.replace("date: 2025-01-20", f"date: 2025-01-20\naddressees: 市人民政府{PUA}")
    [problem] = problems_of(text, tmp_path)
    assert (problem.location.line, problem.location.column) == (line_of(text, PUA), len("addressees: 市人民政府") + 1)


@pytest.mark.parametrize("value, mark", [('"2025-01-2\\u200b0"', "\\u200b"), ("  2025-01-2\u200b0", "\u200b")],
                         ids=["escaped", "raw"])
def test_an_invisible_character_in_a_date_is_named_and_placed(value, mark, tmp_path):
    """Not "unrecognised date" with the character invisible between the quotes."""
    text = MINIMAL.replace("date: 2025-01-20", f"date: {value}")
    [problem] = problems_of(text, tmp_path)
    assert problem.code == "format_character" and "U+200B" in problem.message()
    line = line_of(text, mark)
    assert (problem.location.line, problem.location.column) == (line, text.split("\n")[line - 1].index(mark) + 1)


def test_unknown_key_points_at_the_key(tmp_path):
    broken = SEED.replace("\nissuer:", "\nisuer:", 1)
    [problem] = problems_of(broken, tmp_path)
    assert problem.code == "unknown_key_suggest"
    assert (problem.location.line, problem.location.column) == (line_of(broken, "isuer:"), 1)


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + SEED.encode("utf-8"))
    assert composer.load(path).issuer == "大同市科技局"


def test_utf16_from_notepad_is_accepted(tmp_path):
    path = tmp_path / "utf16.yaml"
    path.write_bytes(SEED.encode("utf-16"))
    assert composer.load(path).issuer == "大同市科技局"


def test_gbk_is_recognised_and_explained(tmp_path):
    [problem] = problems_of("", tmp_path, raw=SEED.encode("gbk", errors="replace"))
    assert problem.code == "encoding_gbk"
    assert "UTF-8" in problem.message()


@pytest.mark.parametrize(
    "raw, code",
    [(b"", "file_empty"), (b"issuer: \xff\x80\xff\n", "encoding_unknown"), (b"   \n# only a comment\n", "file_empty"), (b"\x00\x01\x02binary", "file_binary"),
     (b"- a\n- b\n", "yaml_not_mapping"), (b"a: 1\n---\nb: 2\n", "yaml_multiple_documents"),
     (b"issuer:\n\t- x\n", "yaml_tab"), (b"a: 1\na: 2\n", "yaml_duplicate_key")],
)
def test_bad_files_get_a_clear_answer(tmp_path, raw, code):
    assert [p.code for p in problems_of("", tmp_path, raw=raw)] == [code]


def test_alias_bomb_is_refused(tmp_path):
    lines = ['a0: &a0 ["", "", "", "", "", "", "", "", ""]']  # no text: the node cap stops it
    lines += [f"a{i}: &a{i} [{','.join(f'*a{i - 1}' for _ in range(9))}]" for i in range(1, 10)]
    assert [p.code for p in problems_of("\n".join(lines), tmp_path)] == ["yaml_alias_bomb"]


def test_deep_nesting_is_refused(tmp_path):
    assert [p.code for p in problems_of("a: " + "[" * 1900 + "]" * 1900, tmp_path)] == ["yaml_too_deep"]


@pytest.mark.slow
@pytest.mark.parametrize("levels", [5000, 40000])
def test_nesting_deeper_than_libyaml_can_read_is_refused_not_a_crash(levels, tmp_path):
    """libyaml composes on the C stack, which 40 000 levels overflow (the process dies)."""
    from conftest import run_cli

    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * levels + "]" * levels, "utf-8")
    result = run_cli("validate", str(path))
    assert result.returncode == 1 and "嵌套层次过深" in result.stderr, result.stderr


# The samples and the hand-made corpus by default; the import corpora's reports with the slow tests.
YAML_FILES = [*sorted(SAMPLES_DIR.glob("*.yaml")), *sorted(TESTS.glob("corpus/*.yaml"))] + [
    pytest.param(path, marks=pytest.mark.slow) for path in sorted(TESTS.glob("import_*/**/*.yaml"))
]
_MUTATIONS = [":", "-", " ", "\n", "'", '"', "[", "]", "{", "#", "\n- ", ": ", "  ", "|", ">", "?", ",", "：", "？"]


def _variants(text: str, seed: int) -> list[str]:
    """The text, its CRLF twin, and cuts, deletions and insertions at random places."""
    rng = random.Random(seed)
    variants = [text, text.replace("\n", "\r\n")]
    for _ in range(4):
        cut = rng.randrange(len(text) + 1)
        variants += [text[:cut], text[:cut] + text[cut + 1:], text[:cut] + rng.choice(_MUTATIONS) + text[cut:]]
    return variants


def _read(text: str) -> tuple:
    from composer.readers.yaml_reader import parse_yaml

    try:
        data, positions = parse_yaml(text, "r.yaml")
    except composer.ReportError as error:
        return "refused", [(p.code, p.params, p.location) for p in error.problems]
    return data, positions.values, positions.keys, positions.scalars


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: path.name)
def test_libyaml_and_ruamel_read_every_report_and_its_mutations_alike(path, monkeypatch):
    """libyaml (C) parses what it can, ruamel's Python parser the rest and every broken text:
    for reports and their cut, broken and CRLF variants, the data, every position and every
    complaint are the same as ruamel alone gives."""
    pytest.importorskip("_ruamel_yaml", reason="ruamel.yaml.clib (libyaml) is not installed")
    from composer.readers import yaml_reader

    text = path.read_text("utf-8", errors="replace")
    variants = _variants(text, zlib.crc32(path.name.encode()))
    with_libyaml = [_read(variant) for variant in variants]
    monkeypatch.setattr(yaml_reader, "_libyaml", lambda: None)
    assert [_read(variant) for variant in variants] == with_libyaml


def test_a_report_is_parsed_by_libyaml_where_installed(monkeypatch):
    """The seed goes to libyaml, not to ruamel's Python parser (which would need its reader)."""
    pytest.importorskip("_ruamel_yaml", reason="ruamel.yaml.clib (libyaml) is not installed")
    from composer.readers import yaml_reader

    def no_python_parser() -> None:
        raise AssertionError("ruamel's Python parser was used")

    monkeypatch.setattr(yaml_reader, "_reader", no_python_parser)
    assert yaml_reader.parse_yaml(SEED)[0]["issuer"] == "大同市科技局"
    with pytest.raises(AssertionError):
        yaml_reader.parse_yaml(SEED.replace("issuer:", "issuer: &first"))  # an anchor: ruamel's


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    with pytest.raises(composer.ReportError) as caught:
        composer.load(path)
    assert [p.code for p in caught.value.problems] == ["file_too_large"]


def test_missing_file(tmp_path):
    with pytest.raises(composer.ReportError) as caught:
        composer.load(tmp_path / "nope.yaml")
    assert [p.code for p in caught.value.problems] == ["file_missing"]


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_every_position_is_the_one_ruamel_counts(sample, newline, monkeypatch):
    """The reader moves over a run of characters at once; every value's line, column and
    index is still the one ruamel's own Reader counts, one character at a time (a BOM, which
    takes no column, in a key before its value too)."""
    from ruamel.yaml.reader import Reader

    from composer.readers import yaml_reader

    text = sample.read_text("utf-8").replace("year:", "ye\ufeffar:").replace("\n", newline)
    ours = yaml_reader.parse_yaml(text)[1]

    class CharacterByCharacter(Reader):
        def check_printable(self, data: object) -> None:
            pass

    monkeypatch.setattr(yaml_reader, "_reader", lambda: CharacterByCharacter)
    theirs = yaml_reader.parse_yaml(text)[1]
    assert (ours.values, ours.keys, ours.scalars) == (theirs.values, theirs.keys, theirs.scalars)
    assert len(ours.values) > 10


def test_reading_a_valid_report_leaves_the_span_mapper_unimported_until_a_problem_needs_it(tmp_path):
    """The span mapper places a problem on its character; a valid report's process never makes
    its classes (each dataclass made is ~2 M instructions of start-up)."""
    import os
    import subprocess
    import sys

    from conftest import REPO

    good, broken = tmp_path / "seed.yaml", tmp_path / "broken.yaml"
    good.write_text(SEED, "utf-8")
    broken.write_text(SEED.replace("issuer: 大同市科技局", "issuer: 大同市\u200b科技局"), "utf-8")
    code = (
        "import sys, composer\ncomposer.load(sys.argv[1])\nprint('composer.readers.yaml_spans' in sys.modules)\n"
        "[problem] = composer.validate(sys.argv[2])\n"
        "print(problem.location.column, 'composer.readers.yaml_spans' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(good), str(broken)], capture_output=True, text=True,
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert result.stdout.split() == ["False", str(len("issuer: 大同市") + 1), "True"], result.stderr


def test_a_part_written_under_its_heading_is_told_its_key(tmp_path):
    """An author who types the part's heading as its key ("一、主要举措和成效:") learns the key to
    use, at that line, rather than that the part is missing; a part no key names is missing."""
    text = ("issuer: 青山县司法局\nyear: 2024\ndate: 2025-01-10\nparts:\n"
            "  一、2024年度推进法治政府建设的主要举措和成效:\n    - 完善制度。\n"
            "  shortcomings:\n    - 不足。\n"
            "  三、党政主要负责人履行推进法治建设第一责任人职责情况:\n    - 履职。\n")
    problems = problems_of(text, tmp_path)
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [
        ("part_missing", 4, 1), ("part_key_named", 5, 3), ("part_key_named", 9, 3)]
    assert "plans" in problems[0].message("zh")
    assert "请写在键 measures 下" in problems[1].message("zh") and "leadership" in problems[2].message("zh")


def test_a_part_written_as_one_text_is_told_to_be_a_list(tmp_path):
    text = SEED.replace("  shortcomings:\n", "  shortcomings: 制度建设仍有短板。\n  shortcomings_old:\n", 1)
    codes = [(p.code, p.location.line) for p in problems_of(text, tmp_path)]
    assert ("part_is_text", line_of(text, "  shortcomings:")) in codes


@pytest.mark.parametrize("written", ["2023年", "2023 年度", "２０２３", "二〇二三年", '"2023"'])
def test_the_year_is_read_as_authors_type_it(written):
    assert composer.load(SEED.replace("year: 2023", f"year: {written}", 1)).year == 2023


def test_a_year_with_a_month_is_still_refused(tmp_path):
    [problem] = problems_of(SEED.replace("year: 2023", "year: 2023年12月", 1), tmp_path)
    assert problem.code == "wrong_type" and "报告年度" in problem.message("zh")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a Chinese keyboard's colon after a key: to YAML the line is text
        ("issuer：青山县司法局\nyear: 2024\n", [("yaml_full_width_colon", 1, 7, "issuer")]),
        (_HEAD + "    - heading：加强组织领导\n      content:\n        - 正文。\n", [("yaml_full_width_colon", 6, 14, "heading")]),
        # keys written by their Chinese names, as the template's comments call them
        ("发文机关: 青山县司法局\n年度: 2024\n成文日期: 2025-01-10\n",
         [("unknown_key_chinese", 1, 1, "issuer"), ("unknown_key_chinese", 2, 1, "year"), ("unknown_key_chinese", 3, 1, "date")]),
        # a key indented with a full-width space: invisible, and at the top level to YAML
        (_HEAD.replace("  measures:", "\u3000measures:") + "    - 做了工作。\n", [("unknown_key_spaced", 5, 1, "measures")]),
    ],
)
def test_keys_typed_the_chinese_way_are_named(tmp_path, text, expected):
    """Each is told the key to write, at its line; the missing or empty fields they leave are
    told apart (a missing "parts"), but not the fields the keys named (issuer is not "missing")."""
    problems = [p for p in problems_of(text, tmp_path) if p.code not in ("missing", "value_empty")]
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [e[:3] for e in expected]
    for problem, (*_, key) in zip(problems, expected):
        assert key in problem.message("zh") and key in problem.message("en")
    assert not any(p.code == "missing" and p.location.path[-1:] in [(e[3],) for e in expected]
                   for p in problems_of(text, tmp_path))


def test_a_misspelt_part_key_is_told_the_key_not_that_the_part_is_missing(tmp_path):
    text = SEED.replace("  plans:", "  plan:", 1)
    [problem] = problems_of(text, tmp_path)
    assert (problem.code, problem.location.line, problem.location.column) == ("part_key_misspelt", line_of(text, "  plan:"), 3)
    assert "“plans”" in problem.message("zh") and "'plans'" in problem.message("en")


def test_yes_and_no_are_written_as_a_chinese_author_answers(tmp_path):
    text = _HEAD + "    - heading: 加强组织领导\n      run_in: 是\n      content:\n        - 正文。\n"
    rest = "  shortcomings:\n    - 不足。\n  leadership:\n    - 履职。\n  plans:\n    - 计划。\n"
    report = composer.load(text + rest + "seal: 否\n")
    assert report.parts.measures.content[0].run_in is True and report.seal is False
    [problem] = problems_of(text + rest + "seal: 可能\n", tmp_path)
    assert problem.code == "wrong_type" and "“加盖印章”" in problem.message("zh") and "是 或 否" in problem.message("zh")
