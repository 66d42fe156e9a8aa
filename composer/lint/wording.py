"""Wording: a doubled word (W001), a doubled character (W002), a truncated fixed phrase (W003).

Without a dictionary these rules work from short lists: reduplications Chinese uses on purpose,
and the places where two words meet on the same character (立项|项目, 全市|市场). The lists are
tuned so that a real report (the seed) raises no false alarm; W002 is only a hint (info).
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


@text_rule("W001", "warning")
def doubled_word(text: str) -> Iterator[Hit]:
    """"建设建设": the same two or more characters twice in a row."""
    for match in re.finditer(rf"([{_HAN}]{{2,}}?)\1", text):
        word = match[1]
        if word in _ABAB or len(set(word)) == 1 or (len(word) == 2 and word[0] == "一"):  # 一步一步
            continue
        second = match.start() + len(word)
        yield Hit({"text": match[0], "word": word}, second, match.end())


# Characters Chinese doubles on purpose (常常, 人人, 层层, 步步, 一一 …).
REDUPLICATIONS = set(
    "常看一人天明渐多年层件步个处时事刚仅往纷稍偏紧牢默深轻慢好大高远早统通恰频屡种区等谢试想说听"
    "坐走问查条项家户村月周日夜声句字点滴丝重节连久苦悄静淡浅满足白单独每匆累平草寥聊谈讲议比样"
    "门级环面息津井欣蒸源滔循孜兢脉赫堂洋浩茫芸莘巍冉徐缓栩翩楚彬落侃喋哈呵嘻爸妈哥姐弟妹爷奶叔"
    "婆公宝娃星猩太姥舅伯姑蒙隐暗稳亭泱朗琅沉历济谆振耿恋念依切碌滚绵惶熙攘飘闪亮红鼓密麻团岁生"
    "代辈世子孙口三两万千哗轰隆嗡"
)
# Characters that often end one word and begin the next in official prose: administrative units
# (全市市场, 县局局长, 委员会会议) and words like 立项|项目, 工作|作风, 企业|业务.
_WORD_BOUNDARIES = set("市省县区乡镇村局厅部委办处科室会院所站队组")
_ACROSS_WORDS = (
    "工作作风", "建设设施", "建设设备", "企业业务", "行业业务", "行业业态", "生产产品", "产品品牌",
    "产品品质", "管理理念", "治理理念", "宪法法律", "执法法规", "落实实施", "落实实际", "实施施工",
    "员工工资", "职工工资", "施工工地", "目的的", "标的的", "为了了解", "除了了解", "一了了之",
    "不了了之", "发展展示", "研发发展", "开发发展", "中心心理", "能力力量", "主体体系", "目标标准",
    "标准准确", "体制制度", "教育育人", "基地地址", "人民民主", "居民民生", "领导导向", "推动动能",
    "资金金额", "投资资金", "工资资金", "所有有效",
)


def _covered_by(text: str, i: int, phrases: tuple[str, ...]) -> bool:
    """Whether a phrase in the list spans text[i:i+2]."""
    for phrase in phrases:
        start = text.find(phrase, max(0, i - len(phrase) + 2), i + len(phrase))
        if start != -1 and start <= i and i + 2 <= start + len(phrase):
            return True
    return False


@text_rule("W002", "info")
def doubled_character(text: str) -> Iterator[Hit]:
    """"的的", "在在": a doubled character that is not a reduplication nor two words meeting."""
    for match in re.finditer(rf"([{_HAN}])\1", text):
        char, i = match[1], match.start()
        if char in REDUPLICATIONS or char in _WORD_BOUNDARIES:
            continue
        aabb = (text[i - 2:i - 1] == text[i - 1:i] != "") or (text[i + 2:i + 3] == text[i + 3:i + 4] != "")
        if aabb or _covered_by(text, i, _ACROSS_WORDS):  # 认认真真, 扎扎实实
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
