"""Faces per role, from composer.layout.fonts: chosen once per process, checked against the
characters each role draws, registered with reportlab (which measures and later draws them).

The profile names the face of each role (`[fonts]`); a profile overlay may point a role at a
font file or another family in `[font_files]` (role = "path/to/face.ttc#1" or a family
name). A character no face of its role has is an error naming the character and the model
value it is in; a face standing in for an official one is a warning, once per render, and so
are the characters a face lacks and its fallback face draws. Warnings are returned, never
emitted: several reports may be laid out at once in one process.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from ..problems import Location, Problem, ReportError
from ..profile import Profile
from . import fonts
from .linebreak import Run
from .typeset import Origin, Source

_CONTEXT = 10  # characters shown either side of a missing one


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
        raise ReportError([Problem("font_unavailable", {"detail": error.problem})]) from None


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
    or its fallback face for the characters only the fallback has; and the face of each font."""

    def __init__(
        self, own: dict[str, str], borrowed: dict[str, tuple[str, frozenset[str]]], faces: dict[str, fonts.Face]
    ) -> None:
        self._own = own
        self._borrowed = borrowed
        self._faces = faces

    def __call__(self, role: str, char: str) -> str:
        borrowed = self._borrowed.get(role)
        if borrowed and char in borrowed[1]:
            return borrowed[0]
        return self._own[role]

    def face(self, font: str) -> fonts.Face:
        """The face a registered font draws."""
        return self._faces[font]

    def faces(self) -> dict[str, fonts.Face]:
        """The face of each role drawn (its fallback may lend it characters)."""
        return {role: self._faces[font] for role, font in self._own.items()}

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


def _where(source: Source, at: int) -> dict[str, object]:
    kind = Problem(f"block_{source.kind}")
    where = Problem("block_numbered", {"number": source.number, "kind": kind}) if source.number else kind
    return {"where": where, "context": source.text[max(at - _CONTEXT, 0):at + _CONTEXT + 1]}


def _missing(role: str, face: fonts.Face, chars: list[str], texts: list[tuple[Run, Origin, Source]]) -> list[Problem]:
    """Each character no face of the role has, at the first place it is used, by model path
    and offset in that value (`problems.locate` turns them into a line and column)."""
    problems = []
    for char in chars:
        run, origin, source = next(text for text in texts if text[0].role == role and char in text[0].text)
        index = run.text.index(char)
        problems.append(Problem("font_missing_character", {
            "char": char, "codepoint": f"U+{ord(char):04X}",
            "face": face.family + (f" / {face.fallback.family}" if face.fallback else ""),
            "role": Problem(f"role_{role}"), **_where(source, max(source.text.find(char), 0)),
        }, Location(path=origin.path, offset=origin.at(index))))
    return problems


def _stand_ins(used: dict[str, fonts.Face]) -> Problem | None:
    items = tuple(
        Problem("font_stand_in", {"role": Problem(f"role_{role}"), "family": face.family, "requested": face.requested})
        for role, face in used.items()
        if not face.official and face.source != "configured"  # a face the user named is no stand-in
    )
    return Problem("font_substituted", {"list": items}, severity="warning") if items else None


def _borrowed(used: dict[str, fonts.Face], borrowed: dict[str, list[str]]) -> Problem | None:
    items = tuple(
        Problem("font_lent", {"role": Problem(f"role_{role}"), "chars": "".join(borrowed[role]),
                              "family": face.fallback.family})
        for role, face in used.items()
        if borrowed.get(role) and face.fallback
    )
    return Problem("font_borrowed", {"list": items}, severity="warning") if items else None


def stand_ins(profile: Profile) -> Problem | None:
    """The warning that faces stand in for official ones, for every role of the profile: what
    this machine's PDFs all share, said once by a batch. ReportError when a role has no face."""
    return _stand_ins(faces(profile))


def role_fonts(texts: Iterable[tuple[Run, Origin, Source]], profile: Profile) -> tuple[RoleFonts, list[Problem]]:
    """Registers the faces for exactly the characters each role draws, and the warnings: a
    face standing in for the official one, characters a face lends another.

    Raises ReportError naming every character no face of its role has.
    """
    texts = list(texts)
    needed: dict[str, str] = defaultdict(str)
    for run, _, _ in texts:
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
    drawn: dict[str, fonts.Face] = {}
    for role, face in used.items():
        borrowed[role] = fonts.fallback_characters(face, needed[role])
        own[role] = fonts.reportlab_font(face, set(needed[role]) - set(borrowed[role]))
        drawn[own[role]] = face
        if borrowed[role] and face.fallback:
            lent[role] = (fonts.reportlab_font(face.fallback, borrowed[role]), frozenset(borrowed[role]))
            drawn[lent[role][0]] = face.fallback
    warnings = [warning for warning in (_stand_ins(used), _borrowed(used, borrowed)) if warning]
    return RoleFonts(own, lent, drawn), warnings
