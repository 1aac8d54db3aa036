"""The core and the CLI never load Qt: they must run on servers and in scripts."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import annotator.core.project, annotator.core.formats.jsonl, annotator.core.importing
import annotator.cli.main, annotator.cli.commands
qt = ("PySide6", "shiboken6", "annotator.gui")
loaded = sorted(name for name in sys.modules if name.startswith(qt))
print(",".join(loaded))
"""


def test_core_and_cli_do_not_import_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
