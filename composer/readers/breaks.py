"""Lines broken inside a sentence joined again: text copied from a PDF, or pasted into Word and
a web editor, keeps the PDF's line ends ("…坚持依法行政，" then "全面推进…").

A line is the start of a paragraph broken off when it stops mid-sentence (no 。！？；： at its
end) after a clause of its own (a comma or full stop inside it, which a heading has not), or, in
text broken where a PDF's lines end, when it is a full line ending at a clause's end (；：), and
the next line continues it: no heading marker, no blank line, indent, centring or right
alignment before it, not the signature above a date, and, where both are indented alike, a line
of the same paragraph (a Word line break), not the next paragraph.
"""

from __future__ import annotations

from dataclasses import replace

from ..blocks import cells
from ..punctuation import is_chinese
from .draft import Draft, date_of, has_sentence_punctuation, is_heading
from .source import SourceBlock, SourceParagraph

_ENDS = "。！？；：!?;:…"
_CLOSERS = "”’」』）)》〉"


def _stops_mid_sentence(text: str) -> bool:
    text = text.rstrip().rstrip(_CLOSERS)
    if len(text) > 1 and text[-1] == "." and is_chinese(text[-2]):
        return False  # a half-width full stop after Chinese text ends a sentence too
    return bool(text) and text[-1] not in _ENDS and has_sentence_punctuation(text)


def _full_line(blocks: list[SourceBlock]) -> float | None:
    """How wide a full line is, in cells, in text whose lines were broken where a PDF's lines
    end (many lines stopping mid-sentence, most long lines as wide as each other, and short);
    None for text a paragraph a line."""
    lines = [b.text.strip() for b in blocks if isinstance(b, SourceParagraph) and b.text.strip()]
    widths = sorted(cells(text) for text in lines)
    if len(widths) < 8 or sum(1 for text in lines if _stops_mid_sentence(text)) < 3:
        return None
    full = widths[len(widths) * 3 // 4]
    near = sum(1 for width in widths if full - 2 <= width <= full + 2)
    return full if full <= 60 and near >= len(widths) // 4 else None


def _wrapped_heading(previous: SourceParagraph, line: SourceBlock, full: float | None) -> bool:
    """A heading so long it reached the line's end ("三、党政主要负责人履行推进法治建设第一责任人
    职责、加强法" then "治政府建设的有关情况"): it goes on in a short line with no sentence in it."""
    text = previous.text.strip()
    return (
        full is not None and is_heading(previous) and cells(text) >= full - 2 and text[-1] not in _ENDS
        and isinstance(line, SourceParagraph) and cells(line.text.strip()) < full - 2
        and not has_sentence_punctuation(line.text) and not line.text.strip().endswith(tuple(_ENDS))
    )


def _full_at_clause(previous: SourceParagraph, full: float | None) -> bool:
    """A line as wide as a full line that ends at a clause's end (；：), in text broken where a
    PDF's lines end: the line's end fell there, the paragraph goes on ("…二是深化专项治理；" then
    "三是持续开展统计普法。")."""
    text = previous.text.strip()
    return full is not None and text[-1:] in "；;：:" and cells(text) >= full - 1


def _continues(previous: SourceParagraph, line: SourceBlock, after: SourceBlock | None) -> bool:
    if not isinstance(line, SourceParagraph) or line.gap_before or line.align or line.title or is_heading(line):
        return False
    if line.start is not None and previous.start is not None and (
        line.start > previous.start or (line.start == previous.start > 0 and line.line != previous.line)
    ):
        return False  # indented: a paragraph of its own (a Word paragraph's line break shares its number)
    text = line.text.strip()
    signature = isinstance(after, SourceParagraph) and date_of(after.text) is not None
    return bool(text) and date_of(text) is None and not signature


def join_broken_lines(draft: Draft, blocks: list[SourceBlock]) -> list[SourceBlock]:
    """The blocks with each paragraph broken across lines made one again, each join noted."""
    joined: list[SourceBlock] = []
    full = _full_line(blocks)
    for index, block in enumerate(blocks):
        previous = joined[-1] if joined else None
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            isinstance(previous, SourceParagraph) and previous.align is None and not previous.title
            and (_stops_mid_sentence(previous.text) or _wrapped_heading(previous, block, full)
                 or _full_at_clause(previous, full))
            and _continues(previous, block, after)
        ):
            assert isinstance(block, SourceParagraph)
            head, tail = previous.text.rstrip(), block.text.strip()
            space = "" if is_chinese(head[-1]) or is_chinese(tail[0]) or not (head[-1].isalnum() and tail[0].isalnum()) else " "
            joined[-1] = replace(previous, text=head + space + tail)
            draft.note("import_line_joined", draft.at(block), text=tail[:20])
        else:
            joined.append(block)
    return joined
