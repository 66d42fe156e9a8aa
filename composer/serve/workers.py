"""Worker processes that render, import and batch for the server, each one task at a time.

A task that runs over its time limit is stopped by killing its process, which a thread could
not be; a fresh worker takes its place. Each worker loads the profile, the writers and the
fonts once, at start. Tasks and results cross the pipe as plain data: a ReportError comes
back as its problems (the exception itself does not survive pickling).
"""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..problems import Location, Problem, ReportError

PREVIEW_SCALE = 1.25  # 1 = 72 dpi: an A4 page 744 px wide, sharp in a half-screen column
PREVIEW_QUALITY = 85


@dataclass(frozen=True)
class Style:
    """The style options of the command (--profile, --variant), passed to every worker."""

    profile: str | None = None
    variant: str = "official"


class TaskFailed(Exception):
    """The task's input has problems (what ReportError carried in the worker)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message("en") for p in problems))


class TaskTimeout(Exception):
    """The task ran over its time limit and its worker was stopped."""


# --- in the worker ---------------------------------------------------------------------------

_profile: Any = None
_style = Style()


def _start(style: Style) -> None:
    """Loads what every render needs once; Ctrl-C is the server's to handle, not the worker's."""
    global _profile, _style
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from ..profile import load_profile
    from ..writers import FORMATS, writer
    from ..layout import prepare_fonts

    _style = style
    _profile = load_profile(style.profile, style.variant)
    for fmt in FORMATS:
        writer(fmt)
    try:
        prepare_fonts(_profile)
    except ReportError:  # no usable face: each PDF render says why
        pass


def render_task(report: Any, fmt: str, fragment: bool) -> tuple[bytes, list[Problem], int | None]:
    from ..api import render_result

    result = render_result(report, fmt, profile=_profile, fragment=fragment)
    return result.data, list(result.problems), result.pages


def preview_task(report: Any) -> tuple[list[bytes], list[Problem], int]:
    """The PDF's pages as JPEG images, as they print."""
    import pypdfium2

    data, problems, _ = render_task(report, "pdf", False)
    document = pypdfium2.PdfDocument(data)
    images = []
    try:
        for page in document:
            picture = io.BytesIO()
            page.render(scale=PREVIEW_SCALE).to_pil().save(picture, "JPEG", quality=PREVIEW_QUALITY)
            images.append(picture.getvalue())
    finally:
        document.close()
    return images, problems, len(images)


def import_task(name: str, data: bytes, keep_punctuation: bool) -> tuple[Any, list[Problem], list[Problem], str | None]:
    """A source file (its client's name and bytes) imported: report data, notes, problems, YAML.

    The file lives in a temporary folder for the importer, removed after; messages name the
    client's file, not that folder.
    """
    from ..readers.importer import import_report
    from ..yaml_writer import report_to_yaml

    with tempfile.TemporaryDirectory(prefix="report-composer-") as folder:
        source = Path(folder) / name
        source.write_bytes(data)
        try:
            result = import_report(source, keep_punctuation=keep_punctuation)
        except ReportError as error:
            raise ReportError(_named(error.problems, str(source), name)) from None
        text = report_to_yaml(result.report, source=name) if result.report is not None else None
        notes = _named(_placed_notes(result.notes, result.sources), str(source), name)
        return (result.data, notes, _named(result.problems, str(source), name), text)


def _placed_notes(notes: list[Problem], sources: dict[Any, Location]) -> list[Problem]:
    """Each note at its source line also given the model path of what came from that line, so
    that the page can link the note to the field it concerns."""
    at_line: dict[int, tuple[Any, ...]] = {}
    for path, location in sources.items():
        if location.line is not None:
            at_line.setdefault(location.line, tuple(path))
    return [replace(n, location=replace(n.location, path=at_line[n.location.line]))
            if not n.location.path and n.location.line in at_line else n for n in notes]


def _named(problems: list[Problem], temporary: str, name: str) -> list[Problem]:
    return [replace(p, location=replace(p.location, file=name)) if p.location.file == temporary else p for p in problems]


def batch_task(files: list[tuple[str, bytes]], formats: tuple[str, ...], lang: str) -> tuple[dict[str, Any], bytes]:
    """Many reports through `composer.batch`: the summary and a zip of the outputs and summaries.

    The batch runs in a temporary folder, named relative to it so that messages name the
    clients' files; the worker is this task's alone, so changing its folder touches no other.
    """
    import json

    from ..batch import Settings, machine_notes, plan, run, write_summary

    settings = Settings(formats, _style.profile, _style.variant)
    before = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="report-composer-batch-") as folder:
        os.chdir(folder)
        try:
            for name, data in files:
                Path("收到的报告", name).parent.mkdir(parents=True, exist_ok=True)
                Path("收到的报告", name).write_bytes(data)
            out = Path("排版结果")
            out.mkdir()
            jobs, _ = plan(["收到的报告/" + name for name, _ in files], out, formats, imports=True)
            outcomes = run(jobs, settings, workers=1)
            _, summary_path = write_summary(outcomes, out, formats, lang, imports=True, notes=machine_notes(settings))
            summary = json.loads(summary_path.read_text("utf-8"))
            packed = io.BytesIO()
            with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in sorted(out.rglob("*")):
                    if path.is_file():
                        archive.write(path, path.relative_to(out).as_posix())
            return summary, packed.getvalue()
        finally:
            os.chdir(before)


TASKS: dict[str, Callable[..., Any]] = {
    "render": render_task, "preview": preview_task, "import": import_task, "batch": batch_task,
}


def _work(connection: Connection, style: Style) -> None:
    _start(style)
    connection.send(("ready", None))
    while True:
        try:
            name, args = connection.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            connection.send(("ok", TASKS[name](*args)))
        except ReportError as error:
            connection.send(("problems", error.problems))
        except Exception as error:  # noqa: BLE001 - a fault of ours: said, and the worker goes on
            connection.send(("problems", [Problem("batch_internal_error", {"detail": f"{type(error).__name__}: {error}"})]))


# --- in the server ---------------------------------------------------------------------------


class Worker:
    """One worker process and the pipe to it."""

    def __init__(self, style: Style):
        context = multiprocessing.get_context("spawn")  # not fork: the server has threads
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_work, args=(theirs, style), daemon=True, name="report-composer-worker")
        self.process.start()
        theirs.close()
        self.ready = False

    def call(self, name: str, args: tuple[Any, ...], time_limit: float) -> Any:
        """Runs a task (blocking: call it from a thread); raises TaskFailed or TaskTimeout."""
        if not self.ready:  # the start loads fonts: not counted against the task's limit
            if not self.connection.poll(120):
                self.stop()
                raise TaskTimeout(name)
            self.connection.recv()
            self.ready = True
        try:
            self.connection.send((name, args))
            if not self.connection.poll(time_limit):
                self.stop()
                raise TaskTimeout(name)
            status, value = self.connection.recv()
        except (EOFError, OSError):  # the worker died (killed for memory)
            self.stop()
            raise TaskFailed([Problem("batch_worker_died", {})]) from None
        if status == "problems":
            raise TaskFailed(value)
        return value

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        """Ends the worker at once: it holds nothing that needs a goodbye."""
        self.connection.close()
        self.process.kill()
        self.process.join()
