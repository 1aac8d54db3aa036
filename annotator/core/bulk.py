"""Helpers for work that builds tens of thousands of small objects at once."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_pause_lock = threading.Lock()
_pausers = 0
_resume_when_done = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block.

    Opening a document or exporting a corpus builds tens of thousands of tuples, strings and
    small dicts, none of them part of a cycle; the collector, which runs every 700
    allocations, walked the whole growing heap again and again: ~25 ms of opening a 1 MB
    article with 10,000 annotations, a third of reading 50,000 rows for an export. Garbage is
    collected as usual once the block ends.

    The collector is one switch for the whole process, and blocks run on worker threads
    (tagging across a corpus) while the GUI thread opens documents in blocks of its own:
    it stays off until the last open block ends, and comes back on only if it was on when
    the first one began (a paused start-up keeps it off). Nested blocks are fine.
    """
    global _pausers, _resume_when_done
    with _pause_lock:
        if _pausers == 0:
            _resume_when_done = gc.isenabled()
            gc.disable()
        _pausers += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pausers -= 1
            if _pausers == 0 and _resume_when_done:
                gc.enable()


# --- start-up -------------------------------------------------------------------------

_starting_up = False


def pause_collector_for_startup() -> None:
    """The collector off while the app starts (`startup_finished` turns it back on).

    Start-up builds ~130,000 objects that live as long as the process (modules, classes,
    the ORM's mappings, the window), and the collector walked the growing heap again and
    again while they were built: ~100 ms of the 1.1-1.4 s from process start to a listed
    project (``bench/window_child.py``), ~20 ms of it before the window showed. What start-up
    leaves as cyclic garbage is ~500 objects (~100 kB): types made and dropped by imports.
    """
    global _starting_up
    if gc.isenabled():
        gc.disable()
        _starting_up = True


def freeze_startup_objects() -> None:
    """Move everything built so far out of all later collections (`gc.freeze`).

    Called once the code is loaded and the window built, before a project opens: all of it
    lives as long as the process, so every later full collection would walk it for nothing.
    Not the project: it can be replaced by another, and a frozen cycle is never collected.
    Does nothing outside a paused start-up (e.g. in tests, which open many windows).
    """
    if _starting_up:
        gc.freeze()


def startup_finished() -> None:
    """The collector back on after `pause_collector_for_startup`; safe to call twice."""
    global _starting_up
    if _starting_up:
        _starting_up = False
        gc.enable()
