"""Seal images an office supplies (`seal: {image: seal.png}`): found, checked and read before
anything is composed, so a bad image is a located error and nothing is written.

The tool places the image it is given and never draws a seal. An image is found relative to
the report's folder and may not lead out of it (a report from elsewhere could otherwise print
any picture on the machine); an image named on the command line (`render --seal FILE`) is the
user's own choice and may be anywhere. A PNG is taken as it is: it keeps the seal's red exact
and its paper transparent. An SVG is untrusted XML: it is refused when it holds anything but
its drawing (entities, scripts, references to files or addresses, embedded pictures) or draws
too much, and is otherwise turned into a transparent PNG once here, so every format carries
the same picture.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .blocks import SealImage
from .limits import MAX_SEAL_BYTES, MAX_SEAL_PIXELS, MAX_SEAL_SVG_BYTES, MAX_SEAL_SVG_ELEMENTS
from .model import Report, Seal
from .problems import Location, Problem, ReportError, locate

if TYPE_CHECKING:
    from lxml import etree

_PNG = b"\x89PNG\r\n\x1a\n"
_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
SVG_RASTER_WIDTH = 1000  # pixels an SVG seal is drawn at: 42 mm at 600 dpi, print quality
_FOREIGN = {"foreignObject", "image", "iframe", "embed", "object", "audio", "video", "canvas"}
# Compiled when an SVG seal is read (most reports have none).
_URL = r"(?i)url\(\s*['\"]?\s*([^)'\"\s]*)"
_LENGTH = r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*$"
_POINTS = {None: 0.75, "px": 0.75, "pt": 1.0, "pc": 12.0, "mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0}


def _problem(code: str, path: tuple[str | int, ...], report: Report, **params: object) -> Problem:
    return locate(Problem(code, dict(params), Location(path=path)), report)


def _image_path(seal: Seal, path: tuple[str | int, ...], report: Report) -> Path:
    """The image's file, relative to the report's folder, refused when it leads out of it."""
    source = getattr(report, "_source", None)
    if source is None or not source.file or source.file.startswith("<"):  # text from stdin or the workbench
        raise ReportError([_problem("seal_without_folder", path, report, image=seal.image)])
    folder = Path(source.file).resolve().parent
    target = (folder / seal.image).resolve()
    if not target.is_relative_to(folder):
        raise ReportError([_problem("seal_outside_folder", path, report, image=seal.image, folder=str(folder))])
    return target


def read_seal(file: Path, path: tuple[str | int, ...], report: Report) -> SealImage:
    """A PNG or SVG seal image, checked: its size in bytes and pixels within the limits."""
    name = str(file)
    try:
        status = file.stat()
        if not stat.S_ISREG(status.st_mode):  # a folder, a FIFO, a device: no image, and reading one may hang
            raise ReportError([_problem("seal_not_a_file", path, report, image=name)])
        size = status.st_size
        if size > MAX_SEAL_BYTES:
            raise ReportError([_problem("seal_too_large", path, report, image=name, size=size, limit=MAX_SEAL_BYTES)])
        data = file.read_bytes()
    except OSError as error:
        raise ReportError([_problem("seal_unreadable", path, report, image=name, reason=error.strerror or str(error))]) from None
    if file.suffix.lower() == ".svg" or (not data.startswith(_PNG) and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")):
        return _read_svg(data, name, path, report)
    if not data.startswith(_PNG) or data[12:16] != b"IHDR" or len(data) < 33:
        raise ReportError([_problem("seal_not_png", path, report, image=name)])
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height or width * height > MAX_SEAL_PIXELS:
        raise ReportError([_problem("seal_too_many_pixels", path, report, image=name, width=width, height=height,
                                    limit=MAX_SEAL_PIXELS)])
    try:  # the header is checked first: a huge image is never decoded
        from PIL import Image

        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            alpha = opened.mode in ("RGBA", "LA", "PA") or "transparency" in opened.info
    except Exception:  # noqa: BLE001  # any decoder failure is a broken file to the user
        raise ReportError([_problem("seal_not_png", path, report, image=name)]) from None
    return SealImage(data, width, height, alpha)


def _read_svg(data: bytes, name: str, path: tuple[str | int, ...], report: Report) -> SealImage:
    """An SVG seal checked as untrusted XML and drawn as a transparent PNG SVG_RASTER_WIDTH wide."""
    def refuse(code: str, **params: object) -> ReportError:
        return ReportError([_problem(code, path, report, image=name, **params)])

    from lxml import etree  # only for SVG seals: a report without one does not load it

    if len(data) > MAX_SEAL_SVG_BYTES:
        raise refuse("seal_too_large", size=len(data), limit=MAX_SEAL_SVG_BYTES)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise refuse("seal_svg_invalid", reason=str(error)) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise refuse("seal_svg_unsafe", what=Problem("svg_doctype"))
    if root.tag != f"{_SVG_NS}svg":
        raise refuse("seal_svg_invalid", reason=f"<{etree.QName(root).localname}>")
    _check_svg_parts(root, refuse)
    if _drawn_elements(root) > MAX_SEAL_SVG_ELEMENTS:
        raise refuse("seal_svg_too_complex", limit=MAX_SEAL_SVG_ELEMENTS)
    size = _svg_size(root)
    if size is None:
        raise refuse("seal_svg_no_size")
    width = SVG_RASTER_WIDTH
    height = max(1, round(width * size[1] / size[0]))
    if width * height > MAX_SEAL_PIXELS:
        raise refuse("seal_too_many_pixels", width=width, height=height, limit=MAX_SEAL_PIXELS)
    try:
        import cairosvg
    except (ImportError, OSError) as error:  # cairocffi raises OSError when the cairo library is missing
        raise refuse("seal_svg_renderer", reason=str(error)) from None
    try:  # unsafe=False: cairosvg parses with defusedxml and fetches nothing but data: addresses
        png = cairosvg.svg2png(bytestring=data, output_width=width, output_height=height, unsafe=False)
    except Exception as error:  # noqa: BLE001  # any drawing failure is a broken file to the user
        raise refuse("seal_svg_invalid", reason=str(error) or type(error).__name__) from None
    return SealImage(png, width, height, True)


def _check_svg_parts(root: etree._Element, refuse: Callable[..., ReportError]) -> None:
    """Refuses everything in an SVG but its drawing: scripts and event attributes, embedded
    content, style sheets and references that reach a file or an address."""
    from lxml import etree

    for instruction in root.getroottree().xpath("//processing-instruction()"):  # <?xml-stylesheet?>, before <svg> too
        raise refuse("seal_svg_unsafe", what=Problem("svg_external", {"target": f"<?{instruction.target}?>"}))
    for node in root.iter():
        if not isinstance(node.tag, str):  # comments
            continue
        local = etree.QName(node).localname
        if local == "script":
            raise refuse("seal_svg_unsafe", what=Problem("svg_script", {"name": "<script>"}))
        if local in _FOREIGN:  # an editor's own elements (Inkscape's namedview, metadata) are left to be ignored
            raise refuse("seal_svg_unsafe", what=Problem("svg_foreign", {"name": f"<{local}>"}))
        texts = [node.text or ""] if local == "style" else []
        for key, value in node.attrib.items():
            attribute = etree.QName(key).localname
            if attribute.lower().startswith("on"):
                raise refuse("seal_svg_unsafe", what=Problem("svg_script", {"name": attribute}))
            if attribute == "href" and not value.strip().startswith("#"):
                raise refuse("seal_svg_unsafe", what=Problem("svg_external", {"target": value[:80]}))
            texts.append(value)
        for text in texts:
            if "@import" in text.lower():
                raise refuse("seal_svg_unsafe", what=Problem("svg_external", {"target": "@import"}))
            for target in re.findall(_URL, text):
                if not target.startswith("#"):
                    raise refuse("seal_svg_unsafe", what=Problem("svg_external", {"target": target[:80]}))


def _drawn_elements(root: etree._Element) -> int:
    """How many elements the SVG draws, each reference (a <use>, a fill or clip-path by
    url(#id)) counted as what it repeats, so nested references cannot multiply into billions;
    a reference cycle counts as too many."""
    too_many = MAX_SEAL_SVG_ELEMENTS + 1
    by_id = {node.get("id"): node for node in root.iter() if isinstance(node.tag, str) and node.get("id")}
    counted: dict[etree._Element, int] = {}
    open_nodes: set[etree._Element] = set()

    def count(node: etree._Element) -> int:
        if node in counted:
            return counted[node]
        if node in open_nodes:
            return too_many
        open_nodes.add(node)
        total = 1 + sum(count(child) for child in node if isinstance(child.tag, str))
        href = (node.get("href") or node.get(_XLINK_HREF) or "").strip()
        references = [href, *(target for text in (*node.attrib.values(), node.text or "") for target in re.findall(_URL, text))]
        for reference in references:
            if reference.startswith("#") and reference[1:] in by_id:
                total += count(by_id[reference[1:]])
        open_nodes.discard(node)
        counted[node] = min(total, too_many)
        return counted[node]

    try:
        return count(root)
    except RecursionError:  # a chain of references deeper than Python's stack: far past any seal
        return too_many


def _svg_size(root: etree._Element) -> tuple[float, float] | None:
    """The SVG's width and height (any unit, the proportions are what count): from its width
    and height in absolute units, else its viewBox; None when neither gives a positive size."""
    width, height = (re.match(_LENGTH, root.get(side) or "") for side in ("width", "height"))
    if width and height:
        size = (float(width[1]) * _POINTS[width[2]], float(height[1]) * _POINTS[height[2]])
    else:
        box = re.split(r"[\s,]+", (root.get("viewBox") or "").strip())
        try:
            size = (float(box[2]), float(box[3])) if len(box) == 4 else (0.0, 0.0)
        except ValueError:
            return None
    return size if 0 < min(size) and max(size) < 1e9 else None


def seal_images(report: Report, given: Sequence[str | os.PathLike[str]] = ()) -> list[SealImage | None]:
    """Each issuer's seal image, in order (None: no image); `given`: images named on the
    command line, for the issuers in order, in place of those the report names."""
    images: list[SealImage | None] = []
    seals = report.seals()
    for index, seal in enumerate(seals):
        path: tuple[str | int, ...] = ("issuers", index, "seal", "image") if report.issuers else ("seal", "image")
        if index < len(given):
            images.append(read_seal(Path(given[index]), path, report))
        elif isinstance(seal, Seal):
            images.append(read_seal(_image_path(seal, path, report), path, report))
        else:
            images.append(None)
    return images
