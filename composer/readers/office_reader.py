"""Word 97-2003 (.doc), WPS (.wps) and OpenDocument (.odt) -> source paragraphs, through LibreOffice.

Most offices still save .doc or .wps. We do not parse those binary formats ourselves: LibreOffice
(`soffice`) converts the file to .docx, which the DOCX reader then reads as any Word draft.
The conversion runs headless in a fresh profile folder inside a temporary folder (so it neither
meets a LibreOffice the user has open nor leaves settings behind), on a copy of the input with a
plain name (so no file name can be taken for an option), without a shell, and within a time limit
after which LibreOffice and whatever it started are stopped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..problems import Location, Problem, ReportError
from .docx_reader import MAX_PART_BYTES, read_docx
from .source import SourceDocument

if TYPE_CHECKING:
    from ..profile import Profile

CONVERT_SECONDS = 120  # a long report converts in a few seconds; the first run of a profile takes longer
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file signature: .doc, and WPS's .wps


# Where the installers put LibreOffice when it is not on the PATH (Windows, macOS).
_INSTALLED = (
    Path(os.environ.get("PROGRAMFILES", "C:/Program Files")) / "LibreOffice/program/soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", "C:/Program Files (x86)")) / "LibreOffice/program/soffice.exe",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)


def soffice() -> str | None:
    """The LibreOffice command on this machine, if any: on the PATH, or where its installer puts it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next((str(path) for path in _INSTALLED if path.is_file()), None)


def _fail(code: str, name: str, **params: object) -> ReportError:
    return ReportError([Problem(code, dict(params), Location(name))])


def _input_filter(data: bytes, name: str, suffix: str) -> list[str]:
    """How LibreOffice is to read the file, from what it starts with.

    A compound file is Word 97-2003's format (WPS saves .wps in it too), read as such: left to
    guess, LibreOffice would take a damaged one for plain text, or ".wps" for Microsoft Works.
    A zip (a .docx or .odt under another name), RTF and web pages saved as .doc are left to its
    detection; anything else is no document of these kinds.
    """
    if data.startswith(_OLE):
        return ["--infilter=MS Word 97"]
    if data.startswith((b"PK\x03\x04", b"{\\rtf")) or data.lstrip()[:1] == b"<" or data.startswith(b"MIME-Version"):
        return []
    raise _fail("import_not_office", name, suffix=suffix)


_TEXT_INPUT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}text-input"


def _without_input_fields(data: bytes) -> bytes:
    """An OpenDocument file with its input fields (text:text-input) replaced by their text.

    LibreOffice makes an input field of a Word content control (an OA template's title, a
    date), and writes one back to DOCX as a FILLIN field per run of one script, each showing the
    whole text, so "青山县…2024年度…报告" comes out four times over. The field's text is the
    draft's; a file that is not such a zip is left as it is.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        content = package.getinfo("content.xml")
    except (zipfile.BadZipFile, KeyError, ValueError):
        return data
    if content.file_size > MAX_PART_BYTES:
        return data
    xml = package.read(content)
    if b"text-input" not in xml:
        return data
    from lxml import etree

    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, huge_tree=False))
    except etree.XMLSyntaxError:
        return data
    for field in root.iter(_TEXT_INPUT):
        field.text = (field.text or "").replace("\r", "")
        for child in field:
            child.tail = (child.tail or "").replace("\r", "")
    etree.strip_tags(root, _TEXT_INPUT)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for member in package.infolist():
            target.writestr(member, etree.tostring(root, xml_declaration=True, encoding="UTF-8")
                            if member.filename == "content.xml" else package.read(member))
    return out.getvalue()


def convert_to_docx(data: bytes, name: str, suffix: str) -> bytes:
    """The document converted to .docx by LibreOffice; ReportError when it is missing, fails or hangs."""
    command = soffice()
    if command is None:
        raise _fail("import_soffice_missing", name, suffix=suffix)
    infilter = _input_filter(data, name, suffix)
    if suffix == ".odt":
        data = _without_input_fields(data)
    with tempfile.TemporaryDirectory(prefix="report-composer-") as folder:
        work = Path(folder)
        source = work / f"source{suffix}"
        source.write_bytes(data)
        out = work / "out"
        arguments = [
            command, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--invisible",
            "--nologo", "--norestore", "--nolockcheck", "--nodefault", *infilter,
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source),
        ]
        process = subprocess.Popen(
            arguments, cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a time-out stops every process it started
        )
        try:
            output, _ = process.communicate(timeout=CONVERT_SECONDS)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise _fail("import_convert_timeout", name, seconds=CONVERT_SECONDS) from None
        converted = out / (source.stem + ".docx")
        if process.returncode != 0 or not converted.is_file():
            reason = _last_line(output) or f"exit status {process.returncode}"
            raise _fail("import_convert_failed", name, suffix=suffix, reason=reason)
        return converted.read_bytes()


def _stop(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (AttributeError, ProcessLookupError, PermissionError):  # no process groups (Windows), or gone
        process.kill()
    process.communicate()


def _last_line(output: bytes) -> str:
    """LibreOffice's last message, without its warnings about Java."""
    lines = [line.strip() for line in output.decode("utf-8", "replace").splitlines()]
    return next((line for line in reversed(lines) if line and "javaldx" not in line), "")


def read_office(data: bytes, name: str, profile: Profile) -> SourceDocument:
    """A .doc, .wps or .odt document's paragraphs and tables, as the DOCX reader finds them."""
    suffix = Path(name).suffix.lower()
    document = read_docx(convert_to_docx(data, name, suffix), name, profile)
    document.notes.insert(0, Problem("import_converted", {"suffix": suffix}, Location(name), "info"))
    return document
