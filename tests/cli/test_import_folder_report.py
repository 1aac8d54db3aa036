"""A folder import of mixed sources reports every file: imported, duplicate, failed (why)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from annotator.cli.main import main
from annotator.core.importing import Outcome
from annotator.core.project import Project
from tests.core.sources.pdf_maker import make_pdf


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "inbox"
    (root / "word").mkdir(parents=True)
    (root / "pdf" / "scans").mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("A Word article about the harbour.")
    document.save(str(root / "word" / "a.docx"))
    (root / "pdf" / "b.pdf").write_bytes(make_pdf([["A PDF article about the dam."]]))
    (root / "pdf" / "scans" / "c.pdf").write_bytes(make_pdf([[]]))
    (root / "z.txt").write_text("A Word article about the harbour.")  # same text as a.docx
    return root


def test_folder_report_per_file(tmp_path: Path, folder: Path) -> None:
    with Project.open(tmp_path / "p.sqlite", analyst="ana") as project:
        report = project.import_paths([folder])
    outcomes = {Path(item.origin).name: item for item in report.items}
    assert outcomes["a.docx"].outcome is Outcome.IMPORTED
    assert outcomes["b.pdf"].outcome is Outcome.IMPORTED
    assert outcomes["c.pdf"].outcome is Outcome.FAILED
    assert "no text layer" in outcomes["c.pdf"].message
    assert outcomes["z.txt"].outcome is Outcome.DUPLICATE
    assert outcomes["z.txt"].message


def test_cli_prints_every_file(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", str(tmp_path / "p.sqlite"), "import", str(folder)])
    captured = capsys.readouterr()
    assert code == 1  # one file failed
    assert f"imported: {folder / 'word' / 'a.docx'}" in captured.out
    assert f"imported: {folder / 'pdf' / 'b.pdf'}" in captured.out
    assert f"duplicate: {folder / 'z.txt'}" in captured.out
    assert (
        f"failed: {folder / 'pdf' / 'scans' / 'c.pdf'}: the PDF has no text layer" in captured.err
    )
    assert "2 imported, 1 duplicate, 1 failed" in captured.out
