"""Label Studio JSON tasks: the NER template's shape, predictions, old UTF-16 offsets."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from annotator.core.importing import Outcome
from annotator.core.project import Project

from .conftest import fresh_project, load, rich_documents

TEXT = "A 😀 new pad at Veskar opened."


def _export(project: Project, tmp_path: Path) -> list[dict[str, Any]]:
    out = tmp_path / "ls.json"
    project.export("label-studio", out)
    return json.loads(out.read_text(encoding="utf-8"))


def test_task_shape(project: Project, tmp_path: Path) -> None:
    start = TEXT.index("Veskar")
    spans = [(start, start + 6, "facility", "bob", {"note": "n1", "attributes": {"x": 1}})]
    (doc_id,) = load(project, tmp_path, [(TEXT, spans)])
    (task,) = _export(project, tmp_path)
    assert task["data"] == {"text": TEXT, "title": "Doc 0", "document_id": doc_id}
    (entry,) = task["annotations"]
    assert entry["annotator"] == "bob"
    label, note = entry["result"]
    assert label["type"] == "labels" and label["from_name"] == "label"
    assert label["to_name"] == "text"
    assert label["value"] == {
        "start": start,
        "end": start + 6,
        "text": "Veskar",
        "labels": ["facility"],
        "attributes": {"x": 1},
    }
    assert note["type"] == "textarea" and note["value"] == {"text": ["n1"]}
    assert note["id"] == label["id"]


def _write(tmp_path: Path, tasks: Any, name: str = "tasks.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(tasks), encoding="utf-8")
    return path


def test_import_label_studio_output_with_predictions(project: Project, tmp_path: Path) -> None:
    start = TEXT.index("Veskar")
    tasks = [
        {
            "id": 7,
            "data": {"text": TEXT},
            "annotations": [
                {
                    "completed_by": 3,
                    "result": [
                        {
                            "id": "a1B2c3D4e5",
                            "from_name": "label",
                            "to_name": "text",
                            "type": "labels",
                            "value": {"start": 2, "end": 3, "text": "😀", "labels": ["emoji"]},
                        }
                    ],
                }
            ],
            "predictions": [
                {
                    "model_version": "v2",
                    "result": [
                        {
                            "id": "zz",
                            "type": "labels",
                            "value": {
                                "start": start + 1,  # UTF-16 units, as old versions wrote
                                "end": start + 7,
                                "text": "Veskar",
                                "labels": ["facility"],
                            },
                        }
                    ],
                }
            ],
        }
    ]
    report = project.import_paths([_write(tmp_path, tasks)])
    (item,) = report.items
    assert item.outcome is Outcome.IMPORTED
    spans = project.annotations(item.document_id or "")
    assert [(a.quote, a.tag, a.annotator) for a in spans] == [
        ("😀", "emoji", "3"),
        ("Veskar", "facility", "prediction:v2"),
    ]


def test_bad_tasks_fail_alone(project: Project, tmp_path: Path) -> None:
    tasks = [
        {"data": {"text": "Good text here."}},
        {
            "data": {"text": "Short."},
            "annotations": [
                {
                    "result": [
                        {
                            "id": "r",
                            "type": "labels",
                            "value": {"start": 3, "end": 99, "labels": ["x"]},
                        }
                    ]
                }
            ],
        },
        {"data": {}},
    ]
    report = project.import_paths([_write(tmp_path, tasks)], format_name="label-studio")
    outcomes = [i.outcome for i in report.items]
    assert outcomes == [Outcome.IMPORTED, Outcome.FAILED, Outcome.FAILED]
    assert "tasks.json, task 2" in report.items[1].message
    assert "tasks.json, task 3" in report.items[2].message
    assert len(project.documents()) == 1


def _region(region_id: Any, labels: Any) -> dict[str, Any]:
    value = {"start": 0, "end": 4, "text": "Good", "labels": labels}
    return {"id": region_id, "type": "labels", "value": value}


def test_odd_region_values_fail_their_task_or_are_ignored(project: Project, tmp_path: Path) -> None:
    """Values a hand-edited file can hold (a list as an id, a number as the labels) each
    failed the whole import with a TypeError."""
    note = {"id": [1], "type": "textarea", "value": {"text": ["a note"]}}
    tasks = [
        {"data": {"text": "Good text one."}, "annotations": [{"result": [note]}]},
        {"data": {"text": "Good text two."}, "annotations": [{"result": [_region("r", 5)]}]},
        {
            "data": {"text": "Good text three."},
            "annotations": [{"result": [_region({}, ["claim"])]}],
        },
        {
            "data": {"text": "Good text four."},
            "annotations": [{"result": [_region("r", {"a": 1})]}],
        },
    ]
    report = project.import_paths([_write(tmp_path, tasks)], format_name="label-studio")
    imported, failed = Outcome.IMPORTED, Outcome.FAILED
    assert [i.outcome for i in report.items] == [imported, failed, imported, failed]
    assert "task 2: region 'r': labels must be a list of strings" in report.items[1].message
    assert "task 4: region 'r': labels must be a list" in report.items[3].message
    spans = [a for d in project.documents() for a in project.annotations(d.id)]
    assert [(a.quote, a.tag) for a in spans] == [("Good", "claim")]


def test_bad_json(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('[{"data": {"text": "x"}}\n,,]')
    (item,) = project.import_paths([path], format_name="label-studio").items
    assert item.outcome is Outcome.FAILED and "t.json, line 2" in item.message


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=rich_documents())
def test_round_trip_through_an_empty_project(documents: list) -> None:
    with tempfile.TemporaryDirectory() as temp:
        tmp = Path(temp)
        with fresh_project(tmp / "a") as first:
            load(first, tmp, documents)
            first.export("label-studio", tmp / "one.json")
        with fresh_project(tmp / "b") as second:
            report = second.import_paths([tmp / "one.json"])
            assert not report.failures, report.failures
            second.export("label-studio", tmp / "two.json")
        assert (tmp / "one.json").read_text() == (tmp / "two.json").read_text()
