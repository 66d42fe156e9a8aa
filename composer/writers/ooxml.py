"""WordprocessingML pieces the DOCX writer assembles: properties, styles, settings, the package.

python-docx builds the body; this module gives it what python-docx's own template gets wrong
for an official document: theme fonts and a Japanese fallback face in the styles, a thumbnail
and Word-for-Mac properties in the package, and a zip stamped with the time of the run. Here
every face is named outright, the package holds only the parts the document uses, and the zip
is written in a fixed order with fixed times, so identical input gives identical bytes.
"""

from __future__ import annotations

import copy
import functools
import io
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from lxml import etree

from ..blocks import Metadata
from ..profile import Profile

LANG = {"val": "en-US", "eastAsia": "zh-CN", "bidi": "ar-SA"}
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def twips(pt: float) -> int:
    return round(pt * 20)


@functools.cache
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    """The qualified name of a prefixed tag and its namespace, as python-docx's OxmlElement
    works them out on every call: a document makes thousands of elements of a few dozen tags."""
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


@functools.cache
def _w(name: str) -> str:
    return qn(f"w:{name}")


def el(tag: str, children: Iterable[etree._Element | None] = (), /, **attrs: object) -> etree._Element:
    """A w: element with w: attributes and children (None children are skipped): what
    OxmlElement(tag) makes, from python-docx's parser."""
    qualified, namespaces = _tag(tag)
    element = oxml_parser.makeelement(qualified, nsmap=namespaces)
    for name, value in attrs.items():
        if value is not None:
            element.set(_w(name), str(value))
    for child in children:
        if child is not None:
            element.append(child)
    return element


def on_off(tag: str, value: bool) -> etree._Element:
    return el(tag) if value else el(tag, val=0)


# --- runs -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Look:
    """How a run looks: the face named in all four slots, size, colour, character spacing."""

    face: str
    size: float  # pt
    color: str | None = None  # RRGGBB
    spacing: int = 0  # twips added after each character; negative tightens

    def rpr(self) -> etree._Element:
        """Run properties in schema order; every slot named so no theme or fallback face applies.
        A copy of the look's first: a document has a few looks and hundreds of runs, and lxml
        copies a tree several times faster than python-docx's parser makes its six elements."""
        return copy.deepcopy(_run_properties(self))


@functools.lru_cache(maxsize=256)
def _run_properties(look: Look) -> etree._Element:
    half_points = round(look.size * 2)
    return el("w:rPr", [
        el("w:rFonts", **{slot: look.face for slot in FONT_SLOTS}),
        el("w:color", val=look.color) if look.color else None,
        el("w:spacing", val=look.spacing),
        el("w:sz", val=half_points),
        el("w:szCs", val=half_points),
        el("w:lang", **LANG),
    ])


def run(text: str, look: Look) -> etree._Element:
    """One run of author text; lxml escapes it, so nothing in it is ever read as markup."""
    t = el("w:t")
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")
    return el("w:r", [look.rpr(), t])


def field_runs(instruction: str, placeholder: str, look: Look) -> list[etree._Element]:
    """A complex field (begin, instruction, separate, result, end): Word, WPS and LibreOffice update it."""
    instr = el("w:instrText")
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    return [
        el("w:r", [look.rpr(), el("w:fldChar", fldCharType="begin")]),
        el("w:r", [look.rpr(), instr]),
        el("w:r", [look.rpr(), el("w:fldChar", fldCharType="separate")]),
        run(placeholder, look),
        el("w:r", [look.rpr(), el("w:fldChar", fldCharType="end")]),
    ]


# --- paragraphs -----------------------------------------------------------------------------------


def border(width_pt: float, color: str, space_pt: float = 0) -> dict[str, object]:
    """Attributes of a single border line: width in eighths of a point, space in points."""
    return {"val": "single", "sz": max(2, round(width_pt * 8)), "space": round(space_pt), "color": color}


def ppr(
    *,
    style: str | None = None,
    keep_next: bool = False,
    page_break: bool = False,
    borders: dict[str, dict[str, object]] | None = None,
    tabs: Iterable[tuple[str, int]] = (),
    snap: bool = True,
    line: int | None = None,
    before: int | None = None,
    ind: Mapping[str, object] | None = None,
    jc: str | None = None,
    outline: int | None = None,
    mark: Look | None = None,
) -> etree._Element:
    """Paragraph properties in schema order; `line` is an exact line height in twips.

    `snap=False` keeps a paragraph off the line grid: LibreOffice otherwise gives a line whose
    type is taller than the grid pitch (title, issuer mark) two grid lines, exact height or not.
    """
    tab_list = [el("w:tab", val=kind, pos=pos) for kind, pos in tabs]
    return el("w:pPr", [
        el("w:pStyle", val=style) if style else None,
        el("w:keepNext") if keep_next else None,
        el("w:pageBreakBefore") if page_break else None,
        el("w:pBdr", [el(f"w:{side}", **attrs) for side, attrs in borders.items()]) if borders else None,
        el("w:tabs", tab_list) if tab_list else None,
        None if snap else el("w:snapToGrid", val=0),
        el("w:spacing", before=before, line=line, lineRule="exact" if line else None)
        if line or before is not None else None,
        el("w:ind", **ind) if ind else None,
        el("w:jc", val=jc) if jc else None,
        el("w:outlineLvl", val=outline) if outline is not None else None,
        mark.rpr() if mark else None,
    ])


_DRAWING = {
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
}


def turned_text_box(content: etree._Element, left: int, top: int, width: int, height: int, shape_id: int) -> etree._Element:
    """A run holding a borderless text box at (`left`, `top`) EMU from the page's top-left
    corner, `width` x `height` EMU, its paragraph `content` turned a quarter clockwise
    (DrawingML `vert="vert"`: every character, Chinese too), centred across the box."""
    def node(tag: str, children: Iterable[etree._Element] = (), text: str | None = None, **attrs: object) -> etree._Element:
        prefix, name = tag.split(":")
        element = etree.Element(f"{{{_DRAWING[prefix]}}}{name}", nsmap=_DRAWING if tag == "mc:AlternateContent" else None)
        for key, value in attrs.items():
            element.set(key, str(value))
        element.extend(children)
        element.text = text
        return element

    box = node("wps:wsp", [
        node("wps:cNvSpPr", txBox=1),
        node("wps:spPr", [
            node("a:xfrm", [node("a:off", x=0, y=0), node("a:ext", cx=width, cy=height)]),
            node("a:prstGeom", [node("a:avLst")], prst="rect"), node("a:noFill"), node("a:ln", [node("a:noFill")]),
        ]),
        node("wps:txbx", [node("w:txbxContent", [content])]),
        node("wps:bodyPr", [node("a:noAutofit")], rot=0, vert="vert", wrap="square", lIns=0, tIns=0, rIns=0, bIns=0,
             anchor="ctr", anchorCtr=0),
    ])
    anchor = node("wp:anchor", [
        node("wp:simplePos", x=0, y=0),
        node("wp:positionH", [node("wp:posOffset", text=str(left))], relativeFrom="page"),
        node("wp:positionV", [node("wp:posOffset", text=str(top))], relativeFrom="page"),
        node("wp:extent", cx=width, cy=height), node("wp:effectExtent", l=0, t=0, r=0, b=0), node("wp:wrapNone"),
        node("wp:docPr", id=shape_id, name=f"Page number {shape_id}"), node("wp:cNvGraphicFramePr"),
        node("a:graphic", [node("a:graphicData", [box],
                                uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape")]),
    ], distT=0, distB=0, distL=0, distR=0, simplePos=0, relativeHeight=1, behindDoc=0, locked=0, layoutInCell=1,
        allowOverlap=1)
    choice = node("mc:Choice", [el("w:drawing", [anchor])], Requires="wps")
    return el("w:r", [node("mc:AlternateContent", [choice])])


def keep_with_next(element: etree._Element) -> etree._Element:
    """Sets keep-with-next on a paragraph (other elements are left alone); returns it."""
    properties = element.find(qn("w:pPr"))
    if properties is None or properties.find(qn("w:keepNext")) is not None:
        return element
    style = properties.find(qn("w:pStyle"))
    properties.insert(0 if style is None else 1, el("w:keepNext"))
    return element


def keep_lines(element: etree._Element) -> etree._Element:
    """Sets keep-lines-together on a paragraph (after its keepNext, in schema order); returns it."""
    properties = element.find(qn("w:pPr"))
    if properties is None or properties.find(qn("w:keepLines")) is not None:
        return element
    before = properties.find(qn("w:keepNext"))
    if before is None:
        before = properties.find(qn("w:pStyle"))
    properties.insert(0 if before is None else properties.index(before) + 1, el("w:keepLines"))
    return element


def exact_line(element: etree._Element, line: int) -> etree._Element:
    """Takes a paragraph off the line grid at an exact `line` height in twips (other elements
    are left alone); returns it."""
    properties = element.find(qn("w:pPr"))
    if properties is None:
        return element
    spacing = properties.get_or_add_spacing()
    spacing.set(qn("w:line"), str(line))
    spacing.set(qn("w:lineRule"), "exact")
    if properties.find(qn("w:snapToGrid")) is None:
        spacing.addprevious(el("w:snapToGrid", val=0))  # it comes right before w:spacing
    return element


def paragraph(
    properties: etree._Element, runs: Iterable[etree._Element] = ()
) -> etree._Element:
    return el("w:p", [properties, *runs])


# --- styles ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StyleSpec:
    """A paragraph style a user of Word or WPS sees in the style list and can reapply."""

    style_id: str
    name: str
    look: Look
    ppr: etree._Element
    next_style: str = "Normal"  # the style Enter gives the next paragraph


def styles_element(
    profile: Profile, body: Look, line: int, cell_margin: int, specs: Iterable[StyleSpec]
) -> etree._Element:
    """docDefaults, Normal and the document's styles; no theme fonts anywhere.

    Normal carries the grid: exact line height, justified, widow control as the profile says
    (off: pages fill to the last grid line), the automatic space between Chinese and Latin
    text or digits on (LibreOffice ignores w:autoSpaceDE/DN and always sets it; the PDF sets
    the profile's latin_gap), and the tightened body run so typed text keeps the grid too.
    One line-breaking model with the PDF (layout/linebreak): the profile's kinsoku marks on
    (`w:kinsoku`), no hanging punctuation (`w:overflowPunct` off: Word's default hangs closing
    marks into the margin, so ink would pass the text block's right edge), no punctuation
    compression (settings): Word then takes the character before a closing mark down with
    it, and so does the PDF. LibreOffice (7.x) reads w:overflowPunct the other way round:
    val 0 makes it hang ，。、；：？！ past the margin, val 1 makes it break as Word does with
    val 0. We follow Word; bench/agreement.py measures LibreOffice's reading apart.
    """
    defaults = el("w:docDefaults", [
        el("w:rPrDefault", [body.rpr()]),
        el("w:pPrDefault", [el("w:pPr", [el("w:spacing", before=0, after=0, line=line, lineRule="exact")])]),
    ])
    normal_ppr = el("w:pPr", [
        on_off("w:widowControl", bool(profile.pagination.widow_control.value)),
        el("w:kinsoku"),
        el("w:wordWrap"),
        el("w:overflowPunct", val=0),
        el("w:topLinePunct", val=0),
        el("w:autoSpaceDE"),
        el("w:autoSpaceDN"),
        el("w:spacing", before=0, after=0, line=line, lineRule="exact"),
        el("w:jc", val="both"),
    ])
    styles = [
        _style("paragraph", "Normal", "Normal", [normal_ppr, body.rpr()], default=True),
        _style("character", "DefaultParagraphFont", "Default Paragraph Font", [], default=True),
        _style("table", "TableNormal", "Normal Table", [el("w:tblPr", [
            el("w:tblInd", w=0, type="dxa"),
            el("w:tblCellMar", [el("w:top", w=0, type="dxa"), el("w:left", w=cell_margin, type="dxa"),
                                el("w:bottom", w=0, type="dxa"), el("w:right", w=cell_margin, type="dxa")]),
        ])], default=True),
    ]
    for spec in specs:
        styles.append(_style(
            "paragraph", spec.style_id, spec.name, [spec.ppr, spec.look.rpr()], based_on="Normal",
            next_style=spec.next_style,
        ))
    return el("w:styles", [defaults, *styles])


def _style(
    kind: str, style_id: str, name: str, props: list[etree._Element], *, default: bool = False,
    based_on: str | None = None, next_style: str = "Normal",
) -> etree._Element:
    style = el("w:style", [
        el("w:name", val=name),
        el("w:basedOn", val=based_on) if based_on else None,
        el("w:next", val=next_style) if kind == "paragraph" else None,
        el("w:qFormat") if kind == "paragraph" else None,
        *props,
    ], type=kind, styleId=style_id)
    if default:
        style.set(qn("w:default"), "1")
    return style


# --- settings and fonts ---------------------------------------------------------------------------


def settings_children(profile: Profile, tab_twips: int) -> list[etree._Element]:
    """Odd/even footers, no punctuation compression, the profile's line-breaking rules, zh-CN."""
    rules = profile.line_breaking
    return [
        el("w:zoom", percent=100),
        el("w:defaultTabStop", val=tab_twips),
        el("w:evenAndOddHeaders"),
        el("w:characterSpacingControl", val="doNotCompress"),
        el("w:noLineBreaksAfter", lang="zh-CN", val=rules.no_line_end.value),
        el("w:noLineBreaksBefore", lang="zh-CN", val=rules.no_line_start.value),
        el("w:compat", [
            el("w:useFELayout"),
            el("w:compatSetting", name="compatibilityMode", uri="http://schemas.microsoft.com/office/word", val=15),
        ]),
        el("w:themeFontLang", val="en-US", eastAsia="zh-CN"),
        el("w:decimalSymbol", val="."),
        el("w:listSeparator", val=","),
    ]


def font_table(faces: Iterable[str], alternates: dict[str, str]) -> bytes:
    """The faces the document names, marked GB 2312 so a missing face falls back to a Chinese one.

    `altName` names the face an office usually has instead (仿宋 for 仿宋_GB2312); Word and WPS
    use it when the official cut is not installed.
    """
    fonts = el("w:fonts", [
        el("w:font", [
            el("w:altName", val=alternates[face]) if face in alternates else None,
            el("w:charset", val="86"),
            el("w:family", val="modern"),
            el("w:pitch", val="fixed"),
        ], name=face)
        for face in dict.fromkeys(faces)
    ])
    return etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- package --------------------------------------------------------------------------------------

CONTENT_TYPE_FONT_TABLE = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"
CONTENT_TYPE_APP = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
RT_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
KEEP_DOCUMENT_RELS = {RT.STYLES, RT.SETTINGS}


@functools.cache
def _template() -> bytes:
    """python-docx's blank document stripped to the document, its styles and settings, and the
    core properties, the styles' and settings' children left out: every render writes its own.
    Made once a process: the blank document's styles are 430 KB of XML that python-docx parses
    on every load, a third of a seed DOCX's time, only for the render to replace them."""
    document = docx.Document()
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype not in (RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES):
            del package.rels[rel_id]
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype not in KEEP_DOCUMENT_RELS:
            del document.part.rels[rel_id]
    del document.styles.element[:]
    del document.settings.element[:]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def new_document(fonts: bytes, metadata: Metadata) -> docx.document.Document:
    """python-docx's blank document stripped to styles and settings, with our font table and properties."""
    document = docx.Document(io.BytesIO(_template()))
    package = document.part.package
    document.part.relate_to(
        Part(PackURI("/word/fontTable.xml"), CONTENT_TYPE_FONT_TABLE, fonts, package), RT.FONT_TABLE
    )
    package.relate_to(Part(PackURI("/docProps/app.xml"), CONTENT_TYPE_APP, _app_xml(metadata), package), RT_APP)
    _core_properties(document, metadata)
    return document


def _app_xml(metadata: Metadata) -> bytes:
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns})
    for name, value in (("Application", "report-composer"), ("DocSecurity", "0"), ("Company", metadata.author)):
        etree.SubElement(root, f"{{{ns}}}{name}").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _property(text: str) -> str:
    """Core properties hold 255 characters at most; a longer title is cut with an ellipsis."""
    return text if len(text) <= 255 else text[:254] + "…"


def _core_properties(document: docx.document.Document, metadata: Metadata) -> None:
    """Fixed properties: nothing from the machine or the clock, so renders are reproducible."""
    issued = datetime(metadata.created.year, metadata.created.month, metadata.created.day, tzinfo=timezone.utc)
    core = document.core_properties
    core.title = _property(metadata.title)
    core.author = _property(metadata.author)
    core.subject = _property(metadata.subject)
    core.keywords = _property("; ".join(metadata.keywords))
    core.comments = ""
    core.category = ""
    core.language = "zh-CN"
    core.last_modified_by = ""
    core.revision = 1
    core.created = issued
    core.modified = issued


def save(document: docx.document.Document, when: date) -> bytes:
    """The package as a zip with members in a fixed order, each stamped with the issue date."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        members = {name: source.read(name) for name in source.namelist()}
    first = ["[Content_Types].xml", "_rels/.rels"]
    order = first + sorted(name for name in members if name not in first)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, members[name], compresslevel=9)
    return output.getvalue()
