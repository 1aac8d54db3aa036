"""Writing exports so that a failure or a Cancel never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from annotator.core.errors import AnnotatorError


class AtomicTextWriter:
    """Writes to a temporary file beside the target; renamed into place only on success."""

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle
        self.abandoned = False

    def write(self, text: str) -> None:
        self._handle.write(text)

    def abandon(self) -> None:
        self.abandoned = True


@contextmanager
def atomic_text_writer(target: Path) -> Iterator[AtomicTextWriter]:
    target = target.expanduser()
    folder = target.parent
    if not folder.is_dir():
        raise AnnotatorError(f"Cannot write {target}: the folder {folder} does not exist.")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as exc:
        raise AnnotatorError(f"Cannot write in {folder}: {exc.strerror}.") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            writer = AtomicTextWriter(handle)
            yield writer
            handle.flush()
            os.fsync(handle.fileno())
        if writer.abandoned:
            temp.unlink(missing_ok=True)
        else:
            os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise AnnotatorError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
