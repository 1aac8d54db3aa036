"""``annotator review DOC_ID``: units for scripts (text and --json); ``export --gold-only``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.model import AnnotationDraft, ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag

TEXT = "Alice said the port will open next year ."


def make_project(db: Path) -> str:
    spans = [
        (11, 29, "claim", "alice"),
        (11, 29, "claim", "bob"),
        (15, 19, "facility", "bob"),
        (0, 5, "quote", "carol"),
    ]
    draft = ArticleDraft(
        text=TEXT,
        origin="test",
        annotations=tuple(AnnotationDraft(s, e, tag, annotator=who) for s, e, tag, who in spans),
    )
    with Project.open(db, analyst="alice") as project:
        stored = project.store.store_article(
            draft, annotator="alice", new_tag_color=color_for_new_tag
        )
        return stored.document_id


def test_review_units_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "p.sqlite")
    doc_id = make_project(Path(db))
    assert main(["--db", db, "review", doc_id, "--annotators", "alice", "bob"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [["boundary", "11", "29"]]
    assert "bob:facility:15-19:" in lines[0]

    assert main(["--db", db, "review", doc_id, "--json"]) == 0
    units = json.loads(capsys.readouterr().out)
    assert [(u["kind"], u["start"], u["end"]) for u in units] == [
        ("partial", 0, 5),
        ("partial", 11, 29),
    ]
    assert units[0]["missing"] == ["alice", "bob"]


def test_export_gold_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.sqlite"
    doc_id = make_project(db)
    with Project.open(db, analyst="rita") as project:
        unit = project.review_units(doc_id, ["alice", "carol"])[0]
        project.apply(project.accept(unit, unit.versions[0].annotation_id))
    out = tmp_path / "gold.jsonl"
    assert main(["--db", str(db), "export", "--gold-only", "-o", str(out)]) == 0
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["label"] == [[0, 5, "quote"]]
