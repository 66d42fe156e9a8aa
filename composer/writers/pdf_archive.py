"""An archival PDF (PDF/A-1b, -2b, -3b: ISO 19005), written inside reportlab's document model.

`ArchiveCanvas` is the reportlab canvas the pages are drawn on. It describes the document
twice, as PDF/A asks, in the document information dictionary and in XMP metadata that agree:
title, the issuer as author, subject, keywords, the issue date as creation and modification
date, and for a PDF/A level its identification (pdfaid). A PDF/A file also gets an sRGB output
intent, which says what the RGB its pages paint in means.

Every PDF, plain ones too, leaves out the empty page-transition dictionary (/Trans) reportlab
writes on every page, maps characters beyond U+FFFF (rare name characters such as 𠀾) to
Unicode correctly, which reportlab writes as five hex digits no reader understands, and has an
identifier drawn from its pages: the same report gives the same bytes, another report another
identifier. No second pass reads the PDF back.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any, NamedTuple

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFDocument, PDFName, PDFStream, PDFString, PDFZCompress
from reportlab.pdfgen.canvas import Canvas

from ..blocks import Metadata
from ..problems import Problem, ReportError
from . import srgb
from .pdf_tags import Tagger
from ..layout.typeset import Origin

CREATOR = "report-composer"
PRODUCER = "report-composer (ReportLab)"
LANGUAGE = "zh-CN"


class Standard(NamedTuple):
    """A conformance level the PDF can claim: `part` of ISO 19005 (0: no PDF/A claim)."""

    name: str
    part: int
    transparency: bool  # transparent images (a seal with an alpha channel) allowed

    @property
    def label(self) -> str:
        return f"PDF/A-{self.part}B" if self.part else "PDF"


STANDARDS: dict[str, Standard] = {
    s.name: s
    for s in (Standard("a-1b", 1, False), Standard("a-2b", 2, True), Standard("a-3b", 3, True), Standard("none", 0, True))
}
DEFAULT = "a-2b"


def standard(name: str) -> Standard:
    """The standard of a name given by the user (`--pdf-standard`, the API's `pdf_standard`)."""
    try:
        return STANDARDS[name]
    except KeyError:
        raise ReportError([Problem("pdf_standard_unknown", {"standard": name, "known": ", ".join(STANDARDS)})]) from None


def refuse_transparency(level: Standard, what: str, what_en: str) -> None:
    """Stops a render that would draw something transparent (a seal image with an alpha
    channel, `what`) at a level that cannot hold transparency (PDF/A-1), naming the levels
    that can. The drawing code of such an image calls this before it draws."""
    if not level.transparency:
        raise ReportError([Problem("pdf_transparency_refused", {"what": what, "what_en": what_en})])


class ArchiveCanvas(Canvas):
    """A reportlab canvas writing a PDF of one `Standard`, reproducibly (invariant mode)."""

    def __init__(self, out: Any, *, metadata: Metadata, level: Standard, **options: Any) -> None:
        super().__init__(out, invariant=1, lang=LANGUAGE, pdfVersion=(1, 4) if level.part == 1 else (1, 7), **options)
        self._metadata = metadata
        self._level = level
        self._tags = Tagger()
        info = self._doc.info
        info.title, info.author, info.subject = metadata.title, metadata.author, metadata.subject
        info.keywords = ", ".join(metadata.keywords)
        info.creator, info.producer = CREATOR, PRODUCER
        stamp = f"D:{metadata.created:%Y%m%d}000000+08'00'"
        self.setDateFormatter(lambda *_: stamp)
        if level.part:
            catalog = self._doc.Catalog
            catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
            catalog.OutputIntents = PDFArray([_output_intent()])

    def begin_marked(self, origin: Origin) -> None:
        """Opens the marked content of a run of glyphs (an artifact for page furniture)."""
        self._code.append(self._tags.begin(origin, self._pageNumber - 1))

    def begin_artifact(self) -> None:
        """Opens a rule or ornament, which screen readers skip."""
        self._code.append("/Artifact BMC")

    def end_marked(self) -> None:
        self._code.append("EMC")

    def showPage(self) -> None:
        super().showPage()
        self._doc.Pages.pages[-1].Trans = None  # reportlab's empty transition dictionary

    def save(self) -> None:
        doc = self._doc
        self._tags.finish(doc)
        fingerprint = _fingerprint(doc, self._metadata)
        doc.updateSignature(fingerprint)  # the trailer's /ID
        doc.Catalog.Metadata = PDFStream(
            PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
            xmp(self._metadata, self._level, fingerprint),  # uncompressed, as PDF/A-1 requires
        )
        doc.delayedFonts.append(_SupplementaryCharacters())  # runs after the fonts are written
        super().save()


def _fingerprint(doc: PDFDocument, metadata: Metadata) -> str:
    """A digest of what the pages draw and the document's description."""
    digest = hashlib.sha256(repr(tuple(metadata)).encode("utf-8"))
    for page in doc.Pages.pages:
        digest.update(page.stream.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _output_intent() -> PDFDictionary:
    profile = PDFStream(PDFDictionary({"N": 3}), srgb.profile(), filters=[PDFZCompress])
    return PDFDictionary({
        "Type": PDFName("OutputIntent"),
        "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(srgb.DESCRIPTION),
        "Info": PDFString(srgb.DESCRIPTION),
        "RegistryName": PDFString("http://www.color.org"),
        "DestOutputProfile": profile,
    })


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _alt(text: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{_xml(text)}</rdf:li></rdf:Alt>'


def _xmp_date(day: date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00+08:00"  # the information dictionary's date, in XMP's form


def xmp(metadata: Metadata, level: Standard, fingerprint: str) -> bytes:
    """The XMP metadata packet: what the information dictionary says, and the PDF/A level."""
    issued = _xmp_date(metadata.created)
    f = fingerprint
    uuid = f"uuid:{f[:8]}-{f[8:12]}-{f[12:16]}-{f[16:20]}-{f[20:32]}"
    keywords = "".join(f"<rdf:li>{_xml(k)}</rdf:li>" for k in metadata.keywords)
    # The PDF/UA identification goes into a plain PDF only: in a PDF/A file it needs a PDF/A
    # extension schema, which the offline PDF/A checker (pikepdf) refuses to read.
    identification = (
        f'<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        f"<pdfaid:part>{level.part}</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>"
        if level.part else
        '<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        "<pdfuaid:part>1</pdfuaid:part></rdf:Description>"
    )
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:format>application/pdf</dc:format><dc:title>{_alt(metadata.title)}</dc:title>"
        f"<dc:creator><rdf:Seq><rdf:li>{_xml(metadata.author)}</rdf:li></rdf:Seq></dc:creator>"
        f"<dc:description>{_alt(metadata.subject)}</dc:description>"
        f"<dc:subject><rdf:Bag>{keywords}</rdf:Bag></dc:subject>"
        f"<dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language></rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"<pdf:Keywords>{_xml(', '.join(metadata.keywords))}</pdf:Keywords>"
        f"<pdf:Producer>{PRODUCER}</pdf:Producer></rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f"<xmp:CreatorTool>{CREATOR}</xmp:CreatorTool><xmp:CreateDate>{issued}</xmp:CreateDate>"
        f"<xmp:ModifyDate>{issued}</xmp:ModifyDate><xmp:MetadataDate>{issued}</xmp:MetadataDate></rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">'
        f"<xmpMM:DocumentID>{uuid}</xmpMM:DocumentID></rdf:Description>"
        f"{identification}</rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


_BEYOND_BMP = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16(match: re.Match[str]) -> str:
    high, low = divmod(int(match[2], 16) - 0x10000, 0x400)
    return f"<{match[1]}> <{0xD800 + high:04X}{0xDC00 + low:04X}>"


class _SupplementaryCharacters:
    """Rewrites the ToUnicode maps reportlab made for its font subsets so that characters
    beyond U+FFFF map to their UTF-16 surrogate pairs. reportlab writes a font's objects
    when it saves, calling `addObjects` on each font used; this stands last among them."""

    def addObjects(self, doc: PDFDocument) -> None:  # noqa: N802 - reportlab's name
        for name, stream in doc.idToObject.items():
            if name.startswith("toUnicodeCMap:"):
                stream.content = _BEYOND_BMP.sub(_utf16, stream.content)
