"""The sub-commands. Each is a small function from parsed options to an exit code."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from annotator.cli import analyst_command, review_command, team_command
from annotator.core.formats import export_formats, import_formats
from annotator.core.importing import Outcome
from annotator.core.project import Project
from annotator.core.review.units import GOLD

Runner = Callable[[], int]
NAMES = (
    "import",
    "export",
    "list",
    "stats",
    "search",
    "backup",
    "restore",
    "agreement",
    "review",
    "analyst",
    "team",
)


def register(sub: Any, global_options: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add every sub-command; each also accepts ``--db`` after its name."""
    p = sub.add_parser("import", help="import articles and annotation files")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument(
        "--format",
        "-f",
        default=None,
        choices=import_formats(),
        help="read every PATH as this dataset format (default: detect by suffix and content)",
    )
    p.add_argument(
        "--revision-of",
        default=None,
        metavar="DOC_ID",
        help="PATH is a revised text of document DOC_ID: store it as a new linked document "
        "and carry the annotations over (the unplaced ones are listed)",
    )
    p.set_defaults(run=run_import)
    global_options(p)

    p = sub.add_parser("export", help="write a dataset")
    p.add_argument("--format", "-f", default="jsonl", choices=export_formats())
    p.add_argument("--output", "-o", required=True, type=Path, metavar="P")
    p.add_argument(
        "--document", action="append", default=None, metavar="ID", help="only these documents"
    )
    p.add_argument(
        "--annotator",
        action="append",
        default=None,
        metavar="NAME",
        help="only annotations by these analysts (repeatable)",
    )
    p.add_argument(
        "--tag", action="append", default=None, metavar="NAME", help="only these tags (repeatable)"
    )
    p.add_argument(
        "--gold-only",
        action="store_true",
        help="only the curated gold annotations (the same as --annotator gold)",
    )
    p.add_argument(
        "--status",
        action="append",
        default=None,
        choices=("new", "in-progress", "done"),
        help="only documents with this status (repeatable): the status of every --annotator "
        "given, else of any analyst who set one ('new': nobody started it)",
    )
    p.add_argument(
        "--reviewed",
        action="append_const",
        const="reviewed",
        dest="review_states",
        default=None,
        help="only documents marked reviewed",
    )
    p.add_argument(
        "--in-review",
        action="append_const",
        const="in review",
        dest="review_states",
        help="only documents in review (with --reviewed: either)",
    )
    p.set_defaults(run=run_export)
    global_options(p)

    p = sub.add_parser("list", help="list documents")
    p.set_defaults(run=run_list)
    global_options(p)

    p = sub.add_parser("stats", help="annotation counts per tag")
    p.set_defaults(run=run_stats)
    global_options(p)

    p = sub.add_parser("search", help="search the corpus (titles and texts)")
    p.add_argument("query", nargs="+", metavar="WORD", help="every word must occur")
    p.add_argument("--limit", type=int, default=50, help="at most this many documents")
    p.set_defaults(run=run_search)
    global_options(p)

    p = sub.add_parser("agreement", help="agreement between analysts (table, JSON, CSV, HTML)")
    p.add_argument(
        "--annotators", nargs="+", default=None, metavar="NAME", help="compare these (default: all)"
    )
    p.add_argument(
        "--document", action="append", default=None, metavar="ID", help="only these documents"
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON (for scripts)")
    p.add_argument("--csv", type=Path, default=None, metavar="FILE", help="write every figure")
    p.add_argument("--html", type=Path, default=None, metavar="FILE", help="write an HTML report")
    p.set_defaults(run=run_agreement)
    global_options(p)

    review_command.register(sub, global_options)
    analyst_command.register(sub, global_options)
    team_command.register(sub, global_options)

    p = sub.add_parser("backup", help="back up the project file now (prints the copy's path)")
    p.set_defaults(run=run_backup)
    global_options(p)

    p = sub.add_parser("restore", help="list the project's backups, or restore one")
    p.add_argument(
        "backup",
        nargs="?",
        metavar="BACKUP",
        help="'latest', a number from the list (1 = newest), a backup's file name or path",
    )
    p.set_defaults(run=run_restore)
    global_options(p)


def _progress_printer() -> Callable[[int, int], None] | None:
    """Progress on a terminal only: a pipe or a log file stays clean."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        suffix = f"/{total}" if total else ""
        print(f"\r{done}{suffix} ...", end="", file=sys.stderr, flush=True)

    return show


def run_import(options: argparse.Namespace) -> int:
    if options.revision_of is not None:
        return run_import_revision(options)
    with Project.open(options.db) as project:
        report = project.import_paths(
            options.paths, format_name=options.format, progress=_progress_printer()
        )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for item in report.items:
        for warning in item.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if item.outcome is Outcome.FAILED:
            print(f"failed: {item.message}", file=sys.stderr)
        elif item.outcome is Outcome.DUPLICATE:
            print(f"duplicate: {item.origin} ({item.message})")
        else:
            print(f"{item.outcome.value}: {item.origin} ({item.annotations_added} annotations)")
    print(report.summary())
    return 1 if report.failures else 0


def run_import_revision(options: argparse.Namespace) -> int:
    if len(options.paths) != 1:
        print("annotator: --revision-of takes exactly one PATH (the revised text)", file=sys.stderr)
        return 2
    with Project.open(options.db) as project:
        report = project.import_revision(options.revision_of, options.paths[0])
    print(report.summary())
    for item in report.unplaced:
        print(f"unplaced: {item.id}\t{item.tag}\t{item.quote!r}")
    return 0


def run_export(options: argparse.Namespace) -> int:
    with Project.open(options.db) as project, _format_warnings_on_stderr():
        written = project.export(
            options.format,
            options.output,
            document_ids=options.document,
            annotators=(GOLD,) if options.gold_only else options.annotator,
            tags=options.tag,
            statuses=options.status,
            review_states=options.review_states,
            progress=_progress_printer(),
        )
    print(f"wrote {written} documents to {options.output}")
    return 0


@contextlib.contextmanager
def _format_warnings_on_stderr() -> Iterator[None]:
    """What a format logs as a warning (spans widened to spaCy tokens ...) is also shown
    to the person running the export, not only written to the log file."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("warning: %(message)s"))
    logger = logging.getLogger("annotator.core.formats")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def run_list(options: argparse.Namespace) -> int:
    with Project.open(options.db) as project:
        for doc in project.documents():
            date = doc.published or "-"
            # status is the analyst's own (new, in progress, done), as in the corpus list
            print(f"{doc.id}\t{date}\t{doc.status}\t{doc.total}\t{doc.title}")
    return 0


def run_stats(options: argparse.Namespace) -> int:
    with Project.open(options.db) as project:
        summaries = project.documents()
        tags = [tag.name for tag in project.tags()]
    totals = {tag: sum(doc.counts.get(tag, 0) for doc in summaries) for tag in tags}
    print(f"documents\t{len(summaries)}")
    for tag, count in totals.items():
        print(f"{tag}\t{count}")
    print(f"total\t{sum(totals.values())}")
    return 0


def _sqlite_file(db: str | None) -> Path:
    from annotator.core.errors import DatabaseError
    from annotator.core.storage.engine import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(db))
    if path is None:
        raise DatabaseError(
            "Backups are made of SQLite project files; back up a server database with its "
            "own tools (e.g. pg_dump)."
        )
    return path


def run_backup(options: argparse.Namespace) -> int:
    from annotator.core.backups import make_backup
    from annotator.core.settings import load_settings

    made = make_backup(_sqlite_file(options.db), "manual", keep=load_settings().backups_kept)
    print(made)
    return 0


def run_restore(options: argparse.Namespace) -> int:
    from annotator.core.backups import find_backup, list_backups, restore

    target = _sqlite_file(options.db)
    if options.backup is None:
        found = list_backups(target)
        if not found:
            print(f"no backups of {target}", file=sys.stderr)
            return 1
        print(f"backups of {target}, newest first (restore one with: annotator restore N):")
        for number, backup in enumerate(found, start=1):
            print(f"{number:>3}  {backup.describe()}")
        return 0
    done = restore(find_backup(target, options.backup), target)
    print(f"restored {target} from {done.backup}")
    if done.kept_as is not None:
        print(f"the previous file is kept as {done.kept_as}")
    return 0


def run_agreement(options: argparse.Namespace) -> int:
    import json

    from annotator.core.agreement import compute_agreement, render
    from annotator.core.safe_write import atomic_text_writer

    with Project.open(options.db) as project:
        report = compute_agreement(
            project,
            annotators=options.annotators,
            document_ids=options.document,
            progress=_progress_printer(),
        )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for target, text in ((options.csv, render.csv_text), (options.html, render.html_page)):
        if target is not None:
            with atomic_text_writer(target) as out:
                out.write(text(report))
            print(f"wrote {target}", file=sys.stderr)
    if options.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(render.text_table(report))
    return 0


def run_search(options: argparse.Namespace) -> int:
    """One line per document: id, title, snippet (matches marked with [ and ])."""
    with Project.open(options.db) as project:
        hits = project.search(" ".join(options.query), limit=options.limit)
    for hit in hits:
        snippet = " ".join(hit.snippet.split())
        print(f"{hit.document_id}\t{hit.title}\t{snippet}")
    return 0
