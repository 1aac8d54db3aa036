"""``annotation_draft`` builds the same frozen value as ``AnnotationDraft(...)``."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import UTC, datetime
from typing import Any

import pytest

from annotator.core.model import AnnotationDraft, annotation_draft

FIELDS: dict[str, Any] = {
    "start": 4,
    "end": 10,
    "tag": "claim",
    "id": "a-1",
    "annotator": "ana",
    "note": "check the date",
    "attributes": {"certainty": "high"},
    "quote": "Veskar",
    "created": datetime(2026, 1, 5, 9, 30, tzinfo=UTC),
    "updated": None,
}


def test_it_takes_exactly_the_fields_of_the_dataclass_in_order() -> None:
    names = [f.name for f in dataclasses.fields(AnnotationDraft)]
    assert list(inspect.signature(annotation_draft).parameters) == names


def test_the_value_equals_the_constructors() -> None:
    made = annotation_draft(**FIELDS)
    built = AnnotationDraft(**FIELDS)
    assert type(made) is AnnotationDraft
    assert made == built
    assert repr(made) == repr(built)
    assert dataclasses.asdict(made) == dataclasses.asdict(built)
    assert dataclasses.replace(made, tag="quote") == dataclasses.replace(built, tag="quote")


def test_the_value_is_frozen_and_owns_its_fields() -> None:
    made = annotation_draft(**FIELDS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 5  # type: ignore[misc]
    assert vars(made) == FIELDS
    assert vars(annotation_draft(**FIELDS)) is not vars(made)
