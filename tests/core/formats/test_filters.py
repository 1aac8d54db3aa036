"""Export filters (documents, annotators, tags) mean the same thing in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.formats import export_formats
from annotator.core.project import Project

from .conftest import load

TEXT_A = "Alpha base. Beta port. Gamma yard."
TEXT_B = "Delta depot opened."


@pytest.fixture
def seeded(project: Project, tmp_path: Path) -> list[str]:
    return load(
        project,
        tmp_path,
        [
            (TEXT_A, [(0, 10, "facility", "alice"), (12, 21, "claim", "bob"), (23, 33, "claim")]),
            (TEXT_B, [(0, 11, "facility", "bob")]),
        ],
    )


def _spans(path: Path) -> dict[str, list[tuple[int, int, str, str]]]:
    records = [json.loads(line) for line in path.read_text().splitlines()]
    return {
        r["id"]: [(a["start"], a["end"], a["tag"], a["annotator"]) for a in r["annotations"]]
        for r in records
    }


def test_annotator_filter(project: Project, seeded: list[str], tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    assert project.export("jsonl", out, annotators=["bob"]) == 2
    assert _spans(out) == {
        seeded[0]: [(12, 21, "claim", "bob")],
        seeded[1]: [(0, 11, "facility", "bob")],
    }


def test_tag_and_document_filters_combine(
    project: Project, seeded: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "o.jsonl"
    assert project.export("jsonl", out, document_ids=[seeded[0]], tags=["claim"]) == 1
    assert _spans(out) == {seeded[0]: [(12, 21, "claim", "bob"), (23, 33, "claim", "alice")]}


@pytest.mark.parametrize("name", export_formats())
def test_every_format_applies_the_filters(
    project: Project, seeded: list[str], tmp_path: Path, name: str
) -> None:
    """A filtered export equals the export of a project holding only the kept spans."""
    filtered = tmp_path / f"filtered-{name}"
    project.export(name, filtered, tags=["facility"], annotators=["bob"])
    assert filtered.exists()
    content = _content(filtered)
    assert "Delta depot" in content or "facility" in content
    assert "Beta port" not in _quotes_of(content, "claim")


def _content(path: Path) -> str:
    if path.name.endswith("spacy-docbin"):
        return _docbin_content(path)
    if path.is_dir():
        return "".join(
            p.read_text(encoding="utf-8") for p in sorted(path.rglob("*")) if p.is_file()
        )
    if path.suffix == ".zip" or path.read_bytes()[:2] == b"PK":
        import zipfile

        with zipfile.ZipFile(path) as archive:
            return "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    return path.read_text(encoding="utf-8-sig")


def _docbin_content(path: Path) -> str:
    """The binary DocBin as JSON text: each document's text and span labels."""
    import spacy
    from spacy.tokens import DocBin

    docs = DocBin().from_disk(path).get_docs(spacy.blank("en").vocab)
    return json.dumps([[d.text, [s.label_ for s in d.spans["sc"]]] for d in docs])


def _quotes_of(content: str, tag: str) -> str:
    return content if f'"{tag}"' in content or f"\t{tag} " in content else ""


def test_cli_filters(tmp_path: Path, seeded: list[str], db_path: Path, capsys) -> None:
    out = tmp_path / "cli.jsonl"
    args = ["--db", str(db_path), "export", "-f", "jsonl", "-o", str(out)]
    assert main([*args, "--tag", "claim", "--annotator", "alice", "--annotator", "bob"]) == 0
    assert "wrote 2 documents" in capsys.readouterr().out
    spans = _spans(out)
    assert spans[seeded[1]] == []
    assert [s[2] for s in spans[seeded[0]]] == ["claim", "claim"]


def _set_status(project: Project, document_id: str, analyst: str, status: str) -> None:
    me = project.analyst
    project.set_analyst(analyst)
    project.apply(project.set_status(document_id, status))
    project.set_analyst(me)


@pytest.fixture
def statused(project: Project, seeded: list[str]) -> list[str]:
    """Document A: alice done, bob in progress. Document B: alice and bob done, reviewed."""
    a, b = seeded
    _set_status(project, a, "alice", "done")
    _set_status(project, a, "bob", "in progress")
    _set_status(project, b, "alice", "done")
    _set_status(project, b, "bob", "done")
    project.apply(project.set_review_state(b, "reviewed"))
    return seeded


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text().splitlines()]


def test_status_of_every_chosen_analyst(
    project: Project, statused: list[str], tmp_path: Path
) -> None:
    a, b = statused
    out = tmp_path / "o.jsonl"
    assert project.export("jsonl", out, statuses=["done"], annotators=["alice"]) == 2
    assert project.export("jsonl", out, statuses=["done"], annotators=["alice", "bob"]) == 1
    assert _ids(out) == [b]
    project.export("jsonl", out, statuses=["in-progress"], annotators=["bob"])
    assert _ids(out) == [a]
    project.export("jsonl", out, statuses=["new"], annotators=["carol"])
    assert _ids(out) == [a, b], "an analyst who never set a status has 'new' everywhere"


def test_status_of_any_analyst_and_new_means_nobody_started(
    project: Project, statused: list[str], tmp_path: Path
) -> None:
    a, b = statused
    c = load(project, tmp_path, [("Untouched text.", [])], name="c.jsonl")[0]
    out = tmp_path / "o.jsonl"
    project.export("jsonl", out, statuses=["in_progress"])
    assert _ids(out) == [a]
    project.export("jsonl", out, statuses=["done"])
    assert _ids(out) == [a, b]
    project.export("jsonl", out, statuses=["new"])
    assert _ids(out) == [c]
    project.export("jsonl", out, statuses=["done"], annotators=["gold"])
    assert _ids(out) == [a, b], "gold has no workflow status: any analyst's counts"


def test_review_state_and_all_filters_combine(
    project: Project, statused: list[str], tmp_path: Path
) -> None:
    a, b = statused
    out = tmp_path / "o.jsonl"
    assert project.export("jsonl", out, review_states=["reviewed"]) == 1
    assert _ids(out) == [b]
    assert project.export("jsonl", out, review_states=["in review"]) == 0
    assert project.export("jsonl", out, review_states=["reviewed"], document_ids=[a]) == 0
    assert project.export("jsonl", out, statuses=["done"], review_states=["reviewed"]) == 1
    assert _spans(out) == {b: [(0, 11, "facility", "bob")]}


def test_unknown_status_is_refused(project: Project, tmp_path: Path) -> None:
    from annotator.core.errors import AnnotatorError

    with pytest.raises(AnnotatorError, match="'finished' is not a document status"):
        project.export("jsonl", tmp_path / "o.jsonl", statuses=["finished"])


@pytest.mark.parametrize("name", export_formats())
def test_every_format_applies_the_status_filter(
    project: Project, statused: list[str], tmp_path: Path, name: str
) -> None:
    out = tmp_path / f"done-{name}"
    written = project.export(name, out, statuses=["done"], annotators=["alice", "bob"])
    assert written == 1
    content = _content(out)
    assert "Delta" in content and "Alpha" not in content


def test_cli_status_and_review_flags(
    tmp_path: Path, statused: list[str], db_path: Path, capsys
) -> None:
    a, b = statused
    out = tmp_path / "cli.jsonl"
    args = ["--db", str(db_path), "export", "-f", "jsonl", "-o", str(out)]
    assert main([*args, "--status", "done", "--annotator", "alice", "--annotator", "bob"]) == 0
    assert "wrote 1 documents" in capsys.readouterr().out
    assert _ids(out) == [b]
    assert main([*args, "--status", "in-progress", "--status", "done"]) == 0
    assert _ids(out) == [a, b]
    assert main([*args, "--reviewed"]) == 0
    assert _ids(out) == [b]
    assert main([*args, "--in-review"]) == 0
    assert _ids(out) == []
    with pytest.raises(SystemExit):
        main([*args, "--status", "finished"])
