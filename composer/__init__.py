"""report-composer: annual reports on building a law-based government, typeset to GB/T 9704-2012.

    import composer
    report = composer.load("report.yaml")        # validated Report, or ReportError
    composer.render_to(report, "report.docx")     # also .pdf, .html, .txt
    result = composer.import_report("old.docx")  # an existing report (.txt .md .docx .html)
    result.report, result.notes                  # the Report (None if invalid), what was found where

The names below are imported on first use, so that the command line (`report-composer
--help`, and every command before it reads a report) does not pay for pydantic and the rest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import Rendered, load, render, render_result, render_results, render_to, validate
    from .readers.importer import import_report
    from .readers.structure import ImportResult
    from .model import Report
    from .problems import Location, Problem, ReportError
    from .profile import Profile, load_profile

_HOMES = {
    "ImportResult": "readers.structure", "import_report": "readers.importer", "load": "api", "render": "api", "render_to": "api",
    "render_result": "api", "render_results": "api", "Rendered": "api",
    "validate": "api", "Report": "model", "Location": "problems", "Problem": "problems",
    "ReportError": "problems", "Profile": "profile", "load_profile": "profile",
}
__all__ = sorted(_HOMES)
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'composer' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
