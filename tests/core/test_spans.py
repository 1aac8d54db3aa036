"""snap_to_words on Unicode text: astral letters, combining marks, newlines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.spans import is_mark, snap_to_words

ALPHABET = st.sampled_from(
    [*"ab Z9_.,'\n\t", "é", "\u0301", "𝒳", "😀", "ß", "ж", "中", "\u05d0", "\u0308"]
)
TEXTS = st.lists(ALPHABET, min_size=1, max_size=40).map("".join)


@st.composite
def text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(TEXTS)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


def test_examples() -> None:
    text = "Officials said the Veskar base 𝒳𝒳 expanded.\nNext line"
    assert snap_to_words(text, text.index("ska"), text.index("ska") + 2) == (19, 25)
    start = text.index("𝒳")
    assert text[slice(*snap_to_words(text, start + 1, start + 2))] == "𝒳𝒳"
    i = text.index("expanded")
    assert snap_to_words(text, i - 1, i + 4) == (i, i + 8)  # trims the space, whole word
    assert snap_to_words("ab\ncd", 1, 2) == (0, 2)  # stops at the newline
    cafe = "a cafe\u0301 b"
    assert snap_to_words(cafe, 3, 4) == (2, 7)  # the combining accent stays with its e
    assert snap_to_words("a   b", 1, 3) == (1, 3)  # whitespace only: unchanged


@given(text_and_span())
def test_snapped_span_keeps_the_selection_and_cuts_no_word(case: tuple[str, int, int]) -> None:
    text, start, end = case
    new_start, new_end = snap_to_words(text, start, end)
    assert 0 <= new_start < new_end <= len(text)
    selected = text[start:end]
    if not selected.strip():
        assert (new_start, new_end) == (start, end)
        return
    first = start + (len(selected) - len(selected.lstrip()))
    last = end - (len(selected) - len(selected.rstrip()))
    assert new_start <= first and last <= new_end
    if "\n" not in selected:
        assert "\n" not in text[new_start:new_end]
    # whitespace at an edge only as the base of a combining mark (one cluster)
    assert not text[new_start].isspace() or is_mark(text[new_start + 1])
    assert not text[new_end - 1].isspace() or (new_end < len(text) and is_mark(text[new_end]))
    if new_end < len(text):
        assert not is_mark(text[new_end])  # never splits a character from its accent
    assert snap_to_words(text, new_start, new_end) == (new_start, new_end)  # idempotent
