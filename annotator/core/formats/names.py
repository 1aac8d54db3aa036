"""File names an export may create: derived from ids, never able to leave the output folder.

Document ids usually are UUIDs, but ids imported from other tools are arbitrary strings
(``../../etc/passwd`` included), so every name is reduced to a safe alphabet and checked to
resolve inside the folder before anything is written.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from annotator.core.errors import AnnotatorError

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
MAX_STEM = 80


class StemMaker:
    """Unique, safe file stems for documents, stable for a given id."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def stem(self, document_id: str) -> str:
        stem = _UNSAFE.sub("_", document_id).strip("_")[:MAX_STEM] or "document"
        if stem != document_id or stem.lower() in self._used:
            digest = hashlib.sha256(document_id.encode("utf-8")).hexdigest()[:10]
            stem = f"{stem[: MAX_STEM - 11]}-{digest}"
        self._used.add(stem.lower())
        return stem


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing any name that would resolve elsewhere."""
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise AnnotatorError(f"Refusing to write {name!r}: it is not inside {folder}.")
    return target
