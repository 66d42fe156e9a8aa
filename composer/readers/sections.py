"""The body: headings found and ranked, paragraphs and tables gathered under them, as a tree.

A heading's level comes from its marker as written (一、 （一） 1. （1）, or Word's automatic
numbering), or failing that from markup (Markdown #, Word's heading styles); with neither, short
lines that name a part are the parts. A heading sentence that body text follows on the same line
is a run-in heading. The tree goes back out as model content once the parts are decided.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..blocks import cells
from ..numbering import marker as generated_marker
from ..punctuation import is_chinese
from ..rules import part_for
from .draft import (
    Draft, DraftItem, DraftParagraph, DraftSection, DraftTable, ModelPath, has_sentence_punctuation, heading_marker,
    short_line,
)
from .furniture import RELATED, read_disclosure
from .source import SourceBlock, SourceParagraph, SourceTable

_SENTENCE_END = "。！？"
_CLOSERS = "”’」』）)》〉"
_RUN_IN_LEAD_CELLS = 20  # a heading set before a colon is a few words, not a clause
_CAPTION = re.compile(r"(附)?表\s*[0-9０-９一二三四五六七八九十]+")


def _run_in_split(text: str) -> int | None:
    """Where the body starts after a heading sentence at the start of `text`, if text follows it;
    a short lead ending in a colon ("加强组织领导：成立…") is a heading sentence too."""
    for index, char in enumerate(text):
        half = char in ".!?" and index > 0 and is_chinese(text[index - 1])
        lead = char in "：:" and cells(text[:index]) <= _RUN_IN_LEAD_CELLS
        if char in _SENTENCE_END or half or lead:
            end = index + 1
            while end < len(text) and text[end] in _CLOSERS:
                end += 1
            return end if text[end:].strip() else None
    return None


def _ranks(blocks: Sequence[SourceBlock]) -> dict[int, int]:
    """The heading paragraphs' ranks (1 outermost), from their markers or, failing that, markup."""
    ranks: dict[int, int] = {}
    styled: dict[int, int] = {}
    for index, block in enumerate(blocks):
        if not isinstance(block, SourceParagraph) or block.caption:
            continue
        level, _, rest = heading_marker(block.marker + "x" if block.marker else block.text)
        if level is not None and not _numbered_sentence(level, block.text if block.marker else rest, blocks, index):
            ranks[index] = level
        elif block.style_level and cells(block.text) <= 60:  # a long "heading" is a misstyled paragraph
            styled[index] = block.style_level
    order = sorted(set(styled.values()))
    ranks.update({index: order.index(level) + 1 for index, level in styled.items()})
    if not styled:
        ranks.update(_face_ranks(blocks, ranks))
    named = {  # short lines that name a part, each with the part it names
        i: part for i, b in enumerate(blocks)
        if i not in ranks and isinstance(b, SourceParagraph) and heading_marker(b.text)[0] is None
        and cells(b.text) <= 40 and not has_sentence_punctuation(b.text.strip().rstrip("。")) and (part := part_for(b.text))
    }
    if not ranks:  # no markers, no markup: short lines that name a part are the parts
        ranks = dict.fromkeys(named, 1)
    elif not styled and min(ranks.values()) > 1 and len(set(named.values())) >= 2:
        # sections numbered （一） under parts typed without 一、 (主要举措和成效 alone on its line)
        ranks.update(dict.fromkeys(named, min(ranks.values()) - 1))
    _unrank_lists(blocks, ranks)
    _rank_leads(blocks, ranks)
    return ranks


_FACE_LEVELS = {"黑体": 1, "楷体": 2, "bold": 3}  # GB/T 9704's faces of 一、（一）1.


def _face_ranks(blocks: Sequence[SourceBlock], ranks: dict[int, int]) -> dict[int, int]:
    """Headings typed without numbers, set apart only by the face GB/T 9704 gives their level
    (主要举措和成效 in 黑体, 健全执法制度 in 楷体): a short line, no sentence in it, the whole of
    it in the face, with body text in another face under it."""
    found: dict[int, int] = {}
    for index, block in enumerate(blocks[:-1]):
        following = blocks[index + 1]
        if (
            index in ranks or not isinstance(block, SourceParagraph) or block.face is None or block.align
            or block.caption or cells(block.text) > 40 or has_sentence_punctuation(block.text.strip().rstrip("。：:"))
        ):
            continue
        if isinstance(following, SourceParagraph) and following.face != block.face and not following.align:
            found[index] = _FACE_LEVELS[block.face]
    return found


def _unrank_lists(blocks: Sequence[SourceBlock], ranks: dict[int, int]) -> None:
    """Figure-numbered lines one after another with nothing between them or run in (a list of
    documents after "分别是：", 1.《…办法》 2.《…办法》) are a list's items, not headings: the
    text after the last one is not under it."""
    run: list[int] = []
    bare = [i for i in sorted(ranks) if _run_in_split(_heading_text(blocks[i])) is None]
    for index in [*bare, -1]:
        if run and (index != run[-1] + 1 or ranks.get(index) != ranks[run[0]]):
            if len(run) >= 2 and ranks[run[0]] >= 3:
                for item in run:
                    del ranks[item]
            run = []
        if index >= 0:
            run.append(index)


def _heading_text(block: SourceBlock) -> str:
    assert isinstance(block, SourceParagraph)
    return block.text if block.marker else heading_marker(block.text)[2]


def _numbered_sentence(level: int, rest: str, blocks: Sequence[SourceBlock], index: int) -> bool:
    """An item of a numbered list in the body ("1.全年开展执法检查128次，发现问题43个，均已整改。"),
    not a heading: numbered by a figure, a sentence with no heading sentence run in, and no body
    text under it (a heading the next line elaborates is a heading). A short sentence
    ("3.基层普法的针对性有待提升。") is one too when nothing at all is under it: the next line is
    a heading of its level or above, or the body ends."""
    text = rest.strip()
    if level < 3 or not text.endswith(("。", "；", ";")) or _run_in_split(text) is not None:
        return False
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is None:
        return True
    next_level = _marker_level(following) if isinstance(following, SourceParagraph) else None
    if isinstance(following, SourceParagraph) and next_level is None and not following.style_level:
        return False  # body text under it
    return has_sentence_punctuation(text[:-1]) or (next_level is not None and next_level <= level)


def _marker_level(block: SourceParagraph) -> int | None:
    """The level a paragraph's marker numbers (Word's drawn one, else the one typed), if any."""
    return heading_marker(block.marker + "x" if block.marker else block.text)[0]


def _rank_leads(blocks: Sequence[SourceBlock], ranks: dict[int, int]) -> None:
    """Run-in headings set apart only by their face (a bold "加强组织领导。" before body text,
    no marker): each one level below the heading above it that has a marker or markup."""
    above = 0
    for index, block in enumerate(blocks):
        if index in ranks:
            above = ranks[index]
        elif isinstance(block, SourceParagraph) and block.lead and above and _lead_heading(block):
            ranks[index] = min(above + 1, 4)


def _lead_heading(block: SourceParagraph) -> bool:
    """A lead that is a heading sentence of its own, with body text after it."""
    lead = (block.lead or "").strip()
    return (
        lead.endswith(("。", "：", ":", "！")) and cells(lead) <= _RUN_IN_LEAD_CELLS + 10
        and block.text.strip().startswith(lead) and len(block.text.strip()) > len(lead)
    )


def read_body(draft: Draft, blocks: list[SourceBlock], start: int, end: int) -> None:
    body = blocks[start:end]
    ranks = _ranks(body)
    top = min(ranks.values(), default=1)
    stack: list[tuple[int, DraftSection]] = []
    for index, block in enumerate(body):
        container = stack[-1][1].items if stack else draft.opening
        if isinstance(block, SourceTable):
            _table(draft, block, container, start + index)
        elif RELATED.fullmatch(block.text.strip()):
            draft.note("import_furniture", draft.at(block), text=block.text.strip())
        elif index not in ranks:  # a list item keeps the number Word drew for it
            container.append(DraftParagraph(draft.text(_numbered(block.marker + block.text)), draft.at(block),
                                            start + index, _set_as_caption(block)))
        elif not stack and ranks[index] != top:
            draft.opening.append(DraftParagraph(draft.text(block.marker + block.text), draft.at(block), start + index))
            draft.note("import_unplaced", draft.at(block), "warning", text=block.text.strip()[:30], place="导语",
                      place_en="the opening")
        else:
            rank = ranks[index]
            while stack and stack[-1][0] >= rank:
                stack.pop()
            node = _heading(draft, block)
            if stack:
                stack[-1][1].items.append(node)
            else:
                draft.parts.append(node)
            stack.append((rank, node))
    if not draft.parts:
        draft.note("import_no_parts", None, "warning")


def _numbered(text: str) -> str:
    """A numbered paragraph without the space a list's tab leaves after its number in a PDF or a
    copy ("1. 修订《…》" is "1.修订《…》", as typed)."""
    level, marker, rest = heading_marker(text)
    if level is None or not marker or not rest or not is_chinese(rest[0]) or not text.endswith(rest):
        return text
    return text[:len(text) - len(rest)].rstrip() + rest


def _heading(draft: Draft, block: SourceParagraph) -> DraftSection:
    """A heading paragraph: its text without the marker, and the body text run in after it."""
    if block.marker:
        marker, rest, offset = block.marker, block.text.strip(), 0
    else:
        _, marker, rest = heading_marker(block.text)
        offset = len(block.text) - len(rest)
    lead = heading_marker(block.lead)[2] if block.lead else ""
    split = len(lead) if lead and rest.startswith(lead) and rest[len(lead):].strip() else _run_in_split(rest)
    if split is None:  # a heading standing alone: a colon after it only announced what follows
        return DraftSection(draft.text(rest.rstrip().rstrip("：:")), draft.at(block, offset), marker=marker)
    body = rest[split:]
    body_offset = offset + split + len(body) - len(body.lstrip())
    paragraph = DraftParagraph(draft.text(body), draft.at(block, body_offset))
    return DraftSection(draft.text(rest[:split]), draft.at(block, offset), run_in=True, marker=marker, items=[paragraph])


def _table(draft: Draft, block: SourceTable, container: list[DraftItem], index: int) -> None:
    if read_disclosure(draft, block):
        return
    rows = [[draft.text(cell) for cell in row] for row in block.rows]
    width = max(len(row) for row in rows)
    if len(rows) < 2:
        container.append(DraftParagraph("　".join(c for c in rows[0] if c), draft.at(block), index))
        draft.note("import_table_one_row", draft.at(block), "warning")
        return
    caption_row = _caption_row(rows)
    if caption_row is not None:
        rows = rows[1:]
    if any(len(row) != width for row in rows):
        draft.note("import_table_ragged", draft.at(block), "warning", columns=width)
    table = DraftTable([row + [""] * (width - len(row)) for row in rows], draft.at(block))
    previous = container[-1] if container else None
    if caption_row is not None:  # the table's title typed in its first row, across it
        table.caption = DraftParagraph(caption_row, draft.at(block), index, caption=True)
    elif (
        isinstance(previous, DraftParagraph) and previous.source == index - 1
        and (previous.caption or _caption_like(previous.text))
    ):
        table.caption = previous
        container.pop()
    container.append(table)
    draft.note("import_table", draft.at(block), rows=len(rows) - 1, columns=width)


def _caption_row(rows: list[list[str]]) -> str | None:
    """The caption an office types in a table's first row, one cell across the table
    ("表1　2025年水行政执法案件情况" over 案件类别 | 立案数 | 结案数), if the table has one."""
    if len(rows) < 3 or max(len(row) for row in rows) < 2:
        return None
    filled = [cell for cell in rows[0] if cell.strip()]
    if len(filled) != 1 or rows[0][0] != filled[0] or not _caption_like(filled[0]):
        return None
    return filled[0]


def _caption_like(text: str) -> bool:
    """A short line right before a table: 表1…, or a name that is no sentence (…情况统计表,
    …情况（单位：件）); "情况如下：" is none."""
    return short_line(text) and (
        bool(_CAPTION.match(text)) or not (re.search(r"[。；;，,！？!?]", text) or text.endswith((":", "：")))
    )


def _set_as_caption(block: SourceParagraph) -> bool:
    """Whether the source sets a paragraph as a table's caption: marked so (HTML <caption>), or
    centred as Word captions are."""
    return block.caption or (block.align == "center" and short_line(block.text))


def emit_paragraph(draft: Draft, paragraph: DraftParagraph, path: ModelPath) -> str:
    draft.place(path, paragraph.at)
    return paragraph.text


def emit_items(draft: Draft, out: list[Any], items: list[DraftItem], path: ModelPath, level: int) -> None:
    """Appends the items as model content; a section deeper than level 4 becomes a paragraph."""
    for item in items:
        here = (*path, len(out))
        if isinstance(item, DraftParagraph):
            out.append(emit_paragraph(draft, item, here))
        elif isinstance(item, DraftTable):
            table: dict[str, Any] = {"header": item.rows[0], "rows": item.rows[1:]}
            if item.caption:
                table = {"caption": emit_paragraph(draft, item.caption, (*here, "table", "caption")), **table}
            draft.place(here, item.at)
            draft.place((*here, "table"), item.at)
            out.append({"table": table})
        elif level > 4:
            draft.note("import_too_deep", item.at, "warning", text=item.heading[:30])
            out.append(emit_paragraph(draft, DraftParagraph(item.heading, item.at), here))
            emit_items(draft, out, item.items, path, level)
        else:
            written = heading_marker(item.marker + "x")[0] if item.marker else None
            if written not in (None, level):
                draft.note("import_renumbered", item.at, marker=item.marker, new=generated_marker(level, 1), level=level)
            draft.place(here, item.at)
            draft.place((*here, "heading"), item.at)
            section: dict[str, Any] = {"heading": item.heading}
            if item.run_in:
                section["run_in"] = True
            content: list[Any] = []
            emit_items(draft, content, item.items, (*here, "content"), level + 1)
            section["content"] = content
            out.append(section)
