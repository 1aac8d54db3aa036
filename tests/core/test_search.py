"""Corpus search (FTS5 kept by triggers), find in text and "tag all occurrences" as one
undoable edit, with hypothesis tests on Unicode text."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.cli.main import main
from annotator.core.edits import AddAnnotation, Edit, Scope
from annotator.core.find import find_in_text
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.storage import search
from annotator.core.tags import color_for_new_tag

pytestmark = pytest.mark.both_backends

SAMPLES = Path(__file__).parents[2] / "resources" / "samples"


def add_document(project: Project, text: str, title: str = "T") -> str:
    draft = ArticleDraft(text=text, origin="test", title=title)
    stored = project.store.store_article(draft, annotator="alice", new_tag_color=color_for_new_tag)
    return stored.document_id


def test_search_finds_documents_with_snippets(project: Project) -> None:
    report = project.import_paths(sorted(SAMPLES.glob("*.txt")))
    assert not report.failures
    hits = project.search("enrichment plant")
    assert hits and all("[" in hit.snippet for hit in hits)
    assert "Veskar" in hits[0].title
    assert project.search('"unbalanced AND (') == []  # never FTS5 syntax
    assert project.search("   ") == []


def test_search_index_follows_imports_and_diacritics(project: Project) -> None:
    doc_id = add_document(project, "Der Hafen von Calder wurde erweitert. Café 😀 ouvert.")
    (hit,) = project.search("cafe")
    assert hit.document_id == doc_id and "[Café]" in hit.snippet
    assert project.search("hafen calder")[0].document_id == doc_id
    assert project.search("hafen missing") == []


def test_scan_fallback_gives_the_same_documents(project: Project) -> None:
    doc_id = add_document(project, "The 100% sure test_site near the port.")
    add_document(project, "Nothing here.")
    assert [h.document_id for h in search._scan(project.store, ["PORT", "100%"], 10)] == [doc_id]
    assert search._scan(project.store, ["test_site"], 10)[0].snippet.count("[test_site]") == 1
    assert search._scan(project.store, ["1000%"], 10) == []


def test_cli_search(db_path: Path, capsys: object) -> None:
    with Project.open(db_path, analyst="a") as project:
        doc_id = add_document(project, "Missile base at Veskar.", title="Veskar")
    assert main(["--db", str(db_path), "search", "missile"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert out == f"{doc_id}\tVeskar\t[Missile] base at Veskar.\n"


def test_find_in_text_counts_code_points() -> None:
    text = "😀 Straße STRASSE straße 𝒳ab"
    assert find_in_text(text, "straße") == [(2, 8), (17, 23)]
    assert find_in_text(text, "Straße", case_sensitive=True) == [(2, 8)]
    assert find_in_text(text, "ab") == [(25, 27)]
    assert find_in_text(text, "") == []


UNICODE = st.text(
    alphabet=st.sampled_from([*"aAbB .\n", "é", "É", "\u0301", "𝒳", "😀", "ß", "ж", "Ж"]),
    max_size=30,
)


@given(text=UNICODE, phrase=UNICODE.filter(bool))
def test_find_in_text_matches_slices(text: str, phrase: str) -> None:
    found = find_in_text(text, phrase, case_sensitive=True)
    assert all(text[s:e] == phrase for s, e in found)
    assert len(found) == len(re.findall(re.escape(phrase), text))
    for s, e in find_in_text(text, phrase):
        assert text[s:e].lower() == phrase.lower()
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(found))


def test_tag_all_occurrences_is_one_undoable_step(project: Project) -> None:
    first = add_document(project, "Veskar base. The veskar range 😀 near VESKAR.")
    second = add_document(project, "Nothing about 𝒳 Veskar here.")
    already = project.tag_span(first, 0, 6, "facility")
    documents = [project.document(first), project.document(second)]
    edit = project.tag_all_occurrences(documents, "veskar", "facility")
    assert len(edit.edits) == 3  # the one already tagged is skipped
    change = project.apply(edit)
    assert change.scope is Scope.BATCH and len(change.parts) == 3
    assert len(project.annotations(first)) == 3
    assert [a.quote for a in project.annotations(second)] == ["Veskar"]
    project.revert(edit)
    assert project.annotations(first) == [project.annotation(already.id)]
    assert project.annotations(second) == []
    project.apply(edit)
    again = project.tag_all_occurrences(documents, "veskar", "facility")
    assert again.edits == ()


def test_tag_all_in_corpus_reads_the_corpus_in_batches(project: Project) -> None:
    """The corpus-wide edit runs on a worker thread: every document, a batch of texts at a
    time, with progress per batch; the same edit as over all documents at once."""
    ids = [add_document(project, f"Report {n}: the Veskar depot, veskar again.") for n in range(5)]
    project.tag_span(ids[2], 14, 20, "facility")
    reported: list[tuple[int, int]] = []
    edit = project.tag_all_in_corpus(
        "veskar", "facility", progress=lambda *p: reported.append(p), batch=2
    )
    assert edit is not None and len(edit.edits) == 9
    assert reported == [(2, 5), (4, 5), (5, 5)]
    whole = project.tag_all_occurrences(project.store.documents(ids), "veskar", "facility")
    assert [_span_of(e) for e in edit.edits] == [_span_of(e) for e in whole.edits]
    project.apply(edit)
    assert sum(len(project.annotations(doc_id)) for doc_id in ids) == 10


def _span_of(edit: Edit) -> tuple[str, int, int]:
    assert isinstance(edit, AddAnnotation)
    return edit.annotation.document_id, edit.annotation.start, edit.annotation.end


def test_tag_all_in_corpus_stops_when_cancelled_and_writes_nothing(project: Project) -> None:
    ids = [add_document(project, f"Report {n}: the Veskar depot.") for n in range(5)]
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2  # after two batches

    assert project.tag_all_in_corpus("veskar", "claim", cancelled=cancelled, batch=2) is None
    assert len(asked) == 3
    assert all(project.annotations(doc_id) == [] for doc_id in ids)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=UNICODE.filter(str.strip), phrase=UNICODE.filter(str.strip))
def test_tag_all_occurrences_property(project: Project, text: str, phrase: str) -> None:
    doc_id = add_document(project, text)
    document = project.document(doc_id)
    edit = project.tag_all_occurrences([document], phrase, "claim", case_sensitive=True)
    before = project.annotations(doc_id)
    project.apply(edit)
    spans = {(a.start, a.end) for a in project.annotations(doc_id) if a.tag == "claim"}
    assert spans >= set(find_in_text(text, phrase, case_sensitive=True))
    assert all(a.quote == text[a.start : a.end] for a in project.annotations(doc_id))
    assert project.tag_all_occurrences([document], phrase, "claim", case_sensitive=True).edits == ()
    project.revert(edit)
    assert project.annotations(doc_id) == before
