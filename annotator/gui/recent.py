"""The recent-projects list (File ▸ Open recent), kept in the GUI settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

KEY = "recent/projects"
LIMIT = 8
OLD_FILE_PREFIX = "sqlite+pysqlite:///"
"""How versions before 2026-11-27 wrote a project file down: its database URL."""


class RecentProjects:
    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def paths(self) -> list[str]:
        """Newest first; a file kept as a URL by an older version is shown by its path
        (once, if the list also has it so)."""
        value = self._settings.value(KEY, [])
        if isinstance(value, str):  # QSettings returns a lone entry as a string
            value = [value]
        if not isinstance(value, list):
            return []
        return list(dict.fromkeys(_as_path(str(item)) for item in value if item))

    def add(self, location: str) -> None:
        entries = [location] + [p for p in self.paths() if p != location]
        self._settings.setValue(KEY, entries[:LIMIT])


def _as_path(location: str) -> str:
    return location.removeprefix(OLD_FILE_PREFIX)
