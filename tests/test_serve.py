"""`report-composer serve`: the HTTP API through Starlette's TestClient (every endpoint and every
error status), the safety rules, and the command started and stopped as a user does."""

from __future__ import annotations

import base64
import io
import json
import re
import signal
import socket
import subprocess
import tempfile
import sys
import zipfile

import pytest

pytest.importorskip("starlette", reason="the serve extra (starlette) is not installed")
pytest.importorskip("uvicorn", reason="the serve extra (uvicorn) is not installed")
pytest.importorskip("httpx2", reason="Starlette's TestClient needs httpx2")
pytest.importorskip("multipart", reason="the serve extra (python-multipart) is not installed")

from starlette.testclient import TestClient  # noqa: E402

import composer  # noqa: E402
from composer.api import render_result  # noqa: E402
from composer.serve.app import Settings, create_app, safe_name  # noqa: E402
from conftest import REPO, SAMPLES, SEED_TEXT, SEED_YAML, SOFFICE  # noqa: E402

MINIMAL = (SAMPLES / "minimal.yaml").read_text("utf-8")
SEED = SEED_YAML.read_text("utf-8")
YAML = {"Content-Type": "text/yaml; charset=utf-8"}
BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings(workers=2)), base_url=BASE) as client:
        yield client


def codes(response) -> list[str]:
    return [p["code"] for p in response.json()["problems"]]


def seed_docx() -> bytes:
    return composer.render(composer.load(SEED_YAML), "docx")


# --- reading and checking -------------------------------------------------------------------------


def test_health_and_schema(client):
    health = client.get("/api/health")
    assert health.status_code == 200 and health.json()["status"] == "ok" and health.json()["workers"] == 2
    schema = client.get("/api/schema")
    assert schema.status_code == 200 and "parts" in schema.json()["properties"]


def test_template_has_the_four_parts_and_validates(client):
    response = client.get("/api/template", params={"issuer": "青山县司法局", "year": "2024"})
    assert response.status_code == 200
    report = composer.load(response.text)
    assert report.issuer == "青山县司法局" and report.year == 2024
    assert [key for key, _ in report.parts.items()][:4] == ["measures", "shortcomings", "leadership", "plans"]


def test_validate_a_valid_report(client):
    response = client.post("/api/validate", content=MINIMAL.encode(), headers=YAML)
    assert response.status_code == 200 and response.json() == {"valid": True, "problems": []}


def test_validate_an_invalid_report_is_422_with_located_problems(client):
    text = MINIMAL.replace("  plans:\n    - 2025年，我局将继续加强行政执法队伍建设，推进执法监督平台应用。\n", "")
    text = text.replace("date: 2025-01-20", "date: 2025年13月1日")
    response = client.post("/api/validate", content=text.encode(), headers=YAML, params={"name": "青山.yaml"})
    assert response.status_code == 422
    problems = {p["code"]: p for p in response.json()["problems"]}
    assert {"date_format", "part_missing"} <= set(problems)
    date = problems["date_format"]
    assert (date["file"], date["line"], date["column"], date["path"]) == ("青山.yaml", 5, 7, ["date"])
    assert date["severity"] == "error" and "日期" in date["message"]
    english = client.post("/api/validate", content=text.encode(), headers=YAML, params={"lang": "en"})
    assert "date" in english.json()["problems"][0]["message"] and not re.search(r"[\u4e00-\u9fff]{4}", english.json()["problems"][0]["message"])


def test_validate_json_bodies(client):
    data = {"issuer": "青山县司法局", "year": 2024, "date": "2025-01-20",
            "parts": {key: ["正文。"] for key in ("measures", "shortcomings", "leadership", "plans")}}
    assert client.post("/api/validate", json=data).status_code == 200
    data["year"] = "本年度"
    response = client.post("/api/validate", json=data)
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert problem["path"] == ["year"] and problem["line"] is None  # lines of a JSON body mean nothing
    assert client.post("/api/validate", content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 400
    assert codes(client.post("/api/validate", json=[1, 2])) == ["yaml_not_mapping"]


@pytest.mark.parametrize("text, code", [
    ("\n".join(['a0: &a0 ["","","","","","","","",""]']
               + [f"a{i}: &a{i} [{','.join(f'*a{i - 1}' for _ in range(9))}]" for i in range(1, 10)]), "yaml_alias_bomb"),
    ("\n".join(['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
               + [f"a{i}: &a{i} [{','.join(f'*a{i - 1}' for _ in range(9))}]" for i in range(1, 10)]), "yaml_too_much_text"),
    (MINIMAL.replace("青山县司法局", "青山县\u200b司法局"), "format_character"),
    (MINIMAL.replace("青山县司法局", "青山县\ue000司法局"), "private_use_character"),
    ("a: 1\n---\nb: 2\n", "yaml_multiple_documents"),
])
def test_the_loaders_limits_apply_to_every_request(client, text, code):
    for endpoint in ("/api/validate", "/api/render", "/api/preview"):
        response = client.post(endpoint, content=text.encode(), headers=YAML)
        assert response.status_code == 422, endpoint
        assert code in codes(response), endpoint
    linted = client.post("/api/lint", content=text.encode(), headers=YAML)  # lint reports what it could read
    found = linted.json()["findings"] if linted.status_code == 200 else linted.json()["problems"]
    assert code in [f["code"] for f in found]


def test_too_large_is_413_and_unreadable_types_415(client):
    big = b"issuer: x\n" + b"# " + b"x" * (5 * 1024 * 1024) + b"\n"
    for endpoint in ("/api/validate", "/api/render", "/api/lint", "/api/import"):
        response = client.post(endpoint, content=big, headers=YAML)
        assert response.status_code == 413 and codes(response) == ["file_too_large"], endpoint
    assert client.post("/api/render", content=b"\x89PNG", headers={"Content-Type": "image/png"}).status_code == 415
    assert codes(client.post("/api/validate", content=b"\x00\x01binary", headers=YAML)) == ["file_binary"]
    assert client.post("/api/validate", content=b"\x00\x01binary", headers=YAML).status_code == 415


def test_lint_finds_and_fixes_one_finding(client):
    text = MINIMAL.replace("严格依法履行职责，", "严格依法履行职责,")  # a half-width comma in Chinese text
    response = client.post("/api/lint", content=text.encode(), headers=YAML)
    assert response.status_code == 200
    body = response.json()
    assert body["data"]["issuer"] == "青山县司法局"
    finding = next(f for f in body["findings"] if f["code"] == "P001")
    assert finding["fixable"] and finding["path"] == ["parts", "measures", 0] and finding["line"] == 8
    fixed = client.post("/api/fix", content=text.encode(), headers=YAML,
                        params={"code": "P001", "line": finding["line"], "column": finding["column"]})
    assert fixed.status_code == 200
    assert fixed.json()["yaml"] == MINIMAL and fixed.json()["changes"][0]["code"] == "lint_fixed"
    again = client.post("/api/lint", content=fixed.json()["yaml"].encode(), headers=YAML).json()
    assert "P001" not in [f["code"] for f in again["findings"]]
    assert client.post("/api/fix", content=text.encode(), headers=YAML, params={"code": "P001"}).status_code == 400
    assert codes(client.post("/api/lint", content=text.encode(), headers=YAML, params={"disable": "Z999"})) == ["lint_unknown_rule"]


def test_lint_reports_a_yaml_syntax_error_at_its_line(client):
    response = client.post("/api/lint", content=b"issuer: [unclosed\nyear: 2024\n", headers=YAML)
    assert response.status_code == 422 and response.json()["problems"][0]["line"] is not None


# --- rendering --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "txt"])
def test_render_gives_the_same_bytes_as_the_library(client, fmt):
    response = client.post("/api/render", content=SEED.encode(), headers=YAML, params={"format": fmt})
    assert response.status_code == 200
    assert response.content == render_result(composer.load(SEED_YAML), fmt).data
    assert response.headers["content-disposition"].startswith("attachment;")
    warnings = json.loads(response.headers["x-report-problems"])
    assert all(w["severity"] == "warning" for w in warnings)
    if fmt == "pdf":
        import pypdfium2

        assert int(response.headers["x-report-pages"]) == len(pypdfium2.PdfDocument(response.content))
    if fmt == "docx":
        import docx

        paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
        assert any("法治政府建设" in p for p in paragraphs)


def test_render_refuses_an_unknown_format_and_an_invalid_report(client):
    assert codes(client.post("/api/render", content=MINIMAL.encode(), headers=YAML, params={"format": "odt"})) == ["format_unknown"]
    assert client.post("/api/render", content=b"issuer: x\n", headers=YAML).status_code == 422


def test_render_imports_a_source_file(client):
    response = client.post("/api/render", params={"format": "txt"},
                           files={"file": ("单位草稿.docx", seed_docx(), "application/octet-stream")})
    assert response.status_code == 200
    assert "大同市科技局" in response.text
    notes = json.loads(response.headers["x-report-problems"])
    assert all(n["file"] in ("单位草稿.docx", None) for n in notes)
    broken = client.post("/api/render", files={"file": ("scan.pdf", b"%PDF-1.4", "application/pdf")})
    assert broken.status_code == 422
    assert [p["code"] for p in broken.json()["problems"]] == ["import_pdf_unreadable"]


def test_author_text_is_escaped_in_html(client):
    text = MINIMAL.replace("局主要负责人认真履行", "<script>alert(1)</script>局主要负责人认真履行")
    response = client.post("/api/render", content=text.encode(), headers=YAML, params={"format": "html"})
    assert response.status_code == 200
    assert "<script>" not in response.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_preview_gives_every_page_as_an_image(client):
    response = client.post("/api/preview", content=SEED.encode(), headers=YAML)
    assert response.status_code == 200
    body = response.json()
    assert body["pages"] == len(body["images"]) == int(client.post("/api/render", content=SEED.encode(), headers=YAML).headers["x-report-pages"])
    first = base64.b64decode(body["images"][0])
    assert first[:3] == b"\xff\xd8\xff"  # JPEG
    assert client.post("/api/preview", content=b"issuer: x\n", headers=YAML).status_code == 422


# --- importing ------------------------------------------------------------------------------------------


def test_import_a_word_draft(client):
    response = client.post("/api/import", files={"file": ("草稿.docx", seed_docx())})
    assert response.status_code == 200
    body = response.json()
    report = composer.load(body["yaml"])
    assert report.issuer == "大同市科技局" and body["data"]["issuer"] == "大同市科技局"
    assert all(note["file"] == "草稿.docx" for note in body["notes"])


def test_import_raw_bytes_named_by_query(client):
    response = client.post("/api/import", content=SEED_TEXT.read_bytes(), params={"name": "网页复制.txt"},
                           headers={"Content-Type": "application/octet-stream"})
    assert response.status_code == 200 and composer.load(response.json()["yaml"]).year == 2023
    gbk = client.post("/api/import", content=SEED_TEXT.read_text("utf-8").encode("gb18030"), params={"name": "记事本.txt"})
    assert gbk.status_code == 200 and "import_gbk" in [n["code"] for n in gbk.json()["notes"]]


def test_import_that_is_not_a_report_is_422_with_its_problems(client):
    response = client.post("/api/import", content="一、主要举措\n做了工作。\n".encode(), params={"name": "短.txt"})
    assert response.status_code == 422
    assert response.json()["yaml"] is None and response.json()["problems"]


def test_import_refuses_what_it_cannot_read(client):
    assert client.post("/api/import", content=b"MZ\x90\x00", params={"name": "setup.exe"}).status_code == 415
    assert client.post("/api/import", files={"file": ("报告.rtf", b"{\\rtf1}")}).status_code == 415


def test_import_reads_last_years_pdf(client):
    published = REPO / "tests" / "import_corpus" / "own-render-full.pdf"
    response = client.post("/api/import", files={"file": ("去年的报告.pdf", published.read_bytes())})
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["issuer"] and data["parts"]["measures"] and data["parts"]["plans"]


def test_a_client_path_is_never_opened(client):
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Windows\\win.ini") == "win.ini"
    assert safe_name("/etc/hostname.yaml") == "hostname.yaml"
    assert safe_name("..") == "report.yaml"
    response = client.post("/api/import", content=b"", params={"name": "/etc/hostname.txt"})
    assert codes(response) == ["file_empty"] and response.json()["problems"][0]["file"] == "hostname.txt"
    response = client.post("/api/render", files={"file": ("/etc/passwd.yaml", b"issuer: x\n")})
    assert response.status_code == 422 and all(p["file"] == "passwd.yaml" for p in response.json()["problems"])


def test_yaml_file_through_import_is_read_as_it_is(client):
    response = client.post("/api/import", files={"file": ("minimal.yaml", MINIMAL.encode())})
    assert response.status_code == 200 and response.json()["yaml"] == MINIMAL


def test_form_data_to_yaml_and_back(client):
    data = {"issuer": "青山县司法局", "year": 2024, "date": "2025-01-20",
            "parts": {"measures": {"content": ["第一段。\n第二行。", {"heading": "加强领导", "content": [
                {"table": {"header": ["领域", "数量"], "rows": [["执法", "12"]]}}]}]},
                      "shortcomings": {"content": []}}}
    response = client.post("/api/yaml", json=data)
    assert response.status_code == 200
    from composer.readers.yaml_reader import parse_yaml

    assert parse_yaml(response.text)[0] == {**data, "year": "2024"}  # the reader keeps scalars as text
    assert client.post("/api/yaml", content=b"issuer: x", headers=YAML).status_code == 415
    assert client.post("/api/yaml", content=b"[", headers={"Content-Type": "application/json"}).status_code == 400


# --- many reports ------------------------------------------------------------------------------------------


def batch_files() -> list[tuple[str, tuple[str, bytes]]]:
    return [
        ("files", ("东区.yaml", MINIMAL.replace("青山县司法局", "东区司法局").encode())),
        ("files", ("西区草稿.docx", seed_docx())),
        ("files", ("北区.yaml", MINIMAL.replace("date: 2025-01-20\n", "").encode())),
    ]


def test_batch_gives_the_summary_and_a_zip(client):
    response = client.post("/api/batch", files=batch_files(), params={"formats": "pdf"})
    assert response.status_code == 200
    summary = response.json()["summary"]
    assert summary["counts"] == {"total": 3, "rendered": 2, "failed": 1, "interrupted": 0}
    by_file = {r["file"].split("/")[-1]: r for r in summary["reports"]}
    assert by_file["北区.yaml"]["status"] == "failed" and by_file["北区.yaml"]["problems"][0]["code"] == "missing"
    assert by_file["西区草稿.docx"]["pages"] >= 5
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(response.json()["zip"])))
    names = set(archive.namelist())
    assert {"summary.csv", "summary.json", "东区.pdf", "西区草稿.pdf"} <= names and "北区.pdf" not in names
    assert archive.read("东区.pdf").startswith(b"%PDF")


def test_batch_takes_a_zip_and_answers_with_a_zip(client):
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("各单位/东区.yaml", MINIMAL)
        archive.writestr("各单位/../../西区.yaml", MINIMAL.replace("青山县司法局", "西区司法局"))
        archive.writestr("__MACOSX/._东区.yaml", b"\x00\x05junk")
    response = client.post("/api/batch", files={"files": ("收到的报告.zip", packed.getvalue())},
                           params={"formats": "txt"}, headers={"Accept": "application/zip"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    names = set(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    assert {"东区.txt", "西区.txt", "summary.json"} <= names


def test_batch_refusals(client):
    assert client.post("/api/batch", content=b"x", headers=YAML).status_code == 415
    assert client.post("/api/batch", files={"other": ("a.yaml", b"x")}).status_code == 400
    assert codes(client.post("/api/batch", files=batch_files(), params={"formats": "pdf,odt"})) == ["format_unknown"]
    assert client.post("/api/batch", files={"files": ("bad.zip", b"PK\x03\x04broken")}).status_code == 415


# --- safety -----------------------------------------------------------------------------------------------


def test_another_origin_cannot_change_anything(client):
    refused = client.post("/api/render", content=MINIMAL.encode(), headers={**YAML, "Origin": "http://evil.example"})
    assert refused.status_code == 403 and codes(refused) == ["serve_origin_refused"]
    cross = client.post("/api/validate", content=MINIMAL.encode(), headers={**YAML, "Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    same = client.post("/api/validate", content=MINIMAL.encode(), headers={**YAML, "Origin": BASE})
    assert same.status_code == 200
    assert client.get("/api/health", headers={"Origin": "http://evil.example"}).status_code == 200


def test_another_host_name_is_refused(client):
    """A page whose name was made to point at 127.0.0.1 (DNS rebinding) is not this server."""
    response = client.get("/api/health", headers={"Host": "evil.example:8000"})
    assert response.status_code == 403 and codes(response) == ["serve_host_refused"]
    for host in ("localhost:8000", "[::1]:8000", "192.168.1.5:8000"):  # names of this server, and addresses
        assert client.get("/api/health", headers={"Host": host}).status_code == 200, host


def test_pages_and_assets_are_served_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and "workbench.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/collect").status_code == 200
    assert client.get("/static/workbench.js").status_code == 200
    assert client.get("/static/../app.py").status_code == 404


def test_the_pages_fetch_nothing_from_elsewhere(client):
    for asset in ("/", "/collect", "/static/common.js", "/static/workbench.js", "/static/collect.js", "/static/style.css"):
        text = client.get(asset).text
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", text), asset
        assert "@import" not in text and "url(http" not in text, asset


def test_a_render_over_its_time_limit_is_stopped_and_its_worker_replaced():
    with TestClient(create_app(Settings(workers=1, time_limit=0.001)), base_url=BASE) as client:
        client.get("/api/health")
        first = client.app.state.pool.workers[0]
        response = client.post("/api/render", content=SEED.encode(), headers=YAML, params={"format": "pdf"})
        assert response.status_code == 503 and codes(response) == ["serve_time_limit"]
        assert not first.alive
        assert client.get("/api/health").json()["workers"] == 1 and client.app.state.pool.workers[0] is not first


# --- the command --------------------------------------------------------------------------------------------


def start(*args: str) -> tuple[subprocess.Popen[str], str, list[str]]:
    process = subprocess.Popen([sys.executable, "-m", "composer", "serve", "--port", "0", "--workers", "1", *args],
                               stderr=subprocess.PIPE, text=True, cwd=REPO,
                               env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin",
                                    "HOME": tempfile.mkdtemp(prefix="serve-home-")})  # caches not in the checkout
    lines = []
    while not (match := re.search(r"http://\S+/", lines[-1] if lines else "")):
        line = process.stderr.readline()
        assert line, "".join(lines)
        lines.append(line)
    return process, match.group(0), lines


@pytest.mark.slow
def test_serve_prints_its_address_and_stops_cleanly_on_ctrl_c():
    import urllib.request

    process, url, lines = start()
    try:
        assert url.startswith("http://127.0.0.1:") and "Ctrl-C" in lines[-1]
        assert json.loads(urllib.request.urlopen(url + "api/health", timeout=60).read())["status"] == "ok"
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0
        rest = process.stderr.read()
        assert "Traceback" not in rest and "已停止" in rest
    finally:
        process.kill()


@pytest.mark.slow
def test_serve_warns_when_not_loopback_only():
    process, url, lines = start("--host", "0.0.0.0")
    try:
        assert "警告" in lines[0] and "0.0.0.0" in lines[0]
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(30)


def test_serve_says_when_the_port_is_taken(cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = cli("serve", "--port", str(taken.getsockname()[1]))
    assert result.returncode == 2 and "--port" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_import_an_old_word_doc_through_libreoffice(client, tmp_path):
    source = tmp_path / "草稿.docx"
    source.write_bytes(seed_docx())
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=240)
    response = client.post("/api/import", files={"file": ("草稿.doc", (tmp_path / "草稿.doc").read_bytes())})
    assert response.status_code == 200
    assert composer.load(response.json()["yaml"]).issuer == "大同市科技局"
