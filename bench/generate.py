"""Reports for the benchmark, made from the seed (samples/datong-keji-2023.yaml).

`longer(seed, k)` is the seed k times over: the opening and every part's content repeated,
each copy's paragraphs' clauses rotated and its texts numbered (…（第2轮）), so no text
repeats. `distinct(seed, n)` is a seed-sized report of the n-th of 200 agencies (10 cities x
20 bureaus), its clauses rotated by n. Both keep to the seed's characters (plus the agency
names, 第 and 轮), so a warm font cache covers them and the figures measure rendering, not
glyph conversion.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer import Report, load  # noqa: E402
from composer.yaml_writer import report_to_yaml  # noqa: E402

SEED = ROOT / "samples" / "datong-keji-2023.yaml"
CITIES = ("大同市", "太原市", "晋中市", "长治市", "运城市", "临汾市", "忻州市", "吕梁市", "阳泉市", "朔州市")
BUREAUS = (
    "科技局", "司法局", "教育局", "民政局", "财政局", "交通运输局", "水务局", "商务局", "文化和旅游局", "审计局",
    "统计局", "应急管理局", "医疗保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "市场监督管理局",
    "卫生健康委员会", "退役军人事务局", "林业和草原局",
)
_CLAUSE = re.compile(r"[^。；，]+[。；，]?")


def rotate(text: str, by: int) -> str:
    """The text's clauses, the first `by` moved to the end (mod their number), ending as it did."""
    clauses = _CLAUSE.findall(text)
    if len(clauses) < 2 or not by % len(clauses):
        return text
    by %= len(clauses)
    rotated = "".join(clauses[by:] + clauses[:by])
    return rotated.rstrip("，；。") + text[-1] if text[-1] in "，；。" else rotated


def _numbered(text: str, copy: int) -> str:
    """text with （第N轮） before its final mark, for copies after the first."""
    if not copy:
        return text
    end = len(text) - 1 if text[-1:] in ("。", "；", "，") else len(text)
    return f"{text[:end]}（第{copy + 1}轮）{text[end:]}"


def _vary(items: list[Any], copy: int, by: int) -> list[Any]:
    """Paragraphs rotated `by` clauses; in a copy after the first, every text numbered."""
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(_numbered(rotate(item, by), copy))
        elif "heading" in item:
            heading = _numbered(item["heading"], copy)
            out.append({**item, "heading": heading, "content": _vary(item["content"], copy, by)})
        else:
            out.append(item)  # a table
    return out


def _data(report: Report) -> dict[str, Any]:
    data = report.model_dump(mode="json", exclude_none=True)
    for derived in ("title", "signature", "disclosure"):
        data.pop(derived, None)
    return data


def longer(seed: Report, factor: int) -> Report:
    """The seed's parts `factor` times over, every copy's text its own."""
    data = _data(seed)
    data["opening"] = [p for copy in range(factor) for p in _vary(data["opening"], copy, copy)]
    for part in data["parts"].values():
        part["content"] = [item for copy in range(factor) for item in _vary(part["content"], copy, copy)]
    return Report.model_validate(data)


def distinct(seed: Report, index: int) -> Report:
    """A seed-sized report of the index-th agency (0 <= index < 200)."""
    data = _data(seed)
    data["issuer"] = CITIES[index // len(BUREAUS) % len(CITIES)] + BUREAUS[index % len(BUREAUS)]
    data["opening"] = _vary(data["opening"], 0, index)
    for part in data["parts"].values():
        part["content"] = _vary(part["content"], 0, index)
    return Report.model_validate(data)


def write(report: Report, path: Path) -> Path:
    path.write_text(report_to_yaml(report), encoding="utf-8")
    return path


def seed() -> Report:
    return load(SEED)
