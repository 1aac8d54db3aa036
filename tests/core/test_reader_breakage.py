"""A reader that breaks on a value nobody foresaw ends its file in one clear failure; what it
read before stays imported and the other files of the import still go on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.formats import label_studio_read
from annotator.core.importing import Outcome
from annotator.core.project import Project


def test_a_broken_reader_fails_its_file_and_the_import_goes_on(
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    real_task = label_studio_read._task

    def task_that_breaks(item: object, where: str) -> object:
        if where.endswith("task 2"):
            raise TypeError("unhashable type: 'list'")
        return real_task(item, where)

    monkeypatch.setattr(label_studio_read, "_task", task_that_breaks)
    tasks = tmp_path / "tasks.json"
    tasks.write_text(
        json.dumps([{"data": {"text": f"Task number {n} text."}} for n in (1, 2, 3)]),
        encoding="utf-8",
    )
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"text": "An article after the broken file."}) + "\n")
    report = project.import_paths([tasks, corpus])
    outcomes = [item.outcome for item in report.items]
    assert outcomes == [Outcome.IMPORTED, Outcome.FAILED, Outcome.IMPORTED]
    message = report.items[1].message
    assert str(tasks) in message and "could not be read to the end" in message
    assert "TypeError" in message and "log file" in message
    assert len(project.documents()) == 2
    assert "unexpected error" in caplog.text  # the traceback went to the log


def test_a_refusal_a_reader_raises_keeps_its_own_message(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.core.errors import SourceError

    def refusing_task(item: object, where: str) -> object:
        raise SourceError(where, "this task is refused for a reason the reader names.")

    monkeypatch.setattr(label_studio_read, "_task", refusing_task)
    tasks = tmp_path / "tasks.json"
    tasks.write_text(json.dumps([{"data": {"text": "Some text."}}]), encoding="utf-8")
    (item,) = project.import_paths([tasks]).items
    assert item.outcome is Outcome.FAILED
    assert item.message == f"{tasks}, task 1: this task is refused for a reason the reader names."
