"""Import and export of a 1,000-document, 50,000-annotation dataset, against raw baselines.

The baselines are what the same work costs with nothing of ours in the way: for import,
``sqlite3.executemany`` of the finished rows with the same durability the app promises (WAL,
``synchronous=FULL``, one transaction per document, so both pay the same fsyncs); for export,
``json.dumps`` of the very records the export wrote, already in memory.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from bench.context import Context
from bench.data import TAGS, Article, Span
from bench.fixtures import ANALYST, STAMP, write_jsonl
from bench.measure import median_ms, once_ms
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
    from annotator.core.project import Project

    ctx.say("import jsonl: project.import_paths into an empty project")
    with Project.open(db, analyst=ANALYST) as project:
        report = None

        def run_import() -> None:
            nonlocal report
            report = project.import_paths([dataset])

        measured = once_ms(run_import)
        assert report is not None and report.annotations_added == annotations, report
    ctx.say("import jsonl: baseline sqlite3.executemany")
    baseline = once_ms(lambda: _raw_import(ctx.home / "raw-import.sqlite", articles))
    return Row(
        "import jsonl",
        Figure(measured, "ms"),
        Figure(baseline, "ms"),
        ratio_at_most(3),
        f"{len(articles):,} docs / {annotations:,} annotations, project.import_paths into an "
        "empty project [sqlite3.executemany of the same rows, 1 txn per doc, WAL+FULL]",
    )


def _raw_import(db: Path, articles: list[Article]) -> None:
    """Rows are built before the clock starts; only the database work is timed."""
    documents, spans = _raw_rows(articles)
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL"):
            connection.execute(f"PRAGMA {pragma}")
        connection.executescript(BASELINE_SCHEMA)

        def insert_all() -> None:
            for document, rows in zip(documents, spans, strict=True):
                connection.execute("BEGIN")
                connection.execute(f"INSERT INTO documents VALUES ({_marks(12)})", document)
                connection.executemany(f"INSERT INTO annotations VALUES ({_marks(13)})", rows)
                connection.execute("COMMIT")

        insert_all()


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
    from annotator.core.project import Project

    ctx.say("export jsonl: project.export")
    target = ctx.home / "export.jsonl"
    with Project.open(db, analyst=ANALYST) as project:
        measured = median_ms(lambda: project.export("jsonl", target), min(3, ctx.sizes.repeats))
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert sum(len(r["annotations"]) for r in records) == annotations
    ctx.say("export jsonl: baseline json.dumps")
    baseline = median_ms(
        lambda: [json.dumps(r, ensure_ascii=False) for r in records], min(3, ctx.sizes.repeats)
    )
    return Row(
        "export jsonl",
        Figure(annotations / measured * 1000, "ann/s"),
        Figure(annotations / baseline * 1000, "ann/s"),
        any_of(at_least(EXPORT_RATE, "ann/s"), ratio_at_least(0.5)),
        f"{annotations:,} annotations over {len(records):,} docs, project.export('jsonl') "
        "[json.dumps of the same records, in memory]",
    )
