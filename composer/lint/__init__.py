"""Lint: what a careful reviewer in the legal office would catch, and the fixes that are safe.

    from composer.lint import lint_file, fix_file, lint_report
    for finding in lint_file("report.yaml"):
        print(finding.format())          # file:line:column: 警告 [W001] 词语重复：“建设建设” (…)

Rules (codes, severities and wording in composer.problems.MESSAGES):
S structure, P punctuation (GB/T 15834), N numbers and dates, D deadline, W wording, L length.
Switch rules off per report (`lint: {disable: [W002]}`) or per call (`disable=["W002"]`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Report
from . import layout, marks, numbers, structure, wording  # noqa: F401  (registers the rules)
from .core import RULES, Finding, LintDocument, Rule
from .runner import apply_fixes, fix_file, lint_document, lint_file, unknown_codes
from .sources import read_document, report_document, text_document, yaml_document


def lint_report(report: Report, disable: Iterable[str] = ()) -> list[Finding]:
    """Lints a Report built in code; findings are located by their path in the model."""
    return lint_document(report_document(report), disable)


__all__ = [
    "RULES",
    "Finding",
    "LintDocument",
    "Rule",
    "apply_fixes",
    "fix_file",
    "lint_document",
    "lint_file",
    "lint_report",
    "read_document",
    "report_document",
    "text_document",
    "unknown_codes",
    "yaml_document",
]
