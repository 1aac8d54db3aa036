"""The native JSONL export: doccano-compatible, code-point offsets, and a fixed point under
export -> import -> export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.importing import Outcome
from annotator.core.project import Project

pytestmark = pytest.mark.both_backends

UNICODE_TEXT = (
    st.lists(
        st.characters(blacklist_categories=("Cs", "Cc"))
        | st.sampled_from(["😀", "𝒳", "👩\u200d🔬", "e\u0301", "שלום", "\n", "\t"]),
        min_size=1,
        max_size=40,
    )
    .map("".join)
    .filter(lambda text: text.strip() != "")
)


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _comparable(records: list[dict]) -> list[dict]:
    """Drop what legitimately differs between two projects (timestamps)."""
    out = []
    for record in records:
        annotations = [
            {k: v for k, v in a.items() if k not in ("created", "updated")}
            for a in record["annotations"]
        ]
        out.append({**record, "annotations": annotations})
    return out


def test_export_fields_and_offsets(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("title: Launch pads\ndate: 2026-03-01\n\nA 😀 new pad at Veskar.\n")
    report = project.import_paths([source])
    (doc_id,) = report.document_ids
    text = project.document(doc_id).text
    start = text.index("Veskar")
    project.tag_span(doc_id, start, start + 6, "facility")
    out = tmp_path / "out.jsonl"
    assert project.export("jsonl", out) == 1
    (record,) = _records(out)
    assert set(record) == {"id", "text", "meta", "label", "annotations", "relations"}
    assert record["meta"]["title"] == "Launch pads"
    assert record["meta"]["published"] == "2026-03-01"
    assert record["label"] == [[start, start + 6, "facility"]]
    (annotation,) = record["annotations"]
    assert set(annotation) == {
        "id",
        "start",
        "end",
        "tag",
        "quote",
        "annotator",
        "note",
        "attributes",
        "created",
        "updated",
    }
    assert record["text"][annotation["start"] : annotation["end"]] == annotation["quote"]
    assert annotation["annotator"] == "alice"


def test_importing_an_export_twice_changes_nothing(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Officials said the site at Orlan is new.\n")
    (doc_id,) = project.import_paths([source]).document_ids
    project.tag_span(doc_id, 0, 9, "quote")
    first = tmp_path / "first.jsonl"
    project.export("jsonl", first)
    report = project.import_paths([first])
    assert report.count(Outcome.DUPLICATE) == 1
    second = tmp_path / "second.jsonl"
    project.export("jsonl", second)
    assert _records(first) == _records(second)


def test_plain_doccano_file_imports(project: Project, tmp_path: Path) -> None:
    doccano = tmp_path / "doccano.jsonl"
    line = {"text": "Veskar base is active.", "label": [[0, 11, "facility"], [0, 21, "claim"]]}
    doccano.write_text(json.dumps(line) + "\n")
    project.import_paths([doccano])
    project.import_paths([doccano])
    (summary,) = project.documents()
    assert dict(summary.counts) == {"facility": 1, "claim": 1}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=UNICODE_TEXT, data=st.data())
def test_round_trip_into_an_empty_project_is_a_fixed_point(
    tmp_path_factory, text: str, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("rt")
    spans = data.draw(
        st.lists(
            st.tuples(
                st.integers(0, len(text) - 1),
                st.integers(1, len(text)),
                st.sampled_from(["claim", "quote", "facility", "assessment"]),
            ),
            max_size=6,
        )
    )
    record = {"text": text, "label": [[min(a, b - 1), max(a + 1, b), t] for a, b, t in spans]}
    source = folder / "in.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Project.open(folder / "one.sqlite", analyst="a") as one:
        one.import_paths([source])
        one.export("jsonl", folder / "one.jsonl")
    with Project.open(folder / "two.sqlite", analyst="b") as two:
        two.import_paths([folder / "one.jsonl"])
        two.export("jsonl", folder / "two.jsonl")
    first, second = _records(folder / "one.jsonl"), _records(folder / "two.jsonl")
    assert _comparable(first) == _comparable(second)
    for exported in first:
        for annotation in exported["annotations"]:
            assert exported["text"][annotation["start"] : annotation["end"]] == annotation["quote"]
