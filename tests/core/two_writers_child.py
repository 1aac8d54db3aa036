"""One of two processes tagging the same document of the same SQLite project at once.

Prints ``{"ack": id}`` after each ``tag_span`` returned, ``{"busy": message}`` when the
database reported itself busy (a clear ``DatabaseError``; the span is tried again), and
``{"seen": [...]}`` with every annotation id it can read once both writers are done.
"""

from __future__ import annotations

import json
import random
import sys


def say(**value: object) -> None:
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


def main(db: str, document_id: str, name: str, count: int, seed: int) -> int:
    from annotator.core.errors import DatabaseError
    from annotator.core.project import Project

    rng = random.Random(seed)
    sys.stdin.readline()  # start together
    project = Project.open(db, analyst=name)
    length = len(project.document(document_id).text)
    done = 0
    while done < count:
        start = rng.randrange(length - 1)
        end = rng.randrange(start + 1, min(length, start + 30) + 1)
        try:
            made = project.tag_span(document_id, start, end, rng.choice(["claim", "quote"]))
        except DatabaseError as exc:
            if "busy" not in str(exc):
                raise
            say(busy=str(exc))
            continue
        say(ack=made.id)
        done += 1
        if done % 50 == 0:  # re-read while the other writes
            say(others=sum(a.annotator != name for a in project.annotations(document_id)))
    say(finished=True)
    sys.stdin.readline()  # wait until the other one finished too
    say(seen=[a.id for a in project.annotations(document_id)])
    project.close()
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(args[0], args[1], args[2], int(args[3]), int(args[4])))
