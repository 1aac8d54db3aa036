"""Stream the lines of a ``.jsonl`` corpus, one bounded record at a time.

Corpora are often far larger than any single article, so the file is never read whole and
the size limit applies to each line instead. Lines are split on ``\\n`` only: JSON strings
may legally contain raw U+2028 and similar characters that ``str.splitlines`` breaks on.
A bad line is reported and skipped; the lines after it are still read.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from annotator.core.errors import SourceError
from annotator.core.sources.decoding import bom_encoding
from annotator.core.sources.sizes import format_size

Line = tuple[int, str | SourceError]
"""1-based line number and the line's text (without its newline), or why it is unusable."""

NOT_UTF8 = "this line is not valid UTF-8; save the file as UTF-8 and import it again."


def iter_lines(path: Path, max_bytes: int) -> Iterator[Line]:
    """Lines of ``path``; UTF-8 unless the file starts with a UTF-16/32 byte-order mark."""
    with path.open("rb") as stream:
        encoding = bom_encoding(stream.read(4))
        stream.seek(0)
        if encoding in (None, "utf-8-sig"):
            yield from _utf8_lines(stream, str(path), max_bytes)
        else:
            yield from _wide_lines(stream, str(path), str(encoding), max_bytes)


def too_long(max_bytes: int) -> str:
    return (
        f"this line is longer than the {format_size(max_bytes)} limit for one record; "
        "split the record into smaller ones."
    )


def _utf8_lines(stream: BinaryIO, origin: str, max_bytes: int) -> Iterator[Line]:
    number = 0
    while raw := stream.readline(max_bytes + 1):
        number += 1
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield number, SourceError(origin, too_long(max_bytes), number)
            continue
        try:
            yield number, _strip_newline(raw.decode("utf-8"))
        except UnicodeDecodeError:
            yield number, SourceError(origin, NOT_UTF8, number)


def _wide_lines(stream: BinaryIO, origin: str, encoding: str, max_bytes: int) -> Iterator[Line]:
    """UTF-16/32 corpora (PowerShell's ``>`` writes them); a decoding error ends the file."""
    text = io.TextIOWrapper(stream, encoding=encoding, newline="\n")
    number = 0
    try:
        while line := text.readline(max_bytes + 1):
            number += 1
            if len(line) > max_bytes and not line.endswith("\n"):
                yield number, SourceError(origin, too_long(max_bytes), number)
                return
            yield number, _strip_newline(line)
    except UnicodeDecodeError:
        message = f"the text is not valid {encoding.upper()} from here on; save it as UTF-8."
        yield number + 1, SourceError(origin, message, number + 1)
    finally:
        text.detach()


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while chunk := stream.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return


def _strip_newline(line: str) -> str:
    return line.removesuffix("\n").removesuffix("\r")
