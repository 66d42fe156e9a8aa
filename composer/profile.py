"""The style profile: GB/T 9704 page geometry, faces and sizes, read from data.

Every renderer reads its figures here and nowhere else. Each value keeps the clause that gives
it and the force of that clause (规定, 一般, 推荐, 可以, 推算, 实务), so a check can tell a
breach of the standard from a departure from common practice.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MM_PER_PT = 25.4 / 72
VARIANTS = ("official", "plain")
# Beside the code, installed with it (package data); read as a file, which importlib.resources
# would also do for a package on disk after importing 5 ms of modules.
_STANDARD = Path(__file__).with_name("profiles") / "gbt9704.toml"


@dataclass(frozen=True)
class Value:
    """One figure of the profile with its provenance."""

    value: Any
    unit: str | None = None
    clause: str | None = None
    force: str | None = None
    note: str | None = None
    tolerance: float | None = None

    @property
    def pt(self) -> float:
        """The length in points (mm, pt and twip units)."""
        factor = {"pt": 1.0, "mm": 1 / MM_PER_PT, "twip": 1 / 20}.get(self.unit or "")
        if factor is None:
            raise ValueError(f"{self.unit!r} is not a length unit")
        return float(self.value) * factor

    @property
    def mm(self) -> float:
        return self.pt * MM_PER_PT

    @property
    def twips(self) -> int:
        return round(self.pt * 20)

    @property
    def emu(self) -> int:
        return round(self.pt * 12700)


class Group:
    """A table of the profile; attributes are sub-tables, `Value`s or plain strings."""

    def __init__(self, data: dict[str, Any], name: str = "profile"):
        self._data = data
        self._name = name

    def __getattr__(self, key: str) -> Any:
        try:
            item = self._data[key]
        except KeyError:
            raise AttributeError(f"{self._name}.{key} is not in the profile") from None
        if isinstance(item, dict):
            return Value(**item) if "value" in item else Group(item, f"{self._name}.{key}")
        return item

    def __getitem__(self, key: str | int) -> Any:
        return getattr(self, str(key))

    def keys(self) -> list[str]:
        return list(self._data)


class Profile(Group):
    """The whole profile, with a few derived figures the renderers share."""

    def face(self, role: str) -> str:
        """The face name the profile asks for in a role (title, body, heading1, ...)."""
        return str(self.fonts[role].value)

    @property
    def roles(self) -> list[str]:
        return self.fonts.keys()

    @property
    def line_pitch_pt(self) -> float:
        return self.grid.line_pitch.pt

    @property
    def char_pitch_pt(self) -> float:
        """Width of one character cell: the text block width over the characters per line."""
        return self.page.text_width.pt / self.grid.chars_per_line.value

    @property
    def chars_per_line(self) -> int:
        return int(self.grid.chars_per_line.value)

    def values(self) -> list[tuple[str, Value]]:
        """Every figure with its dotted name, for listing and checking."""
        found: list[tuple[str, Value]] = []

        def walk(group: Group, prefix: str) -> None:
            for key in group.keys():
                item = getattr(group, key)
                if isinstance(item, Value):
                    found.append((f"{prefix}{key}", item))
                elif isinstance(item, Group) and key != "variants":
                    walk(item, f"{prefix}{key}.")

        walk(self, "")
        return found


def _merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and "value" not in value:
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@lru_cache(maxsize=8)
def load_profile(path: str | Path | None = None, variant: str = "official") -> Profile:
    """The GB/T 9704 profile, optionally overlaid by a TOML file and switched to a variant."""
    data = tomllib.loads(_STANDARD.read_text("utf-8"))
    if path is not None:
        data = _merge(data, tomllib.loads(Path(path).read_text("utf-8")))
    if variant != "official":
        if variant not in data.get("variants", {}):
            raise ValueError(f"unknown profile variant {variant!r}; known: {', '.join(VARIANTS)}")
        data = _merge(data, data["variants"][variant])
    return Profile(data)
