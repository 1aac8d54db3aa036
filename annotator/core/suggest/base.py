"""The value every rule returns, and the text helpers the rules share.

A suggestion is never stored: it is recomputed from the text whenever the GUI asks, so a
rule change never leaves stale ghosts in a project and nothing unaccepted can reach an
export. Offsets are code points into the stored text, end exclusive, like annotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Suggestion:
    """A span a rule proposes for a tag; ``explanation`` tells the analyst why, in words."""

    start: int
    end: int
    tag: str
    rule: str
    explanation: str


def words_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive match of any phrase, longest first (so "highly likely"
    wins over "likely" at the same place); spaces in a phrase match any run of spaces."""
    ordered = sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p))
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line: quotations and sentences never run across a newline."""
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "approx",
        "dept",
    ]
)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘(\[]?[^\W_a-z])")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed.

    A plain punctuation-and-capital splitter: offline, fast and predictable, which is
    what an explainable suggestion needs. Titles such as "Dr." and initials do not end a
    sentence.
    """
    for para_start, para_end in paragraphs(text):
        start = para_start
        for match in _BOUNDARY.finditer(text, para_start, para_end):
            before = text[start : match.start()].rsplit(None, 1)
            last = before[-1].lower() if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            yield from _trimmed(text, start, match.end())
            start = match.end()
        yield from _trimmed(text, start, para_end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end
