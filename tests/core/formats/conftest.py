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
        | st.sampled_from(
            ["😀", "𝒳", "👩\u200d🔬", "e\u0301", "שלום", "مرحبا", "\n", "\t", " ", "\ufeff"]
        ),
        min_size=1,
        max_size=40,
    )
    .map("".join)
    # A text of nothing but spaces and U+FEFF is empty to every reader but our JSONL's.
    .filter(lambda text: text.replace("\ufeff", "").strip() != "" and "\r" not in text)
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


def load_with_relations(
    project: Project, tmp_path: Path, documents: list[tuple[str, list, list]]
) -> list[str]:
    """Documents as (text, [(start, end, tag)], [(from index, to index, type)])."""
    lines = []
    for number, (text, spans, links) in enumerate(documents):
        annotations = [
            {"id": f"a{number}-{i}", "start": s, "end": e, "tag": t}
            for i, (s, e, t) in enumerate(spans)
        ]
        relations = [
            {"from": f"a{number}-{f}", "to": f"a{number}-{t}", "type": kind} for f, t, kind in links
        ]
        record = {"text": text, "annotations": annotations, "relations": relations}
        lines.append(json.dumps(record, ensure_ascii=False))
    seed = tmp_path / "relations.jsonl"
    seed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = project.import_paths([seed])
    assert not report.failures and not any(i.warnings for i in report.items)
    return list(report.document_ids)


def only_document(project: Project) -> tuple[str, list[tuple[int, int, str]]]:
    """The text and (start, end, quote) spans of a project's one document."""
    (document,) = project.documents()
    spans = [(a.start, a.end, a.quote) for a in project.annotations(document.id)]
    return project.document(document.id).text, spans


def after_round_trip(
    project: Project, tmp_path: Path, format_name: str, file_name: str
) -> tuple[str, list[tuple[int, int, str]]]:
    """``only_document`` of a fresh project that imported ``project``'s export."""
    out = tmp_path / file_name
    project.export(format_name, out)
    with fresh_project(tmp_path / "again") as again:
        again.import_paths([out], format_name=format_name)
        return only_document(again)


RELATION_TYPES = ("attributed_to", "about", "same as")


@st.composite
def related_documents(draw: st.DrawFn) -> list[tuple[str, list, list]]:
    """Texts with distinct (possibly overlapping) spans and relations between them: two
    identical spans would make a relation's end ambiguous in any format without ids."""
    documents: list[tuple[str, list, list]] = []
    for number in range(draw(st.integers(1, 2))):
        text, spans = draw(annotated_text())
        if any(text == other for other, _, _ in documents):
            text += f"\n{number}"  # the same text twice would merge into one document
        spans = list(dict.fromkeys(spans))
        links: list[tuple[int, int, str]] = []
        if len(spans) > 1:
            pairs = st.tuples(
                st.integers(0, len(spans) - 1),
                st.integers(0, len(spans) - 1),
                st.sampled_from(RELATION_TYPES),
            ).filter(lambda link: link[0] != link[1])
            links = list(dict.fromkeys(draw(st.lists(pairs, max_size=4))))
        documents.append((text, spans, links))
    return documents
