"""Start-up imports only what the first window needs: parsers, detectors, fuzzy matching and
Alembic load when an import, an anchoring or a migration first uses them."""

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


def test_the_window_modules_do_not_import_the_lazy_ones() -> None:
    code = (
        "import sys\n"
        "import annotator.cli.main, annotator.gui.app, annotator.gui.main_window\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({LAZY!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip() == "[]", result.stdout


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
    code = (
        "import sys\n"
        "import annotator.cli.main, annotator.gui.app, annotator.gui.main_window\n"
        f"print(sorted(set(sys.modules) & set({DIALOGS!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip() == "[]", result.stdout
