"""Shared builders for the format tests: projects with annotated documents, built through
the public facade (imports of our own JSONL), never by writing rows directly."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from annotator.core.project import Project

UNICODE_TEXT = (
    st.lists(
        st.characters(blacklist_categories=("Cs", "Cc"))
        | st.sampled_from(["😀", "𝒳", "👩\u200d🔬", "e\u0301", "שלום", "مرحبا", "\n", "\t", " "]),
        min_size=1,
        max_size=40,
    )
    .map("".join)
    .filter(lambda text: text.strip() != "" and "\r" not in text)
)
TAGS = ("claim", "quote", "facility", "assessment", "my-tag")


@st.composite
def annotated_text(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    """A text with 0-5 spans that may overlap, nest or repeat with other tags."""
    text = draw(UNICODE_TEXT)
    spans = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append((start, end, draw(st.sampled_from(TAGS))))
    return text, spans


def load(
    project: Project,
    tmp_path: Path,
    documents: Sequence[tuple[str, Sequence[Any]]],
    *,
    name: str = "seed.jsonl",
) -> list[str]:
    """Import documents given as (text, [(start, end, tag[, annotator[, extra]])...])."""
    lines = []
    for number, (text, spans) in enumerate(documents):
        annotations = []
        for span in spans:
            start, end, tag, *rest = span
            entry: dict[str, Any] = {"start": start, "end": end, "tag": tag}
            if rest:
                entry["annotator"] = rest[0]
            if len(rest) > 1:
                entry.update(rest[1])
            annotations.append(entry)
        record = {"text": text, "title": f"Doc {number}", "annotations": annotations}
        lines.append(json.dumps(record, ensure_ascii=False))
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = project.import_paths([path])
    assert not report.failures, report.failures
    return list(report.document_ids)


EXTRAS = st.sampled_from(
    [
        {},
        {"note": "check the date"},
        {"attributes": {"certain": True}},
        {"attributes": {"certain": False, "source": "wire"}, "note": "two words"},
    ]
)


@st.composite
def rich_documents(
    draw: st.DrawFn, annotators: Sequence[str] = ("alice", "bob")
) -> list[tuple[str, list[Any]]]:
    """1-2 documents whose spans carry notes and attributes, by the given analysts."""
    documents = []
    for _ in range(draw(st.integers(1, 2))):
        text, spans = draw(annotated_text())
        rich = [(s, e, t, draw(st.sampled_from(annotators)), draw(EXTRAS)) for s, e, t in spans]
        documents.append((text, rich))
    return documents


def fresh_project(folder: Path) -> Project:
    """A project in its own folder; hypothesis examples cannot share function fixtures."""
    folder.mkdir(parents=True, exist_ok=True)
    return Project.open(folder / "p.sqlite", analyst="alice")


def tree_contents(path: Path) -> dict[str, bytes]:
    """Files of an export (folder, zip or single file) by name."""
    import zipfile

    if path.is_dir():
        return {str(p.relative_to(path)): p.read_bytes() for p in path.rglob("*") if p.is_file()}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    return {path.name: path.read_bytes()}
