"""Code points <-> Qt document positions: the one module that knows they differ.

Annotations store offsets in Unicode code points (Python slicing, DESIGN section 2). A
`QTextDocument` counts UTF-16 code units, where every astral character (U+10000 and above,
e.g. emoji or mathematical letters) takes two, and `setPlainText` folds a CRLF pair into one
block separator. Every other character maps one to one, so the map records only those
"anomalies" and answers each conversion with one bisect.

One more difference is avoided rather than mapped: PySide reads a string that opens with
U+FEFF or U+FFFE as UTF-16 with a byte order mark, so Qt drops the first (every offset after
it would be off by one) and byte-swaps the whole text after the second (the article turns
into CJK characters). `for_qt` gives Qt the text with that one character swapped for one of
the same width that Qt keeps.
"""

from __future__ import annotations

import re
from bisect import bisect_left

# An astral character widens the Qt text by one unit, a CRLF pair narrows it by one. A plain
# character class scans several times faster than the alternation "astral|\r\n" would.
_CANDIDATE = re.compile("[\U00010000-\U0010ffff\r]")


# What an opening byte order mark is shown as: the zero-width word joiner is what U+FEFF
# means inside a text, and U+FFFE (a noncharacter) shows as the replacement character.
_OPENING_MARKS = {"\ufeff": "\u2060", "\ufffe": "\ufffd"}


def for_qt(text: str) -> str:
    """``text`` as any Qt call that takes a document's text (or a piece of it) must get it:
    the same length, code point for code point, so `OffsetMap` holds for what Qt shows."""
    swap = _OPENING_MARKS.get(text[:1])
    return text if swap is None else swap + text[1:]


class OffsetMap:
    """Converts offsets of one immutable text between code points and Qt positions.

    Built in O(n) by C-speed scans (no per-character Python loop); each conversion is
    O(log a) for a anomalies and O(1) for BMP-only text without CRLF (the identity).
    Offsets outside the text are clamped to its ends, so a stale span can never move the
    view to a position Qt would reject.
    """

    __slots__ = ("_astral", "_cp", "_cp_len", "_qt", "_qt_len", "_shift")

    def __init__(self, text: str) -> None:
        self._cp: list[int] = []  # code point index of each anomaly, ascending
        self._qt: list[int] = []  # its Qt position, ascending
        self._shift: list[int] = []  # qt - cp for every offset after it
        self._astral: list[bool] = []  # True: surrogate pair, False: CRLF
        shift = 0
        if not _is_identity(text):
            for match in _CANDIDATE.finditer(text):
                cp = match.start()
                astral = text[cp] != "\r"
                if not astral and text[cp + 1 : cp + 2] != "\n":
                    continue  # a lone CR is one block separator in Qt too
                self._cp.append(cp)
                self._qt.append(cp + shift)
                shift += 1 if astral else -1
                self._shift.append(shift)
                self._astral.append(astral)
        self._cp_len = len(text)
        self._qt_len = len(text) + shift

    @property
    def is_identity(self) -> bool:
        """True when code points and Qt positions coincide (the common BMP-only case)."""
        return not self._cp

    @property
    def cp_length(self) -> int:
        return self._cp_len

    @property
    def qt_length(self) -> int:
        """Length of the text in Qt positions (what `QTextDocument` holds, minus the end)."""
        return self._qt_len

    def to_qt(self, cp: int) -> int:
        """Qt position of code point offset `cp`.

        The "\\n" of a CRLF has no position of its own in Qt; it maps to the separator.
        """
        cp = min(max(cp, 0), self._cp_len)
        if not self._cp:
            return cp
        k = bisect_left(self._cp, cp) - 1
        if k < 0:
            return cp
        if not self._astral[k] and cp == self._cp[k] + 1:
            return self._qt[k]
        return cp + self._shift[k]

    def shift_over(self, start: int, end: int) -> int | None:
        """The constant `to_qt(cp) - cp` for every cp in [start, end], or None if it varies.

        Lets a caller convert a whole paragraph's worth of offsets by one addition when no
        astral character or CRLF lies inside it, which is nearly always.
        """
        if not self._cp:
            return 0
        k = bisect_left(self._cp, start)
        if k < len(self._cp) and self._cp[k] < end:
            return None
        return self._shift[k - 1] if k > 0 else 0

    def to_cp(self, qt: int) -> int:
        """Code point offset of Qt position `qt`.

        A position between the two halves of a surrogate pair snaps to the start of that
        character, so a range converted back never splits a character.
        """
        qt = min(max(qt, 0), self._qt_len)
        if not self._qt:
            return qt
        k = bisect_left(self._qt, qt) - 1
        if k < 0:
            return qt
        if self._astral[k] and qt == self._qt[k] + 1:
            return self._cp[k]
        return qt - self._shift[k]


def _is_identity(text: str) -> bool:
    """No astral character and no CRLF, decided at C speed before any regex scan."""
    if "\r\n" in text:
        return False
    return text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text)
