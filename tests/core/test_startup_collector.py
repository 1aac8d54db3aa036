"""The garbage collector: paused during start-up (what it built frozen, then back on) and
during bulk work, on whichever thread runs it."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.bulk import (
    freeze_startup_objects,
    gc_paused,
    pause_collector_for_startup,
    startup_finished,
)
from annotator.core.edits import NO_ANNOTATION, NO_DOCUMENT, Change
from annotator.core.project import Project
from tests.conftest import write


@pytest.fixture(autouse=True)
def restore_collector() -> Iterator[None]:
    yield
    startup_finished()
    gc.unfreeze()
    gc.enable()


def test_start_up_pauses_freezes_and_resumes() -> None:
    pause_collector_for_startup()
    assert not gc.isenabled()
    built_at_start = [object() for _ in range(3)]  # stands for the loaded code
    freeze_startup_objects()
    assert gc.get_freeze_count() > 0
    assert not any(o is built_at_start for o in gc.get_objects())  # out of collections
    startup_finished()
    assert gc.isenabled()
    startup_finished()  # a second call changes nothing
    assert gc.isenabled()


def test_outside_a_paused_start_up_nothing_is_frozen_or_switched() -> None:
    freeze_startup_objects()
    assert gc.get_freeze_count() == 0
    startup_finished()
    assert gc.isenabled()


def test_a_collector_already_off_stays_off_after_start_up() -> None:
    with gc_paused():
        pause_collector_for_startup()
        startup_finished()
        assert not gc.isenabled()  # the outer pause still owns it
    assert gc.isenabled()


def test_the_collector_stays_off_until_the_last_block_on_any_thread_ends() -> None:
    """A worker's bulk step and the GUI thread's open overlap; whichever ends first must
    not turn the collector back on under the other."""
    worker_inside, main_done = threading.Event(), threading.Event()
    seen_by_worker: list[bool] = []

    def worker() -> None:
        with gc_paused():
            worker_inside.set()
            main_done.wait(5)
            seen_by_worker.append(gc.isenabled())

    thread = threading.Thread(target=worker)
    thread.start()
    assert worker_inside.wait(5)
    with gc_paused():
        pass
    assert not gc.isenabled()  # the worker's block is still open
    main_done.set()
    thread.join(5)
    assert seen_by_worker == [False]
    assert gc.isenabled()


def test_edits_apply_and_revert_with_the_collector_paused(project: Project) -> None:
    """Project.apply and revert pause it: a corpus-wide step builds ~84,000 annotations
    and each full collection on its worker froze the GUI thread (see Project.apply)."""
    seen: list[tuple[str, bool]] = []

    class Probe:
        label = "probe"

        def apply(self, project: Project) -> Change:
            seen.append(("apply", gc.isenabled()))
            return Change(NO_DOCUMENT, NO_ANNOTATION, None)

        def revert(self, project: Project) -> Change:
            seen.append(("revert", gc.isenabled()))
            return Change(NO_DOCUMENT, NO_ANNOTATION, None)

    project.apply(Probe())
    project.revert(Probe())
    assert seen == [("apply", False), ("revert", False)]
    assert gc.isenabled()


def test_tagging_across_the_corpus_searches_with_the_collector_paused(
    project: Project, tmp_path: Path
) -> None:
    project.import_paths([write(tmp_path / "a.txt", "The mill. The port.")])
    seen: list[bool] = []
    edit = project.tag_all_in_corpus(
        "the", "facility", progress=lambda done, total: seen.append(gc.isenabled())
    )
    assert edit is not None and len(edit.edits) == 2
    assert seen == [False]
    assert gc.isenabled()
