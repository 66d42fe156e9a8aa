"""Punctuation rules (GB/T 15834-2011 标点符号用法): P001 to P006; and P007, a "#" that YAML takes
for the start of a comment, cutting the text short."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..punctuation import full_width_edits, is_chinese
from ..readers.yaml_reader import comments_cutting
from .core import Edit, Heading, Hit, LintDocument, document_rule, excerpt, text_rule
from .numbers import doc_number_brackets


@text_rule("P001", "warning")
def half_width_punctuation(text: str) -> Iterator[Hit]:
    """"要求,根据" -> "要求，根据"; the fix is composer.punctuation.to_full_width's, mark by mark."""
    brackets = {i for pair in doc_number_brackets(text) for i in pair}  # N002 gives those 〔〕
    for change, end in full_width_edits(text):
        if change.index in brackets:
            continue
        i = change.index
        fix = (Edit(i, i + 1, change.new),) + ((Edit(i + 1, end, ""),) if end > i + 1 else ())
        yield Hit({"old": change.old, "new": change.new, "context": excerpt(text, i, i + 1)}, i, i + 1, fix)


# Brackets and quotes by family: a half- and a full-width parenthesis close each other (the width
# is P001's business), as do the square brackets a document number may wrongly use (N002's).
_OPENERS = {"（": "（", "(": "（", "《": "《", "〈": "〈", "【": "【", "[": "【", "［": "【", "〔": "【",
            "﹝": "【", "“": "“", "‘": "‘", "「": "「", "『": "『"}
_CLOSERS = {"）": "（", ")": "（", "》": "《", "〉": "〈", "】": "【", "]": "【", "］": "【", "〕": "【",
            "﹞": "【", "”": "“", "’": "‘", "」": "「", "』": "『"}
_PAIR = {"（": "）", "(": ")", "《": "》", "〈": "〉", "【": "】", "[": "]", "［": "］", "〔": "〕", "﹝": "﹞",
         "“": "”", "‘": "’", "「": "」", "『": "』"}


def _is_apostrophe(text: str, i: int) -> bool:
    """’ between Latin letters (Xi’an, don’t) is an apostrophe, not a quote."""
    return text[i] == "’" and 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i + 1].isascii()


def _unbalanced(mark: str, i: int, zh: str, en: str) -> Hit:
    return Hit({"mark": mark, "detail": zh, "detail_en": en}, i, i + 1)


def _half_width_partner(text: str, opening: int, closing: int) -> Hit:
    """"（一)" or "(一）": the half-width one of the pair is marked, and made full-width."""
    half, other = (opening, closing) if text[opening] == "(" else (closing, opening)
    new = "（" if half == opening else "）"
    return Hit(
        {"mark": text[half], "detail": f"与 {text[other]} 不配对，应为全角 {new}",
         "detail_en": f"does not match '{text[other]}'; make it full-width '{new}'"},
        half, half + 1, (Edit(half, half + 1, new),),
    )


@text_rule("P002", "warning")
def unbalanced_brackets(text: str) -> Iterator[Hit]:
    """A bracket or quote without its partner, or closed by another kind."""
    stack: list[int] = []
    for i, char in enumerate(text):
        if char in _OPENERS:
            stack.append(i)
        elif char in _CLOSERS and not _is_apostrophe(text, i):
            family = _CLOSERS[char]
            if not any(_OPENERS[text[j]] == family for j in stack):
                opener = next(o for o, f in _OPENERS.items() if f == family)
                yield _unbalanced(char, i, f"前面没有对应的 {opener}", f"has no matching '{opener}' before it")
                continue
            while _OPENERS[text[stack[-1]]] != family:
                j = stack.pop()
                yield _unbalanced(text[j], j, f"没有对应的 {_PAIR[text[j]]}", f"has no matching '{_PAIR[text[j]]}'")
            j = stack.pop()
            if family == "（" and _PAIR[text[j]] != char:  # "（一)"; square brackets are N002's
                yield _half_width_partner(text, j, i)
    for j in stack:
        yield _unbalanced(text[j], j, f"没有对应的 {_PAIR[text[j]]}", f"has no matching '{_PAIR[text[j]]}'")
    straight = [i for i, char in enumerate(text) if char == '"']
    if len(straight) % 2:
        yield _unbalanced('"', straight[-1], "没有与之配对的引号", "has no partner")


_QUOTE_STYLES = {"“": "“”", "‘": "“”", "「": "「」", "『": "「」"}


@document_rule("P003", "warning")
def mixed_quote_styles(document: LintDocument) -> Iterator[Hit]:
    """“” and 「」 in one document: the less used style is marked, at each of its opening marks."""
    uses = [(value, i, _QUOTE_STYLES[c]) for value in document.texts for i, c in enumerate(value.text) if c in _QUOTE_STYLES]
    counts = Counter(style for _, _, style in uses)
    if len(counts) < 2:
        return
    main = "“”" if counts["“”"] >= counts["「」"] else "「」"
    for value, i, style in uses:
        if style != main:
            yield Hit({"mark": value.text[i], "main": main}, i, i + 1, text=value)


_PAUSES = "，。、；：,;:"


@text_rule("P004", "warning")
def repeated_punctuation(text: str) -> Iterator[Hit]:
    """"，，" "。。" "，。": two pause marks in a row (…… and —— are single marks and pass)."""
    i = 0
    while i < len(text):
        if text[i] not in _PAUSES:
            i += 1
            continue
        j, marks = i + 1, [text[i]]
        while j < len(text):
            k = j
            while k < len(text) and text[k] == " ":
                k += 1
            if k < len(text) and text[k] in _PAUSES:
                marks.append(text[k])
                j = k + 1
            else:
                break
        run = text[i:j]
        chinese = any(is_chinese(m) for m in marks) or is_chinese(text[i - 1:i]) or is_chinese(text[j:j + 1])
        if len(marks) > 1 and chinese:
            yield Hit({"marks": run}, i, j)
        i = j


_ENDINGS = "。；：！？，、.;:!?,"


def ending(heading: Heading) -> str:
    """The punctuation a heading ends with, or "" when it ends with none."""
    text = heading.text.rstrip()
    return text[-1] if text and text[-1] in _ENDINGS else ""


def _last(heading: Heading) -> int:
    assert heading.value is not None
    return max(0, len(heading.value.text.rstrip()) - 1)


def _ending_words(mark: str, one: bool) -> tuple[str, str]:
    """How a heading ends, in words: (Chinese, English for one heading or for its siblings)."""
    if mark:
        return f"用“{mark}”", f"ends with '{mark}'" if one else f"end with '{mark}'"
    return "没有标点", "has no final punctuation" if one else "have none"


@document_rule("P005", "warning")
def heading_endings(document: LintDocument) -> Iterator[Hit]:
    """Sibling headings end alike: all with 。 or all without; the odd ones out are marked.

    Run-in headings end with a mark by nature (P006), so each kind is compared with its own.
    """
    for group in document.sibling_groups():
        for run_in in (False, True):
            yield from _odd_endings([h for h in group if h.value is not None and h.run_in == run_in])


def _odd_endings(headings: list[Heading]) -> Iterator[Hit]:
    """The headings whose ending differs from the most common one (the first one's on a tie)."""
    endings = [ending(h) for h in headings]
    counts = Counter(endings)
    usual = max(endings, key=lambda e: (counts[e], -endings.index(e)), default="")
    for heading, mark in zip(headings, endings):
        if mark != usual:
            (zh, en), (usual_zh, usual_en) = _ending_words(mark, True), _ending_words(usual, False)
            params = {"ending": zh, "ending_en": en, "expected": usual_zh, "expected_en": usual_en}
            yield Hit(params, _last(heading), _last(heading) + 1, text=heading.value)


@document_rule("P006", "warning")
def run_in_heading_ending(document: LintDocument) -> Iterator[Hit]:
    """A heading run in with its text needs a final mark, or it reads as one sentence with it."""
    for heading in document.headings():
        if heading.run_in and heading.value is not None and not ending(heading):
            short = heading.text.strip()
            yield Hit({"heading": short}, _last(heading), _last(heading) + 1, text=heading.value)


@document_rule("P007", "warning")
def text_cut_by_a_comment(document: LintDocument) -> Iterator[Hit]:
    """A paragraph written without quotes ("- 完成第 #3 号任务") ends, for YAML, at " #": the rest
    of the line is a comment and never printed. Only list entries (paragraphs, cells, names) are
    looked at: a comment after a key's value is how a report annotates itself."""
    if document.positions is None:
        return
    for comment, location in comments_cutting(document.file, document.positions, (v.path for v in document.texts)):
        yield Hit({"comment": comment}, location=location)
