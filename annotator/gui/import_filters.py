"""File-dialog filters for import, built from the format registry."""

from __future__ import annotations

from annotator.core.formats import formats
from annotator.core.sources import ARTICLE_SUFFIXES


def import_filters() -> dict[str, str | None]:
    """Dialog filter text -> forced format name (None: detect each file by itself)."""
    entries = [entry for entry in formats() if entry.read is not None]
    patterns = {f"*{suffix}" for suffix in ARTICLE_SUFFIXES}
    for entry in entries:
        patterns.update(f"*{suffix}" for suffix in entry.suffixes)
    filters: dict[str, str | None] = {
        f"Articles and annotation files ({' '.join(sorted(patterns))})": None
    }
    for entry in entries:
        filters[entry.dialog_filter()] = entry.name
    filters["All files (*)"] = None
    return filters
