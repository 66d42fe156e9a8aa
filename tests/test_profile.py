"""The style profile: typed and checked, every overlay mistake a located error, passed down.

Overlays are written as offices write them: comments, CRLF line ends from Notepad, a BOM, value
tables inline or as their own [a.b] table, dotted keys, quoted face names.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

import composer
import composer.lint
from composer.profile import Profile, Value, load_profile
from composer.toml_keys import key_positions
from conftest import SAMPLES

MINIMAL = SAMPLES / "minimal.yaml"
STANDARD = Path(composer.__file__).with_name("profiles") / "gbt9704.toml"


# --- the standard profile -----------------------------------------------------------------------


def test_the_standard_profile_passes_its_own_checks():
    """The standard profile is built without validators at start-up; validated, it is the same."""
    validated = Profile.model_validate(tomllib.loads(STANDARD.read_text("utf-8")))
    assert validated == load_profile()


def test_every_figure_has_its_clause_and_a_known_force():
    figures = load_profile().values()
    assert len(figures) > 60
    assert all(isinstance(value, Value) and value.clause for _, value in figures)
    assert {value.force for _, value in figures} <= {"规定", "一般", "推荐", "可以", "推算", "实务"}
    assert ("headings.1.size", load_profile().headings[1].size) in figures


def test_the_renderers_read_the_profile_as_before():
    profile = load_profile()
    assert profile.page.margin_left.mm == pytest.approx(28)
    assert profile.grid.line_pitch.twips == 579 and profile.header.rule_width.emu == 28575
    assert profile.headings[2].role == "heading2" and profile.headings["3"].role == "body"
    assert profile.roles == ["title", "body", "heading1", "heading2", "page_number"]
    assert profile.face("body") == profile.fonts["body"].value == "仿宋_GB2312"
    assert profile.font_alternates["楷体_GB2312"].value == "楷体" and profile.font_files == {}
    assert profile.chars_per_line == 28 and profile.char_pitch_pt == pytest.approx(156 / 28 * 72 / 25.4)
    plain = load_profile(variant="plain")
    assert (plain.face("body"), plain.face("heading2"), plain.face("title")) == ("仿宋", "楷体", "方正小标宋简体")
    assert load_profile() is load_profile()  # cached: every render of a process shares it


def test_the_standard_profile_is_read_back_from_its_record(tmp_path, monkeypatch):
    """Parsed once, the standard TOML's data is recorded in the cache folder and read back from
    there; a record of other bytes or a damaged one is never used, and is made again."""
    import marshal
    import zlib

    from composer import profile as profile_module

    def write(record: Path, stored: object) -> None:
        body = marshal.dumps(stored)
        record.write_bytes(zlib.crc32(body).to_bytes(4, "little") + body)

    monkeypatch.setenv("REPORT_COMPOSER_CACHE", str(tmp_path / "cache"))
    read = profile_module._standard_data.__wrapped__
    parsed = tomllib.loads(STANDARD.read_text("utf-8"))
    assert read() == parsed
    (record,) = (tmp_path / "cache").glob("*.marshal")
    key, data = marshal.loads(record.read_bytes()[4:])
    assert data == parsed and list(data) == list(parsed)

    write(record, (key, {**data, "name": "from the record"}))
    assert read()["name"] == "from the record"

    write(record, ((*key[:-1], b"another TOML"), {**data, "name": "another TOML's"}))
    assert read() == parsed
    assert marshal.loads(record.read_bytes()[4:])[0] == key  # made again for these bytes

    damaged = bytearray(record.read_bytes())
    damaged[-3] ^= 0xFF
    record.write_bytes(bytes(damaged))
    assert read() == parsed


def test_an_unwritable_cache_folder_only_costs_parsing_the_profile(tmp_path, monkeypatch):
    from composer import profile as profile_module

    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("REPORT_COMPOSER_CACHE", str(tmp_path / "a-file" / "cache"))
    assert profile_module._standard_data.__wrapped__() == tomllib.loads(STANDARD.read_text("utf-8"))


# --- overlays that are right --------------------------------------------------------------------


def test_an_overlay_as_an_office_writes_it_changes_what_it_names(tmp_path):
    overlay = tmp_path / "本单位版式.toml"
    overlay.write_bytes((
        "\ufeff# 本单位的版式调整\r\n"
        'headings.1.size = { value = 15, unit = "pt" }\r\n'
        "[colors]\r\n"
        'red = { value = "C00000", unit = "rgb", clause = "7.2.4", force = "实务" }  # 深红\r\n'
        "\r\n"
        "[title.max_chars_per_line]\r\n"
        'value = 18\r\nunit = "char"\r\n'
        '[font_alternates]\r\n"仿宋_GB2312" = { value = "仿宋" }\r\n'
    ).encode("utf-8"))
    profile = load_profile(overlay)
    assert profile.colors.red.value == "C00000" and profile.title.max_chars_per_line.value == 18
    assert profile.headings[1].size.pt == 15 and profile.body.size.pt == 16  # the rest as standard
    html = composer.render(composer.load(SAMPLES / "full.yaml"), "html", profile=profile).decode()
    assert "#C00000" in html and "#FF0000" not in html


# --- overlays that are wrong: each a located error, exit 1, nothing written -----------------------

BAD_OVERLAYS = {  # name: (overlay text, line, column, words of the Chinese message, of the English)
    "toml syntax": ("[page\nwidth = 3\n", 1, 6, "不是有效的 TOML", "not valid TOML"),
    "misspelt table": ("# 页面\n[pagee]\nwidth = { value = 200, unit = \"mm\" }\n", 2, 1, "没有“pagee”，是否应为“page”", "did you mean 'page'"),
    "misspelt key": ("[title]\nmax_char_per_line = { value = 18, unit = \"char\" }\n", 2, 1,
                     "是否应为“max_chars_per_line”", "did you mean 'max_chars_per_line'"),
    "int for a value table": ("[title]\n\nmax_chars_per_line = 18\n", 3, 1,
                              'max_chars_per_line = { value = 20, unit = "char" }', "must be a value table"),
    "string for a size": ("[body]\nsize = { value = \"16pt\", unit = \"pt\" }\n", 2, 1, "应为数字，而不是 \"16pt\"", "must be a number"),
    "not a number": ("[table]\nline_height = { value = nan, unit = \"pt\" }\n", 2, 1, "应为数字，而不是 nan", "must be a number"),
    "zero size": ("body.size = { value = 0, unit = \"pt\" }\n", 1, 1, "“body.size”应大于 0", "must be above 0"),
    "negative margin": ("[page]\r\nmargin_left = { value = -5, unit = \"mm\", clause = \"5.2.1\" }\r\n", 2, 1,
                        "“page.margin_left”应大于 0，而不是 -5 mm", "not -5 mm"),
    "page in cm read as mm": ("[page]\nwidth = { value = 2100, unit = \"mm\" }\n", 2, 1, "不大于 1200 mm", "at most 1200 mm"),
    "text block off the page": ("[page]\ntext_width = { value = 190, unit = \"mm\" }\n", 1, 1, "版心超出页面", "does not fit the page"),
    "fractional characters per line": ("[grid]\nchars_per_line = { value = 28.5, unit = \"char\" }\n", 2, 1, "应为整数", "a whole number"),
    "too many lines": ("[grid]\nlines_per_page = { value = 1000, unit = \"line\" }\n", 2, 1, "不大于 100", "at most 100"),
    "font size out of bounds": ("[header]\nmark_max_size = { value = 360, unit = \"pt\" }\n", 2, 1, "不大于 100 pt", "at most 100 pt"),
    "wrong unit": ("[body]\nsize = { value = 16, unit = \"px\" }\n", 2, 22, "应为 mm、pt、twip", "must be one of mm"),
    "size without its unit": ("[body]\nsize = { value = 16 }\n", 2, 1, "单位（unit）应为 mm、pt、twip", "the unit of 'body.size'"),
    "colour by name": ("[colors]\nred = { value = \"red\", unit = \"rgb\" }\n", 2, 1, "六位十六进制颜色", "six hex digits"),
    "unknown role": ("[headings.2]\nrole = \"heading3\"\n", 2, 1, "title、body、heading1、heading2、page_number", "must be one of title"),
    "misspelt key in a value table": ("[header]\nsigner_label = { valu = \"签发人：\" }\n", 2, 18, "是否应为“value”", "did you mean 'value'"),
    "missing font file": ("[font_files]\nbody = \"/no/such/simfang.ttf\"  # 仿宋\n", 2, 1, "找不到字体文件", "font file not found"),
    "unknown role for a font file": ("[font_files]\n\"正文\" = \"SimSun\"\n", 2, 1, "此处可用：title、body", "known here: title, body"),
    "table of a variant it cannot hold": ("[variants.plain.page]\nwidth = { value = 200, unit = \"mm\" }\n", 1, 1,
                                          "没有“variants.plain.page”", "has no 'variants.plain.page'"),
}


def _overlay(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "overlay.toml"
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("case", sorted(BAD_OVERLAYS))
def test_a_bad_overlay_is_a_located_error_in_the_overlay(case, cli, tmp_path):
    text, line, column, chinese, english = BAD_OVERLAYS[case]
    overlay = _overlay(tmp_path, text)
    with pytest.raises(composer.ReportError) as raised:
        load_profile(overlay)
    [problem] = raised.value.problems
    assert (problem.location.file, problem.location.line, problem.location.column) == (str(overlay), line, column)
    assert chinese in problem.message("zh") and english in problem.message("en")
    output = tmp_path / "report.docx"
    result = cli("render", str(MINIMAL), "-o", str(output), "--profile", str(overlay))
    assert (result.returncode, result.stderr) == (1, f"{overlay}:{line}:{column}: 错误: {problem.message('zh')}\n")
    assert not output.exists()


@pytest.mark.parametrize("command", ["render", "fonts", "lint", "batch", "format"])
def test_every_command_stops_at_a_bad_overlay_with_exit_1_and_writes_nothing(command, cli, tmp_path):
    overlay = _overlay(tmp_path, "# 本单位\n[title]\nmax_chars_per_line = 18\n")
    out = tmp_path / "out"
    args = {
        "render": ["render", str(MINIMAL), "-o", str(out / "report.pdf")],
        "fonts": ["fonts"],
        "lint": ["lint", str(MINIMAL)],
        "batch": ["batch", str(MINIMAL), "-o", str(out)],
        "format": ["format", str(SAMPLES.parent / "tests" / "data" / "seed-web-copy.txt"), "-o", str(out / "r.docx")],
    }[command]
    result = cli(*args, "--profile", str(overlay))
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"{overlay}:3:1: 错误: “title.max_chars_per_line”应写成带单位的数值表")
    assert "内部错误" not in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    english = cli(*args, "--profile", str(overlay), "--lang", "en")
    assert f"{overlay}:3:1: error: 'title.max_chars_per_line' must be a value table" in english.stderr


def test_every_mistake_of_an_overlay_is_reported_at_once_in_file_order(cli, tmp_path):
    overlay = _overlay(tmp_path, (
        "[body]\nsize = { value = -16, unit = \"pt\" }\n"
        "[pagee]\nwidth = 1\n"
        "[grid]\nchars_per_line = { value = 0, unit = \"char\" }\n"
    ))
    result = cli("render", str(MINIMAL), "-o", str(tmp_path / "r.docx"), "--profile", str(overlay))
    assert result.returncode == 1
    assert [line.split(": ")[0] for line in result.stderr.splitlines()] == [f"{overlay}:{n}:1" for n in (2, 3, 6)]
    assert not (tmp_path / "r.docx").exists()


# --- the profile reaches every stage --------------------------------------------------------------


NARROW_TITLE = "[title]\nmax_chars_per_line = { value = 6, unit = \"char\", force = \"实务\" }\n"


def test_lint_measures_with_the_profile_it_is_given(cli, tmp_path):
    overlay = _overlay(tmp_path, NARROW_TITLE)
    assert "[L001]" not in cli("lint", str(MINIMAL)).stdout
    narrow = cli("lint", str(MINIMAL), "--profile", str(overlay))
    assert narrow.returncode == 0 and "[L001] 标题排成 4 行（每行至多 6 字）" in narrow.stdout
    assert any(f.code == "L001" for f in composer.lint.lint_file(MINIMAL, profile=load_profile(overlay)))
    assert not any(f.code == "L001" for f in composer.lint.lint_report(composer.load(MINIMAL)))


def test_batch_lints_with_the_profile_it_renders_with(cli, tmp_path):
    overlay = _overlay(tmp_path, NARROW_TITLE)
    result = cli("batch", str(MINIMAL), "-o", str(tmp_path / "out"), "--formats", "txt", "--profile", str(overlay), "-j", "1")
    assert result.returncode == 0, result.stderr
    [report] = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))["reports"]
    assert report["lint"]["info"] == 1  # L001, by the overlay's title width
    title_lines = (tmp_path / "out" / "minimal.txt").read_text("utf-8").split("\n\n")[0].splitlines()
    assert len(title_lines) == 4  # and the title it rendered is set 6 characters a line


# --- where keys are written ----------------------------------------------------------------------


def test_keys_are_found_in_every_form_toml_writes_them():
    text = (
        '# [not.a.table] = "in a comment"\n'
        'name = """\n[fake]\nkey = 1\n"""\n'
        "[page]  # 页面\n"
        "  width = { value = 210, unit = \"mm\", note = \"a } and a , in a string\" }\n"
        "margin.top = 3\n"
        "[ headings . \"1\" ]\n"
        "marks = [ \"[\", # a comment in an array\n  \"]\" ]\n"
        "'仿宋_GB2312' = { value = { inner = 1 } }\n"
        "[[list]]\n"
        "x = 1\n"
    )
    assert tomllib.loads(text)  # the scanner is for valid TOML
    positions = key_positions(text)
    lines = text.splitlines()
    assert positions[("name",)] == (2, 1) and ("fake",) not in positions and ("not",) not in positions
    assert positions[("page",)] == (6, 1) and positions[("page", "width")] == (7, 3)
    assert positions[("page", "width", "unit")] == (7, lines[6].index("unit") + 1)
    assert positions[("page", "width", "note")] == (7, lines[6].index("note") + 1)
    assert positions[("page", "margin", "top")] == (8, 1)
    assert positions[("headings", "1")] == (9, 1) and positions[("headings", "1", "marks")] == (10, 1)
    assert positions[("headings", "1", "仿宋_GB2312", "value", "inner")] == (12, lines[11].index("inner") + 1)
    assert positions[("list", "x")] == (14, 1)
