"""The first thing a spawned extraction worker runs: end when the parent does.

Light on purpose (the standard library only): importing the extraction package
loads spaCy, which takes a second or more, so the watch starts before that, and
the gazetteer comes pickled, to be read only once the watch runs.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from multiprocessing.connection import wait

PARENT_POLL = 0.2  # seconds between looks at the parent's pid

_watching = False


def parent_watch() -> None:
    """A daemon thread that ends this process as soon as its parent is gone.

    A killed parent (SIGKILL) never closes its pool: a worker would go on loading
    its pipeline and only notice on its next read of the task queue. A spawned
    worker holds the read end of a pipe whose write end only the parent holds, so
    it becomes ready (EOF) when the parent dies; the parent's pid changing (the
    worker given to init) is watched too, for a worker started another way.
    """
    global _watching
    if _watching:
        return
    _watching = True
    parent = multiprocessing.parent_process()
    sentinel = parent.sentinel if parent is not None else None
    ppid = os.getppid()

    def watch() -> None:
        ready = sentinel
        while True:
            if ready is not None:
                try:
                    if wait([ready], timeout=PARENT_POLL):
                        os._exit(0)
                except OSError:  # the sentinel was closed: watch the pid alone
                    ready = None
            else:
                threading.Event().wait(PARENT_POLL)
            if os.getppid() != ppid:
                os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def pool_init(gazetteer_pickle: bytes, ner_model: str | None = None) -> None:
    """multiprocessing.Pool initializer: watch the parent, then build the pipeline."""
    parent_watch()
    from visits.extraction.workers import worker_init

    worker_init(pickle.loads(gazetteer_pickle), ner_model)
