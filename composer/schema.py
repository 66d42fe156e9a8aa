"""The JSON Schema of the report YAML, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json

from .model import Report


def schema_json() -> str:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "法治政府建设年度报告 (report-composer)",
        **Report.model_json_schema(),
    }
    schema["title"] = "法治政府建设年度报告 (report-composer)"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
