"""The nesting limit of imported JSON lines: exact at the boundary, and the level-by-level
check agrees with the plain recursive definition on any JSON value."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.sources.jsonvalues import MAX_DEPTH, _deeper_than

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner),
    max_leaves=40,
)


def depth(value: Any) -> int:
    """Levels of containers: a scalar is 0, ``[]`` and ``{}`` are 1."""
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


@given(json_values, st.integers(min_value=0, max_value=8))
def test_agrees_with_the_recursive_definition(value: Any, limit: int) -> None:
    parsed = json.loads(json.dumps(value))  # exactly what json.loads makes
    assert _deeper_than(parsed, limit) == (depth(parsed) > limit)


def test_the_limit_itself_is_allowed_and_one_more_is_not() -> None:
    at_limit = {"a": json.loads("[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))}
    assert depth(at_limit) == MAX_DEPTH
    assert not _deeper_than(at_limit, MAX_DEPTH)
    assert _deeper_than({"b": [at_limit]}, MAX_DEPTH)
