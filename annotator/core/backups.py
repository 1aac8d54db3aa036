"""Rolling backups of a SQLite project file, and restoring one (issue 10).

Backups are copies made with SQLite's online backup API (consistent even while another
program writes, WAL included), verified with ``PRAGMA quick_check``, kept in
``paths.backup_dir()`` as ``<stem>.<key>.<UTC time>.<kind>.sqlite``: ``key`` is a short hash
of the project's full path, so two ``project.sqlite`` files in different folders never mix
their backups. Kinds: ``daily`` (on open, at most one a day), ``pre-migration`` (before a
schema upgrade) and ``manual`` (``annotator backup``). Only the newest ``keep`` are kept.

Restoring never overwrites: the current file (with its ``-wal``/``-shm`` companions, which
belong to it) is moved aside as ``<name>.damaged-<time>``, then a verified copy of the
backup takes its place.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from annotator.core import paths
from annotator.core.errors import DamagedDatabaseError, DatabaseError

log = logging.getLogger(__name__)

DEFAULT_KEEP = 10
KINDS = ("daily", "pre-migration", "manual")
_STAMP = "%Y%m%d-%H%M%S"
_COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime  # UTC
    kind: str
    size: int  # bytes
    documents: int | None  # None when the copy cannot be read
    serial: int = 1  # the n-th backup within one second

    @property
    def name(self) -> str:
        return self.path.name

    def describe(self) -> str:
        docs = "?" if self.documents is None else str(self.documents)
        when = self.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        return f"{when}  {self.kind:<13} {_size(self.size):>9}  {docs:>6} documents  {self.name}"


def _key(source: Path) -> str:
    return hashlib.sha256(str(source.resolve()).encode("utf-8")).hexdigest()[:8]


def _pattern(source: Path) -> re.Pattern[str]:
    return re.compile(
        rf"{re.escape(source.stem)}\.{_key(source)}\.(\d{{8}}-\d{{6}})(?:-(\d+))?"
        rf"\.({'|'.join(KINDS)})\.sqlite$"
    )


def _size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def quick_check(path: Path) -> str | None:
    """None if SQLite finds the file sound, else what it found (first line, short)."""
    try:
        with closing(sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)) as db:
            rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        return str(exc)
    if rows == [("ok",)]:
        return None
    first = str(rows[0][0]).replace("*** in database main ***", "").strip()
    return first.splitlines()[0][:200] if first else "quick_check failed"


def _document_count(path: Path) -> int | None:
    try:
        with closing(sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)) as db:
            return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return None


def list_backups(source: Path) -> list[Backup]:
    """The backups of ``source``, newest first."""
    pattern = _pattern(source)
    found: list[Backup] = []
    for candidate in paths.backup_dir().iterdir():
        match = pattern.match(candidate.name)
        if match is None:
            continue
        created = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
        found.append(
            Backup(
                path=candidate,
                created=created,
                kind=match.group(3),
                size=candidate.stat().st_size,
                documents=_document_count(candidate),
                serial=int(match.group(2) or 1),
            )
        )
    found.sort(key=lambda b: (b.created, b.serial), reverse=True)
    return found


def latest_backup(source: Path) -> Backup | None:
    found = list_backups(source)
    return found[0] if found else None


def make_backup(source: Path, kind: str = "manual", *, keep: int | None = None) -> Path:
    """Copy ``source`` into the backup folder, verify the copy, prune to ``keep``."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    if not source.is_file():
        raise DatabaseError(f"There is no project file at {source} to back up.")
    folder = paths.backup_dir()
    now = datetime.now(UTC)
    # Within one second, number the copies after the highest one there (pruning may have
    # removed lower numbers, which must not be reused: they would sort as older).
    serial = 1 + max(
        (b.serial for b in _cheap_list(source) if b.created == now.replace(microsecond=0)),
        default=0,
    )
    suffix = "" if serial == 1 else f"-{serial}"
    target = folder / f"{source.stem}.{_key(source)}.{now.strftime(_STAMP)}{suffix}.{kind}.sqlite"
    try:
        _copy(source, target)
    except sqlite3.Error as exc:
        with suppress(OSError):
            target.unlink()
        raise DatabaseError(_copy_failure(source, target, exc)) from exc
    problem = quick_check(target)
    if problem is not None:
        target.unlink()
        raise DamagedDatabaseError(
            f"{source} is damaged ({problem}); no backup was made of it. " + restore_advice(source)
        )
    if keep is not None:
        prune(source, keep)
    log.info("backed up %s to %s", source, target)
    return target


def _copy_failure(source: Path, target: Path, exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "full" in text:
        return f"The disk holding {target.parent} is full: no backup of {source} was made."
    if "malformed" in text or "not a database" in text:
        return f"{source} is damaged ({exc}); no backup was made. " + restore_advice(source)
    return f"Backing up {source} to {target} failed: {exc}"


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup API, then fsync: the copy is whole before it is listed."""
    uri = f"file:{source.as_posix()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())


def daily_backup(source: Path, *, keep: int = DEFAULT_KEEP) -> Path | None:
    """A ``daily`` backup unless one was made today (UTC); failures are logged, not raised:
    opening the project must not depend on the backup folder."""
    if not source.is_file() or _document_count(source) in (0, None):
        return None  # nothing to protect yet (or unreadable: never rotate good copies out)
    today = datetime.now(UTC).date()
    if any(b.kind == "daily" and b.created.date() == today for b in _cheap_list(source)):
        return None
    try:
        return make_backup(source, "daily", keep=keep)
    except (DatabaseError, OSError) as exc:
        log.warning("daily backup of %s failed: %s", source, exc)
        return None


def _cheap_list(source: Path) -> list[Backup]:
    """Like ``list_backups`` without opening each copy (for the check on every open)."""
    pattern = _pattern(source)
    found = []
    for candidate in paths.backup_dir().iterdir():
        match = pattern.match(candidate.name)
        if match is not None:
            created = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
            serial = int(match.group(2) or 1)
            found.append(Backup(candidate, created, match.group(3), 0, None, serial))
    return found


def prune(source: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``source``; returns what was removed."""
    keep = max(1, keep)
    ordered = sorted(_cheap_list(source), key=lambda b: (b.created, b.serial), reverse=True)
    removed = []
    for old in ordered[keep:]:
        with suppress(FileNotFoundError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def find_backup(source: Path, name: str) -> Path:
    """A backup named by the user: ``latest``, a number from the list (1 = newest), a file
    name in the backup folder, or a path."""
    listed = list_backups(source)
    if name == "latest":
        if not listed:
            raise DatabaseError(f"There is no backup of {source} in {paths.backup_dir()}.")
        return listed[0].path
    if name.isdigit() and 1 <= int(name) <= len(listed):
        return listed[int(name) - 1].path
    for candidate in (paths.backup_dir() / name, Path(name).expanduser()):
        if candidate.is_file():
            return candidate
    raise DatabaseError(
        f"There is no backup '{name}'. Run 'annotator restore' to list the backups of {source}."
    )


@dataclass(frozen=True)
class Restored:
    target: Path
    backup: Path
    kept_as: Path | None  # where the previous file went (None: there was none)


def restore(backup: Path, target: Path) -> Restored:
    """Put a verified copy of ``backup`` at ``target``; the old file is moved aside first."""
    problem = quick_check(backup)
    if problem is not None:
        raise DamagedDatabaseError(
            f"The backup {backup} is damaged too ({problem}); nothing was changed. "
            "Choose an older backup."
        )
    staging = target.with_name(target.name + ".restoring")
    for leftover in (staging, *(Path(f"{staging}{s}") for s in _COMPANIONS)):
        with suppress(FileNotFoundError):
            leftover.unlink()
    try:
        _copy(backup, staging)
    except (sqlite3.Error, OSError) as exc:
        with suppress(OSError):
            staging.unlink()
        raise DatabaseError(f"Copying the backup {backup} to {staging} failed: {exc}") from exc
    if quick_check(staging) is not None:  # pragma: no cover - the disk lied to us
        staging.unlink()
        raise DatabaseError(f"The copy of {backup} did not verify; nothing was changed.")
    kept_as = _move_aside(target)
    os.replace(staging, target)
    log.info("restored %s from %s (previous file: %s)", target, backup, kept_as)
    return Restored(target=target, backup=backup, kept_as=kept_as)


def _move_aside(target: Path) -> Path | None:
    """Rename the file and its companions to ``<name>.damaged-<time>`` (with the same
    suffixes, so SQLite can still open the pair). None if there was no file."""
    if not target.exists():
        for suffix in _COMPANIONS:  # stale companions would be applied to the new file
            with suppress(FileNotFoundError):
                Path(f"{target}{suffix}").unlink()
        return None
    stamp = datetime.now(UTC).strftime(_STAMP)
    aside = target.with_name(f"{target.name}.damaged-{stamp}")
    serial = 1
    while aside.exists():
        serial += 1
        aside = target.with_name(f"{target.name}.damaged-{stamp}-{serial}")
    for suffix in _COMPANIONS:
        companion = Path(f"{target}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{aside}{suffix}"))
    os.replace(target, aside)
    return aside


def restore_advice(source: Path) -> str:
    """What to do about a damaged project file: name the newest backup and the command."""
    newest = latest_backup(source)
    if newest is None:
        return (
            f"There is no backup of it in {paths.backup_dir()}. Open it read-only in the window "
            "to export what can still be read, or choose another file with --db."
        )
    when = newest.created.astimezone().strftime("%Y-%m-%d %H:%M")
    return (
        f"Restore the newest backup ({newest.name}, {when}) with: "
        f"annotator restore --db {source} latest  "
        "(the damaged file is kept beside it), or open it read-only in the window to export "
        "what can still be read."
    )
