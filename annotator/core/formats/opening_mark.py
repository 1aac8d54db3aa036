"""A standoff format's text file that opens with U+FEFF: an encoding mark, or a character?

Brat and REFI-QDA keep a document's text in a file of its own and count offsets into it. A
text file saved by an editor may open with a byte order mark that is no part of the text,
but a text that itself opens with U+FEFF (a JSONL record can hold one) is written the same
way, and there the offsets count it. Dropping the mark blindly moved every span of such a
document one character to the left on import, silently. The spans' recorded quotes (brat's
third column, REFI-QDA's selection names as we write them) decide which reading is meant.
"""

from __future__ import annotations

from collections.abc import Iterable

MARK = "\ufeff"


def text_as_offsets_count_it(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with its opening mark kept if more recorded quotes match with it than without;
    dropped otherwise (and when nothing tells, as for a file from an editor)."""
    if not text.startswith(MARK):
        return text
    kept = dropped = 0
    for start, end, quote in spans:
        kept += text[start:end] == quote
        dropped += text[start + 1 : end + 1] == quote
    return text if kept > dropped else text[1:]
