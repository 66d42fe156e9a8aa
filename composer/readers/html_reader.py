"""A web page (.html) -> source paragraphs and tables, each with the line of the HTML it starts on.

Government sites publish the report inside page furniture: site banner, navigation, breadcrumb,
the disclosure table (索引号…), "发布时间…来源…", share buttons, related links, footer. Here the
page's structure goes: scripts, styles, forms, <nav>/<header>/<footer> and elements whose class or
id names them (nav, menu, header, footer, breadcrumb, share, sidebar, toolbar, copyright) are left
out, block elements become paragraphs, <br> breaks lines, bold (or 黑体/楷体) text at the start of
a paragraph is a run-in heading, and tables become data tables, unless they only lay text out
(then their cells are read as paragraphs). Textual furniture is recognised later, with that of
copied text.

A page this tool wrote (composer/writers/html.py) says more, and is read back to the same model:
its `<header class="red-header">` and `<footer class="end-block">` are the report's own red header
and end block, not the site's, so their lines are read (and recognised as those of copied text
are); a table's `<caption>` is its caption; `data-sealed` on the signature says whether it is
sealed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from ..problems import Location, Problem, ReportError
from ..punctuation import is_chinese
from .draft import heading_marker
from .frame import layout_table
from .source import SourceBlock, SourceDocument, SourceParagraph, SourceTable, decode_draft
from .text_reader import indent_cells

if TYPE_CHECKING:
    from ..profile import Profile

_SKIPPED_TAGS = {
    "head", "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "nav", "header", "footer", "aside", "form", "button", "select", "input", "textarea", "img",
}
_SKIPPED_NAMES = {
    "nav", "navbar", "menu", "header", "head", "top", "footer", "foot", "bottom", "breadcrumb", "crumb",
    "crumbs", "position", "location", "share", "bdsharebuttonbox", "sidebar", "toolbar", "copyright",
    # and as Chinese sites name them, often in pinyin initials: 无障碍, 导航, 当前位置, 面包屑, 分享, 相关
    "topbar", "wza", "logo", "search", "dh", "daohang", "dqwz", "mbx", "fx", "fenxiang", "xgwz", "xglj",
    "related", "print", "dayin", "banquan", "skip", "xglm", "xgwj", "xgxx",
    # a WeChat article's: the account's line (name, time, place) and the reading bar (阅读原文, 在看)
    "rich_media_meta_list", "meta_content", "rich_media_tool", "rich_media_area_extra", "js_pc_qr_code",
}
# Parts of hyphenated names that say the same ("main-nav", "article-share", "site-footer").
_SKIPPED_PARTS = {
    "nav", "navbar", "menu", "breadcrumb", "crumb", "crumbs", "share", "footer", "topbar", "copyright",
    "sidebar", "toolbar", "logo", "search", "related",
}
_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "section",
    "article", "main", "td", "th", "tr", "caption", "center", "address", "figure", "figcaption", "ul", "ol",
    "dl", "body", "hr",
}
# Class names of the report's own header and footer (版头, 版记): kept although <header>/<footer>.
_REPORT_PARTS = {"red-header", "end-block"}
_BOLD_TAGS = {"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)|font-family\s*:[^;]*(黑体|楷体|hei|kai)", re.I)
_FACE_STYLE = re.compile(r"font-family\s*:[^;]*?(?:(?P<hei>黑体|hei)|(?P<kai>楷体|kai))", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ALIGN = re.compile(r"text-align\s*:\s*(center|right)", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\xa0]+")


def _skipped(element: Any, links: LinkCounts) -> bool:
    """Not text at all (scripts, forms, pictures), hidden, or the page's own: its header,
    navigation and footer, named by tag or class, and lists of links."""
    if not isinstance(element.tag, str):
        return True
    names = (element.get("class") or "").lower().split() + [(element.get("id") or "").lower()]
    if element.tag.lower() in _SKIPPED_TAGS and not _REPORT_PARTS.intersection(names):
        return True
    return bool(_HIDDEN.search(element.get("style") or "")) or _furniture(element, names, links)


def _furniture(element: Any, names: list[str], links: LinkCounts) -> bool:
    parts = {part for name in names for part in re.split(r"[-_]", name)}
    return (
        any(name in _SKIPPED_NAMES for name in names) or bool(_SKIPPED_PARTS & parts)
        or _link_list(element, links)
    )


# Per element: characters of text (white space aside), of them inside links, and links.
LinkCounts = dict[Any, tuple[int, int, int]]


def _link_counts(root: Any) -> LinkCounts:
    """The counts of every element, children before parents, in one pass over the page."""
    counts: LinkCounts = {}
    for element in reversed(list(root.iter())):
        text = _length(element.text) if isinstance(element.tag, str) else 0
        linked = links = 0
        for child in element:
            child_text, child_linked, child_links = counts[child]
            text += child_text + _length(child.tail)
            linked, links = linked + child_linked, links + child_links
        if isinstance(element.tag, str) and element.tag.lower() == "a":
            linked, links = text, links + 1
        counts[element] = (text, linked, links)
    return counts


def _length(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def _link_list(element: Any, links: LinkCounts) -> bool:
    """A menu, a breadcrumb or a list of related pages: three links or more, and little text
    besides (readability's link density)."""
    if element.tag.lower() not in ("div", "ul", "ol", "p", "dl", "table", "span", "td"):
        return False
    text, linked, count = links.get(element, (0, 0, 0))
    return count >= 3 and text - linked < max(12, text // 3)


# What a page's <title> has when it is the article's: a year, or the kind of document.
_DOCUMENT_TITLE = re.compile(r"[0-9０-９]{4}|[〇零一二三四五六七八九]{4}|报告|总结")


def _article_title(root: Any) -> str | None:
    """The title the page gives its article: the ArticleTitle that government sites put in
    <meta>, the <h1>, or the <title> less the site's name after it (if that is more than the
    site's name: a page whose <title> is the office's name has its signature read as it)."""
    for meta in root.iter("meta"):
        if (meta.get("name") or "").lower() == "articletitle" and (meta.get("content") or "").strip():
            return str(meta.get("content"))
    for heading in root.iter("h1"):  # not a part's heading (a page Word saved sets 一、… in <h1>)
        if (text := heading.text_content().strip()) and heading_marker(text)[0] is None:
            return str(text)
    for title in root.iter("title"):  # the site's name alone (松林乡人民政府) names no article
        text = re.split(r"\s*[_|｜—–-]\s*", title.text_content().strip())[0]
        if text and _DOCUMENT_TITLE.search(text):
            return str(text)
    return None


def _mark_title(blocks: list[SourceBlock], title: str | None) -> list[SourceBlock]:
    """The blocks with the paragraph that is the page's title (the first that reads as it) marked."""
    wanted = "".join((title or "").split())
    for index, block in enumerate(blocks):
        if isinstance(block, SourceParagraph) and wanted and "".join(block.text.split()) == wanted:
            return [*blocks[:index], replace(block, title=True), *blocks[index + 1:]]
    return blocks


def _clean(text: str) -> str:
    """White space as a browser shows it, less the spaces a CMS leaves between Chinese characters."""
    text = _SPACE.sub(" ", text)
    return re.sub(r"(?<=\S) (?=\S)", lambda m: _space_between(text, m.start()), text)


def _space_between(text: str, index: int) -> str:
    return "" if is_chinese(text[index - 1]) and is_chinese(text[index + 1]) else " "


Face = Literal["黑体", "楷体", "bold"] | None  # GB/T 9704's faces of the headings 一、（一）1.


def _face(element: Any, inherited: Face, bold: bool) -> Face:
    """The heading face an element's text is set in: its font-family's (黑体, 楷体), else the
    one it inherits, else bold (<b>, <strong>, font-weight) or none."""
    if match := _FACE_STYLE.search(element.get("style") or "") or _FACE_STYLE.search(
            "font-family:" + (element.get("face") or "")):
        return "黑体" if match["hei"] else "楷体"
    if inherited in ("黑体", "楷体"):
        return inherited
    return "bold" if bold else None


class _Page:
    def __init__(self, links: LinkCounts) -> None:
        self.links = links
        self.blocks: list[SourceBlock] = []
        self.pieces: list[tuple[str, bool, Face]] = []  # text, bold, heading face
        self.line = 0
        self.align: str | None = None
        self.heading: int | None = None  # the level of the <h2>-<h6> being read (<h1> is the title)
        self.sealed: bool | None = None
        self.marker = ""  # the number a browser draws before an <ol>'s item, for its first paragraph
        self.dropped: list[tuple[str, int]] = []  # furniture left out, with its line, for the notes
        self.pictures: list[int] = []  # the lines of the article's pictures, which the report cannot hold
        # documents shown in a viewer (<iframe src="….pdf">), then those linked (<a href="….pdf">), with their lines
        self.embedded: list[tuple[str, int]] = []
        self.linked: list[tuple[str, int]] = []

    def add(self, text: str | None, bold: bool, line: int, face: Face = None) -> None:
        if text:
            if not self.pieces or not "".join(t for t, _, _ in self.pieces).strip():
                self.line = line
            self.pieces.append((text, bold, face))

    def flush(self) -> None:
        pieces, self.pieces = self.pieces, []
        text = _clean("".join(t for t, _, _ in pieces)).strip()
        if not text:
            return
        faces = {face for piece, _, face in pieces if piece.strip()}
        lead = ""
        for piece, bold, _ in pieces:
            if not bold and piece.strip():
                break
            lead += piece
        lead = _clean(lead).strip()
        self.blocks.append(SourceParagraph(
            text, self.line, marker=self.marker, style_level=self.heading, lead=lead if lead and lead != text else None,
            align=self.align, sealed=self.sealed,  # type: ignore[arg-type]
            face=faces.pop() if len(faces) == 1 else None,
        ))
        self.marker = ""

    def walk(self, element: Any, bold: bool = False, face: Face = None) -> None:
        if _skipped(element, self.links):
            if isinstance(element.tag, str) and element.tag.lower() not in _SKIPPED_TAGS:
                if text := _clean(element.text_content()).strip():
                    self.dropped.append((text[:60], element.sourceline or 0))
            elif _picture(element):
                self.pictures.append(element.sourceline or 0)
            elif document := _embedded_document(element):
                self.embedded.append((document, element.sourceline or 0))
            return
        tag = element.tag.lower()
        if tag == "a" and (document := _linked_document(element)):
            self.linked.append((document, element.sourceline or 0))
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self.table(element)
            return
        if tag == "pre":
            self.flush()
            self.preformatted(element)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
            align = (element.get("align") or "").lower() or (m[1].lower() if (m := _ALIGN.search(element.get("style") or "")) else "")
            if align in ("center", "right"):
                self.align = align
            if re.fullmatch(r"h[2-6]", tag):
                self.heading = int(tag[1]) - 1
            if tag == "li":
                self.marker = _list_number(element)
        bold = bold or tag in _BOLD_TAGS or bool(_BOLD_STYLE.search(element.get("style") or ""))
        face = _face(element, face, bold)
        sealed = self.sealed
        if (seal := element.get("data-sealed")) is not None:
            self.sealed = seal.strip().lower() == "true"
        self.add(element.text, bold, element.sourceline or 0, face)
        for child in element:
            self.walk(child, bold, face)
            self.add(child.tail, bold, child.sourceline or 0, face)
        if block:
            self.flush()
            self.align = None
            self.heading = None
        self.sealed = sealed

    def preformatted(self, pre: Any) -> None:
        """A <pre> block, as an old site pastes a text file: a paragraph a line, its leading
        spaces kept as where the line starts (they place the signature and date)."""
        gap = False
        for number, line in enumerate(pre.text_content().split("\n")):
            if not (text := _clean(line).strip()):
                gap = True
                continue
            indent = line[:len(line) - len(line.lstrip())]
            self.blocks.append(SourceParagraph(text, (pre.sourceline or 0) + number, start=indent_cells(indent),
                                               gap_before=gap))
            gap = False

    def table(self, table: Any) -> None:
        rows = [
            [cell for cell in row if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th") and not _skipped(cell, self.links)]
            for row in table.iter("tr") if _owner(row) is table
        ]
        texts = _grid([row for row in rows if row])
        nested = any(t is not table for t in table.iter("table"))
        data = bool(texts) and not nested and not layout_table(texts)
        for caption in table.iterchildren("caption"):
            first = len(self.blocks)
            self.walk(caption)
            if data:
                self.blocks[first:] = [
                    replace(block, caption=True) if isinstance(block, SourceParagraph) else block
                    for block in self.blocks[first:]
                ]
        if data:
            self.blocks.append(SourceTable(tuple(texts), table.sourceline or 0))
            return
        for row in rows:
            for cell in row:
                self.walk(cell)


_MAX_SPAN = 100  # a span wider than any table a report prints is the page's mistake


def _span(cell: Any, name: str) -> int:
    value = (cell.get(name) or "").strip()
    return min(int(value), _MAX_SPAN) if value.isdigit() and int(value) > 0 else 1


def _grid(rows: list[list[Any]]) -> list[tuple[str, ...]]:
    """The rows' texts with each cell in its column: a cell spanning rows or columns (rowspan,
    colspan) fills the places it covers with empty cells, so the rows below a spanning header
    keep their columns."""
    below: dict[int, int] = {}  # column -> rows a cell above still covers
    texts: list[tuple[str, ...]] = []
    for row in rows:
        out: list[str] = []
        cells = iter(row)
        cell = next(cells, None)
        while cell is not None or any(column >= len(out) for column in below):
            if below.get(len(out), 0) > 0:
                below[len(out)] -= 1
                out.append("")
                continue
            if cell is None:
                break
            down = _span(cell, "rowspan")
            for offset in range(_span(cell, "colspan")):
                if down > 1:
                    below[len(out)] = down - 1
                out.append(_clean(cell.text_content()).strip() if offset == 0 else "")
            cell = next(cells, None)
        below = {column: left for column, left in below.items() if left > 0}
        texts.append(tuple(out))
    return texts


def _list_number(item: Any) -> str:
    """The number a browser draws before an item of a numbered list (<ol>, <ol start="3">), as
    Word's drawn numbers are kept: "1."; "" for a bulleted or lettered one."""
    parent = item.getparent()
    if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() != "ol" or (parent.get("type") or "1") != "1":
        return ""
    start = parent.get("start") or "1"
    items = [child for child in parent if isinstance(child.tag, str) and child.tag.lower() == "li"]
    return f"{(int(start) if start.isdigit() else 1) + items.index(item)}."


def _owner(row: Any) -> Any:
    parent = row.getparent()
    while parent is not None and parent.tag.lower() != "table":
        parent = parent.getparent()
    return parent


_SIZE = re.compile(r"(?:^|;)\s*(?:width|height)\s*:\s*(\d+)px", re.I)


def _picture(element: Any) -> bool:
    """An <img> of the article's own, not an icon (a share button, a bullet) nor one of our
    seals (their images are named apart, with seal:)."""
    if not isinstance(element.tag, str) or element.tag.lower() != "img" or "seal" in (element.get("class") or ""):
        return False
    sizes = [element.get("width"), element.get("height"), *_SIZE.findall(element.get("style") or "")]
    return not any(size and size.strip().isdigit() and int(size) < 64 for size in sizes)


# A document a page shows in a viewer or links to rather than giving its text: the report as
# published, to import instead.
_DOCUMENT = re.compile(r"[^\s\"'<>]+\.(?:pdf|ofd|docx?|wps)(?=$|[?#&])", re.I)
# A page with fewer characters of text than this besides such a viewer or link holds no report of
# its own (a report is some thousands).
_ONLY_A_VIEWER = 300


def _embedded_document(element: Any) -> str | None:
    """The document an <iframe>, <embed> or <object> shows (a PDF viewer's file=… too), if any."""
    if not isinstance(element.tag, str) or element.tag.lower() not in ("iframe", "embed", "object"):
        return None
    found = _DOCUMENT.search(element.get("src") or element.get("data") or "")
    return found.group(0).rsplit("file=", 1)[-1] if found else None


def _linked_document(link: Any) -> str | None:
    """The document a link downloads, by its address or, for a download script's, its text."""
    found = _DOCUMENT.search(link.get("href") or "") or _DOCUMENT.search(_clean(link.text_content()).strip())
    return found.group(0) if found else None


def read_mhtml(data: bytes, name: str, profile: Profile) -> SourceDocument:
    """A page saved by the browser as one file (网页，单个文件: .mhtml, .mht), read as its page: the
    MIME archive's first HTML part, decoded from its transfer encoding and charset (its lines are
    the page's, as the browser saved it)."""
    import email
    import email.policy

    archive = email.message_from_bytes(data, policy=email.policy.compat32)
    page = next((part for part in archive.walk() if part.get_content_type() == "text/html"), None)
    payload = page.get_payload(decode=True) if page is not None else None
    if not isinstance(payload, bytes) or not payload.strip():
        raise ReportError([Problem("import_mhtml_no_page", {}, Location(name))])
    charset = page.get_content_charset() if page is not None else None
    try:
        payload = payload.decode(charset).encode("utf-8") if charset else payload
    except (LookupError, UnicodeDecodeError):
        pass  # an unknown or wrong charset: the page's bytes are read as any page's are
    return read_html(payload, name, profile)


def read_html(data: bytes, name: str, profile: Profile) -> SourceDocument:
    """The page's text as source paragraphs and tables, with their HTML line numbers."""
    from lxml import etree, html

    text, notes = decode_draft(data, name)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    parser = html.HTMLParser()
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise ReportError([Problem("import_html_unreadable", {"reason": str(error)}, Location(name))]) from None
    for logged in parser.error_log:  # libxml2 drops the whole text below 256 levels, and says only this
        if logged.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in logged.message:
            raise ReportError([Problem("import_html_too_deep", {"limit": 256}, Location(name, logged.line))])
    page = _Page(_link_counts(root))
    body = root.find("body")
    page.walk(body if body is not None else root)
    page.flush()
    notes += [Problem("import_furniture", {"text": text}, Location(name, line, 1), "info") for text, line in page.dropped]
    notes += [Problem("import_picture_dropped", {}, Location(name, line, 1), "warning") for line in page.pictures]
    documents = page.embedded + page.linked
    if documents and sum(len(b.text) for b in page.blocks if isinstance(b, SourceParagraph)) < _ONLY_A_VIEWER:
        document, line = documents[0]
        raise ReportError([Problem("import_html_embedded_document", {"file": document}, Location(name, line, 1))])
    return SourceDocument(_mark_title(page.blocks, _article_title(root)), notes)
