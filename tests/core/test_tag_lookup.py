"""``Store.tag``, the one-tag read every tagging key press makes: on SQLite it bypasses the
session, so it must still agree with the schema read (``tags()``) in every field."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import AttributeDefinition, Tag
from annotator.core.project import Project

pytestmark = pytest.mark.both_backends

CHOICES = AttributeDefinition(name="confidence", kind="choice", choices=("low", "high"))


def by_name(project: Project) -> dict[str, Tag]:
    return {tag.name: tag for tag in project.tags()}


def test_one_tag_reads_as_the_schema_lists_it(project: Project, backend: str) -> None:
    project.apply(
        project.add_tag(
            "person",
            color="#112233",
            hotkey="p",
            description="Someone named in the text",
            underline="double",
            attributes=(CHOICES, AttributeDefinition(name="role", kind="text")),
        )
    )
    project.apply(project.add_tag("place"))
    project.apply(project.retire_tag("place"))
    listed = by_name(project)
    for name in ("claim", "quote", "person", "place"):
        assert project.store.tag(name) == listed[name]
    assert project.store.tag("person") == project.tag("person")
    assert project.tag("person").attributes == (CHOICES, AttributeDefinition("role", "text"))
    assert project.tag("place").retired
    assert project.store.tag("nobody") is None


def test_a_tag_added_inside_a_batch_is_seen_by_the_batch(project: Project) -> None:
    with project.store.batched():
        project.store.add_tags([Tag(name="vessel", color="#445566")])
        assert project.store.tag("vessel") == Tag(name="vessel", color="#445566")
    assert project.tag("vessel") == by_name(project)["vessel"]


def test_hand_edited_attribute_json_counts_as_no_definitions(db_path: Path) -> None:
    """SQLite only: a PostgreSQL json column cannot hold text that is not JSON."""
    with Project.open(db_path, analyst="alice") as project:
        with sqlite3.connect(db_path) as connection:
            connection.execute("UPDATE tags SET attributes = '[{broken' WHERE name = 'quote'")
        assert project.tag("quote").attributes == ()
        assert project.tag("quote").name == "quote"
