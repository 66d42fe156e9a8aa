"""The command line as a user meets it: exit codes, messages, files written or not."""

import json
import os
import subprocess
import sys

import pytest

from conftest import ALL_SAMPLES, REPO, SEED_YAML

SEED = SEED_YAML.read_text("utf-8")


def test_validate_samples_exit_zero(cli):
    result = cli("validate", *map(str, ALL_SAMPLES))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("有效") == len(ALL_SAMPLES)


def test_render_seed_to_text_is_numbered_as_the_original(cli, tmp_path):
    out = tmp_path / "seed.txt"
    result = cli("render", str(SEED_YAML), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text("utf-8")
    lines = [line.strip("\u3000 ") for line in text.splitlines()]
    headings = [line for line in lines if line and line[0] in "一二三四（"]
    assert headings == [
        "一、本年度推进法治政府建设的主要举措和成效",
        "（一）加强组织领导，不断提升法治建设工作水平。",
        "（二）依法全面履行政府职能职责。",
        "（三）严格行政规范性文件的管理。",
        "（四）广泛开展法治宣传教育活动。",
        "（五）对科技局的权责清单进行了梳理，对“互联网+监管”工作进行了录入。",
        "（六）抓好信用体系建设。",
        "（七）做好优化营商环境政治监督专项检查反馈问题整改工作",
        "（八）推进优化营商环境促进市场主体倍增工作。",
        "二、存在问题及对策建议",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "（一）加强对法治政府建设的组织领导。",
        "（二）完成我局法治政府建设工作。",
        "（三）严格落实党政主要负责人推进法治建设职责。",
        "四、下一步工作意见建议",
    ]
    assert lines[0] == "大同市科技局2023年法治政府建设年度报告"
    assert lines[-2:] == ["大同市科技局", "2023年12月7日"]
    # The date starts two characters right of the signature, at most two from the right edge.
    signature, date = text.splitlines()[-2:]
    assert len(date) - len(date.lstrip("\u3000 ")) > len(signature) - len(signature.lstrip("\u3000 "))


def test_render_reads_stdin_and_writes_stdout(cli):
    result = cli("render", "-", "-o", "-", "--format", "txt", stdin=SEED.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    assert "四、下一步工作意见建议" in result.stdout


BROKEN = {
    "syntax": SEED.replace("issuer: 大同市科技局", "issuer: [大同市科技局", 1),
    "type": SEED.replace("year: 2023", "year: 本年度", 1),
    "missing_part": SEED[: SEED.index("  leadership:")] + SEED[SEED.index("  plans:"):],
    "order": SEED[: SEED.index("  leadership:")] + SEED[SEED.index("  plans:"): SEED.index("\n# 网站公开")] + "\n"
    + SEED[SEED.index("  leadership:"): SEED.index("  plans:")] + SEED[SEED.index("\n# 网站公开"):],
    "doc_number": SEED.replace("disclosure:", "header:\n  number: 同科字〔2024〕05号\ndisclosure:", 1),
    "control": SEED.replace("全面落实法治建设总体目标", "全面落实法治\x0b建设总体目标", 1),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_bad_input_exits_1_with_one_located_message_and_no_output(cli, tmp_path, kind):
    source = tmp_path / f"{kind}.yaml"
    source.write_text(BROKEN[kind], "utf-8")
    out = tmp_path / "out.txt"
    result = cli("render", str(source), "-o", str(out))
    assert result.returncode == 1
    messages = result.stderr.strip().splitlines()
    assert len(messages) == 1, result.stderr
    file, line, column, rest = messages[0].split(":", 3)
    assert file == str(source) and int(line) > 0 and int(column) > 0 and "错误" in rest
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_failed_render_leaves_an_existing_output_alone(cli, tmp_path):
    source = tmp_path / "bad.yaml"
    source.write_text(BROKEN["type"], "utf-8")
    out = tmp_path / "out.txt"
    out.write_text("old", "utf-8")
    assert cli("render", str(source), "-o", str(out)).returncode == 1
    assert out.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "out.txt"]  # no temporary left


def test_messages_in_english(cli, tmp_path):
    source = tmp_path / "bad.yaml"
    source.write_text(BROKEN["missing_part"], "utf-8")
    result = cli("validate", "--lang", "en", str(source))
    assert result.returncode == 1
    assert "error: part 三" in result.stderr and "(leadership) is missing" in result.stderr


def test_validate_json_for_tools(cli, tmp_path):
    source = tmp_path / "bad.yaml"
    source.write_text(BROKEN["doc_number"], "utf-8")
    result = cli("validate", "--format", "json", str(source), str(SEED_YAML))
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert [entry["valid"] for entry in payload] == [False, True]
    [problem] = payload[0]["problems"]
    assert problem["code"] == "doc_number_leading_zero" and problem["line"] > 0 and problem["path"] == ["header", "number"]


def test_unreadable_input_exits_2(cli, tmp_path):
    result = cli("validate", str(tmp_path / "missing.yaml"))
    assert result.returncode == 2
    assert "找不到文件" in result.stderr


def test_usage_error_exits_2(cli):
    result = cli("render")
    assert result.returncode == 2
    assert "用法错误" in result.stderr


def test_refuses_to_write_over_the_input(cli, tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(SEED, "utf-8")
    result = cli("render", str(source), "-o", str(source))
    assert result.returncode == 2
    assert source.read_text("utf-8") == SEED


def test_unknown_output_suffix_asks_for_a_format(cli, tmp_path):
    result = cli("render", str(SEED_YAML), "-o", str(tmp_path / "out.xyz"))
    assert result.returncode == 2
    assert "--format" in result.stderr


@pytest.mark.parametrize("today, year", [("2026-01-15", 2025), ("2026-03-31", 2025), ("2026-06-30", 2025),
                                         ("2026-10-08", 2026), ("2026-12-03", 2026)])
def test_a_new_template_reports_on_the_year_an_office_is_drafting(today, year):
    from datetime import date

    import composer
    from composer.lint import lint_report
    from composer.template import new_report_yaml

    report = composer.load(new_report_yaml(today=date.fromisoformat(today)))
    issued = date.fromisoformat(today) if year < int(today[:4]) else date(year, 12, 31)  # the year's last day
    assert report.year == year and report.date == issued
    late = today == "2026-06-30"  # last year's report, after the first quarter: late indeed
    assert ("D001" in {f.code for f in lint_report(report)}) == late


def test_new_writes_a_template_that_validates(cli, tmp_path):
    out = tmp_path / "new.yaml"
    assert cli("new", "--issuer", "青山县: 司法局", "--year", "2024", "-o", str(out)).returncode == 0
    text = out.read_text("utf-8")
    assert "yaml-language-server: $schema=" in text
    assert cli("validate", str(out)).returncode == 0
    assert cli("new", "-o", str(out)).returncode == 2  # does not overwrite without --force


def test_schema_command_matches_the_committed_schema(cli):
    result = cli("schema")
    assert result.returncode == 0
    assert result.stdout == (REPO / "schemas" / "report.schema.json").read_text("utf-8")
    schema = json.loads(result.stdout)
    assert {"year", "date", "parts"} <= set(schema["required"])
    assert schema["anyOf"] == [{"required": ["issuer"]}, {"required": ["issuers"]}]  # one issuer or several


def test_samples_point_editors_at_the_schema():
    for sample in ALL_SAMPLES:
        assert sample.read_text("utf-8").startswith("# yaml-language-server: $schema=../schemas/report.schema.json")


def test_runs_as_a_module_and_prints_help(cli):
    result = cli("--help")
    assert result.returncode == 0 and "render" in result.stdout and "validate" in result.stdout


def test_a_run_builds_the_parser_of_the_command_it_names_and_says_the_same():
    """Only the named command's arguments are built; what the parser says is what the parser
    of every command says: each command's help, and a misspelt command is told every command."""
    from composer.cli import COMMANDS, _named_command, build_parser

    def commands(parser):
        return next(action for action in parser._actions if action.dest == "command").choices

    every = commands(build_parser())
    assert tuple(every) == COMMANDS
    for name in COMMANDS:
        assert list(commands(build_parser(name))) == [name]
        assert commands(build_parser(name))[name].format_help() == every[name].format_help()
    assert _named_command(["--lang", "en", "-q", "render", "in.yaml"]) == "render"
    assert _named_command(["--lang=en", "lint", "render"]) == "lint"
    assert _named_command(["rendr", "new"]) is None  # misspelt: every command, to list them
    assert _named_command(["--help"]) is None and _named_command([]) is None


def test_a_misspelt_command_is_told_every_command(cli):
    result = cli("rendr", "new")
    assert result.returncode == 2
    assert all(f"'{name}'" in result.stderr for name in ("render", "validate", "new", "schema"))


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_hold_before_or_after_the_subcommand(cli, tmp_path, where):
    args = ["render", str(SEED_YAML), "-o", str(tmp_path / "seed.txt")]
    flags = ["-q", "--lang", "en"]
    result = cli(*(flags + args if where == "before" else args + flags))
    assert result.returncode == 0 and result.stderr == ""


def test_output_into_a_closed_pipe_ends_quietly():
    """`report-composer new | head -1`: the reader goes before the output is flushed; no traceback."""
    reader, writer = os.pipe()
    os.close(reader)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONPATH"] = str(REPO)
    try:
        result = subprocess.run([sys.executable, "-m", "composer", "new"], stdout=writer, stderr=subprocess.PIPE,
                                env=env, cwd=REPO, timeout=120)
    finally:
        os.close(writer)
    assert result.returncode == 0 and result.stderr == b""


def test_render_warns_of_a_text_that_a_hash_cut_short_and_not_of_a_comment(cli, tmp_path):
    """Unquoted, "- 完成第 #3 号任务" is printed as "完成第": YAML takes " #…" for a comment. The
    render says so at the "#" (lint's P007), in every format; a comment after a key is not text."""
    source = (REPO / "samples" / "minimal.yaml").read_text("utf-8")
    source = source.replace("year: 2024", "year: 2024 # 报告年度").replace(
        "    - 2024年，我局", "    - 完成第 #3 号重点任务，共 12 项。\n    - '第 #4 号任务已完成。'\n    - 2024年，我局")
    source += "    - |\n      表格 #1 说明\n"
    report = tmp_path / "report.yaml"
    report.write_text(source, "utf-8")
    lines = source.splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "#3" in text)
    for suffix in ("pdf", "docx", "txt"):
        run = cli("render", str(report), "-o", str(tmp_path / f"out.{suffix}"))
        assert run.returncode == 0 and (tmp_path / f"out.{suffix}").exists()
        warned = [text for text in run.stderr.splitlines() if "被 YAML 当作注释" in text]
        assert warned == [f"{report}:{line}:{lines[line - 1].index('#') + 1}: 警告: 这一行“#”之后的“#3 号重点任务，共 12 项。”"
                          "被 YAML 当作注释，不会印出；若它是正文，请给整段文字加引号"], suffix
    assert "完成第\n" in (tmp_path / "out.txt").read_text("utf-8")
