"""``annotator review DOC_ID``: a document's review units for scripts (issue 7).

Its own module so that ``commands.py``, which several people edit, only gains the line that
registers it.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from annotator.core.project import Project


def register(sub: Any, global_options: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser(
        "review",
        help="list a document's review units (disagreements first)",
        description="One line per unit: kind, start, end, then each version as "
        "analyst:tag:start-end:annotation_id (tab-separated). Kinds: agree, tag, boundary, "
        "partial. Offsets are code points, end exclusive.",
    )
    p.add_argument("document_id", metavar="DOC_ID")
    p.add_argument(
        "--annotators",
        nargs="+",
        default=None,
        metavar="NAME",
        help="the analysts to compare (default: every analyst with annotations, not gold)",
    )
    p.add_argument("--json", action="store_true", help="a JSON list of units instead")
    p.set_defaults(run=run_review)
    global_options(p)


def run_review(options: argparse.Namespace) -> int:
    with Project.open(options.db) as project:
        units = project.review_units(options.document_id, options.annotators)
    if options.json:
        rows = [
            {
                "kind": unit.kind.value,
                "start": unit.start,
                "end": unit.end,
                "missing": list(unit.missing),
                "versions": [
                    {
                        "id": v.annotation_id,
                        "analyst": v.analyst,
                        "tag": v.tag,
                        "start": v.start,
                        "end": v.end,
                    }
                    for v in unit.versions
                ],
            }
            for unit in units
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for unit in units:
        versions = "\t".join(
            f"{v.analyst}:{v.tag}:{v.start}-{v.end}:{v.annotation_id}" for v in unit.versions
        )
        print(f"{unit.kind.value}\t{unit.start}\t{unit.end}\t{versions}")
    return 0
