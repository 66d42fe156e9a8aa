"""`report-composer batch`: many reports at once, the bad ones reported and skipped, a summary
the office opens in Excel; and the promise that --help and validate stay light."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from composer import batch
from conftest import REPO, SAMPLES, SEED_TEXT, run_cli

MINIMAL = (SAMPLES / "minimal.yaml").read_text("utf-8")


def report(issuer: str = "青山县司法局", year: str = "2024") -> str:
    return MINIMAL.replace("青山县司法局", issuer).replace("year: 2024", f"year: {year}")


def folder(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def all_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def pdf_page_count(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


# --- a folder with good and bad reports, by the command line -----------------------------------

BAD_YEAR_LINE = 4  # "year: 1999" in the minimal sample


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The collecting office's folder, rendered with -j 2 and with -j 1."""
    root = tmp_path_factory.mktemp("office")
    incoming = folder(root / "incoming", {
        "东区/report.yaml": report("东区司法局"),
        "西区/report.yaml": report("西区司法局"),
        "西区/旧格式.yml": report("西区财政局"),
        "bad-year.yaml": report("南区司法局", year="1999"),
        "broken.yaml": "issuer: [北区司法局\nyear: 2024\n",
        "readme.txt": "not a report: ignored without --import",
    })
    runs = {jobs: run_cli("batch", str(incoming), "-o", str(root / f"out-j{jobs}"), "-j", str(jobs)) for jobs in (2, 1)}
    return root, incoming, runs


def test_the_batch_renders_the_good_reports_and_reports_the_bad_ones(office):
    root, incoming, runs = office
    result, out = runs[2], root / "out-j2"
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(all_files(out)) == [
        "summary.csv", "summary.json",
        "东区/report.docx", "东区/report.pdf", "西区/report.docx", "西区/report.pdf", "西区/旧格式.docx", "西区/旧格式.pdf",
    ]
    docx = zipfile.ZipFile(out / "东区/report.docx")
    assert "东区司法局" in docx.read("word/document.xml").decode("utf-8")
    assert "西区司法局" in zipfile.ZipFile(out / "西区/report.docx").read("word/document.xml").decode("utf-8")


def test_the_summary_csv_opens_in_excel_and_says_what_became_of_each_report(office):
    root, incoming, _ = office
    data = (root / "out-j2" / "summary.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel and WPS need to read UTF-8
    rows = {Path(r["文件"]).relative_to(incoming).as_posix(): r for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
    assert sorted(rows) == ["bad-year.yaml", "broken.yaml", "东区/report.yaml", "西区/report.yaml", "西区/旧格式.yml"]
    good = rows["东区/report.yaml"]
    assert (good["状态"], good["发文机关"], good["年度"], good["类型"]) == ("已生成", "东区司法局", "2024", "yaml")
    assert int(good["页数"]) == pdf_page_count(root / "out-j2" / "东区/report.pdf")
    assert good["输出文件"].split("\n") == ["东区/report.docx", "东区/report.pdf"]
    assert good["问题"] == ""
    bad = rows["bad-year.yaml"]
    assert (bad["状态"], bad["发文机关"], bad["年度"], bad["页数"], bad["输出文件"]) == ("失败", "南区司法局", "1999", "", "")
    assert re.search(rf"bad-year\.yaml:{BAD_YEAR_LINE}:\d+: 错误: 报告年度 1999", bad["问题"])
    assert int(bad["错误"]) >= 1  # lint counts the reason it does not validate
    broken = rows["broken.yaml"]
    assert broken["状态"] == "失败" and "broken.yaml:1:9: 错误: 这里开始的 [ 没有配对的 ]" in broken["问题"] and broken["错误"] == ""


def test_the_summary_json_holds_the_same_for_tools(office):
    root, incoming, _ = office
    summary = json.loads((root / "out-j2" / "summary.json").read_text("utf-8"))
    assert summary["counts"] == {"total": 5, "rendered": 3, "failed": 2, "interrupted": 0}
    assert summary["formats"] == ["docx", "pdf"] and summary["imports"] is False
    by_file = {Path(r["file"]).relative_to(incoming).as_posix(): r for r in summary["reports"]}
    good = by_file["西区/旧格式.yml"]
    assert good["status"] == "rendered" and good["issuer"] == "西区财政局" and good["year"] == 2024
    assert good["outputs"] == {"docx": "西区/旧格式.docx", "pdf": "西区/旧格式.pdf"}
    assert set(good["lint"]) == {"error", "warning", "info"} and good["lint"]["error"] == 0
    [problem] = by_file["bad-year.yaml"]["problems"]
    assert (problem["code"], problem["severity"], problem["line"]) == ("year_range", "error", BAD_YEAR_LINE)
    assert problem["file"].endswith("bad-year.yaml") and problem["path"] == ["year"]


def test_progress_off_a_terminal_is_one_plain_line_per_report(office):
    _, _, runs = office
    lines = runs[2].stderr.splitlines()
    assert "\r" not in runs[2].stderr and "\x1b" not in runs[2].stderr
    progress = [line for line in lines if re.match(r"\[\d/5\] ", line)]
    assert sorted(line[:5] for line in progress) == [f"[{n}/5]" for n in range(1, 6)]
    assert sum("已生成" in line for line in progress) == 3 and sum(" 失败 " in line for line in progress) == 2
    assert any(re.search(r"bad-year\.yaml:4:\d+: 错误:", line) for line in lines)
    assert lines[-1].startswith("已生成 3 份，失败 2 份") and "summary.csv" in lines[-1]


def test_one_process_and_two_write_the_same_bytes(office):
    root, _, runs = office
    assert runs[1].returncode == 1, runs[1].stderr
    one, two = all_files(root / "out-j1"), all_files(root / "out-j2")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []  # documents and summaries alike


def test_a_terminal_gets_a_bar_redrawn_in_place():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    progress = batch.Progress(2, screen)
    job = batch.Job("incoming/东区/report.yaml", "/x", {})
    progress(batch.Outcome(job, "rendered"))
    progress(batch.Outcome(job, "failed", problems=[batch.Problem("file_empty", {}, batch.Location(job.file, 1, 1))]))
    progress.close()
    text = screen.getvalue()
    assert "[############............] 1/2  incoming/东区/report.yaml" in text
    assert "\r\x1b[Kincoming/东区/report.yaml:1:1: 错误: 文件为空\n[" in text  # the bar steps aside for it
    assert "2/2  失败 1" in text and text.endswith("\r\x1b[K")


# --- naming, importing and writing, through the library ------------------------------------------


def test_names_that_would_meet_get_numbers_and_never_an_input(tmp_path):
    incoming = folder(tmp_path, {"a.yaml": MINIMAL, "a.yml": MINIMAL, "A.docx": "", "sub/a.yaml": MINIMAL})
    jobs, problems = batch.plan([str(incoming / "a.yaml"), str(incoming / "a.yml"), str(incoming / "A.docx"),
                                 str(incoming / "sub")], incoming, ("docx", "pdf"))
    assert problems == []
    names = {Path(j.file).relative_to(incoming).as_posix(): sorted(Path(o).relative_to(incoming).as_posix()
                                                                   for o in j.outputs.values()) for j in jobs}
    assert names == {
        "A.docx": ["A-2.docx", "A-2.pdf"],  # A.docx is an input: never written over
        "a.yaml": ["a-3.docx", "a-3.pdf"],
        "a.yml": ["a-4.docx", "a-4.pdf"],
        "sub/a.yaml": ["sub/a.docx", "sub/a.pdf"],
    }


def test_a_folder_is_searched_for_yaml_and_with_import_for_sources_too(tmp_path):
    incoming = folder(tmp_path / "in", {
        "a.yaml": MINIMAL, "a.docx": "its rendering", "seed.txt": SEED_TEXT.read_text("utf-8"),
        ".hidden/b.yaml": MINIMAL, "~$lock.yaml": "", "out/c.yaml": MINIMAL,
    })
    found, notes = batch.find_inputs([str(incoming)], incoming / "out")
    assert [p.name for p in found] == ["a.yaml"]
    [left] = notes  # the draft not taken is named, with the option that takes it; a.docx is a.yaml
    assert (left.code, left.severity, left.params["count"], left.params["example"]) == (
        "batch_drafts_left", "info", 1, "seed.txt")
    assert "--import" in left.message("zh")
    found, notes = batch.find_inputs([str(incoming)], incoming / "out", imports=True)
    assert sorted(p.name for p in found) == ["a.yaml", "seed.txt"] and notes == []  # a.docx: a.yaml is that report
    _, missing = batch.find_inputs([str(tmp_path / "nowhere")], tmp_path / "out")
    assert [p.code for p in missing] == ["file_missing"]


def run_in_process(inputs: list[str], out: Path, formats=("docx", "pdf"), imports=False) -> list[batch.Outcome]:
    jobs, _ = batch.plan(inputs, out, formats, imports=imports)
    outcomes = batch.run(jobs, batch.Settings(formats), workers=1)
    batch.write_summary(outcomes, out, formats, imports=imports)
    return outcomes


def test_imported_sources_are_rendered_and_say_so(tmp_path):
    incoming = folder(tmp_path / "in", {"seed.txt": SEED_TEXT.read_text("utf-8"), "old.doc": "Word 97"})
    [old, seed] = run_in_process([str(incoming / "old.doc"), str(incoming)], tmp_path / "out", ("docx",), imports=True)
    assert (seed.status, seed.kind, seed.issuer, seed.year, seed.pages) == ("rendered", "txt", "大同市科技局", 2023, None)
    assert (tmp_path / "out/seed.docx").exists()
    assert old.status == "failed" and old.problems[0].code == "import_not_office"  # no .doc: save it as .docx
    summary = json.loads((tmp_path / "out/summary.json").read_text("utf-8"))
    assert summary["imports"] is True and summary["pages_from"] is None
    assert [r["kind"] for r in summary["reports"]] == ["doc", "txt"]


def test_a_cell_excel_would_take_for_a_formula_is_defused(tmp_path):
    incoming = folder(tmp_path / "in", {"a.yaml": report("=HYPERLINK(1)局")})
    run_in_process([str(incoming)], tmp_path / "out", ("txt",))
    rows = list(csv.reader(io.StringIO((tmp_path / "out/summary.csv").read_text("utf-8-sig"))))
    assert rows[1][2] == "'=HYPERLINK(1)局"  # shown as the text it is, not run


def test_a_report_whose_second_output_cannot_be_written_leaves_no_first(tmp_path):
    incoming = folder(tmp_path / "in", {"a.yaml": MINIMAL, "b.yaml": report("东区司法局")})
    (tmp_path / "out" / "a.pdf").mkdir(parents=True)  # a folder where the PDF should go
    a, b = run_in_process([str(incoming)], tmp_path / "out")
    assert a.status == "failed" and a.problems[0].code == "output_unwritable"
    assert not (tmp_path / "out/a.docx").exists()
    assert b.ok and (tmp_path / "out/b.docx").exists() and (tmp_path / "out/b.pdf").exists()
    assert not [p for p in (tmp_path / "out").rglob("*") if p.name.endswith(".part")]


def test_the_page_count_is_the_layouts_and_the_pdfs(tmp_path):
    import composer

    rendered = composer.render_result(composer.load(SAMPLES / "full.yaml"), "pdf")
    import pdfplumber

    with pdfplumber.open(io.BytesIO(rendered.data)) as pdf:
        assert rendered.pages == len(pdf.pages) > 1
    (outcome,) = run_in_process([str(SAMPLES / "full.yaml")], tmp_path / "out", formats=("pdf",))
    assert outcome.pages == rendered.pages
    (docx_only,) = run_in_process([str(SAMPLES / "full.yaml")], tmp_path / "docx", formats=("docx",))
    assert docx_only.ok and docx_only.pages is None


_RENDER_ONE = batch.render_one


def _dies_on_report_3(job: batch.Job) -> batch.Outcome:
    """render_one, but the worker rendering 3.yaml dies as one killed for memory would."""
    if Path(job.file).name == "3.yaml":
        os._exit(9)
    return _RENDER_ONE(job)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the stand-in reaches the workers by fork")
def test_a_report_that_kills_its_worker_fails_alone_and_the_batch_goes_on(tmp_path, monkeypatch):
    incoming = folder(tmp_path / "in", {f"{n}.yaml": report(f"第{n}区司法局") for n in range(8)})
    jobs, _ = batch.plan([str(incoming)], tmp_path / "out", ("txt",))
    monkeypatch.setattr(batch, "render_one", _dies_on_report_3)
    outcomes = batch.run(jobs, batch.Settings(("txt",)), workers=2)
    assert [(Path(o.job.file).name, o.status) for o in outcomes] == [
        (f"{n}.yaml", "failed" if n == 3 else "rendered") for n in range(8)
    ]
    assert [p.code for p in outcomes[3].problems] == ["batch_worker_died"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{n}.txt" for n in range(8) if n != 3]


# --- Ctrl-C --------------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_ctrl_c_stops_cleanly_and_keeps_what_is_done(tmp_path):
    incoming = folder(tmp_path / "in", {f"{n:02d}.yaml": report(f"第{n}区司法局") for n in range(40)})
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO), "REPORT_COMPOSER_LANG": "zh"}
    process = subprocess.Popen(
        [sys.executable, "-m", "composer", "batch", str(incoming), "-o", str(out), "-j", "2"],
        stderr=subprocess.PIPE, text=True, env=env, start_new_session=True,
    )
    assert process.stderr is not None
    for line in process.stderr:  # as a terminal does: SIGINT to the whole group, once one is done
        if line.startswith("[ 1/40]"):
            os.killpg(process.pid, signal.SIGINT)
            break
    rest = process.stderr.read()
    assert process.wait(timeout=120) == 130, rest
    assert "Traceback" not in rest and "中断后未处理" in rest
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    statuses = [r["status"] for r in summary["reports"]]
    assert "interrupted" in statuses and set(statuses) <= {"rendered", "interrupted"}
    for row in summary["reports"]:  # what is said to be rendered is there, whole; nothing else is
        for name in row["outputs"].values():
            assert (out / name).read_bytes()[-6:].strip().endswith(b"%%EOF") or zipfile.ZipFile(out / name).testzip() is None
    written = {p.name for p in out.iterdir()} - {"summary.csv", "summary.json"}
    assert written == {Path(name).name for r in summary["reports"] for name in r["outputs"].values()}


# --- what the light commands load ----------------------------------------------------------------

HEAVY = ("reportlab", "docx", "lxml", "fontTools", "PIL")


@pytest.mark.parametrize("argv", [["--help"], ["batch", "--help"], ["validate", str(SAMPLES / "datong-keji-2023.yaml")]])
def test_help_and_validate_do_not_load_the_writers(argv):
    code = (
        "import sys\nfrom composer.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}))"
    )
    result = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1].replace("'", '"')))
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)
    if "--help" in argv:
        assert "pydantic_core" not in loaded  # nothing of the report is needed to print help


def test_rendering_one_report_imports_only_what_it_uses(tmp_path):
    """`render` to PDF with the font cache warm: no pydantic plugin lookup (importlib.metadata),
    no font parsing with fontTools, no Pillow; the PDF is written and the command says so before it exits."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "REPORT_COMPOSER_CACHE": str(tmp_path / "cache")}
    command = [sys.executable, "-X", "importtime", "-m", "composer", "render", str(SAMPLES / "minimal.yaml"),
               "-o", str(tmp_path / "out.pdf")]
    cold = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env)
    assert cold.returncode == 0 and "fontTools" in cold.stderr  # the first process fills the cache
    # A second one too, should fontconfig have written its own cache while listing the fonts.
    subprocess.run(command, capture_output=True, cwd=REPO, env=env, check=True)
    (tmp_path / "out.pdf").unlink()
    warm = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env)
    assert warm.returncode == 0, warm.stderr
    imported = {line.split("|")[-1].strip() for line in warm.stderr.splitlines() if line.startswith("import time:")}
    assert "pydantic_core" in imported and "reportlab.pdfgen.canvas" in imported
    assert not {"importlib.metadata", "fontTools", "subprocess", "PIL.Image"} & imported  # the pages draw no image
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF") and "已生成" in warm.stderr


def test_pillow_deferred_by_the_layout_is_the_real_module_when_used():
    """The layout makes Pillow's Image module load on first use (reportlab imports it to draw
    images, which our pages do not); whoever then uses it, or reportlab's image reader, gets
    the real thing."""
    code = (
        "import sys, composer.layout.paged\nprint('PIL._imaging' in sys.modules)\n"
        "from PIL import Image\nfrom reportlab.lib.utils import ImageReader\n"
        "print(ImageReader(Image.new('RGB', (3, 2))).getSize(), 'PIL._imaging' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.stdout.split("\n")[:2] == ["False", "(3, 2) True"], result.stderr
