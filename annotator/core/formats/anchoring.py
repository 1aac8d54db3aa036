"""Placing a quoted span in a text that may not be the one it was made on.

The W3C TextQuoteSelector idea: the exact words plus some context before and after find
the span again after the text was re-extracted or edited. Positions are tried first and
kept when they still cover the quote; otherwise every occurrence of the quote is scored by
how much of its context matches, and the best one wins. No occurrence: not placeable.
"""

from __future__ import annotations

CONTEXT = 32
"""Characters of context exports write before and after each quote."""


def context(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def anchor(
    text: str,
    exact: str | None,
    start: int | None = None,
    end: int | None = None,
    *,
    prefix: str = "",
    suffix: str = "",
    trust_position: bool = False,
) -> tuple[int, int] | None:
    """Code-point offsets of the span in ``text``, or None if it cannot be placed.

    ``trust_position`` (the text's sha matches the one the span was made on) accepts a
    position without a quote to check.
    """
    fits = start is not None and end is not None and 0 <= start < end <= len(text)
    if fits and ((exact is None and trust_position) or text[start:end] == exact):
        assert start is not None and end is not None
        return start, end
    if not exact:
        return None
    best: tuple[int, int] | None = None
    best_score = -1.0
    found = text.find(exact)
    while found != -1:
        score: float = _common_suffix(text[:found], prefix) + _common_prefix(
            text[found + len(exact) :], suffix
        )
        if start is not None:
            score -= min(abs(found - start), 10**6) / 10**7  # ties go to the nearest
        if score > best_score:
            best, best_score = (found, found + len(exact)), score
        found = text.find(exact, found + 1)
    return best


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
