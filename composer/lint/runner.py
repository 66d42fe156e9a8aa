"""Running the rules on a document, and applying the safe fixes to a YAML file in place.

Fixes are minimal text edits at the characters' own positions, so every comment, quote style,
line break and the rest of the file stay byte-identical. The edited YAML is read back and must
hold exactly the intended values before anything is written; the file is replaced atomically.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..output import write_atomic
from ..problems import Location, Problem, ReportError
from ..profile import Profile, load_profile
from ..readers.yaml_reader import parse_yaml
from .core import RULES, Edit, Finding, Hit, LintDocument, Path_, Rule, excerpt
from .sources import read_document, yaml_document

# Validation problems a lint rule reports too; the rule's finding (with its fix) stands for both.
COVERED_BY = {
    "part_missing": "S001", "part_order": "S002", "part_empty": "S003", "doc_number_brackets": "N002",
    # the same defects as an import of the source says them, with what to add
    "import_need_part": "S001", "import_need_content": "S003",
}


def unknown_codes(codes: Iterable[str]) -> list[str]:
    return [code for code in codes if code.upper() not in RULES]


def _configured(document: LintDocument) -> tuple[set[str], list[Finding]]:
    """Codes switched off in the report's `lint: {disable: [...]}`, and findings for unknown ones."""
    settings = (document.data or {}).get("lint")
    listed = settings.get("disable") if isinstance(settings, dict) else None
    items = [listed] if isinstance(listed, str) else listed if isinstance(listed, list) else []
    codes: set[str] = set()
    unknown: list[Finding] = []
    for index, code in enumerate(items):
        if not isinstance(code, str):
            continue
        if code.strip().upper() in RULES:
            codes.add(code.strip().upper())
            continue
        path: Path_ = ("lint", "disable", index) if isinstance(listed, list) else ("lint", "disable")
        line, column = (document.positions.values.get(path) if document.positions else None) or (None, None)
        unknown.append(Finding("lint_unknown_rule", {"code": code}, Location(document.file, line, column, path), "warning"))
    return codes, unknown


def _file_edits(hit: Hit) -> tuple[tuple[tuple[int, int, str], ...], tuple[Edit, ...]]:
    """The hit's fix as source edits; an edit whose characters YAML made up is left out, and
    when the first (the fix proper) cannot be placed there is no fix."""
    assert hit.text is not None
    placed: list[tuple[int, int, str]] = []
    kept: list[Edit] = []
    for number, edit in enumerate(hit.fix):
        spans = [hit.text.span(i) for i in range(edit.start, edit.end)]
        contiguous = all(a and b and a[1] == b[0] for a, b in zip(spans, spans[1:]))
        if spans and all(spans) and contiguous:
            placed.append((spans[0][0], spans[-1][1], edit.new))  # type: ignore[index]
            kept.append(edit)
        elif number == 0:
            return (), ()
    return tuple(placed), tuple(kept)


def _finding(document: LintDocument, rule: Rule, hit: Hit) -> Finding:
    fix: tuple[tuple[int, int, str], ...] = ()
    edits: tuple[Edit, ...] = ()
    if hit.text is not None:
        line, column = hit.text.place(hit.start)
        location = Location(document.file, line, column, hit.text.path)
        if document.editable and hit.fix:
            fix, edits = _file_edits(hit)
    else:
        location = hit.location or Location(document.file)
    where = document.describe(location.path)
    return Finding(rule.code, hit.params, location, rule.severity, where=where, fix=fix, edits=edits)


def _with_validation(document: LintDocument, findings: list[Finding]) -> list[Finding]:
    """Adds why the report does not validate; a lint finding covering the same defect stands
    for it, as an error."""
    by_rule = {(f.code, f.location.path): i for i, f in enumerate(findings)}
    out = list(findings)
    for problem in document.problems:
        covering = by_rule.get((COVERED_BY.get(problem.code, ""), problem.location.path))
        if covering is not None:
            out[covering] = replace(out[covering], severity="error")
        else:
            where = document.describe(problem.location.path)
            out.append(Finding(problem.code, problem.params, problem.location, problem.severity, where=where))
    return out


def lint_document(document: LintDocument, disable: Iterable[str] = ()) -> list[Finding]:
    """Every finding of every rule not switched off (here or in the report), in file order."""
    switched_off, findings = _configured(document)
    switched_off |= {code.upper() for code in disable}
    for code in sorted(RULES):
        rule = RULES[code]
        if code in switched_off:
            continue
        if rule.on_text:
            hits = [replace(hit, text=value) for value in document.texts for hit in rule.check(value.text)]
        else:
            hits = list(rule.check(document))
        findings += [_finding(document, rule, hit) for hit in hits]
    findings = _with_validation(document, findings)
    return sorted(findings, key=lambda f: (f.location.line or 0, f.location.column or 0, f.code))


def lint_file(path: str | Path, disable: Iterable[str] = (), profile: Profile | None = None) -> list[Finding]:
    """Lints a YAML report or a source text, measuring lines by the profile (the standard one
    when None); ReportError if the file cannot be read or parsed."""
    return lint_document(read_document(Path(path), profile or load_profile()), disable)


# --- fixing ----------------------------------------------------------------------------------


def _set(data: Any, path: Path_, value: str) -> None:
    for element in path[:-1]:
        data = data[element]
    data[path[-1]] = value


def _applied(text: str, edits: Iterable[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.new + text[edit.end:]
    return text


def _summary(text: str, edits: tuple[Edit, ...]) -> tuple[str, str]:
    """The changed stretch of a value before and after, with a little context, for the log."""
    start, end = min(e.start for e in edits), max(e.end for e in edits)
    before = excerpt(text, start, end)
    left = max(0, start - 4)
    shifted = [Edit(e.start - left, e.end - left, e.new) for e in edits]
    return before, _applied(excerpt(text, start, end), shifted)


def apply_fixes(document: LintDocument, findings: list[Finding]) -> tuple[str, list[Problem]]:
    """The source with every safe fix applied, and one `lint_fixed` problem per change.

    Edits that would overlap another are skipped (the next run of lint reports them again).
    Raises ReportError when the result would not read back as exactly the intended values.
    """
    taken: list[tuple[int, int, str]] = []
    applied: list[Finding] = []
    for finding in sorted((f for f in findings if f.fix), key=lambda f: f.fix[0][0]):
        new = [edit for edit in finding.fix if edit not in taken]
        if any(s < t_end and t_start < e for s, e, _ in new for t_start, t_end, _ in taken):
            continue
        taken += new
        applied.append(finding)
    source = document.source
    for start, end, text in sorted(taken, reverse=True):
        source = source[:start] + text + source[end:]

    expected = copy.deepcopy(document.data)
    by_path: dict[Path_, list[Edit]] = {}
    for finding in applied:
        by_path.setdefault(finding.location.path, []).extend(finding.edits)
    for path, edits in by_path.items():
        original = document.text_at(path)
        assert original is not None
        _set(expected, path, _applied(original.text, edits))
    try:
        readback, _ = parse_yaml(source, document.file)
    except ReportError:
        readback = None
    if readback != expected:
        raise ReportError([Problem("lint_fix_failed", {}, Location(document.file))])

    changes = []
    for finding in applied:
        original = document.text_at(finding.location.path)
        assert original is not None
        before, after = _summary(original.text, finding.edits)
        changes.append(Problem("lint_fixed", {"rule": finding.code, "before": before, "after": after},
                               finding.location, "info"))
    return source, changes


_FIXABLE = {"P001", "N001", "N002"}


def _unfixed_aliases(document: LintDocument, findings: list[Finding]) -> list[Problem]:
    """A note for each fixable finding left alone because its value is shared through a YAML
    alias (&/*): editing the anchor would change every place that repeats it."""
    spans: dict[tuple[int, int], int] = {}
    scalars = document.positions.scalars if document.positions else {}
    for begin, end, _ in scalars.values():
        spans[(begin, end)] = spans.get((begin, end), 0) + 1
    notes: dict[tuple[str, str], Problem] = {}
    for finding in findings:
        where = scalars.get(finding.location.path)
        if finding.code in _FIXABLE and not finding.fix and where and spans[where[:2]] > 1:
            notes.setdefault((finding.code, str(finding.location)), Problem(
                "lint_fix_alias", {"rule": finding.code}, replace(finding.location, path=()), "warning"))
    return list(notes.values())


def fix_file(
    path: str | Path, disable: Iterable[str] = (), profile: Profile | None = None
) -> tuple[list[Problem], list[Finding]]:
    """Applies the safe fixes to a YAML report in place; returns the changes and what remains.

    Only YAML is edited (ReportError `lint_fix_refused` for a source text: import it first).
    """
    target = Path(path)
    document = read_document(target, profile or load_profile())
    if not document.editable:
        raise ReportError([Problem("lint_fix_refused", {}, Location(document.file))])
    findings = lint_document(document, disable)
    source, changes = apply_fixes(document, findings)
    skipped = _unfixed_aliases(document, findings)
    if not changes:
        return skipped, findings
    bom, codec = document.encoding
    write_atomic(target, bom + source.encode(codec))
    return changes + skipped, lint_document(yaml_document(source, document.file, document.profile), disable)
