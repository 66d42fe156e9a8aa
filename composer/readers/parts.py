"""The parts: each top-level heading of the body mapped to a part of the report, by meaning.

"存在问题及对策建议" is the shortcomings part and "下一步工作意见建议" the plans part (the
vocabulary is in `rules`). What no part takes is kept in the nearest part, with a note at its
source line; nothing of the text is lost.
"""

from __future__ import annotations

import re
from typing import Any

from ..rules import PART_KEYS, PART_NAMES, PART_WORDS, part_for, part_params
from .draft import Draft, DraftItem, DraftParagraph, DraftSection, ModelPath
from .sections import emit_items, emit_paragraph


def _part_keys(draft: Draft) -> list[str | None]:
    """Each top-level heading's part: by meaning, wherever it stands (the order written is kept,
    for validation and lint to point out); a heading whose words name no part takes the part its
    neighbours leave free between them; None for a heading left over (a second heading of a part
    taken, or one with no free place)."""
    keys: list[str | None] = []
    for part in draft.parts:
        guess = part_for(part.heading)
        keys.append(guess if guess not in keys else None)
    for i, part in enumerate(draft.parts):
        if keys[i] is not None or part_for(part.heading):
            continue
        before = max((PART_KEYS.index(k) for k in keys[:i] if k), default=-1)
        after = min((PART_KEYS.index(k) for k in keys[i + 1:] if k), default=len(PART_KEYS))
        if before + 1 < after and (key := PART_KEYS[before + 1]) not in keys:
            keys[i] = key
            if part.heading:
                draft.note("import_part_by_position", part.at, "warning", heading=part.heading, **_part_params(key))
    return keys


def _gather_measures(draft: Draft) -> None:
    """Top-level headings that name no part, two or more before the first that does, when none
    names the measures part, are the measures' own sections (一、加强组织领导 二、严格规范执法
    三、深化普法宣传, then 四、存在的问题…, as many offices number them): they go under the
    measures part's standard heading, each a section, with a warning at the first."""
    keys = [part_for(part.heading) for part in draft.parts]
    leading = next((i for i, key in enumerate(keys) if key is not None), len(keys))
    if "measures" in keys or leading < 2 or leading == len(keys):
        return
    sections = draft.parts[:leading]
    draft.parts[:leading] = [DraftSection("", sections[0].at, items=list(sections))]
    draft.note("import_measures_gathered", sections[0].at, "warning", text=sections[0].heading[:30],
               count=len(sections), **_part_params("measures"))


_PLANS_WORDS = dict(PART_WORDS)["plans"]
# A paragraph that turns from the shortcomings to the plans: 下一步，… / 2026年，我局将…
_PLANS_OPENING = re.compile(r"(下一步|下一年|明年|今后|新的一年)|20\d\d年.{0,30}?将")
_AND = re.compile(r"以及|及|和|与|暨|、")


def _split_combined(draft: Draft) -> None:
    """A part that reports the shortcomings and the plans under one heading, where no other part
    is the plans (三、存在的问题及下一步打算, as many offices wrote it before the 2019 rules), becomes
    the two parts: at its sub-heading that names the plans (（二）下一步工作打算, each sub-heading
    then heading its part) or at the paragraph that turns to them (下一步，… / 2026年，我局将…),
    the heading split at its last "及" / "和" before the plans, with a warning. Each takes its
    place in the mandated order: the halves of one heading have no order of their own to keep
    around the leaders' part. With no such place it stays one part, and the warning says to
    split it."""
    keys = [part_for(part.heading) for part in draft.parts]
    if "plans" in keys or "shortcomings" not in keys:
        return
    index = keys.index("shortcomings")
    combined = draft.parts[index]
    plans_at = min((at for at in map(combined.heading.find, _PLANS_WORDS) if at > 0), default=None)
    if plans_at is None:
        return
    split = next((n for n, item in enumerate(combined.items) if n and _turns_to_plans(item)), None)
    if split is None:
        draft.note("import_parts_combined", combined.at, "warning", heading=combined.heading)
        return
    before, after = combined.items[:split], combined.items[split:]
    joined = [found for found in _AND.finditer(combined.heading, 0, plans_at) if found.start() > 0]
    first_heading, second_heading = "", ""  # each part's standard heading, if the heading has no "及"
    if joined:
        first_heading, second_heading = combined.heading[:joined[-1].start()], combined.heading[joined[-1].end():]
    first = DraftSection(first_heading.strip(), combined.at, items=before)
    second = DraftSection(second_heading.strip(), after[0].at, items=after)
    if len(before) == 1 and isinstance(before[0], DraftSection) and part_for(before[0].heading) == "shortcomings":
        first = DraftSection(before[0].heading, combined.at, before[0].run_in, items=before[0].items)
    if isinstance(after[0], DraftSection):
        second = DraftSection(after[0].heading, after[0].at, after[0].run_in, items=after[0].items + after[1:])
    del draft.parts[index]
    for part, key in ((first, "shortcomings"), (second, "plans")):  # each at its place in the mandated order
        rank = PART_KEYS.index(key)
        ranks = [PART_KEYS.index(k) if (k := part_for(p.heading)) else None for p in draft.parts]
        draft.parts.insert(next((i for i, r in enumerate(ranks) if r is not None and r > rank), len(ranks)), part)
    draft.note("import_parts_split", combined.at, "warning", heading=combined.heading,
               first=first.heading or PART_NAMES["shortcomings"][0], second=second.heading or PART_NAMES["plans"][0])


def _turns_to_plans(item: DraftItem) -> bool:
    if isinstance(item, DraftSection):
        return part_for(item.heading) == "plans"
    return isinstance(item, DraftParagraph) and bool(_PLANS_OPENING.match(item.text))


def emit_parts(draft: Draft) -> None:
    opening = [item for item in draft.opening if isinstance(item, DraftParagraph)]
    misplaced = [item for item in draft.opening if not isinstance(item, DraftParagraph)]
    if opening:
        draft.data["opening"] = [emit_paragraph(draft, p, ("opening", n)) for n, p in enumerate(opening)]
        draft.note("import_opening", opening[0].at, count=len(opening))
    _gather_measures(draft)
    _split_combined(draft)
    keys = _part_keys(draft)
    placed: list[tuple[str, DraftSection]] = []
    for key, part in zip(keys, draft.parts):
        if key:
            placed.append((key, part))
        elif placed:
            placed[-1][1].items.append(part)
            draft.note("import_unplaced", part.at, "warning", text=part.heading[:30], **_place(placed[-1][0]))
        else:
            misplaced.append(part)
    if placed:
        first = placed[0][1]
        for item in misplaced:
            draft.note("import_unplaced", item.at, "warning", text=_item_text(item)[:30], **_place(placed[0][0]))
        first.items[:0] = misplaced
        last_key, last = placed[-1]
        for paragraph in draft.trailing:
            draft.note("import_unplaced", paragraph.at, "warning", text=paragraph.text[:30], **_place(last_key))
        last.items += draft.trailing
    parts: dict[str, Any] = {}
    for key, part in placed:
        path: ModelPath = ("parts", key)
        draft.place(path, part.at)
        content: list[Any] = []
        emit_items(draft, content, part.items, (*path, "content"), 2)
        # a part's heading stands alone: the full stop or colon that ran the text in goes
        heading = part.heading.rstrip("。：:.") if part.run_in else part.heading
        if heading:
            draft.place((*path, "heading"), part.at)
            parts[key] = {"heading": heading, "content": content}
        else:  # gathered sections: the part's standard heading
            parts[key] = {"content": content}
        draft.note("import_part", part.at, heading=heading or PART_NAMES[key][0], **_part_params(key))
    if parts:
        draft.data["parts"] = parts


def _item_text(item: DraftItem) -> str:
    if isinstance(item, DraftParagraph):
        return item.text
    if isinstance(item, DraftSection):
        return item.heading
    return " ".join(item.rows[0])


def _place(key: str) -> dict[str, str]:
    return {"place": f"第{'一二三四五'[PART_KEYS.index(key)]}部分“{PART_NAMES[key][0]}”", "place_en": f"part '{PART_NAMES[key][1]}'"}


def _part_params(key: str) -> dict[str, Any]:
    return {**part_params(key), "ordinal": PART_KEYS.index(key) + 1}
