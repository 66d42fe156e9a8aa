"""Small static TrueType copies of the glyphs documents use, kept in a disk cache.

reportlab reads only static TrueType outlines (``glyf``): Noto CJK, Source Han and the
bundled fallback faces are CFF; variable faces need an instance. And it reads a TrueType
face whole when registering it, in every process (60 ms for a 15 MB CJK face). So every
face is drawn from a copy: this module draws the needed glyphs through ``Cu2QuPen`` into
``TTGlyphPen`` and assembles a small static TrueType font with fontTools (hinting is not
copied: it serves screens at small sizes, not print). Drawing CFF in Python costs about
0.5 ms a glyph, TrueType less, so the result is cached.

Cache layout: one file per source face (path, size, mtime, collection index, variable
location, converter version), in ``cache_dir()/truetype``. The file *grows*: when a
document needs characters the cached copy lacks, the copy is rebuilt with the union of
what it had and what is needed, reusing the glyphs already converted (copied as raw
bytes), and replaced atomically (temp file + rename). So the cache stays one file per
face, most documents hit it, and a miss costs only the new glyphs plus a rewrite.

The code points a face covers are cached too (``coverage``): reading the cmap of a large
CJK face takes about 90 ms, the cached ranges under a millisecond.

Public API:
    cache_dir() -> Path
    truetype_bytes(path, index, weight, codepoints) -> bytes
    coverage(path, index) -> frozenset[int]
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .output import replace_file

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


def cache_dir() -> Path:
    """The user cache folder: $REPORT_COMPOSER_CACHE, else $XDG_CACHE_HOME/report-composer,
    else ~/.cache/report-composer. Read at each call so tests and callers can redirect it."""
    explicit = os.environ.get("REPORT_COMPOSER_CACHE")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "report-composer"


def write_atomic(target: Path, data: bytes) -> None:
    """Write data to target through a temp file in the same folder and a rename, so a
    concurrent reader sees the old file or the new one, never half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_file(target, data)


def truetype_bytes(path: Path, index: int, weight: int, codepoints: Iterable[int]) -> bytes:
    """A static TrueType font with the face's glyphs for codepoints, for reportlab.

    codepoints must be characters the face has (the caller checks coverage first).
    weight picks the instance of a variable face and is ignored for a static one.
    Served from the disk cache when the cached copy already has them all.
    """
    from fontTools.ttLib import TTFont

    wanted = set(codepoints) | (_ALWAYS & coverage(path, index))
    with TTFont(path, fontNumber=index, lazy=True) as source:
        location = _location(source, weight)
        target = _cache_file(path, index, location)
        cached = _read_cached(target)
        if cached is not None:
            data, font = cached
            have = set(font.getBestCmap())
            if wanted <= have:
                return data
            wanted |= have
        data = _build(source, location, sorted(wanted), cached[1] if cached else None)
    try:
        write_atomic(target, data)
    except OSError:
        pass  # an unwritable cache only costs the conversion again next time
    return data


@functools.lru_cache(maxsize=None)
def coverage(path: Path, index: int) -> frozenset[int]:
    """Code points the face maps to a real glyph (not .notdef), read from the cache when the
    font file is unchanged since it was recorded, once per process. fontTools errors propagate."""
    target = _cache_file(path, index, None, folder="coverage", suffix=".json")
    try:
        ranges = json.loads(target.read_text(encoding="ascii"))
        return frozenset(itertools.chain.from_iterable(range(a, b + 1) for a, b in ranges))
    except (OSError, ValueError, TypeError):
        pass  # absent or damaged: read the font
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index, lazy=True) as font:
        notdef = font.getGlyphOrder()[0]
        covered = frozenset(cp for cp, glyph in font.getBestCmap().items() if glyph != notdef)
    try:
        write_atomic(target, json.dumps(_ranges(covered)).encode("ascii"))
    except OSError:
        pass  # an unwritable cache only costs reading the font next time
    return covered


def _ranges(codepoints: frozenset[int]) -> list[tuple[int, int]]:
    """Sorted code points as inclusive (first, last) runs: a CJK face's 40 000 are a few hundred."""
    runs: list[tuple[int, int]] = []
    for cp in sorted(codepoints):
        if runs and runs[-1][1] == cp - 1:
            runs[-1] = (runs[-1][0], cp)
        else:
            runs.append((cp, cp))
    return runs


def _read_cached(target: Path) -> tuple[bytes, TTFont] | None:
    """The cached copy and its parsed font, or None. A damaged file is removed and rebuilt."""
    from fontTools.ttLib import TTFont

    try:
        data = target.read_bytes()
        font = TTFont(io.BytesIO(data), lazy=True)
        font.getBestCmap()
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - any parse failure means "not usable"
        target.unlink(missing_ok=True)
        return None
    return data, font


def _location(font: TTFont, weight: int) -> dict[str, float] | None:
    """The design location to draw a variable face at: wght clamped to its axis, other axes
    at their defaults. None for a static face."""
    if "fvar" not in font:
        return None
    for axis in font["fvar"].axes:
        if axis.axisTag == "wght":
            return {"wght": float(min(max(weight, axis.minValue), axis.maxValue))}
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
        if cp in reuse_cmap:
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
    from fontTools.ttLib.sfnt import SFNTReader

    reader = SFNTReader(io.BytesIO(data))
    at = reader.tables["head"].offset + 8
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
