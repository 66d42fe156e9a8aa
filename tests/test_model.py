"""The report model through the public API: what is accepted, derived and refused."""

from datetime import date

import pytest

import composer
from composer.model import Section
from composer.rules import standard_heading


def minimal(**changes):
    data = {
        "issuer": "青山县司法局",
        "year": 2024,
        "date": "2025-01-20",
        "parts": {
            "measures": ["举措。"],
            "shortcomings": ["不足。"],
            "leadership": ["履职。"],
            "plans": ["安排。"],
        },
    }
    data.update(changes)
    return data


def codes(data):
    return [p.code for p in composer.validate(data)]


def test_minimal_report_derives_title_signature_and_headings():
    report = composer.Report.model_validate(minimal())
    assert report.title == "青山县司法局2024年法治政府建设年度报告"
    assert report.signature == "青山县司法局"
    assert report.date == date(2025, 1, 20)
    assert report.parts.measures.heading == standard_heading("measures", 2024)
    assert report.parts.plans.heading.startswith("2025年")


def test_headings_arriving_with_markers_are_stripped():
    data = minimal()
    data["parts"]["measures"] = {
        "heading": "一、本年度推进法治政府建设的主要举措和成效",
        "content": [{"heading": "（一）加强组织领导。", "content": ["正文"]}],
    }
    report = composer.Report.model_validate(data)
    assert report.parts.measures.heading == "本年度推进法治政府建设的主要举措和成效"
    section = report.parts.measures.content[0]
    assert isinstance(section, Section) and section.heading == "加强组织领导。"


def test_a_heading_that_is_only_a_marker_is_refused():
    data = minimal()
    data["parts"]["measures"] = [{"heading": "（一）", "content": ["正文"]}]
    assert codes(data) == ["heading_only_marker"]


@pytest.mark.parametrize("missing", ["measures", "shortcomings", "leadership", "plans"])
def test_each_mandated_part_is_required(missing):
    data = minimal()
    del data["parts"][missing]
    problems = composer.validate(data)
    assert [p.code for p in problems] == ["part_missing"]
    assert problems[0].params["key"] == missing


def test_parts_out_of_order_are_refused():
    data = minimal()
    parts = data["parts"]
    data["parts"] = {"measures": parts["measures"], "leadership": parts["leadership"],
                     "shortcomings": parts["shortcomings"], "plans": parts["plans"]}
    problems = composer.validate(data)
    assert [p.code for p in problems] == ["part_order"]
    assert problems[0].location.path == ("parts", "shortcomings")


def test_the_fifth_part_only_last():
    data = minimal()
    data["parts"] = {"other": ["其他。"], **data["parts"]}
    assert codes(data) == ["part_order"]
    data = minimal()
    data["parts"]["other"] = ["其他。"]
    assert codes(data) == []


@pytest.mark.parametrize("empty", [[], None, {"heading": "存在的不足", "content": []}])
def test_empty_parts_are_refused(empty):
    data = minimal()
    data["parts"]["shortcomings"] = empty
    assert codes(data) == ["part_empty"]


def test_a_reworded_heading_is_fine():
    data = minimal()
    data["parts"]["shortcomings"] = {"heading": "存在问题及对策建议", "content": ["问题。"]}
    assert codes(data) == []


@pytest.mark.parametrize(
    "issued, code",
    [("2024-01-01", None), ("2024-12-31", None), ("2025-03-31", None), ("2023-12-31", "date_before_year"),
     ("2026-01-05", "date_too_late")],
)
def test_issue_date_follows_the_report_year(issued, code):
    assert codes(minimal(date=issued)) == ([code] if code else [])


def test_title_must_name_the_year():
    assert codes(minimal(title="青山县司法局法治政府建设年度报告")) == ["title_without_year"]
    assert codes(minimal(title="青山县司法局关于2024年度法治政府建设情况的报告")) == []


@pytest.mark.parametrize(
    "number, code",
    [
        ("青司发〔2025〕3号", None),
        ("青司发[2025]3号", "doc_number_brackets"),
        ("青司发【2025】3号", "doc_number_brackets"),
        ("青司发〔2025〕第3号", "doc_number_di"),
        ("青司发〔2025〕003号", "doc_number_leading_zero"),
        ("青司发〔25〕3号", "doc_number_format"),
        ("青司发〔2025〕3", "doc_number_format"),
    ],
)
def test_document_number_follows_gbt9704(number, code):
    assert codes(minimal(header={"number": number})) == ([code] if code else [])


def test_copy_number_is_padded_and_classification_checked():
    report = composer.Report.model_validate(minimal(header={"copy_number": "128", "classification": "机密★1年"}))
    assert report.header.copy_number == "000128"
    assert codes(minimal(header={"classification": "内部"})) == ["classification_format"]
    assert codes(minimal(header={"copy_number": "A12"})) == ["copy_number_format"]


@pytest.mark.parametrize(
    "text, code", [("正文\x07中", "control_character"), ("正文\t中", "control_character"),
                   ("正文\ue000中", "private_use_character"), ("正文\ud800中", "surrogate_character")],
)
def test_unprintable_characters_are_refused(text, code):
    problems = composer.validate(minimal(opening=[text]))
    assert [p.code for p in problems] == [code]
    assert problems[0].params["index"] == 3


def test_ragged_table_rows_are_refused_each_one():
    data = minimal()
    rows = [["市场", "3"], ["环境"], ["交通", "5"], ["城管", "1", "2"]]
    data["parts"]["measures"] = [{"table": {"header": ["领域", "件数"], "rows": rows}}]
    problems = composer.validate(data)
    assert [(p.code, p.params["row"], p.params["cells"]) for p in problems] == [("table_ragged", 2, 1), ("table_ragged", 4, 3)]
    assert [p.location.path[-1] for p in problems] == [1, 3] and "more" not in problems[0].params


def test_sections_nest_to_four_heading_levels_only():
    def nested(depth):
        item = {"heading": f"第{depth}层", "content": ["正文"]}
        return item if depth == 4 else {"heading": f"第{depth}层", "content": [nested(depth + 1)]}

    data = minimal()
    data["parts"]["measures"] = [nested(2)]
    assert codes(data) == []
    data["parts"]["measures"] = [nested(1)]
    assert codes(data) == ["section_too_deep"]


def test_run_in_heading_needs_a_following_paragraph():
    data = minimal()
    data["parts"]["measures"] = [{"heading": "加强领导。", "run_in": True, "content": []}]
    assert codes(data) == ["run_in_without_text"]


def test_single_values_may_be_written_without_a_list():
    report = composer.Report.model_validate(minimal(addressees="市人民政府", opening="导语。"))
    assert report.addressees == ["市人民政府"] and report.opening == ["导语。"]


def test_unknown_keys_get_a_suggestion():
    problems = composer.validate({**minimal(), "atachments": ["附件"]})
    assert [p.code for p in problems] == ["unknown_key_suggest"]
    assert problems[0].params["suggestion"] == "attachments"
    assert "attachments" in problems[0].message("en")


def test_table_cells_and_disclosure_fields_are_checked_too():
    data = minimal()
    data["parts"]["measures"] = [{"table": {"header": ["领域", ""], "rows": [["市场\x01", "3"]]}}]
    assert codes(data) == ["control_character"]
    assert codes(minimal(disclosure={"index_number": "03\x0152"})) == ["control_character"]
    assert codes(minimal(disclosure={"validity": ""})) == []


def test_a_very_long_line_of_yaml_text_is_not_taken_for_a_path():
    problems = composer.validate("x" * 5000)
    assert [p.code for p in problems] == ["yaml_not_mapping"]


def test_red_header_mark_defaults_to_issuer_and_wen_jian():
    report = composer.Report.model_validate(minimal(header={"number": "青司发〔2025〕3号"}))
    assert report.header.mark == "青山县司法局文件"


def test_every_character_the_text_check_refuses_is_one_python_calls_unprintable():
    """check_text passes a text Python calls printable at once, without looking at each
    character: so every character it refuses (control, private-use, format, noncharacter,
    in every plane) must be one str.isprintable() rejects, and each is refused in a printable text."""
    import sys
    import unicodedata

    from pydantic_core import PydanticCustomError

    from composer.model import check_text

    refused = [
        chr(code) for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Co", "Cf") and chr(code) != "\n"
        or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
    ]
    assert len(refused) > 137_000  # the private-use planes alone hold 137 468
    assert not any(char.isprintable() for char in refused)
    for char in refused[::997] + ["\u200b", "\ue000", "\x07", "\ufffe"]:
        with pytest.raises(PydanticCustomError):
            check_text(f"青山县{char}司法局")
    assert check_text("青山县　司法局\n2024年") == "青山县　司法局\n2024年"  # not printable, and fine
