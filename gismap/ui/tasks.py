"""Background work for the GUI: run a function on a worker thread, get its result on the GUI thread.

Loading, joining, rendering and exporting go through :func:`run_in_background` so the window
never freezes. The function receives a :class:`TaskContext` to report progress and to see
whether the user cancelled.

Workers are Python threads (``concurrent.futures``), not ``QThreadPool`` threads: pyproj 3.7.2
crashes when PROJ runs on a thread Qt created (pyproj issue #1509), and joins and loads
reproject. Results cross back to the GUI thread as queued Qt signals.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from gismap.core.errors import GismapError
from gismap.core.feedback import Canceled, Feedback

_shared_executor = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2),
                                      thread_name_prefix="gismap-task")


class TaskContext(Feedback):
    """Handed to the background function: the :class:`Feedback` whose progress reaches the GUI."""

    def __init__(self, bridge: _Bridge) -> None:
        super().__init__()
        self._bridge = bridge

    def set_progress(self, fraction: float, text: str = "") -> None:
        self._bridge.progress.emit(float(fraction), text)

    def call_in_gui(self, fn: Callable[[], None]) -> None:
        """Have ``fn()`` called on the GUI thread (not at all once the task's owner is deleted)."""
        self._bridge.call.emit(fn)


class _Bridge(QObject):
    """Carries results across threads: Qt queues signals emitted off the receiver's thread."""

    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(float, str)
    call = Signal(object)


class Task:
    """A background function, running or queued. Keep a reference to cancel it."""

    def __init__(self, fn: Callable[[TaskContext], Any]) -> None:
        self._fn = fn
        self.signals = _Bridge()
        self.context = TaskContext(self.signals)

    def cancel(self) -> None:
        self.context.cancel()

    def run(self) -> None:
        try:
            result = self._fn(self.context)
        except Exception as exc:  # reported to the GUI, which shows the message
            exc.gismap_traceback = traceback.format_exc()
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


_running: set[Task] = set()


def run_in_background(
    fn: Callable[[TaskContext], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    on_progress: Callable[[float, str], None] | None = None,
    executor: Executor | None = None,
    owner: QObject | None = None,
) -> Task:
    """Run ``fn(context)`` on a worker thread; callbacks run on the GUI thread.

    With an ``owner`` (the widget the callbacks belong to), a result that arrives after the
    owner was deleted is dropped: a closed view needs no frame. A failure is still reported.
    """
    task = Task(fn)
    _running.add(task)  # the bridge must outlive the worker's last emit

    def owner_alive() -> bool:
        return owner is None or shiboken6.isValid(owner)

    def finish(result: Any) -> None:
        _running.discard(task)
        _release(task)
        if on_done is not None and not task.context.is_canceled() and owner_alive():
            on_done(result)

    def fail(error: Exception) -> None:
        _running.discard(task)
        _release(task)
        if isinstance(error, Canceled) and task.context.is_canceled():
            return  # stopped as asked: whoever cancelled has moved on
        if on_error is not None and owner_alive():
            on_error(error)
        if not isinstance(error, GismapError):  # a fault, not bad input: shown with its details
            sys.excepthook(type(error), error, error.__traceback__)

    task.signals.finished.connect(finish)
    task.signals.failed.connect(fail)
    task.signals.call.connect(lambda fn: fn() if owner_alive() else None)
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    (executor or _shared_executor).submit(task.run)
    return task


def _release(task: Task) -> None:
    """Delete the task's bridge here, on the GUI thread, once its last signal arrived.

    Left to Python, the bridge goes with a reference cycle (task → bridge → slot → task) whenever
    the garbage collector runs, on whichever thread: a QObject deleted off its own thread while
    Qt delivers its queued signals crashes the process.
    """
    task.signals.deleteLater()


def background_idle() -> bool:
    """True when no background task is running or waiting to deliver its result."""
    return not _running
