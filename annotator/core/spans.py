"""Snapping a selection to whole words, for keyboard and mouse span editing.

Offsets are code points. A "word character" is a letter or digit in any script
(``str.isalnum``) or a combining mark, so "café" written with a combining acute accent
stays one word and an astral letter (𝒳) counts like any other. Snapping only extends
through word characters and only trims whitespace, so it never crosses a newline the
selection did not already contain.
"""

from __future__ import annotations

import unicodedata


def is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def is_word_char(char: str) -> bool:
    return char.isalnum() or is_mark(char) or char == "_"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``start:end`` to the words it touches and trim surrounding whitespace.

    A selection of only whitespace (or an empty one) is returned unchanged (clamped to the
    text), since there is no word to snap to.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    core_start, core_end = start, end
    while core_start < core_end and text[core_start].isspace():
        core_start += 1
    while core_end > core_start and text[core_end - 1].isspace():
        core_end -= 1
    if core_start == core_end:
        return start, end
    start, end = core_start, core_end
    while start > 0 and _joins(text[start - 1], text[start]):
        start -= 1
    while end < len(text) and _joins(text[end - 1], text[end]):
        end += 1
    return start, end


def _joins(before: str, after: str) -> bool:
    """True when a boundary between these two characters would cut a word or a cluster."""
    if is_mark(after):
        return before != "\n"  # a mark belongs to the character before it
    return is_word_char(before) and is_word_char(after)
