"""Writing a set of named files either into a folder or into one zip archive.

Formats made of many files (brat) write through this, so both targets get the same
guarantees: names cannot leave the target, a zip is renamed into place only when complete,
and a Cancel leaves no half archive behind.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from types import TracebackType

from annotator.core.errors import AnnotatorError
from annotator.core.formats.names import inside
from annotator.core.formats.safe_zip import safe_member_name
from annotator.core.safe_write import atomic_text_writer


class OutputTree:
    """``add(name, text)`` files; ``close(keep)`` finishes (a zip is only then in place).

    ``as_zip`` None means "a zip when the name ends in .zip"; formats whose files are zips
    under another name (REFI-QDA's ``.qdpx``) say True.
    """

    def __init__(self, output: Path, *, as_zip: bool | None = None) -> None:
        self.output = output.expanduser()
        self._zip: zipfile.ZipFile | None = None
        self._temp: Path | None = None
        if as_zip is None:
            as_zip = self.output.suffix.lower() == ".zip"
        if as_zip:
            self._open_zip()
        else:
            self._open_folder()

    def _open_zip(self) -> None:
        folder = self.output.parent
        if not folder.is_dir():
            raise AnnotatorError(f"Cannot write {self.output}: the folder {folder} does not exist.")
        fd, name = tempfile.mkstemp(prefix=f".{self.output.name}.", dir=folder)
        os.close(fd)
        self._temp = Path(name)
        self._zip = zipfile.ZipFile(self._temp, "w", zipfile.ZIP_DEFLATED)

    def _open_folder(self) -> None:
        if self.output.exists() and not self.output.is_dir():
            raise AnnotatorError(f"Cannot write into {self.output}: it is a file, not a folder.")
        if not self.output.parent.is_dir():
            raise AnnotatorError(
                f"Cannot write {self.output}: the folder {self.output.parent} does not exist."
            )
        self.output.mkdir(exist_ok=True)

    def add(self, name: str, text: str) -> None:
        if self._zip is not None:
            parts = name.split("/")
            if not safe_member_name(name) or any(not p or p.startswith(".") for p in parts):
                raise AnnotatorError(f"Refusing to write {name!r} into {self.output}.")
            self._zip.writestr(name, text.encode("utf-8"))
            return
        with atomic_text_writer(inside(self.output, name)) as out:
            out.write(text)

    def close(self, keep: bool) -> None:
        if self._zip is None or self._temp is None:
            return
        self._zip.close()
        if keep:
            os.replace(self._temp, self.output)
        else:
            self._temp.unlink(missing_ok=True)

    def __enter__(self) -> OutputTree:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            self.close(keep=False)
