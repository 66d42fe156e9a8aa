"""Report -> YAML as a person would write it: the inverse of readers/yaml_reader.

What `import` writes, for the office to read, correct and render. Keys come in the model's
order, parts in their mandated order; values the model fills in itself (the derived title, the
issuer as signature, a part's standard heading, false, empty) are left out; every paragraph is one
unwrapped line (Chinese has no spaces to wrap at, and a folded plain scalar would put spaces into
the text on reload). A paragraph holding a line break becomes a literal block scalar.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from pydantic import BaseModel

from .model import Attachment, Part, Parts, Report, Section, Table, TableItem, default_mark, default_title, standard_heading

SCHEMA = "report.schema.json"
_COMMENTED = ("issuer", "year", "date")  # short values; other scalars are long text

_HEADER = """\
# yaml-language-server: $schema={schema}
# 编辑器提示：report-composer schema -o {schema}
#
# 法治政府建设年度报告{source}
# 生成公文：report-composer render 本文件 -o 报告.docx
# 小标题不写序号，一、（一）1.（1）自动生成；省略的标题、署名按规定自动生成。
"""


def _scalar(value: Any) -> Any:
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def _texts(values: list[str], one_as_scalar: bool) -> Any:
    """A list of texts; a single one written alone where the model accepts that (addressees: X)."""
    from ruamel.yaml.comments import CommentedSeq

    if one_as_scalar and len(values) == 1:
        return _scalar(values[0])
    return CommentedSeq(_scalar(v) for v in values)


def _row(cells: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    row = CommentedSeq(_scalar(c) for c in cells)
    row.fa.set_flow_style()
    return row


def _content(items: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(_node(item) for item in items)


def _node(value: Any) -> Any:
    """A model value as YAML: models as mappings without their defaults, tables with flow rows."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Table):
        table = CommentedMap()
        if value.caption:
            table["caption"] = value.caption
        table["header"] = _row(value.header)
        table["rows"] = CommentedSeq(_row(r) for r in value.rows)
        return table
    if isinstance(value, Section):
        section = CommentedMap(heading=value.heading)
        if value.run_in:
            section["run_in"] = True
        if value.content:
            section["content"] = _content(value.content)
        return section
    if isinstance(value, TableItem):
        return CommentedMap(table=_node(value.table))
    if isinstance(value, Attachment):
        return CommentedMap(title=value.title, content=_content(value.content))
    if isinstance(value, BaseModel):
        mapping = CommentedMap()
        for name, info in type(value).model_fields.items():
            field_value = getattr(value, name)
            if field_value is None or field_value == info.get_default(call_default_factory=True):
                continue
            mapping[name] = _node(field_value)
        return mapping
    if isinstance(value, list):
        return _texts(value, one_as_scalar=True)
    return _scalar(value)


def _part(part: Part, key: str, year: int) -> Any:
    """A part; with its standard heading it is written as its content list alone."""
    from ruamel.yaml.comments import CommentedMap

    if part.heading == standard_heading(key, year):
        return _content(part.content)
    return CommentedMap(heading=part.heading, content=_content(part.content))


def report_data(report: Report) -> Any:
    """The report as ruamel.yaml round-trip data, with a comment naming each top-level key."""
    from ruamel.yaml.comments import CommentedMap

    data = CommentedMap()
    for name, info in Report.model_fields.items():
        value = getattr(report, name)
        if value is None or value == info.get_default(call_default_factory=True):
            continue
        if name == "title" and value == default_title(report.issuer, report.year):
            continue
        if name == "signature" and value == report.issuer:
            continue
        if name == "header" and value.mark == default_mark(report.issuer):
            value = value.model_copy(update={"mark": None})
        if name == "parts":
            parts = CommentedMap()
            for key, part in report.parts.items():
                parts[key] = _part(part, key, report.year)
                parts.yaml_add_eol_comment(f"# {Parts.model_fields[key].title}", key, column=0)
            data[name] = parts
        elif name == "opening":
            data[name] = _texts(value, one_as_scalar=False)
        elif name == "attachments":  # names, and attachments with content
            data[name] = _content(value)
        else:
            data[name] = value if isinstance(value, date | int) else _node(value)
        if info.title and (name in _COMMENTED or not isinstance(data[name], str)):
            data.yaml_add_eol_comment(f"# {info.title}", name, column=0)
    return data


def report_to_yaml(report: Report, *, source: str | None = None, schema: str = SCHEMA) -> str:
    """The report as a YAML file that loads back to the same report."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(report_data(report), stream)
    header = _HEADER.format(schema=schema, source=f"，由 {source} 导入" if source else "")
    return header + "\n" + _spaced(stream.getvalue())


def _spaced(text: str) -> str:
    """A blank line before each top-level key that opens a block (opening, parts, header...)."""
    lines = text.splitlines()
    out: list[str] = []
    for line in lines:
        opens_block = line[:1].isalpha() and line.split("#", 1)[0].rstrip().endswith(":")
        if opens_block and out:
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"


def data_to_yaml(data: dict[str, Any]) -> str:
    """Report data as a form holds it, valid or not, as YAML in the layout `report_to_yaml`
    gives: what the clerk types is kept as typed, for validation and lint to judge."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def node(value: Any, key: str | int | None) -> Any:
        if isinstance(value, dict):
            return CommentedMap((k, node(v, k)) for k, v in value.items())
        if isinstance(value, list):
            if key == "header":  # a table's header row; the red header is a mapping
                return _row(value)
            if key == "rows":
                return CommentedSeq(_row(row) if isinstance(row, list) else node(row, None) for row in value)
            return CommentedSeq(node(item, None) for item in value)
        return _scalar(value)

    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(node(data, None), stream)
    return _spaced(stream.getvalue())
