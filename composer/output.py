"""Writing outputs so that a failed render never leaves a partial file or harms an old one."""

from __future__ import annotations

import os
import re
import secrets
import stat
from pathlib import Path

from .problems import Location, Problem, ReportError


def refuse_input(output: Path, inputs: list[Path], *, named: bool = True) -> None:
    """Never write over a file the command reads; `named` False: the output is the command's
    default, and the problem asks for -o."""
    for source in inputs:
        if output.exists() and source.exists() and os.path.samefile(output, source):
            code = "output_is_input" if named else "output_default_is_input"
            raise ReportError([Problem(code, {"path": str(output)}, Location(str(output)))])


# What marks an output as ours: the DOCX's application, the PDF's creator, the page's
# generator, the imported YAML's header.
_OUR_MARKS = {
    ".pdf": b"/Creator (report-composer)",
    ".html": b'<meta name="generator" content="report-composer">',
    ".yaml": "生成公文：report-composer render".encode("utf-8"),
}


def _ours(path: Path) -> bool:
    """Whether an existing file was written by this tool, from the mark its format carries."""
    import zipfile  # here: a PDF or HTML render never opens a package

    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            with zipfile.ZipFile(path) as package:
                return b"<Application>report-composer</Application>" in package.read("docProps/app.xml")
        mark = _OUR_MARKS.get(".yaml" if suffix == ".yml" else suffix)
        with path.open("rb") as stream:
            return mark is not None and mark in stream.read(1 << 20 if suffix != ".pdf" else -1)
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def refuse_foreign(output: Path) -> None:
    """A default output name (the input's, with another suffix) never replaces a file this tool
    did not write: `import 草稿.docx` then `render 草稿.yaml` must not write over the draft."""
    if output.exists() and not _ours(output):
        raise ReportError([Problem("output_default_not_ours", {"path": str(output)}, Location(str(output)))])


def _temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new file beside the target, created as open() creates one (the umask applies), named
    with this process's id so that a later run can tell an abandoned one."""
    while True:
        path = folder / f".{name}.{os.getpid()}-{secrets.token_hex(4)}.part"
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), path
        except FileExistsError:
            continue


# What follows ".<target name>." in a temporary file's name (see _temporary).
_TEMPORARY_END = re.compile(r"(\d+)-[0-9a-f]{8}\.part")


def _remove_abandoned(folder: Path, name: str) -> None:
    """Our temporary files for this target whose process is gone (killed while writing)."""
    prefix = f".{name}."
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if (entry.name.startswith(prefix) and (match := _TEMPORARY_END.fullmatch(entry.name, len(prefix)))
                and not _alive(int(match[1]))):
            Path(entry.path).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid > 0
    return True


def replace_file(path: Path, data: bytes) -> None:
    """Writes beside the target and renames over it: the old file stays until the new one is whole.

    As an editor or pandoc would: a link is written through (the file it names gets the new
    content) and an existing file keeps its permissions. A device, a FIFO or /dev/stdout is
    written directly, as `cat` would: renaming over it would replace it with a regular file.
    Raises OSError; nothing is left behind.
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        with path.open("wb") as stream:
            stream.write(data)
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    folder = target.parent if str(target.parent) else Path(".")
    _remove_abandoned(folder, target.name)
    handle, temporary = _temporary(folder, target.name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # whole on disk before the name points at it
        if target.exists():
            os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """`replace_file`, with a failure as a located problem of the output."""
    try:
        replace_file(path, data)
    except OSError as error:
        raise ReportError(
            [Problem("output_unwritable", {"reason": error.strerror or str(error)}, Location(str(path)))]
        ) from None
