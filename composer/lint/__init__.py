"""Lint: what a careful reviewer in the legal office would catch, and the fixes that are safe.

    from composer.lint import lint_file, fix_file, lint_report
    for finding in lint_file("report.yaml"):      # also .txt .md .docx .html, through the importer
        print(finding.format())  # file:line:column: 警告 [W001] 词语重复：“建设建设” (一、… / （八）第2段)

Rules (wording in composer.problems.MESSAGES; * marks a safe fix that --fix applies):
  S001-S003 error    a mandated part missing / out of order / empty (the model's own checks)
  S004      warning  a mandated part suspiciously short
  S005      warning  a heading marker of another level (1. written as a level-2 heading; in a
                     source text, 1. directly under 一、)
  S006      warning  a lone sub-item: a heading with a single sub-heading
  S007      warning  an attachment note typed in the body, or a 附件N, that the attachments' titles do not match
  P001*     warning  half-width punctuation in Chinese text (GB/T 15834)
  P002      warning  unbalanced brackets or quotes (* when a half-width one faces a full-width one)
  P003      warning  “” mixed with 「」 in one document
  P004      warning  repeated punctuation: ，， 。。 ，。
  P005      warning  a heading ends unlike its siblings (。 or none)
  P006      warning  a run-in heading without final punctuation
  N001*     warning  a date with leading zeros: 2023年03月 -> 2023年3月
  N002*     warning  a document number's year not in 〔〕 ([] 【】 () ﹝﹞), also where one is cited
                     (an error in the red header, where it stops the report from validating)
  N003      warning  a year after the report year in part one
  N004*     warning  a number in full-width digits: １２６０ -> 1260
  D001      warning  issue date after the first quarter of the following year
  W001      warning  a doubled word: 建设建设
  W002      info     a doubled function word: 的的
  W003      warning  a truncated fixed phrase: 《…工作清》
  L001      info     a title over two lines
  L002      info     a heading over one line
Switch rules off per report (`lint: {disable: [W002]}`) or per call (`disable=["W002"]`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Report
from ..profile import Profile, load_profile
from . import issuers, layout, marks, numbers, structure, wording  # noqa: F401  (registers the rules)
from .core import RULES, Finding, LintDocument, Rule
from .runner import apply_fixes, fix_file, lint_document, lint_file, unknown_codes
from .sources import read_document, report_document, text_document, yaml_document


def lint_report(report: Report, disable: Iterable[str] = (), profile: Profile | None = None) -> list[Finding]:
    """Lints a Report built in code (lines measured by the profile, the standard one when None);
    findings are located by their path in the model."""
    return lint_document(report_document(report, profile or load_profile()), disable)


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
