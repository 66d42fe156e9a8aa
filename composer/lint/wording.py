"""Wording: a doubled word (W001), a doubled character (W002), a truncated fixed phrase (W003).

Without a dictionary these rules work from short lists (words said twice on purpose, function
words, fixed phrases), chosen so that real reports (the seed and the samples) raise no false
alarm; W002 is only a hint (info).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .core import Hit, excerpt, text_rule

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"

# Two-character words said twice on purpose (研究研究 "look into it"): rare in official prose,
# but not typos.
_ABAB = {
    "研究", "讨论", "商量", "考虑", "学习", "了解", "检查", "整理", "交流", "比较", "活动", "锻炼",
    "休息", "打扫", "收拾", "琢磨", "打听", "体验", "尝试", "谢谢", "哈哈", "呵呵",
}


# The longest word looked for twice: a bound keeps the search linear in the paragraph (unbounded,
# every start tried every length: 14 s for 20,000 characters), and no doubled slip is longer.
_LONGEST_DOUBLED = 24


@text_rule("W001", "warning")
def doubled_word(text: str) -> Iterator[Hit]:
    """"建设建设": the same two or more characters twice in a row."""
    for match in re.finditer(rf"([{_HAN}]{{2,{_LONGEST_DOUBLED}}}?)\1", text):
        word = match[1]
        if word in _ABAB or len(set(word)) == 1 or (len(word) == 2 and word[0] == "一"):  # 一步一步
            continue
        second = match.start() + len(word)
        yield Hit({"text": match[0], "word": word}, second, match.end())


# Function words and pronouns: doubled, they are almost always a slip ("的的", "在在"). Content
# characters double across word boundaries all the time (学习|习近平, 进行|行政, 立项|项目), and
# without a dictionary those cannot be told from a slip, so they are left alone.
SLIP_PRONE = set("的了是在和与及将把被从于并或而也都就又还再已让之其我你他她它这那此该")
# Where a word ending in such a character meets one starting with it.
_ACROSS_WORDS = (
    "目的的", "标的的", "为了了解", "除了了解", "不了了之", "一了了之", "是是否", "现在在", "存在在",
    "正在在", "所在在", "祥和和", "平和和", "缓和和", "总和和", "参与与", "以及及", "及及时", "把把关",
    "服从从", "合并并", "首都都", "成就就", "造就就", "归还还", "偿还还", "转让让", "出让让", "尤其其",
    "极其其", "其他他", "因此此", "如此此", "彼此此", "应该该", "自我我",
)


def _covered_by(text: str, i: int, phrases: tuple[str, ...]) -> bool:
    """Whether a phrase in the list spans text[i:i+2]."""
    return any(
        text.startswith(phrase, start) for phrase in phrases for start in range(max(0, i + 2 - len(phrase)), i + 1)
    )


@text_rule("W002", "info")
def doubled_character(text: str) -> Iterator[Hit]:
    """"的的", "在在": a doubled function word that is neither AABB (的的确确) nor two words meeting."""
    for match in re.finditer(rf"([{_HAN}])\1", text):
        char, i = match[1], match.start()
        if char not in SLIP_PRONE:
            continue
        aabb = (text[i - 2:i - 1] == text[i - 1:i] != "") or (text[i + 2:i + 3] == text[i + 3:i + 4] != "")
        if aabb or _covered_by(text, i, _ACROSS_WORDS):
            continue
        yield Hit({"text": match[0], "context": excerpt(text, i, i + 2)}, i + 1, i + 2)


# Fixed phrases that titles and lists end with; one missing last character is a typical slip
# ("……工作清》"). Before 》 any of them is suspect; elsewhere only those whose stub is no word.
_FIXED_PHRASES = (
    "工作清单", "责任清单", "权责清单", "负面清单", "任务清单", "问题清单", "工作要点", "实施方案",
    "工作方案", "实施意见", "指导意见", "实施细则", "管理办法", "暂行办法", "工作规则", "议事规则",
    "工作报告", "年度报告", "工作计划", "行动计划", "工作规划", "发展规划", "的通知", "的决定",
    "的意见", "的批复", "的报告",
)
_STUBS_THAT_ARE_WORDS = {"实施方", "工作方", "管理办", "的通", "的决", "的意", "的批", "的报"}
_CLAUSE_END = "，。；、：！？）”"


@text_rule("W003", "warning")
def truncated_phrase(text: str) -> Iterator[Hit]:
    """"《……2023年度工作清》": a fixed phrase without its last character."""
    for phrase in _FIXED_PHRASES:
        stub = phrase[:-1]
        for match in re.finditer(re.escape(stub), text):
            after = text[match.end():match.end() + 1]
            at_title_end = after == "》"
            at_clause_end = (after == "" or after in _CLAUSE_END) and stub not in _STUBS_THAT_ARE_WORDS
            if at_title_end or at_clause_end:
                yield Hit({"text": stub, "phrase": phrase}, match.start(), match.end())
