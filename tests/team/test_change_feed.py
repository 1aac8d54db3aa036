"""Live updates (issue #8 point 3), core side: a colleague's commit reaches the feed of
another session within a second or two, with what changed; a malformed notice is
ignored. And the preferences dialog's connection test, which shares the server."""

from __future__ import annotations

import queue
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from annotator.core.connection_check import check_connection
from annotator.core.errors import DatabaseError
from annotator.core.live import ChangeFeed, RemoteChange, parse_notice
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag


def test_a_colleagues_edits_arrive_on_the_feed(pg_url: str) -> None:
    changes: queue.Queue[RemoteChange] = queue.Queue()
    states: queue.Queue[bool] = queue.Queue()
    with Project.open(pg_url, analyst="bob") as bob:
        draft = ArticleDraft(text="The plant reopened in May.", origin="t", title="Plant")
        doc_id = bob.store.store_article(
            draft, annotator="bob", new_tag_color=color_for_new_tag
        ).document_id
        feed = ChangeFeed(make_url(pg_url), changes.put, states.put)
        feed.start()
        try:
            assert states.get(timeout=10) is True
            added = bob.tag_span(doc_id, 4, 9, "claim")
            first = changes.get(timeout=3)
            assert (first.table, first.op, first.row_id, first.document_id) == (
                "annotations", "INSERT", added.id, doc_id
            )
            bob.apply(bob.relabel(added.id, "quote"))
            assert changes.get(timeout=3).op == "UPDATE"
        finally:
            feed.stop()


def test_malformed_notices_are_ignored() -> None:
    assert parse_notice("not json") is None
    assert parse_notice('{"table": "annotations"}') is None
    change = parse_notice(
        '{"table": "relations", "op": "DELETE", "id": "r1", "document_id": "d1", "user": "x"}'
    )
    assert change == RemoteChange("relations", "DELETE", "r1", "d1", "x")


def test_check_connection_describes_or_explains(pg_url: str, tmp_path: Path) -> None:
    assert "Annotator will set up a project there" in check_connection(pg_url)
    Project.open(pg_url, analyst="bob").close()
    assert "an Annotator project with 0 documents" in check_connection(pg_url)
    assert "will create it" in check_connection(str(tmp_path / "new.sqlite"))
    missing = pg_url.rsplit("/", 1)[0] + "/no_such_db"
    with pytest.raises(DatabaseError, match="Check the database name"):
        check_connection(missing)
    with pytest.raises(DatabaseError, match="server is running"):
        check_connection("postgresql+psycopg://x@127.0.0.1:1/db")
