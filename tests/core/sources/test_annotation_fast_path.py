"""The usual-annotation path of the JSONL reader agrees with the field-by-field checks.

``_usual`` reads the common annotation without the per-field helpers; it must accept
nothing the checked path refuses and build exactly what the checked path builds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.core.sources.annotations import (
    AnnotationProblem,
    _checked_native,
    _usual,
    read_annotations,
)

TEXT = "The Veskar naval base grew by two piers in 2025, officials said."

FIELDS = ("start", "end", "tag", "quote", "id", "annotator", "note", "attributes", "created")
FIELDS += ("updated",)
SPECIAL = [None, True, False, -1, 0, 7, len(TEXT), len(TEXT) + 1, 2.0, "", "  ", " claim ", "2"]
SPECIAL += ["soon", "2026-01-05T09:30:00+00:00", [], [1], {}, {"a": 1}]
odd_values = st.sampled_from(SPECIAL) | st.integers(-3, len(TEXT) + 3) | st.text(max_size=8)


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    """Mostly well-formed annotations: fields sometimes missing, one sometimes of the wrong
    kind (one at a time, so that each check is what decides)."""
    start = draw(st.integers(0, len(TEXT) - 1))
    end = draw(st.integers(start + 1, len(TEXT)))
    usual: dict[str, Any] = {
        "start": start,
        "end": end,
        "tag": draw(st.sampled_from(["claim", " quote", "facility "])),
        "quote": TEXT[start:end],
        "id": draw(st.sampled_from(["a-1", "", None])),
        "annotator": draw(st.sampled_from(["ana", "", None])),
        "note": draw(st.sampled_from(["", "check this", None])),
        "attributes": draw(st.sampled_from([{}, {"certainty": "high"}, None])),
        "created": draw(st.sampled_from(["2026-01-05T09:30:00+00:00", "", None])),
        "updated": draw(st.sampled_from(["2026-01-06T10:00:00+00:00", "", None])),
    }
    for key in sorted(usual):
        if draw(st.integers(0, 9)) == 0:
            del usual[key]
    odd = draw(st.none() | st.sampled_from(FIELDS))
    if odd is not None:
        usual[odd] = draw(odd_values)
    if draw(st.booleans()):
        usual.pop("quote", None)  # else a changed offset is refused for its quote alone
    return usual


@settings(max_examples=600)
@given(entries())
@example({"start": True, "end": 5, "tag": "claim"})
@example({"start": 0, "end": 5.0, "tag": "claim"})
def test_the_usual_path_builds_what_the_checks_build(entry: dict[str, Any]) -> None:
    assert_paths_agree(entry)


offsets = st.integers(-3, len(TEXT) + 3) | st.booleans() | st.sampled_from([2.0, "2", None])


@settings(max_examples=400)
@given(offsets, offsets, st.booleans())
def test_offsets_are_checked_alike(start: Any, end: Any, quoted: bool) -> None:
    entry = {"start": start, "end": end, "tag": "claim"}
    if quoted and type(start) is type(end) is int:
        entry["quote"] = TEXT[start:end]
    assert_paths_agree(entry)


def assert_paths_agree(entry: dict[str, Any]) -> None:
    fast = _usual(entry, TEXT, {})
    try:
        checked = _checked_native(entry, TEXT, "annotation 1")
    except AnnotationProblem:
        assert fast is None  # the checked path refuses it: so must the usual one
        return
    assert fast is None or fast == checked


def test_the_usual_path_takes_the_common_annotation() -> None:
    entry = {
        "start": 4,
        "end": 21,
        "tag": "facility",
        "quote": "Veskar naval base",
        "id": "a-1",
        "annotator": "ana",
        "note": "",
        "attributes": {},
        "created": "2026-01-05T09:30:00+00:00",
        "updated": "2026-01-05T09:30:00+00:00",
    }
    drafted = _usual(entry, TEXT, {})
    assert drafted is not None
    assert drafted == _checked_native(entry, TEXT, "annotation 1")


def test_a_record_shares_its_parsed_times() -> None:
    stamp = "2026-01-05T09:30:00+00:00"
    entry = {"start": 4, "end": 10, "tag": "claim", "created": stamp, "updated": stamp}
    first, second = read_annotations({"annotations": [entry, dict(entry)]}, TEXT)
    assert first.created == datetime.fromisoformat(stamp)
    assert first.created is second.created is first.updated


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"start": 4, "end": 10, "tag": "claim", "created": "soon"}, '"created" a string'),
        ({"start": 4, "end": 10, "tag": "claim", "quote": "naval"}, "quote"),
        ({"start": 4, "end": 10, "tag": "  "}, "the tag must be a non-empty string"),
        ({"start": 4, "end": 10, "tag": "claim", "note": 3}, '"note" must be a string'),
    ],
)
def test_unusual_annotations_get_the_checked_message(entry: Any, expected: str) -> None:
    with pytest.raises(AnnotationProblem, match=f"^annotation 2: .*{expected}"):
        read_annotations({"annotations": [{"start": 0, "end": 3, "tag": "t"}, entry]}, TEXT)
