"""Property-based tests: any valid report renders to every format, whole and deterministically.

Reports are generated from the model's own shape: issuer, year, a date in range, parts with
sections nested to level 4, run-in headings, tables, an optional red header, end block,
attachments, note and seal; text of Chinese (GB 2312), full-width punctuation, digits and Latin,
now and then markup-like text (`<b>`, `&lt;`, `<img src=...>`) that must print literally.
Each output is read back as a reader would (python-docx, pdfplumber, an HTML parser, the text
itself) and must hold every text of the report.
"""

from __future__ import annotations

import os
import string
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import composer
from composer.dates import format_date
from composer.model import Report

from conftest import REPO, SAMPLES

pytestmark = pytest.mark.slow  # hypothesis renders hundreds of reports: minutes
from readback import printed_texts, squeezed, text_of

# Level-1 characters of GB 2312 (rows 16-55): every face the writers use has them.
HANZI = [
    bytes([row, cell]).decode("gb2312")
    for row in range(0xB0, 0xD8) for cell in range(0xA1, 0xFF) if not (row == 0xD7 and cell > 0xF9)
]
PUNCTUATION = "，。、；：？！“”‘’（）《》〔〕【】—…·％"
LATIN = string.ascii_letters + string.digits + " -./%"
MARKUP = ["<b>", "</b>", "&lt;", "&amp;", '<img src="/etc/passwd">', "]]>", "<w:t>", "{x}", "\\n"]
FORMATS = ("docx", "pdf", "html", "txt")

hanzi = st.sampled_from(HANZI)
piece = st.one_of(hanzi, hanzi, hanzi, hanzi, st.sampled_from(PUNCTUATION), st.sampled_from(LATIN))
markup = st.one_of(st.just(""), st.just(""), st.just(""), st.sampled_from(MARKUP))


@st.composite
def texts(draw: st.DrawFn, max_size: int = 40) -> str:
    """Prose that starts with a character (so a heading never reads as only a number)."""
    body = draw(hanzi) + "".join(draw(st.lists(piece, max_size=max_size)))
    cut = draw(st.integers(0, len(body)))
    return body[:cut] + draw(markup) + body[cut:]


def short_texts() -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(HANZI + list(string.digits)), min_size=1, max_size=5)


def paragraphs() -> st.SearchStrategy[str]:
    """A paragraph, sometimes several lines (each a paragraph of its own)."""
    return st.one_of(texts(60), st.lists(texts(30), min_size=2, max_size=3).map("\n".join))


def tables() -> st.SearchStrategy[dict[str, Any]]:
    """Short cells, so no cell wraps and a row reads back as one line of the PDF."""
    def table(columns: int) -> st.SearchStrategy[dict[str, Any]]:
        row = st.lists(short_texts(), min_size=columns, max_size=columns)
        return st.fixed_dictionaries(
            {"header": row, "rows": st.lists(row, min_size=1, max_size=3)},
            optional={"caption": texts(10)},
        )

    return st.integers(1, 4).flatmap(table).map(lambda t: {"table": t})


def items(level: int) -> st.SearchStrategy[list[Any]]:
    """The content of a part (level 1) or of a section of `level`: paragraphs, tables, sections."""
    kinds = [paragraphs(), paragraphs(), tables()]
    if level < 4:
        kinds.append(sections(level + 1))
    return st.lists(st.one_of(kinds), min_size=1, max_size=3)


def sections(level: int) -> st.SearchStrategy[dict[str, Any]]:
    def section(heading: str, run_in: bool, content: list[Any]) -> dict[str, Any]:
        if run_in and not isinstance(content[0], str):
            content = ["正文。", *content]
        return {"heading": heading, "run_in": run_in, "content": content}

    return st.builds(section, texts(16), st.booleans(), st.deferred(lambda: items(level)))


@st.composite
def reports(draw: st.DrawFn) -> dict[str, Any]:
    year = draw(st.integers(2000, 2100))
    issued = date(year, 1, 1) + timedelta(days=draw(st.integers(0, 729)))
    data: dict[str, Any] = {
        "issuer": draw(texts(12)),
        "year": year,
        "date": draw(st.sampled_from([issued, issued.isoformat(), format_date(issued)])),
        "parts": {key: draw(items(1)) for key in ("measures", "shortcomings", "leadership", "plans")},
    }
    optional = {
        "title": st.builds(lambda a, b: f"{a}{year}年{b}", texts(20), texts(20)),
        "addressees": st.lists(texts(8), min_size=1, max_size=3),
        "opening": st.lists(paragraphs(), min_size=1, max_size=2),
        "other": items(1),
        "attachments": st.lists(texts(20), min_size=1, max_size=4),
        "signature": texts(12),
        "seal": st.booleans(),
        "note": texts(20),
        "header": st.fixed_dictionaries({}, optional={
            "mark": texts(12),
            "number": st.builds(lambda p, n: f"{p}〔{year}〕{n}号", st.text(st.sampled_from(HANZI), min_size=1, max_size=4),
                                st.integers(1, 999)),
            "copy_number": st.integers(1, 999_999).map(str),
            "classification": st.sampled_from(["秘密", "机密", "绝密★5年", "机密★1年"]),
            "urgency": st.sampled_from(["特急", "加急"]),
            "signers": st.lists(st.text(st.sampled_from(HANZI), min_size=2, max_size=3), min_size=1, max_size=3),
        }),
        "end_block": st.fixed_dictionaries(
            {"printer": texts(12), "print_date": st.just(issued)},
            optional={"copy_to": st.lists(texts(8), min_size=1, max_size=3)},
        ),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            value = draw(strategy)
            (data["parts"] if key == "other" else data)[key] = value
    return data


def _render(report: Report, fmt: str) -> bytes:
    return composer.render(report, fmt)


OTHER = composer.load(SAMPLES / "full.yaml")


def _check_renders(data: dict[str, Any], formats: tuple[str, ...]) -> None:
    report = Report.model_validate(data)
    expected = [squeezed(text) for text in printed_texts(report)]
    for fmt in formats:
        first = _render(report, fmt)
        read = squeezed(text_of(fmt, first))
        missing = [text for text in expected if text not in read]
        assert not missing, f"{fmt}: not in the output: {missing}"
        _render(OTHER, fmt)  # nothing a render leaves behind may change the next one
        assert _render(report, fmt) == first, f"{fmt}: two renders of one report differ"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(reports())
def test_every_valid_report_renders_whole_to_docx_html_and_txt(data):
    _check_renders(data, ("docx", "html", "txt"))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(reports())
def test_every_valid_report_renders_whole_to_pdf(data):
    _check_renders(data, ("pdf",))


RENDER_AFTER = """
import sys
import composer
*earlier, last, out = sys.argv[1:]
for path in earlier:
    composer.render(composer.load(path), "pdf")
open(out, "wb").write(composer.render(composer.load(last), "pdf"))
"""


def test_a_pdf_does_not_depend_on_what_was_rendered_before(tmp_path):
    """The font cache and the process's registered fonts grow with each document; the PDF of a
    report must be the same on a fresh machine, after other reports, and in a new process."""
    minimal, others = SAMPLES / "minimal.yaml", [SAMPLES / "full.yaml", SAMPLES / "datong-keji-2023.yaml"]

    def pdf(cache: str, *paths: Path) -> bytes:
        out = tmp_path / "out.pdf"
        env = {**os.environ, "PYTHONPATH": str(REPO), "REPORT_COMPOSER_CACHE": str(tmp_path / cache)}
        subprocess.run([sys.executable, "-c", RENDER_AFTER, *map(str, paths), str(out)], env=env, check=True, timeout=300)
        return out.read_bytes()

    cold = pdf("cache", minimal)
    assert pdf("cache", *others, minimal) == cold  # a warm cache, other documents first in the process
    assert pdf("cache", minimal) == cold  # a new process on the grown cache
