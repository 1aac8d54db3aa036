"""Sizes for a full and a quick run, and the projects the benchmarks share.

Projects are expensive to build (a 10,000-document corpus is a real import), so each is
built once per run, on first use, and handed out as a fresh copy to any benchmark that
writes to it; a benchmark therefore never sees another one's edits.
"""

from __future__ import annotations

import itertools
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench import data
from bench.fixtures import build_project

SEED = 20261125


@dataclass(frozen=True)
class Sizes:
    article_chars: int = data.MB
    article_growth: tuple[int, ...] = (data.MB // 10, data.MB // 2, data.MB, 2 * data.MB)
    corpus_documents: int = 1_000
    spans_per_document: int = 50
    document_chars: int = 5_000  # 50 spans at 10,000 per MB
    corpus_growth: tuple[int, ...] = (100, 1_000, 10_000)
    paragraph_growth: tuple[int, ...] = (5_000, 50_000, 200_000)  # one paragraph, characters
    presses: int = 50
    scroll_frames: int = 120
    repeats: int = 11  # 5 left the open and corpus medians swinging 1.5-2.6x run to run
    process_runs: int = 5
    heavy_repeats: int = 3  # import and export: seconds each, so fewer turns


FULL = Sizes()
QUICK = Sizes(
    article_chars=20_000,
    article_growth=(5_000, 10_000, 20_000),
    corpus_documents=20,
    spans_per_document=5,
    document_chars=500,
    corpus_growth=(5, 10, 20),
    paragraph_growth=(2_000, 3_000, 5_000),
    presses=3,
    scroll_frames=5,
    repeats=1,
    process_runs=1,
    heavy_repeats=1,
)


@dataclass
class Context:
    home: Path
    scratch: Path
    sizes: Sizes
    _articles: dict[int, tuple[Path, str]] = field(default_factory=dict)
    _corpora: dict[int, Path] = field(default_factory=dict)
    _copies: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    measured: dict[tuple[str, int], float] = field(default_factory=dict)
    """Figures already taken this run, so a row and a growth point never disagree."""

    def say(self, message: str) -> None:
        """Progress on stderr, so stdout holds only the table."""
        print(message, file=sys.stderr, flush=True)

    def article(self, chars: int) -> data.Article:
        return data.article(SEED + chars, chars)

    def article_project(self, chars: int) -> tuple[Path, str]:
        """A project holding one article of ``chars`` characters; returns (db, document id)."""
        if chars not in self._articles:
            self.say(f"  building a {chars:,}-character article project")
            article = self.article(chars)
            db = build_project(self.home / f"article-{chars}.sqlite", [article], self.scratch)
            self._articles[chars] = (db, article.id)
        return self._articles[chars]

    def corpus_articles(self, documents: int) -> list[data.Article]:
        s = self.sizes
        return data.corpus(SEED, documents, s.spans_per_document, s.document_chars)

    def corpus_project(self, documents: int) -> Path:
        """A project with ``documents`` documents of ``spans_per_document`` spans each."""
        if documents not in self._corpora:
            self.say(f"  building a {documents:,}-document corpus project")
            articles = self.corpus_articles(documents)
            db = self.home / f"corpus-{documents}.sqlite"
            self._corpora[documents] = build_project(db, articles, self.scratch)
        return self._corpora[documents]

    def remember_corpus(self, documents: int, db: Path) -> None:
        """The import benchmark built this corpus anyway; later benchmarks reuse it."""
        self._corpora.setdefault(documents, db)

    def copy(self, db: Path) -> Path:
        """A private copy for a benchmark that writes."""
        target = self.home / f"{db.stem}-copy{next(self._copies)}.sqlite"
        shutil.copyfile(db, target)
        return target
