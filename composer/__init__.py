"""report-composer: annual reports on building a law-based government, typeset to GB/T 9704-2012.

    import composer
    report = composer.load("report.yaml")        # validated Report, or ReportError
    composer.render_to(report, "report.docx")     # also .pdf, .html, .txt
    result = composer.import_report("old.docx")  # an existing report (.txt .md .docx .html)
    result.report, result.notes                  # the Report (None if invalid), what was found where
"""

from .api import ImportResult, import_report, load, render, render_to, validate
from .model import Report
from .problems import Location, Problem, ReportError
from .profile import Profile, load_profile

__all__ = [
    "ImportResult",
    "Location",
    "Problem",
    "Profile",
    "Report",
    "ReportError",
    "import_report",
    "load",
    "load_profile",
    "render",
    "render_to",
    "validate",
]
__version__ = "0.1.0"
