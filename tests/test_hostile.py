"""Hostile and careless inputs of issue 16: each ends in a clear, located message, never in a
traceback, a hang or a clobbered file. The small inputs live in tests/data/hostile/."""

from __future__ import annotations

import pytest

from conftest import REPO, run_cli

HOSTILE = REPO / "tests" / "data" / "hostile"

# DOCX file -> what the message must say (the offending value, or the limit that was hit).
DOCX: dict[str, str] = {
    "numbering-start-huge-roman.docx": '<w:start w:val="100000000000"> 不是 Word 允许的值（应为 0 到 32767',
    "numbering-start-huge-letter.docx": '<w:start w:val="1000000000000">',
    "numbering-start-not-a-number.docx": '<w:start w:val="one">',
    "numbering-level-zero-as-word.docx": '<w:ilvl w:val="zero"> 不是 Word 允许的值（应为 0 到 8',
    "indent-chars-not-a-number.docx": '<w:ind w:leftChars="two">',
    "numbering-style-link-cycle.docx": "编号样式互相引用，成了循环（numStyleLink：1 -> 2 -> 1）",
    "zip-bomb-part.docx": "“word/media/filler.bin”解压后有 68157440 字节，超过每个部件 67108864 字节的上限",
    "zip-bomb-package.docx": "解压后共有 314576004 字节，超过整个文档 268435456 字节的上限",
}


@pytest.mark.parametrize("name", DOCX)
def test_malformed_docx_is_refused_with_what_was_wrong(name, tmp_path):
    out = tmp_path / "report.yaml"
    result = run_cli("import", str(HOSTILE / name), "-o", str(out))
    assert result.returncode == 1, result.stderr
    assert f"{HOSTILE / name}: 错误: " in result.stderr
    assert "无法读取该 Word 文档" in result.stderr or "上限" in result.stderr
    assert DOCX[name] in result.stderr
    assert "内部错误" not in result.stderr and not out.exists()


def test_the_largest_list_start_word_allows_is_counted_arithmetically():
    from composer.readers.docx_reader import read_docx

    blocks = read_docx((HOSTILE / "numbering-start-largest-roman.docx").read_bytes())
    markers = [block.marker for block in blocks if block.marker]
    assert markers[:2] == ["M" * 32 + "DCCLXVII、", "M" * 32 + "DCCLXVIII、"]
