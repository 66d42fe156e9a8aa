"""Faces for the PDF writer, per role, from composer.fonts: chosen once per process, checked
against the characters each role draws, registered with reportlab.

The profile names the face of each role (`[fonts]`); a profile overlay may point a role at a
font file or another family in `[font_files]` (role = "path/to/face.ttc#1" or a family
name). A character no face of its role has is an error naming the character and where it
is; a face standing in for an official one is a warning, once per render, and so are the
characters a face lacks and its fallback face draws.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from . import fonts
from ..problems import Problem, ReportError, ReportWarning
from ..profile import Profile
from .linebreak import Run
from .typeset import Source

_CONTEXT = 10  # characters shown either side of a missing one

_KINDS = {
    "title": ("标题", "the title"),
    "addressee": ("主送机关", "the addressee"),
    "heading": ("小标题", "a heading"),
    "paragraph": ("正文", "the body text"),
    "table": ("表格", "a table"),
    "attachments": ("附件说明", "the attachments"),
    "signature": ("署名和日期", "the signature and date"),
    "note": ("附注", "the note"),
    "header": ("版头", "the header"),
    "end_block": ("版记", "the end block"),
    "page_number": ("页码", "the page numbers"),
}


def configured(profile: Profile) -> dict[str, str]:
    """Role -> font file or family name from the profile's optional [font_files] table."""
    try:
        table = profile.font_files
    except AttributeError:
        return {}
    return {role: str(table[role]) for role in table.keys()}


@lru_cache(maxsize=8)
def _resolve(requested: tuple[tuple[str, str], ...], chosen: tuple[tuple[str, str], ...]) -> dict[str, fonts.Face]:
    try:
        return fonts.resolve_faces(dict(requested), dict(chosen))
    except fonts.FontError as error:
        raise ReportError([Problem("font_unavailable", {"detail": str(error)})]) from None


def faces(profile: Profile) -> dict[str, fonts.Face]:
    """The face of every role of the profile, resolved once per process."""
    requested = tuple((role, profile.face(role)) for role in profile.roles)
    return _resolve(requested, tuple(sorted(configured(profile).items())))


def prepare(profile: Profile) -> None:
    """Resolves every role's face and registers it with all the glyphs the font cache holds,
    so that a process rendering many reports (a batch worker) reads its fonts once."""
    for face in faces(profile).values():
        fonts.reportlab_font(face, "")


class RoleFonts:
    """The registered reportlab font drawing each character of each role: the role's face,
    or its fallback face for the characters only the fallback has."""

    def __init__(self, own: dict[str, str], borrowed: dict[str, tuple[str, frozenset[str]]]) -> None:
        self._own = own
        self._borrowed = borrowed

    def __call__(self, role: str, char: str) -> str:
        borrowed = self._borrowed.get(role)
        if borrowed and char in borrowed[1]:
            return borrowed[0]
        return self._own[role]

    def pieces(self, role: str, text: str) -> list[tuple[str, int, int]]:
        """(font, start, end) for stretches of text drawn in one font."""
        if role not in self._borrowed:
            return [(self._own[role], 0, len(text))]
        out: list[tuple[str, int, int]] = []
        for k, char in enumerate(text):
            font = self(role, char)
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1], k + 1)
            else:
                out.append((font, k, k + 1))
        return out


def _where(source: Source, char: str) -> dict[str, str]:
    zh, en = _KINDS[source.kind]
    at = max(source.text.find(char), 0)
    context = source.text[max(at - _CONTEXT, 0):at + _CONTEXT + 1]
    if source.number:
        zh, en = f"第 {source.number} 段（{zh}）", f"block {source.number} ({en})"
    return {"where": zh, "where_en": en, "context": context}


def _missing(role: str, face: fonts.Face, chars: list[str], texts: list[tuple[Run, Source]]) -> list[Problem]:
    problems = []
    for char in chars:
        source = next(source for run, source in texts if run.role == role and char in run.text)
        problems.append(Problem("font_missing_character", {
            "char": char, "codepoint": f"U+{ord(char):04X}",
            "face": face.family + (f" / {face.fallback.family}" if face.fallback else ""),
            "role": fonts.ROLE_LABELS["zh"][role], "role_en": fonts.ROLE_LABELS["en"][role],
            **_where(source, char),
        }))
    return problems


def _stand_ins(used: dict[str, fonts.Face]) -> Problem | None:
    zh, en = [], []
    for role, face in used.items():
        if not face.official and face.source != "configured":  # a face the user named is no stand-in
            zh.append(f"{fonts.ROLE_LABELS['zh'][role]}用 {face.family} 代替 {face.requested}")
            en.append(f"{fonts.ROLE_LABELS['en'][role]}: {face.family} for {face.requested}")
    if not zh:
        return None
    return Problem("font_substituted", {"list": "；".join(zh), "list_en": "; ".join(en)}, severity="warning")


def _borrowed(used: dict[str, fonts.Face], borrowed: dict[str, list[str]]) -> Problem | None:
    zh, en = [], []
    for role, face in used.items():
        if borrowed.get(role) and face.fallback:
            chars = "".join(borrowed[role])
            zh.append(f"{fonts.ROLE_LABELS['zh'][role]}中的“{chars}”用 {face.fallback.family}")
            en.append(f"'{chars}' of the {fonts.ROLE_LABELS['en'][role]} from {face.fallback.family}")
    if not zh:
        return None
    return Problem("font_borrowed", {"list": "；".join(zh), "list_en": "; ".join(en)}, severity="warning")


def stand_ins(profile: Profile) -> Problem | None:
    """The warning that faces stand in for official ones, for every role of the profile: what
    this machine's PDFs all share, said once by a batch. ReportError when a role has no face."""
    return _stand_ins(faces(profile))


def role_fonts(texts: Iterable[tuple[Run, Source]], profile: Profile) -> RoleFonts:
    """Registers the faces for exactly the characters each role draws.

    Raises ReportError naming every character no face of its role has; warns (a
    ReportWarning) when a face stands in for the official one or lends characters.
    """
    texts = list(texts)
    needed: dict[str, str] = defaultdict(str)
    for run, _ in texts:
        needed[run.role] += run.text
    chosen = faces(profile)
    used = {role: chosen[role] for role in fonts.ROLES if role in needed}
    problems = [
        problem for role, face in used.items()
        for problem in _missing(role, face, fonts.missing_characters(face, needed[role]), texts)
    ]
    if problems:
        raise ReportError(problems)
    own: dict[str, str] = {}
    lent: dict[str, tuple[str, frozenset[str]]] = {}
    borrowed: dict[str, list[str]] = {}
    for role, face in used.items():
        borrowed[role] = fonts.fallback_characters(face, needed[role])
        own[role] = fonts.reportlab_font(face, set(needed[role]) - set(borrowed[role]))
        if borrowed[role] and face.fallback:
            lent[role] = (fonts.reportlab_font(face.fallback, borrowed[role]), frozenset(borrowed[role]))
    for warning in (_stand_ins(used), _borrowed(used, borrowed)):
        if warning:
            warnings.warn(ReportWarning(warning), stacklevel=4)
    return RoleFonts(own, lent)
