"""Readers report bad input as values; they never raise, whatever the bytes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.sources import read_file

JSONISH = st.lists(
    st.sampled_from(
        ['{"text": "a"', "}", "[", "]", '"label"', ":", ",", "0", "1", "\n", "\r", "é"]
    ),
    max_size=40,
).map(lambda parts: "".join(parts).encode())


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300) | JSONISH, st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_any_bytes_give_drafts_or_failures(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        results = read_file(path)
    assert results
    for result in results:
        assert isinstance(result, ArticleDraft | ReadFailure)
        if isinstance(result, ReadFailure):
            assert result.message.startswith(str(path))
        else:
            assert result.text and "\x00" not in result.text
