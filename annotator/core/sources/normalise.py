"""Newline normalisation: the one change the importer makes to an article's text.

Stored offsets are code points into the text as imported, so anything this module changes
shifts every span after it. It therefore only unifies newlines and trims the ends of the
document, never the inside of a line.
"""

from __future__ import annotations

import re

_LEADING_JUNK = re.compile(r"\A(?:\ufeff|[^\S\n]*\n)*")
"""Byte-order marks and blank lines before the first line of text."""


def normalise_text(text: str) -> str:
    """Return ``text`` with ``\\r\\n``/``\\r`` as ``\\n`` and its empty edges trimmed.

    Tabs, non-breaking spaces, indentation and Unicode composition are kept as they are:
    analysts quote the text verbatim and exports must match the source.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _LEADING_JUNK.sub("", text, count=1).rstrip()
