"""Reading the fields of a project or layer definition (JSON, TOML), each checked for its type and range.

A project file comes from anywhere: a value of the wrong type, out of range, NaN, or a path holding
a NUL character is a :class:`~gismap.core.errors.GismapError` that names the field by its path in
the file (``layers[0].style.k``), says what it must be and shows what it is, instead of a Python
error later, in the middle of drawing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError, Message

MAX_FIELD_TEXT = 1000  # a name, sheet, column or coordinate system; titles have their own check
MAX_PATH_TEXT = 4096  # a file path, as long as Linux allows
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[A-Za-z]{3,30}")
_MISSING = object()


def _known_colour_name(name: str) -> bool:
    """Whether both renderers know a colour name: the CSS colour names, which Qt (as SVG names) and
    matplotlib share, in any case. Checked when the project opens, not when its map is first drawn."""
    from matplotlib.colors import CSS4_COLORS  # only for a name: a #hex colour needs no table

    return name.lower() in CSS4_COLORS


def wrong_field(field: str, problem: str, value: Any) -> GismapError:
    """The error for ``field`` holding ``value``; ``problem`` says what it must be (a Message)."""
    return GismapError(QT_TRANSLATE_NOOP("GismapError", "{field} {problem}, not {value}"),
                       field=field, problem=problem, value=_shown(value))


def _shown(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= 40 else text[:37] + "…"


class Fields:
    """The fields of one object (``data``), found at ``where`` in its file; ``known`` names the keys it may have."""

    def __init__(self, data: Any, where: str, known: Iterable[str] | None = None) -> None:
        if not isinstance(data, dict):
            raise wrong_field(where, Message(QT_TRANSLATE_NOOP("GismapError", "must be an object of named fields")),
                              data)
        if known is not None:
            unknown = sorted(str(key) for key in set(data) - set(known))
            if unknown:
                raise GismapError(QT_TRANSLATE_NOOP("GismapError", "{field}: unknown keys {unknown}; known keys: {known}"),
                                  field=where, unknown=", ".join(unknown)[:200], known=", ".join(known))
        self.data, self.where = data, where

    def path(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def _value(self, name: str, default: Any) -> Any:
        return self.data.get(name, default)

    def text(self, name: str, default: str | None = None, limit: int | None = MAX_FIELD_TEXT) -> str | None:
        """Text, or ``default`` when absent or null; ``limit`` None: its length is the caller's to check."""
        value = self._value(name, None)
        if value is None:
            return default
        if not isinstance(value, str):
            raise wrong_field(self.path(name), Message(QT_TRANSLATE_NOOP("GismapError", "must be text")), value)
        if limit is not None and len(value) > limit:
            raise wrong_field(self.path(name), Message(QT_TRANSLATE_NOOP(
                "GismapError", "must be text of at most {limit} characters"), limit=f"{limit:,}"), value)
        return value

    def required_text(self, name: str, limit: int = MAX_FIELD_TEXT) -> str:
        """Text that must be there (not empty)."""
        if not self._value(name, None):
            raise wrong_field(self.path(name), Message(QT_TRANSLATE_NOOP("GismapError", "must be given")),
                              self._value(name, None))
        return self.text(name, limit=limit)

    def path_text(self, name: str) -> str:
        """A file path: text that must be there, within :data:`MAX_PATH_TEXT`, without NUL (no system has one)."""
        path = self.required_text(name, MAX_PATH_TEXT)
        if "\x00" in path:
            raise wrong_field(self.path(name), Message(QT_TRANSLATE_NOOP(
                "GismapError", "must be a file path, without NUL characters")), path)
        return path

    def boolean(self, name: str, default: bool) -> bool:
        value = self._value(name, default)
        if not isinstance(value, bool):
            raise wrong_field(self.path(name), Message(QT_TRANSLATE_NOOP("GismapError", "must be true or false")), value)
        return value

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high`` (``5.0`` is 5)."""
        value = self._value(name, default)
        if (isinstance(value, float) and value.is_integer()) and not isinstance(value, bool):
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise wrong_field(self.path(name), Message(QT_TRANSLATE_NOOP(
                "GismapError", "must be a whole number from {low} to {high}"), low=low, high=high), value)
        return value

    def number(self, name: str, default: float, low: float, high: float) -> float:
        value = self._value(name, default)
        if not _is_number(value) or not low <= value <= high:
            raise wrong_field(self.path(name), Message(QT_TRANSLATE_NOOP(
                "GismapError", "must be a number from {low} to {high}"), low=f"{low:g}", high=f"{high:g}"), value)
        return float(value)

    def numbers(self, name: str, most: int) -> list[float] | None:
        """A list of at most ``most`` finite numbers, or None when absent or null."""
        value = self._value(name, None)
        if value is None:
            return None
        if not isinstance(value, list) or len(value) > most or not all(_is_number(v) for v in value):
            raise wrong_field(self.path(name), Message(QT_TRANSLATE_NOOP(
                "GismapError", "must be a list of at most {most} numbers"), most=most), value)
        return [float(v) for v in value]

    def choice(self, name: str, default: str, choices: Iterable[str]) -> str:
        value = self._value(name, default)
        choices = tuple(choices)
        if value not in choices:
            raise wrong_field(self.path(name), Message(QT_TRANSLATE_NOOP(
                "GismapError", "must be one of {choices}"), choices=", ".join(choices)), value)
        return value

    def colour(self, name: str, default: str | None) -> str | None:
        """A colour (``#rrggbb``, ``#rgb``, with alpha, or a name such as ``white``); None or ``"none"``: none."""
        value = self._value(name, default)
        if value is None or value == "none":
            return None
        if (not isinstance(value, str) or not _COLOUR.fullmatch(value)
                or not (value.startswith("#") or _known_colour_name(value))):
            raise wrong_field(self.path(name), Message(QT_TRANSLATE_NOOP(
                "GismapError", "must be a colour such as #6b6b6b, or none")), value)
        return value

    def items(self, name: str) -> list:
        """A list (empty when absent or null)."""
        value = self._value(name, None)
        if value is None:
            return []
        if not isinstance(value, list):
            raise wrong_field(self.path(name), Message(QT_TRANSLATE_NOOP("GismapError", "must be a list")), value)
        return value

    def mapping(self, name: str) -> dict:
        """An object of named fields (empty when absent or null)."""
        value = self._value(name, None)
        return {} if value is None else Fields(value, self.path(name)).data

    def has(self, name: str) -> bool:
        return self.data.get(name) is not None


def _is_number(value: Any) -> bool:
    """A finite number (an int of any size is one; True is not)."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)
