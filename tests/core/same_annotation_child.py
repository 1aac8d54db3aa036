"""One of two processes editing the SAME annotation of one SQLite project at once.

Each edit (relabel, resize or note, in turn) goes through ``Project.apply``; after each one
returned it prints ``{"ack": revision}`` with the revision the edit produced,
``{"busy": message}`` when the database reported itself busy, and ``{"stale": revision}``
when the other process changed the annotation first (optimistic concurrency, issue #8):
the analyst's "keep mine" then re-applies the edit on top of theirs.
"""

from __future__ import annotations

import json
import sys


def say(**value: object) -> None:
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


def main(db: str, annotation_id: str, name: str, count: int) -> int:
    from annotator.core.conflicts import Conflict, Resolution, resolved_edit
    from annotator.core.errors import DatabaseError, StaleEditError
    from annotator.core.project import Project

    sys.stdin.readline()  # start together
    project = Project.open(db, analyst=name)
    done = 0
    while done < count:
        kind = done % 3
        try:
            if kind == 0:
                edit = project.relabel(annotation_id, ("claim", "quote")[done % 2])
            elif kind == 1:
                edit = project.resize(annotation_id, 4, 10 + done % 5)
            else:
                edit = project.set_note(annotation_id, f"{name} {done}")
            while True:
                try:
                    change = project.apply(edit)
                    break
                except StaleEditError as stale:
                    assert stale.theirs is not None
                    say(stale=stale.theirs.revision)
                    mine = resolved_edit(project, Conflict.of(edit, stale), Resolution.KEEP_MINE)
                    assert mine is not None
                    edit = mine
        except DatabaseError as exc:
            if "busy" not in str(exc):
                raise
            say(busy=str(exc))
            continue
        assert change.annotation is not None
        say(ack=change.annotation.revision)
        done += 1
    say(finished=True)
    project.close()
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(args[0], args[1], args[2], int(args[3])))
