"""W3C Web Annotation JSON-LD: selectors, expansion by a JSON-LD processor, re-anchoring."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.core.formats.w3c_read import read
from annotator.core.importing import Outcome
from annotator.core.model import ReadFailure
from annotator.core.project import Project

from .conftest import fresh_project, load, rich_documents

PREFIX = "Before the launch, officials met. " * 2
TEXT = PREFIX + "The 😀 Veskar pad opened" + " and crews cheered afterwards." * 2


def _export(project: Project, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "out.jsonld"
    project.export("w3c", out)
    return json.loads(out.read_text(encoding="utf-8"))


def test_annotation_shape(project: Project, tmp_path: Path) -> None:
    start = TEXT.index("😀")
    extra = {"note": "verify", "attributes": {"certain": True}}
    load(project, tmp_path, [(TEXT, [(start, start + 8, "facility", "bob", extra)])])
    data = _export(project, tmp_path)
    assert data["type"] == "AnnotationCollection" and data["total"] == 1
    (node,) = data["first"]["items"]
    quote, position = node["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "😀 Veskar",
        "prefix": TEXT[start - 32 : start],
        "suffix": TEXT[start + 8 : start + 40],
    }
    assert position == {"type": "TextPositionSelector", "start": start, "end": start + 8}
    assert node["creator"] == {"type": "Person", "nickname": "bob"}
    assert node["created"].endswith("Z") and "modified" in node
    tag, note, attributes = node["body"]
    assert tag == {"type": "TextualBody", "purpose": "tagging", "value": "facility"}
    assert note["value"] == "verify" and json.loads(attributes["value"]) == {"certain": True}


def test_json_ld_processor_expands_every_term(project: Project, tmp_path: Path) -> None:
    jsonld = pytest.importorskip("pyld.jsonld")
    context = json.loads((Path(__file__).parent / "anno_context.json").read_text())

    def loader(url: str, options: Any = None) -> dict[str, Any]:
        assert url == "http://www.w3.org/ns/anno.jsonld"
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": context,
        }

    load(project, tmp_path, [(TEXT, [(3, 9, "claim", "bob", {"note": "n"})])])
    expanded = jsonld.expand(_export(project, tmp_path), {"documentLoader": loader})
    flat = json.dumps(expanded)
    for iri in (
        "oa#hasTarget",
        "oa#hasSelector",
        "oa#exact",
        "oa#prefix",
        "oa#start",
        "oa#hasPurpose",
        "oa#tagging",
        "urn:annotator:ns#documents",
        "terms/creator",
    ):
        assert iri in flat, iri
    (collection,) = expanded
    items = collection["http://www.w3.org/ns/activitystreams#first"][0][
        "http://www.w3.org/ns/activitystreams#items"
    ][0]["@list"]
    assert items[0]["@type"] == ["http://www.w3.org/ns/oa#Annotation"]


def test_changed_text_is_re_anchored_by_quote(project: Project, tmp_path: Path) -> None:
    start = TEXT.index("Veskar")
    load(project, tmp_path, [(TEXT, [(start, start + 6, "facility"), (0, 6, "claim")])])
    data = _export(project, tmp_path)
    (doc,) = data["documents"]
    doc["value"] = "Update: " + doc["value"].replace("Before", "Prior to")
    path = tmp_path / "edited.jsonld"
    path.write_text(json.dumps(data), encoding="utf-8")
    with fresh_project(tmp_path / "other") as other:
        (item,) = other.import_paths([path]).items
        assert item.outcome is Outcome.IMPORTED
        (annotation,) = other.annotations(item.document_id or "")
        assert annotation.quote == "Veskar" and annotation.tag == "facility"
        assert any("annotation(s) 1 could not be placed" in w for w in item.warnings)


def test_malformed_json_names_the_line(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonld"
    path.write_text('{"@context": "http://www.w3.org/ns/anno.jsonld",\n "type": }')
    (item,) = project.import_paths([path]).items
    assert item.outcome is Outcome.FAILED and "bad.jsonld, line 2" in item.message
    assert project.documents() == []


def test_broken_annotation_fails_its_document(project: Project, tmp_path: Path) -> None:
    load(project, tmp_path, [(TEXT, [(0, 6, "claim")])])
    data = _export(project, tmp_path)
    data["first"]["items"][0]["target"]["selector"][1]["start"] = "zero"
    path = tmp_path / "broken.jsonld"
    path.write_text(json.dumps(data))
    (result,) = list(read(path))
    assert isinstance(result, ReadFailure)
    assert "broken.jsonld, annotation 1" in result.message and "whole number" in result.message


def test_a_target_that_is_not_an_iri_fails_its_annotation_alone(
    project: Project, tmp_path: Path
) -> None:
    """A list where the target's source IRI belongs broke the whole import (TypeError)."""
    load(project, tmp_path, [(TEXT, [(0, 6, "claim")])])
    data = _export(project, tmp_path)
    data["first"]["items"][0]["target"]["source"] = ["not", "an", "iri"]
    path = tmp_path / "odd.jsonld"
    path.write_text(json.dumps(data))
    failed, document = list(read(path))
    assert isinstance(failed, ReadFailure)
    assert "odd.jsonld, annotation 1: its target ['not', 'an', 'iri']" in failed.message
    assert not isinstance(document, ReadFailure) and document.annotations == ()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=rich_documents())
def test_round_trip_through_an_empty_project(documents: list) -> None:
    with tempfile.TemporaryDirectory() as temp:
        tmp = Path(temp)
        with fresh_project(tmp / "a") as first:
            load(first, tmp, documents)
            first.export("w3c", tmp / "one.jsonld")
        with fresh_project(tmp / "b") as second:
            report = second.import_paths([tmp / "one.jsonld"])
            assert not report.failures, report.failures
            assert not [w for i in report.items for w in i.warnings]
            second.export("w3c", tmp / "two.jsonld")
        one, two = (_without_times(tmp / n) for n in ("one.jsonld", "two.jsonld"))
        assert one == two


def _without_times(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    for node in data["first"]["items"]:
        node.pop("created", None)
        node.pop("modified", None)
    return data
