"""Offsets never drift (issue 10): text with astral characters, combining marks, zero-width
joiners, RTL marks, CR/LF/CRLF newlines and control characters goes from a file through
``annotator.core.sources`` into a project, gets tagged, exported as JSONL and imported
again; ``text[start:end] == quote`` holds everywhere and the round trip is a fixed point.

The Qt side (selections in a real ArticleView) is in tests/gui/test_offsets_through_view.py.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.importing import Outcome
from annotator.core.project import Project
from annotator.core.sources import normalise_text

pytestmark = pytest.mark.both_backends

PIECES = [
    "😀",
    "𝒳",
    "👩\u200d🔬",  # zero-width joiner sequence
    "👨\u200d👩\u200d👧",
    "e\u0301",  # combining acute
    "a\u0308\u0323",  # two combining marks
    "\u200d",
    "\u200c",
    "\u200b",
    "שלום",
    "مرحبا",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2066",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1f",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffd",
    "word",
    " ",
]
TAGS = ["claim", "quote", "facility", "assessment"]

hostile_text = (
    st.lists(
        st.sampled_from(PIECES)
        | st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
        min_size=1,
        max_size=60,
    )
    .map("".join)
    .filter(lambda text: normalise_text(text) != "")
)
"""Any NUL-free text with something to import, biased towards what shifts offsets."""

ONE_ANNOTATION_PER_EXAMPLE = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def records(path: Path) -> list[dict[str, Any]]:
    # Split on "\n" only: the export keeps U+0085, U+2028 ... raw, splitlines() would cut there.
    lines = path.read_text(encoding="utf-8").split("\n")
    return [json.loads(line) for line in lines if line]


def table_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            name: connection.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
            for name in names
        }


def import_text_file(project: Project, folder: Path, raw: str, name: str = "a.txt") -> str:
    path = folder / name
    path.write_bytes(raw.encode("utf-8"))
    report = project.import_paths([path])
    assert not report.failures, report.failures
    (document_id,) = report.document_ids
    return document_id


def check_export(path: Path) -> int:
    checked = 0
    for record in records(path):
        text = record["text"]
        for annotation in record["annotations"]:
            assert text[annotation["start"] : annotation["end"]] == annotation["quote"]
            checked += 1
        for start, end, _tag in record["label"]:
            assert 0 <= start < end <= len(text)
    return checked


@ONE_ANNOTATION_PER_EXAMPLE
@given(raw=hostile_text, data=st.data())
def test_file_to_project_to_jsonl_keeps_quotes(
    tmp_path_factory: Any, raw: str, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("drift")
    with Project.open(folder / "p.sqlite", analyst="a") as project:
        document_id = import_text_file(project, folder, raw)
        text = project.document(document_id).text
        assert "\r" not in text  # newlines normalised at import ...
        assert text in normalise_text(raw)  # ... and nothing else changed (a header may go)
        for _ in range(data.draw(st.integers(1, 4))):
            start = data.draw(st.integers(0, len(text) - 1))
            end = data.draw(st.integers(start + 1, len(text)))
            made = project.tag_span(document_id, start, end, data.draw(st.sampled_from(TAGS)))
            assert made.quote == text[start:end]
        for annotation in project.annotations(document_id):
            assert text[annotation.start : annotation.end] == annotation.quote
        out = folder / "out.jsonl"
        project.export("jsonl", out)
    assert check_export(out) >= 1


@ONE_ANNOTATION_PER_EXAMPLE
@given(raw=hostile_text, data=st.data())
def test_jsonl_import_export_import_is_a_fixed_point(
    tmp_path_factory: Any, raw: str, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("fixed")
    with Project.open(folder / "one.sqlite", analyst="a") as one:
        document_id = import_text_file(one, folder, raw)
        text = one.document(document_id).text
        for _ in range(data.draw(st.integers(0, 4))):
            start = data.draw(st.integers(0, len(text) - 1))
            end = data.draw(st.integers(start + 1, len(text)))
            one.tag_span(document_id, start, end, data.draw(st.sampled_from(TAGS)))
        one.export("jsonl", folder / "one.jsonl")
    with Project.open(folder / "two.sqlite", analyst="b") as two:
        report = two.import_paths([folder / "one.jsonl"])
        assert not report.failures, report.failures
        two.export("jsonl", folder / "two.jsonl")
    snapshot = table_rows(folder / "two.sqlite")
    with Project.open(folder / "two.sqlite", analyst="b") as two:
        again = two.import_paths([folder / "two.jsonl"])
        assert again.count(Outcome.DUPLICATE) == 1, again.items
        two.export("jsonl", folder / "three.jsonl")
    assert table_rows(folder / "two.sqlite") == snapshot  # the second import changed nothing
    first, second = records(folder / "one.jsonl"), records(folder / "two.jsonl")
    third = records(folder / "three.jsonl")
    assert first == second == third
    check_export(folder / "two.jsonl")


def test_the_same_span_tagged_twice_survives_export_and_import(tmp_path: Path) -> None:
    """Found by the fixed-point property: the second of two identical spans was dropped."""
    with Project.open(tmp_path / "one.sqlite", analyst="a") as one:
        document_id = import_text_file(one, tmp_path, "A 😀 plant at Orlan.\n")
        one.tag_span(document_id, 2, 3, "claim")
        one.tag_span(document_id, 2, 3, "claim")
        one.export("jsonl", tmp_path / "one.jsonl")
    with Project.open(tmp_path / "two.sqlite", analyst="b") as two:
        two.import_paths([tmp_path / "one.jsonl"])
        assert [a.quote for a in two.annotations(document_id)] == ["😀", "😀"]
