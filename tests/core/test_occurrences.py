"""``Occurrences`` answers the find bar's questions (the hits on screen, the next, the
previous, how many, which one) from stretches of the text; every answer must be what the
full search, ``find_in_text``, gives, including for phrases that overlap themselves."""

from __future__ import annotations

from bisect import bisect_left

from hypothesis import example, given
from hypothesis import strategies as st

from annotator.core.find import Occurrences, find_in_text

ALPHABET = st.sampled_from([*"aAbB .\n", "é", "É", "𝒳", "😀", "ſ", "s", "S", "K", "k", "K"])
TEXTS = st.text(alphabet=ALPHABET, max_size=60)
PHRASES = st.text(alphabet=ALPHABET, min_size=1, max_size=4)


@given(text=TEXTS, phrase=PHRASES, case_sensitive=st.booleans())
@example(text="aaaaa", phrase="aa", case_sensitive=True)
@example(text="ſSs kK", phrase="s", case_sensitive=False)
@example(text="abSſAbSabs", phrase="absa", case_sensitive=False)
def test_every_answer_is_the_full_searchs(text: str, phrase: str, case_sensitive: bool) -> None:
    full = find_in_text(text, phrase, case_sensitive)
    found = Occurrences(text, phrase, case_sensitive)
    assert found.count() == len(full)
    positions = range(len(text) + 1)
    for start in positions:
        for end in positions[start:]:
            expected = [hit for hit in full if hit[0] < end and hit[1] > start]
            assert found.between(start, end) == expected, (start, end)
    for position in positions:
        later = [hit for hit in full if hit[0] >= position]
        earlier = [hit for hit in full if hit[0] < position]
        assert found.first_from(position) == (later[0] if later else None)
        assert found.last_before(position) == (earlier[-1] if earlier else None)
    for hit in full:
        assert found.rank(hit[0]) == bisect_left(full, hit)


def test_a_long_text_is_searched_backwards_window_by_window() -> None:
    text = "the veskar base. " + "x" * 200_000 + " the end"
    found = Occurrences(text, "THE")
    assert found.last_before(len(text) - 4) == (200_018, 200_021)
    assert found.last_before(200_018) == (0, 3)
    assert found.last_before(0) is None
    assert found.count() == 2 and found.rank(200_018) == 1
