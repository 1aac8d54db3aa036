"""The recent-projects list (File ▸ Open recent), kept in the GUI settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

KEY = "recent/projects"
LIMIT = 8


class RecentProjects:
    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def paths(self) -> list[str]:
        value = self._settings.value(KEY, [])
        if isinstance(value, str):  # QSettings returns a lone entry as a string
            return [value] if value else []
        if isinstance(value, list):
            return [str(item) for item in value if item]
        return []

    def add(self, location: str) -> None:
        entries = [location] + [p for p in self.paths() if p != location]
        self._settings.setValue(KEY, entries[:LIMIT])
