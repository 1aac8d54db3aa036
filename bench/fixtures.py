"""Throw-away homes, dataset files and projects for the benchmarks.

Everything lives under one temporary ``ANNOTATOR_HOME`` that is removed at the end, so a
benchmark can never read or write the analyst's real database, settings or log.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.data import Article

ANALYST = "bench"
STAMP = "2026-01-05T09:30:00+00:00"
FAST_ROOT = Path("/dev/shm")


@contextmanager
def bench_home() -> Iterator[Path]:
    """A private ``ANNOTATOR_HOME`` (and no ``ANNOTATOR_DB``) for the duration."""
    saved = {name: os.environ.get(name) for name in ("ANNOTATOR_HOME", "ANNOTATOR_DB")}
    home = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    os.environ["ANNOTATOR_HOME"] = str(home)
    os.environ.pop("ANNOTATOR_DB", None)
    try:
        yield home
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(home, ignore_errors=True)


@contextmanager
def scratch_dir() -> Iterator[Path]:
    """A folder for building fixtures that are not themselves timed.

    On Linux it is in RAM (``/dev/shm``): with ``synchronous=FULL`` every imported document
    costs an fsync, and building a 10,000-document corpus on disk would spend most of the
    run waiting for the disk before anything is measured. Timed work never happens here;
    finished projects are copied to the disk-backed home first.
    """
    root = FAST_ROOT if FAST_ROOT.is_dir() and os.access(FAST_ROOT, os.W_OK) else None
    path = Path(tempfile.mkdtemp(prefix="annotator-bench-", dir=root))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def record(article: Article) -> dict[str, Any]:
    """One line of the native JSONL export format (what colleagues exchange)."""
    return {
        "id": article.id,
        "title": article.title,
        "source": "Bench Wire",
        "date": "2026-01-05",
        "text": article.text,
        "annotations": [
            {
                "id": f"{article.id[:23]}-{n:012d}",
                "start": span.start,
                "end": span.end,
                "tag": span.tag,
                "quote": article.text[span.start : span.end],
                "annotator": ANALYST,
                "note": "",
                "attributes": {},
                "created": STAMP,
                "updated": STAMP,
            }
            for n, span in enumerate(article.spans)
        ],
    }


def write_jsonl(path: Path, articles: Iterable[Article]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(record(article), ensure_ascii=False) + "\n")
    return path


def build_project(
    db: Path, articles: Iterable[Article], work: Path, *, base: Path | None = None
) -> Path:
    """A project file holding ``articles`` (added to a copy of ``base``, if given), built
    through the app's own import.

    Built in ``work`` and then copied to ``db``, so ``work`` may be the in-RAM scratch dir.
    """
    from annotator.core.project import Project

    source = write_jsonl(work / f"{db.stem}.jsonl", articles)
    built = work / db.name
    if base is not None:
        shutil.copyfile(base, built)
    with Project.open(built, analyst=ANALYST) as project:
        report = project.import_paths([source])
        if report.failures:
            raise RuntimeError(f"fixture import failed: {report.failures[0].message}")
    source.unlink()
    db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, db)  # closing the last connection checkpointed the WAL
    built.unlink()
    return db
