"""Hostile and careless inputs of issue 16: each ends in a clear, located message, never in a
traceback, a hang or a clobbered file. The small inputs live in tests/data/hostile/."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, run_cli

HOSTILE = REPO / "tests" / "data" / "hostile"

# DOCX file -> what the message must say (the offending value, or the limit that was hit).
DOCX: dict[str, str] = {
    "numbering-start-huge-roman.docx": '<w:start w:val="100000000000"> 不是 Word 允许的值（应为 0 到 32767',
    "numbering-start-huge-letter.docx": '<w:start w:val="1000000000000">',
    "numbering-start-not-a-number.docx": '<w:start w:val="one">',
    "numbering-level-zero-as-word.docx": '<w:ilvl w:val="zero"> 不是 Word 允许的值（应为 0 到 8',
    "indent-chars-not-a-number.docx": '<w:ind w:leftChars="two">',
    "numbering-style-link-cycle.docx": "编号样式互相引用，成了循环（numStyleLink：1 -> 2 -> 1）",
    "zip-bomb-part.docx": "“word/media/filler.bin”解压后有 68157440 字节，超过每个部件 67108864 字节的上限",
    "zip-bomb-package.docx": "解压后共有 314576004 字节，超过整个文档 268435456 字节的上限",
}


@pytest.mark.parametrize("name", DOCX)
def test_malformed_docx_is_refused_with_what_was_wrong(name, tmp_path):
    out = tmp_path / "report.yaml"
    result = run_cli("import", str(HOSTILE / name), "-o", str(out))
    assert result.returncode == 2, result.stderr  # an unreadable file, as any DOCX that is none
    assert f"{HOSTILE / name}: 错误: " in result.stderr
    assert "无法读取该 Word 文档" in result.stderr or "上限" in result.stderr
    assert DOCX[name] in result.stderr
    assert "内部错误" not in result.stderr and not out.exists()


def test_the_largest_list_start_word_allows_is_counted_arithmetically():
    from composer import load_profile
    from composer.readers.docx_reader import read_docx

    blocks = read_docx((HOSTILE / "numbering-start-largest-roman.docx").read_bytes(), "roman.docx", load_profile()).blocks
    markers = [block.marker for block in blocks if block.marker]
    assert markers[:2] == ["M" * 32 + "DCCLXVII、", "M" * 32 + "DCCLXVIII、"]


# --- limits: every command bounded by its input -----------------------------------------------------

MINIMAL_PARTS = {"shortcomings": ["不足。"], "leadership": ["履职。"], "plans": ["安排。"]}


def _report(measures: list, **more) -> dict:
    return {"issuer": "青山县司法局", "year": 2024, "date": "2025-01-20",
            "parts": {"measures": measures, **MINIMAL_PARTS}, **more}


def _codes_and_paths(data: dict) -> list[tuple[str, tuple]]:
    import composer

    return [(p.code, p.location.path) for p in composer.validate(data)]


def test_limits_are_refused_at_the_first_item_beyond_them():
    from composer.limits import MAX_ATTACHMENTS, MAX_CHARACTERS, MAX_PARAGRAPHS, MAX_TABLE_ROWS, MAX_TEXT_CHARACTERS

    # Texts count in the order written: issuer, date, then the paragraphs.
    assert _codes_and_paths(_report(["段。"] * MAX_PARAGRAPHS)) == [("too_many_paragraphs", ("parts", "measures", MAX_PARAGRAPHS - 2))]
    table = {"table": {"header": ["甲", "乙"], "rows": [["1", "2"]] * (MAX_TABLE_ROWS - 9)}}
    assert _codes_and_paths(_report([table, table])) == [("too_many_table_rows", ("parts", "measures", 1, "rows", 9))]
    assert _codes_and_paths(_report(["段。"], attachments=["附件"] * (MAX_ATTACHMENTS + 1))) == [
        ("too_many_attachments", ("attachments", MAX_ATTACHMENTS))
    ]
    assert _codes_and_paths(_report(["长" * (MAX_TEXT_CHARACTERS + 1)])) == [("text_too_long", ("parts", "measures", 0))]
    pages = ["页" * 19_000] * (MAX_CHARACTERS // 19_000 + 1)
    over = (MAX_CHARACTERS - len("青山县司法局2025-01-20")) // 19_000  # the issuer and the date count first
    assert _codes_and_paths(_report(pages)) == [("too_much_text", ("parts", "measures", over))]
    # At the limits themselves, a report is valid.
    at_limit = _report(["段。"] * (MAX_PARAGRAPHS - 5 - MAX_ATTACHMENTS), attachments=["附件"] * MAX_ATTACHMENTS)
    assert _codes_and_paths(at_limit) == []


def test_a_file_of_250000_items_is_refused_by_its_lines_before_parsing(tmp_path):
    from composer.limits import MAX_PARAGRAPHS, MAX_YAML_LINES

    path = tmp_path / "items.yaml"
    path.write_text("issuer: 青山县司法局\nyear: 2024\ndate: 2025-01-20\nparts:\n  measures:\n" + "    - 段落。\n" * 250_000, "utf-8")
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"{path}:{MAX_YAML_LINES + 1}:1: 错误: 文件有 250006 行，超过 {MAX_YAML_LINES} 行的上限"
        f"（一份报告至多 {MAX_PARAGRAPHS} 段、2000 个表格行），已拒绝读取"
    )


def test_aliases_repeating_a_long_section_are_refused_by_the_characters_they_expand_to(tmp_path):
    """12 KB of YAML: 1,250 aliases of one 150-paragraph section, under the node cap."""
    section = "".join(f"          - 第{i}段，这一段文字由别名重复很多次，展开后的体积远大于文件本身。\n" for i in range(150))
    aliases = "      - *s\n" * 1250
    path = tmp_path / "amplified.yaml"
    path.write_text(
        "issuer: 青山县司法局\nyear: 2024\ndate: 2025-01-20\nparts:\n  measures:\n"
        f"      - &s\n        heading: 重复的小节\n        content:\n{section}{aliases}"
        "  shortcomings: [不足。]\n  leadership: [履职。]\n  plans: [安排。]\n", "utf-8")
    result = run_cli("render", str(path), "-o", str(tmp_path / "out.docx"))
    assert result.returncode == 1 and not (tmp_path / "out.docx").exists()
    assert "错误: 报告的文字（含别名 &/* 展开的部分）超过 300000 个字符的上限" in result.stderr


def test_an_import_of_more_paragraphs_than_a_report_holds_is_refused_before_recognition(tmp_path):
    from composer.limits import MAX_PARAGRAPHS

    path = tmp_path / "long.txt"
    path.write_text("青山县司法局2024年法治政府建设年度报告\n" + "段落内容。\n" * 100_000, "utf-8")
    result = run_cli("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 1 and not (tmp_path / "out.yaml").exists()
    assert result.stderr.strip() == f"{path}:{MAX_PARAGRAPHS + 1}:1: 错误: 段落过多：一份报告至多 {MAX_PARAGRAPHS} 段（含标题），此处超出"


def test_at_most_100_problems_are_printed_per_file_then_how_many_more(tmp_path):
    many = tmp_path / "many.yaml"
    many.write_text("issuer: 青山县司法局\nyear: 2024\ndate: 2025-01-20\nparts:\n  measures:\n" + '    - ""\n' * 150
                    + "  shortcomings: [不足。]\n  leadership: [履职。]\n  plans: [安排。]\n", "utf-8")
    few = tmp_path / "few.yaml"
    few.write_text(many.read_text("utf-8").replace('    - ""\n' * 150, '    - ""\n' * 3), "utf-8")
    result = run_cli("validate", str(many), str(few))
    lines = result.stderr.strip().splitlines()
    assert sum(line.startswith(f"{many}:") for line in lines) == 101
    assert f"{many}: 提示: 还有 50 个问题未列出" in lines
    assert sum(line.startswith(f"{few}:") for line in lines) == 3

    commas = tmp_path / "commas.yaml"
    commas.write_text(many.read_text("utf-8").replace('    - ""\n' * 150, "    - 甲,乙" + ",丙" * 149 + "\n"), "utf-8")
    result = run_cli("lint", str(commas))
    out = result.stdout.strip().splitlines()
    # 150 half-width commas and the three short parts (S004): 153 findings.
    assert len(out) == 101 and out[-1] == f"{commas}: 提示: 还有 53 个问题未列出"
    assert "[P001]" in out[0]


# --- outputs: never clobber what is not ours -----------------------------------------------------------

MINIMAL_YAML = REPO / "samples" / "minimal.yaml"


def test_a_fifo_given_as_output_is_written_through_and_stays_a_fifo(tmp_path):
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_cli("render", str(MINIMAL_YAML), "-o", str(fifo))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert "青山县司法局2024年法治政府建设年度报告" in received[0].decode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["pipe.txt"]


@pytest.mark.parametrize("device", ["/dev/stdout", "/dev/null"])
def test_a_device_given_as_output_is_written_directly(device):
    import stat

    result = run_cli("render", str(MINIMAL_YAML), "-o", device, "--format", "txt", "-q")
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)  # not replaced by a regular file (as root it was)
    if device == "/dev/stdout":
        assert "青山县司法局2024年法治政府建设年度报告" in result.stdout


def test_our_abandoned_temporary_files_are_cleaned_and_others_kept(tmp_path):
    import os

    import composer

    dead = 1
    while True:  # a process id that no process has now
        dead += 7919
        try:
            os.kill(dead, 0)
        except ProcessLookupError:
            break
        except PermissionError:
            continue
    abandoned = tmp_path / f".report.docx.{dead}-0123abcd.part"
    running = tmp_path / f".report.docx.{os.getpid()}-0123abcd.part"  # another writer, still at work
    foreign = tmp_path / ".report.docx.mine.part"
    for path in (abandoned, running, foreign):
        path.write_bytes(b"partial")
    composer.render_to(composer.load(MINIMAL_YAML), tmp_path / "report.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, foreign.name, "report.docx"])


def test_the_output_is_synced_before_it_is_renamed_into_place(tmp_path, monkeypatch):
    import os

    import composer

    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    composer.render_to(composer.load(MINIMAL_YAML), tmp_path / "report.txt")
    assert calls == ["fsync", "replace"]


def test_a_default_output_name_never_replaces_a_file_this_tool_did_not_write(tmp_path):
    import docx

    draft_text = tmp_path / "草稿.txt"
    draft_text.write_text((REPO / "tests" / "data" / "seed-web-copy.txt").read_text("utf-8"), "utf-8")
    draft = tmp_path / "草稿.docx"
    docx.Document().save(draft)  # the office's own Word draft, with what import does not read
    original = draft.read_bytes()

    assert run_cli("import", str(draft_text), "-q").returncode == 0  # writes 草稿.yaml
    result = run_cli("render", str(tmp_path / "草稿.yaml"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{draft}: 错误: “{draft}”已存在，且不是本工具生成的文件，不会覆盖；请用 -o 指定输出文件"
    assert draft.read_bytes() == original

    user_yaml = tmp_path / "草稿.yaml"
    user_yaml.write_text("# 我自己写的\n", "utf-8")  # now the YAML beside the text is the user's own
    assert run_cli("import", str(draft_text), "-q").returncode == 2
    assert user_yaml.read_text("utf-8") == "# 我自己写的\n"

    run_cli("import", str(draft_text), "-o", str(user_yaml), "-q")  # named outright: replaced
    assert run_cli("render", str(user_yaml), "-o", str(draft)).returncode == 0
    assert draft.read_bytes() != original
    again = run_cli("render", str(user_yaml))  # now ours: the default name replaces it
    assert again.returncode == 0, again.stderr
    assert run_cli("import", str(draft_text), "-q").returncode == 0  # and the YAML is ours too


# --- clear errors instead of internal ones ---------------------------------------------------------------


def test_a_section_without_heading_and_an_empty_item_are_named_in_the_users_terms():
    source = HOSTILE / "section-without-heading-and-empty-item.yaml"
    result = run_cli("validate", str(source))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"{source}:6:7: 错误: 缺少必填项“小标题”（heading）",
        f"{source}:8:6: 错误: “内容”的第 2 项是空的：应填写文字，不需要这一项就删去这一行的“-”",
    ]
    empty = HOSTILE / "empty-issuer.yaml"
    assert run_cli("validate", str(empty)).stderr.strip() == f"{empty}:1:1: 错误: “发文机关”是空的：应填写文字"


@pytest.mark.parametrize("name", ["utf32-bom.yaml", "utf32-le-no-bom.yaml"])
def test_a_utf32_file_is_read(name):
    result = run_cli("validate", str(HOSTILE / name))
    assert (result.returncode, result.stdout.strip()) == (0, f"{HOSTILE / name}: 有效")


def test_a_utf32_text_is_imported_without_a_gbk_note(tmp_path):
    import composer

    result = composer.import_report(HOSTILE / "utf32-be-no-bom.txt")
    assert result.report is not None and result.report.issuer == "某县水利局"
    assert "import_gbk" not in [note.code for note in result.notes]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "txt"])
def test_a_blank_table_column_renders(fmt, tmp_path):
    from readback import squeezed, text_of

    out = tmp_path / f"out.{fmt}"
    result = run_cli("render", str(HOSTILE / "blank-table-column.yaml"), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    text = squeezed(text_of(fmt, out.read_bytes()))
    assert all(squeezed(cell) in text for cell in ("甲", "丙", "不足。"))


# --- batch: a stall or a strange entry never stops the others ---------------------------------------------


def test_batch_skips_special_files_and_broken_links_in_a_folder_with_a_note(tmp_path):
    import os
    import shutil
    import socket

    folder = tmp_path / "收到的报告"
    (folder / "东区").mkdir(parents=True)
    shutil.copy(MINIMAL_YAML, folder / "东区" / "report.yaml")
    os.mkfifo(folder / "pipe.yaml")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket.yaml"))
    os.symlink("loop-b.yaml", folder / "loop-a.yaml")
    os.symlink("loop-a.yaml", folder / "loop-b.yaml")
    os.symlink("gone.yaml", folder / "dangling.yaml")
    outside = tmp_path / "elsewhere" / "deep"
    outside.mkdir(parents=True)
    shutil.copy(MINIMAL_YAML, outside / "outside.yaml")
    os.symlink(outside / "outside.yaml", folder / "linked.yaml")  # a link to a report outside the folder
    out = tmp_path / "out"
    try:
        result = run_cli("batch", str(folder), "-o", str(out), "--formats", "txt", "-q")
    finally:
        server.close()
    assert result.returncode == 0, result.stderr
    notes = sorted(line for line in result.stderr.splitlines() if "已跳过" in line)
    assert notes == [
        f"{folder / 'dangling.yaml'}: 警告: 符号链接指向的文件不存在或链接成环，已跳过",
        f"{folder / 'loop-a.yaml'}: 警告: 符号链接指向的文件不存在或链接成环，已跳过",
        f"{folder / 'loop-b.yaml'}: 警告: 符号链接指向的文件不存在或链接成环，已跳过",
        f"{folder / 'pipe.yaml'}: 警告: 不是普通文件（管道、套接字或设备），已跳过",
        f"{folder / 'socket.yaml'}: 警告: 不是普通文件（管道、套接字或设备），已跳过",
    ]
    # The common folder is the one searched, not / (where the outside link points from).
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.txt")) == ["linked.txt", "东区/report.txt"]


@pytest.mark.slow
def test_batch_fails_a_hung_report_by_its_time_limit_and_renders_the_others(tmp_path):
    import json
    import os
    import shutil

    hung = tmp_path / "hung.yaml"
    os.mkfifo(hung)  # named outright: reading it waits for a writer that never comes
    shutil.copy(MINIMAL_YAML, tmp_path / "good.yaml")
    out = tmp_path / "out"
    result = run_cli("batch", str(hung), str(tmp_path / "good.yaml"), "-o", str(out), "--formats", "txt",
                     "-j", "2", "--time-limit", "20", "-q")  # room for the good one on a busy machine
    assert result.returncode == 1, result.stderr
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    status = {Path(r["file"]).name: (r["status"], [p["message"] for p in r["problems"]]) for r in summary["reports"]}
    assert status["good.yaml"] == ("rendered", [])
    assert status["hung.yaml"] == ("failed", ["20 秒内未能完成，已停止；其余报告照常处理（可用 --time-limit 放宽）"])
    assert (out / "good.txt").exists() and not (out / "hung.txt").exists()


def test_batch_caps_the_processes_at_four_per_core(tmp_path):
    import os

    result = run_cli("batch", str(MINIMAL_YAML), "-o", str(tmp_path / "out"), "--formats", "txt", "-j", "100000")
    assert result.returncode == 0, result.stderr
    cores = len(os.sched_getaffinity(0))
    assert f"提示: -j 100000 超过本机 {cores} 核的 4 倍，按 {4 * cores} 个进程运行" in result.stderr


def test_a_second_ctrl_c_ends_the_workers_at_once(tmp_path):
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import time

    hung = tmp_path / "hung.yaml"
    os.mkfifo(hung)
    shutil.copy(MINIMAL_YAML, tmp_path / "good.yaml")
    env = {**os.environ, "PYTHONPATH": str(REPO), "REPORT_COMPOSER_LANG": "zh"}
    process = subprocess.Popen(
        [sys.executable, "-m", "composer", "batch", str(hung), str(tmp_path / "good.yaml"), "-o", str(tmp_path / "out"),
         "--formats", "txt", "-j", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (tmp_path / "out" / "good.txt").exists() and time.monotonic() < deadline:
        time.sleep(0.2)  # the good report is done: the hung one holds its worker
    process.send_signal(signal.SIGINT)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=60)  # without the fix it waits for the hung worker for ever
    finally:
        process.kill()
    assert process.returncode == 130, process.stderr.read()
    assert not list((tmp_path / "out").glob(".*.part"))


# --- never lose text silently ------------------------------------------------------------------------------


def test_a_page_nested_too_deep_for_the_parser_is_refused_not_read_empty(tmp_path):
    source = HOSTILE / "nested-too-deep.html"
    result = run_cli("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"{source}:4: 错误: 网页的元素嵌套过深（超过 256 层），其中的文字无法完整读取；请在浏览器中复制正文存为 .txt 后再导入"
    )


def test_lint_fix_says_which_values_it_left_because_an_alias_shares_them(tmp_path):
    import shutil

    target = tmp_path / "report.yaml"
    shutil.copy(HOSTILE / "fix-through-alias.yaml", target)
    result = run_cli("lint", "--fix", str(target))
    assert f"{target}:10:13: 已修正 [P001]：“带头学法,履行第一” → “带头学法，履行第一”" in result.stdout
    assert f"{target}:6:7: 未自动修正 [P001]：这段文字经别名（&/*）在多处共用，请在锚点（&）处手动修改" in result.stdout
    assert "&p 我局依法履职,成效明显。" in target.read_text("utf-8")  # the shared text is as it was


@pytest.mark.parametrize("name", ["glyph-missing.docx", "glyph-missing-gb18030.txt"])
def test_format_places_a_character_no_face_has_in_the_source_it_imported(name, tmp_path):
    source = HOSTILE / name
    result = run_cli("format", str(source), "-o", str(tmp_path / "out.pdf"), "-q")
    if result.returncode == 0:
        pytest.skip("a face on this machine has U+13000")
    assert result.returncode == 1
    # Paragraph 3 of the DOCX, line 3 of the text; the character after 全面推进依法治水，古文字.
    assert f"{source}:3:13: 错误: " in result.stderr and "没有字符“𓀀”（U+13000）" in result.stderr
    assert "不是文本文件" not in result.stderr and "另存为" not in result.stderr
