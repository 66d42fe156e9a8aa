"""Every pass over a text is linear in it: four times the input at most about four times the work.

Each case is a small input shaped to hit one pass that used to try every start against every
end (42 s for 20 KB of spaces in lint, 14 s for 20,000 distinct characters in W001). Timings are
compared as a ratio within one run, never against a clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

import composer
from composer.lint import lint_file

HAN = "".join(chr(0x4E00 + i) for i in range(40000))  # distinct characters: no word is doubled


def _yaml_with(paragraph: str) -> str:
    return (
        "issuer: 青山县司法局\nyear: 2024\ndate: 2025-01-20\nparts:\n"
        f"  measures:\n    - \"{paragraph}\"\n  shortcomings:\n    - 不足。\n"
        "  leadership:\n    - 履职。\n  plans:\n    - 安排。\n"
    )


def _lint(tmp: Path, paragraph: str) -> None:
    path = tmp / "report.yaml"
    path.write_text(_yaml_with(paragraph), "utf-8")
    lint_file(path)


def _import(tmp: Path, name: str, text: str) -> None:
    path = tmp / name
    path.write_text("青山县司法局2024年法治政府建设年度报告\n\n" + text + "\n", "utf-8")
    composer.import_report(path)


CASES: dict[str, Callable[[Path, int], None]] = {
    "lint: spaces between two characters (punctuation)": lambda t, n: _lint(t, "甲" + " " * n + "乙,"),
    "lint: nested parentheses (punctuation)": lambda t, n: _lint(t, "(" * n + "甲" + ")" * n),
    "lint: no repeated word (W001)": lambda t, n: _lint(t, HAN[:n]),
    "import .txt: a line of spaces": lambda t, n: _import(t, "a.txt", "甲" + " " * n + "乙"),
    "import .md: *a *a …": lambda t, n: _import(t, "a.md", "*a " * (n // 3)),
    "import .md: <<<…": lambda t, n: _import(t, "a.md", "甲" + "<" * n),
    "import .md: [[[…": lambda t, n: _import(t, "a.md", "甲" + "[" * n),
    "import .md: [a]([a](…": lambda t, n: _import(t, "a.md", "[a](" * (n // 4)),
    "import .md: a heading of spaces": lambda t, n: _import(t, "a.md", "# 甲" + " " * n + "乙"),
}


def _timed(repeat: int, work: Callable[[], None]) -> float:
    start = time.process_time()  # CPU time: other processes on the machine do not count
    for _ in range(repeat):
        work()
    return time.process_time() - start


@pytest.mark.slow  # 4-30 s a case, ~75 s in all: over a quarter of the default run's time
@pytest.mark.parametrize("case", CASES)
def test_four_times_the_input_at_most_about_four_times_the_work(case, tmp_path):
    work = CASES[case]
    size = 8000
    work(tmp_path, size)  # warm: imports, caches
    # Repeated until a measure lasts ~0.2 s, and the two sizes measured in turn, best of five, so
    # that the shared machine's load falls on both alike.
    repeat = max(1, round(0.2 / min(_timed(1, lambda: work(tmp_path, size)) for _ in range(3))))
    once = larger = float("inf")
    # Four times the size, not two: linear work (or n log n) grows about 4-5x, quadratic 16x, so
    # a busy minute on this shared machine cannot pass one for the other.
    for _ in range(5):
        once = min(once, _timed(repeat, lambda: work(tmp_path, size)))
        larger = min(larger, _timed(repeat, lambda: work(tmp_path, 4 * size)))
    assert larger / once < 8, f"{case}: {once:.3f} s for {size}, {larger:.3f} s for {4 * size} ({repeat} runs)"
