"""``.txt`` and ``.md`` files through the public ``read_file``."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.sources import DEFAULT_MAX_BYTES, read_file

Write = Callable[[str, bytes | str], Path]
Read = Callable[..., ArticleDraft]
Fail = Callable[..., ReadFailure]
ARTICLE = (
    "Dock workers walked off the job.\n\n\u201cWe will not return,\u201d he said \u2014 caf\u00e9."
)


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-8-sig"),
        codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
        ARTICLE.encode("cp1252"),
        ARTICLE.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "cp1252", "cp1252-crlf"],
)
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_encodings(write: Write, read: Read, data: bytes, suffix: str) -> None:
    draft = read(write(f"article{suffix}", data))
    assert draft.text == ARTICLE
    assert draft.title == "Dock workers walked off the job."


def test_text_is_kept_verbatim_apart_from_newlines_and_ends(write: Write, read: Read) -> None:
    raw = "\r\n\r\n  First\tline  \r\nsecond\rthird e\u0301\u00a0x  \r\n\r\n"
    assert read(write("a.txt", raw)).text == "  First\tline  \nsecond\nthird e\u0301\u00a0x"


def test_header_is_lifted_into_fields(write: Write, read: Read) -> None:
    raw = (
        "Title: Port strike halts exports\r\n"
        "date 2020-10-02\r\n"
        "SOURCE: Reuters\r\n"
        "author: Jane Doe\r\n"
        "url: https://example.org/a\r\n"
        "Language: en\r\n"
        "\r\n"
        "Body text.\r\n"
    )
    draft = read(write("a.txt", raw))
    assert draft.text == "Body text."
    assert (draft.title, draft.source, draft.author) == (
        "Port strike halts exports",
        "Reuters",
        "Jane Doe",
    )
    assert (draft.url, draft.published, draft.language) == (
        "https://example.org/a",
        "2020-10-02",
        "en",
    )


def test_title_falls_back_to_first_line(write: Write, read: Read) -> None:
    draft = read(write("report.txt", "\n\n  Headline here  \nBody."))
    assert draft.title == "Headline here"
    assert draft.text == "  Headline here  \nBody."


def test_long_first_line_title_is_cut_at_a_word(write: Write, read: Read) -> None:
    draft = read(write("a.txt", "word " * 60))
    assert draft.title is not None
    assert len(draft.title) <= 120
    assert draft.title.endswith("word…")


def test_markdown_front_matter_and_heading(write: Write, read: Read) -> None:
    raw = (
        "---\n"
        'title: "Front matter title"\n'
        "date: 2 October 2020\n"
        "desk: world\n"
        "tags:\n"
        "  - ports\n"
        "  - strikes\n"
        "---\n"
        "\n"
        "# Heading\n"
        "\n"
        "Some *markdown* text.\n"
    )
    draft = read(write("a.md", raw))
    assert draft.text == "# Heading\n\nSome *markdown* text."
    assert draft.title == "Front matter title"
    assert draft.published == "2020-10-02"
    assert draft.meta == {"desk": "world", "tags": ["ports", "strikes"]}


def test_markdown_heading_gives_the_title_but_text_is_unchanged(write: Write, read: Read) -> None:
    draft = read(write("a.markdown", "## The heading ##\n\nText with **bold**."))
    assert draft.title == "The heading"
    assert draft.text == "## The heading ##\n\nText with **bold**."


def test_front_matter_is_only_for_markdown(write: Write, read: Read) -> None:
    raw = "---\ntitle: x\n---\nText"
    assert read(write("a.txt", raw)).text == raw


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "the file is empty; nothing to import."),
        (b" \r\n\t\r\n", "the file is empty; nothing to import."),
        (b"\x00\x01\x02binary", "this looks like a binary file, not text; save it as .txt/.html"),
        (b"Title: Only a header\n\n", "header lines (title, date ...) but no article text"),
    ],
)
def test_failures_name_the_file_and_what_to_do(
    write: Write, fail: Fail, raw: bytes, message: str
) -> None:
    path = write("bad.txt", raw)
    result = fail(path)
    assert result.origin == str(path)
    assert result.message.startswith(f"{path}: ")
    assert message in result.message


def test_size_limit(write: Write, fail: Fail, read: Read) -> None:
    path = write("big.txt", "x" * 2048)
    assert "larger than the 1 KB limit" in fail(path, max_bytes=1024).message
    assert read(path, max_bytes=2048).text == "x" * 2048


def test_default_limit_is_fifty_megabytes() -> None:
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


def test_unreadable_file(write: Write, fail: Fail, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("locked.txt", "text")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    message = fail(path).message
    assert message.startswith(f"{path}: cannot be read (Permission denied)")
    assert "check that it exists and that you may open it" in message


def test_folder_named_like_a_file_is_walked(tmp_path: Path) -> None:
    folder = tmp_path / "a.txt"
    folder.mkdir()
    (folder / "inner.txt").write_text("inner")
    assert [d.text for d in read_file(folder) if isinstance(d, ArticleDraft)] == ["inner"]
