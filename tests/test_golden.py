"""Golden tests of compose, in the style of pandoc's test/command/: tests/golden/NNNN-what.md.

Each case is a Markdown file holding a small report (a ```yaml fence) and the document compose
makes of it, as `render --format blocks` prints it (a ```blocks fence), side by side, so a case
reads without running anything. After an intended change to compose, regenerate the expected
dumps and review the diff:

    REPORT_COMPOSER_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

A new case needs only its yaml fence: the update adds the blocks fence.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

import composer
from composer import blocks as b
from composer.profile import load_profile
from composer.writers import blocks as dump

from conftest import SAMPLES, run_cli

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("[0-9][0-9][0-9][0-9]-*.md"))
UPDATE = os.environ.get("REPORT_COMPOSER_UPDATE_GOLDEN") == "1"
REGENERATE = "REPORT_COMPOSER_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py, then git diff tests/golden"
FENCE = re.compile(r"^```(?P<info>[a-z]+)\n(?P<body>.*?)^```$", re.S | re.M)


def _fences(text: str) -> dict[str, re.Match[str]]:
    return {m["info"]: m for m in FENCE.finditer(text)}


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 15, f"golden cases found in {GOLDEN}: {[c.name for c in CASES]}"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    fences = _fences(text)
    assert "yaml" in fences, f"{case.name}: no ```yaml fence"
    actual = composer.render(composer.load(fences["yaml"]["body"]), "blocks").decode("utf-8")
    expected = fences.get("blocks")
    if UPDATE:
        if expected is None:
            text = text.rstrip("\n") + f"\n\n```blocks\n{actual}```\n"
        else:
            text = text[: expected.start("body")] + actual + text[expected.end("body") :]
        case.write_text(text, encoding="utf-8")
        return
    assert expected is not None, f"{case.name}: no ```blocks fence; {REGENERATE}"
    assert actual == expected["body"], f"{case.name}: compose changed; if intended, {REGENERATE}"


def test_cli_dumps_what_the_api_composes() -> None:
    source = SAMPLES / "full.yaml"
    result = run_cli("render", "-", "--format", "blocks", "-o", "-", stdin=source.read_bytes())
    assert result.returncode == 0, result.stderr
    assert result.stdout == composer.render(composer.load(source), "blocks").decode("utf-8")
    assert "Heading(level=1, marker=\"五、\"" in result.stdout


def test_blocks_is_not_a_suffix(tmp_path: Path) -> None:
    """`.blocks` is no file type users know: the format must be asked for."""
    result = run_cli("render", str(SAMPLES / "minimal.yaml"), "-o", str(tmp_path / "out.blocks"))
    assert result.returncode == 2
    assert "out.blocks" in result.stderr and "--format" in result.stderr
    assert not (tmp_path / "out.blocks").exists()


class _Traced(NamedTuple):
    """A block with a field the dump has never heard of, as a later change may add."""

    text: str
    path: tuple[str | int, ...]


def test_dump_shows_every_field_of_any_block() -> None:
    document = b.Document(
        metadata=b.Metadata("标题", "机关", "主题", (), date(2025, 1, 2)),
        header=None,
        body=(_Traced("正文。", ("parts", "measures", "content", 0)),),  # type: ignore[arg-type]
        end_block=None,
    )
    text = dump.render(document, load_profile()).decode("utf-8")
    assert '  _Traced(text="正文。", path=["parts", "measures", "content", 0])\n' in text
    assert "created=2025-01-02" in text
    assert text.endswith("disclosure: None\n")


def test_dump_escapes_what_would_break_a_line() -> None:
    document = b.Document(b.Metadata("a\nb", '"引"', "", (), date(2025, 1, 2)), None, (), None)
    text = dump.render(document, load_profile()).decode("utf-8")
    assert 'title="a\\nb", author="\\"引\\""' in text
    assert text.count("\n") == 5
