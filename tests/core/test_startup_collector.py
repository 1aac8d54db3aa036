"""The garbage collector during start-up: paused, what start-up built frozen, then back on."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from annotator.core.bulk import (
    freeze_startup_objects,
    gc_paused,
    pause_collector_for_startup,
    startup_finished,
)


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
