"""A tagged PDF (PDF/UA-1): marked content on the pages and the structure tree over it.

The layout says what every run of glyphs is (`Origin`: its kind, heading level, table row
and column, and the path of the value it came from). While a page is drawn, each run becomes
marked content with its own MCID, and page numbers, rules and a table's header row repeated
on a continued page become artifacts. When the document is saved, the records (origin, page,
MCID), in drawing order, which is the report's order, become the structure tree:

    Document
      H1                  the title (all its lines)
      P                   red header parts, addressee, paragraphs, signature, date, note, end block
      H2 .. H5            headings of levels 1 to 4 (a run-in heading too, before its paragraph's P)
      Table               Caption, then TR rows of TH (Scope Column) and TD cells
      L                   the attachments: LI > LBody per item
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFDocument, PDFName, PDFPage

from ..layout.typeset import Origin

_ARTIFACTS = {"page_number", ""}
_TYPES = {"title": "H1", "caption": "Caption", "table_header": "TH", "table_cell": "TD", "attachments": "LBody"}


class Marked(NamedTuple):
    """One run of marked content: what it is, the page (0-based) and its MCID there."""

    origin: Origin
    page: int
    mcid: int


def _type(origin: Origin) -> str:
    """The structure type of a run's element (addressee, paragraphs, signature, date, note,
    the red header's and the end block's parts are paragraphs)."""
    if origin.kind == "heading":
        return f"H{(origin.level or 1) + 1}"
    return _TYPES.get(origin.kind, "P")


class _Element:
    """A structure element being built, its kids (elements or Marked) in reading order."""

    def __init__(self, kind: str, parent: _Element | None, attributes: dict[str, str] | None = None) -> None:
        self.kind = kind
        self.attributes = attributes
        self.kids: list[_Element | Marked] = []
        if parent is not None:
            parent.kids.append(self)


def _table_path(origin: Origin) -> tuple[int | str, ...]:
    """The path of the table a caption or cell belongs to (cells: .../header/column, .../rows/row/column)."""
    drop = {"caption": 1, "table_header": 2, "table_cell": 3}[origin.kind]
    return origin.path[:-drop]


class Tagger:
    """Emits marked content into a canvas's pages and builds the structure tree from it."""

    def __init__(self) -> None:
        self.records: list[Marked] = []
        self._page = -1
        self._next_mcid = 0
        self._header_pages: dict[tuple[int | str, ...], int] = {}  # a header cell's first page

    def begin(self, origin: Origin, page: int) -> str:
        """The operator opening a run's marked content on `page` (0-based), recording it."""
        if origin.kind in _ARTIFACTS:
            return "/Artifact BMC"
        if origin.kind == "table_header":  # the header row again, above a table's continuation
            if self._header_pages.setdefault(origin.path, page) != page:
                return "/Artifact BMC"
        if page != self._page:
            self._page, self._next_mcid = page, 0
        mcid = self._next_mcid
        self._next_mcid += 1
        self.records.append(Marked(origin, page, mcid))
        return f"/{_type(origin)} <</MCID {mcid}>> BDC"

    def finish(self, doc: PDFDocument) -> None:
        """Writes the structure tree into the document's catalog and pages."""
        root = _tree(self.records)
        pages = doc.Pages.pages
        tree = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        tree_ref = doc.Reference(tree)
        page_refs = [doc.Reference(page) for page in pages]
        parents: list[dict[int, object]] = [{} for _ in pages]
        tree["K"] = _write(root, tree_ref, doc, page_refs, parents)
        tree["ParentTree"] = PDFDictionary({"Nums": PDFArray([
            item for index, refs in enumerate(parents)
            for item in (index, PDFArray([refs[mcid] for mcid in sorted(refs)]))
        ])})
        tree["ParentTreeNextKey"] = len(pages)
        for index, page in enumerate(pages):
            page.__NoDefault__ = [*PDFPage.__NoDefault__, "StructParents"]
            page.StructParents = index
        catalog = doc.Catalog
        catalog.StructTreeRoot = tree_ref
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})


def _tree(records: list[Marked]) -> _Element:
    """The structure elements over the records, each element where its first run is."""
    document = _Element("Document", None)
    made: dict[tuple[object, ...], _Element] = {}

    def element(key: tuple[object, ...], kind: str, parent: _Element, attributes: dict[str, str] | None = None) -> _Element:
        if key not in made:
            made[key] = _Element(kind, parent, attributes)
        return made[key]

    for record in records:
        origin = record.origin
        kind = origin.kind
        if kind == "attachments":
            items = element(("L", origin.path[:-1]), "L", document)
            holder = element(("LBody", origin.path), "LBody", element(("LI", origin.path), "LI", items))
        elif kind in ("caption", "table_header", "table_cell"):
            table = element(("Table", _table_path(origin)), "Table", document)
            if kind == "caption":
                holder = element(("Caption", origin.path), "Caption", table)
            else:
                row = element(("TR", _table_path(origin), origin.row), "TR", table)
                scope = {"O": "Table", "Scope": "Column"} if kind == "table_header" else None
                holder = element((kind, origin.path), _type(origin), row, scope)
        else:  # the title, a heading, a paragraph: all the runs of one value are one element
            holder = element((kind, origin.path), _type(origin), document)
        holder.kids.append(record)
    return document


def _write(
    element: _Element, parent_ref: object, doc: PDFDocument, page_refs: list[object], parents: list[dict[int, object]]
) -> object:
    """The element as an indirect StructElem under `parent_ref`; fills `parents` (the parent
    tree: per page, the element of each MCID)."""
    node = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(element.kind), "P": parent_ref})
    ref = doc.Reference(node)
    first_page = next((kid.page for kid in _marked(element)), None)
    if first_page is not None:
        node["Pg"] = page_refs[first_page]
    kids: list[object] = []
    for kid in element.kids:
        if isinstance(kid, _Element):
            kids.append(_write(kid, ref, doc, page_refs, parents))
            continue
        parents[kid.page][kid.mcid] = ref
        if kid.page == first_page:
            kids.append(kid.mcid)
        else:
            kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": page_refs[kid.page], "MCID": kid.mcid}))
    node["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)
    if element.attributes:
        node["A"] = PDFDictionary({key: PDFName(value) for key, value in element.attributes.items()})
    return ref


def _marked(element: _Element) -> Iterator[Marked]:
    """The element's own runs (not its kids' elements)."""
    return (kid for kid in element.kids if isinstance(kid, Marked))
