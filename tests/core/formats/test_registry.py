"""The registry front ends use, and the CLI contract over every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.errors import AnnotatorError
from annotator.core.formats import export_formats, formats, get_format, import_formats
from annotator.core.formats.reading import detect
from annotator.core.project import Project

from .conftest import load

OUTPUTS = {
    "jsonl": "out.jsonl",
    "csv": "out.csv",
    "brat": "out.zip",
    "w3c": "out.jsonld",
    "label-studio": "out.json",
    "spacy": "out.jsonl",
    "spacy-docbin": "out.spacy",
    "conll": "out.conll",
    "webanno": "out.tsv",
    "xmi": "out.zip",
    "refi-qda": "out.qdpx",
    "bundle": "out.annobundle",
}
EXPORT_ONLY = ("csv",)


def test_registry_lists_every_format_once() -> None:
    names = export_formats()
    assert names == list(OUTPUTS)
    assert import_formats() == [n for n in names if n not in EXPORT_ONLY]
    for entry in formats():
        assert entry.description and entry.kinds
        assert entry.dialog_filter().startswith(entry.description)
    assert get_format("brat").dialog_filter() == "brat standoff (.txt + .ann) folder or zip (*.zip)"
    with pytest.raises(AnnotatorError, match="Known formats: jsonl, csv"):
        get_format("nope")


def test_csv_cannot_be_imported(project: Project, tmp_path: Path) -> None:
    with pytest.raises(AnnotatorError, match="csv format can be exported but not imported"):
        project.import_paths([tmp_path], format_name="csv")


@pytest.mark.parametrize("name", [n for n in OUTPUTS if n not in EXPORT_ONLY])
def test_cli_export_then_detected_import(tmp_path: Path, name: str, capsys) -> None:
    db = tmp_path / "a.sqlite"
    with Project.open(db, analyst="alice") as project:
        load(project, tmp_path, [("The Veskar pad opened.", [(4, 10, "facility")])])
    out = tmp_path / OUTPUTS[name]
    assert main(["--db", str(db), "export", "--format", name, "--output", str(out)]) == 0
    if name != "jsonl":
        assert detect(out) is get_format(name), "import without --format finds the format"
    other = str(tmp_path / "b.sqlite")
    assert main(["--db", other, "import", str(out)]) == 0
    assert "1 imported" in capsys.readouterr().out
    assert main(["--db", other, "import", "--format", name, str(out)]) == 0
    assert "1 duplicate" in capsys.readouterr().out
    with Project.open(other) as project:
        (summary,) = project.documents()
        assert summary.counts == {"facility": 1}
