"""Findings point at the offending character inside any YAML scalar style, and fixes edit it in place."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from composer.lint import apply_fixes, lint_document, yaml_document
from composer.profile import load_profile
from composer.punctuation import to_full_width
from composer.readers.yaml_reader import parse_yaml


def _places(source: str, code: str = "P001") -> list[tuple[int, int]]:
    return [(f.location.line, f.location.column) for f in lint_document(yaml_document(source, "t.yaml", load_profile())) if f.code == code]


def test_columns_in_every_scalar_style():
    source = (
        "plain: 第一行没有问题\n"
        "  第二行要求,根据\n"  # a plain scalar folded over two lines
        "single: 'it''s 好,根据'\n"  # '' is one quote in the value
        'double: "\\u4e2d文\\\\,根据"\n'  # escapes before the mark
        "literal: |\n"
        "  第一段。\n"
        "    缩进的第二段:根据\n"
        "folded: >\n"
        "  折叠的一行\n"
        "  第二行;根据\n"
    )
    lines = source.split("\n")
    found = _places(source)
    expected = [(2, 8), (3, 17), (4, 19), (7, 11), (10, 6)]
    assert found == expected
    assert [lines[line - 1][column - 1] for line, column in found] == [",", ",", ",", ":", ";"]


def test_quotes_inside_quoted_scalars_are_placed_on_their_escapes():
    source = "a: '他说''好''就行'\nb: \"他说\\\"好\\\"就行\"\n"
    document = yaml_document(source, "t.yaml", load_profile())
    found = [f for f in lint_document(document) if f.code == "P001"]
    assert [(f.location.line, f.location.column) for f in found] == [(1, 7), (1, 10), (2, 7), (2, 10)]
    fixed, changes = apply_fixes(document, found)
    assert fixed == "a: '他说‘好’就行'\nb: \"他说“好”就行\"\n"
    assert len(changes) == 4


STYLES = [str, LiteralScalarString, FoldedScalarString, SingleQuotedScalarString, DoubleQuotedScalarString]
ALPHABET = list("要求根据中文。，,:;()'\"\\ 12") + ["\n", "\t"]


@pytest.mark.slow  # hypothesis
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=40), min_size=1, max_size=3),
    style=st.sampled_from(STYLES),
    width=st.sampled_from([6, 12, 80]),
    crlf=st.booleans(),
)
def test_every_value_character_maps_back_and_fixes_read_back_exactly(values, style, width, crlf):
    """Whatever ruamel writes, each placed character is where the file has it, and --fix's
    edits give exactly the values composer.punctuation.to_full_width gives."""
    yaml = YAML()
    yaml.width = width
    stream = io.StringIO()
    try:
        yaml.dump({"items": [style(v) for v in values], "end": "完"}, stream)
    except Exception:  # ruamel cannot write some values in some styles (e.g. trailing spaces in a block)
        return
    source = stream.getvalue().replace("\n", "\r\n") if crlf else stream.getvalue()
    document = yaml_document(source, "t.yaml", load_profile())
    values = (document.data or {})["items"]  # as written (ruamel does not round-trip every value)
    for value in document.texts:
        for index, char in enumerate(value.text):
            span = value.span(index)
            if span:
                written = source[span[0]:span[1]]
                assert written == char or written == "''" or written.startswith("\\"), (written, char)

    half_width = [f for f in lint_document(document) if f.code == "P001"]
    fixed, _ = apply_fixes(document, half_width)  # raises unless it reads back as intended
    data, _ = parse_yaml(fixed)
    for original, now in zip(values, data["items"]):
        expected = to_full_width(original)[0]
        # A space YAML made from a folded line break is not in the file to delete: it stays.
        assert now == expected or now.replace(" ", "") == expected.replace(" ", "")


def test_a_fix_that_would_not_read_back_as_intended_is_refused():
    """The safety net: an edit that lands anywhere but on its character changes nothing."""
    from dataclasses import replace

    from composer.problems import ReportError

    source = "# 说明\nissuer: 青山县司法局\nopening: 按照要求,根据规定开展工作。\n"
    document = yaml_document(source, "t.yaml", load_profile())
    (comma,) = [f for f in lint_document(document) if f.code == "P001"]
    start = source.index("issuer")
    misplaced = replace(comma, fix=((start, start + 1, "I"),))
    try:
        apply_fixes(document, [misplaced])
    except ReportError as error:
        assert [p.code for p in error.problems] == ["lint_fix_failed"]
    else:
        raise AssertionError("a misplaced edit was accepted")
    assert apply_fixes(document, [comma])[0] == source.replace("要求,根据", "要求，根据")
