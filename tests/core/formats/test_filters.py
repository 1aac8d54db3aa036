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
    if path.is_dir():
        return "".join(
            p.read_text(encoding="utf-8") for p in sorted(path.rglob("*")) if p.is_file()
        )
    if path.suffix == ".zip" or path.read_bytes()[:2] == b"PK":
        import zipfile

        with zipfile.ZipFile(path) as archive:
            return "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    return path.read_text(encoding="utf-8-sig")


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
