"""Import and export of a 1,000-document, 50,000-annotation dataset, against raw baselines.

The baselines are what the same work costs with nothing of ours in the way: for import,
``sqlite3.executemany`` of the finished rows with the same durability the app promises (WAL,
``synchronous=FULL``, one transaction per document, so both pay the same fsyncs); for export,
``json.dumps`` of the very records the export wrote, already in memory.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from pathlib import Path
from typing import Any

from annotator.core.project import Project
from bench.context import Context
from bench.data import TAGS, Article, Span
from bench.fixtures import ANALYST, STAMP, write_jsonl
from bench.measure import Trial, interleaved_medians_ms
from bench.table import Figure, Row, any_of, at_least, ratio_at_least, ratio_at_most

EXPORT_RATE = 500_000  # annotations per second

BASELINE_SCHEMA = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY, title TEXT, source TEXT, author TEXT, url TEXT, published TEXT,
    language TEXT, meta TEXT, text TEXT, sha256 TEXT UNIQUE, length INTEGER, created TEXT);
CREATE TABLE annotations (
    id TEXT PRIMARY KEY, document_id TEXT REFERENCES documents(id), annotator_id INTEGER,
    tag_id INTEGER, start_offset INTEGER, end_offset INTEGER, quote TEXT, note TEXT,
    attributes TEXT, created TEXT, updated TEXT, revision INTEGER, deleted INTEGER);
CREATE INDEX ix_annotations_document_live ON annotations (document_id, deleted);
"""


def run(ctx: Context) -> list[Row]:
    """Both rows share the dataset: import it (timed), then export what was imported."""
    s = ctx.sizes
    ctx.say(f"import/export: generating {s.corpus_documents:,} documents")
    articles = ctx.corpus_articles(s.corpus_documents)
    dataset = write_jsonl(ctx.home / "dataset.jsonl", articles)
    annotations = sum(len(a.spans) for a in articles)
    db = ctx.home / f"corpus-{s.corpus_documents}.sqlite"
    rows = [import_row(ctx, dataset, db, articles, annotations)]
    rows.append(export_row(ctx, db, annotations))
    ctx.remember_corpus(s.corpus_documents, db)
    return rows


def import_row(
    ctx: Context, dataset: Path, db: Path, articles: list[Article], annotations: int
) -> Row:
    """The import and the raw baseline take turns, each turn into a new empty file; the
    first project is kept as ``db`` for the rows after this one. Only the inserts are
    timed on both sides: the project is opened (schema made) and the raw tables created
    before the clock starts."""
    ctx.say("import jsonl: project.import_paths into an empty project, in turns with raw")
    ours = _ProjectImport(dataset, db, annotations)
    raw = _RawImport(ctx.home, *_raw_rows(articles))
    try:
        measured, baseline = interleaved_medians_ms(
            [Trial(ours.run, setup=ours.prepare), Trial(raw.run, setup=raw.prepare)],
            ctx.sizes.heavy_repeats,
        )
    finally:
        ours.finish()
        raw.finish()
    return Row(
        "import jsonl",
        Figure(measured, "ms"),
        Figure(baseline, "ms"),
        ratio_at_most(3),
        f"{len(articles):,} docs / {annotations:,} annotations, project.import_paths into an "
        f"empty project, median of {ctx.sizes.heavy_repeats} [sqlite3.executemany of the same "
        "rows, 1 txn per doc, WAL+FULL, in turns with the import]",
    )


class _ProjectImport:
    """``project.import_paths`` of the dataset, each time into a new empty project."""

    def __init__(self, dataset: Path, db: Path, annotations: int) -> None:
        self._dataset, self._first, self._annotations = dataset, db, annotations
        self._targets: list[Path] = []
        self._project: Project | None = None

    def prepare(self) -> None:
        self._close()
        first = self._first
        target = (
            first
            if not self._targets
            else first.with_name(f"{first.stem}-{len(self._targets)}.sqlite")
        )
        self._targets.append(target)
        self._project = Project.open(target, analyst=ANALYST)

    def run(self) -> None:
        assert self._project is not None
        report = self._project.import_paths([self._dataset])
        assert report.annotations_added == self._annotations, report

    def finish(self) -> None:
        self._close()
        for extra in self._targets[1:]:
            _remove_database(extra)

    def _close(self) -> None:
        if self._project is not None:
            self._project.close()
            self._project = None


class _RawImport:
    """The baseline: the finished rows into a new file by raw ``sqlite3``, built before the
    clock starts."""

    def __init__(self, home: Path, documents: list[Raw], spans: list[list[Raw]]) -> None:
        self._home, self._documents, self._spans = home, documents, spans
        self._turns = itertools.count()
        self._connection: sqlite3.Connection | None = None

    def prepare(self) -> None:
        self.finish()
        db = self._home / f"raw-import-{next(self._turns)}.sqlite"
        connection = self._connection = sqlite3.connect(db, isolation_level=None)
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL"):
            connection.execute(f"PRAGMA {pragma}")
        connection.executescript(BASELINE_SCHEMA)

    def run(self) -> None:
        connection = self._connection
        assert connection is not None
        for document, rows in zip(self._documents, self._spans, strict=True):
            connection.execute("BEGIN")
            connection.execute(f"INSERT INTO documents VALUES ({_marks(12)})", document)
            connection.executemany(f"INSERT INTO annotations VALUES ({_marks(13)})", rows)
            connection.execute("COMMIT")

    def finish(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _remove_database(db: Path) -> None:
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        path.unlink(missing_ok=True)


def _marks(count: int) -> str:
    return ", ".join("?" * count)


Raw = tuple[Any, ...]
RAW_STAMP = STAMP.replace("T", " ").removesuffix("+00:00")


def _raw_rows(articles: list[Article]) -> tuple[list[Raw], list[list[Raw]]]:
    """The column values the app stores, in the baseline table's column order."""
    documents = [_raw_document(a) for a in articles]
    spans = [[_raw_span(a, n, span) for n, span in enumerate(a.spans)] for a in articles]
    return documents, spans


def _raw_document(a: Article) -> Raw:
    sha = hashlib.sha256(a.text.encode()).hexdigest()
    meta = (None, None, "2026-01-05", None, "{}")
    return (a.id, a.title, "Bench Wire", *meta, a.text, sha, len(a.text), RAW_STAMP)


def _raw_span(a: Article, n: int, span: Span) -> Raw:
    tag_id = TAGS.index(span.tag) + 1
    quote = a.text[span.start : span.end]
    head = (f"{a.id[:23]}-{n:012d}", a.id, 1, tag_id, span.start, span.end, quote)
    return (*head, "", "{}", RAW_STAMP, RAW_STAMP, 1, 0)


def export_row(ctx: Context, db: Path, annotations: int) -> Row:
    ctx.say("export jsonl: project.export, in turns with json.dumps")
    target = ctx.home / "export.jsonl"
    with Project.open(db, analyst=ANALYST) as project:
        project.export("jsonl", target)  # the baseline's records: what the export writes
        records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
        assert sum(len(r["annotations"]) for r in records) == annotations
        measured, baseline = interleaved_medians_ms(
            [
                Trial(lambda: project.export("jsonl", target)),
                Trial(lambda: [json.dumps(r, ensure_ascii=False) for r in records]),
            ],
            ctx.sizes.heavy_repeats,
        )
    return Row(
        "export jsonl",
        Figure(annotations / measured * 1000, "ann/s"),
        Figure(annotations / baseline * 1000, "ann/s"),
        any_of(at_least(EXPORT_RATE, "ann/s"), ratio_at_least(0.5)),
        f"{annotations:,} annotations over {len(records):,} docs, project.export('jsonl'), "
        f"median of {ctx.sizes.heavy_repeats} [json.dumps of the same records, in memory, "
        "in turns with the export]",
    )
