"""One log file for everything the analyst should never see as a traceback."""

from __future__ import annotations

import logging
import logging.handlers

from annotator.core import paths

_configured = False


def configure_logging(level: int = logging.INFO) -> None:
    """Send log records to a rotating file in the platform log folder (idempotent)."""
    global _configured
    if _configured:
        return
    handler = logging.handlers.RotatingFileHandler(
        paths.log_file(), maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("annotator")
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True
