"""Where Annotator keeps its files.

This is the only module that asks platformdirs, so the whole application agrees on one set
of folders and tests can redirect all of them with one environment variable
(``ANNOTATOR_HOME``), without touching the analyst's real data.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import platformdirs

APP_NAME = "annotator"
DATABASE_FILE = "annotator.sqlite"


_FINDERS: dict[str, Callable[..., str]] = {
    "data": platformdirs.user_data_dir,
    "config": platformdirs.user_config_dir,
    "log": platformdirs.user_log_dir,
}


def _home_override() -> Path | None:
    home = os.environ.get("ANNOTATOR_HOME")
    return Path(home) if home else None


def _dir(kind: str) -> Path:
    override = _home_override()
    if override is not None:
        path = override / kind
    else:
        path = Path(_FINDERS[kind](APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    return _dir("data")


def config_dir() -> Path:
    return _dir("config")


def log_dir() -> Path:
    return _dir("log")


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / DATABASE_FILE


def log_file() -> Path:
    return log_dir() / "annotator.log"
