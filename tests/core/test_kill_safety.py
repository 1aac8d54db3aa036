"""Killing the process loses nothing that was acknowledged: every edit is committed before
``apply`` returns. A real child process tags spans and prints each acknowledged id; we
SIGKILL it mid-stream and check that every printed id is in the reopened database."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag

CHILD = """
import sys
from annotator.core.project import Project
project = Project.open(sys.argv[1], analyst="writer")
doc_id = sys.argv[2]
text_length = int(sys.argv[3])
for i in range(100000):
    start = i % (text_length - 5)
    made = project.tag_span(doc_id, start, start + 5, ("claim", "quote")[i % 2])
    print(made.id, flush=True)
"""


def test_sigkill_loses_no_acknowledged_edit(db_path: Path) -> None:
    text = "Satellite images show new construction at the site. " * 20
    with Project.open(db_path) as project:
        stored = project.store.store_article(
            ArticleDraft(text=text, origin="t"), annotator="w", new_tag_color=color_for_new_tag
        )
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), stored.document_id, str(len(text))],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    assert child.stdout is not None
    acknowledged = [child.stdout.readline().strip() for _ in range(60)]
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with Project.open(db_path) as reopened:
        stored_ids = {a.id for a in reopened.annotations(stored.document_id)}
    assert set(acknowledged) <= stored_ids
