"""Loading one untrusted JSON file for a dataset reader: bounded, failures with line numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.errors import SourceError
from annotator.core.sources.sizes import format_size

MAX_JSON = 512 * 1024 * 1024


def load_json(path: Path) -> Any:
    """The parsed file; raises ``SourceError`` naming the file (and line) otherwise."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_JSON + 1)
    except OSError as exc:
        raise SourceError(path, f"cannot be read ({exc.strerror or exc}).") from None
    if len(data) > MAX_JSON:
        raise SourceError(path, f"the file is larger than the {format_size(MAX_JSON)} limit.")
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SourceError(path, "the file is not UTF-8; save it as UTF-8.") from None
    except json.JSONDecodeError as exc:
        raise SourceError(
            path, f"not valid JSON ({exc.msg}, column {exc.colno}).", exc.lineno
        ) from None
    except RecursionError:
        raise SourceError(path, "the JSON is nested too deeply to be a dataset.") from None


def peek(path: Path, size: int = 4096) -> str:
    """The start of a file as text, for format detection; empty if unreadable."""
    try:
        with path.open("rb") as stream:
            return stream.read(size).decode("utf-8", errors="replace")
    except OSError:
        return ""
