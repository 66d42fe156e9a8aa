"""Output safety of every command that writes a file: render, format, import, new, schema, lint --fix.

Each writes a temporary file beside the target and renames it over: an existing output is
replaced whole (as pandoc overwrites) and keeps its permissions, or, when the run fails, stays
exactly as it was; no run leaves a partial or temporary file; none writes over its input.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import composer
from conftest import SAMPLES, SEED_TEXT, run_cli

MINIMAL = (SAMPLES / "minimal.yaml").read_text("utf-8")
OLD = b"an older output\n"
# A character no installed face has: the PDF writer refuses it after the report has loaded.
NO_GLYPH = "\U00013000"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def _source(folder: Path, kind: str) -> Path:
    """An input for a command: a valid one, or one failing at a given stage."""
    if kind == "yaml":
        return _write(folder, "report.yaml", MINIMAL)
    if kind == "bad-yaml":
        return _write(folder, "report.yaml", MINIMAL.replace("year: 2024", "year: 本年度"))
    if kind == "no-glyph-yaml":
        return _write(folder, "report.yaml", MINIMAL.replace("我局", f"我局{NO_GLYPH}"))
    if kind == "fixable-yaml":
        return _write(folder, "report.yaml", MINIMAL.replace("2024年，我局", "2024年,我局"))
    if kind == "text":
        return _write(folder, "source.txt", SEED_TEXT.read_text("utf-8"))
    if kind == "undated-text":
        return _write(folder, "source.txt", "青山县司法局2024年法治政府建设年度报告\n\n一、主要举措\n我局深入推进。\n")
    if kind == "no-glyph-text":
        return _write(folder, "source.txt", SEED_TEXT.read_text("utf-8").replace("。", f"{NO_GLYPH}。", 1))
    raise ValueError(kind)


# command -> (input kind, arguments with {src} and {out}); the output is {out}.
WRITING = {
    "render": ("yaml", ["render", "{src}", "-o", "{out}.pdf"]),
    "format": ("text", ["format", "{src}", "-o", "{out}.docx"]),
    "import": ("text", ["import", "{src}", "-o", "{out}.yaml"]),
    "new": (None, ["new", "--force", "-o", "{out}.yaml"]),
    "schema": (None, ["schema", "-o", "{out}.json"]),
}
FAILING = {
    "render, invalid report": ("bad-yaml", ["render", "{src}", "-o", "{out}.docx"]),
    "render, a character no face has": ("no-glyph-yaml", ["render", "{src}", "-o", "{out}.pdf"]),
    "format, no date in the source": ("undated-text", ["format", "{src}", "-o", "{out}.pdf"]),
    "format, a character no face has": ("no-glyph-text", ["format", "{src}", "-o", "{out}.pdf"]),
    "import, no date in the source": ("undated-text", ["import", "{src}", "-o", "{out}.yaml"]),
    "new, existing file without --force": (None, ["new", "-o", "{out}.yaml"]),
}


def _command(folder: Path, kind: str | None, template: list[str]) -> tuple[list[str], Path]:
    src = _source(folder, kind) if kind else None
    args = [part.format(src=src, out=folder / "out") for part in template]
    return args, Path(next(a for a in args if a.startswith(str(folder / "out"))))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("name", WRITING)
def test_an_existing_output_is_replaced_whole_and_keeps_its_permissions(name, tmp_path):
    args, out = _command(tmp_path, *WRITING[name])
    out.write_bytes(OLD)
    out.chmod(0o600)
    earlier = tmp_path / "hard-link-to-the-old-output"
    os.link(out, earlier)
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() != OLD and out.stat().st_size > 100
    assert earlier.read_bytes() == OLD, "the old file was rewritten in place, not replaced by a rename"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert _leftovers(tmp_path) == []


def test_lint_fix_replaces_the_report_whole_and_keeps_its_permissions(tmp_path):
    report = _source(tmp_path, "fixable-yaml")
    report.chmod(0o640)
    before = report.read_bytes()
    earlier = tmp_path / "hard-link"
    os.link(report, earlier)
    result = run_cli("lint", "--fix", str(report))
    assert "Traceback" not in result.stderr
    assert report.read_bytes() == before.replace(b"2024\xe5\xb9\xb4,", "2024年，".encode())
    assert earlier.read_bytes() == before
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("existing", [True, False], ids=["existing output", "no output yet"])
@pytest.mark.parametrize("name", FAILING)
def test_a_failed_run_leaves_no_output_and_an_existing_one_unchanged(name, existing, tmp_path):
    args, out = _command(tmp_path, *FAILING[name])
    if existing or name.startswith("new"):
        out.write_bytes(OLD)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_cli(*args)
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr and result.stderr.strip()
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing new, no temporary
    if existing or name.startswith("new"):
        assert out.read_bytes() == OLD
    else:
        assert not out.exists()


@pytest.mark.parametrize(
    "kind, args",
    [
        ("yaml", ["render", "{src}", "-o", "{src}", "-f", "txt"]),
        ("text", ["import", "{src}", "-o", "{src}"]),
        ("text", ["format", "{src}", "-o", "{src}", "-f", "txt"]),
        ("text", ["format", "{src}", "-o", "{link}", "-f", "txt"]),  # the same file under another name
        ("yaml", ["render", "{src}", "-o", "{hard}", "-f", "txt"]),
    ],
    ids=["render X -o X", "import SRC -o SRC", "format SRC -o SRC", "format SRC -o symlink-to-SRC",
         "render X -o hard-link-to-X"],
)
def test_no_command_writes_over_its_input(kind, args, tmp_path):
    src = _source(tmp_path, kind)
    before = src.read_bytes()
    (tmp_path / "link").symlink_to(src)
    os.link(src, tmp_path / "hard")
    result = run_cli(*(a.format(src=src, link=tmp_path / "link", hard=tmp_path / "hard") for a in args))
    assert result.returncode == 2
    assert "输出文件与输入文件相同" in result.stderr
    assert src.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_format_of_a_word_file_does_not_default_to_writing_over_it(tmp_path):
    source = tmp_path / "report.docx"
    source.write_bytes(composer.render(composer.load(SAMPLES / "minimal.yaml"), "docx"))
    before = source.read_bytes()
    result = run_cli("format", str(source))
    assert result.returncode == 2 and "请用 -o 指定输出文件" in result.stderr, result.stderr
    assert source.read_bytes() == before


def test_import_of_a_yaml_report_says_what_import_reads_and_leaves_it_alone(tmp_path):
    source = _source(tmp_path, "yaml")  # its default output, report.yaml, is the report itself
    result = run_cli("import", str(source))
    assert result.returncode == 2 and "无法导入“.yaml”类文件" in result.stderr, result.stderr
    assert source.read_text("utf-8") == MINIMAL


def test_output_through_a_link_writes_the_file_it_names(tmp_path):
    real = tmp_path / "real" / "report.txt"
    real.parent.mkdir()
    real.write_bytes(OLD)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert run_cli("render", str(SAMPLES / "minimal.yaml"), "-o", str(link)).returncode == 0
    assert link.is_symlink()
    assert "青山县司法局" in real.read_text("utf-8")


def test_an_output_that_cannot_be_written_is_a_located_refusal(tmp_path):
    out = tmp_path / "missing-folder" / "report.docx"
    result = run_cli("render", str(SAMPLES / "minimal.yaml"), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{out}: 错误: 无法写入输出文件"), result.stderr
    assert "Traceback" not in result.stderr
    directory = tmp_path / "a-folder.docx"
    directory.mkdir()
    result = run_cli("render", str(SAMPLES / "minimal.yaml"), "-o", str(directory))
    assert result.returncode == 2 and "无法写入输出文件" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder.docx"]
    assert list(directory.iterdir()) == []


def test_a_new_output_gets_the_permissions_the_umask_gives(tmp_path):
    report = composer.load(SAMPLES / "minimal.yaml")
    previous = os.umask(0o027)
    try:
        composer.render_to(report, tmp_path / "report.txt")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "report.txt").stat().st_mode) == 0o640
