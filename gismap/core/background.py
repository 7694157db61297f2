"""Background threads that yield the processor to the one the user waits for."""

from __future__ import annotations

import os
import threading

BACKGROUND_NICENESS = 10


def lower_thread_priority() -> None:
    """Run the calling thread at a lower scheduling priority (Linux: a thread has its own nice
    value), so its work (geometry validity, levels of detail) takes the cores only when the
    frame being drawn or the command being run leaves them free. A no-op where that is not
    supported. A thread cannot raise its priority again: call it only in threads that do
    background work for good."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)
    except (AttributeError, OSError):  # no setpriority (Windows), or refused
        pass
