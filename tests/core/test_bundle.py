"""Colleague bundles: merge by UUID, history, conflicts, refusal of damaged files, and
convergence of two projects exchanging bundles both ways (property)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from annotator.core.errors import AnnotatorError
from annotator.core.importing import Outcome
from annotator.core.project import Project

pytestmark = pytest.mark.both_backends

ARTICLES = {
    "a.txt": "The Port of Calder opened a new container depot on Monday morning.",
    "b.txt": "Critics noted that the government had promised the same in 2019.",
}


def make_project(folder: Path, location: str, analyst: str) -> Project:
    folder.mkdir(exist_ok=True)
    for file, body in ARTICLES.items():
        (folder / file).write_text(body)
    project = Project.open(location, analyst=analyst)
    project.import_paths([folder / file for file in ARTICLES])
    return project


def state(project: Project) -> set[tuple[object, ...]]:
    """Everything that must agree across projects (document ids differ by design)."""
    with project.store.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT a.id, d.sha256, t.name, n.name, a.start_offset, a.end_offset, a.quote, "
            "a.note, CAST(a.attributes AS TEXT), a.revision, a.deleted, a.conflict_of, "
            "a.updated FROM annotations a JOIN documents d ON d.id = a.document_id "
            "JOIN tags t ON t.id = a.tag_id JOIN annotators n ON n.id = a.annotator_id"
        ).all()
    return {tuple(row) for row in rows}


def exchange(source: Project, target: Project, path: Path) -> None:
    source.export("bundle", path)
    (item,) = target.import_paths([path]).items
    assert item.outcome is not Outcome.FAILED, item.message


@pytest.fixture
def pair(tmp_path: Path, new_location: Callable[[str], str]) -> tuple[Project, Project]:
    return (
        make_project(tmp_path / "a", new_location("a"), "ana"),
        make_project(tmp_path / "b", new_location("b"), "ben"),
    )


def first_doc(project: Project) -> str:
    return min(project.documents(), key=lambda d: d.title).id


def test_merge_adds_then_twice_is_noop(pair: tuple[Project, Project], tmp_path: Path) -> None:
    ana, ben = pair
    ann = ana.tag_span(first_doc(ana), 4, 18, "claim")
    ana.apply(ana.set_note(ann.id, "check the date"))
    bundle = tmp_path / "work.annobundle"
    ana.export("bundle", bundle)
    preview = ben.preview_bundle(bundle)
    assert (preview.adds, preview.updates, preview.conflicts) == (1, 0, ())
    assert preview.origin["project_id"] == ana.project_id
    report = ben.import_paths([bundle])
    assert report.items[0].outcome is Outcome.MERGED  # same articles: only annotations
    copy = ben.annotation(ann.id)
    assert (copy.quote, copy.note, copy.annotator) == (ann.quote, "check the date", "ana")
    before = state(ben)
    assert ben.import_paths([bundle]).items[0].outcome is Outcome.DUPLICATE
    assert state(ben) == before


def test_newer_revision_wins_and_older_is_history(
    pair: tuple[Project, Project], tmp_path: Path
) -> None:
    ana, ben = pair
    ann = ana.tag_span(first_doc(ana), 4, 18, "claim")
    exchange(ana, ben, tmp_path / "1.annobundle")
    ben.apply(ben.relabel(ann.id, "facility"))
    ben.apply(ben.delete(ann.id))
    exchange(ben, ana, tmp_path / "2.annobundle")
    merged = ana.store.annotation(ann.id, include_deleted=True)
    assert merged.tag == "facility" and merged.revision == 3
    assert ana.annotations(first_doc(ana)) == []
    with ana.store.engine.connect() as connection:
        count = connection.execute(
            text(
                "SELECT count(*) FROM annotation_history WHERE annotation_id = :id AND origin "
                "LIKE 'replaced:%'"
            ),
            {"id": ann.id},
        ).scalar()
    assert count == 1


def test_conflicting_edits_are_both_kept(pair: tuple[Project, Project], tmp_path: Path) -> None:
    ana, ben = pair
    ann = ana.tag_span(first_doc(ana), 4, 18, "claim")
    exchange(ana, ben, tmp_path / "1.annobundle")
    ana.apply(ana.set_note(ann.id, "ana's note"))
    ben.apply(ben.relabel(ann.id, "quote"))
    ben.export("bundle", tmp_path / "2.annobundle")
    preview = ana.preview_bundle(tmp_path / "2.annobundle")
    (conflict,) = preview.conflicts
    assert conflict.annotation_id == ann.id
    ana.import_paths([tmp_path / "2.annobundle"])
    exchange(ana, ben, tmp_path / "3.annobundle")
    assert state(ana) == state(ben)
    kept = {(a.tag, a.note) for a in ana.annotations(first_doc(ana))}
    assert kept == {("claim", "ana's note"), ("quote", "")}
    flagged = [row for row in state(ana) if row[11] == ann.id]
    assert len(flagged) == 1


def test_damaged_or_tampered_bundle_is_refused(
    pair: tuple[Project, Project], tmp_path: Path
) -> None:
    ana, ben = pair
    ana.tag_span(first_doc(ana), 4, 18, "claim")
    good = tmp_path / "good.annobundle"
    ana.export("bundle", good)
    tampered = tmp_path / "tampered.annobundle"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(tampered, "w") as dst:
        dst.writestr("manifest.json", src.read("manifest.json"))
        dst.writestr("payload.json", src.read("payload.json").replace(b"claim", b"quote"))
    truncated = tmp_path / "cut.annobundle"
    truncated.write_bytes(good.read_bytes()[:200])
    before = state(ben)
    for bad, words in ((tampered, "checksum"), (truncated, "zip")):
        (item,) = ben.import_paths([bad]).items
        assert item.outcome is Outcome.FAILED and words in item.message
        assert "nothing was merged" in item.message or "damaged" in item.message
        with pytest.raises(AnnotatorError):
            ben.preview_bundle(bad)
    assert state(ben) == before


EDIT = st.tuples(st.sampled_from(["tag", "relabel", "note", "delete"]), st.integers(0, 50))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits_a=st.lists(EDIT, max_size=6), edits_b=st.lists(EDIT, max_size=6))
def test_two_projects_converge(
    tmp_path_factory: pytest.TempPathFactory, new_location: Callable[[str], str], edits_a, edits_b
) -> None:
    root = tmp_path_factory.mktemp("converge")
    ana = make_project(root / "a", new_location(f"{root.name}-a"), "ana")
    ben = make_project(root / "b", new_location(f"{root.name}-b"), "ben")
    try:
        for round_ in range(2):
            for project, edits in ((ana, edits_a), (ben, edits_b)):
                for kind, n in edits[round_ * 3 : round_ * 3 + 3]:
                    random_edit(project, kind, n)
            exchange(ana, ben, root / f"ab{round_}.annobundle")
            exchange(ben, ana, root / f"ba{round_}.annobundle")
        exchange(ana, ben, root / "final.annobundle")
        assert state(ana) == state(ben)
    finally:
        ana.close()
        ben.close()


def random_edit(project: Project, kind: str, n: int) -> None:
    doc = first_doc(project)
    live = project.annotations(doc)
    if kind == "tag" or not live:
        start = n % 40
        project.tag_span(doc, start, start + 5 + n % 7, ["claim", "quote"][n % 2])
        return
    target = live[n % len(live)]
    if kind == "relabel":
        project.apply(
            project.relabel(target.id, "facility" if target.tag != "facility" else "claim")
        )
    elif kind == "note":
        project.apply(project.set_note(target.id, f"note {n} by {project.analyst}"))
    else:
        project.apply(project.delete(target.id))
