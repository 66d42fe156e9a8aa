"""Small static TrueType copies of the glyphs documents use, kept in a disk cache.

reportlab reads only static TrueType outlines (``glyf``): Noto CJK, Source Han and the
bundled fallback faces are CFF; variable faces need an instance. And it reads a TrueType
face whole when registering it, in every process (60 ms for a 15 MB CJK face). So every
face is drawn from a copy: this module draws the needed glyphs through ``Cu2QuPen`` into
``TTGlyphPen`` and assembles a small static TrueType font with fontTools (hinting is not
copied: it serves screens at small sizes, not print). Drawing CFF in Python costs about
0.5 ms a glyph, TrueType less, so the result is cached.

Cache layout, in ``cache_dir()``:

``truetype/<face>-<index>-<hash>.ttf``: the copy of one source face, the hash over its
path, size, mtime, collection index, variable location and converter version. The file
*grows*: when a document needs characters the cached copy lacks, the copy is rebuilt with
the union of what it had and what is needed, reusing the glyphs already converted (copied
as raw bytes), and replaced atomically (temp file + rename). So the cache stays one file
per face, most documents hit it, and a miss costs only the new glyphs plus a rewrite.

``truetype/<same name>.runs``: the code points that copy maps, written after it and keyed
by its fingerprint (see `fingerprint`). With it (and the variable axes read from the source's table directory by
a few reads) a hit never imports fontTools, which with parsing the copy cost some 30 ms a
process. Runs that do not match the copy's bytes (damaged, or a concurrent writer's
other copy) are never trusted: the copy's cmap is read and the runs file written anew.

``truetype/<same name>.rl``: reportlab's per-glyph tables of that copy, see
``composer.layout.rlfaces``.

``coverage/<face>-<index>-<hash>.runs``: the code points the source face covers (key 0):
reading the cmap of a large CJK face takes about 90 ms, the cached runs microseconds.

A ``.runs`` file is little-endian uint32s: the CRC-32 of the rest, the key, then (first,
last) pairs of ascending runs. A CJK face's 40 000 code points are a few thousand runs,
which as JSON took up to a millisecond a face to parse.

``fontconfig.json`` and ``font-folders.json``: the installed faces and those of configured font
files, see ``composer.layout.fonts``.

Public API:
    truetype_bytes(path, index, weight, codepoints) -> bytes
    truetype_copy(path, index, weight, codepoints) -> (cache file, bytes)
    coverage(path, index) -> Coverage
    fingerprint(data) -> int        what a copy's records are keyed by
    line_metrics(path, index) -> (units per em, ascent, descent)
    (the cache folder and its records: composer.cache)
    Coverage                      code points as runs: `in`, covered(), lacking(), iteration
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import io
import itertools
import struct
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..cache import cache_dir, write_atomic

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

# Bump when the conversion changes, so old cache files are not reused.
CONVERTER_VERSION = 3
# Every copy holds these (those the source has): reportlab's first subset takes them all.
_ALWAYS = frozenset(range(0x20, 0x7F))
# maxp maxima of a copy of a CFF face, whose own maxp has none: the format's upper bound.
# Only hinting (which the copies do not carry) sizes buffers by them.
_MAX_POINTS = _MAX_CONTOURS = 0xFFFF
# cu2qu approximation error, in font units (fontTools' own default for OTF -> TTF).
_MAX_ERR = 1.0


class Coverage:
    """Code points as ascending inclusive runs (first, last).

    Callers ask about a document's few hundred characters, never about all 40 000 of a CJK
    face, so a lookup by bisection serves them, and loading costs no set of 40 000 ints.
    """

    def __init__(self, firsts: Sequence[int], lasts: Sequence[int]) -> None:
        self._firsts = firsts
        self._lasts = lasts
        # Code points asked about and found covered: a process asks about the same few
        # thousand again for every report, and a set answers for them all at once.
        self._seen: set[int] = set()

    @classmethod
    def of(cls, codepoints: Iterable[int]) -> Coverage:
        firsts: list[int] = []
        lasts: list[int] = []
        for cp in sorted(codepoints):
            if lasts and lasts[-1] == cp - 1:
                lasts[-1] = cp
            else:
                firsts.append(cp)
                lasts.append(cp)
        return cls(firsts, lasts)

    def __contains__(self, codepoint: int) -> bool:
        at = bisect.bisect_right(self._firsts, codepoint) - 1
        return at >= 0 and codepoint <= self._lasts[at]

    def __iter__(self) -> Iterator[int]:
        return itertools.chain.from_iterable(range(first, last + 1) for first, last in self.runs())

    def runs(self) -> Iterator[tuple[int, int]]:
        return zip(self._firsts, self._lasts)

    def covered(self, codepoints: Iterable[int]) -> set[int]:
        """Those of codepoints that are covered."""
        return {cp for cp in codepoints if cp in self}

    def lacking(self, codepoints: Iterable[int]) -> set[int]:
        """Those of codepoints that are not covered."""
        unseen = set(codepoints) - self._seen
        lacking = {cp for cp in unseen if cp not in self}
        self._seen.update(unseen - lacking)
        return lacking


def truetype_bytes(path: Path, index: int, weight: int, codepoints: Iterable[int]) -> bytes:
    """A static TrueType font with the face's glyphs for codepoints, for reportlab.

    codepoints must be characters the face has (the caller checks coverage first).
    weight picks the instance of a variable face and is ignored for a static one.
    Served from the disk cache when the cached copy already has them all; only a miss
    imports fontTools.
    """
    return truetype_copy(path, index, weight, codepoints)[1]


def truetype_copy(path: Path, index: int, weight: int, codepoints: Iterable[int]) -> tuple[Path, bytes]:
    """The cache file of the copy and its bytes (see truetype_bytes): what is recorded about
    the copy is kept beside it."""
    wanted = set(codepoints) | coverage(path, index).covered(_ALWAYS)
    location = _location(path, index, weight)
    target = _cache_file(path, index, location)
    cached = _read_cached(target)
    if cached is not None and not cached[1].lacking(wanted):
        return target, cached[0]
    from fontTools.ttLib import TTFont

    reuse = None
    if cached is not None:
        wanted.update(cached[1])
        reuse = TTFont(io.BytesIO(cached[0]), lazy=True)
    with TTFont(path, fontNumber=index, lazy=True) as source:
        data = _build(source, location, sorted(wanted), reuse)
    try:
        write_atomic(target, data)
        _write_runs(target.with_suffix(".runs"), Coverage.of(wanted), fingerprint(data))
    except OSError:
        pass  # an unwritable cache only costs the conversion again next time
    return target, data


@functools.lru_cache(maxsize=None)
def coverage(path: Path, index: int) -> Coverage:
    """Code points the face maps to a real glyph (not .notdef), read from the cache when the
    font file is unchanged since it was recorded, once per process. fontTools errors propagate."""
    target = _cache_file(path, index, None, folder="coverage", suffix=".runs")
    cached = _read_runs(target, 0)
    if cached is not None:
        return cached
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index, lazy=True) as font:
        notdef = font.getGlyphOrder()[0]
        covered = Coverage.of(cp for cp, glyph in font.getBestCmap().items() if glyph != notdef)
    try:
        _write_runs(target, covered, 0)
    except OSError:
        pass  # an unwritable cache only costs reading the font next time
    return covered


@functools.lru_cache(maxsize=None)
def line_metrics(path: Path, index: int) -> tuple[int, int, int]:
    """Units per em, ascent and descent (both positive) of a face's line: hhea's, as
    LibreOffice reads them, else the OS/2 Windows metrics Word reads. A few reads of the
    table directory and three tables, where fontTools would cost its import."""
    with open(path, "rb") as file:
        tables = _tables(file, index)

        def read(tag: bytes, at: int, layout: str) -> tuple[int, ...]:
            file.seek(tables[tag][0] + at)
            return struct.unpack(layout, file.read(struct.calcsize(layout)))

        (units,) = read(b"head", 18, ">H")
        ascent, descent = read(b"hhea", 4, ">hh")
        if ascent - descent <= 0 and b"OS/2" in tables:
            ascent, below = read(b"OS/2", 74, ">HH")
            descent = -below
    return units, ascent, -descent


def fingerprint(data: bytes) -> int:
    """What identifies a copy's bytes for the records kept beside it: the CRC-32 of its
    length and table directory, which holds every table's checksum (fontTools sums each
    table as it writes the copy). Another copy of the face (grown, or a concurrent
    writer's) or a cut one differs there. Bytes changed inside a table are not seen, as they
    were not with a CRC-32 of the whole copy (whose mismatch only had the copy's own cmap
    read again), which cost every process ~36 M instructions once the copies had grown."""
    (count,) = struct.unpack_from(">H", data, 4) if len(data) >= 6 else (0,)
    return zlib.crc32(data[:12 + 16 * count], zlib.crc32(struct.pack("<Q", len(data))))


def _write_runs(target: Path, points: Coverage, key: int) -> None:
    """Save points in the ``.runs`` format (see the module docstring)."""
    flat = [cp for run in points.runs() for cp in run]
    body = struct.pack(f"<I{len(flat)}I", key, *flat)
    write_atomic(target, struct.pack("<I", zlib.crc32(body)) + body)


def _read_runs(target: Path, key: int) -> Coverage | None:
    """The runs saved in target for key; None when absent, damaged or saved for another key."""
    try:
        data = target.read_bytes()
    except OSError:
        return None
    if len(data) % 8 or len(data) < 8 or data[:8] != struct.pack("<II", zlib.crc32(data[4:]), key):
        return None
    flat = struct.unpack(f"<{len(data) // 4 - 2}I", data[8:])
    return Coverage(flat[0::2], flat[1::2])


def _read_cached(target: Path) -> tuple[bytes, Coverage] | None:
    """The cached copy and the code points it maps, or None. The code points come from the
    runs file beside it when that was written for these very bytes, else from the copy's
    cmap (and the runs file is written anew). A copy fontTools cannot read is removed."""
    try:
        data = target.read_bytes()
    except OSError:
        return None
    runs_file, checksum = target.with_suffix(".runs"), fingerprint(data)
    held = _read_runs(runs_file, checksum)
    if held is None:
        from fontTools.ttLib import TTFont

        try:
            held = Coverage.of(TTFont(io.BytesIO(data), lazy=True).getBestCmap())
        except Exception:  # noqa: BLE001 - any parse failure means "not usable"
            target.unlink(missing_ok=True)
            return None
        try:
            _write_runs(runs_file, held, checksum)
        except OSError:
            pass  # an unwritable cache only costs reading the copy next time
    return data, held


def _tables(file: BinaryIO, index: int = 0) -> dict[bytes, tuple[int, int]]:
    """Offset and length of each table of face index, read from the sfnt (or collection)
    header: a few bytes, where fontTools would cost its import."""
    header = file.read(12)
    if header[:4] == b"ttcf":
        file.seek(12 + 4 * index)
        file.seek(struct.unpack(">I", file.read(4))[0])
        header = file.read(12)
    count = struct.unpack_from(">H", header, 4)[0]
    records = file.read(16 * count)
    return {records[at:at + 4]: struct.unpack_from(">II", records, at + 8) for at in range(0, 16 * count, 16)}


def _location(path: Path, index: int, weight: int) -> dict[str, float] | None:
    """The design location to draw a variable face at: wght clamped to its axis, other axes
    at their defaults. None for a static face."""
    with open(path, "rb") as file:
        tables = _tables(file, index)
        if b"fvar" not in tables:
            return None
        offset = tables[b"fvar"][0]
        file.seek(offset)
        axes_at, _, count, size = struct.unpack(">4H", file.read(16)[4:12])
        file.seek(offset + axes_at)
        axes = file.read(count * size)
    for at in range(0, count * size, size):
        tag, low, _, high = struct.unpack_from(">4s3i", axes, at)  # 16.16 fixed-point values
        if tag == b"wght":
            return {"wght": float(min(max(weight, low / 65536), high / 65536))}
    return {}


def _cache_file(
    path: Path, index: int, location: dict[str, float] | None, *, folder: str = "truetype", suffix: str = ".ttf"
) -> Path:
    """Cache file name: readable stem plus a hash of everything that makes the contents differ."""
    stat = path.stat()
    ident = "\0".join(
        [
            str(path.resolve()),
            str(stat.st_size),
            str(stat.st_mtime_ns),
            str(index),
            repr(sorted(location.items())) if location is not None else "static",
            str(CONVERTER_VERSION),
        ]
    )
    digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:20]
    return cache_dir() / folder / f"{path.stem}-{index}-{digest}{suffix}"


def _build(
    source: TTFont, location: dict[str, float] | None, codepoints: list[int], reuse: TTFont | None
) -> bytes:
    """Assemble a static TrueType font for codepoints (all present in source's cmap).

    Glyphs found in reuse (an earlier output for the same source) are copied as compiled
    bytes; the rest are drawn from source, decomposed, cubic curves turned quadratic.
    Nothing font-wide is computed from the glyphs (see the module docstring): the bounding
    box, widest advance and character range are the source's, the maxp maxima the source's
    (for a glyf source) or the format's bound, the timestamps the source's.
    """
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    glyph_set = source.getGlyphSet(location=location)
    reverse = "glyf" not in source  # CFF contours run the other way round
    cmap = source.getBestCmap()
    reuse_cmap = reuse.getBestCmap() if reuse is not None else {}

    glyf = newTable("glyf")
    glyphs: dict = {}
    metrics: dict[str, tuple[int, int]] = {}

    def convert(out_name: str, source_name: str) -> None:
        # Decompose: the glyphs that components point to need not be in the copy.
        outline = DecomposingRecordingPen(glyph_set)
        glyph_set[source_name].draw(outline)
        pen = TTGlyphPen(None)
        outline.replay(Cu2QuPen(pen, _MAX_ERR, reverse_direction=reverse))
        glyph = pen.glyph()
        glyph.recalcBounds(glyf)
        glyphs[out_name] = glyph
        metrics[out_name] = (
            round(glyph_set[source_name].width),
            getattr(glyph, "xMin", 0) if glyph.numberOfContours else 0,
        )

    order = [".notdef"]
    convert(".notdef", source.getGlyphOrder()[0])
    char_map: dict[int, str] = {}
    by_source: dict[str, str] = {}
    for cp in codepoints:
        source_name = cmap[cp]
        if source_name in by_source:
            char_map[cp] = by_source[source_name]
            continue
        out_name = f"g{len(order)}"
        order.append(out_name)
        by_source[source_name] = char_map[cp] = out_name
        if reuse is not None and cp in reuse_cmap:
            old = reuse_cmap[cp]
            glyphs[out_name] = reuse["glyf"].glyphs[old]  # raw, not expanded
            metrics[out_name] = reuse["hmtx"][old]
        else:
            convert(out_name, source_name)

    src_head, src_hhea, src_maxp = source["head"], source["hhea"], source["maxp"]
    builder = FontBuilder(src_head.unitsPerEm, isTTF=True)
    font = builder.font
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(char_map)
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(
        ascent=src_hhea.ascent,
        descent=src_hhea.descent,
        lineGap=src_hhea.lineGap,
        advanceWidthMax=src_hhea.advanceWidthMax,
    )
    os2 = font["OS/2"] = source["OS/2"]
    os2.updateFirstAndLastCharIndex = lambda _font: None  # keep the source's range
    font["name"] = source["name"]
    if location:
        _name_instance(font, location)
    builder.setupPost()
    head = font["head"]
    for field in ("fontRevision", "created", "modified", "macStyle", "flags", "lowestRecPPEM",
                  "xMin", "yMin", "xMax", "yMax"):
        setattr(head, field, getattr(src_head, field))
    maxp = font["maxp"]
    if src_maxp.tableVersion == 0x00010000:  # decomposed composites count as simple glyphs
        maxp.maxPoints = max(src_maxp.maxPoints, src_maxp.maxCompositePoints)
        maxp.maxContours = max(src_maxp.maxContours, src_maxp.maxCompositeContours)
    else:
        maxp.maxPoints, maxp.maxContours = _MAX_POINTS, _MAX_CONTOURS
    maxp.maxZones = 1
    font.recalcBBoxes = False
    font.recalcTimestamp = False
    out = io.BytesIO()
    font.save(out)
    return _without_checksum_adjustment(out.getvalue())


def _without_checksum_adjustment(data: bytes) -> bytes:
    """The font with head.checkSumAdjustment zeroed: it sums the whole file, so it would
    differ with every set of glyphs, and reportlab copies it into each embedded subset
    (whose own sum it then recomputes). Nothing reads the copy's whole-file checksum."""
    at = _tables(io.BytesIO(data))[b"head"][0] + 8
    return data[:at] + bytes(4) + data[at + 4:]


def _name_instance(font: TTFont, location: dict[str, float]) -> None:
    """Give an instance of a variable face a PostScript name and weight class of its own:
    the copied ones describe the default instance (often Thin), which misleads anyone
    reading the PDF's font list."""
    weight = round(location["wght"])
    name = font["name"]
    base = (name.getDebugName(6) or "Instance").split("-")[0]
    name.removeNames(nameID=6)
    name.setName(f"{base}-W{weight}", 6, 3, 1, 0x409)
    name.setName(f"{base}-W{weight}", 6, 1, 0, 0)
    font["OS/2"].usWeightClass = weight
