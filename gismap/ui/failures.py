"""Unexpected failures reach the user: a dialog with the message and a *Details* section.

An exception GISMap did not foresee (a bug, not bad input: those are
:class:`~gismap.core.errors.GismapError` messages shown where they happen), on the GUI
thread or in background work, is logged with its traceback and shown in a dialog whose
*Details* hold that traceback and the log file's path, so a user can report it.
Nothing is swallowed.
"""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from gismap.core import logs

log = logging.getLogger(__name__)


def report_unexpected(error: BaseException, parent: QWidget | None = None) -> QMessageBox:
    """Log ``error`` with its traceback and show it (non-modal); returns the dialog."""
    details = getattr(error, "gismap_traceback", None) or "".join(
        traceback.format_exception(type(error), error, error.__traceback__))
    log.error("unexpected error: %s\n%s", error, details)
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Failures", "Unexpected error"),
                      QCoreApplication.translate(
                          "Failures", "GISMap met an error it did not expect: {0}\n\nYour map is unchanged. "
                          "Please report this with the details below.").format(f"{type(error).__name__}: {error}"),
                      parent=parent)
    log_line = QCoreApplication.translate("Failures", "Log file: {0}").format(logs.log_file())
    box.setDetailedText(f"{details}\n{log_line}")
    box.setModal(False)
    box.show()
    return box


def install(parent: QWidget) -> None:
    """Show exceptions that reach the event loop in a dialog over ``parent`` instead of only on stderr."""
    def hook(kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        error.__traceback__ = trace
        report_unexpected(error, parent)

    sys.excepthook = hook
