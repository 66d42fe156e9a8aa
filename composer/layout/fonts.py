"""Font faces per role for the layout: find them, check coverage, register with reportlab.

GB/T 9704 names one face per role; offices have those faces, Linux machines have open
ones, a fresh machine has none. Each role resolves, in order, to a configured face, an
installed face found by family name (official names first, then open faces fitting the
role), or the fallback faces that ``pip install`` brings (package ``pylopdf-fonts-zh-cn``:
Noto Serif SC and Noto Sans SC, OFL). A face that is not the one the profile asked for is
reported as standing in for it.

Per-character fallback: each face carries the next face of its role's list as
``fallback`` (disable with ``resolve_faces(..., fallback=False)``). A character the face
lacks but the fallback has is drawn in the fallback and listed by
``fallback_characters``; a character neither has is an error (``MissingGlyphsError``),
never a blank box.

Public API:
    ROLES                                role keys (their names: the catalogue's role_* messages)
    Face                                 the face chosen for a role and where it came from
    FontError, MissingGlyphsError        errors; the latter names the missing characters
    resolve_faces(requested, configured=None, *, fallback=True) -> dict[str, Face]
    missing_characters(face, text) -> list[str]     characters no face of the role has
    fallback_characters(face, text) -> list[str]    characters the fallback face draws
    reportlab_font(face, chars) -> str   registered reportlab font name for the face itself
    describe_face(face, lang="zh") -> str           one line for ``report-composer fonts``
    line_metrics(face) -> LineMetrics    ascent and descent of a line, as office applications set it
    ink_middle(face, char) -> float | None          height of a character's ink middle (the dashes)

Installed faces come from fontconfig (``fc-list``), else from a scan of the font folders;
both answers are kept in the cache folder (``fontconfig.json``, ``font-folders.json``) for
as long as the files and folders they came from are unchanged: a process does not run
fc-list (some 15 ms) or read every font file again to learn what is installed. The faces
of a configured font file are kept in ``font-folders.json`` too, so that a render with a
warm cache does not import fontTools to read its names.

reportlab, fontTools and subprocess are imported inside functions so that importing this
module (and the CLI's --help) stays fast. Nothing here touches the network.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import os
import re
import shutil
import stat
import struct
import sys
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..problems import Problem
from . import fontcache

if TYPE_CHECKING:  # imported when a PDF is drawn, never just to validate
    from reportlab.pdfbase.ttfonts import TTFont

ROLES = ("title", "body", "heading1", "heading2", "page_number")
FALLBACK_PACKAGE = "pylopdf-fonts-zh-cn"
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
_CONFIGURED_PATH = re.compile(r"^(?P<path>.+\.(?:ttf|otf|ttc|otc))(?:[#:,](?P<index>\d+))?$", re.I)

# Names of one face in its languages (a face's name table usually has both, but the
# profile or the configuration may use either).
_ALIASES = (
    ("方正小标宋简体", "FZXiaoBiaoSong-B05S"),
    ("方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
    ("仿宋_GB2312", "FangSong_GB2312"),
    ("仿宋", "FangSong"),
    ("楷体_GB2312", "KaiTi_GB2312"),
    ("楷体", "KaiTi"),
    ("黑体", "SimHei"),
    ("宋体", "SimSun"),
    ("宋体-简", "Songti SC"),
    ("黑体-简", "Heiti SC"),
    ("楷体-简", "Kaiti SC"),
    ("华文中宋", "STZhongsong"),
    ("华文宋体", "STSong"),
    ("华文仿宋", "STFangsong"),
    ("华文楷体", "STKaiti"),
    ("华文黑体", "STHeiti"),
    ("方正仿宋_GBK", "FZFangSong-Z02"),
    ("方正仿宋简体", "FZFangSong-Z02S"),
    ("方正楷体_GBK", "FZKai-Z03"),
    ("方正楷体简体", "FZKai-Z03S"),
    ("方正黑体_GBK", "FZHei-B01"),
    ("方正黑体简体", "FZHei-B01S"),
    ("方正书宋_GBK", "FZShuSong-Z01"),
    ("Source Han Serif SC", "思源宋体"),
    ("Source Han Sans SC", "思源黑体"),
    ("LXGW WenKai", "霞鹜文楷"),
    ("WenQuanYi Zen Hei", "文泉驿正黑", "文泉驛正黑"),
    ("WenQuanYi Micro Hei", "文泉驿微米黑", "文泉驛微米黑"),
)

# Open faces by design. Title prefers the bold cut: 小标宋 is a heavy Song.
_SERIF_OPEN = ("Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", "AR PL UMing CN")
_SANS_OPEN = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
)
_KAI_OPEN = ("LXGW WenKai", "AR PL UKai CN")
_REGULAR, _BOLD = 400, 700

# Per role: (family name, weight wanted) in order of preference, after the requested face.
_CANDIDATES: dict[str, tuple[tuple[str, int], ...]] = {
    "title": tuple((n, _REGULAR) for n in ("方正小标宋简体", "方正小标宋_GBK", "华文中宋", "宋体"))
    + tuple((n, _BOLD) for n in ("宋体-简",) + _SERIF_OPEN),
    "body": tuple(
        (n, _REGULAR)
        for n in ("仿宋_GB2312", "仿宋", "方正仿宋_GBK", "方正仿宋简体", "华文仿宋")
        + _SERIF_OPEN
    ),
    "heading1": tuple(
        (n, _REGULAR)
        for n in ("黑体", "黑体-简", "方正黑体_GBK", "方正黑体简体", "华文黑体") + _SANS_OPEN
    ),
    "heading2": tuple(
        (n, _REGULAR)
        for n in ("楷体_GB2312", "楷体", "楷体-简", "方正楷体_GBK", "方正楷体简体", "华文楷体")
        + _KAI_OPEN
        + _SERIF_OPEN
    ),
    "page_number": tuple(
        (n, _REGULAR) for n in ("宋体", "宋体-简", "华文宋体", "方正书宋_GBK") + _SERIF_OPEN
    ),
}
# Which bundled face stands in for each role (the package has no Kai face).
_BUNDLED_STYLE = {
    "title": "serif",
    "body": "serif",
    "heading1": "sans",
    "heading2": "serif",
    "page_number": "serif",
}


class FontError(Exception):
    """A face cannot be found, read or registered; `problem` words it (catalogue code)."""

    def __init__(self, code: str, **params: object) -> None:
        self.problem = Problem(code, params)
        super().__init__(self.problem.message("en"))


class MissingGlyphsError(FontError):
    """Characters the role's face (and, where said, its fallback) lacks; drawing them would
    leave blank boxes. ``characters`` lists them; the message names each with its code point."""

    def __init__(self, face: Face, characters: list[str], *, with_fallback: bool) -> None:
        self.face = face
        self.characters = characters
        listed = ", ".join(f"{ch!r} U+{ord(ch):04X}" for ch in characters)
        faces = face.family
        if with_fallback and face.fallback is not None:
            faces += f" / {face.fallback.family}"
        super().__init__("font_lacks", role=_role(face.role), faces=faces, chars=listed)


def _role(role: str) -> Problem:
    """A role's name, worded in the message's language."""
    return Problem(f"role_{role}")


@dataclasses.dataclass(frozen=True)
class Face:
    """The face used for one role and where it came from.

    source is "configured", "installed" or "bundled". official is True when the face is
    the one the profile asked for (``requested``, under any of its names); otherwise it
    stands in. weight is the weight wanted, used to pick the instance of a variable face.
    fallback draws the characters this face lacks (None: no per-character fallback).
    """

    role: str
    requested: str
    family: str
    path: Path
    index: int
    source: str
    official: bool
    weight: int = _REGULAR
    fallback: Face | None = None


@dataclasses.dataclass(frozen=True)
class _Entry:
    """One face of an installed font file, as found by fontconfig or a folder scan."""

    path: Path
    index: int
    names: tuple[str, ...]
    weight: int | None  # OpenType weight class; None for a variable face (any weight)


def resolve_faces(
    requested: Mapping[str, str],
    configured: Mapping[str, str] | None = None,
    *,
    fallback: bool = True,
) -> dict[str, Face]:
    """Choose the face for each role of ``requested`` (role -> official face name).

    configured maps a role to a font file (``path.ttc#1`` picks a collection index) or a
    family name; a configured face that cannot be found is an error, not a silent fallback.
    With fallback, each face gets the next face of its role for characters it lacks.
    Raises FontError when a role has no face at all.
    """
    faces = {}
    for role, name in requested.items():
        if role not in ROLES:
            raise FontError("font_role_unknown", role=role, roles=", ".join(ROLES))
        chain = _faces_for_role(role, name, (configured or {}).get(role))
        if not chain:
            raise FontError("font_no_face", role=_role(role), name=name, package=FALLBACK_PACKAGE)
        first = chain[0]
        if fallback and len(chain) > 1:
            first = dataclasses.replace(first, fallback=chain[1])
        faces[role] = first
    return faces


def missing_characters(face: Face, text: str) -> list[str]:
    """Characters of text that neither the face nor its fallback has, each once, in order of
    first appearance. The PDF writer turns them into an error with positions."""
    lacking = _coverage(face).lacking(_codepoints(text))
    if lacking and face.fallback:  # the fallback's coverage is read only when it may be needed
        lacking = _coverage(face.fallback).lacking(lacking)
    return _in_order(text, lacking)


def fallback_characters(face: Face, text: str) -> list[str]:
    """Characters of text that the face lacks and its fallback face will draw, so that the
    substitution can be reported."""
    lacking = _coverage(face).lacking(_codepoints(text))
    if face.fallback is None or not lacking:
        return []
    return _in_order(text, _coverage(face.fallback).covered(lacking))


class LineMetrics(NamedTuple):
    """A face's line as Word and LibreOffice set it at single spacing, in ems: the baseline
    `ascent` under the line's top and `descent` above its bottom (hhea, as LibreOffice reads
    it, else the Windows metrics Word reads; the two agree in the faces offices use)."""

    ascent: float
    descent: float


def line_metrics(face: Face) -> LineMetrics:
    units, ascent, descent = fontcache.line_metrics(face.path, face.index)
    return LineMetrics(ascent / units, descent / units)


def ink_middle(face: Face, char: str) -> float | None:
    """How far above the baseline the middle of a character's ink lies, in ems (the page
    number's dashes sit at a fixed distance under the text block by their ink); None when
    the face lacks it or draws nothing. Read from the glyph's box in the TrueType copy
    reportlab draws from: parsing a CJK face's own outlines takes a second."""
    if ord(char) not in _coverage(face):
        return None
    from reportlab.pdfbase import pdfmetrics

    copy = pdfmetrics.getFont(reportlab_font(face, char)).face
    glyph = copy.charToGlyph.get(ord(char))
    if glyph is None or copy.glyphPos[glyph] == copy.glyphPos[glyph + 1]:
        return None
    # the glyph's header: contours, then xMin, yMin, xMax, yMax (reportlab keeps the bytes it read)
    _, _, low, _, high = struct.unpack_from(">5h", copy._ttf_data, copy.table["glyf"]["offset"] + copy.glyphPos[glyph])
    return (low + high) / 2 / copy.unitsPerEm


def reportlab_font(face: Face, chars: str | Iterable[str]) -> str:
    """Name of the reportlab font, registered once per process, that draws this face.

    chars are the characters the caller will draw with it: every one the face has is then
    drawable. The name is the same for every call with the same face; a call with new
    characters grows the font in place (pass the whole document's characters up front to
    grow it once). Raises MissingGlyphsError for characters the face itself lacks: draw
    those (`fallback_characters`) with the fallback face's own registered font.
    """
    needed = _codepoints(chars)
    lacking = _coverage(face).lacking(needed)
    if lacking:
        raise MissingGlyphsError(face, _in_order(chars, lacking), with_fallback=False)
    return _register(face, needed)


def describe_face(face: Face, lang: str = "zh") -> str:
    """One line saying which face a role uses, where it came from and whether it stands in,
    for ``report-composer fonts`` (lang "zh" or "en")."""
    empty = Problem("empty")
    return Problem("font_face", {
        "role": _role(face.role), "family": face.family,
        "status": empty if face.official else Problem("font_face_stands_in", {"requested": face.requested}),
        "source": Problem(f"font_source_{face.source}", {"package": FALLBACK_PACKAGE}),
        "place": f"{face.path}" + (f"#{face.index}" if face.index else ""),
        "fallback": Problem("font_face_fallback", {"family": face.fallback.family}) if face.fallback else empty,
    }).message("en" if lang == "en" else "zh")


# --- resolution ---------------------------------------------------------------------------


def _faces_for_role(role: str, requested: str, configured: str | None) -> list[Face]:
    """Every face available for the role, best first, one per distinct file and index."""
    wanted = _alias_group(requested)
    faces: list[Face] = []
    if configured:
        faces.append(_configured_face(role, requested, configured, wanted))
    for name, weight in ((requested, _REGULAR),) + _CANDIDATES[role]:
        entry = _find_installed(name, weight)
        if entry is not None:
            official = any(_norm(n) in wanted for n in entry.names) or _norm(name) in wanted
            faces.append(
                Face(role, requested, name, entry.path, entry.index, "installed", official,
                     entry.weight or weight)
            )
    bundled = _bundled_faces().get(_BUNDLED_STYLE[role])
    if bundled is not None:
        family, path = bundled
        faces.append(Face(role, requested, family, path, 0, "bundled", False))
    unique: dict[tuple[Path, int], Face] = {}
    for face in faces:
        unique.setdefault((face.path.resolve(), face.index), face)
    return list(unique.values())


def configured_file(value: str) -> Path | None:
    """The font file a configured value names (``file.ttc#1``), or None for a family name."""
    match = _CONFIGURED_PATH.match(value.strip())
    return Path(match["path"]).expanduser() if match else None


def _configured_face(role: str, requested: str, value: str, wanted: frozenset[str]) -> Face:
    """The face named in configuration: a font file (optionally #index) or a family name."""
    match = _CONFIGURED_PATH.match(value.strip())
    if match:
        path = Path(match["path"]).expanduser()
        index = int(match["index"] or 0)
        if not path.is_file():
            raise FontError("font_file_missing", role=_role(role), path=str(path))
        entries = [e for e in _file_faces([path])[path] if e.index == index]
        if not entries:
            raise FontError("font_file_no_index", role=_role(role), path=str(path), index=index)
        names = entries[0].names
        family = next((n for n in names if _norm(n) in wanted), names[0] if names else path.stem)
        official = any(_norm(n) in wanted for n in names)
        return Face(role, requested, family, path, index, "configured", official)
    entry = _find_installed(value, _REGULAR)
    if entry is None:
        raise FontError("font_not_installed", role=_role(role), name=value)
    official = any(_norm(n) in wanted for n in entry.names) or _norm(value) in wanted
    return Face(role, requested, value, entry.path, entry.index, "configured", official,
                entry.weight or _REGULAR)


def _norm(name: str) -> str:
    """Family names compare without case, spaces, hyphens and underscores."""
    return re.sub(r"[\s_\-]", "", name).casefold()


def _alias_group(name: str) -> frozenset[str]:
    """The normalized names of the face called name, in all its languages."""
    key = _norm(name)
    return _alias_groups().get(key, frozenset({key}))


@functools.lru_cache(maxsize=1)
def _alias_groups() -> dict[str, frozenset[str]]:
    """Each normalized name of _ALIASES to its group, made once: a resolution looks up some
    50 names."""
    groups: dict[str, frozenset[str]] = {}
    for group in _ALIASES:
        normalized = frozenset(_norm(n) for n in group)
        for key in normalized:
            groups.setdefault(key, normalized)
    return groups


def _find_installed(name: str, weight: int) -> _Entry | None:
    """The installed face with that family name (any of its aliases), nearest in weight."""
    index = _installed_index()
    entries = [e for key in _alias_group(name) for e in index.get(key, ())]
    if not entries:
        return None
    return min(entries, key=lambda e: (0 if e.weight is None else abs(e.weight - weight), e.index))


@functools.lru_cache(maxsize=1)
def _installed_index() -> dict[str, list[_Entry]]:
    """Installed faces by normalized family name. fontconfig on Linux and other Unix;
    a scan of the font folders on Windows, macOS, or where fc-list is missing."""
    fc_list = None if sys.platform in ("win32", "darwin") else shutil.which("fc-list")
    entries = _fontconfig_entries(fc_list) if fc_list else _folder_entries(_font_folders())
    index: dict[str, list[_Entry]] = {}
    for entry in entries:
        for name in entry.names:
            index.setdefault(_norm(name), []).append(entry)
    return index


# fontconfig weights to OpenType weight classes (fontconfig's own table).
_FC_WEIGHTS = {0: 100, 40: 200, 50: 300, 55: 350, 75: 380, 80: 400, 100: 500, 180: 600,
               200: 700, 205: 800, 210: 900, 215: 950}
# Environment variables that change what fontconfig reads.
_FC_ENVIRONMENT = ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT")


def _fontconfig_entries(fc_list: str) -> list[_Entry]:
    """The faces fontconfig lists. Running fc-list costs some 15 ms a process, so its answer
    is kept in the cache folder with the modification times of what fontconfig itself
    checks for changes (`_fontconfig_inputs`), and used while none of them has changed."""
    index_file = fontcache.cache_dir() / "fontconfig.json"
    config, folders = _fontconfig_inputs(fc_list)
    settings = [fc_list, *map(os.environ.get, _FC_ENVIRONMENT), *map(str, config + folders)]
    cached = _cached_fontconfig_entries(index_file, settings)
    if cached is not None:
        return cached
    # Taken before fc-list runs, so that a font installed meanwhile shows as a change.
    stamps = {**_stamps(config, files=True), **_stamps(folders, files=False)}
    import subprocess

    try:
        result = subprocess.run(
            [fc_list, "--format", "%{file}\t%{index}\t%{family}\t%{weight}\n", ":scalable=true"],
            capture_output=True, text=True, timeout=60, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):  # fontconfig unusable: look in the folders
        return _folder_entries(_font_folders())
    entries = _parse_fc_list(result.stdout)
    if result.returncode == 0:
        for folder in {str(entry.path.parent) for entry in entries}:  # also folders its configuration adds
            stamps.setdefault(folder, _mtime(folder))
        record = {"settings": settings, "stamps": stamps,
                  "entries": [[str(e.path), e.index, e.names, e.weight] for e in entries]}
        try:
            fontcache.write_atomic(index_file, json.dumps(record).encode("ascii"))
        except OSError:
            pass  # a read-only cache only costs running fc-list next time
    return entries


def _cached_fontconfig_entries(index_file: Path, settings: list) -> list[_Entry] | None:
    """The entries recorded in index_file, if recorded with these settings and nothing
    stamped has changed since; None when absent, damaged or out of date."""
    try:
        record = json.loads(index_file.read_text(encoding="ascii"))
        if record["settings"] == settings and all(_mtime(path) == mtime for path, mtime in record["stamps"].items()):
            return [_Entry(Path(file), index, tuple(names), weight) for file, index, names, weight in record["entries"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def _fontconfig_inputs(fc_list: str) -> tuple[list[Path], list[Path]]:
    """What fontconfig reads: configuration (files and folders), and folders (font folders,
    and its cache folders, which fc-cache rewrites when a font package is installed).
    fontconfig notices a new font by its folder's modification time, and so do we."""
    home = Path.home()
    prefix = Path(fc_list).parent.parent  # /usr; or a virtual environment with its own fontconfig
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache")
    config = [Path(fc_list), Path("/etc/fonts"), prefix / "etc" / "fonts", config_home / "fontconfig",
              home / ".fonts.conf", home / ".fonts.conf.d"]
    for variable in ("FONTCONFIG_FILE", "FONTCONFIG_PATH"):
        config += [Path(p) for p in os.environ.get(variable, "").split(os.pathsep) if p]
    folders = _font_folders() + [Path("/var/cache/fontconfig"), prefix / "var" / "cache" / "fontconfig",
                                 cache_home / "fontconfig", home / ".fontconfig"]
    return config, folders


def _stamps(roots: Iterable[Path], *, files: bool) -> dict[str, int | None]:
    """Modification time of each root and each folder under it (with files, each file too),
    None for an absent one: adding, removing or renaming a file changes its folder's time,
    editing it its own. Links are followed, each folder once."""
    stamps: dict[str, int | None] = {}
    seen: set[tuple[int, int]] = set()
    pending = [str(root) for root in roots]
    while pending:
        path = pending.pop()
        try:
            status = os.stat(path)
        except OSError:
            stamps[path] = None
            continue
        stamps[path] = status.st_mtime_ns
        if stat.S_ISDIR(status.st_mode) and (status.st_dev, status.st_ino) not in seen:
            seen.add((status.st_dev, status.st_ino))
            try:
                with os.scandir(path) as listing:
                    pending += [entry.path for entry in listing if files or entry.is_dir()]
            except OSError:
                pass  # unreadable: its own time still counts
    return stamps


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _parse_fc_list(output: str) -> list[_Entry]:
    """Parse ``fc-list`` output: one line per face with file, index, families, weight."""
    entries = []
    for line in output.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or not parts[0].lower().endswith(_FONT_SUFFIXES):
            continue
        file, raw_index, families, raw_weight = parts
        index = int(raw_index or 0)
        # Named instances of a variable face carry the instance number in the high bits;
        # a range weight ("[0 210]") is the variable face itself.
        weight = None
        if raw_weight and not raw_weight.startswith("["):
            fc_weight = int(float(raw_weight))
            weight = _FC_WEIGHTS[min(_FC_WEIGHTS, key=lambda w: abs(w - fc_weight))]
        names = tuple(n for n in families.split(",") if n)
        entries.append(_Entry(Path(file), index & 0xFFFF, names, weight))
    return entries


def _font_folders() -> list[Path]:
    """The system and user font folders of this platform."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        folders = [windir / "Fonts"]
        if local:
            folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return folders
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts",
            home / ".fonts"]


def _folder_entries(folders: Iterable[Path]) -> list[_Entry]:
    """Faces of every font file under folders (see `_file_faces`)."""
    files = [path for folder in folders if folder.is_dir() for path in sorted(folder.rglob("*"))
             if path.suffix.lower() in _FONT_SUFFIXES and path.is_file()]
    return [entry for entries in _file_faces(files).values() for entry in entries]


def _file_faces(paths: Iterable[Path]) -> dict[Path, list[_Entry]]:
    """The faces of each font file, from an index in the cache folder keyed by path, size and
    mtime: reading a file's name table means importing fontTools, some 20 ms a process, and
    reading hundreds of files takes seconds. Only files absent from the index, changed or
    damaged in it are read. The folder scan and configured files share the index, so a write
    keeps every other file's record, dropping those of files that are gone."""
    index_file = fontcache.cache_dir() / "font-folders.json"
    try:
        known = json.loads(index_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    if not isinstance(known, dict):
        known = {}
    faces: dict[Path, list[_Entry]] = {}
    read: dict[str, dict] = {}
    for path in paths:
        status, key = path.stat(), str(path.absolute())
        entries = _recorded_faces(path, known.get(key), status)
        if entries is None:
            entries = _read_faces(path)
            read[key] = {"size": status.st_size, "mtime": status.st_mtime_ns,
                         "faces": [[e.index, list(e.names), e.weight] for e in entries]}
        faces[path] = entries
    if read:
        kept = {key: record for key, record in known.items() if os.path.isfile(key)}
        try:
            fontcache.write_atomic(index_file, json.dumps({**kept, **read}, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a read-only cache only costs reading the files next time
    return faces


def _recorded_faces(path: Path, record, status: os.stat_result) -> list[_Entry] | None:
    """The faces a record of the index holds, if it was made for the file as it is now (same
    size and mtime); None when there is no such record or it is damaged."""
    try:
        if record["size"] == status.st_size and record["mtime"] == status.st_mtime_ns:
            return [_Entry(path, index, tuple(names), weight) for index, names, weight in record["faces"]]
    except (KeyError, TypeError, ValueError):
        pass
    return None


def _read_faces(path: Path) -> list[_Entry]:
    """The faces in one font file, with family names in every language of its name table
    (IDs 1 and 16), weight class, and None weight for variable faces. Unreadable files
    yield nothing."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            with TTCollection(path, lazy=True) as collection:
                return [_entry(path, i, font) for i, font in enumerate(collection.fonts)]
        with TTFont(path, lazy=True) as font:
            return [_entry(path, 0, font)]
    except Exception:  # noqa: BLE001 - a broken font file is skipped, as fontconfig does
        return []


def _entry(path: Path, index: int, font) -> _Entry:
    names: list[str] = []
    for record in font["name"].names:
        if record.nameID in (1, 16):
            try:
                name = record.toUnicode().strip()
            except UnicodeDecodeError:
                continue
            if name and name not in names:
                names.append(name)
    variable = "fvar" in font
    weight = None if variable else (font["OS/2"].usWeightClass if "OS/2" in font else _REGULAR)
    return _Entry(path, index, tuple(names), weight)


@functools.lru_cache(maxsize=1)
def _bundled_faces() -> dict[str, tuple[str, Path]]:
    """The faces of the fallback package, by style; empty when it is not installed."""
    try:
        import pylopdf_fonts_zh_cn as bundled
    except ImportError:
        return {}
    return {
        "serif": ("Noto Serif SC", Path(bundled.serif_path())),
        "sans": ("Noto Sans SC", Path(bundled.sans_path())),
    }


# --- coverage and registration --------------------------------------------------------------


def _codepoint(ch: str) -> int:
    """reportlab draws U+00A0 with the space glyph; do the same here."""
    return 0x20 if ch == "\u00a0" else ord(ch)


# The control characters (Unicode category Cc, fixed by the standard): newline, tab, ...
_CONTROLS = frozenset(range(0x20)) | frozenset(range(0x7F, 0xA0))


def _codepoints(chars: str | Iterable[str]) -> set[int]:
    """Code points that need a glyph: control characters (newline, tab) are not drawn.
    Set operations, not a test per character: a role's text is a whole report's."""
    needed = set(map(ord, set(chars))) - _CONTROLS
    if 0xA0 in needed:  # drawn with the space glyph (_codepoint)
        needed.remove(0xA0)
        needed.add(0x20)
    return needed


def _in_order(chars: str | Iterable[str], wanted: set[int]) -> list[str]:
    """The characters whose code points are in wanted, once each, in order of appearance."""
    if not wanted:  # the usual answer, without a pass over every character of a report
        return []
    out: dict[str, None] = {}
    for ch in chars:
        if _codepoint(ch) in wanted:
            out.setdefault(ch)
    return list(out)


def _coverage(face: Face) -> fontcache.Coverage:
    """Code points the face maps to a real glyph (not .notdef); see fontcache.coverage."""
    try:
        return fontcache.coverage(face.path, face.index)
    except Exception as exc:  # noqa: BLE001 - any fontTools failure: report the file
        raise FontError("font_unreadable", path=f"{face.path}#{face.index}", reason=str(exc)) from exc


_lock = threading.Lock()
# (path, index, weight) -> (the registered reportlab TTFont, code points its face covers)
_registered: dict[tuple[Path, int, int], tuple[TTFont, frozenset[int]]] = {}
_names = itertools.count(1)


def _register(face: Face, needed: set[int]) -> str:
    """Register the face with reportlab once per process, under one name for good.

    reportlab draws from fontcache's small copy of the face; when later text needs
    characters the registered copy lacks, a grown copy (a superset with the same glyphs and
    widths) replaces the font's face in place, so the name handed out earlier, and
    documents being built with it, stay valid, and memory holds one copy per face.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from .rlfaces import RecordedFace, RecordedFont

    key = (face.path, face.index, face.weight)
    with _lock:
        current = _registered.get(key)
        if current is not None and needed <= current[1]:
            return current[0].fontName
        try:
            previous = current[1] if current is not None else frozenset()
            copy, data = fontcache.truetype_copy(face.path, face.index, face.weight, needed | previous)
            loaded = RecordedFace(data, copy.with_suffix(".rl"))
            if current is None:
                slug = re.sub(r"[^A-Za-z0-9]", "", face.path.stem)[:24] or "face"
                font = RecordedFont(f"RC{next(_names)}-{slug}", loaded)
            else:
                font = current[0]
        except (TTFError, OSError) as exc:
            raise FontError("font_unusable", family=face.family, path=str(face.path), reason=str(exc)) from exc
        covered = frozenset(cp for cp, glyph in loaded.charToGlyph.items() if glyph)
        if not needed <= covered:
            raise MissingGlyphsError(
                face, [chr(cp) for cp in sorted(needed - covered)], with_fallback=False
            )
        if current is None:
            # registerFont hands out the font first registered under a face (PostScript)
            # name for any later font with that name, whatever its glyphs: keep ours apart.
            if loaded.name in pdfmetrics._dynFaceNames:
                loaded.name += b"-" + font.fontName.encode("ascii")
            pdfmetrics.registerFont(font)
        else:
            loaded.name = font.face.name
            font.face = loaded
        _registered[key] = (font, covered)
        return font.fontName
