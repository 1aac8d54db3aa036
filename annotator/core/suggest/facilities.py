"""Facility cues: names from the project's gazetteer, and capitalised names followed by a
facility word ("Veskar missile base", "Orlan Fuel Enrichment Plant", "Port of Calder").

Why: facilities in reporting are nearly always a proper name plus a kind of site, so the
kind word finds them and the capitalised words before it give the span; the gazetteer
covers names an analyst already knows that carry no kind word ("Orlan"). Gazetteer names
match case-sensitively on word boundaries: they are proper names, and matching "orlan"
inside ordinary lower-case text would only add noise. A match inside a longer one is
dropped, so "Orlan" from the gazetteer does not double "Orlan Fuel Enrichment Plant".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotator.core.suggest.base import Suggestion, words_pattern

TAG = "facility"
PATTERN_RULE = "facility pattern"
GAZETTEER_RULE = "facility gazetteer"
KINDS = (
    "missile base",
    "test range",
    "test site",
    "launch site",
    "enrichment plant",
    "enrichment facility",
    "enrichment site",
    "desalination plant",
    "power plant",
    "port",
    "depot",
    "factory",
    "shipyard",
    "air base",
    "naval base",
    "ground station",
    "terminal",
)
KIND = words_pattern(KINDS)
PORT_OF = re.compile(r"(?<!\w)Port of ([^\W\d_][\w-]*)")
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "at",
        "in",
        "on",
        "of",
        "to",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "its",
        "this",
        "that",
        "these",
        "those",
        "their",
        "his",
        "her",
        "our",
        "new",
        "old",
        "one",
        "two",
        "each",
        "every",
        "any",
    ]
)


def find(text: str, gazetteer: Iterable[str] = ()) -> list[Suggestion]:
    found = [*_from_gazetteer(text, gazetteer), *_from_patterns(text)]
    # One per span (the gazetteer's, listed first, wins), then outermost first: a span
    # ending before the furthest end seen so far lies inside an earlier one.
    unique = {(s.start, s.end): s for s in reversed(found)}
    kept: list[Suggestion] = []
    furthest = -1
    for start, end in sorted(unique, key=lambda span: (span[0], -span[1])):
        if end > furthest:
            kept.append(unique[start, end])
            furthest = end
    return kept


def _from_gazetteer(text: str, names: Iterable[str]) -> list[Suggestion]:
    found = []
    for name in dict.fromkeys(n.strip() for n in names):
        if not name:
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            explanation = f"“{name}” is in the project's facility gazetteer."
            found.append(Suggestion(match.start(), match.end(), TAG, GAZETTEER_RULE, explanation))
    return found


def _from_patterns(text: str) -> list[Suggestion]:
    found = []
    for match in KIND.finditer(text):
        start = _name_start(text, match.start())
        if start is not None:
            kind = match.group().lower()
            name = text[start : match.start()].strip()
            explanation = f"The name “{name}” followed by the facility word “{kind}”."
            found.append(Suggestion(start, match.end(), TAG, PATTERN_RULE, explanation))
    for match in PORT_OF.finditer(text):
        if match.group(1)[0].isupper():
            explanation = f"“Port of” followed by the name “{match.group(1)}”."
            found.append(Suggestion(match.start(), match.end(), TAG, PATTERN_RULE, explanation))
    return found


def _name_start(text: str, kind_start: int) -> int | None:
    """Where the run of capitalised words just before ``kind_start`` begins (words joined
    by single spaces; a leading "The" or "At" is not part of a name), or None."""
    starts: list[int] = []
    end = kind_start
    while end >= 2 and text[end - 1] == " ":
        start = end - 1
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
            start -= 1
        word = text[start : end - 1]
        if not word or not word[0].isupper() or word.endswith(("'s", "’s")):
            break
        starts.append(start)
        end = start
    while starts and text[starts[-1] : kind_start].split(None, 1)[0].lower() in _NOT_NAMES:
        starts.pop()
    return starts[-1] if starts else None
