"""Corpus search: documents whose title or text match, best first, with a snippet.

SQLite uses the FTS5 index (``storage.fulltext``). Other backends (PostgreSQL, until it
has its own index) fall back to an ILIKE scan that requires every word and builds the
snippet in Python: correct, but it reads every document, so it is slow on large corpora.
On PostgreSQL with ``unaccent`` the scan ignores diacritics as FTS5 does ("cafe" finds
"Café").
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import and_, func, or_, select

from annotator.core.find import find_in_text
from annotator.core.model import DocumentId, SearchHit
from annotator.core.storage.fulltext import has_unaccent
from annotator.core.storage.orm import DocumentRow
from annotator.core.storage.store import Store

MARK_START, MARK_END, ELLIPSIS = "[", "]", "…"
SNIPPET_WORDS = 12


def search(store: Store, query: str, limit: int = 50) -> list[SearchHit]:
    words = query.split()
    if not words:
        return []
    if store.engine.dialect.name == "sqlite":
        return _fts(store, words, limit)
    return _scan(store, words, limit)


def fts_query(words: list[str]) -> str:
    """Every word as a quoted FTS5 string: the analyst's text is never FTS5 syntax, so a
    stray quote or ``AND`` cannot make the query fail; all words must occur."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _fts(store: Store, words: list[str], limit: int) -> list[SearchHit]:
    sql = (
        "SELECT document_id, title, "
        f"snippet(documents_fts, 2, '{MARK_START}', '{MARK_END}', '{ELLIPSIS}', "
        f"{SNIPPET_WORDS}) FROM documents_fts WHERE documents_fts MATCH ? "
        "ORDER BY rank LIMIT ?"
    )
    with store._reading() as session:
        rows = session.connection().exec_driver_sql(sql, (fts_query(words), limit)).all()
    return [SearchHit(DocumentId(doc_id), title, snippet) for doc_id, title, snippet in rows]


def _scan(store: Store, words: list[str], limit: int) -> list[SearchHit]:
    with store._reading() as session:
        fold = _folding(session.connection())
        conditions = [
            or_(
                fold(DocumentRow.title).ilike(fold(f"%{_escaped(w)}%"), escape="\\"),
                fold(DocumentRow.text).ilike(fold(f"%{_escaped(w)}%"), escape="\\"),
            )
            for w in words
        ]
        query = (
            select(DocumentRow.id, DocumentRow.title, DocumentRow.text)
            .where(and_(*conditions))
            .order_by(DocumentRow.created, DocumentRow.id)
            .limit(limit)
        )
        rows = session.execute(query).all()
    return [SearchHit(DocumentId(i), title, _snippet(text, words[0])) for i, title, text in rows]


def _folding(connection: Any) -> Any:
    """``unaccent`` on PostgreSQL where installed, else the identity."""
    if connection.dialect.name == "postgresql" and has_unaccent(connection):
        return func.unaccent
    return lambda value: value


def _without_marks(text: str) -> str:
    """Each character replaced by its base letter ("é" -> "e"), one for one, so offsets in
    the folded text are offsets in the original."""
    return "".join(unicodedata.normalize("NFD", char)[:1] or char for char in text)


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _snippet(text: str, word: str, context: int = 60) -> str:
    found = find_in_text(text, word) or [
        match.span()
        for match in re.finditer(re.escape(_without_marks(word)), _without_marks(text), re.I)
    ]
    if not found:
        return text[: 2 * context] + (ELLIPSIS if len(text) > 2 * context else "")
    start, end = found[0]
    before = max(0, start - context)
    after = min(len(text), end + context)
    return (
        (ELLIPSIS if before else "")
        + text[before:start]
        + MARK_START
        + text[start:end]
        + MARK_END
        + text[end:after]
        + (ELLIPSIS if after < len(text) else "")
    )
