"""Word articles: paragraphs and headings in order, properties as metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import docx

from annotator.core.model import ReadFailure
from annotator.core.sources import read_file
from tests.core.sources.conftest import read_one

Write = Callable[[str, bytes | str], Path]


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Port expansion announced", level=1)
    document.add_paragraph("The ministry said the new berth opens in May.")
    document.add_paragraph("")  # an empty paragraph is not a blank line of its own
    document.add_heading("Reactions", level=2)
    document.add_paragraph("Critics called it “premature”.")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "table furniture"
    props = document.core_properties
    props.title = "Port expansion"
    props.author = "R. Reporter"
    props.created = dt.datetime(2024, 3, 5, 9, 30)
    document.save(str(path))
    return path


def test_paragraphs_headings_and_properties(tmp_path: Path) -> None:
    draft = read_one(make_docx(tmp_path / "article.docx"))
    assert draft.text == (
        "Port expansion announced\n\n"
        "The ministry said the new berth opens in May.\n\n"
        "Reactions\n\n"
        "Critics called it “premature”."
    )
    assert draft.title == "Port expansion"
    assert draft.author == "R. Reporter"
    assert draft.published == "2024-03-05"


def test_title_falls_back_to_first_line(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("First line is the title")
    document.core_properties.title = ""
    document.save(str(tmp_path / "x.docx"))
    assert read_one(tmp_path / "x.docx").title == "First line is the title"


def test_empty_document_is_a_failure(tmp_path: Path) -> None:
    docx.Document().save(str(tmp_path / "empty.docx"))
    (result,) = read_file(tmp_path / "empty.docx")
    assert isinstance(result, ReadFailure)
    assert "no paragraphs of text" in result.message


def test_damaged_docx_is_a_failure(write: Write) -> None:
    (result,) = read_file(write("broken.docx", b"PK\x03\x04 not really a zip"))
    assert isinstance(result, ReadFailure)
    assert "broken.docx" in result.message and "not a readable Word .docx" in result.message
