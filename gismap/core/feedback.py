"""Progress and cancellation handed into long work, as QGIS processing hands ``feedback`` to an algorithm.

Reading, joining, counting sites and every export take a :class:`Feedback`. The work reports
how far it is (:meth:`Feedback.set_progress`) and checks between its parts whether the user
cancelled (:meth:`Feedback.check`), which raises :class:`Canceled`; outputs are written
atomically, so a cancelled export writes nothing. :meth:`Feedback.part` gives a piece of
work its own 0–1 range inside the whole. The window shows progress in its status bar and
dialogs; the ``gismap`` command draws a bar on a terminal (:class:`TerminalFeedback`).
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError


class Canceled(GismapError):
    """The user cancelled the work; nothing was written."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("GismapError", "cancelled; nothing was written"))


class Feedback:
    """Progress (0–1 and a text) reported by the work; cancellation asked for by the user."""

    def __init__(self) -> None:
        self._canceled = threading.Event()

    def set_progress(self, fraction: float, text: str = "") -> None:
        """How far the work is; shown by subclasses."""

    def cancel(self) -> None:
        self._canceled.set()

    def is_canceled(self) -> bool:
        return self._canceled.is_set()

    def check(self) -> None:
        """Raise :class:`Canceled` when the user cancelled (called between parts of the work)."""
        if self._canceled.is_set():
            raise Canceled()

    def part(self, start: float, end: float) -> Feedback:
        """A feedback for a piece of the work: its 0–1 is ``start``–``end`` of this one's."""
        return _Part(self, start, end)


class _Part(Feedback):
    def __init__(self, whole: Feedback, start: float, end: float) -> None:
        super().__init__()
        self._whole, self._start, self._end = whole, start, end
        self._canceled = whole._canceled  # cancelling the whole cancels every part

    def set_progress(self, fraction: float, text: str = "") -> None:
        self._whole.set_progress(self._start + (self._end - self._start) * min(max(fraction, 0.0), 1.0), text)


class TerminalFeedback(Feedback):
    """A progress bar on a terminal's stderr, redrawn at most ten times a second; silent when piped."""

    WIDTH = 30

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__()
        self._stream = stream or sys.stderr
        self._shown = self._stream.isatty()
        self._last = 0.0
        self._drawn = False

    def set_progress(self, fraction: float, text: str = "") -> None:
        now = time.monotonic()
        if not self._shown or (now - self._last < 0.1 and fraction < 1.0):
            return
        self._last = now
        filled = round(self.WIDTH * min(max(fraction, 0.0), 1.0))
        self._stream.write(f"\r[{'#' * filled}{' ' * (self.WIDTH - filled)}] {fraction:4.0%} {text[:40]:<40}")
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        """End the bar's line, so what follows starts on a line of its own."""
        if self._drawn:
            self._stream.write("\r" + " " * (self.WIDTH + 48) + "\r")
            self._stream.flush()
            self._drawn = False
