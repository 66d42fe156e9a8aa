"""The sRGB ICC profile of the PDF/A output intent, built here rather than shipped.

A PDF/A file that paints in DeviceRGB names the colour space it means with an output intent
holding an ICC profile. No profile file comes with the package: the few hundred bytes of a
version 2 display profile (the form PDF/A-1 accepts too) are written from the published
figures of IEC 61966-2-1 (sRGB), its primaries adapted to the D50 connection space with the
Bradford transform as ICC.1 asks, and its tone curve sampled at 1024 points. The bytes are
the same on every machine, so the PDF stays reproducible, and no licence question arises.
"""

from __future__ import annotations

import struct
from functools import lru_cache

DESCRIPTION = "sRGB IEC61966-2.1"
_COPYRIGHT = "No copyright, use freely"
_CURVE_POINTS = 1024
# sRGB's primaries and white in the D50 connection space (ICC.1:2010 annex D; IEC 61966-2-1).
_D50 = (0.9642, 1.0, 0.8249)
_RED = (0.4360, 0.2225, 0.0139)
_GREEN = (0.3851, 0.7169, 0.0971)
_BLUE = (0.1431, 0.0606, 0.7141)


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(xyz: tuple[float, float, float]) -> bytes:
    return b"XYZ \0\0\0\0" + b"".join(_s15(v) for v in xyz)


def _text(text: str) -> bytes:
    return b"text\0\0\0\0" + text.encode("ascii") + b"\0"


def _description(text: str) -> bytes:
    """textDescriptionType: ASCII, then empty Unicode and ScriptCode parts."""
    ascii_ = text.encode("ascii") + b"\0"
    return b"desc\0\0\0\0" + struct.pack(">I", len(ascii_)) + ascii_ + struct.pack(">II", 0, 0) + b"\0\0\0" + bytes(67)


def _decoded(value: float) -> float:
    """sRGB's electro-optical transfer function (IEC 61966-2-1, 5.2)."""
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _curve() -> bytes:
    points = [round(_decoded(i / (_CURVE_POINTS - 1)) * 65535) for i in range(_CURVE_POINTS)]
    return b"curv\0\0\0\0" + struct.pack(f">I{_CURVE_POINTS}H", _CURVE_POINTS, *points)


@lru_cache(maxsize=1)
def profile() -> bytes:
    """An ICC v2.1 RGB display profile of sRGB (matrix and tone curves)."""
    curve = _curve()
    tags = [
        (b"desc", _description(DESCRIPTION)),
        (b"cprt", _text(_COPYRIGHT)),
        (b"wtpt", _xyz(_D50)),
        (b"rXYZ", _xyz(_RED)),
        (b"gXYZ", _xyz(_GREEN)),
        (b"bXYZ", _xyz(_BLUE)),
        (b"rTRC", curve),
        (b"gTRC", curve),  # the three channels share one curve's bytes, as ICC.1 allows
        (b"bTRC", curve),
    ]
    table_end = 128 + 4 + 12 * len(tags)
    data, entries, placed = b"", [], {}
    for signature, element in tags:
        if element not in placed:
            placed[element] = table_end + len(data)
            data += element + bytes(-len(element) % 4)  # elements start on 4-byte boundaries
        entries.append(struct.pack(">4sII", signature, placed[element], len(element)))
    size = table_end + len(data)
    header = (
        struct.pack(">I4sI4s4s4s", size, b"\0\0\0\0", 0x02100000, b"mntr", b"RGB ", b"XYZ ")
        + struct.pack(">6H", 2026, 1, 1, 0, 0, 0)  # creation date: fixed, for identical bytes
        + b"acsp" + bytes(4) + struct.pack(">I", 0) + bytes(8) + bytes(8)
        + struct.pack(">I", 0)  # rendering intent: perceptual
        + b"".join(_s15(v) for v in _D50)
        + bytes(4) + bytes(16) + bytes(28)
    )
    return header + struct.pack(">I", len(tags)) + b"".join(entries) + data
