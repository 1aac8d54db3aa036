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


@given(text=TEXTS, phrase=PHRASES, case_sensitive=st.booleans(), chunk=st.integers(1, 8))
@example(text="aaaaa", phrase="aa", case_sensitive=True, chunk=1)
@example(text="ſSs kK", phrase="s", case_sensitive=False, chunk=2)
@example(text="abSſAbSabs", phrase="absa", case_sensitive=False, chunk=3)
def test_every_answer_is_the_full_searchs(
    text: str, phrase: str, case_sensitive: bool, chunk: int
) -> None:
    """``chunk``: the text is searched this many code points at a time (65,536 in use), so
    that occurrences across the chunks' edges are met here too."""
    full = find_in_text(text, phrase, case_sensitive)

    def fresh() -> Occurrences:  # each question asked of a new one: nothing found before
        found = Occurrences(text, phrase, case_sensitive)
        found._CHUNK = chunk
        return found

    kept = fresh()  # and of one that keeps what earlier questions found, asked out of order
    positions = range(len(text) + 1)
    for start in reversed(positions):
        for end in positions[start:]:
            expected = [hit for hit in full if hit[0] < end and hit[1] > start]
            assert fresh().between(start, end) == expected, (start, end)
            assert kept.between(start, end) == expected, (start, end)
    for position in positions:
        later = [hit for hit in full if hit[0] >= position]
        earlier = [hit for hit in full if hit[0] < position]
        assert fresh().first_from(position) == (later[0] if later else None)
        assert fresh().last_before(position) == (earlier[-1] if earlier else None)
    for hit in full:
        assert fresh().rank(hit[0]) == bisect_left(full, hit)
    assert fresh().count() == kept.count() == len(full)


def test_a_long_text_is_searched_backwards_window_by_window() -> None:
    text = "the veskar base. " + "x" * 200_000 + " the end"
    found = Occurrences(text, "THE")
    assert found.last_before(len(text) - 4) == (200_018, 200_021)
    assert found.last_before(200_018) == (0, 3)
    assert found.last_before(0) is None
    assert found.count() == 2 and found.rank(200_018) == 1
