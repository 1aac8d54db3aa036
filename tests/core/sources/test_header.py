from __future__ import annotations

import pytest

from annotator.core.sources.header import split_header


def test_known_keys_in_any_case_with_or_without_colon_for_dates() -> None:
    header = split_header("TITLE: A\nDate 02.10.2020\nsource:Reuters\n\nBody")
    assert header.fields == {"title": "A", "published": "2020-10-02", "source": "Reuters"}
    assert header.body == "Body"


def test_unknown_keys_are_text_and_end_the_header() -> None:
    header = split_header("Title: A\nNote: prices fell\nDate: 2020-10-02\nBody")
    assert header.fields == {"title": "A"}
    assert header.body == "Note: prices fell\nDate: 2020-10-02\nBody"


@pytest.mark.parametrize(
    "text",
    [
        "Note: prices fell today.\nMore.",
        "Date night was fun.\nMore.",
        "Title:\nMore.",
        "title A headline without colon\nMore.",
    ],
)
def test_ordinary_first_lines_are_not_headers(text: str) -> None:
    header = split_header(text)
    assert header.fields == {}
    assert header.body == text


def test_only_one_blank_line_matters_and_body_starts_at_text() -> None:
    assert split_header("title: A\n\n\n\nBody\n\nMore").body == "Body\n\nMore"
    assert split_header("title: A\nBody").body == "Body"


def test_ambiguous_date_is_kept_as_written() -> None:
    assert split_header("date: 02/10/2020\nBody").fields == {"published": "02/10/2020"}


def test_first_value_wins() -> None:
    assert split_header("title: A\ntitle: B\nBody").fields == {"title": "A"}


def test_unclosed_front_matter_is_text() -> None:
    text = "---\ntitle: A\nBody"
    assert split_header(text, front_matter=True).body == text


def test_front_matter_accepts_dots_as_closing_fence_and_comments() -> None:
    header = split_header("---\n# comment\nauthor: 'X Y'\n...\nBody", front_matter=True)
    assert header.fields == {"author": "X Y"}
    assert header.body == "Body"
