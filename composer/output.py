"""Writing outputs so that a failed render never leaves a partial file or harms an old one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .problems import Location, Problem, ReportError


def refuse_input(output: Path, inputs: list[Path]) -> None:
    """Never write over a file the command reads."""
    for source in inputs:
        if output.exists() and source.exists() and os.path.samefile(output, source):
            raise ReportError([Problem("output_is_input", {}, Location(str(output)))])


def write_atomic(path: Path, data: bytes) -> None:
    """Writes beside the target and renames over it: the old file stays until the new one is whole."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise ReportError(
            [Problem("output_unwritable", {"reason": error.strerror or str(error)}, Location(str(path)))]
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as error:  # Ctrl-C too: no temporary file is left behind
        Path(temporary).unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise
        raise ReportError(
            [Problem("output_unwritable", {"reason": error.strerror or str(error)}, Location(str(path)))]
        ) from None
