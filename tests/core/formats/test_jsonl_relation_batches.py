"""JSONL export fetches relations per batch of documents; each document keeps its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.formats import relation_batches
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag


def test_every_document_keeps_its_relations_across_batches(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relation_batches, "BATCH", 2)
    expected = {}
    for n in range(5):
        stored = project.store.store_article(
            ArticleDraft(text=f"Report {n}: Ilse said the depot grew.", origin="t"),
            annotator="alice",
            new_tag_color=color_for_new_tag,
        )
        quote = project.tag_span(stored.document_id, 10, 14, "claim")
        speaker = project.tag_span(stored.document_id, 15, 34, "quote")
        if n % 2 == 0:
            edit = project.new_relation(speaker.id, quote.id, "attributed_to")
            project.apply(edit)
            expected[stored.document_id] = [edit.relation.id]
        else:
            expected[stored.document_id] = []
    out = tmp_path / "out.jsonl"
    project.export("jsonl", out)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["id"]: [x["id"] for x in r["relations"]] for r in records} == expected
