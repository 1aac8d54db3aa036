"""Write transactions are isolated across processes (issue 10): an edit reads the row it
changes (``revision += 1``) inside the same write transaction, which on SQLite starts with
``BEGIN IMMEDIATE``. Two processes editing the SAME annotation hundreds of times lose no
update: the final revision is 1 + every acknowledged edit, and each acknowledged edit got
a revision of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.project import Project

CHILD = Path(__file__).with_name("same_annotation_child.py")
EDITS = 300


@pytest.mark.slow
def test_two_processes_editing_one_annotation_lose_no_update(db_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The Orlan site near Veskar was expanded, officials said.\n")
    with Project.open(db_path, analyst="setup") as project:
        (document_id,) = project.import_paths([article]).document_ids
        annotation = project.tag_span(document_id, 4, 9, "claim")
    assert annotation.revision == 1
    children = [
        subprocess.Popen(
            [sys.executable, str(CHILD), str(db_path), annotation.id, name, str(EDITS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("writer-a", "writer-b")
    ]
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    revisions: list[int] = []
    busy: list[str] = []
    stale = 0
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        events = [json.loads(line) for line in out.splitlines()]
        assert events[-1] == {"finished": True}
        revisions += [int(e["ack"]) for e in events if "ack" in e]
        busy += [str(e["busy"]) for e in events if "busy" in e]
        stale += sum("stale" in e for e in events)
    assert len(revisions) == 2 * EDITS
    # Every acknowledged edit produced its own revision: none was overwritten by the other.
    assert sorted(revisions) == list(range(2, 2 + 2 * EDITS))
    with Project.open(db_path, analyst="check") as project:
        final = project.annotation(annotation.id)
    assert final.revision == 1 + len(revisions)
    assert all(str(db_path) in message for message in busy)
    # Interleaved edits of one annotation meet each other's changes: each was refused as
    # stale (never overwriting silently) and then re-applied as "keep mine".
    assert stale > 0
