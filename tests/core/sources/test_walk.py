"""Files and folders named by the analyst."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.sources import ARTICLE_SUFFIXES, iter_drafts, read_file

Write = Callable[[str, bytes | str], Path]


def origins(results: list[ArticleDraft | ReadFailure], root: Path) -> list[str]:
    return [Path(r.origin.split(", line")[0]).relative_to(root).as_posix() for r in results]


def test_suffixes() -> None:
    assert (
        frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".docx", ".pdf"})
        == ARTICLE_SUFFIXES
    )


def test_folder_is_walked_sorted_skipping_hidden_and_other_types(
    tmp_path: Path, write: Write
) -> None:
    for name in [
        "b.txt",
        "a/z.md",
        "a/b/c.htm",
        "a.TXT",
        "c.jsonl",
        "notes.odt",
        "image.png",
        ".hidden.txt",
        ".git/config.txt",
        "d/.cache/x.txt",
        "d/e.markdown",
        "f.html",
    ]:
        write(name, '{"text": "x"}' if name.endswith(".jsonl") else "<p>text</p>")
    results = read_file(tmp_path)
    assert all(isinstance(r, ArticleDraft) for r in results)
    assert origins(results, tmp_path) == sorted(
        origins(results, tmp_path), key=lambda p: Path(p).parts
    )
    assert origins(results, tmp_path) == [
        "a/b/c.htm",
        "a/z.md",
        "a.TXT",
        "b.txt",
        "c.jsonl",
        "d/e.markdown",
        "f.html",
    ]


def test_explicit_unsupported_file(write: Write) -> None:
    path = write("report.odt", b"PK\x03\x04")
    (result,) = read_file(path)
    assert isinstance(result, ReadFailure)
    assert result.message == (
        f'{path}: ".odt" files cannot be imported; '
        "supported types are .docx, .htm, .html, .jsonl, .markdown, .md, .pdf, .txt."
    )


def test_explicit_hidden_file_is_read(write: Write) -> None:
    (result,) = read_file(write(".notes.txt", "note"))
    assert isinstance(result, ArticleDraft)


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    (result,) = read_file(missing)
    assert result == ReadFailure(
        str(missing), f"{missing}: no such file or folder; check the path."
    )


def test_folder_without_articles(tmp_path: Path, write: Write) -> None:
    write("pics/a.png", b"\x89PNG")
    (result,) = read_file(tmp_path / "pics")
    assert isinstance(result, ReadFailure)
    assert "the folder holds no articles (.docx, .htm, .html" in result.message


def test_a_bad_file_does_not_stop_the_batch(tmp_path: Path, write: Write) -> None:
    write("1.txt", "first")
    write("2.txt", b"")
    write("3.txt", "third")
    results = list(iter_drafts([tmp_path, tmp_path / "missing.txt"]))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["ArticleDraft", "ReadFailure", "ArticleDraft", "ReadFailure"]


def test_a_file_named_twice_is_read_once(tmp_path: Path, write: Write) -> None:
    path = write("a.txt", "text")
    results = list(iter_drafts([path, tmp_path, tmp_path / "." / "a.txt"]))
    assert len(results) == 1


def test_iter_drafts_is_lazy(tmp_path: Path, write: Write) -> None:
    write("a.txt", "first")
    write("b.txt", "second")
    results = iter_drafts([tmp_path])
    assert isinstance(results, Iterator)
    first = next(results)
    assert isinstance(first, ArticleDraft) and first.text == "first"


def test_symlinked_folders_are_not_followed(tmp_path: Path, write: Write) -> None:
    write("root/a.txt", "text")
    try:
        (tmp_path / "root" / "loop").symlink_to(tmp_path / "root", target_is_directory=True)
    except OSError:
        pytest.skip("symlinks are not available here")
    assert len(read_file(tmp_path / "root")) == 1


def test_unreadable_subfolder_is_reported(
    tmp_path: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("ok.txt", "text")
    write("locked/secret.txt", "text")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    locked, ok = read_file(tmp_path)
    assert isinstance(locked, ReadFailure)
    assert locked.message.startswith(f"{tmp_path / 'locked'}: cannot be read (Permission denied)")
    assert isinstance(ok, ArticleDraft)
