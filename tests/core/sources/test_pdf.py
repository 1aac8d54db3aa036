"""Text-layer PDFs: joined lines, de-hyphenation, page ranges; scans are refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotator.core.model import ReadFailure
from annotator.core.sources import read_file
from annotator.core.sources.pdf import page_text
from tests.core.sources.conftest import read_one
from tests.core.sources.pdf_maker import make_pdf

Write = Callable[[str, bytes | str], Path]

PAGE_ONE = [
    "The inter-",
    "national agreement on the new port was signed in Geneva by",
    "both ministers after a long night of talks with the unions.",
    "Jean-",
    "Paul Martin said it was a good day.",
]
PAGE_TWO = ["A second page holds the rest of the article about the port."]


def test_lines_joined_dehyphenated_pages_kept(write: Write) -> None:
    path = write("report.pdf", make_pdf([PAGE_ONE, PAGE_TWO], title="Port deal"))
    draft = read_one(path)
    first = (
        "The international agreement on the new port was signed in Geneva by both "
        "ministers after a long night of talks with the unions. Jean-Paul Martin said it "
        "was a good day."
    )
    second = PAGE_TWO[0]
    assert draft.text == first + "\n\n" + second
    assert draft.title == "Port deal"
    assert draft.author == "A. Writer"
    pages = draft.meta["pages"]
    assert pages == [[1, 0, len(first)], [2, len(first) + 2, len(draft.text)]]
    for number, start, end in pages:
        assert draft.text[start:end] == (first if number == 1 else second)


def test_blank_pages_are_skipped_in_page_map(write: Write) -> None:
    draft = read_one(write("gap.pdf", make_pdf([["One."], [], ["Three."]])))
    assert draft.text == "One.\n\nThree."
    assert draft.meta["pages"] == [[1, 0, 4], [3, 6, 12]]


def test_scanned_pdf_without_text_layer(write: Write) -> None:
    (result,) = read_file(write("scan.pdf", make_pdf([[], []])))
    assert isinstance(result, ReadFailure)
    assert result.message.endswith(
        "has no text layer (a scanned image?); run OCR first and import the result."
    )
    assert "scan.pdf" in result.message


def test_damaged_pdf(write: Write) -> None:
    (result,) = read_file(write("bad.pdf", b"%PDF-1.4\ngarbage"))
    assert isinstance(result, ReadFailure)
    assert "bad.pdf" in result.message


def test_page_text_rules() -> None:
    assert page_text("well-\nknown") == "wellknown"  # lower case after a line-end hyphen
    assert page_text("North-\nSouth") == "North-South"
    assert page_text("a - \nb") == "a - b"  # a dash, not a hyphenated word
    assert page_text("In 1990-\n1995 it grew") == "In 1990-1995 it grew"
    assert page_text("One para.\n\nTwo para.") == "One para.\n\nTwo para."
    long = "x" * 60
    assert page_text(f"{long}\nShort end.\nNext para {long}") == (
        f"{long} Short end.\n\nNext para {long}"
    )
