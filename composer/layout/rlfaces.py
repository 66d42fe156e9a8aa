"""reportlab's reading of the font copies (composer.layout.fontcache), its per-glyph tables
recorded beside each copy.

Registering a face, reportlab reads its character map, advances, side bearings and glyph
offsets into Python tables, glyph by glyph: 20 ms for a copy of a few thousand CJK glyphs,
some 40 ms a render for its four faces, in every process. What it reads depends on the copy's
bytes and on reportlab alone, so the tables are recorded in ``<copy>.rl`` (marshal: the
format, reportlab's and Python's versions, the copy's fingerprint and length, the tables; a CRC-32
of all that first) and a later process takes them from there. A record made for other bytes (the copy
grew), by another reportlab or damaged is never used: the copy is read as before and the
record written anew (atomically; an unwritable cache only costs the reading).

Of reportlab's tables, glyph -> characters is read by shaping alone (never by our renders) and
mirrors character -> glyph: the record holds only where the two differ (reportlab's U+00A0
taking the space's glyph), and the table is made when first asked for. Loading it whole was a
quarter of a grown copy's record.
"""

from __future__ import annotations

import io
import itertools
import os
import sys
import zlib
from collections.abc import Callable, Iterable
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, NamedTuple, TypeVar
from weakref import WeakKeyDictionary

from reportlab import Version, rl_config
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFObject, PDFZCompress
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace, unShapedFontGlob

from ..cache import read_record, write_record
from .fontcache import fingerprint

_FORMAT = 3  # 2: keyed by the copy's fingerprint, not its CRC-32; 3: glyphToChar as exceptions
# What reportlab's extractInfo reads glyph by glyph (the rest is a few fields, read each time).
_TABLES = ("charToGlyph", "glyphToChar", "charWidths", "hmetrics", "defaultWidth", "glyphPos")
_SUBSETS_KEPT = 32  # per face: a few reports' worth (the seed embeds 6 subsets of 4 faces)


class RecordedFace(TTFontFace):
    """A TTFontFace of a copy whose per-glyph tables come from `record` when it was made for
    these bytes by this reportlab (and are recorded there when not).

    It also keeps the last subsets it embedded (a PDF embeds a face as subsets of 256 glyphs
    in the order the document first uses them), made and compressed, and their width arrays
    written: rendering the same text again (a preview redrawn, a report sent twice) embeds the
    same subsets, whose making, compressing and writing was a fifth of a seed PDF's time.
    Another text makes its own. The compressed subsets are recorded on disk too, in a folder
    beside the record (the last `_SUBSETS_KEPT` of the face), for the next process: a report
    rendered again after an edit embeds the same subsets up to its first new character.
    """

    def __init__(self, data: bytes, record: Path) -> None:
        self._record = record
        self._key = (_FORMAT, Version, sys.version_info[:2], fingerprint(data), len(data))
        self._subsets: dict[tuple[int, ...], _Subset] = {}  # by code points
        super().__init__(io.BytesIO(data))

    def _subset(self, subset: list[int]) -> _Subset:
        def made() -> _Subset:
            key = (*self._key, tuple(subset))
            record = self._record.with_suffix(".subsets") / f"{zlib.crc32(repr(subset).encode()):08x}"
            kept = read_record(record, key)
            if isinstance(kept, tuple) and len(kept) == 2:
                compressed, widths = kept
                return _Subset(zlib.decompress(compressed), compressed, _Written(widths))
            data = super(RecordedFace, self).makeSubset(subset)
            compressed = zlib.compress(data)
            widths = PDFArray(list(map(self.getCharWidth, subset))).format(None)  # as reportlab's addObjects
            write_record(record, key, (compressed, widths))
            _keep_newest(record.parent, _SUBSETS_KEPT)
            return _Subset(data, compressed, _Written(widths))

        return _kept(self._subsets, tuple(subset), made)

    def width_array(self, subset: list[int]) -> PDFObject:
        """The subset's width array as the PDF writes it: reportlab formats its 256 numbers one
        by one for every document."""
        return self._subset(subset).widths

    def makeSubset(self, subset: list[int]) -> bytes:  # noqa: N802 - reportlab's name
        return self._subset(subset).data

    def addSubsetObjects(self, doc: Any, fontname: str, subset: list[int]) -> Any:  # noqa: N802 - reportlab's name
        """reportlab's font file and descriptor of a subset, the font file already compressed
        (as reportlab's FlateDecode filter would, zlib at its default level) when the document
        compresses its streams."""
        descriptor = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject[f"fontFile:{self.filename}({fontname})"]
        if stream.filters == [PDFZCompress] and "Filter" not in stream.dictionary:
            stream.content = self._subset(subset).compressed
            stream.dictionary["Filter"] = PDFArray([PDFName(PDFZCompress.pdfname)])
        return descriptor

    def extractInfo(self, charInfo: int = 1) -> None:  # noqa: N802 - reportlab's name
        tables = _read(self._record, self._key) if charInfo else None
        if tables is None:
            super().extractInfo(charInfo)
            if charInfo:
                write_record(self._record, self._key, [
                    _exceptions(self.charToGlyph, self.glyphToChar) if name == "glyphToChar" else getattr(self, name)
                    for name in _TABLES
                ])
            return
        super().extractInfo(0)  # the font-wide fields only
        for name, value in zip(_TABLES, tables):
            if name == "glyphToChar":
                # shaping later adds characters to charToGlyph (never changes one): those read count
                self._glyph_to_char_as_read = (len(tables[0]), value)
            else:
                setattr(self, name, value)

    @property
    def glyphToChar(self) -> dict[int, list[int]]:  # noqa: N802 - reportlab's name
        """reportlab's glyph -> characters, made from the record when first asked for."""
        table = self.__dict__.get("_glyph_to_char")
        if table is None:
            as_read = self.__dict__.get("_glyph_to_char_as_read")
            if as_read is None:  # another thread made it meanwhile
                return self.__dict__["_glyph_to_char"]
            count, exceptions = as_read
            table = _glyphs_to_chars(itertools.islice(self.charToGlyph.items(), count))
            for glyph, chars in exceptions.items():
                if chars is None:
                    del table[glyph]
                else:
                    table[glyph] = chars
            self.__dict__["_glyph_to_char"] = table
            self.__dict__.pop("_glyph_to_char_as_read", None)
        return table

    @glyphToChar.setter
    def glyphToChar(self, table: dict[int, list[int]]) -> None:  # noqa: N802 - reportlab's name
        self.__dict__["_glyph_to_char"] = table


class RecordedFont(TTFont):
    """reportlab's TTFont given a face already read, where TTFont reads a file: the same
    fields as TTFont.__init__ sets (reportlab's defaults) but the face."""

    def __init__(self, name: str, face: TTFontFace) -> None:
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, pattern) for pattern in unShapedFontGlob)

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
        """reportlab's objects for the subsets of the font the document drew, each subset's
        width array the one its face keeps written."""
        state = self.state.get(doc)
        drawn = [] if state is None else [
            (self.getSubsetInternalName(n, doc)[1:], subset) for n, subset in enumerate(state.subsets)
        ]
        super().addObjects(doc)
        if isinstance(self.face, RecordedFace):
            fonts = doc.idToObject["BasicFonts"].dict
            for name, subset in drawn:
                fonts[name].Widths = self.face.width_array(subset)


class _Written(PDFObject):
    """A PDF object already written out."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


class _Subset(NamedTuple):
    """A subset of a face as a PDF embeds it."""

    data: bytes  # the TrueType font
    compressed: bytes  # as reportlab's FlateDecode filter writes it (zlib, default level)
    widths: PDFObject  # the width array, written


_Made = TypeVar("_Made")


def _kept(table: dict[tuple[int, ...], _Made], key: tuple[int, ...], make: Callable[[], _Made]) -> _Made:
    """table[key], made first if missing; the table forgets all when it holds _SUBSETS_KEPT."""
    made = table.get(key)
    if made is None:
        if len(table) >= _SUBSETS_KEPT:
            table.clear()
        made = table[key] = make()
    return made


def _keep_newest(folder: Path, count: int) -> None:
    """Removes all but the `count` newest files of folder (another process may remove them too)."""
    try:
        files = sorted(os.scandir(folder), key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        for entry in files[count:]:
            Path(entry.path).unlink(missing_ok=True)
    except OSError:
        pass  # a cache left larger costs only disk


def _glyphs_to_chars(char_to_glyph: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
    """Glyph -> the characters mapped to it, from character -> glyph's items, in their order."""
    table: dict[int, list[int]] = {}
    for char, glyph in char_to_glyph:
        table.setdefault(glyph, []).append(char)
    return table


def _exceptions(char_to_glyph: dict[int, int], glyph_to_char: dict[int, list[int]]) -> dict[int, list[int] | None]:
    """Where glyph_to_char is not what _glyphs_to_chars(char_to_glyph) makes: glyph -> its
    characters, or None for a glyph it lacks."""
    derived = _glyphs_to_chars(char_to_glyph.items())
    differing: dict[int, list[int] | None] = {g: chars for g, chars in glyph_to_char.items() if derived.get(g) != chars}
    differing.update((g, None) for g in derived if g not in glyph_to_char)
    return differing


def _read(record: Path, key: tuple[Any, ...]) -> list[Any] | None:
    tables = read_record(record, key)
    return tables if isinstance(tables, list) and len(tables) == len(_TABLES) else None
