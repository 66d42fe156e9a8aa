"""The page around the report: furniture dropped, the disclosure header kept as metadata.

A report copied from a government website carries the site's lines (扫一扫…, 发布时间…来源…,
当前位置…, 打印 关闭, the ICP number) and its disclosure header (索引号, 信息分类, …), as lines of
text or as a table. This phase drops the first, with a note each, and reads the second into
`disclosure`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Disclosure
from .draft import Draft, shown
from .source import SourceBlock, SourceTable

FURNITURE = re.compile(
    r"扫一扫.*|"
    r"(发布时间|来源|浏览次数|访问次数|点击数|阅读次数|字号|【?字体)\s*[:：].*|"
    r"(当前位置|您的位置|您现在的位置|所在位置)\s*[:：].*|"
    r"(上一篇|下一篇|分享到)\s*[:：]?.*|"
    r"(【?(打印|打印本页|关闭|关闭窗口|收藏|返回顶部|返回|纠错)】?\s*)+|"
    r"[|\s]*\|[|\s]*|"
    r"[━─—=＝_\-*·]{5,}|"
    r".{0,60}(ICP备|公网安备|网站标识码|版权所有).{0,60}"
)
# A list of links the page adds after the report; it and all that follows the date are furniture.
RELATED = re.compile(r"相关(解读|政策|稿件|链接|文件|阅读|新闻|附件)")

# The website's labels (索引号, 信息分类, ...) are the model's own field titles.
DISCLOSURE_LABELS: dict[str, str] = {str(f.title): key for key, f in Disclosure.model_fields.items()}
_LABEL = "|".join(r"\s*".join(label) for label in DISCLOSURE_LABELS)
_LABEL_COLON = re.compile(rf"(?P<label>{_LABEL})\s*[:：]")
_LABEL_CELL = re.compile(rf"(?P<label>{_LABEL})\s*[:：]?")


def _disclosure_key(label: re.Match[str]) -> str:
    return DISCLOSURE_LABELS[re.sub(r"\s", "", label["label"])]


def disclosure_pairs(text: str, colon_required: bool = True) -> list[tuple[str, str | None]]:
    """("index_number", "035200009/2024-00026"), ... when the text is the web page's disclosure header."""
    pattern = _LABEL_COLON if colon_required else _LABEL_CELL
    text = text.strip()
    matches = list(pattern.finditer(text))
    if not matches or matches[0].start() != 0:
        return []
    pairs = []
    for match, following in zip(matches, [*matches[1:], None]):
        value = text[match.end():following.start() if following else len(text)].strip()
        pairs.append((_disclosure_key(match), value or None))
    return pairs


def disclosure_cells(rows: Sequence[Sequence[str]]) -> list[tuple[str, str | None]]:
    """The disclosure header of a table laid out label cell, value cell (the sites' and ours).

    Read cell by cell, a value may contain a label's words ("关于规范文号管理的报告"); [] when
    some cell where a label belongs is none.
    """
    pairs: list[tuple[str, str | None]] = []
    for row in rows:
        for label, value in zip(row[::2], [*row[1::2], ""]):
            match = _LABEL_CELL.fullmatch(label.strip())
            if not match:
                return []
            pairs.append((_disclosure_key(match), value.strip() or None))
    return pairs


def drop_furniture(draft: Draft, blocks: list[SourceBlock]) -> list[SourceBlock]:
    """The blocks less the page's furniture, each dropped one noted."""
    kept: list[SourceBlock] = []
    for block in blocks:
        if isinstance(block, SourceTable):
            furniture = not any(cell.strip() for row in block.rows for cell in row)
        else:
            text = block.text.strip()
            furniture = not text or bool(FURNITURE.fullmatch(text))
        if furniture:
            if quoted := shown(block):
                draft.note("import_furniture", draft.at(block), text=quoted)
        else:
            kept.append(block)
    return kept


def read_disclosure(draft: Draft, block: SourceBlock) -> bool:
    """Whether the block is (part of) the disclosure header; its pairs go into the draft."""
    if isinstance(block, SourceTable):
        pairs = disclosure_cells(block.rows) or disclosure_pairs(
            " ".join(c for row in block.rows for c in row), colon_required=False
        )
    else:
        pairs = disclosure_pairs(block.text)
    if not pairs:
        return False
    found = draft.data.setdefault("disclosure", {})
    for key, value in pairs:
        found[key] = value
        draft.place(("disclosure", key), draft.at(block))
    return True


def note_disclosure(draft: Draft) -> None:
    """One note listing the disclosure header's labels found, at its first line."""
    if disclosure := draft.data.get("disclosure"):
        first = min((draft.sources[("disclosure", key)] for key in disclosure), key=lambda at: at.line or 0)
        labels = [label for label, key in DISCLOSURE_LABELS.items() if key in disclosure]
        draft.note("import_disclosure", first, labels="、".join(labels), labels_en=", ".join(disclosure))
