"""Static TrueType copies of faces that reportlab cannot read, kept in a disk cache.

reportlab reads only static TrueType outlines (``glyf``). Noto CJK, Source Han and the
bundled fallback faces are CFF; variable faces need an instance. This module draws the
needed glyphs through ``Cu2QuPen`` into ``TTGlyphPen`` and assembles a small static
TrueType font with fontTools. Drawing CFF in Python costs about 0.5 ms a glyph, so the
result is cached.

Cache layout: one file per source face (path, size, mtime, collection index, variable
location, converter version), in ``cache_dir()/truetype``. The file *grows*: when a
document needs characters the cached copy lacks, the copy is rebuilt with the union of
what it had and what is needed, reusing the glyphs already converted (copied as raw
bytes), and replaced atomically (temp file + rename). So the cache stays one file per
face, most documents hit it, and a miss costs only the new glyphs plus a rewrite.

Public API:
    cache_dir() -> Path
    needs_conversion(path, index) -> bool
    truetype_bytes(path, index, weight, codepoints) -> bytes
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .output import replace_file

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

# Bump when the conversion changes, so old cache files are not reused.
CONVERTER_VERSION = 2
# cu2qu approximation error, in font units (fontTools' own default for OTF -> TTF).
_MAX_ERR = 1.0
# maxp maxima stated for any copy: above every glyph of the CJK faces in use (all of GB 2312 in
# Noto Serif CJK Bold needs 312 points and 17 contours), so they do not vary with the glyphs held.
FACE_MAX_POINTS, FACE_MAX_CONTOURS = 2048, 128


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


@functools.lru_cache(maxsize=None)
def needs_conversion(path: Path, index: int) -> bool:
    """True unless the face is static TrueType (glyf, no fvar), the only kind reportlab reads."""
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index, lazy=True) as font:
        return "glyf" not in font or "fvar" in font


def truetype_bytes(path: Path, index: int, weight: int, codepoints: Iterable[int]) -> bytes:
    """A static TrueType font with the face's glyphs for codepoints, for reportlab.

    codepoints must be characters the face has (the caller checks coverage first).
    weight picks the instance of a variable face and is ignored for a static one.
    Served from the disk cache when the cached copy already has them all.
    """
    from fontTools.ttLib import TTFont

    wanted = set(codepoints)
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


def _cache_file(path: Path, index: int, location: dict[str, float] | None) -> Path:
    """Cache file name: readable stem plus a hash of everything that makes the glyphs differ."""
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
    return cache_dir() / "truetype" / f"{path.stem}-{index}-{digest}.ttf"


def _build(
    source: TTFont, location: dict[str, float] | None, codepoints: list[int], reuse: TTFont | None
) -> bytes:
    """Assemble a static TrueType font for codepoints (all present in source's cmap).

    Glyphs found in reuse (an earlier output for the same source) are copied as compiled
    bytes; the rest are drawn from source, decomposed, cubic curves turned quadratic.
    Copied glyphs keep their compiled bounds (recalcBBoxes off, which also keeps the copy fast).

    The font-wide figures reportlab copies into every PDF subset (head box, widest advance,
    maxp maxima) are the face's, not those of the glyphs this copy happens to hold: the
    copy grows with what earlier documents needed, and a PDF must not depend on that.
    """
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables.DefaultTable import DefaultTable

    glyph_set = source.getGlyphSet(location=location)
    reverse = "glyf" not in source  # CFF contours run the other way round
    cmap = source.getBestCmap()
    reuse_cmap = reuse.getBestCmap() if reuse is not None else {}

    glyf = newTable("glyf")
    glyphs: dict = {}
    metrics: dict[str, tuple[int, int]] = {}
    max_points, max_contours = FACE_MAX_POINTS, FACE_MAX_CONTOURS

    def convert(out_name: str, source_name: str) -> None:
        nonlocal max_points, max_contours
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
        if glyph.numberOfContours > 0:
            max_points = max(max_points, len(glyph.coordinates))
            max_contours = max(max_contours, glyph.numberOfContours)

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
    if reuse is not None:
        max_points = max(max_points, reuse["maxp"].maxPoints)
        max_contours = max(max_contours, reuse["maxp"].maxContours)

    src_head, src_hhea = source["head"], source["hhea"]
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
    font["OS/2"] = source["OS/2"]
    font["name"] = source["name"]
    if location:
        _name_instance(font, location)
    builder.setupPost()
    head = font["head"]
    for field in ("fontRevision", "created", "modified", "macStyle", "flags", "lowestRecPPEM"):
        setattr(head, field, getattr(src_head, field))
    head.xMin, head.yMin, head.xMax, head.yMax = src_head.xMin, src_head.yMin, src_head.xMax, src_head.yMax
    maxp = font["maxp"]
    maxp.maxPoints, maxp.maxContours, maxp.maxZones = max_points, max_contours, 1
    # fontTools sets OS/2's first and last character from the cmap it compiles against: the face's.
    os2 = DefaultTable("OS/2")
    os2.data = font["OS/2"].compile(source)
    font["OS/2"] = os2
    font.recalcBBoxes = False
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


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
