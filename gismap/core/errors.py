"""User-facing errors and notes: each says what is wrong and what to do about it.

Their text is an English template with named fields, marked for Qt's translation tools
(context ``"GismapError"``) without importing Qt. The command line prints the English; the
interface shows the Vietnamese of the same template (:func:`gismap.ui.i18n.translated`),
so every message lives once, in the code that raises it.
"""

from __future__ import annotations

from collections.abc import Callable

CONTEXT = "GismapError"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Mark ``text`` for translation in ``context``; returns it unchanged."""
    return text


class Message(str):
    """A message's English text that remembers its template and fields, so it can be translated.

    A field may itself be a Message, or a list of them (written comma-separated).
    """

    template: str
    fields: dict

    def __new__(cls, template: str, **fields) -> Message:
        text = super().__new__(cls, _render(template, fields, str))
        text.template, text.fields = template, fields
        return text


def render(text: str, translate: Callable[[str], str]) -> str:
    """``text`` in another language: ``translate`` maps each English template to its translation."""
    if not isinstance(text, Message):
        return str(text)
    return _render(translate(text.template), text.fields, translate)


def _render(template: str, fields: dict, translate: Callable[[str], str]) -> str:
    def field(value):
        if isinstance(value, Message):
            return render(value, translate)
        if isinstance(value, list):
            return ", ".join(str(field(v)) for v in value)
        return value

    return template.format(**{name: field(value) for name, value in fields.items()}) if fields else template


class GismapError(Exception):
    """An input GISMap cannot use. ``str(error)`` is the English message, ``message`` the translatable one."""

    def __init__(self, template: str, **fields) -> None:
        self.message = Message(template, **fields)
        super().__init__(self.message)


class LayerError(GismapError):
    """A vector layer cannot be read or is not what was expected."""


class TableError(GismapError):
    """A coverage table (CSV/XLSX) cannot be read or understood."""


class KeyColumnMissing(TableError):
    """No column of a table names the communes: the user says which (the wizard's column page, --map)."""
