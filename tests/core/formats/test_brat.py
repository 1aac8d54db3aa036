"""brat standoff: export to a folder or zip, import what brat writes, guarded zips."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings

from annotator.cli.main import main
from annotator.core.formats.brat_read import read
from annotator.core.importing import Outcome
from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.project import Project

from .conftest import (
    after_round_trip,
    fresh_project,
    load,
    load_with_relations,
    only_document,
    related_documents,
    rich_documents,
    tree_contents,
)

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
    (relation,) = project.relations(report.document_ids[0])
    assert (relation.from_annotation, relation.to_annotation) == (spans[0].id, org.id)
    assert relation.type == "Rel" and relation.annotator == "alice"
    assert any("first fragment of T1" in w for w in item.warnings)
    again = project.import_paths([tmp_path / "coll"])
    assert again.items[0].outcome is Outcome.DUPLICATE
    assert again.items[0].warnings == item.warnings, "no 'relation skipped' on a re-import"
    assert len(project.relations(report.document_ids[0])) == 1, "a re-import adds nothing"


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
# Texts that open with U+FEFF, found by Hypothesis: a span over a newline (brat records it
# as a space) or a tab (brat's column separator), and quotes that match with the mark and
# without it ("0" in "\ufeff00").
@example(documents=[("\ufeff000000000שלום\n", [(0, 15, "claim", "alice", {})])])
@example(documents=[("\ufeff000000000שלום\t", [(0, 15, "claim", "alice", {})])])
@example(documents=[("\ufeff00", [(1, 2, "claim", "alice", {})])])
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


QUOTE_TEXT = "“We are ready,” said Colonel Ávila of the Veskar 😀 base."


def _quote_spans() -> list[tuple[int, int, str]]:
    quote = (0, QUOTE_TEXT.index(" said"), "quote")
    colonel = QUOTE_TEXT.index("Colonel")
    speaker = (colonel, colonel + len("Colonel Ávila"), "claim")
    base = QUOTE_TEXT.index("Veskar")
    facility = (base, len(QUOTE_TEXT) - 1, "facility")
    return [quote, speaker, facility]


def test_export_r_lines_and_relations_conf(project: Project, tmp_path: Path) -> None:
    links = [(0, 1, "attributed_to"), (2, 1, "about"), (0, 2, "about")]
    (doc_id,) = load_with_relations(project, tmp_path, [(QUOTE_TEXT, _quote_spans(), links)])
    out = tmp_path / "brat"
    project.export("brat", out)
    ann = (out / f"{doc_id}.ann").read_text(encoding="utf-8").splitlines()
    assert [line for line in ann if line.startswith("R")] == [
        "R1\tattributed_to Arg1:T1 Arg2:T2",
        "R2\tabout Arg1:T1 Arg2:T3",
        "R3\tabout Arg1:T3 Arg2:T2",
    ]
    conf = (out / "annotation.conf").read_text()
    relations = conf.split("[relations]\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert relations == [
        "about\tArg1:facility|quote, Arg2:claim|facility",
        "attributed_to\tArg1:quote, Arg2:claim",
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
    ]


def test_relations_to_filtered_out_spans_are_left_out(project: Project, tmp_path: Path) -> None:
    links = [(0, 1, "attributed_to"), (2, 1, "about")]
    (doc_id,) = load_with_relations(project, tmp_path, [(QUOTE_TEXT, _quote_spans(), links)])
    out = tmp_path / "brat"
    project.export("brat", out, tags=["quote", "claim"])
    ann = (out / f"{doc_id}.ann").read_text(encoding="utf-8")
    assert "R1\tattributed_to Arg1:T1 Arg2:T2\n" in ann and "about" not in ann
    assert "about" not in (out / "annotation.conf").read_text()


def test_r_line_before_its_t_lines_and_to_an_event(project: Project, tmp_path: Path) -> None:
    ann = (
        "R1\tRel Arg1:T2 Arg2:T1\n"
        "T1\tclaim 0 5\tAlpha\n"
        "T2\tOrg 6 10\tbeta\n"
        "E1\tEv:T1\n"
        "R2\tCause Arg1:E1 Arg2:T2\n"
    )
    report = project.import_paths([_brat_folder(tmp_path, ann)])
    (item,) = report.items
    (relation,) = project.relations(report.document_ids[0])
    alpha, beta = project.annotations(report.document_ids[0])
    assert (relation.from_annotation, relation.to_annotation) == (beta.id, alpha.id)
    assert any("relation Cause to E1 skipped" in w for w in item.warnings)


def test_r_line_to_an_unknown_span_fails_and_changes_nothing(
    project: Project, tmp_path: Path
) -> None:
    ann = "T1\tclaim 0 5\tAlpha\nR1\tRel Arg1:T1 Arg2:T7\n"
    (item,) = project.import_paths([_brat_folder(tmp_path, ann)]).items
    assert item.outcome is Outcome.FAILED
    assert "doc.ann, line 2" in item.message and "unknown annotation T7" in item.message
    assert project.documents() == []


def test_malformed_r_line_names_the_line(tmp_path: Path) -> None:
    folder = _brat_folder(tmp_path, "T1\tclaim 0 5\tAlpha\nR1\tRel Arg1:T1\n")
    (result,) = read(folder)
    assert isinstance(result, ReadFailure)
    assert "line 2" in result.message and "Arg1:T1 Arg2:T2" in result.message


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=related_documents())
def test_round_trip_with_relations(documents: list) -> None:
    with tempfile.TemporaryDirectory() as temp:
        tmp = Path(temp)
        with fresh_project(tmp / "a") as first:
            load_with_relations(first, tmp, documents)
            first.export("brat", tmp / "one.zip")
        with fresh_project(tmp / "b") as second:
            report = second.import_paths([tmp / "one.zip"])
            assert not report.failures, report.failures
            second.export("brat", tmp / "two.zip")
            stored = sum(len(second.relations(d)) for d in report.document_ids)
        assert stored == sum(len(links) for _, _, links in documents)
        assert _pairs(tmp / "one.zip") == _pairs(tmp / "two.zip")
        assert (
            tree_contents(tmp / "one.zip")["annotation.conf"]
            == (tree_contents(tmp / "two.zip")["annotation.conf"])
        )


def test_a_text_that_opens_with_u_feff_round_trips_without_drift(
    project: Project, tmp_path: Path
) -> None:
    """The .txt opens with the same bytes as an editor's byte order mark; the recorded quotes
    tell that the offsets count it (dropping it moved every span one character left)."""
    text = "\ufeffVeskar range grew."
    load(project, tmp_path, [(text, [(1, 7, "facility"), (8, 13, "claim")])])
    spans = [(1, 7, "Veskar"), (8, 13, "range")]
    assert after_round_trip(project, tmp_path, "brat", "out.zip") == (text, spans)


def test_an_editors_byte_order_mark_is_not_part_of_the_text(tmp_path: Path) -> None:
    """A .txt saved with a byte order mark whose .ann counts from the first letter."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_bytes("\ufeffVeskar range grew.".encode())
    (folder / "a.ann").write_text("T1\tfacility 0 6\tVeskar\n", encoding="utf-8")
    with fresh_project(tmp_path / "p") as project:
        project.import_paths([folder], format_name="brat")
        assert only_document(project) == ("Veskar range grew.", [(0, 6, "Veskar")])
