"""Dataset formats behind one registry, shared by the CLI and the GUI."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocumentId
from annotator.core.storage.store import Store


class Exporter(Protocol):
    def __call__(
        self,
        store: Store,
        output: Path,
        *,
        document_ids: Sequence[DocumentId] | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int: ...


def _registry() -> dict[str, Exporter]:
    from annotator.core.formats import jsonl

    return {"jsonl": jsonl.export}


def export_formats() -> list[str]:
    return sorted(_registry())


def exporter(name: str) -> Exporter:
    registry = _registry()
    if name not in registry:
        known = ", ".join(sorted(registry))
        raise AnnotatorError(f"Unknown export format '{name}'. Known formats: {known}.")
    return registry[name]
