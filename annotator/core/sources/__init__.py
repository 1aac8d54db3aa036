"""Headless article readers: files and folders in, ``ArticleDraft`` values out.

They only read; storing what they return is the storage layer's job. Bad input never
raises: it comes back as a ``ReadFailure`` whose message names the file (and line) and
says what to do, so a batch import reports the bad files and goes on with the rest.
"""

from __future__ import annotations

from annotator.core.sources.decoding import decode_bytes
from annotator.core.sources.files import ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES
from annotator.core.sources.normalise import normalise_text
from annotator.core.sources.walk import iter_drafts, read_file

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "decode_bytes",
    "iter_drafts",
    "normalise_text",
    "read_file",
]
