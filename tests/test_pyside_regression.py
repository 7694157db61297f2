"""PySide6 6.12.0 on Python 3.11 aborts ("Fatal Python error: none_dealloc") after many calls
of Qt methods returning None: the refcount of None is decremented once too often per call.
pyproject.toml pins PySide6-Essentials below 6.12 on Python 3.11; this test catches the abort
if the pin is lifted or the environment drifts. It runs in a subprocess because the failure
kills the interpreter.
"""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 300_000

SCRIPT = f"""
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen
image = QImage(64, 64, QImage.Format.Format_ARGB32_Premultiplied)
painter = QPainter(image)
path = QPainterPath()
path.addRect(4, 4, 40, 40)
brush, pen = QBrush(QColor("#3366cc")), QPen(QColor("#222222"))
for _ in range({CALLS} // 3):
    painter.setBrush(brush)
    painter.setPen(pen)
    painter.drawPath(path)
painter.end()
print("ok")
"""


def test_many_none_returning_qt_calls_do_not_abort():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert result.stdout.strip() == "ok"
