"""A standoff format's text file that opens with U+FEFF: an encoding mark, or a character?

Brat and REFI-QDA keep a document's text in a file of its own and count offsets into it. A
text file saved by an editor may open with a byte order mark that is no part of the text,
but a text that itself opens with U+FEFF (a JSONL record can hold one) is written the same
way, and there the offsets count it. Dropping the mark blindly moved every span of such a
document one character to the left on import, silently. The spans' recorded quotes (brat's
third column, REFI-QDA's selection names as we write them) decide which reading is meant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

MARK = "\ufeff"


def text_as_offsets_count_it(
    text: str,
    spans: Iterable[tuple[int, int, str]],
    as_recorded: Callable[[str], str] = str,
) -> str:
    """``text`` with its opening mark kept if at least as many recorded quotes match with it
    as without, and some do; dropped otherwise (and when nothing tells, as for a file from
    an editor). A tie keeps it: both readings then cover the same quotes, and keeping the
    mark keeps the text as it was written. ``as_recorded`` turns a piece of the text into
    what the format records as its quote (brat writes newlines as spaces)."""
    if not text.startswith(MARK):
        return text
    kept = dropped = 0
    for start, end, quote in spans:
        kept += as_recorded(text[start:end]) == quote
        dropped += as_recorded(text[start + 1 : end + 1]) == quote
    return text if kept >= dropped and kept > 0 else text[1:]
