"""Dataset formats behind one registry, shared by the CLI and the GUI.

Each format is one module with an ``export`` (and, when the format can carry texts and
spans back, a ``read``); this module only lists them. Front ends never import a format
module directly: they ask ``formats()`` for the list (names, descriptions, file suffixes
for a save dialog) and call ``Project.export`` / ``Project.import_paths`` with a name.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from annotator.core.errors import AnnotatorError
from annotator.core.model import ArticleDraft, DocumentId, ReadFailure
from annotator.core.storage.store import Store

Kind = Literal["file", "folder", "zip"]
"""What ``--output`` names: one file, a folder of files, or a folder packed as a zip."""


class Exporter(Protocol):
    def __call__(
        self,
        store: Store,
        output: Path,
        *,
        document_ids: Sequence[DocumentId] | None = None,
        annotators: Collection[str] | None = None,
        tags: Collection[str] | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int: ...


Reader = Callable[[Path], Iterator[ArticleDraft | ReadFailure]]
"""Drafts (with their annotations) and failures from one file, folder or zip."""


@dataclass(frozen=True)
class Format:
    """One registry entry. ``suffixes`` are the file endings (".csv"); a folder has none."""

    name: str
    description: str
    kinds: tuple[Kind, ...]
    suffixes: tuple[str, ...]
    export: Exporter
    read: Reader | None = None
    sniff: Callable[[Path], bool] | None = None
    """Whether an import path looks like this format (by suffix and a peek at its content)."""

    def dialog_filter(self) -> str:
        """A Qt file-dialog filter such as ``"CSV table (*.csv)"``."""
        patterns = " ".join(f"*{suffix}" for suffix in self.suffixes) or "*"
        return f"{self.description} ({patterns})"


def _registry() -> dict[str, Format]:
    from annotator.core.formats import (
        brat,
        bundle,
        conll,
        csvfile,
        jsonl,
        label_studio,
        refi_qda,
        spacy_docbin,
        spacy_json,
        w3c,
        webanno,
        xmi,
    )

    entries = [
        jsonl.FORMAT,
        csvfile.FORMAT,
        brat.FORMAT,
        w3c.FORMAT,
        label_studio.FORMAT,
        spacy_json.FORMAT,
        spacy_docbin.FORMAT,
        conll.FORMAT,
        webanno.FORMAT,
        xmi.FORMAT,
        refi_qda.FORMAT,
        bundle.FORMAT,
    ]
    return {entry.name: entry for entry in entries}


def formats() -> list[Format]:
    """All formats, in the order a dialog should offer them (native JSONL first)."""
    return list(_registry().values())


def export_formats() -> list[str]:
    return [entry.name for entry in formats()]


def import_formats() -> list[str]:
    return [entry.name for entry in formats() if entry.read is not None]


def get_format(name: str) -> Format:
    registry = _registry()
    if name not in registry:
        known = ", ".join(registry)
        raise AnnotatorError(f"Unknown format '{name}'. Known formats: {known}.")
    return registry[name]


def exporter(name: str) -> Exporter:
    return get_format(name).export
