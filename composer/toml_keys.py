"""Where each table and key of a TOML file is written, so a problem in it gets a line and column.

tomllib gives the data but no positions. This scanner walks a text that tomllib has already
accepted and records, for every table header (`[a.b]`), key (`k =`, dotted `a.b =`, quoted
`"a b" =`) and key of an inline table (`k = { value = 1 }`), the 1-based line and column of the
statement that wrote it. It never rejects anything: the text is known to be valid TOML.
"""

from __future__ import annotations

import tomllib

from .readers.source import Lines

Key = tuple[str, ...]
_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR_END = frozenset(",]}\n#")


def key_positions(text: str) -> dict[Key, tuple[int, int]]:
    """Every table and key path of a valid TOML text -> (line, column) of where it is written."""
    scanner = _Scanner(text)
    scanner.document()
    lines = Lines(text)
    return {key: lines.place(offset) for key, offset in scanner.found.items()}


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.at = 0
        self.found: dict[Key, int] = {}

    def _peek(self, ahead: int = 0) -> str:
        index = self.at + ahead
        return self.text[index] if index < len(self.text) else ""

    def _blank(self, newlines: bool) -> None:
        """Skips spaces and tabs, comments, and line ends if asked."""
        while self.at < len(self.text):
            char = self.text[self.at]
            if char in " \t\r" or newlines and char == "\n":
                self.at += 1
            elif char == "#":
                end = self.text.find("\n", self.at)
                self.at = len(self.text) if end < 0 else end
            else:
                return

    def _record(self, path: Key, offset: int) -> None:
        for length in range(1, len(path) + 1):
            self.found.setdefault(path[:length], offset)

    def document(self) -> None:
        table: Key = ()
        while True:
            self._blank(newlines=True)
            if self.at >= len(self.text):
                return
            start = self.at
            if self._peek() == "[":
                self.at += 2 if self._peek(1) == "[" else 1
                self._blank(newlines=False)
                table = self._key()
                self._record(table, start)
                self.at = self.text.find("\n", self.at) if "\n" in self.text[self.at:] else len(self.text)
                continue
            path = table + self._key()
            self._record(path, start)
            self._assignment(path)

    def _assignment(self, path: Key | None) -> None:
        self._blank(newlines=False)
        if self._peek() == "=":
            self.at += 1
        self._blank(newlines=False)
        self._value(path)

    def _key(self) -> Key:
        """A dotted key; bare and quoted parts, each decoded as tomllib reads it."""
        parts: list[str] = []
        while self.at < len(self.text):
            char = self._peek()
            if char in "\"'":
                end = self._string_end(self.at)
                raw = self.text[self.at:end]
                parts.append(next(iter(tomllib.loads(f"{raw} = 0"))))
                self.at = end
            else:
                begin = self.at
                while self._peek() in _BARE and self._peek():
                    self.at += 1
                if self.at == begin:  # not a key: step over the character
                    self.at += 1
                    break
                parts.append(self.text[begin:self.at])
            self._blank(newlines=False)
            if self._peek() != ".":
                break
            self.at += 1
            self._blank(newlines=False)
        return tuple(parts)

    def _string_end(self, start: int) -> int:
        """The index just after the string starting at `start` (basic, literal, multi-line)."""
        quote = self.text[start]
        if self.text.startswith(quote * 3, start):
            end = self.text.find(quote * 3, start + 3)
            end = len(self.text) if end < 0 else end + 3
            while end < len(self.text) and self.text[end] == quote:  # up to two quotes close it too
                end += 1
            return end
        index = start + 1
        while index < len(self.text) and self.text[index] != quote and self.text[index] != "\n":
            index += 2 if quote == '"' and self.text[index] == "\\" else 1
        return index + 1

    def _value(self, path: Key | None) -> None:
        char = self._peek()
        if char in "\"'":
            self.at = self._string_end(self.at)
        elif char == "{":
            self.at += 1
            while self.at < len(self.text):
                self._blank(newlines=True)
                if self._peek() in ("}", ""):
                    self.at += 1
                    return
                if self._peek() == ",":
                    self.at += 1
                    continue
                start = self.at
                inner = self._key()
                if path is not None:
                    self._record(path + inner, start)
                self._assignment(None if path is None else path + inner)
        elif char == "[":
            self.at += 1
            while self.at < len(self.text):
                self._blank(newlines=True)
                if self._peek() in ("]", ""):
                    self.at += 1
                    return
                if self._peek() == ",":
                    self.at += 1
                    continue
                before = self.at
                self._value(None)
                self.at += self.at == before  # never stuck on a character no value starts with
        else:
            while self.at < len(self.text) and self.text[self.at] not in _SCALAR_END:
                self.at += 1
