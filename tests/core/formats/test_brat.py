"""brat standoff: export to a folder or zip, import what brat writes, guarded zips."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from annotator.cli.main import main
from annotator.core.formats.brat_read import read
from annotator.core.importing import Outcome
from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.project import Project

from .conftest import fresh_project, load, rich_documents, tree_contents

TEXT = "A 😀 claim here.\nThe Veskar pad opened.\n"


def _pairs(path: Path) -> list[tuple[bytes, bytes]]:
    """(.txt, .ann) contents, sorted: names carry ids, which differ between projects."""
    files = tree_contents(path)
    stems = sorted(name[:-4] for name in files if name.endswith(".ann"))
    return sorted((files[f"{s}.txt"], files[f"{s}.ann"]) for s in stems)


def test_export_folder_lines_and_conf(project: Project, tmp_path: Path) -> None:
    start = TEXT.index("Veskar")
    spans = [
        (2, 9, "claim", "alice", {"attributes": {"certain": True, "src": "wire"}}),
        (start, start + 6, "facility", "bob", {"note": "first\nseen"}),
    ]
    (doc_id,) = load(project, tmp_path, [(TEXT, spans)])
    out = tmp_path / "brat"
    assert project.export("brat", out) == 1
    assert (out / f"{doc_id}.txt").read_text(encoding="utf-8") == TEXT
    ann = (out / f"{doc_id}.ann").read_text(encoding="utf-8").splitlines()
    assert ann == [
        "T1\tclaim 2 9\t😀 claim",
        "A1\tcertain T1",
        "A2\tsrc T1 wire",
        f"T2\tfacility {start} {start + 6}\tVeskar",
        "#2\tAnnotatorNotes T2\tfirst seen",
    ]
    text = (out / f"{doc_id}.txt").read_text(encoding="utf-8")
    assert text[2:9] == "😀 claim", "brat offsets are code points into the .txt"
    conf = (out / "annotation.conf").read_text()
    assert "[entities]\nclaim\nquote\nfacility\nassessment\n" in conf
    assert "certain\tArg:<ENTITY>\n" in conf
    assert "src\tArg:<ENTITY>, Value:wire\n" in conf


def test_export_zip(project: Project, tmp_path: Path) -> None:
    load(project, tmp_path, [(TEXT, [(2, 9, "claim")])])
    out = tmp_path / "out.zip"
    assert project.export("brat", out) == 1
    names = zipfile.ZipFile(out).namelist()
    assert "annotation.conf" in names and len(names) == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.zip")] == []


def test_hostile_document_id_stays_inside(project: Project, tmp_path: Path) -> None:
    seed = tmp_path / "seed.jsonl"
    seed.write_text('{"id": "../../evil", "text": "Some text."}\n')
    assert not project.import_paths([seed]).failures
    out = tmp_path / "deep" / "brat"
    out.parent.mkdir()
    project.export("brat", out)
    assert not (tmp_path / "evil.txt").exists()
    assert all(p.parent == out for p in out.iterdir())


def _brat_folder(tmp_path: Path, ann: str, text: str = "Alpha beta gamma delta.\n") -> Path:
    folder = tmp_path / "coll"
    folder.mkdir()
    (folder / "doc.txt").write_text(text, encoding="utf-8")
    (folder / "doc.ann").write_text(ann, encoding="utf-8")
    (folder / "annotation.conf").write_text("[entities]\nclaim\n")
    return folder


def test_import_what_brat_writes(project: Project, tmp_path: Path) -> None:
    ann = (
        "T1\tclaim 0 5;11 16\tAlpha gamma\n"
        "T2\tOrg 6 10\tbeta\n"
        "A1\tNegated T2\n"
        "A2\tLevel T2 high\n"
        "R1\tRel Arg1:T1 Arg2:T2\n"
        "#1\tAnnotatorNotes T2\tcheck this\n"
    )
    report = project.import_paths([_brat_folder(tmp_path, ann)])
    (item,) = report.items
    assert item.outcome is Outcome.IMPORTED
    assert any("discontinuous" in w for w in item.warnings)
    assert any("'R'" in w for w in item.warnings)
    assert "Org" in report.new_tags
    spans = project.annotations(report.document_ids[0])
    assert [(a.start, a.end, a.tag) for a in spans] == [
        (0, 5, "claim"),
        (6, 10, "Org"),
        (11, 16, "claim"),
    ]
    org = spans[1]
    assert org.attributes == {"Negated": True, "Level": "high"}
    assert org.note == "check this"
    again = project.import_paths([tmp_path / "coll"])
    assert again.items[0].outcome is Outcome.DUPLICATE


def test_cli_import_brat_warnings(tmp_path: Path, db_path: Path, capsys) -> None:
    folder = _brat_folder(tmp_path, "T1\tclaim 0 5;11 16\tAlpha gamma\n")
    assert main(["--db", str(db_path), "import", "--format", "brat", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "2 annotations" in captured.out
    assert "discontinuous" in captured.err


def test_bad_offsets_fail_with_line_and_change_nothing(project: Project, tmp_path: Path) -> None:
    folder = _brat_folder(tmp_path, "T1\tclaim 0 5\tAlpha\nT2\tclaim 20 99\tx\n")
    (item,) = project.import_paths([folder]).items
    assert item.outcome is Outcome.FAILED
    assert "doc.ann, line 2" in item.message and "outside the text" in item.message
    assert project.documents() == []


def test_attribute_of_unknown_span_fails(tmp_path: Path) -> None:
    folder = _brat_folder(tmp_path, "A1\tNeg T9\n")
    (result,) = read(folder)
    assert isinstance(result, ReadFailure) and "line 1" in result.message


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_with_traversal_names_is_refused(project: Project, tmp_path: Path) -> None:
    bad = _zip(tmp_path / "bad.zip", {"../../x.ann": b"T1\tclaim 0 1\tA\n", "../../x.txt": b"A"})
    (item,) = project.import_paths([bad]).items
    assert item.outcome is Outcome.FAILED and "unsafe path" in item.message
    assert "bad.zip" in item.message
    assert project.documents() == []


def test_zip_bomb_is_refused(project: Project, tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.zip", {"a.txt": b"\0" * (20 * 1024 * 1024), "a.ann": b""})
    (item,) = project.import_paths([bomb], format_name="brat").items
    assert item.outcome is Outcome.FAILED and "zip bomb" in item.message
    assert project.documents() == []


def test_truncated_zip_names_the_file(project: Project, tmp_path: Path) -> None:
    good = _zip(
        tmp_path / "good.zip", {"a.txt": b"Alpha beta.", "a.ann": b"T1\tclaim 0 5\tAlpha\n"}
    )
    truncated = tmp_path / "cut.zip"
    truncated.write_bytes(good.read_bytes()[:-30])
    (item,) = project.import_paths([truncated], format_name="brat").items
    assert item.outcome is Outcome.FAILED
    assert "cut.zip" in item.message and "truncated" in item.message
    assert project.documents() == []


def test_zip_import(project: Project, tmp_path: Path) -> None:
    good = _zip(
        tmp_path / "good.zip", {"d/a.txt": b"Alpha beta.", "d/a.ann": b"T1\tclaim 0 5\tA\n"}
    )
    results = list(read(good))
    assert isinstance(results[0], ArticleDraft)
    report = project.import_paths([good])
    assert report.annotations_added == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=rich_documents(annotators=("alice",)))
def test_round_trip_through_an_empty_project(documents: list) -> None:
    """One analyst: brat has no annotator field, so the importer's name is used for all."""
    with tempfile.TemporaryDirectory() as temp:
        tmp = Path(temp)
        with fresh_project(tmp / "a") as first:
            load(first, tmp, documents)
            first.export("brat", tmp / "one.zip")
        with fresh_project(tmp / "b") as second:
            report = second.import_paths([tmp / "one.zip"])
            assert not report.failures, report.failures
            second.export("brat", tmp / "two")
        assert _pairs(tmp / "one.zip") == _pairs(tmp / "two")
