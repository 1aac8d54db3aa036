"""One of two processes editing the SAME annotation of one SQLite project at once.

Each edit (relabel, resize or note, in turn) goes through ``Project.apply``; after each one
returned it prints ``{"ack": revision}`` with the revision the edit produced, and
``{"busy": message}`` when the database reported itself busy (the edit is tried again).
"""

from __future__ import annotations

import json
import sys


def say(**value: object) -> None:
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


def main(db: str, annotation_id: str, name: str, count: int) -> int:
    from annotator.core.errors import DatabaseError
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
            change = project.apply(edit)
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
