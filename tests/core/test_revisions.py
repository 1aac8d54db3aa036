"""A revised article becomes a linked document carrying the annotations; the old one stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.errors import AnnotatorError
from annotator.core.project import Project

pytestmark = pytest.mark.both_backends

OLD = (
    "The Port of Calder opened a new container depot on Monday.\n\n"
    'The harbour master said the depot was "a turning point for the region".\n\n'
    "Critics noted that the goverment had promised the same in 2019. "
    "Unions called the plan premature.\n\n"
    "The depot will employ 300 people, according to the company."
)
NEW = "Updated Tuesday: adds the unions' reaction.\n\n" + OLD.replace(
    "goverment", "government"
).replace('"a turning', "“a turning").replace('region"', "region”").replace(
    "Unions called the plan premature.", "Unions welcomed it."
)
QUOTES = {
    "Port of Calder": "exact-or-moved",
    "the goverment had promised": "fuzzy",
    '"a turning point for the region"': "fuzzy",
    "300 people": "moved",
    "Unions called the plan premature.": "unplaced",
}


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "v1.txt").write_text(OLD)
    (tmp_path / "v2.txt").write_text(NEW)
    project = Project.open(tmp_path / "p.sqlite", analyst="ana")
    (item,) = project.import_paths([tmp_path / "v1.txt"]).items
    assert item.document_id is not None
    for quote in QUOTES:
        start = OLD.index(quote)
        project.tag_span(item.document_id, start, start + len(quote), "claim")
    return project


def test_revision_carries_annotations(project: Project, tmp_path: Path) -> None:
    (old,) = project.documents()
    before = project.annotations(old.id)
    report = project.import_revision(old.id, tmp_path / "v2.txt")
    assert report.old_document_id == old.id
    assert project.revision_of(report.document_id) == old.id
    assert (report.count("exact"), report.count("moved"), report.count("fuzzy")) == (0, 2, 2)
    (lost,) = report.unplaced
    assert (lost.quote, lost.tag) == ("Unions called the plan premature.", "claim")
    new_doc = project.document(report.document_id)
    carried = project.annotations(new_doc.id)
    assert len(carried) == 4
    assert {a.quote for a in carried} == {
        "Port of Calder",
        "the government had promised",
        "“a turning point for the region”",
        "300 people",
    }
    for annotation in carried:
        assert new_doc.text[annotation.start : annotation.end] == annotation.quote
    assert project.annotations(old.id) == before  # the old revision never changes
    assert "0 exact, 2 moved, 2 re-anchored by similarity, 1 unplaced" in report.summary()
    project.close()


def test_same_text_is_not_a_revision(project: Project, tmp_path: Path) -> None:
    (old,) = project.documents()
    with pytest.raises(AnnotatorError, match="already in the project"):
        project.import_revision(old.id, tmp_path / "v1.txt")
    assert len(project.documents()) == 1
    project.close()


def test_cli_revision_of(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (old,) = project.documents()
    project.close()
    db = str(tmp_path / "p.sqlite")
    assert main(["--db", db, "import", "--revision-of", old.id, str(tmp_path / "v2.txt")]) == 0
    out = capsys.readouterr().out
    assert "2 moved, 2 re-anchored by similarity, 1 unplaced" in out
    assert "unplaced:" in out and "Unions called the plan premature." in out
    assert main(["--db", db, "import", "--revision-of", "nope", str(tmp_path / "v2.txt")]) == 1
    assert "no document with id nope" in capsys.readouterr().err
