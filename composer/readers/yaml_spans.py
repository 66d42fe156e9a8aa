"""Where each character of a YAML scalar's value sits in the file.

A finding must point at the offending character (line:column inside the YAML), and a fix must
change exactly that character and nothing else. YAML rewrites what it reads: plain and quoted
scalars fold line breaks into spaces and drop indentation, quoted ones have escapes ('' and \\"),
block scalars strip their indentation. This module replays those rules on the source slice of a
scalar and keeps, for every character of the value, the source span it came from. The replay is
checked against the value the parser produced; when they differ nothing is guessed (`None`), and
the caller points at the start of the value and offers no fix.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    """The source span [start, end) a value character came from.

    `editable` is False for characters YAML made up (a line break folded into a space, a
    final newline): replacing their span would not replace them.
    """

    start: int
    end: int
    editable: bool = True


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    kind: str  # char, white, escape, break, escaped_break


_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _line_break(source: str, i: int) -> int:
    """Length of the line break at i (2 for CRLF), 0 if there is none."""
    if source.startswith("\r\n", i):
        return 2
    return 1 if source[i] in "\r\n" else 0


def _double_quoted_escape(source: str, i: int) -> _Token:
    after = source[i + 1]
    if brk := _line_break(source, i + 1):
        return _Token("", i, i + 1 + brk, "escaped_break")
    if after in _HEX_ESCAPES:
        digits = source[i + 2:i + 2 + _HEX_ESCAPES[after]]
        return _Token(chr(int(digits, 16)), i, i + 2 + len(digits), "escape")
    return _Token(_ESCAPES[after], i, i + 2, "escape")


def _flow_tokens(source: str, start: int, end: int, style: str | None) -> list[_Token]:
    tokens: list[_Token] = []
    i = start
    while i < end:
        char = source[i]
        if brk := _line_break(source, i):
            token = _Token("\n", i, i + brk, "break")
        elif style == "'" and source.startswith("''", i):
            token = _Token("'", i, i + 2, "escape")
        elif style == '"' and char == "\\":
            token = _double_quoted_escape(source, i)
        else:
            token = _Token(char, i, i + 1, "white" if char in " \t" else "char")
        tokens.append(token)
        i = token.end
    return tokens


def _fold_flow(tokens: list[_Token]) -> list[tuple[str, Origin]]:
    """YAML's flow folding: one break is a space, n+1 breaks are n newlines, edges trimmed."""
    lines: list[list[_Token]] = [[]]
    breaks: list[_Token] = []
    for token in tokens:
        if token.kind in ("break", "escaped_break"):
            breaks.append(token)
            lines.append([])
        else:
            lines[-1].append(token)
    last = len(lines) - 1

    def content(k: int) -> list[_Token]:
        toks = lines[k]
        if k > 0:
            while toks and toks[0].kind == "white":
                toks = toks[1:]
        if k < last and breaks[k].kind == "break":
            while toks and toks[-1].kind == "white":
                toks = toks[:-1]
        return toks

    def emit(toks: list[_Token]) -> list[tuple[str, Origin]]:
        return [(t.text, Origin(t.start, t.end)) for t in toks]

    out = emit(content(0))
    k = 0
    while k < last:
        brk = breaks[k]
        j = k + 1
        if brk.kind == "break":
            empties = []
            while j < last and not content(j) and breaks[j].kind == "break":
                empties.append(breaks[j])
                j += 1
            fold = [("\n", Origin(e.start, e.end, False)) for e in empties] or [(" ", Origin(brk.start, brk.end, False))]
            out += fold
        out += emit(content(j))
        k = j
    return out


def _block_lines(source: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(text, offset, offset of its line break) of each line after the block header."""
    body = source.find("\n", start, end)
    lines: list[tuple[str, int, int]] = []
    offset = body + 1 if body >= 0 else end
    while offset < end:
        stop = source.find("\n", offset, end)
        stop = end if stop < 0 else stop
        text = source[offset:stop]
        lines.append((text.rstrip("\r"), offset, offset + len(text.rstrip("\r"))))
        offset = stop + 1
    return lines


def _block(lines: list[tuple[str, int, int]], indent: int, folded: bool) -> list[tuple[str, Origin]]:
    out: list[tuple[str, Origin]] = []
    previous: tuple[str, int] | None = None  # kind of the last non-empty line, its break offset
    empties: list[int] = []
    for text, offset, break_at in lines:
        if not text.strip(" ") and len(text) <= indent:
            empties.append(break_at)
            continue
        if text[:indent].strip(" "):
            raise ValueError("under-indented line")
        kind = "more" if text[indent:indent + 1] in (" ", "\t") else "normal"
        if previous is not None:
            prev_kind, prev_break = previous
            if folded and prev_kind == kind == "normal" and not empties:
                out.append((" ", Origin(prev_break, prev_break + 1, False)))
            elif folded and prev_kind == kind == "normal":
                out += [("\n", Origin(e, e + 1, False)) for e in empties]
            else:
                out += [("\n", Origin(b, b + 1, False)) for b in (prev_break, *empties)]
        else:
            out += [("\n", Origin(e, e + 1, False)) for e in empties]
        out += [(c, Origin(offset + indent + i, offset + indent + i + 1)) for i, c in enumerate(text[indent:])]
        previous, empties = (kind, break_at), []
    return out


def _block_candidates(source: str, start: int, end: int, style: str) -> list[Callable[[], list[tuple[str, Origin]]]]:
    lines = _block_lines(source, start, end)
    first = next((text for text, _, _ in lines if text.strip(" ")), "")
    width = len(first) - len(first.lstrip(" "))
    # With an indentation indicator the first line, or a line of spaces, may reach deeper than
    # the block's indentation: try the likeliest first.
    deepest = max([width, 1] + [len(text) for text, _, _ in lines if not text.strip(" ")])
    indents = sorted(range(1, deepest + 1), key=lambda m: (m != width, -m))
    return [functools.partial(_block, lines, m, style == ">") for m in indents]


def scalar_origins(source: str, start: int, end: int, style: str | None, value: str) -> list[Origin] | None:
    """For each character of `value`, the source span it came from; None if the replay differs.

    `start`/`end` are the scalar node's marks (indices into `source`), `style` ruamel's style
    (None plain, ' or " quoted, | or > block).
    """
    try:
        if style in ("|", ">"):
            attempts = _block_candidates(source, start, end, style)
        else:
            inner = (start + 1, end - 1) if style in ("'", '"') else (start, end)
            attempts = [lambda: _fold_flow(_flow_tokens(source, *inner, style))]
    except (KeyError, ValueError, IndexError):
        return None
    for attempt in attempts:
        try:
            pairs = attempt()
        except (KeyError, ValueError, IndexError):
            continue
        built = "".join(text for text, _ in pairs)
        # Chomping only adds or removes final newlines: they carry no finding.
        if built.rstrip("\n") == value.rstrip("\n") and len(pairs) == len(built):
            origins = [origin for _, origin in pairs][: len(value.rstrip("\n"))]
            tail = Origin(end, end, False)
            return origins + [tail] * (len(value) - len(origins))
    return None
