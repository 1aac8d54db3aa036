"""Team mode (issue #8 point 2): who may do what is enforced by PostgreSQL itself.

Each role connects with plain SQL (psycopg, no Annotator code in the way) and the test
proves that allowed writes succeed and forbidden ones fail or touch nothing. Then the same
rules seen through the app: ``Project.open`` as an analyst works under the login's name.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest

from annotator.core.errors import AnnotatorError, DatabaseError
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag
from annotator.core.team import add_analyst, init_team
from bench.pg_cluster import Cluster

TEXT = "Officials said the Calder plant would reopen in May."


@pytest.fixture
def team(pg_cluster: Cluster, pg_database: str) -> Iterator[dict[str, str]]:
    admin_url = pg_cluster.url(pg_database)
    setup = init_team(admin_url)
    assert setup.schema == "created"
    for name, reviewer in (("alice", False), ("bob", False), ("rita", True)):
        add_analyst(admin_url, name, f"{name}-secret", reviewer=reviewer)
    with Project.open(admin_url, analyst="admin") as project:
        draft = ArticleDraft(text=TEXT, origin="test", title="Plant")
        doc = project.store.store_article(draft, annotator="admin", new_tag_color=color_for_new_tag)
    urls = {name: pg_cluster.url(pg_database, name, f"{name}-secret") for name in
            ("alice", "bob", "rita")}
    yield {"admin": admin_url, "doc": doc.document_id, **urls}


def sql(url: str) -> psycopg.Connection:
    return psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True)


def analyst_id(connection: psycopg.Connection, name: str) -> int:
    row = connection.execute("SELECT id FROM annotators WHERE name = %s", (name,)).fetchone()
    assert row is not None
    return int(row[0])


def insert_annotation(connection: psycopg.Connection, doc: str, who: str) -> str:
    ann_id = str(uuid.uuid4())
    connection.execute(
        "INSERT INTO annotations (id, document_id, annotator_id, tag_id, start_offset, "
        "end_offset, quote, note, attributes, created, updated, revision, deleted) "
        "VALUES (%s, %s, %s, (SELECT id FROM tags WHERE name = 'claim'), 0, 9, 'Officials', "
        "'', '{}', now(), now(), 1, false)",
        (ann_id, doc, analyst_id(connection, who)),
    )
    return ann_id


def test_analysts_read_everything_but_write_only_their_own(team: dict[str, str]) -> None:
    with sql(team["bob"]) as bob:
        bobs = insert_annotation(bob, team["doc"], "bob")
    with sql(team["alice"]) as alice:
        insert_annotation(alice, team["doc"], "alice")  # her own: allowed
        count = alice.execute("SELECT count(*) FROM annotations").fetchone()
        assert count == (2,)  # she reads bob's too
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            insert_annotation(alice, team["doc"], "bob")  # in bob's name: refused
        changed = alice.execute(
            "UPDATE annotations SET note = 'hers now' WHERE id = %s", (bobs,)
        ).rowcount
        deleted = alice.execute("DELETE FROM annotations WHERE id = %s", (bobs,)).rowcount
        assert (changed, deleted) == (0, 0)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            alice.execute(
                "UPDATE annotations SET annotator_id = %s WHERE annotator_id = %s",
                (analyst_id(alice, "bob"), analyst_id(alice, "alice")),
            )  # giving her row to bob: the new row fails the policy
    with sql(team["bob"]) as bob:
        note = bob.execute("SELECT note FROM annotations WHERE id = %s", (bobs,)).fetchone()
        assert note == ("",)


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO tags (name, color, description, position, underline, retired, attributes)"
        " VALUES ('rumour', '#000000', '', 9, 'solid', false, '[]')",
        "UPDATE tags SET color = '#FF0000'",
        "DELETE FROM tags",
        "INSERT INTO annotators (name, display_name, created) VALUES ('mallory', 'm', now())",
        "UPDATE project_info SET value = 'x'",
        "DELETE FROM documents",
    ],
)
def test_only_admins_change_the_schema_and_the_team(team: dict[str, str], statement: str) -> None:
    for who in ("alice", "rita"):
        with sql(team[who]) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(statement)
    with sql(team["admin"]) as admin:
        admin.execute(statement.replace("mallory", "mallory2"))


def test_reviewers_write_decisions_gold_and_comments_analysts_do_not(
    team: dict[str, str],
) -> None:
    with sql(team["bob"]) as bob:
        bobs = insert_annotation(bob, team["doc"], "bob")
    review = (
        "INSERT INTO reviews (id, annotation_id, reviewer_id, decision, comment, created) "
        "VALUES (%s, %s, (SELECT id FROM annotators WHERE name = %s), 'accept', '', now())"
    )
    with sql(team["alice"]) as alice:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            alice.execute(review, (str(uuid.uuid4()), bobs, "alice"))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            insert_annotation(alice, team["doc"], "gold")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # not in rita's name
            alice.execute(
                "INSERT INTO comments (id, annotation_id, author_id, text, created, deleted) "
                "VALUES (%s, %s, %s, 'x', now(), false)",
                (str(uuid.uuid4()), bobs, analyst_id(alice, "rita")),
            )
    with sql(team["rita"]) as rita:
        rita.execute(review, (str(uuid.uuid4()), bobs, "rita"))
        gold = insert_annotation(rita, team["doc"], "gold")
        rita.execute("INSERT INTO gold_sources (gold_id, source_id) VALUES (%s, %s)", (gold, bobs))
        rita.execute(
            "INSERT INTO comments (id, annotation_id, author_id, text, created, deleted) "
            "VALUES (%s, %s, %s, 'Check the date.', now(), false)",
            (str(uuid.uuid4()), bobs, analyst_id(rita, "rita")),
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            rita.execute(review, (str(uuid.uuid4()), bobs, "bob"))  # a decision in bob's name


def test_the_app_works_as_the_login_and_explains_refusals(team: dict[str, str]) -> None:
    with Project.open(team["bob"], analyst="someone-else") as bob:
        assert bob.analyst == "bob" and bob.team is not None and not bob.team.reviewer
        bobs = bob.tag_span(team["doc"], 0, 9, "claim")
        with pytest.raises(AnnotatorError, match="team project"):
            bob.set_analyst("robert")
    with Project.open(team["alice"]) as alice:
        assert alice.analyst == "alice"
        mine = alice.tag_span(team["doc"], 10, 13, "quote")
        alice.apply(alice.relabel(mine.id, "claim"))
        with pytest.raises(DatabaseError, match="not allowed"):
            alice.apply(alice.relabel(bobs.id, "quote"))
        with pytest.raises(DatabaseError, match="not allowed"):
            alice.apply(alice.recolor_tag("claim", "#FF0000"))  # only admins
        assert {a.annotator for a in alice.annotations(team["doc"])} == {"alice", "bob"}
    with Project.open(team["rita"]) as rita:
        assert rita.team is not None and rita.team.reviewer


def test_init_is_idempotent_and_needs_postgresql(team: dict[str, str], tmp_path: object) -> None:
    again = init_team(team["admin"])
    assert again.roles_created == () and again.schema == "current"
    with pytest.raises(AnnotatorError, match="PostgreSQL"):
        init_team("project.sqlite")
    with pytest.raises(AnnotatorError, match="reserved"):
        add_analyst(team["admin"], "gold", "x")
    with pytest.raises(AnnotatorError, match="login"):
        add_analyst(team["admin"], "Robert'); DROP TABLE tags; --", "x")


def test_reviewing_through_the_app_follows_the_same_rules(team: dict[str, str]) -> None:
    with Project.open(team["bob"]) as bob:
        bobs = bob.tag_span(team["doc"], 0, 9, "claim")
    with Project.open(team["alice"]) as alice:
        alice.tag_span(team["doc"], 0, 9, "quote")
        (unit,) = alice.review_units(team["doc"], ["alice", "bob"])
        with pytest.raises(DatabaseError, match="not allowed"):
            alice.apply(alice.accept(unit, bobs.id, "looks right"))
        alice.apply(alice.add_comment(bobs.id, "Is this a claim?"))  # her own comment
    with Project.open(team["rita"]) as rita:
        (unit,) = rita.review_units(team["doc"], ["alice", "bob"])
        rita.apply(rita.accept(unit, bobs.id, "the speaker asserts it"))
        rita.apply(rita.add_comment(bobs.id, "Agreed with bob."))
        rita.apply(rita.set_review_state(team["doc"], "reviewed"))
        (gold,) = rita.gold_annotations(team["doc"])
        assert (gold.tag, gold.annotator) == ("claim", "gold")
    with Project.open(team["bob"]) as bob:  # the author sees the thread on his annotation
        assert [c.text for c in bob.comments(bobs.id)] == ["Is this a claim?", "Agreed with bob."]


def test_tagging_every_occurrence_and_undoing_it_as_an_analyst(team: dict[str, str]) -> None:
    """The bulk writes of a composite edit (one insert, one locked read for its undo) pass
    the row-level rules for an analyst's own annotations, beside a colleague's."""
    with Project.open(team["bob"]) as bob:
        bob.tag_span(team["doc"], 0, 9, "claim")
    with Project.open(team["alice"]) as alice:
        document = alice.document(team["doc"])
        edit = alice.tag_all_occurrences([document], "the", "quote")
        alice.apply(edit)
        mine = [a for a in alice.annotations(team["doc"]) if a.annotator == "alice"]
        assert [a.quote.lower() for a in mine] == ["the"] * len(edit.edits) and mine
        alice.revert(edit)
        assert {a.annotator for a in alice.annotations(team["doc"])} == {"bob"}
        alice.apply(edit)  # redo brings hers back
        assert len(alice.annotations(team["doc"])) == 1 + len(edit.edits)
