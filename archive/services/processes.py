"""Worker processes that never outlive the process that started them."""

from __future__ import annotations

import os
import signal
import threading
import time

# How often a worker looks whether its parent is still there.
PARENT_POLL_SECONDS = 0.5


def exit_with_parent(parent_pid: int) -> None:
    """Make this (worker) process exit as soon as ``parent_pid`` is gone.

    A parent killed with SIGKILL (or SIGTERM's default action) runs no cleanup, and
    its pool's workers would wait for work forever, keeping multiprocessing's resource
    tracker alive too. Called first thing in each worker: a daemon thread notices the
    re-parenting and ends the process. Ctrl-C is left to the parent, which stops its
    workers itself (the whole process group gets SIGINT).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def terminate_on_sigterm() -> None:
    """Turn SIGTERM into KeyboardInterrupt in this (main) process, so that a terminated
    command unwinds like an interrupted one: transactions roll back, pools stop their workers."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
