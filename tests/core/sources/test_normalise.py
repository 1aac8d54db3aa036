from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.sources import normalise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc\nd", "a\nb\nc\nd"),
        ("\ufeffHello", "Hello"),
        ("\n \n\t\nHello\n", "Hello"),
        ("  indented first line", "  indented first line"),
        ("a\tb  c\u00a0d", "a\tb  c\u00a0d"),
        ("end with spaces  \n\n \t", "end with spaces"),
        ("line  \nnext", "line  \nnext"),
        ("e\u0301 stays decomposed", "e\u0301 stays decomposed"),
        ("\r\n\r\nx\r\n\r\n\r\ny", "x\n\n\ny"),
        ("   \n  ", ""),
    ],
)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


@given(st.text())
def test_normalise_is_idempotent_and_leaves_no_carriage_return(text: str) -> None:
    once = normalise_text(text)
    assert "\r" not in once
    assert normalise_text(once) == once


@given(st.text(alphabet=st.characters(blacklist_characters="\r\ufeff")))
def test_normalise_only_trims_the_ends(text: str) -> None:
    assert normalise_text(text) in text
