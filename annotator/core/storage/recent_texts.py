"""The texts of the few documents last read, by id: tagging checks a new span's quote
against them in memory instead of reading the text back from the database on every key
press (a 1 MB text costs 1-2 ms to read back in SQLite). Sound because a stored text never
changes: a revised text is stored as a new document (``core.revisions``)."""

from __future__ import annotations

import threading
from collections import OrderedDict

KEPT = 4  # documents: the open one and the few just left, without holding a corpus


class RecentTexts:
    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, document_id: str, text: str) -> None:
        with self._lock:
            self._texts[document_id] = text
            self._texts.move_to_end(document_id)
            while len(self._texts) > self._kept:
                self._texts.popitem(last=False)

    def get(self, document_id: str) -> str | None:
        with self._lock:
            return self._texts.get(document_id)
