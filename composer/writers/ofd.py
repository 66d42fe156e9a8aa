"""OFD (GB/T 33190-2016): the laid-out pages (composer.layout) as a package of XML parts with
the faces embedded, the format Chinese electronic official documents are filed in.

The package: `OFD.xml` (the document's metadata, with the archive's custom data), the
document `Doc_0/Document.xml` (the A4 page area, the pages), `Doc_0/PublicRes.xml` (the faces,
each a TrueType subset of exactly the characters it draws in `Doc_0/Res/`) and one
`Doc_0/Pages/Page_N/Content.xml` per page: a `TextObject` per glyph run, its `TextCode`
placing every character where the layout put it (`DeltaX`), a `PathObject` per rule.
Positions are millimetres from the page's top-left corner, as OFD counts them, rounded to
a micrometre. The same pages give the same bytes: entries sorted, timestamps the issue date.
Seals (GB/T 38540 signatures) are not written: they need the agency's certified device.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date

from lxml import etree

from ..blocks import Metadata
from ..layout import fontcache
from ..layout.fonts import Face
from ..layout.fonts import _codepoints as drawn_codepoints  # the code points reportlab draws them by
from ..layout.paged import PagedDocument
from ..layout.typeset import Glyphs, Rule

NAMESPACE = "http://www.ofdspec.org/2016"
_MM_PER_PT = 25.4 / 72
_DOC = "Doc_0"
_FONT_FOLDER = "Res"
_BOLD = 600  # OpenType weight class from which a face is bold


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _root(name: str, **attributes: str) -> etree._Element:
    return etree.Element(_tag(name), attributes, nsmap={"ofd": NAMESPACE})


def _child(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _tag(name), attributes)
    element.text = text
    return element


def _um(points: float) -> int:
    """Points as whole micrometres (thousandths of OFD's millimetre)."""
    return round(points * _MM_PER_PT * 1000)


def _mm(micrometres: int) -> str:
    text = f"{micrometres / 1000:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _box(*micrometres: int) -> str:
    return " ".join(_mm(value) for value in micrometres)


def _rgb(color: str) -> str:
    return " ".join(str(int(color[k:k + 2], 16)) for k in (0, 2, 4))


def _deltas(values: Sequence[int]) -> str:
    """DeltaX with OFD's abbreviation: "g 5 5.644" for five equal steps in a row."""
    words: list[str] = []
    k = 0
    while k < len(values):
        end = k
        while end < len(values) and values[end] == values[k]:
            end += 1
        words += ["g", str(end - k), _mm(values[k])] if end - k > 2 else [_mm(values[k])] * (end - k)
        k = end
    return " ".join(words)


def _xml(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8")


def render(paged: PagedDocument) -> bytes:
    """The laid-out pages as an OFD package (ZIP bytes)."""
    ids = iter(range(1, 1 << 31))
    used = _used_characters(paged)
    font_ids = {font: next(ids) for font in used}
    parts: dict[str, bytes] = {}
    for font, font_id in font_ids.items():
        parts[f"{_DOC}/{_FONT_FOLDER}/font_{font_id}.ttf"] = _subset(paged.fonts.face(font), used[font])
    page_ids = []
    for number, page in enumerate(paged.pages):
        page_id = next(ids)
        page_ids.append(page_id)
        parts[f"{_DOC}/Pages/Page_{number}/Content.xml"] = _page(page.items, paged, font_ids, ids, page.size)
    last_id = next(ids) - 1
    parts[f"{_DOC}/PublicRes.xml"] = _public_res(paged, font_ids)
    parts[f"{_DOC}/Document.xml"] = _document(paged.size, page_ids, last_id)
    parts["OFD.xml"] = _ofd(paged.metadata)
    return _package(parts, paged.metadata.created)


def _used_characters(paged: PagedDocument) -> dict[str, set[str]]:
    """The characters each registered font draws, fonts in order of first use."""
    used: dict[str, set[str]] = defaultdict(set)
    for page in paged.pages:
        for item in page.items:
            if isinstance(item, Glyphs):
                used[item.font].update(item.text)
    return used


def _subset(face: Face, chars: set[str]) -> bytes:
    """The face's glyphs for exactly these characters, as TrueType (from the font cache's
    static copy, which may hold more); glyphs keep the copy's order, so the bytes depend
    only on the characters."""
    from fontTools import subset

    codepoints = drawn_codepoints(chars)
    source = fontcache.truetype_bytes(face.path, face.index, face.weight, codepoints)
    options = subset.Options()
    options.glyph_names = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    font = subset.load_font(io.BytesIO(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _page(
    items: Sequence[Glyphs | Rule], paged: PagedDocument, font_ids: dict[str, int], ids: Iterator[int],
    size: tuple[float, float] | None = None,
) -> bytes:
    """A page's content; `size`: its own page area (a landscape page), when not the document's."""
    page = _root("Page")
    if size is not None:
        _child(_child(page, "Area"), "PhysicalBox", _box(0, 0, _um(size[0]), _um(size[1])))
    layer = _child(_child(page, "Content"), "Layer", ID=str(next(ids)), Type="Body")
    for item in _reading_order(items):
        if isinstance(item, Glyphs):
            _text(layer, item, paged, font_ids[item.font], next(ids))
        else:
            _rule(layer, item, next(ids))
    return _xml(page)


def _reading_order(items: Sequence[Glyphs | Rule]) -> list[Glyphs | Rule]:
    """The items, runs that follow one another on one baseline left to right: a reader taking
    text objects in order reads the red header's number before the signer placed after it."""
    out: list[Glyphs | Rule] = []
    line: list[Glyphs] = []
    for item in items:
        if isinstance(item, Glyphs) and line and item.baseline == line[0].baseline:
            line.append(item)
            continue
        out += _left_to_right(line)
        line = []
        if isinstance(item, Glyphs):
            line.append(item)
        else:
            out.append(item)
    return out + _left_to_right(line)


def _left_to_right(line: list[Glyphs]) -> list[Glyphs]:
    return sorted(line, key=lambda glyphs: glyphs.xs[0])


def _text(layer: etree._Element, glyphs: Glyphs, paged: PagedDocument, font_id: int, unit_id: int) -> None:
    """One TextObject: its boundary the run's em box, every character at its own x."""
    xs = [_um(x) for x in glyphs.xs]
    right = _um(glyphs.xs[-1] + paged.widths(glyphs.text[-1], glyphs.font, glyphs.size))
    size = _um(glyphs.size)
    top = _um(glyphs.baseline - glyphs.size)
    descent = size // 4
    if glyphs.turned:
        _turned_text(layer, glyphs, xs, right, size, descent, font_id, unit_id)
        return
    text = _child(
        layer, "TextObject", ID=str(unit_id), Boundary=_box(xs[0], top, right - xs[0], size + descent),
        Font=str(font_id), Size=_mm(size),
    )
    if glyphs.color.upper() != "000000":
        _child(text, "FillColor", Value=_rgb(glyphs.color))
    code = _child(text, "TextCode", glyphs.text, X="0", Y=_mm(_um(glyphs.baseline) - top))
    if len(xs) > 1:
        code.set("DeltaX", _deltas([b - a for a, b in zip(xs, xs[1:])]))


def _turned_text(
    layer: etree._Element, glyphs: Glyphs, xs: list[int], bottom: int, size: int, descent: int, font_id: int,
    unit_id: int,
) -> None:
    """A run reading down the page (`Glyphs.turned`): set as usual and turned a quarter
    clockwise by its CTM about its baseline's start, `descent` in from its boundary's left."""
    baseline = _um(glyphs.baseline)
    text = _child(
        layer, "TextObject", ID=str(unit_id), Boundary=_box(baseline - descent, xs[0], size + descent, bottom - xs[0]),
        Font=str(font_id), Size=_mm(size), CTM=f"0 1 -1 0 {_mm(descent)} 0",
    )
    code = _child(text, "TextCode", glyphs.text, X="0", Y="0")
    if len(xs) > 1:
        code.set("DeltaX", _deltas([b - a for a, b in zip(xs, xs[1:])]))


def _rule(layer: etree._Element, rule: Rule, unit_id: int) -> None:
    """One PathObject: the rule stroked across its boundary, half its width each side."""
    half = _um(rule.width) // 2 + 1
    x0, y0, x1, y1 = (_um(value) for value in (rule.x0, rule.y0, rule.x1, rule.y1))
    left, top = min(x0, x1) - half, min(y0, y1) - half
    path = _child(
        layer, "PathObject", ID=str(unit_id),
        Boundary=_box(left, top, abs(x1 - x0) + 2 * half, abs(y1 - y0) + 2 * half), LineWidth=_mm(_um(rule.width)),
    )
    _child(path, "StrokeColor", Value=_rgb(rule.color))
    _child(path, "AbbreviatedData", f"M {_box(x0 - left, y0 - top)} L {_box(x1 - left, y1 - top)}")


def _public_res(paged: PagedDocument, font_ids: dict[str, int]) -> bytes:
    res = _root("Res", BaseLoc=_FONT_FOLDER)
    fonts = _child(res, "Fonts")
    for font, font_id in font_ids.items():
        face = paged.fonts.face(font)
        entry = _child(fonts, "Font", ID=str(font_id), FontName=face.family, FamilyName=face.family)
        if face.weight >= _BOLD:  # a viewer drawing by name (ofd.js) then picks the bold instance
            entry.set("FontName", f"{face.family} Bold")
            entry.set("Bold", "true")
        _child(entry, "FontFile", f"font_{font_id}.ttf")
    return _xml(res)


def _document(size: tuple[float, float], page_ids: list[int], last_id: int) -> bytes:
    document = _root("Document")
    common = _child(document, "CommonData")
    _child(common, "MaxUnitID", str(last_id))
    _child(_child(common, "PageArea"), "PhysicalBox", _box(0, 0, _um(size[0]), _um(size[1])))
    _child(common, "PublicRes", "PublicRes.xml")
    pages = _child(document, "Pages")
    for number, page_id in enumerate(page_ids):
        _child(pages, "Page", ID=str(page_id), BaseLoc=f"Pages/Page_{number}/Content.xml")
    return _xml(document)


def _ofd(metadata: Metadata) -> bytes:
    ofd = _root("OFD", Version="1.0", DocType="OFD")
    body = _child(ofd, "DocBody")
    info = _child(body, "DocInfo")
    identity = "\n".join((metadata.title, metadata.author, metadata.created.isoformat()))
    _child(info, "DocID", hashlib.md5(identity.encode("utf-8"), usedforsecurity=False).hexdigest())
    _child(info, "Title", metadata.title)
    _child(info, "Author", metadata.author)
    _child(info, "Subject", metadata.subject)
    _child(info, "CreationDate", metadata.created.isoformat())
    keywords = _child(info, "Keywords")
    for keyword in metadata.keywords:
        _child(keywords, "Keyword", keyword)
    _child(info, "Creator", "report-composer")
    if metadata.archive:
        custom = _child(info, "CustomDatas")
        for label, value in metadata.archive:
            _child(custom, "CustomData", value, Name=label)
    _child(body, "DocRoot", f"{_DOC}/Document.xml")
    return _xml(ofd)


def _package(parts: dict[str, bytes], issued: date) -> bytes:
    """The parts zipped in name order, every entry stamped with the issue date."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in sorted(parts):
            entry = zipfile.ZipInfo(name, date_time=(issued.year, issued.month, issued.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            package.writestr(entry, parts[name])
    return out.getvalue()
