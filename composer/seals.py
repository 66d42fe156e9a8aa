"""Seal images an office supplies (`seal: {image: seal.png}`): found, checked and read before
anything is composed, so a bad image is a located error and nothing is written.

The tool places the image it is given and never draws a seal. An image is found relative to
the report's folder and may not lead out of it (a report from elsewhere could otherwise print
any picture on the machine); an image named on the command line (`render --seal FILE`) is the
user's own choice and may be anywhere. Only PNG is read: it keeps the seal's red exact and its
paper transparent. SVG is refused with a message that says to export a PNG: a vector seal
would need a full SVG renderer in every format, and offices hold their seals as scans.
"""

from __future__ import annotations

import io
import os
import stat
import struct
from collections.abc import Sequence
from pathlib import Path

from .blocks import SealImage
from .limits import MAX_SEAL_BYTES, MAX_SEAL_PIXELS
from .model import Report, Seal
from .problems import Location, Problem, ReportError, locate

_PNG = b"\x89PNG\r\n\x1a\n"


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
    """A PNG seal image, checked: its size in bytes and pixels within the limits."""
    name = str(file)
    if file.suffix.lower() == ".svg":
        raise ReportError([_problem("seal_svg", path, report, image=name)])
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
