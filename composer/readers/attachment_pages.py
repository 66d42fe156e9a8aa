"""Attachment pages (GB/T 9704 8) after the sign-off: "附件2" (or "附件") alone on a line, its
title on the next (one line or several set alike), then its paragraphs, headings and tables, up
to the next such label or the end block. Each page comes back as an attachment with content,
in the place the attachment note numbers it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from .draft import Draft, ModelPath, has_sentence_punctuation, heading_marker, is_heading
from .source import SourceBlock, SourceParagraph, SourceTable

LABEL = re.compile(r"附\s*件\s*(?P<number>[0-9０-９]{1,2})?")


def _label(block: SourceBlock) -> re.Match[str] | None:
    return LABEL.fullmatch(block.text.strip()) if isinstance(block, SourceParagraph) else None


def split_pages(
    blocks: Sequence[SourceBlock], ends: re.Pattern[str], title_like: Callable[[str], bool]
) -> tuple[list[SourceBlock], list[list[SourceBlock]]]:
    """The blocks after the date without the attachment pages, and each page's blocks (its label
    first); a page ends at the next label or at a line `ends` matches (the end block). A label
    with no title under it starts no page: what follows is kept as text, as it was."""
    labels = [i for i, block in enumerate(blocks) if _label(block) and i + 1 < len(blocks)
              and isinstance(following := blocks[i + 1], SourceParagraph) and title_like(following.text)]
    if not labels:
        return list(blocks), []
    first = labels[0]
    last = next((i for i, block in enumerate(blocks) if i > first
                 and isinstance(block, SourceParagraph) and ends.fullmatch(block.text.strip())), len(blocks))
    pages: list[list[SourceBlock]] = []
    for index in range(first, last):
        if index in labels:
            pages.append([])
        pages[-1].append(blocks[index])
    return [*blocks[:first], *blocks[last:]], pages


def _title_end(page: list[SourceBlock], title_like: Callable[[str], bool]) -> int:
    """Where the title that follows the label ends: its lines are set alike (centred, or with
    no blank line between them)."""
    first = page[1]
    assert isinstance(first, SourceParagraph)  # split_pages starts a page only above a title
    end = 2
    while end < len(page):
        following = page[end]
        if not isinstance(following, SourceParagraph) or not title_like(following.text):
            break
        if not (following.align == first.align if first.align else not following.gap_before):
            break
        end += 1
    return end


def _items(draft: Draft, blocks: list[SourceBlock], path: ModelPath) -> list[Any]:
    """Paragraphs, tables and numbered headings, the sections nested by their markers' levels;
    numbered lines with nothing under them (a list of documents: 1.《…办法》 2.《…办法》) are
    paragraphs, numbered as written."""
    root: list[Any] = []
    open_sections: list[tuple[int, list[Any], ModelPath]] = [(0, root, path)]
    levels = [_heading_level(block) for block in blocks]
    for index, block in enumerate(blocks):
        if isinstance(block, SourceTable):
            header, *rows = [list(row) for row in block.rows]
            item: Any = {"table": {"header": header, "rows": rows}} if rows else draft.text("　".join(header))
        else:
            level = levels[index]
            following = levels[index + 1] if index + 1 < len(blocks) else 0
            if level is not None and (following is None or following > level):
                rest = heading_marker(block.text)[2]
                while open_sections[-1][0] >= level:
                    open_sections.pop()
                content: list[Any] = []
                _, items, at = open_sections[-1]
                here = (*at, len(items))
                items.append({"heading": draft.text(rest), "content": content})
                draft.place((*here, "heading"), draft.at(block))
                open_sections.append((level, content, (*here, "content")))
                continue
            item = draft.text(block.text)
        _, items, at = open_sections[-1]
        draft.place((*at, len(items)), draft.at(block))
        items.append(item)
    return root


def _heading_level(block: SourceBlock) -> int | None:
    """The level of a numbered heading line, or None for what goes under a heading (text, a table)."""
    if isinstance(block, SourceTable):
        return None
    level, _, rest = heading_marker(block.text)
    return level if level is not None and is_heading(block) and not has_sentence_punctuation(rest) else None


def merge_pages(draft: Draft, pages: list[list[SourceBlock]], title_like: Callable[[str], bool]) -> None:
    """Each page as an attachment with content, replacing the name the note gave it (by its
    number), or added after the names."""
    entries: list[Any] = list(draft.data.get("attachments", []))
    for page in pages:
        label = _label(page[0])
        assert label is not None
        end = _title_end(page, title_like)
        title = draft.text("".join(block.text.strip() for block in page[1:end] if isinstance(block, SourceParagraph)))
        number = int(label["number"].translate(str.maketrans("０１２３４５６７８９", "0123456789"))) if label["number"] else 1
        index = number - 1 if 0 < number <= len(entries) else len(entries)
        if index == len(entries):
            entries.append(None)
        entries[index] = {"title": title, "content": _items(draft, page[end:], ("attachments", index, "content"))}
        draft.place(("attachments", index), draft.at(page[0]))
        draft.place(("attachments", index, "title"), draft.at(page[1]))
        draft.note("import_attachment_page", draft.at(page[0]), label=label.group(0).strip(), text=title)
    if pages:
        draft.data["attachments"] = entries
