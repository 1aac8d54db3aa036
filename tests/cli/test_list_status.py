"""`annotator list` shows the analyst's status of each document as its third column."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.project import Project


def test_list_has_a_status_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("title: Port expansion\n\nThe Port of Calder opened a depot.\n")
    db = str(tmp_path / "p.sqlite")
    assert main(["--db", db, "import", str(article)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "list"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.split("\t")[2:] == ["new", "0", "Port expansion"]
    with Project.open(db) as project:  # the same analyst as the CLI: the OS login
        doc_id = project.documents()[0].id
        project.apply(project.set_status(doc_id, "in progress"))
    assert main(["--db", db, "list"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.split("\t")[2] == "in progress"
