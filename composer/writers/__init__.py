"""One writer per output format; each exposes `render(document, profile) -> bytes`.

Writers are imported only when used, so validating or asking for --help never loads
python-docx or reportlab.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from ..blocks import Document
from ..problems import Problem, ReportError
from ..profile import Profile

Writer = Callable[[Document, Profile], bytes]

FORMATS: tuple[str, ...] = ("docx", "pdf", "html", "txt")
SUFFIXES: dict[str, str] = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "txt"}


def format_for(path: str | Path) -> str | None:
    """The format a file name asks for, from its suffix."""
    return SUFFIXES.get(Path(path).suffix.lower())


def writer(fmt: str) -> Writer:
    """The render function of a format; a ReportError names the formats there are."""
    if fmt not in FORMATS:
        raise ReportError([Problem("format_unknown", {"format": fmt, "known": ", ".join(FORMATS)})])
    module = importlib.import_module(f"{__name__}.{fmt}")
    return module.render
