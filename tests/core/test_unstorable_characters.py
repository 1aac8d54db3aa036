"""A record holding half of a UTF-16 surrogate pair (JSON's ``\\ud800`` escapes decode to one),
or a NUL where PostgreSQL stores it, cannot be stored: it fails alone, named by file, line and
field, with nothing of it written, and the rest of the file imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.importing import Outcome
from annotator.core.project import Project
from annotator.core.sources.unstorable import unstorable_field

pytestmark = pytest.mark.both_backends

RECORDS = [
    {"id": "ok-1", "text": "A fine first article."},
    {"id": "bad-2", "text": "Bad \ud800 surrogate in the text."},
    {
        "id": "bad-3",
        "text": "Fine text with a bad note.",
        "annotations": [{"start": 0, "end": 4, "tag": "claim", "note": "oops \udc00"}],
    },
    {"id": "bad-4", "text": "Fine text, bad title.", "meta": {"title": "T\udbff"}},
    {
        "id": "ok-5",
        "text": "A fine last article.",
        "annotations": [{"start": 2, "end": 6, "tag": "claim"}],
    },
]


def test_a_lone_surrogate_fails_its_record_alone(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "corpus.jsonl"
    # json.dumps writes a lone surrogate as the \ud800 escape a hostile file would hold.
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    report = project.import_paths([source])
    outcomes = [item.outcome for item in report.items]
    imported, failed = Outcome.IMPORTED, Outcome.FAILED
    assert outcomes == [imported, failed, failed, failed, imported]
    messages = [item.message for item in report.items if item.outcome is Outcome.FAILED]
    assert 'line 2: the field "text" holds U+D800' in messages[0]
    assert "line 3" in messages[1] and "note" in messages[1] and "U+DC00" in messages[1]
    assert "line 4" in messages[2] and "U+DBFF" in messages[2]
    assert all("remove it from the file and import it again" in m for m in messages)
    texts = sorted(d.title or "" for d in project.documents())
    assert len(texts) == 2
    counts = sorted(len(project.annotations(d.id)) for d in project.documents())
    assert counts == [0, 1]  # the bad note's document left nothing behind


def test_the_field_is_named_in_nested_values() -> None:
    assert unstorable_field({"a": ["ok", {"b\udc00": 1}]}) == ("a #2.b\udc00 (its name)", "\udc00")
    assert unstorable_field(("ok", "x\ud800")) == (" #2", "\ud800")
    assert unstorable_field({"fine": "😀"}) is None


def test_a_nul_in_a_note_is_named_where_the_database_refuses_it(
    project: Project, backend: str, tmp_path: Path
) -> None:
    """SQLite stores a NUL in a note; PostgreSQL refuses any NUL, which named only the
    database, not the file, line and field the analyst has to fix."""
    record = {
        "text": "Fine text, odd note.",
        "annotations": [{"start": 0, "end": 4, "tag": "claim", "note": "n\x00te"}],
    }
    source = tmp_path / "notes.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (item,) = project.import_paths([source]).items
    if backend == "sqlite":
        assert item.outcome is Outcome.IMPORTED
        return
    assert item.outcome is Outcome.FAILED
    assert item.message.startswith(f"{source}, line 1: ")
    assert '"annotations #1\'s note" holds a NUL character' in item.message
    assert project.documents() == []
