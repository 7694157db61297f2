"""The icons of the toolbar and menus: SVG files in ``resources/icons`` (made by
``scripts/build_icons.py`` from Material Design Icons), drawn by Qt's SVG icon engine."""

from __future__ import annotations

from PySide6.QtGui import QAction, QIcon, QKeySequence

from gismap.core.paths import resources_dir


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; a missing file is a fault of the build, so it raises."""
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.is_file():
        raise FileNotFoundError(path)
    return QIcon(str(path))


def decorate(action: QAction, name: str) -> QAction:
    """Give ``action`` its icon and a tooltip of its name and shortcut, as QGIS's toolbar buttons have
    (an icon-only button is otherwise anonymous)."""
    action.setIcon(icon(name))
    text = action.toolTip()  # Qt's default: the text without its mnemonic and trailing ellipsis
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{text} ({shortcut})" if shortcut else text)
    return action
