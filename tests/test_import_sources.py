"""Importing the sources offices have besides .docx: .doc, .wps and .odt (through LibreOffice), and
last year's published PDF (its text layer), and refusing a scan, a locked or a broken PDF clearly.

The drafts are the corpus entries tests/import_corpus/make_sources.py wrote (our own PDF,
LibreOffice's PDFs and .doc/.odt, a scan); each is imported through `composer.import_report` or
the CLI and compared with its ground truth, NAME.expected.yaml.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

import composer
from composer.problems import ReportError
from composer.readers import office_reader
from conftest import REPO, SOFFICE
from readback import squeezed

CORPUS = REPO / "tests" / "import_corpus"
PDFS = ["own-render-full.pdf", "libreoffice-full.pdf", "typed-office-lo-pdf.pdf", "seed-page-browser-print.pdf"]
CONVERTED = ["typed-office-lo-doc.doc", "typed-office-lo-odt.odt", "typed-office-wps.wps", "libreoffice-full-odt.odt"]
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")



def assert_as_expected(source: Path) -> composer.ImportResult:
    result = composer.import_report(source)
    assert not result.problems, "\n".join(p.format("en") for p in result.problems)
    expected = composer.load(CORPUS / f"{source.stem}.expected.yaml")
    assert squeezed(result.report.model_dump()) == squeezed(expected.model_dump())
    text = composer.render(result.report, "txt").decode("utf-8")
    furniture = CORPUS / f"{source.stem}.furniture.txt"
    for leaked in (furniture.read_text("utf-8").splitlines() if furniture.exists() else []):
        assert leaked not in text
    return result


# --- published PDFs ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PDFS)
def test_a_published_pdf_imports_to_its_ground_truth(name):
    result = assert_as_expected(CORPUS / name)
    codes = [n.code for n in result.notes]
    assert "import_pdf_read" in codes and "import_pdf_furniture" in codes


def test_our_own_pdf_keeps_red_header_table_attachments_seal_and_end_block():
    report = assert_as_expected(CORPUS / "own-render-full.pdf").report
    full = composer.load(REPO / "samples" / "full.yaml")
    assert report.header == full.header and report.end_block == full.end_block
    assert report.seal and report.attachments == full.attachments
    table = report.parts.measures.content[2].content[1].table
    assert table.caption == "表1　2024年全县行政执法案件办理情况"  # the full-width space as printed
    assert table.rows[-1] == ["合计", "735", "719", "97.8%"]


def test_page_numbers_and_running_header_and_footer_are_dropped_and_said():
    result = assert_as_expected(CORPUS / "typed-office-lo-pdf.pdf")
    dropped = next(n for n in result.notes if n.code == "import_pdf_furniture").message("zh")
    assert "“青山县市场监督管理局”" in dropped and "“第1页共2页”" in dropped
    body = composer.render(result.report, "txt").decode("utf-8")
    assert "— 1 —" not in body and body.count("青山县市场监督管理局") == 2  # title and signature only
    measures = result.report.parts.measures.content
    assert "执法文书统一使用ISO 9001质量管理体系" in measures[1].content[0]  # Latin keeps its space


def test_lines_join_into_paragraphs_and_each_paragraph_has_its_place():
    result = composer.import_report(CORPUS / "libreoffice-full.pdf")
    opening = result.report.opening[0]
    assert opening.startswith("2024年，在市委") and "（2021—2025年）》，各项工作" in opening
    lines = [result.sources[path].line for path in (("title",), ("opening", 0), ("parts", "measures", "heading"))]
    assert lines == sorted(lines) and len(set(lines)) == 3
    assert result.sources[("signature",)].line < result.sources[("date",)].line


def test_a_ruled_table_keeps_its_wrapped_cells_and_goes_on_over_the_page(tmp_path):
    rows = [["1", "制定行政规范性文件合法性审核工作规程并组织全系统培训", "法规科", "已完成"],
            ["2", "开展执法案卷评查", "执法监督科、各执法大队", "已完成，评查案卷180卷，发现问题已整改"]]
    rows += [[str(n), f"第{n}项任务的名称写得比较长，需要在单元格中换行", f"责任科室{n}", "已完成"] for n in range(3, 30)]
    minimal = composer.load(REPO / "samples" / "minimal.yaml")
    table = {"table": {"caption": "表1　重点任务完成情况", "header": ["序号", "任务", "责任单位", "完成情况"], "rows": rows}}
    data = minimal.model_dump(exclude_defaults=True)
    data["parts"]["measures"]["content"] += [table, "表格之后的一段正文。"]
    report = composer.Report.model_validate(data)
    pdf = tmp_path / "table.pdf"
    pdf.write_bytes(composer.render(report, "pdf"))
    result = composer.import_report(pdf)
    imported = result.report.parts.measures.content
    assert imported[1].table.model_dump() == table["table"] and imported[2] == "表格之后的一段正文。"
    assert sum(1 for n in result.notes if n.code == "import_table") == 1  # one table over the pages


def test_cli_import_and_format_read_a_pdf(cli, tmp_path):
    out = tmp_path / "去年的报告.yaml"
    run = cli("import", str(CORPUS / "typed-office-lo-pdf.pdf"), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert "提示: 已读取 PDF 的文字层（2 页）" in run.stderr and "已略去 PDF 每页的页码和页眉页脚" in run.stderr
    assert composer.load(out).issuer == "青山县市场监督管理局"
    formatted = tmp_path / "今年.docx"
    run = cli("format", str(CORPUS / "own-render-full.pdf"), "-o", str(formatted), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert "info: read the PDF's text layer (4 page(s))" in run.stderr
    paragraphs = [p.text for p in docx.Document(str(formatted)).paragraphs]
    assert "青山县人民政府文件" in paragraphs and "二、2024年度推进法治政府建设存在的不足和原因" in paragraphs


def test_a_scanned_pdf_is_refused_with_what_to_do(cli, tmp_path):
    out = tmp_path / "scan.yaml"
    run = cli("import", str(CORPUS / "scanned-notice.pdf"), "-o", str(out))
    assert run.returncode == 2 and not out.exists()
    assert "scanned-notice.pdf: 错误: 这是扫描件" in run.stderr and "OCR" in run.stderr and "Traceback" not in run.stderr
    run = cli("format", str(CORPUS / "scanned-notice.pdf"), "-o", str(tmp_path / "x.pdf"), "--lang", "en")
    assert run.returncode == 2 and "this is a scan" in run.stderr and not (tmp_path / "x.pdf").exists()


def test_a_locked_or_broken_pdf_is_refused_clearly(cli, tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    locked = tmp_path / "locked.pdf"
    page = canvas.Canvas(str(locked), encrypt=StandardEncryption("secret", canPrint=0))
    page.drawString(100, 700, "2024 report")
    page.save()
    run = cli("import", str(locked))
    assert run.returncode == 2 and "该 PDF 有打开密码" in run.stderr
    broken = tmp_path / "download.pdf"
    broken.write_bytes((CORPUS / "own-render-full.pdf").read_bytes()[:3000])  # a download cut short
    run = cli("import", str(broken))
    assert run.returncode == 2 and "无法读取该 PDF" in run.stderr and "Traceback" not in run.stderr


def test_lint_reads_a_pdf_as_written(cli):
    run = cli("lint", str(CORPUS / "typed-office-lo-pdf.pdf"))
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr


# --- .doc, .wps, .odt through LibreOffice ----------------------------------------------------------


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("name", CONVERTED)
def test_doc_wps_and_odt_import_through_libreoffice(name):
    result = assert_as_expected(CORPUS / name)
    assert result.notes[0].code == "import_converted"


def test_a_docx_saved_again_in_libreoffice_keeps_the_end_block_it_put_in_a_frame():
    report = assert_as_expected(CORPUS / "libreoffice-saved-full.docx").report
    assert report.end_block.printer == "青山县人民政府办公室" and len(report.end_block.copy_to) == 4


@needs_soffice
@pytest.mark.slow
def test_an_odd_file_name_converts_and_nothing_is_left_behind(tmp_path):
    odd = tmp_path / "-2024年 报告 (终稿)'$1.doc"
    shutil.copy(CORPUS / "typed-office-lo-doc.doc", odd)
    out = tmp_path / "报告.pdf"
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(REPO), "REPORT_COMPOSER_LANG": "zh"}
    run = subprocess.run([sys.executable, "-m", "composer", "format", str(odd), "-o", str(out)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "已用 LibreOffice 将 .doc 文件转换为 .docx 后读取" in run.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert not list(temp.glob("report-composer-*"))  # the copy, the profile and the .docx are gone


@needs_soffice
@pytest.mark.slow
def test_batch_import_takes_doc_files_from_a_folder(cli, tmp_path):
    incoming = tmp_path / "收到的报告"
    incoming.mkdir()
    shutil.copy(CORPUS / "typed-office-lo-doc.doc", incoming / "市场监管局.doc")
    shutil.copy(CORPUS / "own-render-full.pdf", incoming / "printed.pdf")  # a folder's PDF: a printed copy
    run = cli("batch", str(incoming), "-o", str(tmp_path / "out"), "--import", "--formats", "txt")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["summary.csv", "summary.json", "市场监管局.txt"]


def test_without_libreoffice_a_doc_says_to_install_it_or_save_as_docx(tmp_path):
    doc = tmp_path / "草稿.doc"
    shutil.copy(CORPUS / "typed-office-lo-doc.doc", doc)
    env = {**os.environ, "PATH": str(tmp_path / "empty"), "PYTHONPATH": str(REPO), "REPORT_COMPOSER_LANG": "zh"}
    run = subprocess.run([sys.executable, "-m", "composer", "import", str(doc)], capture_output=True, text=True,
                         env=env, timeout=60)
    assert run.returncode == 2 and not doc.with_suffix(".yaml").exists()
    assert "本机没有安装 LibreOffice" in run.stderr and "“另存为” .docx" in run.stderr


def _fake_soffice(folder: Path, script: str) -> None:
    folder.mkdir()
    fake = folder / "soffice"
    fake.write_text("#!/bin/sh\n" + script, "utf-8")
    fake.chmod(0o755)


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_a_conversion_that_hangs_is_stopped_with_everything_it_started(tmp_path, monkeypatch):
    _fake_soffice(tmp_path / "bin", f"{shutil.which('sleep')} 60 &\necho $! > {tmp_path}/child\nwait\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(office_reader, "CONVERT_SECONDS", 1)
    doc = tmp_path / "hangs.doc"
    shutil.copy(CORPUS / "typed-office-lo-doc.doc", doc)
    with pytest.raises(ReportError) as raised:
        composer.import_report(doc)
    [problem] = raised.value.problems
    assert problem.code == "import_convert_timeout" and "超过 1 秒" in problem.message("zh")
    child = int((tmp_path / "child").read_text())
    for _ in range(50):  # the kill is immediate; the process table may take a moment
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the process LibreOffice started outlived the time limit")


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_a_conversion_that_fails_says_why_and_what_to_do(tmp_path, monkeypatch):
    _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded'\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    odt = tmp_path / "broken.odt"
    odt.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ReportError) as raised:
        composer.import_report(odt)
    [problem] = raised.value.problems
    assert problem.code == "import_convert_failed"
    assert "source file could not be loaded" in problem.message("zh") and "另存为" in problem.message("zh")


def test_a_file_that_is_no_word_document_is_refused_before_libreoffice(tmp_path):
    fake = tmp_path / "notes.wps"
    fake.write_bytes("这只是一段文字".encode("gbk"))
    with pytest.raises(ReportError) as raised:
        composer.import_report(fake)
    assert [p.code for p in raised.value.problems] == ["import_not_office"]


def test_the_generated_corpus_files_are_the_committed_ones():
    """make_sources.py's output of what needs neither LibreOffice nor this machine's fonts is what
    is committed."""
    sys.path.insert(0, str(CORPUS))
    try:
        import make_sources
    finally:
        sys.path.remove(str(CORPUS))
    assert make_sources.scanned_pdf() == (CORPUS / "scanned-notice.pdf").read_bytes()
    assert docx.Document(io.BytesIO(make_sources.typed_office_docx())).paragraphs[0].text == make_sources.TYPED_TITLE
