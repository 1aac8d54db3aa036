"""Help ▸ About: what is running and where its files are, for support requests."""

from __future__ import annotations

import html
from importlib.metadata import PackageNotFoundError, version

import PySide6
import sqlalchemy
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator import __version__
from annotator.core import paths
from annotator.core.storage.schema import head_revision

LICENCE = "MIT"


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def about_rows(database: str) -> list[tuple[str, str]]:
    return [
        ("Version", __version__),
        ("Licence", LICENCE),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("SQLAlchemy", sqlalchemy.__version__),
        ("Alembic", _package_version("alembic")),
        ("Database schema", head_revision()),
        ("Project", database),
        ("Data folder", str(paths.data_dir())),
        ("Config folder", str(paths.config_dir())),
        ("Log file", str(paths.log_file())),
    ]


def show_about(parent: QWidget | None, database: str) -> None:
    rows = "".join(
        f"<tr><td><b>{html.escape(name)}</b>&nbsp;&nbsp;</td><td>{html.escape(value)}</td></tr>"
        for name, value in about_rows(database)
    )
    QMessageBox.about(
        parent,
        "About Annotator",
        "<p><b>Annotator</b> — tag claims, quotes, facilities and assessments in articles."
        f"</p><table>{rows}</table>",
    )
