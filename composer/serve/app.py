"""The HTTP API and the pages of the workbench, as a Starlette app.

Every request carries its whole report (YAML, JSON or a source file); the server keeps no
report between requests and writes nothing but a worker's temporary folder. Renders, imports
and batches run in worker processes (`Pool`, over `workers.Worker`) under a time limit; validation and lint,
quick and pure, in threads. Problems come back as JSON (`Problem.to_dict`) with HTTP's status
codes: 422 an invalid report, 413 too large, 415 a type that cannot be read.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import io
import ipaddress
import json
import re
import zipfile
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

import anyio
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import __version__
from ..problems import Location, Problem, ReportError
from ..readers.source import MAX_INPUT_BYTES
from .workers import Style, TaskFailed, TaskTimeout, Worker

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}
YAML_TYPES = ("", "text/yaml", "application/yaml", "application/x-yaml", "text/x-yaml", "text/plain")
YAML_SUFFIXES = (".yaml", ".yml")
BATCH_FILES = 200  # reports in one batch request
BATCH_BYTES = 100 * 1024 * 1024  # a batch's upload, all files (and the zip's contents) together
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
OUR_FAULTS = ("batch_internal_error", "batch_worker_died")  # a worker's fault, not the report's: 500
CONVERSION_TIME_LIMIT = 150.0  # s: LibreOffice saving a .doc as .docx (it gives up at 120)
STATIC = resources.files(__package__) / "static"


@dataclass(frozen=True)
class Settings:
    """How the server runs: the worker count, the time limit of a task, the style, the hosts it answers as."""

    workers: int = 2
    time_limit: float = 30.0
    style: Style = Style()
    hosts: tuple[str, ...] = LOOPBACK_HOSTS
    batch_time_limit: float = 600.0


class Refused(Exception):
    """A request refused with a status and the problems that say why."""

    def __init__(self, status: int, problems: list[Problem]):
        self.status = status
        self.problems = problems


class Pool:
    """Worker processes, each running one task at a time; a stopped or dead one is replaced."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.workers: list[Worker] = []

    def start(self) -> None:
        for _ in range(self.settings.workers):
            self._add()

    def _add(self) -> None:
        worker = Worker(self.settings.style)
        self.workers.append(worker)
        self.idle.put_nowait(worker)

    async def run(self, name: str, *args: Any, time_limit: float | None = None) -> Any:
        worker = await self.idle.get()
        limit = time_limit or self.settings.time_limit
        try:
            return await anyio.to_thread.run_sync(worker.call, name, args, limit)
        except TaskTimeout:
            raise Refused(503, [Problem("serve_time_limit", {"seconds": f"{limit:g}"})]) from None
        except TaskFailed as failed:
            if any(p.code in OUR_FAULTS for p in failed.problems):
                raise Refused(500, failed.problems) from None
            raise ReportError(failed.problems) from None
        finally:
            if worker.alive:
                self.idle.put_nowait(worker)
            else:
                self.workers.remove(worker)
                self._add()

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers.clear()


# --- reading requests ---------------------------------------------------------------------------


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "zh"


class _TooLarge(Exception):
    pass


def _limited(receive: Receive, limit: int) -> Receive:
    """The request's body, refused as soon as it passes the limit (not read whole first)."""
    seen = 0

    async def limited() -> Any:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise _TooLarge
        return message

    return limited


def _too_large(request: Request, limit: int) -> Refused:
    size = request.headers.get("content-length", "?")
    return Refused(413, [Problem("file_too_large", {"size": size, "limit": limit}, Location(_client_name(request)))])


async def _body(request: Request, limit: int = MAX_INPUT_BYTES) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(request, limit)
    try:
        return await Request(request.scope, _limited(request.receive, limit)).body()
    except _TooLarge:
        raise _too_large(request, limit) from None


async def _form(request: Request, limit: int) -> Any:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(request, limit)
    try:
        return await Request(request.scope, _limited(request.receive, limit)).form(
            max_files=BATCH_FILES, max_fields=50, max_part_size=MAX_INPUT_BYTES
        )
    except _TooLarge:
        raise _too_large(request, limit) from None


def safe_name(name: str | None, default: str = "report.yaml") -> str:
    """A client's file name as a bare name: never a path on this machine (no folders, no ..)."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = re.sub(r"[\x00-\x1f\x7f/\\:]", "_", base).strip(" .")
    return base[:120] or default


def _client_name(request: Request) -> str:
    return safe_name(request.query_params.get("name"))


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _unsupported(name: str, media_type: str) -> Refused:
    return Refused(415, [Problem("serve_media_type", {"type": media_type or "?"}, Location(name))])


@dataclass
class Source:
    """What a request sent: YAML text, or a file to import (its name and bytes)."""

    name: str
    yaml: str | None = None
    file: bytes | None = None
    from_json: bool = False
    options: dict[str, str] = field(default_factory=dict)


async def _source(request: Request, *, files: bool = True) -> Source:
    """The report of a request: a YAML or JSON body, or (multipart) a file, YAML or one to import."""
    from ..readers.source import decode
    from ..yaml_writer import data_to_yaml

    media_type = _media_type(request)
    name = _client_name(request)
    if media_type == "multipart/form-data" and files:
        form = await _form(request, MAX_INPUT_BYTES + 64 * 1024)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise Refused(400, [Problem("serve_file_missing", {})])
        name = safe_name(upload.filename)
        data = await upload.read()
        if not name.lower().endswith(YAML_SUFFIXES):
            return Source(name, file=data, options={k: v for k, v in form.items() if isinstance(v, str)})
        return Source(name, yaml=decode(data, name))
    if media_type == "application/json":
        body = await _body(request)
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as error:
            raise Refused(400, [Problem("serve_json", {"detail": str(error)}, Location(name))]) from None
        if not isinstance(data, dict):
            raise ReportError([Problem("yaml_not_mapping", {}, Location(name))])
        return Source(name, yaml=data_to_yaml(data), from_json=True)
    if media_type in YAML_TYPES:
        return Source(name, yaml=decode(await _body(request), name))
    raise _unsupported(name, media_type)


def _problems(problems: list[Problem] | tuple[Problem, ...], lang: str, source: Source | None = None) -> list[dict[str, Any]]:
    """Problems as JSON, with their parameters for tools (a missing part's key); lines of a JSON
    body's YAML rendering would mean nothing to its sender."""
    out = []
    for problem in problems:
        if source is not None and source.from_json:
            problem = replace(problem, location=replace(problem.location, line=None, column=None))
        out.append({**problem.to_dict(lang), "params": _jsonable(problem.params)})  # type: ignore[arg-type]
    return out


def _attachment(name: str) -> str:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


# --- endpoints ---------------------------------------------------------------------------------


async def _report(request: Request, source: Source) -> tuple[Any, list[Problem]]:
    """The validated report of a source, with the import's notes; ReportError when invalid."""
    from ..readers.yaml_reader import report_from_yaml

    if source.yaml is not None:
        return await anyio.to_thread.run_sync(report_from_yaml, source.yaml, source.name), []
    data, notes, problems, _ = await _import(request, source)
    if problems:
        raise ReportError(notes + problems)
    from ..model import Report

    return Report.model_validate(data), notes


async def _import(request: Request, source: Source) -> tuple[Any, list[Problem], list[Problem], str | None]:
    from ..readers.importer import READERS
    from ..readers.office_reader import read_office

    suffix = PurePosixPath(source.name).suffix.lower()
    if suffix[1:] not in READERS:
        raise _unsupported(source.name, suffix)
    keep = source.options.get("keep_punctuation", request.query_params.get("keep_punctuation", "")) in ("1", "true", "on")
    pool: Pool = request.app.state.pool
    try:
        # LibreOffice takes its time to start: a .doc gets the limit of its conversion
        limit = CONVERSION_TIME_LIMIT if READERS[suffix[1:]] is read_office else None
        return await pool.run("import", source.name, source.file, keep, time_limit=limit)
    except ReportError as error:
        if any(p.code in ("import_kind_unknown", "import_save_as") for p in error.problems):
            raise Refused(415, error.problems) from None
        raise


async def render(request: Request) -> Response:
    """POST /api/render?format=pdf|docx|html|txt[&fragment=1]: the document, or 422 with problems."""
    lang = _lang(request)
    fmt = request.query_params.get("format", "pdf").lower()
    if fmt not in MEDIA_TYPES:
        raise Refused(400, [Problem("format_unknown", {"format": fmt, "known": ", ".join(MEDIA_TYPES)})])
    source = await _source(request)
    report, notes = await _report(request, source)
    fragment = request.query_params.get("fragment") in ("1", "true")
    data, problems, pages = await request.app.state.pool.run("render", report, fmt, fragment)
    headers = {
        "Content-Disposition": _attachment(f"{report.title}.{fmt}"),
        "X-Report-Problems": json.dumps(_problems(notes + problems, lang, source)),  # ASCII: a header
    }
    if pages is not None:
        headers["X-Report-Pages"] = str(pages)
    return Response(data, media_type=MEDIA_TYPES[fmt], headers=headers)


async def preview(request: Request) -> Response:
    """POST /api/preview: the PDF's pages as JPEG images (base64), for the workbench."""
    source = await _source(request, files=False)
    report, _ = await _report(request, source)
    images, problems, pages = await request.app.state.pool.run("preview", report)
    return JSONResponse({
        "pages": pages,
        "images": [base64.b64encode(image).decode("ascii") for image in images],
        "problems": _problems(problems, _lang(request), source),
    })


async def validate(request: Request) -> Response:
    """POST /api/validate: {"valid": true, "problems": []}, or 422 with the problems."""
    from ..readers.yaml_reader import report_from_yaml

    source = await _source(request, files=False)
    assert source.yaml is not None
    try:
        await anyio.to_thread.run_sync(report_from_yaml, source.yaml, source.name)
    except ReportError as error:
        return JSONResponse({"valid": False, "problems": _problems(error.problems, _lang(request), source)}, 422)
    return JSONResponse({"valid": True, "problems": []})


def _style_profile(request: Request) -> Any:
    """The profile the server was started with (--profile, --variant), for lint in this process."""
    from ..profile import load_profile

    style = request.app.state.settings.style
    return load_profile(style.profile, style.variant)


def _lint(text: str, name: str, disable: list[str], profile: Any) -> tuple[Any, list[Any]]:
    from ..lint import lint_document, yaml_document

    document = yaml_document(text, name, profile)
    return document.data, lint_document(document, disable)


async def lint(request: Request) -> Response:
    """POST /api/lint[?disable=W002,L002]: every finding (validation's too) and the report's data."""
    from ..lint import unknown_codes

    source = await _source(request, files=False)
    disable = [c for c in request.query_params.get("disable", "").split(",") if c.strip()]
    if unknown := unknown_codes(disable):
        raise Refused(400, [Problem("lint_unknown_rule", {"code": unknown[0]})])
    assert source.yaml is not None
    data, findings = await anyio.to_thread.run_sync(_lint, source.yaml, source.name, disable, _style_profile(request))
    counts = {severity: sum(f.severity == severity for f in findings) for severity in ("error", "warning", "info")}
    return JSONResponse({"findings": _problems(findings, _lang(request), source), "counts": counts, "data": _jsonable(data)})


def _fix(text: str, name: str, at: tuple[str, int, int] | None, profile: Any) -> tuple[str, list[Problem]]:
    from ..lint import apply_fixes, lint_document, yaml_document

    document = yaml_document(text, name, profile)
    findings = [f for f in lint_document(document)
                if at is None or (f.code, f.location.line, f.location.column) == at]
    return apply_fixes(document, findings)


async def fix(request: Request) -> Response:
    """POST /api/fix[?code=P001&line=12&column=5]: the YAML with the safe fixes applied (that one only, if named)."""
    source = await _source(request, files=False)
    query = request.query_params
    at = None
    if "code" in query:
        if not (query.get("line", "").isdigit() and query.get("column", "").isdigit()):
            raise Refused(400, [Problem("serve_fix_place", {})])
        at = (query["code"], int(query["line"]), int(query["column"]))
    assert source.yaml is not None
    text, changes = await anyio.to_thread.run_sync(_fix, source.yaml, source.name, at, _style_profile(request))
    return JSONResponse({"yaml": text, "changes": _problems(changes, _lang(request), source)})


async def import_(request: Request) -> Response:
    """POST /api/import (multipart `file`, or the bytes with ?name=draft.docx): the YAML and the notes."""
    from ..readers.source import decode

    lang = _lang(request)
    if _media_type(request) == "multipart/form-data":
        source = await _source(request)
    else:
        source = Source(_client_name(request), file=await _body(request))
        if source.name.lower().endswith(YAML_SUFFIXES):
            source = Source(source.name, yaml=decode(source.file or b"", source.name))
    if source.yaml is not None:  # a YAML file: nothing to import, it is read as it is
        data, findings = await anyio.to_thread.run_sync(_lint, source.yaml, source.name, [], _style_profile(request))
        errors = [f for f in findings if f.severity == "error"]
        body = {"yaml": source.yaml, "data": _jsonable(data), "notes": [], "problems": _problems(errors, lang)}
        return JSONResponse(body, 422 if errors else 200)
    data, notes, problems, text = await _import(request, source)
    body = {"yaml": text, "data": _jsonable(data), "notes": _problems(notes, lang), "problems": _problems(problems, lang)}
    return JSONResponse(body, 422 if problems else 200)


def _batch_files(uploads: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The uploaded files, a zip's members taken out (bounded: count and size), with names
    made safe and distinct."""
    files: list[tuple[str, bytes]] = []
    total = 0
    for name, data in uploads:
        if name.lower().endswith(".zip"):
            try:
                archive = zipfile.ZipFile(io.BytesIO(data))
                members = [m for m in archive.infolist() if not m.is_dir() and not safe_name(m.filename, "").startswith(("~$", "."))]
            except zipfile.BadZipFile:
                raise Refused(415, [Problem("serve_zip", {}, Location(name))]) from None
            for member in members:
                total += member.file_size
                if total > BATCH_BYTES or member.file_size > MAX_INPUT_BYTES:
                    raise Refused(413, [Problem("file_too_large", {"size": member.file_size, "limit": MAX_INPUT_BYTES},
                                                Location(f"{name}/{member.filename}"))])
                with archive.open(member) as stream:
                    files.append((safe_name(member.filename), stream.read(MAX_INPUT_BYTES + 1)[:MAX_INPUT_BYTES]))
        else:
            files.append((name, data))
        if len(files) > BATCH_FILES:
            raise Refused(413, [Problem("serve_batch_count", {"limit": BATCH_FILES})])
    seen: set[str] = set()
    distinct = []
    for name, data in files:
        stem, dot, suffix = name.rpartition(".")
        candidate, number = name, 2
        while candidate.casefold() in seen:
            candidate = f"{stem}-{number}.{suffix}" if dot else f"{name}-{number}"
            number += 1
        seen.add(candidate.casefold())
        distinct.append((candidate, data))
    return distinct


async def batch(request: Request) -> Response:
    """POST /api/batch[?formats=docx,pdf] (multipart `files`, or a zip): the summary and a zip of
    the outputs with summary.csv and summary.json; `Accept: application/zip` gives the zip alone."""
    from ..writers import FORMATS

    lang = _lang(request)
    if _media_type(request) != "multipart/form-data":
        raise _unsupported("batch", _media_type(request))
    formats = tuple(dict.fromkeys(f.strip().lower() for f in request.query_params.get("formats", "docx,pdf").split(",") if f.strip()))
    if not formats or any(f not in FORMATS for f in formats):
        raise Refused(400, [Problem("format_unknown", {"format": ",".join(formats), "known": ", ".join(FORMATS)})])
    form = await _form(request, BATCH_BYTES)
    uploads = [(safe_name(u.filename, "report"), await u.read()) for u in form.getlist("files") if isinstance(u, UploadFile)]
    if not uploads:
        raise Refused(400, [Problem("serve_file_missing", {})])
    files = _batch_files(uploads)
    limit = min(request.app.state.settings.batch_time_limit, request.app.state.settings.time_limit * (len(files) + 1))
    summary, packed = await request.app.state.pool.run("batch", files, formats, lang, time_limit=limit)
    if "application/zip" in request.headers.get("accept", ""):
        return Response(packed, media_type="application/zip", headers={"Content-Disposition": _attachment("排版结果.zip")})
    return JSONResponse({"summary": summary, "zip": base64.b64encode(packed).decode("ascii")})


async def to_yaml(request: Request) -> Response:
    """POST /api/yaml: report data (JSON, as the workbench's form holds it) written as YAML."""
    from ..yaml_writer import data_to_yaml

    if _media_type(request) != "application/json":
        raise _unsupported(_client_name(request), _media_type(request))
    try:
        data = json.loads(await _body(request))
    except (ValueError, UnicodeDecodeError) as error:
        raise Refused(400, [Problem("serve_json", {"detail": str(error)})]) from None
    if not isinstance(data, dict):
        raise Refused(422, [Problem("yaml_not_mapping", {})])
    return Response(data_to_yaml(data), media_type="text/yaml; charset=utf-8")


async def template(request: Request) -> Response:
    """GET /api/template[?issuer=&year=]: the commented template with the four parts."""
    from ..template import new_report_yaml

    issuer = request.query_params.get("issuer") or "某某市某某局"
    year = request.query_params.get("year", "")
    text = new_report_yaml(issuer, int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None)
    return Response(text, media_type="text/yaml; charset=utf-8")


async def schema(request: Request) -> Response:
    """GET /api/schema: the JSON Schema of the report."""
    from ..schema import schema_json

    return Response(schema_json(), media_type="application/schema+json")


async def health(request: Request) -> Response:
    """GET /api/health: the server is up, and its workers."""
    return JSONResponse({"status": "ok", "version": __version__, "workers": len(request.app.state.pool.workers)})


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def _page(name: str) -> Callable[[Request], Awaitable[Response]]:
    async def page(request: Request) -> Response:
        return FileResponse(str(STATIC / name), media_type="text/html; charset=utf-8", headers=_PAGE_HEADERS)

    return page


# The pages run only their own scripts and fetch only from this server; no other site may frame them.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
                               "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


# --- safety and errors ---------------------------------------------------------------------------


def _is_address(hostname: str) -> bool:
    try:
        ipaddress.ip_address(hostname)
    except ValueError:
        return False
    return True


class Guard:
    """Refuses what a web page elsewhere could make the clerk's browser send: a request for
    another host name (DNS rebinding: a name of the attacker's made to point here; an address
    typed as such is no such trick) and a state-changing request from another origin."""

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...]):
        self.app = app
        self.hosts = {h.strip("[]").lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        hostname = re.sub(r":\d+$", "", host).strip("[]").lower()
        problem = None
        if hostname not in self.hosts and not _is_address(hostname):
            problem = Problem("serve_host_refused", {"host": host})
        elif scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin")
            if (origin is not None and origin != f"{scope.get('scheme', 'http')}://{host}") or headers.get("sec-fetch-site") == "cross-site":
                problem = Problem("serve_origin_refused", {"origin": origin or "?"})
        if problem is None:
            await self.app(scope, receive, send)
            return
        lang = "en" if b"lang=en" in scope.get("query_string", b"") else "zh"
        response = JSONResponse({"problems": [problem.to_dict(lang)]}, 403)  # type: ignore[arg-type]
        await response(scope, receive, send)


async def _refused(request: Request, error: Exception) -> Response:
    assert isinstance(error, Refused)
    return JSONResponse({"problems": _problems(error.problems, _lang(request))}, error.status)


async def _invalid(request: Request, error: Exception) -> Response:
    assert isinstance(error, ReportError)
    problems = error.problems
    status = 413 if any(p.code == "file_too_large" for p in problems) else 422
    if any(p.code in ("file_binary",) for p in problems):
        status = 415
    return JSONResponse({"problems": _problems(problems, _lang(request))}, status)


def create_app(settings: Settings | None = None) -> Starlette:
    """The workbench and the API; the worker processes start with the app and stop with it."""
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.pool = Pool(settings)
        app.state.pool.start()
        try:
            yield
        finally:
            app.state.pool.close()

    routes = [
        Route("/", _page("index.html")),
        Route("/collect", _page("collect.html")),
        Route("/api/render", render, methods=["POST"]),
        Route("/api/preview", preview, methods=["POST"]),
        Route("/api/validate", validate, methods=["POST"]),
        Route("/api/lint", lint, methods=["POST"]),
        Route("/api/fix", fix, methods=["POST"]),
        Route("/api/import", import_, methods=["POST"]),
        Route("/api/batch", batch, methods=["POST"]),
        Route("/api/yaml", to_yaml, methods=["POST"]),
        Route("/api/template", template),
        Route("/api/schema", schema),
        Route("/api/health", health),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={Refused: _refused, ReportError: _invalid})
    app.add_middleware(Guard, hosts=settings.hosts)
    return app
