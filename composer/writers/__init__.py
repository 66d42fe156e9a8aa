"""One writer per output format; each exposes `render(document, profile, **options) -> bytes`,
or, for a format drawn from laid-out pages (`PAGED`: PDF and OFD), `render(paged) -> bytes` where
`paged` is what `composer.layout.lay_out` made.

Writers are imported only when used, so validating or asking for --help never loads
python-docx or reportlab. A writer's options (html's `fragment`, pdf's `pdf_standard`) are
keyword arguments of its `render`; `OPTIONS` says which format takes which, so asking another
format for one is an error rather than silently ignored. An option left at False or None is
not set.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from ..blocks import Document
from ..problems import Problem, ReportError

if TYPE_CHECKING:  # `validate` imports this module and needs no profile
    from ..profile import Profile

Writer: TypeAlias = "Callable[[Document, Profile], bytes]"

FORMATS: tuple[str, ...] = ("docx", "pdf", "ofd", "html", "txt", "blocks")  # blocks: a dump for tests, no suffix
PAGED: frozenset[str] = frozenset({"pdf", "ofd"})
OPTIONS: dict[str, tuple[str, ...]] = {"html": ("fragment",), "pdf": ("pdf_standard",)}
SUFFIXES: dict[str, str] = {".docx": "docx", ".pdf": "pdf", ".ofd": "ofd", ".html": "html", ".htm": "html", ".txt": "txt"}


def format_for(path: str | Path) -> str | None:
    """The format a file name asks for, from its suffix."""
    return SUFFIXES.get(Path(path).suffix.lower())


def writer(fmt: str, **options: object) -> Callable[..., bytes]:
    """The render function of a format with the options that are set bound to it.

    A ReportError names the formats there are, or the formats an option applies to.
    """
    if fmt not in FORMATS:
        raise ReportError([Problem("format_unknown", {"format": fmt, "known": ", ".join(FORMATS)})])
    chosen = {name: value for name, value in options.items() if value is not None and value is not False}
    for name in chosen:
        if name not in OPTIONS.get(fmt, ()):
            takers = ", ".join(f for f, names in OPTIONS.items() if name in names)
            option = name.replace("_", "-")  # as the command line spells it
            raise ReportError([Problem("option_unsupported", {"option": option, "format": fmt, "formats": takers})])
    render: Callable[..., bytes] = importlib.import_module(f"{__name__}.{fmt}").render
    return functools.partial(render, **chosen) if chosen else render
