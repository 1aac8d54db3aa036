"""Per-user settings the core needs (the analyst's name), shared by the GUI and the CLI.

Window geometry and similar view state live in the GUI's QSettings; what every front end
must agree on lives here, as a small JSON file in the platform config folder.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from annotator.core import paths
from annotator.core.analysts import is_reserved

log = logging.getLogger(__name__)
SETTINGS_FILE = "settings.json"


@dataclass(frozen=True)
class Settings:
    analyst: str
    welcomed: bool = False
    backups_kept: int = 10  # rolling backups of each project file (see core.backups)


def os_login() -> str:
    """The OS login, the analyst's default name; never fails, and never the reserved name
    of gold annotations (a login "gold" becomes "gold (analyst)"; see ``core.analysts``)."""
    try:
        login = getpass.getuser() or "analyst"
    except (KeyError, OSError):
        login = os.environ.get("USER") or os.environ.get("USERNAME") or "analyst"
    return f"{login} (analyst)" if is_reserved(login) else login


def _settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def load_settings() -> Settings:
    """Read the settings; a missing or damaged file yields the defaults (and a log line)."""
    path = _settings_path()
    defaults = Settings(analyst=os_login())
    if not path.exists():
        return defaults
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("ignoring unreadable settings file %s", path, exc_info=True)
        return defaults
    if not isinstance(raw, dict):
        return defaults
    analyst = raw.get("analyst")
    if isinstance(analyst, str) and is_reserved(analyst):
        log.warning("settings name the reserved analyst %r; using %r", analyst, defaults.analyst)
        analyst = None
    return replace(
        defaults,
        analyst=analyst.strip()
        if isinstance(analyst, str) and analyst.strip()
        else defaults.analyst,
        welcomed=bool(raw.get("welcomed", False)),
        backups_kept=_positive_int(raw.get("backups_kept"), defaults.backups_kept),
    )


def _positive_int(value: object, default: int) -> int:
    return (
        value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default
    )


def save_settings(settings: Settings) -> None:
    """Write atomically, so a crash mid-write never leaves a half file."""
    path = _settings_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    os.replace(tmp, path)
