"""Word (.docx) -> source paragraphs and tables, read generically from the document's XML.

What an agency draft and our own DOCX output have in common, and what is read here:
- body paragraphs and tables in order (content controls opened); a paragraph's "line" is its
  number in the body, counting every paragraph and table (a table's contents share its number);
- the text of runs, tracked changes as accepted (insertions kept, deletions left out, a paragraph
  whose mark is deleted run on into the next, a deleted table row left out); a line break inside
  a paragraph (w:br) splits it into lines that share the paragraph's number (a title may be set
  as one paragraph with breaks, or as several centred paragraphs);
- automatic numbering (w:numPr on the paragraph or its style, the level a style is linked to):
  the marker Word draws ("一、", "（一）", "1.") is computed from the numbering definitions, as
  Word counts (one count per definition), since it is not in the text; bullets are not markers;
- heading styles ("Heading 2", "标题 2") and outline levels, for headings without markers;
- a run-in heading as the leading runs whose face (east-Asian font, bold, the run's own or its
  styles') differs from the rest of the paragraph, e.g. "（一）加强组织领导。" in 楷体 followed by
  body text in 仿宋;
- alignment and indents (w:jc, w:ind in twips or in characters), which say where signature and
  date were placed (for the seal);
- tables that only lay text out (one column, or holding the red header or the end block) are read
  as their paragraphs; other tables are data, without their rows that hold no text.
- text boxes, after the paragraph they are anchored in: LibreOffice saves a floating table (the
  end block of a .doc it converted, or of our own DOCX) as a frame, which is a text box in DOCX;
- a field's shown result (a hyperlink's text, a caption's number), not its instruction; a symbol
  of the Symbol or Wingdings font (w:sym, or its private-use code in a run set in the font) as
  the Unicode character it shows; a formula's text (≥95%); characters under their pinyin (ruby)
  without the pinyin.
Headers and footers are not read (the running title, the page number): what they hold but a
page number is named in a note. What the report cannot hold gets a warning at its place: a
footnote's, an endnote's or a comment's text, hidden text, a picture, a chart or SmartArt, an
embedded object (an Excel table pasted as one). A table of contents (a TOC field or Word's TOC
control) and an unfilled control's prompt are left out with a note; tracked changes are read as
accepted, with one warning.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from ..blocks import cells
from ..numbering import chinese_number
from ..problems import Location, Problem, ReportError
from .frame import layout_table
from .source import SourceBlock, SourceDocument, SourceParagraph, SourceTable

if TYPE_CHECKING:
    from ..profile import Profile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# A picture: DrawingML's image (a:blip), or VML's in an older file (its copy in mc:Fallback is not another)
_PICTURES = ("{http://schemas.openxmlformats.org/drawingml/2006/main}blip", "{urn:schemas-microsoft-com:vml}imagedata")
# A chart or a SmartArt diagram: DrawingML whose data lives in a part of its own, with no picture.
_GRAPHIC_DATA = "{http://schemas.openxmlformats.org/drawingml/2006/main}graphicData"
_CHART_KINDS = ("/chart", "/chartex", "/diagram")
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_OLE_OBJECT = "{urn:schemas-microsoft-com:office:office}OLEObject"
_DOC_PROPERTIES = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def _is_picture(image: Any) -> bool:
    """A picture of the draft's, not the copy in mc:Fallback of one counted already, nor a seal
    this tool drew (named 印章N: a report names its seal images apart)."""
    ancestors = list(image.iterancestors())
    if any(a.tag == MC + "Fallback" for a in ancestors):
        return False
    drawing = next((a for a in ancestors if a.find(_DOC_PROPERTIES) is not None), None)
    return drawing is None or not (drawing.find(_DOC_PROPERTIES).get("name") or "").startswith("印章")


_SKIPPED = {W + "del", W + "moveFrom", W + "txbxContent", MC + "Fallback", W + "pPr", W + "rPr"}
_REVISIONS = (W + "ins", W + "del", W + "moveFrom", W + "moveTo")
# The characters the Symbol and Wingdings fonts draw at the codes Word writes in w:sym (F0xx),
# those a report may use; another is not guessed at but noted.
_SYMBOL_FONTS = {
    "symbol": dict(zip(
        (0x22, 0x24, 0x2D, 0x40, 0xA2, 0xA3, 0xA5, 0xAC, 0xAD, 0xAE, 0xAF, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB7,
         0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xD6, 0xD7, 0xDB, 0xDE, 0xE0),
        "∀∃−≅′≤∞←↑→↓°±″≥×•÷≠≡≈…√⋅⇔⇒◊")),
    "wingdings": dict(zip((0x6C, 0x6E, 0x9F, 0xA1, 0xA8, 0xFB, 0xFC, 0xFD, 0xFE), "●■•○◻✗✓☒☑")),
}
_NOTE_TEXT = 60  # characters of a dropped text quoted in its note
_OPENED = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"}
_HEADING_STYLE = re.compile(r"(?i)(heading|标题)\s*([1-9])")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
# Word takes list start values from 0 to 32767; a larger one is not a list Word could draw.
MAX_LIST_START = 32767
MAX_LEVEL = 8  # list levels 0-8
# Uncompressed sizes: a long report's document.xml is a few MB, its pictures some more. A zip
# bomb (505 KB expanding to 1 GB) is refused from the archive's directory before it is inflated.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_PACKAGE_BYTES = 256 * 1024 * 1024


class _Malformed(Exception):
    """What in the document's XML Word's schema does not allow, as a problem's code and params."""

    def __init__(self, code: str, **params: str):
        super().__init__(code)
        self.code, self.params = code, params


def _attr(element: Any, name: str) -> str | None:
    return element.get(W + name) if element is not None else None


def _int(element: Any, name: str, default: int, low: int = -(2**31), high: int = 2**31 - 1) -> int:
    """An integer attribute (w:ilvl, w:start, w:leftChars), refused by name when it is not one
    or lies outside what Word accepts."""
    value = _attr(element, name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        tag = element.tag.rsplit("}", 1)[-1]
        raise _Malformed("import_docx_bad_value", value=f'<w:{tag} w:{name}="{value[:40]}">', low=str(low), high=str(high))
    return number


def _on(element: Any) -> bool:
    """A w:b-like toggle: present and not switched off."""
    return element is not None and _attr(element, "val") not in ("0", "false", "off")


def _roman(n: int) -> str:
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, numeral in numerals:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _formatted(n: int, fmt: str) -> str | None:
    """A counter in a w:numFmt; None for a bullet."""
    if fmt == "bullet":
        return None
    if fmt == "none":
        return ""
    if fmt.startswith(("chineseCounting", "japaneseCounting", "taiwaneseCounting", "chineseLegal")):
        return chinese_number(n) if 1 <= n <= 999 else str(n)
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt.startswith("decimalFullWidth"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    return str(n)


class _Styles:
    def __init__(self, document: Any):
        root = document.styles.element
        self.by_id = {_attr(s, "styleId"): s for s in root.iter(W + "style")}
        self.default = next(
            (s for s in root.iter(W + "style") if _attr(s, "type") == "paragraph" and _attr(s, "default") in ("1", "true")),
            None,
        )
        self.default_run = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")

    def chain(self, style_id: str | None) -> Iterator[Any]:
        """The style and those it is based on."""
        style = self.by_id.get(style_id) if style_id else self.default
        seen: set[int] = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            yield style
            based = style.find(W + "basedOn")
            style = self.by_id.get(_attr(based, "val")) if based is not None else None


class _Numbering:
    """Word's list counters, advanced paragraph by paragraph as Word draws them: one count per
    list definition (w:abstractNum), which every list (w:num) made from it continues, unless the
    list restarts it (w:startOverride) where it is first used: LibreOffice numbers that way."""

    def __init__(self, document: Any, styles: _Styles):
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            root = None
        self.abstract: dict[str | None, Any] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.restarted: set[tuple[str, int]] = set()  # the lists and levels whose override took effect
        self.styles = styles
        if root is None:
            return
        self.abstract = {_attr(a, "abstractNumId"): a for a in root.iter(W + "abstractNum")}
        for num in root.iter(W + "num"):
            abstract = _attr(num.find(W + "abstractNumId"), "val")
            starts = {}
            for override in num.iter(W + "lvlOverride"):
                start = override.find(W + "startOverride")
                if start is not None:
                    starts[_int(override, "ilvl", 0, 0, MAX_LEVEL)] = _start_value(start)
            self.nums[_attr(num, "numId") or ""] = (abstract or "", starts)

    def _levels(self, num_id: str, followed: tuple[str, ...] = ()) -> tuple[dict[int, Any], dict[int, int], str]:
        """The list's levels, its start overrides, and the definition it counts in."""
        abstract_id, starts = self.nums.get(num_id, ("", {}))
        abstract = self.abstract.get(abstract_id)
        link = abstract.find(W + "numStyleLink") if abstract is not None else None
        if link is not None:  # the list is defined by a numbering style
            for style in self.styles.chain(_attr(link, "val")):
                linked = style.find(f"{W}pPr/{W}numPr/{W}numId")
                if linked is not None and _attr(linked, "val") != num_id:
                    target = _attr(linked, "val") or ""
                    if target in followed:
                        raise _Malformed("import_docx_style_cycle", chain=" -> ".join((*followed, num_id, target)))
                    return self._levels(target, (*followed, num_id))
        levels = {_int(lvl, "ilvl", 0, 0, MAX_LEVEL): lvl for lvl in abstract.iter(W + "lvl")} if abstract is not None else {}
        return levels, starts, abstract_id if abstract is not None else "num " + num_id

    def linked_level(self, num_id: str, style_id: str | None) -> int:
        """The list level a paragraph style is linked to (the level's w:pStyle), when the style's
        numbering names no level: how a template links 标题 2 to the list's second level."""
        levels, _, _ = self._levels(num_id)
        return next((k for k, lvl in sorted(levels.items()) if style_id and _attr(lvl.find(W + "pStyle"), "val") == style_id), 0)

    def marker(self, num_id: str, ilvl: int) -> str:
        levels, starts, definition = self._levels(num_id)
        if ilvl not in levels:
            return ""

        def start(level: int) -> int:
            element = levels[level].find(W + "start") if level in levels else None
            return starts.get(level, _start_value(element) if element is not None else 1)

        counters = self.counters.setdefault(definition, {})
        if ilvl in starts and (num_id, ilvl) not in self.restarted:
            self.restarted.add((num_id, ilvl))
            counters.pop(ilvl, None)
        counters[ilvl] = counters.get(ilvl, start(ilvl) - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        fmt = _attr(level.find(W + "numFmt"), "val") or "decimal"
        if _formatted(1, fmt) is None:
            return ""
        text = _attr(level.find(W + "lvlText"), "val") or ""

        def number(match: re.Match[str]) -> str:
            k = int(match[1]) - 1
            k_fmt = _attr(levels[k].find(W + "numFmt"), "val") if k in levels else "decimal"
            return _formatted(counters.get(k, start(k)), k_fmt or "decimal") or ""

        return re.sub(r"%([1-9])", number, text)


def _start_value(element: Any) -> int:
    """A list's w:start or w:startOverride: a larger one would make markers of absurd length."""
    return _int(element, "val", 1, 0, MAX_LIST_START)


class _Reader:
    def __init__(self, document: Any, profile: Profile):
        self.styles = _Styles(document)
        self.numbering = _Numbering(document, self.styles)
        self.pitch_twips = profile.char_pitch_pt * 20
        self.line_cells = profile.chars_per_line
        self.blocks: list[SourceBlock] = []
        self.pictures: list[int] = []  # the lines holding a picture, which the report cannot hold
        self.number = 0
        self.gap = False
        self.here = 0  # the line being read
        self.notes_text = {kind: _note_texts(document, kind) for kind in ("footnote", "endnote", "comment")}
        # what is not imported, by (code, line, text): a layout table's cells are read twice
        self.dropped: dict[tuple[str, int, str], dict[str, str]] = {}
        self.fields: list[str] = []  # the instructions of the complex fields open, across paragraphs
        self.toc_lines: list[int] = []
        self.joined: list[tuple[str, tuple[str | None, bool]]] = []  # a paragraph's whose mark is deleted
        self.first_revision: int | None = None

    def _drop(self, code: str, text: str = "", **params: str) -> None:
        text = " ".join(text.split())
        self.dropped.setdefault((code, self.here, text), {"text": _shown(text), **params})

    # paragraph properties: the paragraph's own, else its style's

    def _property(self, p: Any, path: str) -> Any:
        found = p.find(f"{W}pPr/{path}")
        if found is not None:
            return found
        for style in self.styles.chain(self._style_id(p)):
            found = style.find(f"{W}pPr/{path}")
            if found is not None:
                return found
        return None

    @staticmethod
    def _style_id(p: Any) -> str | None:
        return _attr(p.find(f"{W}pPr/{W}pStyle"), "val")

    def _style_level(self, p: Any) -> int | None:
        for style in self.styles.chain(self._style_id(p)):
            name = _attr(style.find(W + "name"), "val") or ""
            if match := _HEADING_STYLE.fullmatch(name.strip()):
                return int(match[2])
        outline = self._property(p, W + "outlineLvl")
        value = _attr(outline, "val")
        return int(value) + 1 if value is not None and value.isdigit() and int(value) < 9 else None

    def _marker(self, p: Any) -> str:
        num_pr = self._property(p, W + "numPr")
        if num_pr is None:
            return ""
        num_id = _attr(num_pr.find(W + "numId"), "val")
        if not num_id or num_id == "0":
            return ""
        ilvl = num_pr.find(W + "ilvl")
        level = (_int(ilvl, "val", 0, 0, MAX_LEVEL) if ilvl is not None
                 else self.numbering.linked_level(num_id, self._style_id(p)))
        return self.numbering.marker(num_id, level)

    def _align(self, p: Any) -> str | None:
        value = _attr(self._property(p, W + "jc"), "val")
        return {"center": "center", "right": "right", "end": "right"}.get(value or "")

    def _cells(self, ind: Any, twips: str, chars: str) -> float:
        if ind is None:
            return 0.0
        if _attr(ind, chars) is not None:
            return _int(ind, chars, 0) / 100
        value = _attr(ind, twips)
        return int(value) / self.pitch_twips if value and value.lstrip("-").isdigit() else 0.0

    def _start(self, p: Any, align: str | None, text: str) -> float:
        """Where the first line starts, in character cells from the left edge of the text block."""
        ind = self._property(p, W + "ind")
        left = self._cells(ind, "left", "leftChars") or self._cells(ind, "start", "startChars")
        right = self._cells(ind, "right", "rightChars") or self._cells(ind, "end", "endChars")
        first = self._cells(ind, "firstLine", "firstLineChars") - self._cells(ind, "hanging", "hangingChars")
        if align == "right":
            return self.line_cells - right - cells(text)
        if align == "center":
            return (self.line_cells - cells(text) + left - right) / 2
        return left + first

    # runs

    def _runs(self, element: Any) -> Iterator[Any]:
        """The runs a reader sees: not deleted, not hidden, not an unfilled control's prompt."""
        for child in element:
            if child.tag in _SKIPPED:
                continue
            if child.tag == _MATH + "r":  # a formula's run (Insert > Equation): its text, in order
                yield child
            elif child.tag == W + "r":
                if self._hidden(child):
                    self._drop("import_docx_hidden", self._run_text(child))
                    continue
                for kind in ("footnote", "endnote", "comment"):
                    for reference in child.iter(f"{W}{kind}Reference"):
                        self._drop(f"import_docx_{kind}", self.notes_text[kind].get(_attr(reference, "id") or "", ""))
                yield child
            elif _is_placeholder(child):
                self._drop("import_docx_placeholder", "".join(self._run_text(r) for r in child.iter(W + "r")))
            else:
                yield from self._runs(child)

    def _own_props(self, run: Any) -> list[Any]:
        """The run's properties, then its character style's."""
        style = _attr(run.find(f"{W}rPr/{W}rStyle"), "val")
        props = [run.find(W + "rPr"), *([s.find(W + "rPr") for s in self.styles.chain(style)] if style else [])]
        return [found for found in props if found is not None]

    def _hidden(self, run: Any) -> bool:
        """Text set hidden (w:vanish), which Word neither shows nor prints by default."""
        return next((_on(r.find(W + "vanish")) for r in self._own_props(run) if r.find(W + "vanish") is not None), False)

    def _run_props(self, run: Any, p: Any) -> list[Any]:
        """The run's own properties, then its paragraph style's and the document's defaults: what
        a run does not set it takes from these, in this order."""
        props = [s.find(W + "rPr") for s in self.styles.chain(self._style_id(p))] + [self.styles.default_run]
        return self._own_props(run) + [found for found in props if found is not None]

    def _face(self, run: Any, p: Any) -> tuple[str | None, bool]:
        """The east-Asian font and the weight the run is set in: a run that sets no font has
        its paragraph style's (LibreOffice writes the font on some runs of a heading only)."""
        props = self._run_props(run, p)
        font = next((_attr(r.find(W + "rFonts"), "eastAsia") for r in props if _attr(r.find(W + "rFonts"), "eastAsia")), None)
        bold = next((_on(r.find(W + "b")) for r in props if r.find(W + "b") is not None), False)
        return font, bold

    def _run_text(self, run: Any) -> str:
        out = []
        for child in run:
            if child.tag == W + "t":
                out.append(self._symbol_text(child.text or "", run))
            elif child.tag == _MATH + "t":
                out.append(child.text or "")
            elif child.tag == W + "ruby":  # characters with their pinyin above: the characters
                out += [self._run_text(base) for base in child.iterfind(f"{W}rubyBase/{W}r")]
            elif child.tag == W + "sym":
                out.append(self._symbol(child))
            elif child.tag == W + "tab":
                out.append("\t")
            elif child.tag == W + "br" and _attr(child, "type") in (None, "textWrapping"):
                out.append("\n")
            elif child.tag == W + "cr":
                out.append("\n")
            elif child.tag == W + "noBreakHyphen":
                out.append("-")
        return "".join(out)

    def _symbol(self, sym: Any) -> str:
        """The character a w:sym shows: a Unicode font's own code, the Symbol or Wingdings font's
        by its table; another is noted where it stands."""
        font, char = _attr(sym, "font") or "", _attr(sym, "char") or ""
        try:
            code = int(char, 16)
        except ValueError:
            code = 0
        if font.strip().lower() not in _SYMBOL_FONTS and code and not 0xE000 <= code <= 0xF8FF:
            return chr(code)
        return self._symbol_char(font, code)

    def _symbol_char(self, font: str, code: int) -> str:
        shown = _SYMBOL_FONTS.get(font.strip().lower(), {}).get(code - 0xF000 if code >= 0xF000 else code)
        if shown is None:
            self._drop("import_docx_symbol", font=font, char=f"{code:04X}")
        return shown or ""

    def _symbol_text(self, text: str, run: Any) -> str:
        """A text in the Symbol or Wingdings font, as LibreOffice saves a symbol: its private-use
        codes (U+F0B3) as the characters they show (≥); in another font they are left as they are."""
        fonts = run.find(f"{W}rPr/{W}rFonts")
        font = _attr(fonts, "ascii") or _attr(fonts, "hAnsi") or ""
        if font.strip().lower() not in _SYMBOL_FONTS:
            return text
        return "".join(self._symbol_char(font, ord(c)) if 0xF020 <= ord(c) <= 0xF0FF else c for c in text)

    @staticmethod
    def _heading_face(pieces: list[tuple[str, tuple[str | None, bool]]]) -> Literal["黑体", "楷体", "bold"] | None:
        """The face of GB/T 9704's headings the whole paragraph is set in, if one: 黑体 (一、),
        楷体 (（一）) or bold (1.), as an office marks its headings when it types no numbers."""
        faces = {face for text, face in pieces if text.strip()}
        if len(faces) != 1:
            return None
        [(font, bold)] = faces
        if font and re.search(r"黑体|hei", font, re.I):
            return "黑体"
        if font and re.search(r"楷体|kai", font, re.I):
            return "楷体"
        return "bold" if bold else None

    @staticmethod
    def _lead(pieces: list[tuple[str, tuple[str | None, bool]]]) -> str | None:
        """The leading text in another face than the paragraph's last run: a run-in heading."""
        faces = [face for text, face in pieces if text.strip()]
        if len(set(faces)) < 2:
            return None
        body_face = faces[-1]
        lead = ""
        for text, face in pieces:
            if text.strip() and face == body_face:
                break
            lead += text
        return lead.strip() or None

    # paragraphs and tables

    def paragraph(self, p: Any, line: int) -> None:
        self._text(p, line)
        for picture in p.iter(*_PICTURES):
            embedded = next((a for a in picture.iterancestors(W + "object")), None)
            ole = embedded.find(_OLE_OBJECT) if embedded is not None else None
            if ole is not None:  # an Excel table pasted as an object shows as its picture
                self._drop("import_docx_object", program=ole.get("ProgID") or "OLE")
            elif _is_picture(picture) and line not in self.pictures:
                self.pictures.append(line)
        for graphic in p.iter(_GRAPHIC_DATA):
            if (graphic.get("uri") or "").endswith(_CHART_KINDS) and not any(
                    a.tag == MC + "Fallback" for a in graphic.iterancestors()):
                self._drop("import_docx_chart")
        for box in p.iter(W + "txbxContent"):
            between = []
            for ancestor in box.iterancestors():
                if ancestor is p:
                    break
                between.append(ancestor.tag)
            if MC + "Fallback" not in between and W + "txbxContent" not in between:  # the drawing's copy, once
                self.walk(box, line)

    def _in_toc(self, p: Any) -> bool:
        """Whether the paragraph lies in a table of contents' field (TOC), which spans paragraphs:
        the field's instruction, then its result, the entries, until the field's end."""
        inside = any(f.lstrip().upper().startswith("TOC") for f in self.fields)
        for element in p.iter(W + "fldChar", W + "instrText"):
            if element.tag == W + "instrText" and self.fields:
                self.fields[-1] += element.text or ""
            elif _attr(element, "fldCharType") == "begin":
                self.fields.append("")
            elif _attr(element, "fldCharType") == "end" and self.fields:
                self.fields.pop()
            inside = inside or any(f.lstrip().upper().startswith("TOC") for f in self.fields)
        return inside

    def _skip_toc(self, paragraphs: list[Any], line: int) -> None:
        """Leaves out a table of contents' lines, and its title (目录) just above, with a note."""
        if not self.toc_lines:
            last = self.blocks[-1] if self.blocks else None
            if isinstance(last, SourceParagraph) and re.fullmatch(r"目\s*录", last.text):
                self.blocks.pop()
                self.toc_lines.append(last.line)
        self.toc_lines += [line for p in paragraphs if "".join(self._run_text(r) for r in p.iter(W + "r")).strip()]

    def _text(self, p: Any, line: int) -> None:
        if self._in_toc(p):
            self._skip_toc([p], line)
            return
        pieces = self.joined + [(self._run_text(r), self._face(r, p)) for r in self._runs(p)]
        self.joined = []
        if p.find(f"{W}pPr/{W}rPr/{W}del") is not None:  # its mark deleted: it runs on into the next
            self.joined = pieces
            return
        text = "".join(text for text, _ in pieces)
        if not text.strip():
            self.gap = True
            return
        marker = self._marker(p)
        style_level = self._style_level(p)
        align = self._align(p)
        lead = self._lead([(t.split("\n")[0], f) for t, f in pieces[: next(
            (i + 1 for i, (t, _) in enumerate(pieces) if "\n" in t), len(pieces))]])
        column = 1
        for number, part in enumerate(text.replace("\t", " ").split("\n")):
            stripped = part.strip()
            if stripped:
                self.blocks.append(SourceParagraph(
                    stripped, line, column + len(part) - len(part.lstrip()),
                    marker=marker if number == 0 else "",
                    style_level=style_level if number == 0 else None,
                    lead=lead if number == 0 else None,
                    align=align,  # type: ignore[arg-type]
                    start=self._start(p, align, stripped),
                    gap_before=self.gap,
                    face=self._heading_face(pieces) if "\n" not in text else None,
                ))
                self.gap = False
            column += len(part) + 1

    def table(self, tbl: Any, line: int) -> None:
        own_rows = [[tc for tc in tr if tc.tag == W + "tc"] for tr in tbl
                    if tr.tag == W + "tr" and tr.find(f"{W}trPr/{W}del") is None]  # a row deleted as tracked
        rows = [tuple(text for tc in row for text in self._cell(tc)) for row in own_rows]
        if not rows:
            return
        if any(t is not tbl for t in tbl.iter(W + "tbl")) or layout_table(rows):
            for row in own_rows:
                for tc in row:
                    self.walk(tc, line)
            return
        # a row without text is a template's spare row, or one LibreOffice kept of a deleted row
        self.blocks.append(SourceTable(rows=tuple(row for row in rows if any(row)), line=line))
        self.gap = False

    def _cell(self, tc: Any) -> list[str]:
        """A cell's text, then an empty cell for each further column it spans (w:gridSpan), as a
        page shows a merged cell; a cell merged into the one above (w:vMerge) is empty."""
        text = "\n".join("".join(self._run_text(r) for r in self._runs(p)) for p in tc.iter(W + "p")).strip()
        span = _int(tc.find(f"{W}tcPr/{W}gridSpan"), "val", 1, 1, 64)
        return [text] + [""] * (span - 1)

    def walk(self, container: Any, line: int | None = None) -> None:
        """Paragraphs and tables in order; at the top level each one advances the number."""
        for child in container:
            if child.tag == W + "sdt" and (_is_placeholder(child) or _is_toc(child)):
                self.here = line if line is not None else self.number + 1
                self.number += _lines(child) if line is None else 0  # its paragraphs are lines all the same
                if _is_toc(child):
                    self._skip_toc(list(child.iter(W + "p")), self.here)
                else:
                    self._drop("import_docx_placeholder", "".join(self._run_text(r) for r in child.iter(W + "r")))
                continue
            if child.tag in _OPENED:
                self.walk(child, line)
                continue
            if child.tag not in (W + "p", W + "tbl"):
                continue
            if line is None:
                self.number += 1
            here = self.here = line if line is not None else self.number
            if self.first_revision is None and next(child.iter(*_REVISIONS), None) is not None:
                self.first_revision = here
            if child.tag == W + "p":
                self.paragraph(child, here)
            else:
                self.table(child, here)


def _shown(text: str) -> str:
    """A dropped text as its note quotes it: the first _NOTE_TEXT characters."""
    return text if len(text) <= _NOTE_TEXT else text[:_NOTE_TEXT] + "…"


def _is_toc(sdt: Any) -> bool:
    """Word's table of contents control (References > Table of Contents)."""
    return sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery[@{W}val='Table of Contents']") is not None


def _lines(sdt: Any) -> int:
    """The body lines (paragraphs and tables) a block-level content control holds."""
    content = sdt.find(W + "sdtContent")
    return sum(_lines(c) if c.tag == W + "sdt" else c.tag in (W + "p", W + "tbl") for c in content) if content is not None else 0


def _is_placeholder(element: Any) -> bool:
    """A content control left unfilled: it shows its prompt (单击或点击此处输入文字), no text."""
    return element.tag == W + "sdt" and element.find(f"{W}sdtPr/{W}showingPlcHdr") is not None


def _related_parts(document: Any, kinds: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """The document's parts of these relationship kinds (footnotes, header, ...), parsed, each
    with its kind; a broken one is passed over: it loses what a note would say, not the report."""
    from docx.oxml import parse_xml

    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in kinds and not rel.is_external:
            try:
                yield kind, parse_xml(rel.target_part.blob)
            except Exception:
                continue


def _plain_text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(W + "t"))


def _note_texts(document: Any, kind: str) -> dict[str, str]:
    """The texts of the document's footnotes, endnotes or comments, by id."""
    for _, root in _related_parts(document, (kind + "s",)):
        return {_attr(note, "id") or "": _plain_text(note).strip() for note in root.iter(W + kind)}
    return {}


# What a page header or footer holds when it holds only a page number (— 1 —, 第 1 页 共 8 页).
_PAGE_NUMBER = set("0123456789第页共—–-－/ 　")


def _headers_and_footers(document: Any) -> list[tuple[str, str]]:
    """The text of each page header and footer, once, but a page number: a running title, the
    office's name, or the red header a template set in the first page's header, none of which
    the report's text holds."""
    found: list[tuple[str, str]] = []
    for kind, root in _related_parts(document, ("header", "footer")):
        text = " ".join(" ".join(_plain_text(p) for p in root.iter(W + "p")).split())
        if any(char not in _PAGE_NUMBER for char in text) and (kind, text) not in found:
            found.append((kind, text))
    return found


def _check_sizes(data: bytes, file: str | None) -> None:
    """Refuses a package whose parts would inflate beyond the limits, from its directory alone.

    zipfile never returns more than a member's declared size (a member that lies fails its CRC),
    so the declared sizes bound what python-docx will hold in memory.
    """
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError):
        return  # not a zip: python-docx says so below
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_PART_BYTES:
            params = {"part": member.filename[:80], "size": member.file_size, "limit": MAX_PART_BYTES}
            raise ReportError([Problem("import_docx_part_too_large", params, Location(file))])
    if total > MAX_PACKAGE_BYTES:
        params = {"size": total, "limit": MAX_PACKAGE_BYTES}
        raise ReportError([Problem("import_docx_too_large", params, Location(file))])


def read_docx(data: bytes, name: str, profile: Profile) -> SourceDocument:
    """The document's body as source paragraphs and tables, numbered by body paragraph; indents
    in twips are counted in the profile's character cells."""
    import docx

    _check_sizes(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises zip, XML and package errors alike
        reason = type(error).__name__ if not str(error) else str(error)
        raise ReportError([Problem("import_docx_unreadable", {"reason": reason}, Location(name))]) from None
    try:
        reader = _Reader(document, profile)
        reader.walk(document.element.body)
    except _Malformed as error:
        raise ReportError([Problem(error.code, error.params, Location(name))]) from None
    notes = [Problem("import_picture_dropped", {}, Location(name, line, 1), "warning") for line in reader.pictures]
    notes += [Problem(code, params, Location(name, line, 1), "warning") for (code, line, _), params in reader.dropped.items()
              if code != "import_docx_placeholder"]
    notes += [Problem(code, params, Location(name, line, 1), "info") for (code, line, _), params in reader.dropped.items()
              if code == "import_docx_placeholder"]
    for kind, text in _headers_and_footers(document):
        place = {"place": "页眉" if kind == "header" else "页脚", "place_en": kind}
        notes.append(Problem("import_docx_header_footer", {**place, "text": _shown(text)}, Location(name, 1, 1), "info"))
    if reader.toc_lines:
        notes.append(Problem("import_docx_toc", {"count": len(reader.toc_lines)}, Location(name, reader.toc_lines[0], 1), "info"))
    revisions = sum(1 for _ in document.element.body.iter(*_REVISIONS))
    if revisions:
        notes.append(Problem("import_docx_revisions", {"count": revisions}, Location(name, reader.first_revision, 1), "warning"))
    notes.sort(key=lambda problem: problem.location.line or 0)
    return SourceDocument(reader.blocks, notes)
