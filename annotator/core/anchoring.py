"""Carry annotations from one text to a revised text of the same article.

An analyst's spans must survive a corrected or re-extracted article, and none may end up
on words it was not made on. Each span is tried in order of certainty:

1. **exact** - the new text has the quote at the same offsets, and no other occurrence
   matches the old surroundings better;
2. **moved** - the exact quote occurs elsewhere; the occurrence whose context (the
   characters before and after, W3C TextQuoteSelector style) matches the old context best
   wins, ties going to the one nearest the expected position;
3. **fuzzy** - the quote itself was edited (a typo fixed, straight quotes made curly,
   whitespace reflowed): after folding typography (quotes, dashes, spaces) the quote is
   aligned with rapidfuzz in a window around the expected position, then in the whole
   text, and kept only if its similarity reaches ``threshold``;
4. **unplaced** - reported, never guessed.

The ``score`` of a placement is the similarity (0-100) of the quote to the text it now
covers, measured on the folded forms; exact and moved placements score 100.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

PlacementKind = Literal["exact", "moved", "fuzzy", "unplaced"]
CONTEXT = 64
"""Characters of old context compared on each side of a candidate."""
THRESHOLD = 85.0
"""Lowest similarity (rapidfuzz ratio, 0-100) a fuzzy placement may have."""
_REFINE = 4
"""How far (characters) each end of a fuzzy alignment is moved to find the best fit."""
_FOLD = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‹": "'",
        "›": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "\u00ad": "",
    }
)


class Span(Protocol):
    """What is needed of an annotation: its offsets in the old text and its quote."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def quote(self) -> str: ...


@dataclass(frozen=True)
class Placement:
    """Where one span lands in the new text; ``start``/``end`` are None when unplaced."""

    kind: PlacementKind
    start: int | None
    end: int | None
    score: float

    @property
    def placed(self) -> bool:
        return self.kind != "unplaced"


UNPLACED = Placement("unplaced", None, None, 0.0)


def place_all(
    old_text: str, new_text: str, spans: Iterable[Span], *, threshold: float = THRESHOLD
) -> list[Placement]:
    """One placement per span, in order; the folded new text is computed once."""
    folded = Folded(new_text)
    return [
        place(old_text, new_text, span.start, span.end, span.quote, threshold, folded)
        for span in spans
    ]


def place(
    old_text: str,
    new_text: str,
    start: int,
    end: int,
    quote: str,
    threshold: float = THRESHOLD,
    folded: Folded | None = None,
) -> Placement:
    """Place the span ``old_text[start:end] == quote`` on ``new_text`` (see module doc)."""
    if not quote:
        return UNPLACED
    prefix = old_text[max(0, start - CONTEXT) : start]
    suffix = old_text[end : end + CONTEXT]
    expected = expected_start(new_text, start, len(quote), prefix, suffix, len(old_text))
    found = _best_occurrence(new_text, quote, prefix, suffix, expected)
    if found is not None:
        kind: PlacementKind = "exact" if found == start else "moved"
        return Placement(kind, found, found + len(quote), 100.0)
    return _fuzzy(folded or Folded(new_text), quote, prefix, suffix, expected, threshold)


def expected_start(
    new_text: str, start: int, length: int, prefix: str, suffix: str, old_length: int
) -> int:
    """Where the span probably begins now: after its old prefix, before its old suffix, or
    at the same relative position. Occurrences nearest the old offset are preferred."""
    for probe, offset in ((prefix[-24:], 0), (suffix[:24], -length)):
        if len(probe) >= 8:
            hits = _occurrences(new_text, probe)
            if hits:
                shift = len(probe) if offset == 0 else offset
                target = start - len(probe) if offset == 0 else start + length
                nearest = min(hits, key=lambda hit: abs(hit - target))
                return max(0, min(len(new_text), nearest + shift))
    return round(start * len(new_text) / max(old_length, 1))


def _best_occurrence(text: str, quote: str, prefix: str, suffix: str, expected: int) -> int | None:
    best: int | None = None
    best_score = -1.0
    for found in _occurrences(text, quote):
        score = _context_score(text, found, found + len(quote), prefix, suffix)
        score -= min(abs(found - expected), 10**6) / 10**7  # ties go to the nearest
        if score > best_score:
            best, best_score = found, score
    return best


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return float(_common_suffix(before, prefix) + _common_prefix(after, suffix))


def _fuzzy(
    folded: Folded,
    quote: str,
    prefix: str,
    suffix: str,
    expected: int,
    threshold: float,
) -> Placement:
    """Folded exact match (context-scored), else a rapidfuzz alignment; never below
    ``threshold``."""
    fq = fold(quote).strip()
    if not fq:
        return UNPLACED
    from rapidfuzz import fuzz  # on use: keeps start-up light

    text = folded.text
    near = folded.folded_index(expected)
    found = _best_occurrence(text, fq, fold(prefix), fold(suffix), near)
    if found is not None:
        return folded.placement(found, found + len(fq), 100.0)
    slack = len(fq) + CONTEXT
    for lo, hi in ((max(0, near - slack), min(len(text), near + slack + len(fq))), (0, len(text))):
        aligned = fuzz.partial_ratio_alignment(fq, text[lo:hi], score_cutoff=threshold)
        if aligned is None:
            continue
        start, end, score = _refine(text, fq, lo + aligned.dest_start, lo + aligned.dest_end)
        if score >= threshold:
            return folded.placement(start, end, score)
    return UNPLACED


def _refine(text: str, quote: str, start: int, end: int) -> tuple[int, int, float]:
    """Move each end a few characters to where the whole quote matches best."""
    from rapidfuzz import fuzz

    best = (start, end, fuzz.ratio(quote, text[start:end]))
    for s in range(max(0, start - _REFINE), start + _REFINE + 1):
        for e in range(max(s + 1, end - _REFINE), min(len(text), end + _REFINE) + 1):
            score = fuzz.ratio(quote, text[s:e])
            if score > best[2]:
                best = (s, e, score)
    return best


class Folded:
    """A text with typography folded (curly quotes, dashes, runs of spaces), and the map
    from each folded character back to its offset in the original."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.text, self.where = _fold_with_map(original)

    def folded_index(self, original_index: int) -> int:
        return bisect.bisect_left(self.where, original_index)

    def placement(self, start: int, end: int, score: float) -> Placement:
        """Trimmed of edge spaces, mapped back to original offsets; kind ``fuzzy``."""
        while start < end and self.text[start] == " ":
            start += 1
        while end > start and self.text[end - 1] == " ":
            end -= 1
        if start >= end:
            return UNPLACED
        return Placement("fuzzy", self.where[start], self.where[end - 1] + 1, float(score))


def fold(text: str) -> str:
    return _fold_with_map(text)[0]


def _fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    chars: list[str] = []
    where: list[int] = []
    space = False
    for index, char in enumerate(text):
        folded = char.translate(_FOLD)
        if not folded:
            continue
        if folded.isspace():
            if space:
                continue
            folded, space = " ", True
        else:
            space = False
        chars.append(folded)
        where.append(index)
    return "".join(chars), where


def _occurrences(text: str, needle: str) -> list[int]:
    hits: list[int] = []
    found = text.find(needle)
    while found != -1:
        hits.append(found)
        found = text.find(needle, found + 1)
    return hits


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
