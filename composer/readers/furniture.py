"""The page around the report: furniture dropped, the disclosure header kept as metadata.

A report copied from a government website carries the site's lines (扫一扫…, 发布时间…来源…,
当前位置…, 打印 关闭, the ICP number) and its disclosure header (索引号, 信息分类, …), as lines of
text or as a table. This phase drops the first, with a note each, and reads the second into
`disclosure`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..blocks import cells
from ..model import Disclosure
from .draft import Draft, has_sentence_punctuation, shown
from .source import SourceBlock, SourceParagraph, SourceTable

# The words of a site's top bar and footer links, standing alone on a line.
_SITE_WORDS = (
    "无障碍|无障碍浏览|长者模式|关怀版|适老化|简体版?|繁体版?|繁體|登录|注册|退出|English|手机版|移动版|"
    "网站地图|联系我们|网站纠错|我要纠错|设为首页|加入收藏|站内搜索|搜索|高级搜索|智能问答|政务微博|政务微信|RSS|English Version"
)
# Where the page's share buttons go, left as a line of their names.
_SHARE_WORDS = "微信|微博|新浪微博|腾讯微博|QQ空间|QQ好友|QQ|朋友圈|微信好友|豆瓣|人人网|今日头条|钉钉"
FURNITURE = re.compile(
    r"扫一扫.*|"
    r"【?((信息|文章|稿件|图片)?来源|图源|发布(时间|者|人)|浏览次数|访问次数|点击数|阅读次数|(点击|访问|阅读|浏览)量|字号|字体|作者|"
    r"责任编辑|供稿)\s*[:：].*|"
    r"时间\s*[:：]\s*\d{4}[-年./]\d{1,2}[-月./]\d{1,2}.*|"  # 时间：2025-01-21 09:12:33　阅读量：128
    r"(当前位置|您的位置|您现在的位置|所在位置)\s*[:：].*|"
    r"(网站)?首页\s*[>＞»›/].*|"  # a breadcrumb without its label
    r"(网站)?首页([\s|｜丨/·]+[^\s|｜丨/·，。；：:]{2,8}){2,}|"  # a menu copied as a line
    r"欢迎(访问|来到|光临|进入).{0,40}|今天是.{0,30}|"  # the site's top bar
    rf"({_SITE_WORDS})([\s|｜丨/·]*({_SITE_WORDS}))*|"
    r".{0,60}((主办|承办|协办|运维|维护)单位|技术支持)\s*[:：].{0,80}|.{2,30}主办(\s.{0,80})?|"
    r"(上一篇|下一篇|分享到|附件下载)\s*[:：]?.*|"
    r"(((责任)?编辑|审核|审校|校对|[初复终]审|监制|排版|美编|图文|图片|摄影|撰稿|通讯员)\s*[:：][^。；]{0,20}\s*){1,4}|"  # credits
    # an article's account line, as a WeChat copy starts: "原创 南湖民政 南湖民政 2026年01月19日 17:45 浙江"
    r"(原创\s*)?([^\s。；，:：]{2,20}\s+){0,3}\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?\s*\d{1,2}:\d{2}(:\d{2})?(\s*[^\s。；，:：]{2,8})?"
    r"(\s*(来源|作者|编辑)\s*[:：][^\s。；，]{1,20})*|"
    # the link to the published original (the PDF, the WeChat article's source) and the bar under
    # a WeChat article: "点击查看原文：….pdf", "阅读原文", "赞 在看 写留言", "分享 收藏 在看"
    r"(点击|轻触)?(查看|阅读)原文(件)?(\s*[:：].{0,80})?|"
    r"((赞|在看|写留言|留言|分享|收藏|点赞|转发|喜欢)[\s|｜丨/·]*){2,}|"
    r"点击(上方)?蓝字.{0,12}|"
    r"(长按|扫描|扫码)[^。；，]{0,10}二维码[^。；，]{0,12}|点击上方[^。；，]{0,12}关注[^。；，]{0,12}|"
    rf"({_SHARE_WORDS})([\s|｜丨/·]*({_SHARE_WORDS}))*|"
    r"([【\[［〔(（]?\s*(打印|打印(本|此)?页|打印正文|关闭|关闭(本页|窗口|本窗口)|收藏|返回顶部|返回|纠错)\s*[】\]］〕)）]?\s*)+|"
    r"[|\s]*\|[|\s]*|"
    r"[━─—=＝_\-*·]{5,}|"
    r".{0,60}(ICP备|公网安备|网站标识码|版权所有).{0,60}"
)
# A page number a printed page carries, left in text copied from a PDF: "— 3 —", "-3-", "第3页 共8页".
PAGE_NUMBER = re.compile(r"[—–\-－]{1,2}\s*[0-9０-９]{1,4}\s*[—–\-－]{1,2}|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?")
# The mark a draft puts on a page holding only the signature and date (GB/T 9704 7.3.5.4): the
# layout keeps the signature with the text, so it has no use.
_NO_TEXT_PAGE = re.compile(r"[（(]\s*此\s*页\s*无\s*正\s*文\s*[)）]")
# A list of links the page adds after the report, or the bar a WeChat article ends with; it and
# all that follows the date are furniture.
RELATED = re.compile(r"相关(解读|政策|稿件|链接|文件|阅读|新闻|附件|文章|信息)|"
                     r"预览时标签不可点|微信扫一扫.{0,20}|(继续|向上)滑动看下一个|(轻触|点击)阅读原文.{0,20}")

# The website's labels (索引号, 信息分类, ...) are the model's own field titles; sites also use
# others for the same fields, and labels the model keeps no field for (read, then dropped with a
# note). Any label may be letter-spaced (主 题 词, 有 效 性).
DISCLOSURE_LABELS: dict[str, str] = {str(f.title): key for key, f in Disclosure.model_fields.items()}
_SYNONYMS: dict[str, str] = {
    "索取号": "index_number", "信息索引号": "index_number", "编号": "index_number", "主题分类": "category", "信息类别": "category",
    "分类": "category", "所属机构": "publisher", "发布单位": "publisher", "发布机关": "publisher",
    "发文机关": "publisher", "发文单位": "publisher", "公开日期": "published", "名称": "title",
    "文件名称": "title", "发文字号": "document_number", "文件编号": "document_number",
    "有效性": "validity", "时效性": "validity", "效力状态": "validity", "是否有效": "validity",
}
_DROPPED = (
    "发文日期", "成文日期", "生成日期", "生效日期", "废止日期", "失效日期", "主题词", "关键词", "关键字", "公开方式",
    "公开范围", "公开形式", "公开时限", "公开属性", "体裁分类", "组配分类", "服务对象", "内容概述",
    "公文种类", "文种", "统一编号", "登记号",
)
# The page's own counters and controls, which may follow a label's value on its line: they end
# the value, and are furniture (key "").
_PAGE_LABELS = ("信息来源", "来源", "字体", "字号", "浏览次数", "访问次数", "点击数", "阅读次数", "浏览量", "点击量",
                "作者", "责任编辑", "供稿")
_KEYS: dict[str, str | None] = {
    **dict.fromkeys(_PAGE_LABELS, ""), **dict.fromkeys(_DROPPED), **_SYNONYMS, **DISCLOSURE_LABELS,
}
_LABEL = "|".join(r"\s*".join(label) for label in sorted(_KEYS, key=len, reverse=True))
_LABEL_COLON = re.compile(rf"(?P<label>{_LABEL})\s*[:：]")
_LABEL_CELL = re.compile(rf"(?P<label>{_LABEL})\s*[:：]?")
_BARE_LABEL = re.compile(rf"(?:(?<=\s)|^)(?P<label>{_LABEL})(?=\s|$)")
_LABEL_GLUED = re.compile(rf"(?P<label>{_LABEL})(?=[^\s:：])")
# A label no list has, in the disclosure block: a few Chinese characters and a colon.
_ANY_LABEL = re.compile(r"(?P<label>[\u4e00-\u9fff](?:[ \u3000]*[\u4e00-\u9fff]){1,5})\s*[:：]")
_NOT_LABELS = {"签发人", "主送", "抄送", "附件"}  # the report's own lines, not the page's

Pair = tuple[str, str | None]  # (label as the site writes it, less its spaces; value)


def disclosure_key(label: str) -> str | None:
    """The model field a disclosure label fills, None for a label the model keeps no field
    for, "" for the page's own counters (浏览次数, 字号)."""
    return _KEYS.get(label)


def _label(match: re.Match[str]) -> str:
    return re.sub(r"\s", "", match["label"])


def disclosure_pairs(text: str, colon_required: bool = True, any_label: bool = False) -> list[Pair]:
    """("索引号", "035200009/2024-00026"), ... when the text is (a line of) the web page's disclosure
    header. With `any_label`, inside that header, a label no list has counts too."""
    pattern = _LABEL_COLON if colon_required else _LABEL_CELL
    text = text.strip()
    matches = list(pattern.finditer(text))
    if any_label:  # a label of its own, where it starts the line or follows a space
        known = [m.span() for m in matches]
        matches += [
            m for m in _ANY_LABEL.finditer(text)
            if (m.start() == 0 or text[m.start() - 1].isspace()) and _label(m) not in _NOT_LABELS
            and not any(s < m.end() and m.start() < e for s, e in known)
        ]
        matches.sort(key=lambda m: m.start())
    if not matches or matches[0].start() != 0:
        return []
    pairs = []
    for match, following in zip(matches, [*matches[1:], None]):
        value = text[match.end():following.start() if following else len(text)].strip()
        pairs.append((_label(match), value or None))
    return pairs


def _bare_pairs(text: str, opened: bool) -> list[Pair]:
    """A disclosure line whose labels have no colon: cells copied with tabs between them
    ("索引号  0001/2022-00021  发布机构  柳林县卫生健康局"), or label and value in spans of their
    own ("信息索引号SSTHJT-2026-000015"). Taken when the header is open (`opened`) or the
    line shows it is one: two labels, or the index number first."""
    text = text.strip()
    matches = list(_BARE_LABEL.finditer(text))
    if matches and matches[0].start() == 0 and (len(matches) >= 2 or opened):
        return [(_label(match), text[match.end():following.start() if following else len(text)].strip() or None)
                for match, following in zip(matches, [*matches[1:], None])]
    match = _LABEL_GLUED.match(text)
    if match and (opened or disclosure_key(_label(match)) == "index_number"):
        return [(_label(match), text[match.end():].strip())]
    return []


def disclosure_cells(rows: Sequence[Sequence[str]]) -> list[Pair]:
    """The disclosure header of a table laid out label cell, value cell, two or four columns
    (the sites' and ours).

    Read cell by cell, a value may contain a label's words ("关于规范文号管理的报告"); [] when
    some cell where a label belongs is none.
    """
    pairs: list[Pair] = []
    for row in rows:
        for label, value in zip(row[::2], [*row[1::2], ""]):
            label = label.strip()
            match = _LABEL_CELL.fullmatch(label) or _ANY_LABEL.fullmatch(label)
            if not match and not label and not value.strip():
                continue  # an empty pair of cells filling out the row
            if not match or _label(match) in _NOT_LABELS:
                return []
            pairs.append((_label(match), value.strip() or None))
    return pairs


def _page_number(block: SourceBlock | None) -> bool:
    return isinstance(block, SourceParagraph) and bool(PAGE_NUMBER.fullmatch(block.text.strip()))


_BARE_NUMBER = re.compile(r"[0-9０-９]{1,3}")
_PAGE_LINES = 6  # the fewest lines between two page numbers: a page holds more


def _bare_page_numbers(blocks: list[SourceBlock]) -> set[int]:
    """Page numbers a PDF copy leaves with no dashes ("1", "2"): lines of a number alone, two or
    more, counting up by one through the text, a page's lines apart (a table copied a cell a
    line has its serial numbers a few lines apart)."""
    found = [
        (index, int(text.translate(_FULL_DIGITS))) for index, block in enumerate(blocks)
        if isinstance(block, SourceParagraph) and _BARE_NUMBER.fullmatch(text := block.text.strip())
    ]
    indices = [index for index, _ in found]
    numbers = [number for _, number in found]
    isolated = all(b - a >= _PAGE_LINES for a, b in zip(indices, indices[1:]))
    counting = all(b == a + 1 for a, b in zip(numbers, numbers[1:]))
    return set(indices) if len(found) >= 2 and isolated and counting else set()


_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


# The caption of a photo an article carried, marked as WeChat and sites mark it (▲ 法治宣传活动
# 现场): the report holds no pictures. ◆ ■ ● are a heading's bullets; a caption unmarked
# (图为我局开展…。) is a sentence, kept as the draft's text.
_PHOTO_CAPTION = re.compile(r"▲\s*[^。；]{2,40}。?")


# A number a WeChat article or a page's design sets alone above a heading, as an ornament:
# "01", "PART 02", "Part.3", "NO.4" (a bare "1" is no ornament: a table copied a cell a line).
_ORNAMENT = re.compile(r"(?i:part|no)\s*\.?\s*(?P<named>\d{1,2})|(?P<padded>0[1-9]|1[0-9])")


def _ornament_numbers(blocks: list[SourceBlock]) -> set[int]:
    """The lines holding only a heading's ornamental number (01, 02, …), two or more counting
    up from 1, each right above a short line with no sentence in it: the heading it numbers."""
    found = []
    for index, (block, following) in enumerate(zip(blocks, blocks[1:])):
        if (isinstance(block, SourceParagraph) and (match := _ORNAMENT.fullmatch(block.text.strip()))
                and isinstance(following, SourceParagraph) and cells(following.text) <= 40
                and not has_sentence_punctuation(following.text.strip().rstrip("。"))):
            found.append((index, int(match["named"] or match["padded"])))
    numbers = [number for _, number in found]
    counting = numbers[:1] == [1] and all(b == a + 1 for a, b in zip(numbers, numbers[1:]))
    return {index for index, _ in found} if len(numbers) >= 2 and counting else set()


def _running_heads(blocks: list[SourceBlock]) -> set[int]:
    """The running headers and footers a PDF copy leaves: a short line with no sentence in it,
    next to a page number, that the text has more than once (the office's name, the title)."""
    texts = Counter(b.text.strip() for b in blocks if isinstance(b, SourceParagraph))
    return {
        index for index, block in enumerate(blocks)
        if isinstance(block, SourceParagraph) and not block.marker and texts[text := block.text.strip()] > 1
        and cells(text) <= 40 and not has_sentence_punctuation(text) and not _page_number(block)
        and (_page_number(blocks[index - 1] if index else None) or _page_number(blocks[index + 1] if index + 1 < len(blocks) else None))
    }


def drop_furniture(draft: Draft, blocks: list[SourceBlock]) -> list[SourceBlock]:
    """The blocks less the page's furniture, each dropped one noted. A page break is no
    paragraph's end: the blank lines around a PDF's page number and running head are the
    page's margins, so the line after them may go on with the sentence before them
    ("带头讲授法治" / "— 2 —" / "课1次。" is joined again)."""
    kept: list[SourceBlock] = []
    running = _running_heads(blocks) | _bare_page_numbers(blocks)
    ornaments = _ornament_numbers(blocks)
    page_break = False  # page furniture passed over since the last block kept
    for index, block in enumerate(blocks):
        if isinstance(block, SourceParagraph) and index - 1 in ornaments:  # the line an ornament numbers
            block = replace(block, style_level=1)
        if isinstance(block, SourceParagraph) and index in ornaments:
            draft.note("import_heading_ornament", draft.at(block), text=block.text.strip())
            continue
        if isinstance(block, SourceTable):
            furniture = not any(cell.strip() for row in block.rows for cell in row)
        else:
            text = block.text.strip()
            furniture = not text or bool(FURNITURE.fullmatch(text))
        if isinstance(block, SourceParagraph) and (_page_number(block) or index in running):
            draft.note("import_pdf_furniture", draft.at(block), text=block.text.strip())
            page_break = True
        elif isinstance(block, SourceParagraph) and _PHOTO_CAPTION.fullmatch(block.text.strip()):
            draft.note("import_photo_caption", draft.at(block), text=block.text.strip())
        elif isinstance(block, SourceParagraph) and _NO_TEXT_PAGE.fullmatch(block.text.strip()):
            draft.note("import_no_text_page", draft.at(block), text=block.text.strip())
        elif furniture:
            if quoted := shown(block):
                draft.note("import_furniture", draft.at(block), text=quoted)
        else:
            if page_break and isinstance(block, SourceParagraph):
                block = replace(block, gap_before=False)
            page_break = False
            kept.append(block)
    return kept


def read_disclosure(draft: Draft, block: SourceBlock, any_label: bool = False) -> bool:
    """Whether the block is (part of) the disclosure header; its pairs go into the draft, those
    the model keeps no field for noted as dropped. `any_label`: inside the header, before the
    title, where a line "标签：值" with a label no list has is the header's too."""
    if isinstance(block, SourceTable):
        pairs = disclosure_cells(block.rows) or disclosure_pairs(
            " ".join(c for row in block.rows for c in row), colon_required=False
        )
    else:
        pairs = disclosure_pairs(block.text, any_label=any_label and "disclosure" in draft.data)
        if any_label and not pairs and len(found := disclosure_pairs(block.text, any_label=True)) >= 2:
            pairs = found  # two labelled values on one line open the header too
        if any_label and not pairs:
            pairs = _bare_pairs(block.text, "disclosure" in draft.data)
    if not pairs:
        return False
    found = draft.data.setdefault("disclosure", {})
    for label, value in pairs:
        key = disclosure_key(label)
        if key == "":
            continue
        if key is None:
            draft.dropped_labels.append((label, value, draft.at(block)))
        elif key not in found or found[key] is None:
            found[key] = value
            draft.place(("disclosure", key), draft.at(block))
    return True


def read_disclosure_at(draft: Draft, blocks: Sequence[SourceBlock], index: int, any_label: bool = False) -> int:
    """Where the disclosure entries starting at `index` end (`index` when none starts there).

    Sites often set label and value in <div>s of their own, one line each ("索引号：" then
    "003522119/2024-00041"): a label alone takes the line right after it as its value, unless
    that line is a label itself, a sentence, or, for any label but the title's, reads as the
    article's title.
    """
    block = blocks[index]
    value = blocks[index + 1] if index + 1 < len(blocks) else None
    if isinstance(block, SourceParagraph) and isinstance(value, SourceParagraph) and not value.gap_before:
        label = _lone_label(draft, block.text, any_label)
        text = value.text.strip()
        if label and not value.title and not disclosure_pairs(text, any_label=True) and cells(text) <= 60 and not (
            has_sentence_punctuation(text)
        ) and (
            disclosure_key(label) == "title" or not re.search(r"(报告|总结)$", text)
        ):
            joined = replace(block, text=f"{block.text.strip()}{text}")
            return index + 2 if read_disclosure(draft, joined, any_label) else index
    return index + 1 if read_disclosure(draft, block, any_label) else index


def _lone_label(draft: Draft, text: str, any_label: bool) -> str | None:
    pairs = disclosure_pairs(text, any_label=any_label and "disclosure" in draft.data)
    return pairs[0][0] if len(pairs) == 1 and pairs[0][1] is None and disclosure_key(pairs[0][0]) != "" else None


def note_disclosure(draft: Draft) -> None:
    """One note listing the disclosure header's labels kept, at its first line, and one listing
    those dropped."""
    if disclosure := draft.data.get("disclosure"):
        first = min((draft.sources[("disclosure", key)] for key in disclosure), key=lambda at: at.line or 0)
        labels = [label for label, key in DISCLOSURE_LABELS.items() if key in disclosure]
        draft.note("import_disclosure", first, labels="、".join(labels), labels_en=", ".join(disclosure))
    if draft.dropped_labels:
        shown_pairs = "；".join(f"{label}：{value or ''}" for label, value, _ in draft.dropped_labels)
        draft.note("import_disclosure_dropped", draft.dropped_labels[0][2], text=shown_pairs)
