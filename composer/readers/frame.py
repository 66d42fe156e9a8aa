"""The frame around the body: red header, title and addressee before it; signature, date,
attachments, note and end block after it; and who issued it, for which year.

GB/T 9704 fixes where each stands, so each is found by what it looks like in its place: the
mark (…文件) and number (…〔2024〕3号) above the title, a short line ending in "：" under it, the
last line that is a date alone near the end with the signature just above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date as Date
from typing import Any

from ..blocks import cells
from ..dates import format_date, years_in_figures
from ..model import joint_name
from ..problems import Location
from ..rules import mark_fits_one_line, place_signature
from .attachment_pages import merge_pages, split_pages
from .draft import Draft, DraftParagraph, date_of, has_sentence_punctuation, heading_marker, is_heading, offset, shown
from .furniture import RELATED, disclosure_cells, note_disclosure, read_disclosure_at
from .source import SourceBlock, SourceParagraph, SourceTable

_COPY_NUMBER = re.compile(r"\d{1,6}")
_CLASSIFICATION = re.compile(r"(绝密|机密|秘密)(★\S+)?")
_URGENCY = re.compile(r"特急|加急")
_MARK = re.compile(r"\S{2,}(?:[ \u3000]+\S{2,})*文件")  # a joint mark names each issuer: "A B文件"
_MARK_WORD = "文件"
# An organ's name, as a joint report's signatures and stacked mark give them.
_ORGAN = re.compile(r"[^\s，。；：:,;、]{2,30}(局|政府|委员会|常委会|委|办公室|办|办事处|中心|厅|院|部|处|政协|会|所|队|站|社|团)")
_DOC_NUMBER = re.compile(
    r"(?P<number>\S+?[〔\[【［(（﹝]\s*\d{4}\s*[〕\]】］)）﹞]\s*第?\s*\d+\s*号)"
    r"(?:\s*签\s*发\s*人\s*[:：]\s*(?P<signers>.+))?"
)
_SIGNERS = re.compile(r"签\s*发\s*人\s*[:：]\s*(?P<signers>.+)")

_BYLINE = re.compile(r"[^\s，。；：:,;]{2,30}(局|政府|委员会|办公室|办事处|中心|厅|委|办|院)")
_ADDRESSEE = re.compile(r"(?P<names>[^。；;，,]*[^。；;，,\s])\s*[:：]")  # greedy: one scan of a line of spaces
_INLINE_ADDRESSEE = re.compile(r"(?P<names>[^。；;，,：:\s]{2,60})\s*[:：](?=\S)")
_TITLE_END = re.compile(r"(报告|总结)([（(].*[)）])?$")
_ATTACHMENTS = re.compile(r"附\s*件\s*[:：]\s*(?P<first>.*)")
_ITEM_NUMBER = re.compile(r"^\s*[0-9０-９]{1,2}\s*[.．、]\s*")
_FILE_NAME = re.compile(r"(?P<name>.+?)\s*\.(?:pdf|docx?|wps|xlsx?|et|ofd|zip|rar|7z)", re.IGNORECASE)
_COPY_TO = re.compile(r"抄\s*送\s*[:：]\s*(?P<names>.+?)[。.]?")
_PRINTED = re.compile(r"(?:(?P<printer>.+?)\s+)?(?P<date>\S+?)\s*印\s*发")
_SEAL_MARK = re.compile(r"[（(]\s*(盖章|印章|公章|章|盖印|签章)\s*[)）]")  # where a template says the seal goes
_NOTE = re.compile(r"[（(](?P<text>.+)[)）]")
_END_BLOCK = re.compile(rf"{_COPY_TO.pattern}|{_PRINTED.pattern}")  # where the last attachment page ends
_YEAR = re.compile(r"(\d{4})\s*年")
_YEAR_UNDER_TITLE = re.compile(r"[（(]\s*([0-9０-９]{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年度?\s*[)）]")
_COVER_LINES = 3  # lines a cover note may take above the report's title
_ISSUER_IN_TITLE = re.compile(r"(?:关于)?(?P<issuer>(?!关于).+?)(关于)?\d{4}\s*年")  # 关于白沙县司法局2024年度…的报告


def layout_table(rows: Sequence[Sequence[str]]) -> bool:
    """A table that lays text out (red header, end block, a page wrapped in a table), not data."""
    if disclosure_cells(rows):  # a page's disclosure header, 文号 and all
        return False
    if all(sum(1 for cell in row if cell.strip()) <= 1 for row in rows):  # text placed by a grid
        return True
    texts = [cell.strip() for row in rows for cell in row]
    if any(len(text) > 300 for text in texts):
        return True
    if len(rows) == 1 and len(rows[0]) == 2 and rows[0][1].strip() == _MARK_WORD and rows[0][0].strip():
        return True  # a joint mark: the issuers stacked, 文件 beside them
    return any(
        _MARK.fullmatch(t) or _DOC_NUMBER.fullmatch(t) or _SIGNERS.fullmatch(t) or _COPY_TO.fullmatch(t)
        or _PRINTED.fullmatch(t) for t in texts
    )


# --- before the body: red header, title, addressee ---------------------------------------------


def front_matter(draft: Draft, blocks: list[SourceBlock]) -> int:
    """Disclosure, red header, title and addressee; returns where the opening starts.

    Where the source's markup names the title (a web page's <h1> or ArticleTitle), what stands
    before it and is neither disclosure nor red header is the page's, and dropped."""
    index = _disclosure(draft, blocks, 0, any_label=True)
    index = _header(draft, blocks, index)
    index = _disclosure(draft, blocks, index, any_label=True)
    marked = next((i for i, b in enumerate(blocks) if isinstance(b, SourceParagraph) and b.title), None)
    while marked is not None and index < marked:
        if (after := read_disclosure_at(draft, blocks, index, any_label=True)) > index:
            index = after
        elif (after := _header(draft, blocks, index)) > index:
            index = after
        else:
            if quoted := shown(blocks[index]):
                draft.note("import_furniture", draft.at(blocks[index]), text=quoted[:60])
            index += 1
    index = _title(draft, blocks, _past_cover(draft, blocks, index))
    if draft.title and marked is not None and marked < index and _report_title(
            blocks[index] if index < len(blocks) else None, index, blocks):
        # the page's title (its <h1>, often a short form) above the document's own: the report's is its own
        draft.notes[:] = [n for n in draft.notes if not n.code.startswith("import_title")]
        draft.note("import_furniture", draft.title[1], text=draft.title[0])
        index = _title(draft, blocks, index)
    index = _dated_under_title(draft, blocks, index)
    index = _number_under_title(draft, blocks, index)
    index = _disclosure(draft, blocks, index)
    if draft.title and index < len(blocks) and isinstance(block := blocks[index], SourceParagraph):
        if _BYLINE.fullmatch(text := block.text.strip()):  # the issuer's name set under the title
            draft.byline = (draft.text(text), draft.at(block))
            draft.note("import_byline", draft.at(block), text=text)
            index += 1
    if index < len(blocks) and isinstance(block := blocks[index], SourceParagraph):
        match = _ADDRESSEE.fullmatch(block.text.strip())
        inline = _INLINE_ADDRESSEE.match(block.text.strip()) if match is None else None
        if inline and all(_ORGAN.fullmatch(name) for name in inline["names"].split("、")):
            match = inline  # "县人民政府：2025年，我局……": the addressee, the opening run on after it
        if match and cells(match["names"]) <= 60 and heading_marker(block.text)[0] is None:
            names = [n for n in match["names"].split("、") if n.strip()]
            draft.data["addressees"] = [draft.text(n) for n in names]
            for number, name in enumerate(names):
                draft.place(("addressees", number), draft.at(block, offset(block.text, name)))
            draft.note("import_addressee", draft.at(block), text="、".join(draft.data["addressees"]))
            if match is inline:
                rest = block.text.strip()[match.end():]
                blocks[index] = replace(block, text=rest, column=block.column + offset(block.text, rest))
            else:
                index += 1
    note_disclosure(draft)
    return index


# The date, then where the report was made: "2025年1月10日在县十八届人大常委会第二十次会议上"
_DATE_WHERE = re.compile(r"(?P<date>[^在]+?日)(?:\s*在.{2,60}?(?:会议|会)上?)?")


def _dated_under_title(draft: Draft, blocks: list[SourceBlock], index: int) -> int:
    """The date in brackets under the title, as a report made to a congress or a meeting is
    dated ("（2025年1月10日）", "（2025年1月10日在县人大常委会会议上）") with no date after the
    body; past it, if there."""
    block = blocks[index] if draft.title and index < len(blocks) else None
    match = _NOTE.fullmatch(block.text.strip()) if isinstance(block, SourceParagraph) else None
    dated = _DATE_WHERE.fullmatch(match["text"].strip()) if match else None
    if block is None or dated is None or (issued := date_of(dated["date"])) is None:
        return index
    draft.data["date"] = issued
    draft.place(("date",), draft.at(block, 1))
    draft.note("import_date", draft.at(block), text=format_date(issued))
    return index + 1


def _number_under_title(draft: Draft, blocks: list[SourceBlock], index: int) -> int:
    """The document number set under the title, as a site publishes a report without its red
    header ("北自然资报〔2026〕4号"): the red header's number; past it, if there."""
    block = blocks[index] if draft.title and index < len(blocks) else None
    header = draft.data.get("header") or {}
    if not isinstance(block, SourceParagraph) or "number" in header:
        return index
    match = _DOC_NUMBER.fullmatch(block.text.strip())
    if match is None or match["signers"]:
        return index
    draft.data["header"] = {**header, "number": _doc_number(draft, match["number"], block)}
    draft.place(("header", "number"), draft.at(block))
    draft.note("import_header", draft.at(block), text=draft.data["header"]["number"])
    return index + 1


def _disclosure(draft: Draft, blocks: list[SourceBlock], index: int, any_label: bool = False) -> int:
    """Past the disclosure entries from `index` on."""
    while index < len(blocks) and (after := read_disclosure_at(draft, blocks, index, any_label)) > index:
        index = after
    return index


def _header(draft: Draft, blocks: list[SourceBlock], index: int) -> int:
    """The red header's lines before the title: copy number, classification, urgency, mark, number."""
    header: dict[str, Any] = {}
    places: dict[str, Location] = {}
    end = index
    while end < len(blocks) and isinstance(block := blocks[end], SourceParagraph):
        text = block.text.strip()
        stacked = bool(re.search(r"\s" + _MARK_WORD + "$", text))  # "A　B　文件": stacked names read as text
        text = re.sub(r"\s+" + _MARK_WORD + "$", _MARK_WORD, text)
        if _COPY_NUMBER.fullmatch(text) and "copy_number" not in header:
            header["copy_number"] = text
        elif _CLASSIFICATION.fullmatch(text):
            header["classification"] = text
        elif _URGENCY.fullmatch(text):
            header["urgency"] = text
        elif _MARK.fullmatch(text) and "mark" not in header:  # a joint mark's names as the model parts them
            names = text[:-len(_MARK_WORD)].split()
            header["mark"] = draft.text(joint_name(names) + _MARK_WORD)
            if len(names) > 1 and not stacked and not mark_fits_one_line(header["mark"], draft.profile):
                header["joint_mark"] = "line"  # one line where it would be stacked: as the report asked
        elif "mark" not in header and (stacked_mark := _stacked_mark(blocks, end))[0]:
            header["mark"] = draft.text(joint_name(stacked_mark[0]) + _MARK_WORD)
            places["mark"] = draft.at(block)
            end += stacked_mark[1]
            continue
        elif match := _DOC_NUMBER.fullmatch(text):
            header["number"] = _doc_number(draft, match["number"], block)
            if match["signers"]:
                header["signers"] = _names(draft, match["signers"])
        elif match := _SIGNERS.fullmatch(text):
            header["signers"] = _names(draft, match["signers"])
        else:
            break
        for key in header:
            places.setdefault(key, draft.at(block))
        end += 1
    if "mark" not in header and "number" not in header:
        return index
    draft.data["header"] = header
    for key, at in places.items():
        draft.place(("header", key), at)
    draft.note("import_header", places.get("mark") or places["number"],
              text=" ".join(str(v) for k, v in header.items() if k in ("mark", "number")))
    return end


def _stacked_mark(blocks: list[SourceBlock], index: int) -> tuple[list[str], int]:
    """A joint mark with the issuers one above the other and 文件 beside them: two names or
    more, each alone on its line, and 文件 after them (a table's cells, text), among them or
    joined to one of them (read by height from a fixed layout, where 文件 stands between two
    lines: a PDF's reader may set it on either); and the lines it takes."""
    start = index
    names: list[str] = []
    word = False
    while index < len(blocks) and isinstance(block := blocks[index], SourceParagraph):
        text = block.text.strip()
        if text == _MARK_WORD and names and not word:
            word = True
        elif _ORGAN.fullmatch(text):
            names.append(text)
        elif not word and text.endswith(_MARK_WORD) and _ORGAN.fullmatch(name := text[:-len(_MARK_WORD)].rstrip()):
            names.append(name)
            word = True
        else:
            break
        index += 1
    return (names, index - start) if word and len(names) >= 2 else ([], 0)


def _organs(text: str) -> list[str]:
    """The organs' names a signature line holds side by side (a joint report's, sealed), or []
    when it is not two names or more ("李　明", a name padded to three characters, is one)."""
    names = _padded_words(text.split())
    return names if len(names) >= 2 and all(_ORGAN.fullmatch(name) for name in names) else []


def _names(draft: Draft, text: str) -> list[str]:
    """Names in a list: "李明、王芳", "李明 王芳", and "李　明", one name padded to the width of
    three characters as offices type it (a run of single characters is one name; two spaces
    or more part names: "王　强　　李　明")."""
    names: list[str] = []
    for piece in re.split(r"[、，,；;]+|\s{2,}", text):
        names += [draft.text(name) for name in _padded_words(piece.split())]
    return names


def _padded_words(words: list[str]) -> list[str]:
    """The words with each run of single characters joined: "李 明" is one name, padded."""
    joined: list[str] = []
    previous_single = False
    for word in words:
        single = len(word) == 1
        if single and previous_single:
            joined[-1] += word
        else:
            joined.append(word)
        previous_single = single
    return joined


def _unpadded(text: str) -> str:
    """A signature typed with spaces for layout ("李　明") without them."""
    words = _padded_words(text.split())
    return words[0] if len(words) == 1 else text


def _doc_number(draft: Draft, number: str, block: SourceParagraph) -> str:
    """A document number as GB/T 9704 writes it: 〔〕 round the year, no 第, no leading zeros."""
    match = re.fullmatch(r"(\S+?)[〔\[【［(（﹝]\s*(\d{4})\s*[〕\]】］)）﹞]\s*第?\s*0*(\d+)\s*号", number)
    fixed = f"{match[1]}〔{match[2]}〕{match[3]}号" if match else number
    if fixed != number:
        draft.note("import_doc_number_fixed", draft.at(block), "warning", old=number, new=fixed)
    return fixed


def _title(draft: Draft, blocks: list[SourceBlock], index: int) -> int:
    first = blocks[index] if index < len(blocks) else None
    if not isinstance(first, SourceParagraph) or not _title_like(first.text):
        draft.note("import_no_title", draft.at(first) if first else None, "warning")
        return index
    lines = [_unpadded(first.text.strip())]  # a line spaced out for layout ("安 平 县 司 法 局") is a name
    end = index + 1
    while end < len(blocks) and not _TITLE_END.search("".join(lines)):
        following = blocks[end]
        if not isinstance(following, SourceParagraph) or not _title_like(following.text):
            break
        together = following.align == first.align if first.align else not following.gap_before
        if not together or _ADDRESSEE.fullmatch(following.text.strip()) or cells("".join(lines)) > 60:
            break
        lines.append(_unpadded(following.text.strip()))
        end += 1
    if end < len(blocks) and isinstance(year := blocks[end], SourceParagraph) and _YEAR_UNDER_TITLE.fullmatch(
            year.text.strip()) and _TITLE_END.search("".join(lines)):
        lines.append(year.text.strip())  # the year set under the title: 南湖区民政局法治政府建设年度报告（2025年度）
        end += 1
    title = draft.text("".join(lines))
    marked = bool(re.fullmatch(r"《[^《》]+》", title))  # a web copy's title in book-title marks: 《…年度报告》
    title = title[1:-1] if marked else title
    draft.title = (years_in_figures(title), draft.at(first, offset(first.text, title[:2]) if marked else 0))
    draft.note("import_title", draft.at(first), text=title)
    if draft.title[0] != title:
        draft.note("import_title_year_in_figures", draft.at(first), text=draft.title[0])
    return end


def _past_cover(draft: Draft, blocks: list[SourceBlock], index: int) -> int:
    """Where the report's own title starts, when a cover line or an editor's note stands above
    it ("关于印发…的说明", "（本文为…正文）"): the first line that reads as a report's title (a
    year, ending in 报告 or 总结) before any heading, when what stands at `index` is none.
    What it passes over is noted as dropped."""
    ahead = blocks[index:index + _COVER_LINES + 1]
    if _report_title(ahead[0] if ahead else None, index, blocks):
        return index
    for offset, block in enumerate(ahead[1:], 1):
        if is_heading(block):
            return index
        if _report_title(block, index + offset, blocks):
            if all(_issuers_line(passed) for passed in blocks[index:index + offset]):
                return index  # the title's first lines: the issuers' names (a joint report's)
            for passed in blocks[index:index + offset]:
                draft.note("import_before_title", draft.at(passed), "warning", text=shown(passed)[:60])
            return index + offset
    return index


def _issuers_line(block: SourceBlock) -> bool:
    """A title line of nothing but issuers' names ("中共青山县委员会　青山县人民政府")."""
    names = block.text.split() if isinstance(block, SourceParagraph) else []
    return bool(names) and all(_ORGAN.fullmatch(name) for name in names)


def _report_title(block: SourceBlock | None, index: int, blocks: list[SourceBlock]) -> bool:
    """Whether a report's title (with its year, ending in 报告 or 总结) starts at this block,
    set on one line or several."""
    if not isinstance(block, SourceParagraph) or not _title_like(block.text):
        return False
    lines: list[str] = []
    for following in blocks[index:index + 3]:
        if not isinstance(following, SourceParagraph) or not _title_like(following.text) or (
            lines and (following.gap_before or following.align != block.align)
        ):
            break
        lines.append(following.text.strip())
        if _YEAR.search(joined := "".join(lines)) and _TITLE_END.search(joined):
            return True
    return False


def _title_like(text: str) -> bool:
    text = text.strip()
    return (
        bool(text) and cells(text) <= 60 and not re.search(r"[。；;]", text)
        and not text.endswith((":", "：")) and heading_marker(text)[0] is None and date_of(text) is None
    )


# --- after the body: date, signature, attachments, note, end block -------------------------------


def end_matter(draft: Draft, blocks: list[SourceBlock], start: int) -> int:
    """Finds the date and what surrounds it; returns where the body ends.

    The date is the last line that is a date and nothing else, wherever it is (an attachment's
    own text may follow it); failing that, a signature and a date on one line after the body.
    """
    found: tuple[int, Date, str | None] | None = None
    for index in range(len(blocks) - 1, start - 1, -1):
        block = blocks[index]
        if isinstance(block, SourceParagraph) and (issued := date_of(block.text)):
            found = (index, issued, None)
            break
    for index in range(len(blocks) - 1, start - 1, -1):
        block = blocks[index]
        if found or is_heading(block):
            break
        if isinstance(block, SourceParagraph) and (dated := _signed_date(block.text)):
            found = (index, *dated)
    if found is None:
        if "date" not in draft.data and not _date_from_disclosure(draft):  # nor under the title
            draft.note("import_no_date", None, "warning")
            draft.month_only = _month_only(draft, blocks, start)
        return len(blocks)
    index, issued, signature = found
    date_block = blocks[index]
    draft.data["date"] = issued
    draft.place(("date",), draft.at(date_block))
    draft.note("import_date", draft.at(date_block), text=format_date(issued))
    after, pages = split_pages(blocks[index + 1:], _END_BLOCK, _title_like)
    _after_date(draft, after)
    end = index
    if index > start and isinstance(mark := blocks[index - 1], SourceParagraph) and _SEAL_MARK.fullmatch(mark.text.strip()):
        _sealed(draft, mark)  # "（盖章）" on a line of its own above the date: where the seal goes
        end = index = index - 1
    if signature is not None:
        draft.signature = (draft.text(_unpadded(_unmarked(draft, date_block, signature))), draft.at(date_block))
    elif index > start and (joint := _joint_sign_off(draft, blocks, start, index)):
        end = joint
    elif index > start and _signature_like(blocks[index - 1]):
        signature_block = blocks[index - 1]
        assert isinstance(signature_block, SourceParagraph)
        text = _unmarked(draft, signature_block, signature_block.text)
        draft.signature = (draft.text(_unpadded(text)), draft.at(signature_block))
        _seal(draft, signature_block, date_block, issued)
        end = index - 1
    if draft.issuers:
        draft.note("import_signature", draft.issuers[0][1], text=" ".join(name for name, _ in draft.issuers))
    elif draft.signature:
        draft.note("import_signature", draft.signature[1], text=draft.signature[0])
    else:
        draft.note("import_no_signature", draft.at(date_block), "warning")
    end = _attachments(draft, blocks, start, end)
    merge_pages(draft, pages, _title_like)
    return end


# A date written to the month only, as a draft may be signed before the day is fixed: 2026年1月.
_MONTH_ONLY = re.compile(r"([0-9０-９]{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[元一二三四五六七八九十]{1,3})\s*月")


def _month_only(draft: Draft, blocks: list[SourceBlock], start: int) -> tuple[str, Location] | None:
    """The last line of the end that is a year and a month and nothing else, if any: the date
    the user has to complete (the import does not make up a day)."""
    for block in reversed(blocks[start:]):
        if is_heading(block):
            return None
        if isinstance(block, SourceParagraph) and _MONTH_ONLY.fullmatch(text := block.text.strip()):
            return text, draft.at(block, offset(block.text, text))
    return None


def _unmarked(draft: Draft, block: SourceBlock, signature: str) -> str:
    """A signature without the seal's placeholder a template leaves after it: "白沙县司法局（盖章）"."""
    mark = _SEAL_MARK.search(signature.rstrip())
    if mark is None or mark.end() != len(signature.rstrip()) or not signature[:mark.start()].strip():
        return signature
    _sealed(draft, block)
    return signature[:mark.start()]


def _sealed(draft: Draft, block: SourceBlock) -> None:
    draft.data["seal"] = True
    draft.note("import_seal", draft.at(block))


def _date_from_disclosure(draft: Draft) -> bool:
    """The 成文日期 a page's disclosure header gives, taken when the text has no date (a page
    often sets the sign-off as a picture, with the seal); whether there was one."""
    for label, value, at in draft.dropped_labels:
        if "".join(label.split()) in ("成文日期", "发文日期") and value and (issued := date_of(value)):
            draft.data["date"] = issued
            draft.place(("date",), at)
            draft.note("import_date_from_disclosure", at, "warning", text=format_date(issued))
            return True
    return False


def _joint_sign_off(draft: Draft, blocks: list[SourceBlock], start: int, date_index: int) -> int | None:
    """A joint report's signatures above the date (7.3.5): lines of organs' names only, side by
    side (sealed: 7.3.5.1) or one under another (7.3.5.2), two names or more in all; where
    they start, or None."""
    rows: list[tuple[list[str], SourceParagraph]] = []
    index = date_index - 1
    while index > start and isinstance(block := blocks[index], SourceParagraph) and _signature_like(block):
        text = block.text.strip()
        names = _organs(text) or ([text] if _ORGAN.fullmatch(text) else [])
        if not names:
            break
        rows.insert(0, (names, block))
        index -= 1
    if sum(len(names) for names, _ in rows) < 2:
        return None
    for names, block in rows:
        for name in names:
            draft.issuers.append((draft.text(name), draft.at(block, offset(block.text, name))))
    if any(len(names) > 1 for names, _ in rows):
        draft.data["seal"] = True
        draft.note("import_seal", draft.at(rows[0][1]))
    return index + 1


def _signed_date(text: str) -> tuple[Date, str] | None:
    """A signature and a date on one line: "大同市科技局　2023年12月7日"."""
    match = re.fullmatch(r"(?P<signature>.+?)\s+(?P<date>\S+)", text.strip())
    if match and (issued := date_of(match["date"])) and _signature_text(match["signature"]):
        return issued, match["signature"]
    return None


def _signature_text(text: str) -> bool:
    text = text.strip()
    return 0 < cells(text) <= 30 and not has_sentence_punctuation(text) and not text.endswith(("：", ":"))


def _signature_like(block: SourceBlock) -> bool:
    return (
        isinstance(block, SourceParagraph) and not is_heading(block)
        and _signature_text(block.text) and not _ATTACHMENTS.fullmatch(block.text.strip())
    )


def _seal(draft: Draft, signature: SourceParagraph, date_block: SourceBlock, issued: Date) -> None:
    """Sealed or not: as the source's markup says, or from where the source placed signature
    and date, when it placed them."""
    assert isinstance(date_block, SourceParagraph)
    if signature.sealed is not None:
        sealed = signature.sealed
    elif signature.start is None or date_block.start is None:
        return
    else:
        text = signature.text.strip()
        errors = {}
        for seal in (False, True):
            placed = place_signature(text, format_date(issued), seal, draft.profile)
            errors[seal] = abs(placed.signature.start - signature.start) + abs(placed.date.start - date_block.start)
        sealed = errors[True] < errors[False] and errors[True] <= 1.0
    if sealed and not draft.data.get("seal"):
        _sealed(draft, signature)


def _after_date(draft: Draft, blocks: Sequence[SourceBlock]) -> None:
    """Note, end block and the page's own lists after the date; anything else is kept."""
    end_block: dict[str, Any] = {}
    blocks = _page_files(draft, blocks)
    pending: SourceParagraph | None = None  # an unknown line: the printer, if 印发 follows alone
    related = False
    for block in blocks:
        paragraph = block if isinstance(block, SourceParagraph) else None
        text = paragraph.text.strip() if paragraph else ""
        printed = _PRINTED.fullmatch(text) if paragraph else None
        if printed and date_of(printed["date"]) is None:
            printed = None
        if pending and not (printed and not printed["printer"]):
            _trail(draft, pending)
            pending = None
        related = related or bool(paragraph and RELATED.fullmatch(text))
        if related:
            draft.note("import_furniture", draft.at(block), text=shown(block))
        elif match := _COPY_TO.fullmatch(text):
            end_block["copy_to"] = [draft.text(n) for n in re.split(r"[，,]", match["names"]) if n.strip()]
            draft.place(("end_block", "copy_to"), draft.at(block))
        elif printed:
            printer = pending or paragraph
            if printer is not None and (printed["printer"] or pending):
                end_block["printer"] = draft.text(printed["printer"] or printer.text)
                draft.place(("end_block", "printer"), draft.at(printer))
            pending = None
            end_block["print_date"] = date_of(printed["date"])
            draft.place(("end_block", "print_date"), draft.at(block))
        elif (match := _NOTE.fullmatch(text)) and "note" not in draft.data:
            draft.data["note"] = draft.text(match["text"])
            draft.place(("note",), draft.at(block, 1))
            draft.note("import_note", draft.at(block), text=draft.data["note"])
        elif paragraph:
            pending = paragraph
        else:
            _trail(draft, block)
    if pending:
        _trail(draft, pending)
    if end_block:
        draft.data["end_block"] = end_block
        at = draft.sources.get(("end_block", "print_date")) or draft.sources.get(("end_block", "copy_to"))
        draft.note("import_end_block", at, text=str(end_block.get("printer") or "、".join(end_block.get("copy_to", []))))


def _page_files(draft: Draft, blocks: Sequence[SourceBlock]) -> list[SourceBlock]:
    """The files a web page attaches below the report ("附件：1.统计表.xlsx", one link a line, or
    the links alone): the report's attachments, by their names; a link to the report itself (its
    PDF) is the page's, and dropped. Returns the other blocks."""
    title = "".join(draft.title[0].split()) if draft.title else None
    kept: list[SourceBlock] = []
    names: list[str] = []
    listing = False
    for block in blocks:
        text = block.text.strip() if isinstance(block, SourceParagraph) else ""
        label = _ATTACHMENTS.fullmatch(text) if "attachments" not in draft.data else None
        item = _ITEM_NUMBER.sub("", label["first"] if label else text)
        file = _FILE_NAME.fullmatch(item)
        listed = listing and bool(item) and cells(text) <= 80 and "。" not in text and bool(file or _ITEM_NUMBER.match(text))
        listing = bool(label) or listed
        if not (label or listed or file):
            kept.append(block)
        elif file and "".join(file["name"].split()) == title:
            draft.note("import_furniture", draft.at(block), text=text)
        elif item:
            name = draft.text(file["name"] if file else item)
            draft.place(("attachments", len(names)), draft.at(block, offset(text, name[:1])))
            names.append(name)
    if names:
        draft.data["attachments"] = names
        draft.note("import_attachments", draft.sources[("attachments", 0)], count=len(names))
    return kept


def _trail(draft: Draft, block: SourceBlock) -> None:
    """Text after the date that is none of the known end matter: kept, in the last part."""
    if isinstance(block, SourceTable):
        text = "　".join(c for row in block.rows for c in row if c.strip())
    else:
        text = block.text
    draft.trailing.append(DraftParagraph(draft.text(text), draft.at(block)))


def _attachments(draft: Draft, blocks: list[SourceBlock], start: int, end: int) -> int:
    """附件：1.… and its further items, between the body and the signature."""
    for index in range(end - 1, start - 1, -1):
        block = blocks[index]
        # typed (1.…) or numbered by Word (the marker apart from the text)
        numbered_item = isinstance(block, SourceParagraph) and _ITEM_NUMBER.match(block.marker or block.text)
        if not isinstance(block, SourceParagraph) or (is_heading(block) and not numbered_item):
            return end
        match = _ATTACHMENTS.fullmatch(block.text.strip())
        if not match:
            continue
        items = [(match["first"], block)] + [(b.text, b) for b in blocks[index + 1:end] if isinstance(b, SourceParagraph)]
        if any(cells(text) > 80 or "。" in text for text, _ in items):
            return end
        names: list[str] = []
        for text, source in items:
            name = draft.text(_ITEM_NUMBER.sub("", text))
            if name:
                draft.place(("attachments", len(names)), draft.at(source, offset(source.text, name[:1])))
                names.append(name)
        if not names:
            return end
        draft.data["attachments"] = names
        draft.note("import_attachments", draft.at(block), count=len(names))
        return index
    return end


# --- issuer, year, title -----------------------------------------------------------------------


def identity(draft: Draft) -> None:
    title = draft.title[0] if draft.title else None
    if draft.issuers:  # a joint report: the issuers in the order they sign, the host first
        draft.data["issuers"] = [name for name, _ in draft.issuers]
        for number, (_, at) in enumerate(draft.issuers):
            draft.place(("issuers", number), at)
        if year := _year(draft, title):
            draft.data["year"] = year
        if title:
            draft.data["title"] = title
            draft.place(("title",), draft.title[1])  # type: ignore[index]
        return
    issuer = draft.signature[0] if draft.signature else None
    if issuer and (named := _issuer_named(draft, title)) and not issuer.endswith(named[0]):
        # signed by another (an office for its government): the issuer stays who the draft names;
        # a signature ending in the name is its full form (国家税务总局白沙县税务局), and issues it
        issuer = named[0]
        draft.data["issuer"] = issuer
        draft.place(("issuer",), named[1])
        draft.data["signature"] = draft.signature[0]  # type: ignore[index]
        draft.place(("signature",), draft.signature[1])  # type: ignore[index]
    if issuer is None and draft.byline:
        issuer = draft.byline[0]
        draft.place(("issuer",), draft.byline[1])
    if issuer is None and title and (match := _ISSUER_IN_TITLE.match(title)):
        issuer = match["issuer"]
        draft.note("import_issuer_from_title", draft.title[1] if draft.title else None, "warning", text=issuer)
    if issuer is None and (publisher := draft.data.get("disclosure", {}).get("publisher")):
        issuer = publisher
        draft.note("import_issuer_from_disclosure", draft.sources.get(("disclosure", "publisher")), "warning",
                  text=issuer)
    if issuer and "issuer" not in draft.data:
        draft.data["issuer"] = issuer
        if draft.signature:
            draft.place(("issuer",), draft.signature[1])
            draft.data["signature"] = draft.signature[0]
            draft.place(("signature",), draft.signature[1])
    year = _year(draft, title)
    if year:
        draft.data["year"] = year
    if title:
        draft.data["title"] = title
        draft.place(("title",), draft.title[1])  # type: ignore[index]
    _complete_end_block(draft)


def _complete_end_block(draft: Draft) -> None:
    """An end block with 抄送 and no 印发 line, or 印发 with a date alone: GB/T 9704 7.4 wants
    the printing office and date, so the issuer and the issue date stand in, with a warning to
    check them, rather than the 抄送 list being left out."""
    end_block = draft.data.get("end_block")
    if not end_block or ("printer" in end_block and "print_date" in end_block):
        return
    printer = end_block.get("printer") or (draft.data.get("issuers") or [draft.data.get("issuer")])[0]
    printed = end_block.get("print_date") or draft.data.get("date")
    if not printer or printed is None:
        return
    at = draft.sources.get(("end_block", "print_date")) or draft.sources[("end_block", "copy_to")]
    for key in ("printer", "print_date"):
        if key not in end_block:
            draft.place(("end_block", key), at)
    # a date of its own: the YAML written would otherwise tie the two with an anchor (&id001)
    end_block.update(printer=printer, print_date=Date(printed.year, printed.month, printed.day))
    draft.note("import_end_block_completed", at, "warning", printer=printer, date=format_date(printed))


def _issuer_named(draft: Draft, title: str | None) -> tuple[str, Location] | None:
    """The issuer as the red header's mark (…文件) or the title before its year names it."""
    mark = (draft.data.get("header") or {}).get("mark")
    if mark and (name := mark.removesuffix("文件")) and _BYLINE.fullmatch(name):
        return name, draft.sources[("header", "mark")]
    if title and draft.title and (match := _ISSUER_IN_TITLE.match(title)) and _BYLINE.fullmatch(match["issuer"]):
        return match["issuer"], draft.title[1]
    return None


def _year(draft: Draft, title: str | None) -> int | None:
    texts = [title or ""] + [part.heading for part in draft.parts]
    for text in texts:
        if match := _YEAR.search(text):
            draft.year_from_text = True
            return int(match[1])
    issued = draft.data.get("date")
    if issued is None:
        return None
    year = year_of(issued)
    draft.note("import_year_guessed", draft.sources.get(("date",)), "warning", year=year)
    return year


def year_of(issued: Date) -> int:
    """The year a report issued on this date reports on: the year before, in its first half."""
    return issued.year - 1 if issued.month <= 6 else issued.year
