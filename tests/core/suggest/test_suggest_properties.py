"""Property tests: on any text (astral characters, quotes, newlines, cue words mixed in)
every suggestion lies inside the text and ``text[start:end]`` is what its rule claims."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.suggest import SUGGESTED_TAGS, assessment, facilities, quotes, suggest

FRAGMENTS = [
    " ",
    "\n",
    '"',
    "“",
    "”",
    ".",
    ", ",
    "said",
    " said ",
    "according to",
    "told",
    "likely",
    "almost certainly",
    "moderate confidence",
    "we assess",
    "Veskar",
    "The",
    " Orlan",
    "Port of ",
    "Calder",
    " missile base",
    " Enrichment Plant",
    " depot",
    "Dr. ",
    "😀",
    "é",
    "e\u0301",
    "𝒳",
    "it was",
]
TEXTS = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=40).map("".join)
GAZETTEER = ("Orlan", "Calder", "𝒳 site")


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_offsets_are_inside_the_text_and_match_the_rule(text: str) -> None:
    found = suggest(text, gazetteer=GAZETTEER)
    assert found == sorted(found)
    for s in found:
        assert 0 <= s.start < s.end <= len(text)
        assert s.tag in SUGGESTED_TAGS
        span = text[s.start : s.end]
        assert span == span.strip() and "\n" not in span
        if s.rule == quotes.RULE:
            assert text[: s.start].rstrip()[-1] in '"“'
            assert text[s.end :].lstrip()[0] in '"”'
            assert len(span.split()) >= 2
            assert quotes.VERB.search(s.explanation)
        elif s.rule == assessment.RULE:
            assert assessment.CUE.search(span)
        elif s.rule == facilities.PATTERN_RULE:
            assert facilities.KIND.search(span) or span.startswith("Port of ")
            assert span[0].isupper()
        elif s.rule == facilities.GAZETTEER_RULE:
            assert span in GAZETTEER
            assert not re.match(r"\w", text[s.end : s.end + 1])
        else:
            raise AssertionError(f"unknown rule {s.rule}")


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_facility_suggestions_never_nest_and_tags_filter(text: str) -> None:
    found = suggest(text, gazetteer=GAZETTEER, tags=["facility"])
    assert {s.tag for s in found} <= {"facility"}
    for a in found:
        for b in found:
            assert a == b or not (a.start <= b.start and b.end <= a.end)
    assert suggest(text, tags=()) == []
