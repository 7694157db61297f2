"""Undo and redo of document commands (Ctrl+Z / Ctrl+Shift+Z), as QGIS's undo stack.

Each :class:`~gismap.core.document.MapDocument` command records how to undo and redo itself
while it runs; undoing and redoing run the document's own commands again, so views follow
through the usual signals. Consecutive changes of the same fields of the same layer (an
opacity slider, typing a title) are one step. What the document does while undoing or
redoing is not recorded again. Selection and the export extent are not part of the history.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from psygnal import Signal

from gismap.core.errors import Message

LIMIT = 200


@dataclass
class Command:
    """One undoable change: its description (a translatable :class:`Message`) and how to undo and redo it."""

    text: Message
    undo: Callable[[], None]
    redo: Callable[[], None]
    merge_key: Hashable | None = None


class History:
    """The commands done (last on top) and undone since."""

    changed = Signal()  # what can be undone or redone changed

    def __init__(self, limit: int = LIMIT) -> None:
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._limit = limit
        self._replaying = False

    def record(self, template: str, layer: str, undo: Callable[[], None], redo: Callable[[], None],
               merge_key: Hashable | None = None) -> None:
        """Keep a command that was just done (``template`` may name ``{layer}``)."""
        if self._replaying:
            return
        text = Message(template, layer=layer)
        if merge_key is not None and not self._undone and self._done and self._done[-1].merge_key == merge_key:
            self._done[-1] = Command(text, self._done[-1].undo, redo, merge_key)
        else:
            self._done.append(Command(text, undo, redo, merge_key))
            del self._done[:-self._limit]
        self._undone.clear()
        self.changed.emit()

    @property
    def undo_text(self) -> Message | None:
        return self._done[-1].text if self._done else None

    @property
    def redo_text(self) -> Message | None:
        return self._undone[-1].text if self._undone else None

    def undo(self) -> None:
        self._replay_last(self._done, self._undone, lambda command: command.undo())

    def redo(self) -> None:
        self._replay_last(self._undone, self._done, lambda command: command.redo())

    def _replay_last(self, source: list[Command], target: list[Command], run: Callable[[Command], None]) -> None:
        if source:
            command = source.pop()
            self._replaying = True
            try:
                run(command)
            finally:
                self._replaying = False
            target.append(command)
            self.changed.emit()
