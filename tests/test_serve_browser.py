"""The workbench in a real browser: Playwright for Python driving Debian's Chromium against
`report-composer serve` started as a user starts it. Screenshots at 1280 and 390 px go to
$SERVE_SCREENSHOTS (or the test's temporary folder) for a person to look at."""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra (starlette) is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")]

import composer  # noqa: E402
from composer.api import render_result  # noqa: E402
from conftest import REPO, SAMPLES, SEED_YAML  # noqa: E402

WAIT_MS = 60_000  # a safety net for a busy machine, not a measurement
MINIMAL = (SAMPLES / "minimal.yaml").read_text("utf-8")


@pytest.fixture(scope="module")
def server():
    process = subprocess.Popen(
        [sys.executable, "-m", "composer", "serve", "--port", "0", "--workers", "2"],
        stderr=subprocess.PIPE, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    line = process.stderr.readline()
    match = re.search(r"http://\S+/", line)
    assert match, line
    yield match.group(0)
    process.send_signal(signal.SIGINT)
    process.wait(30)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # Playwright's waiting evaluates strings, which the pages' policy forbids; the escaping of
    # author text is tested without the policy's help.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, bypass_csp=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: (page.errors.append("dialog: " + dialog.message), dialog.dismiss()))
    yield page
    assert page.errors == []
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("SERVE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def drop_file(page, selector: str, name: str, data: bytes) -> None:
    """A file dropped on an element, as from the desktop."""
    transfer = page.evaluate_handle(
        """([name, data]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name));
            return transfer;
        }""",
        [name, base64.b64encode(data).decode("ascii")],
    )
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def pages_shown(page) -> int:
    page.wait_for_function("document.querySelector('#pages-view').dataset.pages > 0", timeout=WAIT_MS)
    return int(page.get_attribute("#pages-view", "data-pages"))


def test_drop_the_seed_edit_fix_and_download(server, page, shots):
    page.goto(server)
    assert pages_shown(page) >= 1  # the template's preview
    seed = composer.load(SEED_YAML)
    expected_pages = render_result(seed, "pdf").pages
    drop_file(page, "#drop", "大同市科技局2023年报告.docx", composer.render(seed, "docx"))
    page.wait_for_function(f"document.querySelector('#pages-view').dataset.pages == {expected_pages}", timeout=WAIT_MS)
    assert page.text_content("#pages") == f"共 {expected_pages} 页"
    assert page.input_value('[data-path=\'["issuer"]\'] input') == "大同市科技局"
    page.screenshot(path=str(shots / "workbench-1280.png"))

    heading = page.locator('[data-path=\'["parts","measures","content",0,"heading"]\'] input')
    heading.fill("坚持党的领导,加强组织建设")  # a half-width comma: lint's P001
    beside = page.locator('[data-path=\'["parts","measures","content",0,"heading"]\'] .finding', has_text="P001")
    beside.wait_for(timeout=WAIT_MS)
    beside.locator("button.fix").click()
    page.wait_for_function(
        """() => document.querySelector('[data-path=\\'["parts","measures","content",0,"heading"]\\'] input').value
                 === '坚持党的领导，加强组织建设'""", timeout=WAIT_MS)
    assert "坚持党的领导，加强组织建设" in page.input_value("#yaml")
    page.wait_for_function("!document.querySelector('#findings-list').textContent.includes('P001')", timeout=WAIT_MS)

    with page.expect_download(timeout=WAIT_MS) as download:
        page.click('#downloads [data-format="pdf"]')
    data = Path(download.value.path()).read_bytes()
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    text = "".join(page_.get_textpage().get_text_range() for page_ in document)
    assert len(document) == expected_pages and "坚持党的领导，加强组织建设" in text.replace("\r", "").replace("\n", "")
    assert download.value.suggested_filename.endswith(".pdf")

    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots / "workbench-390.png"))


def test_the_yaml_view_and_the_form_stay_in_step(server, page):
    page.goto(server)
    pages_shown(page)
    page.click("#tab-yaml")
    page.fill("#yaml", MINIMAL.replace("青山县司法局", "白河县司法局"))
    page.wait_for_function("""document.querySelector('[data-path=\\'["issuer"]\\'] input').value === '白河县司法局'""",
                           timeout=WAIT_MS)
    page.click("#tab-form")
    page.fill('[data-path=\'["issuer"]\'] input', "黑河县司法局")
    page.wait_for_function("document.querySelector('#yaml').value.includes('issuer: 黑河县司法局')", timeout=WAIT_MS)
    # a part removed in the YAML is still in the form, and the clerk is told
    page.click("#tab-yaml")
    page.fill("#yaml", re.sub(r"  plans:\n.*\n", "", MINIMAL))
    page.locator('[data-path=\'["parts","plans"]\'] .finding').first.wait_for(state="attached", timeout=WAIT_MS)
    page.click("#tab-form")
    assert "S001" in page.locator('[data-path=\'["parts","plans"]\'] .finding').first.text_content()


def test_author_text_is_never_markup(server, page):
    hostile = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
    page.goto(server)
    pages_shown(page)
    page.click("#tab-yaml")
    page.fill("#yaml", MINIMAL.replace("青山县司法局", hostile.replace('"', '\\"')).replace("issuer: ", 'issuer: "', 1)
              .replace("\nyear:", '"\nyear:', 1))
    page.wait_for_function(f"document.querySelector('[data-path=\\'[\"issuer\"]\\'] input').value === {hostile!r}",
                           timeout=WAIT_MS)
    page.click("#tab-form")
    assert page.evaluate("window.pwned") is None
    assert page.locator("#form img").count() == 0 and page.locator("#form script").count() == 0


def test_english_page(server, page):
    page.goto(server + "?lang=en")
    pages_shown(page)
    assert page.text_content("h1") == "Annual report workbench"
    assert page.text_content("#pages").endswith("pages")


def test_collect_three_reports_and_download_the_zip(server, page, shots):
    folder = shots / "collect-inputs"
    folder.mkdir(exist_ok=True)
    inputs = {
        "东区司法局.yaml": MINIMAL.replace("青山县司法局", "东区司法局"),
        "西区司法局.yaml": MINIMAL.replace("青山县司法局", "西区司法局").replace("严格依法履行职责，", "严格依法履行职责,"),
        "北区司法局.yaml": MINIMAL.replace("date: 2025-01-20\n", ""),
    }
    for name, text in inputs.items():
        (folder / name).write_text(text, "utf-8")
    page.goto(server + "collect")
    page.set_input_files("#files", [str(folder / name) for name in inputs])
    page.locator("#summary tbody tr").nth(2).wait_for(timeout=WAIT_MS)
    rows = page.locator("#summary tbody tr")
    assert rows.count() == 3
    statuses = {rows.nth(i).locator("td").nth(0).text_content(): rows.nth(i).locator("td").nth(3).text_content() for i in range(3)}
    assert statuses == {"东区司法局.yaml": "已生成", "西区司法局.yaml": "已生成", "北区司法局.yaml": "失败"}
    assert "共 3 份" in page.text_content("#summary-line")
    page.screenshot(path=str(shots / "collect-1280.png"), full_page=True)
    with page.expect_download(timeout=WAIT_MS) as download:
        page.click("#download-zip")
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert {"summary.csv", "summary.json", "东区司法局.pdf", "西区司法局.docx"} <= set(archive.namelist())
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots / "collect-390.png"), full_page=True)
