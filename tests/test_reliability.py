"""Bad inputs: each ends in a correct document or in exit 1 with located messages.

Never a traceback, a hang or a partial file. The corpus lives in tests/corpus/ (small files)
and is generated here (large ones).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

import composer
from composer.problems import MESSAGES
from composer.profile import load_profile
from conftest import REPO, run_cli
from htmltree import parse
from readback import printed_texts, squeezed, text_of

CORPUS = REPO / "tests" / "corpus"
MINIMAL = (REPO / "samples" / "minimal.yaml").read_text("utf-8")
FORMATS = ("docx", "pdf", "html", "txt")
LOCATED = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+))?(?::(?P<column>\d+))?: (错误|error): .+$")  # file-wide problems name only the file

# file -> None when it renders, else the message that must be among the answers.
EXPECTED: dict[str, str | None] = {
    "bom.yaml": None,
    "date-slashes.yaml": None,
    "odd-date.yaml": None,
    "markup.yaml": None,
    "long-word.yaml": None,
    "no-break.yaml": None,
    "date-dots.yaml": None,
    "tab-in-text.yaml": "制表符",
    "format-character.yaml": "看不见的格式字符",
    "noncharacter.yaml": "非字符",
    "empty.yaml": "文件为空",
    "gbk.yaml": "GBK",
    "surrogate-bytes.yaml": "不是 UTF-8",  # a lone surrogate written as UTF-8 bytes (ED A0 80)
    "binary.yaml": "不是文本文件",
    "tabs.yaml": "制表符",
    "list-not-mapping.yaml": "顶层",
    "parts-as-list.yaml": "正文各部分",
    "unknown-key.yaml": "是否应为“issuer”",
    "bad-date.yaml": "无法识别的日期",
    "control-character.yaml": "U+001B",
    "private-use.yaml": "U+E0A5",
    "empty-part.yaml": "没有内容",
    "ragged-table.yaml": "表格第 2 行",
}


def _generated(tmp: Path) -> dict[str, tuple[Path, str | None]]:
    """The large cases, written on demand."""
    cases: dict[str, tuple[str | bytes, str | None]] = {}
    bomb = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    bomb += [f"a{i}: &a{i} [{','.join(f'*a{i - 1}' for _ in range(9))}]" for i in range(1, 12)]
    cases["alias-bomb.yaml"] = ("\n".join(bomb) + "\n" + MINIMAL, "别名")
    cases["deep-nesting.yaml"] = (MINIMAL + "x: " + "[" * 100_000 + "]" * 100_000 + "\n", "嵌套")
    cases["huge.yaml"] = (MINIMAL + "# " + "填" * (17 * 1024 * 1024) + "\n", "文件过大")
    cases["surrogate.yaml"] = (MINIMAL.replace("issuer: 青山县司法局", 'issuer: "青山县\\ud800司法局"'), "U+D800")
    cases["long-title.yaml"] = (MINIMAL.replace("year: 2024", "year: 2024\ntitle: 2024年" + "法治政府建设" * 333), None)
    sections = "".join(f"    - heading: 第{i}项工作\n      content:\n        - 正文{i}。\n" for i in range(1, 1001))
    cases["many-sections.yaml"] = (MINIMAL.replace("  measures:\n", "  measures:\n" + sections, 1), None)
    attachments = "".join(f"  - 附件名称第{i}号，关于法治政府建设重点任务完成情况的统计表和说明材料\n" for i in range(1, 201))
    cases["many-attachments.yaml"] = (MINIMAL + "attachments:\n" + attachments, None)
    written: dict[str, tuple[Path, str | None]] = {}
    for name, (content, expected) in cases.items():
        path = tmp / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        written[name] = (path, expected)
    return written


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return _generated(tmp_path_factory.mktemp("generated"))


def _check(source: Path, expected: str | None, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run_cli("render", str(source), "-o", str(out))
    assert "Traceback" not in result.stderr
    if expected is None:  # a correct document: it holds every text of the report
        assert result.returncode == 0, result.stderr
        read = squeezed(text_of(fmt, out.read_bytes()))
        assert [t for t in printed_texts(composer.load(source)) if squeezed(t) not in read] == []
        return
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert expected in result.stderr
    for line in lines:
        match = LOCATED.match(line)
        assert match and match["file"] == str(source), line
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "a temporary file was left behind"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus(name, fmt, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    _check(CORPUS / name, EXPECTED[name], fmt, out_dir)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "name", ["alias-bomb.yaml", "deep-nesting.yaml", "huge.yaml", "surrogate.yaml", "long-title.yaml",
             pytest.param("many-sections.yaml", marks=pytest.mark.slow), "many-attachments.yaml"],
)
def test_generated(name, fmt, generated, tmp_path):
    source, expected = generated[name]
    _check(source, expected, fmt, tmp_path)


def test_corpus_is_complete():
    assert sorted(p.name for p in CORPUS.glob("*.yaml")) == sorted(EXPECTED)


# --- memory -------------------------------------------------------------------------------------

# Runs a command and prints its exit code, its stderr and the peak resident memory (KiB) of it.
PEAK_OF_CHILD = """
import json, resource, subprocess, sys
stdin = open(sys.argv[1], "rb") if sys.argv[1] else subprocess.DEVNULL
result = subprocess.run(sys.argv[2:], stdin=stdin, capture_output=True, text=True, timeout=120)
print(json.dumps([result.returncode, result.stderr, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))
"""
MEMORY_LIMIT_KIB = 200 * 1024


@pytest.mark.parametrize("name", ["alias-bomb.yaml", "huge.yaml"])
@pytest.mark.parametrize("command", ["render", "render-stdin", "validate", "lint", "import"])
def test_peak_memory_stays_under_200_mb(name, command, generated, tmp_path):
    """Each command answers the alias bomb and the 50 MB file with a located refusal, in bounded memory.

    (How fast it answers is for the benchmarks; the timeout only guards against a hang.)
    """
    source, expected = generated[name]
    stdin = ""
    if command == "render":
        args = ["render", str(source), "-o", str(tmp_path / "out.pdf")]
    elif command == "render-stdin":
        args, stdin, source = ["render", "-", "-f", "pdf"], str(source), "<stdin>"
    elif command == "import":  # the importer reads the same bytes as a text report
        text_source = tmp_path / "report.txt"
        text_source.symlink_to(source)
        args, source = ["import", str(text_source), "-o", str(tmp_path / "out.yaml")], text_source
    else:
        args = [command, str(source)]
    helper = subprocess.run(
        [sys.executable, "-c", PEAK_OF_CHILD, stdin, sys.executable, "-m", "composer", *args],
        capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=tmp_path,
    )
    assert helper.returncode == 0, helper.stderr
    returncode, stderr, peak = json.loads(helper.stdout)
    assert "Traceback" not in stderr
    assert peak < MEMORY_LIMIT_KIB, f"peak {peak // 1024} MB"
    if command == "import" and name == "alias-bomb.yaml":  # as text it is a (strange) report, not a bomb
        assert returncode in (0, 1), stderr
        return
    assert returncode in (1, 2), stderr  # lint: a file it cannot read at all is 2
    assert stderr.startswith(f"{source}:") and (expected in stderr or "文件过大" in stderr), stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("out")] == []


# --- the corpus through import and lint -----------------------------------------------------------

SOURCE_KINDS = (".txt", ".md", ".html", ".docx")


@pytest.fixture(scope="module")
def as_sources(tmp_path_factory) -> list[Path]:
    """Every corpus file under each name the importer reads: the same bytes, taken as a source."""
    folder = tmp_path_factory.mktemp("sources")
    copies = []
    for source in sorted(CORPUS.glob("*.yaml")):
        for suffix in SOURCE_KINDS:
            copy = folder / (source.stem + suffix)
            copy.write_bytes(source.read_bytes())
            copies.append(copy)
    return copies


def test_lint_answers_every_corpus_file_and_source(as_sources):
    """One run over everything: each file gets its findings or a located refusal, never a traceback."""
    files = [*sorted(CORPUS.glob("*.yaml")), *as_sources]
    result = run_cli("lint", *map(str, files))
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    answered = {line.split(":", 1)[0] for line in (result.stdout + result.stderr).splitlines()}
    assert answered == {str(f) for f in files}


def test_import_answers_every_corpus_file_as_a_source(as_sources):
    """A report, or problems with known codes at the source: nothing else."""
    for source in as_sources:
        try:
            result = composer.import_report(source)
        except composer.ReportError as error:
            problems = error.problems
        else:
            problems = result.problems + result.notes
            assert (result.report is None) == bool(result.problems), source
        assert all(p.code in MESSAGES and p.location.file == str(source) for p in problems), source


@pytest.mark.parametrize("name, expected", [("empty", "文件为空"), ("binary", "不是文本文件"), ("markup", "没有找到报告正文的各部分")])
@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_cli_import_of_a_corpus_file_answers_and_writes_nothing(name, expected, suffix, tmp_path):
    source = tmp_path / f"{name}{suffix}"
    source.write_bytes((CORPUS / f"{name}.yaml").read_bytes())
    result = run_cli("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 1 and expected in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_import_drops_invisible_format_characters_of_a_web_copy_and_says_so(tmp_path):
    """Zero-width spaces, soft hyphens and stray BOMs would hide headings and are refused by the model."""
    text = (REPO / "tests" / "data" / "seed-web-copy.txt").read_text("utf-8")
    source = tmp_path / "copy.txt"
    source.write_text(text.replace("。", "。\u200b").replace("法治", "法\u00ad治").replace("、", "\ufeff、"), "utf-8")
    result = composer.import_report(source)
    clean = composer.import_report(REPO / "tests" / "data" / "seed-web-copy.txt")
    assert result.report == clean.report
    [note] = [n for n in result.notes if n.code == "import_invisible"]
    assert note.params["count"] == text.count("。") + text.count("法治") + text.count("、")


# --- markup prints as text ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_markup_in_the_text_prints_literally(fmt, tmp_path):
    """`<b>`, `<img src="/etc/passwd">`, `&lt;`, `]]>` are what the author typed: printed as such,
    never read as reportlab paragraph markup, WordprocessingML or HTML."""
    source = CORPUS / "markup.yaml"
    [paragraph] = [p for p in composer.load(source).parts.measures.content if "<img" in p]
    out = tmp_path / f"markup.{fmt}"
    assert run_cli("render", str(source), "-o", str(out)).returncode == 0
    data = out.read_bytes()
    assert squeezed(paragraph) in squeezed(text_of(fmt, data))
    if fmt == "html":
        body = parse(data).find("body")
        assert not body.find_all("img") and not body.find_all("b") and not body.find_all("font")
        assert b'<img src="/etc/passwd">' not in data


@pytest.mark.parametrize("name", ["long-word.yaml", "no-break.yaml"])
def test_text_without_break_opportunities_stays_inside_the_text_block(name):
    """A URL, or thousands of letters, digits or opening brackets in a row, is broken where it
    must be: every character of the PDF lies within the 156 mm text block, and none is lost."""
    report = composer.load(CORPUS / name)
    data = composer.render(report, "pdf")
    page = load_profile().page
    left, right = page.margin_left.pt, page.margin_left.pt + page.text_width.pt
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
    assert all(left - 0.5 <= c["x0"] and c["x1"] <= right + 0.5 for c in chars)
    assert squeezed(report.parts.measures.content[0]) in squeezed(text_of("pdf", data))
