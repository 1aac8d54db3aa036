"""One log file for everything the analyst should never see as a traceback."""

from __future__ import annotations

import logging
import logging.handlers

from annotator.core import paths

_handler: logging.handlers.RotatingFileHandler | None = None


def configure_logging(level: int = logging.INFO) -> None:
    """Send log records to a rotating file in the platform log folder.

    Idempotent; if the log folder moved (another ``ANNOTATOR_HOME``), the file follows it.
    """
    global _handler
    target = str(paths.log_file())
    root = logging.getLogger("annotator")
    if _handler is not None:
        if _handler.baseFilename == target:
            return
        root.removeHandler(_handler)
        _handler.close()
    # backslashreplace: a file name with undecodable bytes (or a lone surrogate from a JSON
    # escape) in a message is written as its escape instead of failing the whole record.
    _handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=2_000_000, backupCount=3, encoding="utf-8", errors="backslashreplace"
    )
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(_handler)
    root.setLevel(level)
