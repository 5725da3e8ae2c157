"""Pausing the cyclic garbage collector while one big, acyclic answer is built."""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection until the last holder (in any thread) leaves.

    Measured on a 100,000-deep course: the collector's passes over the growing
    records and tree made reading, assembling and writing it 2-4 times slower.
    What is built here is acyclic, so reference counting still frees it all.
    """
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
