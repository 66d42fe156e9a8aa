"""Rendering many reports at once, for the office that collects them.

    jobs, problems = plan(["incoming/"], Path("out"), ("docx", "pdf"))
    outcomes = run(jobs, Settings(("docx", "pdf")), workers=4, done=print)
    write_summary(outcomes, Path("out"), ("docx", "pdf"))

Inputs: YAML reports; a folder is searched, with its subfolders, for *.yaml and *.yml. With
`imports=True` the search also takes the sources the importer reads (.docx .doc .wps .odt .txt
.md .html; not .pdf), except one with a YAML of the same name beside it (that YAML is the report,
the source its origin or its rendering). A file named outright is always taken, whatever its kind
(a PDF too): one the importer cannot read fails with the importer's advice (.rtf: save it as .docx).

Outputs keep the inputs' folders below their common folder, so two report.yaml in different
folders stay apart; names that would still meet (report.yaml and report.yml, or an input in
the output folder) get -2, -3. Each report is validated, linted and rendered to every format
in memory, then written atomically; a report that fails in any format leaves no file.

Workers are processes (`concurrent.futures`); each prepares the profile, the writers and the
fonts once (`_prepare`), not once per report. `workers=1` runs in this process. A worker that
dies (killed for memory) fails the report that killed it, found by rerunning the reports that
were in flight one at a time (`_in_processes`), and the batch goes on.

Pages are counted by the layout of the PDF (`composer.layout`). A DOCX has as many pages as Word lays
out, which only a layout engine knows; our PDF uses the same grid, so its count is the one to
expect, and a batch without PDF leaves pages empty.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import shutil
import signal
import stat
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .output import write_atomic
from .problems import Location, Problem, ReportError, in_file

YAML_SUFFIXES = (".yaml", ".yml")
SUMMARY_NAMES = ("summary.csv", "summary.json")
# Warnings that say the same of every report on this machine (the faces installed): said once
# (`machine_notes`), in the summary's notes, not in every row.
MACHINE_WIDE = {"font_substituted"}
STATUS = {"rendered": ("已生成", "rendered"), "failed": ("失败", "failed"), "interrupted": ("已中断", "interrupted")}


@dataclass(frozen=True)
class Job:
    """One input and the file each format goes to (absolute paths; `file` as the user sees it)."""

    file: str
    path: str
    outputs: dict[str, str]


@dataclass(frozen=True)
class Settings:
    """What every worker needs: the formats, the style profile to load, the PDF's standard."""

    formats: tuple[str, ...]
    profile: str | None = None
    variant: str = "official"
    pdf_standard: str | None = None  # None: the PDF writer's default
    time_limit: float = 300.0  # seconds per report in a worker; a report at the size limits takes ~1 min


@dataclass
class Outcome:
    """What became of one report; `problems` are why it failed and the warnings it had."""

    job: Job
    status: str
    kind: str = ""
    issuer: str | None = None
    year: int | None = None
    pages: int | None = None
    lint: dict[str, int] | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "rendered"


# --- finding the inputs and naming the outputs -------------------------------------------


def _importable() -> tuple[str, ...]:
    """What a folder search imports: every source but PDF, which in a folder of drafts is most
    often the printed copy of the Word file beside it (a PDF named outright is imported)."""
    from .readers.importer import READERS

    return tuple("." + suffix for suffix in READERS if suffix != "pdf")


def _unreadable_entry(path: Path) -> str | None:
    """Why a found entry cannot be a report (a FIFO would hang the batch, a link loop abort it):
    a problem code, or None for a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "batch_skip_link" if path.is_symlink() else "batch_skip_special"
    return None if stat.S_ISREG(mode) else "batch_skip_special"


def _search(folder: Path, imports: bool, skip: Path | None, notes: list[Problem]) -> list[Path]:
    """Reports in folder and its subfolders, leaving out hidden ones, Office lock files (~$)
    and the folder `skip` (the output); what is not a regular file is left out with a note."""
    suffixes = YAML_SUFFIXES + _importable()  # drafts too: counted when not taken
    found = []
    for top, folders, names in os.walk(folder):
        here = Path(top)
        folders[:] = sorted(f for f in folders if not f.startswith(".") and (here / f).resolve() != skip)
        for name in sorted(names):
            if name.startswith((".", "~$")) or Path(name).suffix.lower() not in suffixes:
                continue
            if reason := _unreadable_entry(here / name):
                notes.append(Problem(reason, {}, Location(str(here / name)), "warning"))
            else:
                found.append(here / name)
    yaml_stems = {p.with_suffix("") for p in found if p.suffix.lower() in YAML_SUFFIXES}
    drafts = [p for p in found if p.suffix.lower() not in YAML_SUFFIXES and p.with_suffix("") not in yaml_stems]
    if drafts and not imports:  # an office's folder of Word files is not silently passed over
        notes.append(Problem("batch_drafts_left", {"count": len(drafts), "example": drafts[0].name},
                             Location(str(folder)), "info"))
    taken = set(drafts) if imports else set()
    return [p for p in found if p.suffix.lower() in YAML_SUFFIXES or p in taken]


def find_inputs(paths: Sequence[str], out_dir: Path, *, imports: bool = False) -> tuple[list[Path], list[Problem]]:
    """The files to render, each once, and a problem for each path that does not exist (an
    error) or entry of a folder that was skipped (a warning).

    A folder is searched (see the module docstring); the output folder inside it is not.
    """
    out = out_dir.resolve()
    files: dict[Path, Path] = {}
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = out != path.resolve() and out.is_relative_to(path.resolve())
            skip = out if inside else None
            for found in _search(path, imports, skip, problems):
                files.setdefault(found.resolve(), found)
        elif path.exists():
            files.setdefault(path.resolve(), path)
        else:
            problems.append(Problem("file_missing", {}, Location(given)))
    return list(files.values()), problems


def plan(
    paths: Sequence[str], out_dir: Path, formats: Sequence[str], *, imports: bool = False
) -> tuple[list[Job], list[Problem]]:
    """A job per input, its outputs under out_dir; problems for inputs that do not exist."""
    inputs, problems = find_inputs(paths, out_dir, imports=imports)
    if not inputs:
        return [], problems
    resolved = [p.resolve() for p in inputs]
    placed = [Path(os.path.abspath(p)) for p in inputs]  # where found: a link to / does not move the root
    try:
        root = Path(os.path.commonpath([p.parent for p in placed]))
    except ValueError:  # on different drives: names only
        root = None
    reserved = {str(p).casefold() for p in resolved} | {str((out_dir / n).resolve()).casefold() for n in SUMMARY_NAMES}
    jobs = []
    for shown, path, place in sorted(zip(inputs, resolved, placed), key=lambda found: found[2].parts):
        stem = (place.relative_to(root) if root else Path(place.name)).with_suffix("")
        targets = _free_names(out_dir.resolve() / stem, formats, reserved)
        reserved |= {str(t).casefold() for t in targets.values()}
        jobs.append(Job(str(shown), str(path), {fmt: str(t) for fmt, t in targets.items()}))
    return jobs, problems


def _free_names(stem: Path, formats: Sequence[str], taken: set[str]) -> dict[str, Path]:
    """stem.fmt for every format, or stem-2.fmt ... when any of them is taken (case-blind, as
    Windows and macOS file systems are)."""
    number = 1
    while True:
        base = stem if number == 1 else stem.with_name(f"{stem.name}-{number}")
        targets = {fmt: base.with_name(f"{base.name}.{fmt}") for fmt in formats}
        if not any(str(t).casefold() in taken for t in targets.values()):
            return targets
        number += 1


# --- one report ------------------------------------------------------------------------------

_settings: Settings | None = None
_profile: Any = None


def _prepare(settings: Settings, worker: bool) -> None:
    """Loads the profile, the writers and the fonts once per process.

    A worker ignores Ctrl-C: the main process stops the batch (`_Stop`), letting each worker
    finish the report it is rendering, so no file is left half-written.
    """
    global _settings, _profile
    if worker:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    from . import lint  # noqa: F401  (loaded once here, not in the first report)
    from .profile import load_profile
    from .writers import PAGED, writer

    _settings = settings
    _profile = load_profile(settings.profile, settings.variant)
    for fmt in settings.formats:
        writer(fmt)
    if PAGED.intersection(settings.formats):
        from .layout import prepare_fonts

        try:
            prepare_fonts(_profile)
        except Exception:  # noqa: BLE001 - no usable face: each report's PDF says why, in its file
            pass


def _kind(path: Path) -> str:
    if path.suffix.lower() in YAML_SUFFIXES:
        return "yaml"
    return path.suffix.lower().lstrip(".") or "?"


def _severities(findings: Iterable[Problem]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def _read(path: Path, outcome: Outcome) -> Any:
    """The report (None if it does not validate), with what lint and the reader found."""
    from .lint import lint_document, lint_file, read_document

    if outcome.kind == "yaml":
        document = read_document(path, _profile)
        outcome.lint = _severities(lint_document(document))
        outcome.problems += document.problems
        data = document.data or {}
        report = document.report
    else:
        from .readers.importer import import_report

        result = import_report(path, profile=_profile)
        outcome.problems += [n for n in result.notes if n.severity != "info"] + result.problems
        data, report = result.data, result.report
        try:
            outcome.lint = _severities(lint_file(path, profile=_profile))
        except ReportError:
            pass
    issuer, year = (report.issuer, report.year) if report else (data.get("issuer"), data.get("year"))
    outcome.issuer = issuer if isinstance(issuer, str) else None
    outcome.year = int(str(year)) if str(year).isdigit() else None  # YAML that fails validation: as written
    return report


def _render_all(report: Any, outcome: Outcome) -> tuple[dict[str, bytes], int | None]:
    """Every format in memory, and the pages the PDF's layout has (None without a PDF); the
    render's warnings go to the outcome."""
    from .api import render_results

    assert _settings is not None
    rendered, pages = {}, None
    results = render_results(report, _settings.formats, profile=_profile, pdf_standard=_settings.pdf_standard)
    for fmt, result in results.items():
        rendered[fmt] = result.data
        outcome.problems += [  # PDF and OFD lay out the same pages: their warnings once
            problem for problem in result.problems if problem.code not in MACHINE_WIDE and problem not in outcome.problems
        ]
        pages = result.pages if result.pages is not None else pages
    return rendered, pages


def _write_all(rendered: dict[str, bytes], outputs: dict[str, str]) -> None:
    """Writes every output or none: one that fails takes back those written before it."""
    written: list[Path] = []
    try:
        for fmt, data in rendered.items():
            target = Path(outputs[fmt])
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise ReportError([Problem("output_unwritable", {"reason": error.strerror or str(error)},
                                           Location(str(target)))]) from None
            write_atomic(target, data)
            written.append(target)
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        raise


def render_one(job: Job) -> Outcome:
    """Validates, lints and renders one report; never raises for a bad report."""
    path = Path(job.file)  # as the user named it: messages say where, in their words
    outcome = Outcome(job, "failed", kind=_kind(path))
    try:
        report = _read(path, outcome)
        if report is not None:
            rendered, pages = _render_all(report, outcome)
            _write_all(rendered, job.outputs)
            outcome.pages = pages
            outcome.status = "rendered"
    except ReportError as error:
        outcome.problems += error.problems
    except Exception as error:  # noqa: BLE001 - a fault of ours must not stop the batch
        outcome.problems.append(Problem("batch_internal_error", {"detail": f"{type(error).__name__}: {error}"}))
    outcome.problems = in_file(outcome.problems, job.file)
    return outcome


def machine_notes(settings: Settings) -> list[Problem]:
    """What every PDF of the batch shares: faces standing in for the official ones."""
    from .writers import PAGED

    if not PAGED.intersection(settings.formats):
        return []
    from .profile import load_profile
    from .layout import stand_ins

    try:
        note = stand_ins(load_profile(settings.profile, settings.variant))
    except ReportError:
        return []  # no face at all: every report's PDF fails, saying so
    return [note] if note else []


# --- many reports ------------------------------------------------------------------------------


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def max_workers() -> int:
    """More processes than this only share the cores and multiply the memory (~100 MB each)."""
    return 4 * default_workers()


class _Stop:
    """Ctrl-C asks the batch to stop: no report starts after it, the ones being rendered
    finish and are kept. Bookkeeping is never cut in half, as a KeyboardInterrupt raised at
    any line could. A second Ctrl-C stops at once (KeyboardInterrupt)."""

    def __init__(self) -> None:
        self.asked = False
        self._previous: Any = None

    def _ask(self, _signal: int, _frame: object) -> None:
        if self.asked:
            raise KeyboardInterrupt
        self.asked = True

    def __enter__(self) -> _Stop:
        try:
            self._previous = signal.signal(signal.SIGINT, self._ask)
        except ValueError:  # not the main thread: Ctrl-C does not reach it anyway
            pass
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def run(
    jobs: Sequence[Job], settings: Settings, *, workers: int, done: Callable[[Outcome], None] = lambda _: None
) -> list[Outcome]:
    """Renders every job; `done` is called as each finishes. Returns the outcomes in job order.

    Ctrl-C stops the batch (see `_Stop`): the jobs not started come back "interrupted". A
    second Ctrl-C raises KeyboardInterrupt, with the outcomes so far in its `outcomes`.
    """
    outcomes: dict[int, Outcome] = {}

    def finish(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        done(outcome)

    try:
        with _Stop() as stop:
            if workers <= 1 or len(jobs) <= 1:
                _prepare(settings, worker=False)
                for index, job in enumerate(jobs):
                    if stop.asked:
                        break
                    finish(index, render_one(job))
            else:
                _in_processes(jobs, settings, min(workers, len(jobs)), finish, stop)
    except KeyboardInterrupt as interrupt:
        interrupt.outcomes = [outcomes.get(i) or Outcome(job, "interrupted") for i, job in enumerate(jobs)]  # type: ignore[attr-defined]
        raise
    return [outcomes.get(i) or Outcome(job, "interrupted") for i, job in enumerate(jobs)]


def _in_processes(
    jobs: Sequence[Job], settings: Settings, workers: int, finish: Callable[[int, Outcome], None], stop: _Stop
) -> None:
    """Runs the jobs in a pool of processes, never more at once than there are workers, so
    that when a worker dies (killed for memory) the reports it may have been rendering are
    known. Those become suspects, rerun one at a time beside the others in a new pool; a
    suspect in flight when a worker dies again is the one that kills it, and fails."""
    fresh = deque(range(len(jobs)))
    suspects: deque[int] = deque()
    overdue: set[int] = set()  # reports past the time limit: their worker is killed, they fail
    while (fresh or suspects) and not stop.asked:
        with ProcessPoolExecutor(workers, initializer=_prepare, initargs=(settings, True)) as pool:
            running: dict[Future[Outcome], int] = {}
            started: dict[Future[Outcome], float] = {}
            suspect: int | None = None  # the suspect in flight
            while running or ((fresh or (suspects and suspect is None)) and not stop.asked):
                while len(running) < workers and (fresh or (suspects and suspect is None)) and not stop.asked:
                    if suspects and suspect is None:
                        index = suspect = suspects.popleft()
                    else:
                        index = fresh.popleft()
                    future = pool.submit(render_one, jobs[index])
                    running[future], started[future] = index, time.monotonic()
                if not running:  # Ctrl-C came between the check and the submission
                    break
                try:
                    first_due = min(started[f] for f in running) + settings.time_limit
                    done, _ = wait(running, timeout=max(0.0, first_due - time.monotonic()), return_when=FIRST_COMPLETED)
                except KeyboardInterrupt:  # the second Ctrl-C: the workers end now, not after their report
                    _kill_workers(pool)
                    for index in running.values():
                        _remove_temporaries(jobs[index])
                    raise
                late = [f for f in running if f not in done and time.monotonic() - started[f] >= settings.time_limit]
                if late:  # one worker cannot be stopped alone: the pool goes, the others are rerun
                    overdue.update(running[f] for f in late)
                    _kill_workers(pool)
                    wait(running)
                    break
                if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
                    break
                for future in done:
                    index = running.pop(future)
                    started.pop(future)
                    suspect = None if index == suspect else suspect
                    finish(index, future.result())
            wait(running)
            for future, index in running.items():  # the pool broke: these were in flight
                if future.exception() is None:
                    finish(index, future.result())
                    continue
                _remove_temporaries(jobs[index])  # the pool ends the other workers, mid-write maybe
                if index in overdue:
                    limit = {"seconds": round(settings.time_limit)}
                    finish(index, Outcome(jobs[index], "failed", kind=_kind(Path(jobs[index].file)),
                                          problems=[Problem("batch_time_limit", limit, Location(jobs[index].file))]))
                elif index == suspect:
                    finish(index, Outcome(jobs[index], "failed", kind=_kind(Path(jobs[index].file)),
                                          problems=[Problem("batch_worker_died", {}, Location(jobs[index].file))]))
                else:
                    suspects.append(index)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Ends the pool's processes at once (they ignore Ctrl-C and would finish their report)."""
    processes = getattr(pool, "_processes", None) or {}  # the executor offers no way to stop a worker
    for process in list(processes.values()):
        process.kill()


def _remove_temporaries(job: Job) -> None:
    """The temporary files write_atomic leaves when its process is killed while writing."""
    for target in map(Path, job.outputs.values()):
        for temporary in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
            temporary.unlink(missing_ok=True)


# --- the summary ---------------------------------------------------------------------------------

_COLUMNS = {
    "zh": ("文件", "类型", "发文机关", "年度", "状态", "页数", "错误", "警告", "提示", "输出文件", "问题"),
    "en": ("file", "kind", "issuer", "year", "status", "pages", "errors", "warnings", "info", "outputs", "messages"),
}


def _cell(value: object) -> object:
    """A text cell that Excel or WPS would take for a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _outputs(outcome: Outcome, out_dir: Path) -> dict[str, str]:
    if not outcome.ok:
        return {}
    base = out_dir.resolve()
    return {fmt: Path(path).relative_to(base).as_posix() for fmt, path in outcome.job.outputs.items()}


def _rows(outcomes: Sequence[Outcome], out_dir: Path, lang: str = "zh") -> list[dict[str, Any]]:
    """One record per report, as summary.json holds them."""
    rows = []
    for outcome in outcomes:
        rows.append({
            "file": outcome.job.file,
            "kind": outcome.kind or None,
            "issuer": outcome.issuer,
            "year": outcome.year,
            "status": outcome.status,
            "pages": outcome.pages,
            "lint": outcome.lint,
            "outputs": _outputs(outcome, out_dir),
            "problems": [p.to_dict(lang) for p in outcome.problems],  # type: ignore[arg-type]
        })
    return rows


def write_summary(
    outcomes: Sequence[Outcome], out_dir: Path, formats: Sequence[str], lang: str = "zh", *,
    imports: bool = False, notes: Sequence[Problem] = (),
) -> tuple[Path, Path]:
    """summary.csv (UTF-8 with a BOM, so Excel and WPS read the Chinese) and summary.json."""
    rows = _rows(outcomes, out_dir, lang)
    counts = {status: sum(o.status == status for o in outcomes) for status in STATUS}
    payload = {
        "generator": f"report-composer {__version__}",
        "formats": list(formats),
        "imports": imports,
        "pages_from": next((fmt for fmt in ("pdf", "ofd") if fmt in formats), None),
        "counts": {"total": len(outcomes), **counts},
        "notes": [note.to_dict(lang) for note in notes],  # type: ignore[arg-type]
        "reports": rows,
    }
    table = io.StringIO()
    out = csv.writer(table)
    out.writerow(_COLUMNS[lang])
    label = 0 if lang == "zh" else 1
    for outcome, row in zip(outcomes, rows):
        lint = row["lint"] or {}
        out.writerow([_cell(v) for v in (
            row["file"], row["kind"] or "", row["issuer"] or "", row["year"] or "", STATUS[row["status"]][label],
            row["pages"] if row["pages"] is not None else "", lint.get("error", ""), lint.get("warning", ""),
            lint.get("info", ""), "\n".join(row["outputs"].values()),
            "\n".join(p.format(lang) for p in outcome.problems),  # type: ignore[arg-type]
        )])
    csv_path, json_path = (out_dir / name for name in SUMMARY_NAMES)
    write_atomic(csv_path, table.getvalue().encode("utf-8-sig"))
    write_atomic(json_path, (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return csv_path, json_path


# --- progress on the console ---------------------------------------------------------------------


def _columns(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clip(text: str, width: int) -> str:
    """The end of text, which names the file, within width columns."""
    while _columns(text) > width and len(text) > 1:
        text = "…" + text[2:]
    return text


class Progress:
    """The batch as it goes: a bar redrawn in place on a terminal, a plain line per report
    otherwise (a log, a pipe, a CI job). Problems print as file:line:column lines either way.
    `quiet`: problems only."""

    def __init__(self, total: int, stream: TextIO, lang: str = "zh", quiet: bool = False) -> None:
        self.total, self.stream, self.lang, self.quiet = total, stream, lang, quiet
        self.terminal = stream.isatty()
        self.count = self.failed = 0

    def __call__(self, outcome: Outcome) -> None:
        self.count += 1
        self.failed += not outcome.ok
        lines = []
        if not self.quiet and not self.terminal:
            lines.append(self._line(outcome))
        lines += [p.format(self.lang) for p in outcome.problems]  # type: ignore[arg-type]
        if self.terminal:
            self.stream.write("\r\x1b[K")
        self.stream.write("".join(line + "\n" for line in lines))
        if self.terminal and not self.quiet:
            self.stream.write(self._bar(outcome.job.file))
        self.stream.flush()

    def _line(self, outcome: Outcome) -> str:
        zh = self.lang == "zh"
        status = STATUS[outcome.status][0 if zh else 1]
        pages = ""
        if outcome.pages is not None:
            pages = f"（{outcome.pages} 页）" if zh else f" ({outcome.pages} pages)"
        return f"[{self.count:>{len(str(self.total))}}/{self.total}] {status} {outcome.job.file}{pages}"

    def _bar(self, file: str) -> str:
        width = shutil.get_terminal_size().columns - 1
        done = self.count * 24 // self.total
        failed = (f"  失败 {self.failed}" if self.lang == "zh" else f"  {self.failed} failed") if self.failed else ""
        head = f"[{'#' * done}{'.' * (24 - done)}] {self.count}/{self.total}{failed}  "
        return head + _clip(file, max(width - _columns(head), 8))

    def close(self) -> None:
        """Takes the bar off the screen."""
        if self.terminal and not self.quiet:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
