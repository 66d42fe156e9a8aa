#!/usr/bin/env python3
"""How well `import` reads the drafts offices really have: scores the corpus in tests/import_corpus.

    python bench/import_score.py                      # every draft, then the totals
    python bench/import_score.py tests/import_corpus/gbk-notepad.txt   # some drafts
    python bench/import_score.py tests/import_heldout                  # the held-out set

The corpus holds, per draft, `NAME.SUFFIX` (the draft as an office or a site has it),
`NAME.expected.yaml` (the report as a perfect import gives it, a valid report YAML) and
optionally `NAME.furniture.txt` (one string a line that must appear nowhere in the import). A
draft that a perfect import must refuse (the user has to add something) has `NAME.refusal.txt`
instead of the expected report: the problem codes the refusal must carry, one a line, each of
whose messages says what to add.

Per draft and in total: paragraphs in the right part, headings at the right level (and in the
right part), metadata right (each top-level field and disclosure entry), sentences lost (of
the expected report's text, not found anywhere in the import), extra (paragraphs and headings
the ground truth has not: a running header or a page's line kept as text), furniture leaked. Texts are
compared with white space taken out and punctuation made full-width.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "import_corpus"
SIDE_FILES = (".expected.yaml", ".furniture.txt", ".refusal.txt", ".docx.txt")
# Metadata fields compared as wholes (the parts and opening are scored paragraph by paragraph).
METADATA = ("issuer", "year", "date", "title", "addressees", "signature", "seal", "attachments", "note",
            "header", "end_block")


@dataclass
class Score:
    """One draft's counts: each pair is (right, of how many)."""

    name: str
    paragraphs: tuple[int, int] = (0, 0)
    headings: tuple[int, int] = (0, 0)
    metadata: tuple[int, int] = (0, 0)
    sentences: int = 0
    sentences_lost: int = 0
    extra: int = 0  # paragraphs and headings the import has that the ground truth has not (leaked text)
    furniture_leaked: list[str] = field(default_factory=list)
    refused: bool = False
    refusal_ok: bool = True  # a refusal was expected and its messages say what to add, or none was
    wrong: list[str] = field(default_factory=list)  # what went wrong, for the listing


def drafts(corpus: Path = CORPUS) -> list[Path]:
    """The drafts of the corpus: every file that is not a draft's side file; those LibreOffice
    converts (.doc .wps .odt) only where it is installed."""
    from composer.readers.office_reader import soffice

    converted = (".doc", ".wps", ".odt") if soffice() is None else ()
    return sorted(p for p in corpus.iterdir() if p.is_file() and not p.name.endswith(SIDE_FILES)
                  and not p.name.startswith((".", "_")) and p.suffix not in (".py", *converted))


def squeeze(text: str) -> str:
    from composer.punctuation import to_full_width

    return "".join(to_full_width(str(text))[0].split())


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif value is not None:
        yield str(value)


def _walk(items: list[Any], part: str, level: int) -> Iterator[tuple[str, str, int, str]]:
    """(kind, part, level, text) for each paragraph and heading of a part's content."""
    for item in items:
        if isinstance(item, str):
            yield "paragraph", part, level, item
        elif "table" in item:
            table = item["table"]
            yield "paragraph", part, level, "|".join(_texts([table.get("header"), table.get("rows")]))
        else:
            yield "heading", part, level, item["heading"]
            yield from _walk(item.get("content") or [], part, level + 1)


def _leaves(dump: dict[str, Any]) -> list[tuple[str, str, int, str]]:
    leaves = [("paragraph", "opening", 1, text) for text in dump.get("opening") or []]
    for key, part in (dump.get("parts") or {}).items():
        if part is None:
            continue
        leaves.append(("heading", key, 1, part.get("heading") or ""))
        leaves += list(_walk(part.get("content") or [], key, 2))
    return leaves


def _matched(expected: Iterable[tuple[Any, ...]], got: Iterable[tuple[Any, ...]]) -> tuple[int, list[tuple[Any, ...]]]:
    pool = Counter(got)
    right, missing = 0, []
    for item in expected:
        if pool[item] > 0:
            pool[item] -= 1
            right += 1
        else:
            missing.append(item)
    return right, missing


def _sentences(text: str) -> list[str]:
    """The sentences of a text (the cells of a table), each of two characters or more."""
    return [s for s in re.split(r"(?<=[。！？；])|[|｜]", squeeze(text)) if len(s) > 1]


def _dump(report: Any) -> dict[str, Any]:
    return report.model_dump(mode="json", exclude={"lint"})


def _expected(path: Path) -> dict[str, Any]:
    """The ground truth as data: the validated report, or, for a draft whose parts are out of
    order (which the import keeps, for validation and lint to point out), the YAML as written."""
    from composer import ReportError
    from composer.readers.yaml_reader import parse_yaml, report_from_yaml

    text = path.read_text("utf-8")
    try:
        return _dump(report_from_yaml(text, str(path)))
    except ReportError as error:
        if any(p.code != "part_order" for p in error.problems):
            raise
        return parse_yaml(text, str(path))[0]


def score_draft(path: Path) -> Score:
    """Imports one draft and compares it with its ground truth."""
    import composer

    score = Score(path.name)
    stem = path.with_suffix("")
    refusal = Path(f"{stem}.refusal.txt")
    try:
        result = composer.import_report(path)
    except composer.ReportError as error:
        result, problems = None, error.problems
    else:
        problems = result.problems
    report = result.report if result else None
    score.refused = report is None
    if refusal.exists():
        codes = [line.strip() for line in refusal.read_text("utf-8").splitlines() if line.strip()]
        found = {p.code for p in problems}
        score.refusal_ok = score.refused and all(code in found for code in codes)
        if not score.refusal_ok:
            score.wrong.append(f"refusal expected with {codes}, got {sorted(found) or 'none'}")
        return score
    expected = _expected(Path(f"{stem}.expected.yaml"))
    got = _dump(report) if report else (result.data if result else {})
    if score.refused:
        score.wrong += [p.format("en") for p in problems]

    want = [(k, part, level, squeeze(text)) for k, part, level, text in _leaves(expected)]
    have = [(k, part, level, squeeze(text)) for k, part, level, text in _leaves(got)]
    paragraphs = [w for w in want if w[0] == "paragraph"]
    headings = [w for w in want if w[0] == "heading"]
    right, missing = _matched(paragraphs, have)
    score.paragraphs = (right, len(paragraphs))
    score.wrong += [f"paragraph not in {m[1]}: {m[3][:30]}" for m in missing]
    right, missing = _matched(headings, have)
    score.headings = (right, len(headings))
    score.wrong += [f"heading not at level {m[2]} of {m[1]}: {m[3][:30]}" for m in missing]
    wanted, extra = Counter(text for *_, text in want), []
    for *_, text in have:
        if wanted[text] > 0:
            wanted[text] -= 1
        elif text:
            extra.append(text)
    score.extra = len(extra)
    score.wrong += [f"not in the ground truth: {text[:30]}" for text in extra]

    fields = [(key, expected.get(key)) for key in METADATA if expected.get(key) not in (None, [], False)]
    fields += [(f"disclosure.{k}", v) for k, v in (expected.get("disclosure") or {}).items() if v is not None]
    right = 0
    for key, value in fields:
        if key.startswith("disclosure."):
            actual = (got.get("disclosure") or {}).get(key.split(".", 1)[1])
        else:
            actual = got.get(key)
        if squeeze(repr(list(_texts(actual)))) == squeeze(repr(list(_texts(value)))):
            right += 1
        else:
            score.wrong.append(f"{key}: {actual!r}, expected {value!r}")
    score.metadata = (right, len(fields))

    text = squeeze("".join(_texts(got)))
    sentences = [s for leaf in want for s in _sentences(leaf[3])]
    lost = [s for s in sentences if s not in text]
    score.sentences, score.sentences_lost = len(sentences), len(lost)
    score.wrong += [f"sentence lost: {s[:30]}" for s in lost]
    furniture = Path(f"{stem}.furniture.txt")
    if furniture.exists():
        for line in furniture.read_text("utf-8").splitlines():
            if line.strip() and squeeze(line) in text:
                score.furniture_leaked.append(line.strip())
                score.wrong.append(f"furniture leaked: {line.strip()}")
    return score


def _ratio(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}"


def totals(scores: list[Score]) -> Score:
    def add(name: str) -> tuple[int, int]:
        pairs = [getattr(s, name) for s in scores]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

    return Score(
        "total", add("paragraphs"), add("headings"), add("metadata"), sum(s.sentences for s in scores),
        sum(s.sentences_lost for s in scores), sum(s.extra for s in scores), [f for s in scores for f in s.furniture_leaked],
        any(s.refused for s in scores), all(s.refusal_ok for s in scores),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drafts", nargs="*", type=Path, help="drafts, or folders of them (default: the corpus)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list what each draft got wrong")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    paths = [draft for path in args.drafts for draft in (drafts(path) if path.is_dir() else [path])]
    scores = [score_draft(path) for path in paths or drafts()]
    print(f"{'draft':40} {'paragraphs':>11} {'headings':>9} {'metadata':>9} {'lost':>5} {'extra':>5} {'leaked':>6}  refused")
    for score in [*scores, totals(scores)]:
        refused = ("yes" if score.refused else "no") + ("" if score.refusal_ok else " (wrong)")
        print(f"{score.name:40} {_ratio(score.paragraphs):>11} {_ratio(score.headings):>9} {_ratio(score.metadata):>9} "
              f"{score.sentences_lost:>5} {score.extra:>5} {len(score.furniture_leaked):>6}  {refused}")
        if args.verbose:
            for wrong in score.wrong:
                print(f"    {wrong}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
