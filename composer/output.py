"""Writing outputs so that a failed render never leaves a partial file or harms an old one."""

from __future__ import annotations

import os
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


def _temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new file beside the target, created as open() creates one (the umask applies)."""
    while True:
        path = folder / f".{name}.{secrets.token_hex(4)}.part"
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), path
        except FileExistsError:
            continue


def replace_file(path: Path, data: bytes) -> None:
    """Writes beside the target and renames over it: the old file stays until the new one is whole.

    As an editor or pandoc would: a link is written through (the file it names gets the new
    content) and an existing file keeps its permissions. Raises OSError; nothing is left behind.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = _temporary(folder, target.name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
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
