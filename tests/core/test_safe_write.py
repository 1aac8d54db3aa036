"""Exports replace their target whole or not at all (``core.safe_write``), however much is
written: far more than the write buffer, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.safe_write import atomic_binary_writer, atomic_text_writer

LINE = "Der Hafen von Veskar — «ruhig» 😀\n"


class Stopped(Exception):
    pass


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("."))


@pytest.mark.parametrize("lines", [0, 1, 40_000])  # 40,000 lines: ~1.6 MB, beyond the buffer
def test_everything_written_lands_in_the_target(tmp_path: Path, lines: int) -> None:
    text_target, bytes_target = tmp_path / "a.txt", tmp_path / "b.jsonl"
    with atomic_text_writer(text_target) as text, atomic_binary_writer(bytes_target) as raw:
        for _ in range(lines):
            text.write(LINE)
            raw.write(LINE.encode("utf-8"))
    assert text_target.read_text(encoding="utf-8") == LINE * lines
    assert bytes_target.read_bytes() == (LINE * lines).encode("utf-8")
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("lines", [1, 40_000])
def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path, lines: int) -> None:
    target = tmp_path / "export.jsonl"
    target.write_bytes(b"the previous export\n")
    with pytest.raises(Stopped), atomic_binary_writer(target) as out:
        for _ in range(lines):
            out.write(LINE.encode("utf-8"))
        raise Stopped
    assert target.read_bytes() == b"the previous export\n"
    assert _leftovers(tmp_path) == []


def test_an_abandoned_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "export.txt"
    with atomic_text_writer(target) as out:
        out.write(LINE * 40_000)
        out.abandon()
    assert not target.exists()
    assert _leftovers(tmp_path) == []
