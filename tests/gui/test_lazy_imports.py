"""Start-up imports only what the first window needs: parsers, detectors, fuzzy matching and
Alembic load when an import, an anchoring or a migration first uses them, and the storage
stack (SQLAlchemy, the ORM, the project) once the window has been painted (``app.launch``)."""

from __future__ import annotations

import os
import subprocess
import sys

LAZY = (
    "alembic",
    "mako",
    "rapidfuzz",
    "charset_normalizer",
    "selectolax",
    "trafilatura",
    "docx",
    "pypdf",
)


def loaded_at_start(names: tuple[str, ...], *, packages: bool = False) -> str:
    """Which of ``names`` a fresh interpreter holds after importing what the ``annotator``
    command imports before its window shows (printed as a sorted list); ``packages``
    compares top-level package names."""
    loaded = "{m.split('.')[0] for m in sys.modules}" if packages else "set(sys.modules)"
    code = (
        "import sys\n"
        "import annotator.cli.main, annotator.gui.app, annotator.gui.main_window\n"
        f"print(sorted({loaded} & set({names!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return result.stdout.strip()


def test_the_window_modules_do_not_import_the_lazy_ones() -> None:
    loaded = loaded_at_start(LAZY, packages=True)
    assert loaded == "[]", loaded


DIALOGS = (
    "annotator.gui.agreement_view",
    "annotator.gui.agreement_charts",
    "annotator.gui.review_dialog",
    "annotator.gui.exchange",
    "annotator.gui.tag_schema_dialog",
    "annotator.gui.export_dialog",
    "annotator.gui.corpus_search",
    "annotator.gui.help",
)


def test_the_window_modules_do_not_import_the_dialogs() -> None:
    """Dialogs load when their command is first used (main_window imports them there)."""
    loaded = loaded_at_start(DIALOGS)
    assert loaded == "[]", loaded


STORAGE = (
    "sqlalchemy",
    "alembic",
    "annotator.core.storage",
    "annotator.core.project",
    "annotator.core.bundle",
    "importlib.metadata",
)


def test_opening_a_project_leaves_the_bundle_package_unloaded() -> None:
    """Merging a colleague's bundle is an occasional command: its package loads then, not
    between the window's first paint and the corpus list."""
    code = (
        "import sys\n"
        "import annotator.core.project\n"
        "BUNDLE = ['annotator', 'core', 'bundle']\n"
        "print(sorted(m for m in sys.modules if m.split('.')[:3] == BUNDLE))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout


def test_the_window_shows_before_the_storage_stack_loads() -> None:
    """What the ``annotator`` command imports before its window is painted (the entry
    point, the app and the window's modules) leaves out SQLAlchemy and everything that
    needs it: ``launch`` opens the project after the first paint."""
    loaded = loaded_at_start(STORAGE)
    assert loaded == "[]", loaded
