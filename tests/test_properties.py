"""Property-based tests: the loader answers any input with a model or with located problems."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import composer
from composer.problems import MESSAGES

pytestmark = pytest.mark.slow  # hypothesis

KEYS = ["issuer", "year", "date", "title", "parts", "measures", "shortcomings", "leadership", "plans", "other",
        "heading", "content", "run_in", "table", "header", "rows", "number", "opening", "attachments", "seal",
        "end_block", "copy_to", "printer", "print_date", "note", "disclosure", "addressees", "x"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 3000), st.sampled_from(["2023-12-07", "2024年1月5日", "〔2024〕5号"]),
    st.text(max_size=20),
)
DATA = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.sampled_from(KEYS), children, max_size=6)
    ),
    max_leaves=30,
)


def _answer(text: str) -> None:
    """Either a Report or a ReportError whose problems are all known and, for YAML, located."""
    try:
        report = composer.load(text)
    except composer.ReportError as error:
        assert error.problems
        lines = text.count("\n") + 2
        for problem in error.problems:
            assert problem.code in MESSAGES, problem
            assert problem.message("zh") and problem.message("en")
            if problem.location.line is not None:
                assert 1 <= problem.location.line <= lines, problem
    else:
        assert isinstance(report, composer.Report)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a loaded machine is slow, not wrong
@given(st.text(max_size=400))
def test_any_text_gets_an_answer(text):
    _answer(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a loaded machine is slow, not wrong
@given(st.dictionaries(st.sampled_from(KEYS), DATA, min_size=1, max_size=8))
def test_any_yaml_mapping_gets_an_answer(data):
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, stream)
    _answer(stream.getvalue())
