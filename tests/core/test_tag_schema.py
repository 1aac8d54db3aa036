"""Tags as data: defaults with attributes, add/rename/recolour/retire as undoable edits,
attribute values checked against definitions, and the 0003 migration of older projects."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from annotator.core.edits import Scope
from annotator.core.errors import AnnotatorError
from annotator.core.model import ArticleDraft, AttributeDefinition
from annotator.core.project import Project
from annotator.core.storage import schema
from annotator.core.tags import DEFAULT_TAGS, ESTIMATIVE_SCALE, color_for_new_tag

pytestmark = pytest.mark.both_backends

TEXT = "Officials said the Veskar base 𝒳 expanded."


def add_document(project: Project) -> str:
    draft = ArticleDraft(text=TEXT, origin="test", title="Veskar")
    stored = project.store.store_article(draft, annotator="alice", new_tag_color=color_for_new_tag)
    return stored.document_id


def test_defaults_carry_attributes_and_distinct_underlines(project: Project) -> None:
    tags = {tag.name: tag for tag in project.tags()}
    assert tags["claim"].attribute("status").choices == ("asserted", "disputed", "refuted")
    assert tags["quote"].attribute("speaker").kind == "text"
    assert tags["facility"].attribute("kind").choices == (
        "missile base",
        "enrichment site",
        "test site",
        "factory",
        "other",
    )
    assert tags["facility"].attribute("location").kind == "text"
    assert tags["assessment"].attribute("likelihood").choices == ESTIMATIVE_SCALE
    assert tags["assessment"].attribute("confidence").choices == ("low", "moderate", "high")
    assert tags["assessment"].attribute("source").kind == "text"
    assert len({tag.underline for tag in tags.values()}) == 4
    assert list(tags.values()) == list(DEFAULT_TAGS)


def test_add_tag_undo_and_redo(project: Project) -> None:
    edit = project.add_tag("person", hotkey="5", underline="double")
    change = project.apply(edit)
    assert change.scope is Scope.TAGS
    assert project.tag("person").underline == "double"
    assert project.tag("person").position == 5
    project.revert(edit)
    assert "person" not in [tag.name for tag in project.tags()]
    project.apply(edit)
    assert project.tag("person").hotkey == "5"


def test_add_tag_refuses_duplicates_bad_colours_and_taken_hotkeys(project: Project) -> None:
    with pytest.raises(AnnotatorError, match="already a tag"):
        project.add_tag("claim")
    with pytest.raises(AnnotatorError, match="#RRGGBB"):
        project.add_tag("x", color="red")
    with pytest.raises(AnnotatorError, match="hotkey 1 already belongs to the tag 'claim'"):
        project.add_tag("x", hotkey="1")


def test_rename_keeps_annotations_and_undo_restores_the_name(project: Project) -> None:
    doc_id = add_document(project)
    made = project.tag_span(doc_id, 0, 9, "claim")
    rename = project.rename_tag("claim", "statement")
    project.apply(rename)
    assert project.annotation(made.id).tag == "statement"
    assert project.documents()[0].counts == {"statement": 1}
    with pytest.raises(AnnotatorError, match="already a tag"):
        project.rename_tag("statement", "quote")
    project.revert(rename)
    assert project.annotation(made.id).tag == "claim"
    assert project.tag("claim").attributes == DEFAULT_TAGS[0].attributes


def test_recolour_and_style(project: Project) -> None:
    recolor = project.recolor_tag("quote", "#112233")
    project.apply(recolor)
    assert project.tag("quote").color == "#112233"
    style = project.set_tag_style("quote", underline="double", hotkey=None, description="Q")
    project.apply(style)
    quote = project.tag("quote")
    assert (quote.underline, quote.hotkey, quote.description) == ("double", None, "Q")
    project.revert(style)
    project.revert(recolor)
    assert project.tag("quote") == DEFAULT_TAGS[1]


def test_retiring_a_tag_in_use_keeps_its_annotations(project: Project, db_path: Path) -> None:
    doc_id = add_document(project)
    made = project.tag_span(doc_id, 0, 9, "facility")
    assert project.tag_usage("facility") == 1
    retire = project.retire_tag("facility")
    assert retire.in_use == 1
    project.apply(retire)
    assert "facility" not in [tag.name for tag in project.active_tags()]
    assert project.tag("facility").retired
    assert project.annotations(doc_id) == [project.annotation(made.id)]
    with pytest.raises(AnnotatorError, match="retired"):
        project.tag_span(doc_id, 10, 14, "facility")
    out = db_path.parent / "out.jsonl"
    project.export("jsonl", out)
    assert json.loads(out.read_text())["label"] == [[0, 9, "facility"]]
    project.revert(retire)
    assert not project.tag("facility").retired


def test_adding_then_undoing_a_tag_that_was_used_retires_it(project: Project) -> None:
    doc_id = add_document(project)
    add = project.add_tag("person")
    project.apply(add)
    made = project.tag_span(doc_id, 0, 9, "person")
    project.apply(project.delete(made.id))
    project.revert(add)  # an undone annotation still references it: retired, not deleted
    assert project.tag("person").retired
    project.apply(add)
    assert not project.tag("person").retired


def test_attribute_definitions_and_values(project: Project) -> None:
    doc_id = add_document(project)
    made = project.tag_span(doc_id, 0, 9, "assessment")
    edit = project.set_attributes(made.id, {"likelihood": "likely", "confidence": "high"})
    project.apply(edit)
    assert project.annotation(made.id).attributes == {"likelihood": "likely", "confidence": "high"}
    project.revert(edit)
    assert project.annotation(made.id).attributes == {}
    with pytest.raises(AnnotatorError, match="must be one of: almost no chance"):
        project.set_attributes(made.id, {"likelihood": "probable"})
    with pytest.raises(AnnotatorError, match="has no attribute 'colour'"):
        project.set_attributes(made.id, {"colour": "red"})
    with pytest.raises(AnnotatorError, match="must be text"):
        project.set_attributes(made.id, {"source": 3})

    definitions = (
        AttributeDefinition("count", "number"),
        AttributeDefinition("verified", "bool"),
    )
    project.apply(project.set_attribute_definitions("assessment", definitions))
    project.apply(project.set_attributes(made.id, {"count": 2.5, "verified": True}))
    with pytest.raises(AnnotatorError, match="must be a number"):
        project.set_attributes(made.id, {"count": True})
    with pytest.raises(AnnotatorError, match="yes or no"):
        project.set_attributes(made.id, {"verified": "yes"})
    with pytest.raises(AnnotatorError, match="needs at least one choice"):
        project.set_attribute_definitions("claim", [AttributeDefinition("s", "choice")])
    with pytest.raises(AnnotatorError, match="defined twice"):
        project.set_attribute_definitions(
            "claim", [AttributeDefinition("s"), AttributeDefinition("s")]
        )


def test_0002_project_gets_default_definitions_and_keeps_its_lines(db_path: Path) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        command.upgrade(schema.alembic_config(connection), "0002")
        for position, name in enumerate(["claim", "quote", "facility", "assessment", "mine"], 1):
            connection.exec_driver_sql(
                "INSERT INTO tags (name, color, hotkey, description, position) "
                f"VALUES ('{name}', '#000000', NULL, '', {position})"
            )
    engine.dispose()
    with Project.open(db_path, analyst="a") as project:
        tags = {tag.name: tag for tag in project.tags()}
    assert tags["assessment"].attributes == DEFAULT_TAGS[3].attributes
    assert tags["mine"].attributes == ()
    assert [t.underline for t in tags.values()] == ["solid", "dash", "dot", "wave", "double"]
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] >= "0003"
