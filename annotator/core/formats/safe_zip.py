"""Reading members of an untrusted zip archive into memory, with limits.

Nothing is ever extracted to disk, so a member named ``../../x`` cannot overwrite anything;
such names are still refused, because an archive that contains them was not written by a
annotation tool and its other names cannot be trusted either. Zip bombs are stopped by the
declared sizes (total and per-member compression ratio) and again while reading, since the
declared sizes of a hostile archive may lie.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from annotator.core.errors import SourceError
from annotator.core.sources.sizes import format_size

MAX_TOTAL = 512 * 1024 * 1024
MAX_MEMBER = 64 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 100_000
CHUNK = 1 << 20


def is_zip(path: Path) -> bool:
    return path.is_file() and zipfile.is_zipfile(path)


def safe_member_name(name: str) -> bool:
    """Relative, forward-slash names without ``..``, drive letters or NUL characters."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    parts = PurePosixPath(name).parts
    return ".." not in parts and not (parts and ":" in parts[0])


class SafeZip:
    """An open archive whose member list passed the checks; read with ``read``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise SourceError(path, _damaged(exc)) from None
        self._check(infos)
        self.infos = {info.filename: info for info in infos if not info.is_dir()}

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_MEMBERS:
            raise SourceError(self.path, f"the archive holds more than {MAX_MEMBERS} files.")
        bad = [info.filename for info in infos if not safe_member_name(info.filename)]
        if bad:
            raise SourceError(
                self.path,
                f"the archive contains the unsafe path {bad[0]!r} (absolute or with '..'); "
                "it was not imported. Re-create the archive from the folder itself.",
            )
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL:
            raise SourceError(self.path, _too_big(total))
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > CHUNK and ratio > MAX_RATIO:
                raise SourceError(
                    self.path,
                    f"{info.filename} expands {ratio:.0f} times (a zip bomb?); not imported.",
                )

    def names(self) -> list[str]:
        return sorted(self.infos)

    def read(self, name: str) -> bytes:
        """The member's bytes, never more than its declared size or ``MAX_MEMBER``."""
        info = self.infos[name]
        limit = min(info.file_size, MAX_MEMBER)
        try:
            with self._zip.open(info) as stream:
                data = stream.read(limit + 1)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise SourceError(self.path, f"{name}: {_damaged(exc)}") from None
        if len(data) > limit:
            raise SourceError(self.path, f"{name} is larger than declared or than the limit.")
        return data

    def close(self) -> None:
        self._zip.close()


def _damaged(exc: BaseException) -> str:
    return (
        f"not a complete zip archive ({exc}); the file is truncated or damaged. "
        "Copy or download it again."
    )


def _too_big(total: int) -> str:
    return (
        f"the archive unpacks to {format_size(total)}, more than the {format_size(MAX_TOTAL)} "
        "limit (a zip bomb?); unpack it yourself and import the folder."
    )
