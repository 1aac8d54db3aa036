"""Re-anchoring on realistic revisions of an article, and a property over random edits."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.anchoring import Placement, place, place_all

OLD = (
    "The Port of Calder opened a new container depot on Monday.\n\n"
    'The harbour master said the depot was "a turning point for the region".\n\n'
    "Critics noted that the goverment had promised the same in 2019. "
    "Unions called the plan premature.\n\n"
    "The depot will employ 300 people, according to the company."
)


@dataclass(frozen=True)
class S:
    start: int
    end: int
    quote: str


def span(quote: str, text: str = OLD) -> S:
    start = text.index(quote)
    return S(start, start + len(quote), quote)


def placed_text(new: str, p: Placement) -> str:
    assert p.start is not None and p.end is not None
    return new[p.start : p.end]


def test_unchanged_text_is_exact() -> None:
    s = span("container depot")
    assert place(OLD, OLD, s.start, s.end, s.quote) == Placement("exact", s.start, s.end, 100.0)


def test_inserted_paragraph_moves_spans() -> None:
    new = "Editor's note: updated on Tuesday.\n\n" + OLD
    s = span("300 people")
    p = place(OLD, new, s.start, s.end, s.quote)
    assert p.kind == "moved" and placed_text(new, p) == "300 people"
    assert p.start == s.start + len("Editor's note: updated on Tuesday.\n\n")


def test_deleted_sentence_before_and_deleted_span() -> None:
    new = OLD.replace("Unions called the plan premature.", "")
    spans = [span("300 people"), span("premature"), span("Port of Calder")]
    kinds = [p.kind for p in place_all(OLD, new, spans)]
    assert kinds == ["moved", "unplaced", "exact"]


def test_typo_fixed_inside_span_is_fuzzy() -> None:
    new = OLD.replace("goverment", "government")
    s = span("the goverment had promised the same")
    p = place(OLD, new, s.start, s.end, s.quote)
    assert p.kind == "fuzzy" and p.score >= 85
    assert placed_text(new, p) == "the government had promised the same"


def test_straight_to_curly_quotes() -> None:
    new = OLD.replace('"a turning', "“a turning").replace('region"', "region”")
    s = span('"a turning point for the region"')
    p = place(OLD, new, s.start, s.end, s.quote)
    assert p.kind == "fuzzy" and p.score == 100
    assert placed_text(new, p) == "“a turning point for the region”"


def test_whitespace_reflowed() -> None:
    new = OLD.replace("said the depot was", "said the\ndepot  was")
    s = span("harbour master said the depot was")
    p = place(OLD, new, s.start, s.end, s.quote)
    assert p.kind == "fuzzy"
    assert placed_text(new, p) == "harbour master said the\ndepot  was"


def test_repeated_quote_follows_its_context() -> None:
    old = "Alpha said the depot. Beta said the depot. Gamma said the depot."
    new = "Preface. " + old.replace("Alpha", "Alfa")
    start = old.index("the depot", old.index("Beta"))
    p = place(old, new, start, start + 9, "the depot")
    assert p.kind == "moved" and p.start == new.index("the depot", new.index("Beta"))


def test_rewritten_span_is_unplaced_not_guessed() -> None:
    new = OLD.replace("Unions called the plan premature.", "Workers welcomed it.")
    s = span("Unions called the plan premature.")
    assert place(OLD, new, s.start, s.end, s.quote).kind == "unplaced"


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=0, max_size=30)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="abcdefghijklmnopqrstuvwxyz .\n", min_size=40, max_size=300),
    data=st.data(),
)
def test_edits_outside_a_span_never_lose_or_move_it(text: str, data: st.DataObject) -> None:
    length = data.draw(st.integers(8, 30))
    start = data.draw(st.integers(0, len(text) - length))
    end = start + length
    quote = text[start:end]
    new, new_start = text, start
    for _ in range(data.draw(st.integers(1, 5))):
        # An edit entirely before or after the span: replace new[a:b] with some words.
        before = data.draw(st.booleans())
        lo, hi = (0, new_start) if before else (new_start + length, len(new))
        a = data.draw(st.integers(lo, hi))
        b = data.draw(st.integers(a, hi))
        insert = data.draw(WORDS)
        new = new[:a] + insert + new[b:]
        if before:
            new_start += len(insert) - (b - a)
    p = place(text, new, start, end, quote)
    assert p.kind in ("exact", "moved")
    assert placed_text(new, p) == quote
    # Where the quote occurs more than once (overlaps included), another copy of the very
    # same words with as good a context is not "different text".
    assert p.start == new_start or occurrences(new, quote) > 1


def occurrences(text: str, quote: str) -> int:
    return sum(text.startswith(quote, i) for i in range(len(text)))
