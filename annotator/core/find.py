"""Finding a phrase in one text, in code points (the offsets annotations use)."""

from __future__ import annotations

import re


def find_in_text(text: str, phrase: str, case_sensitive: bool = False) -> list[tuple[int, int]]:
    """Non-overlapping occurrences of ``phrase`` as ``(start, end)``, end exclusive.

    Case-insensitive matching uses ``re.IGNORECASE`` (simple, one-to-one case folding), not
    ``str.casefold``: full folding changes lengths ("ß" -> "ss") and the offsets with them.
    """
    if not phrase:
        return []
    flags = 0 if case_sensitive else re.IGNORECASE
    return list(map(re.Match.span, re.finditer(re.escape(phrase), text, flags)))
