"""A cheaper answer to the question PySide6 asks of every module imported after it.

PySide6 replaces ``__import__`` to support its opt-in ``from __feature__ import ...``
syntax, and after each new module asks ``shibokensupport.feature._mod_uses_pyside``
whether that module's source mentions "PySide6". It answers with ``inspect.getsource``,
which decodes the whole file into ``linecache`` and keeps it there. Measured on this
app's start (``bench/window_child.py``): 107 modules before the window shows cost
21-27 ms, and the 251 modules that opening the project imports (SQLAlchemy, mostly) cost
73-90 ms, and left 8 million characters of source in memory for the life of the process
(peak RSS with a 1,000-document project listed: 129.7 MB before this, 109.0 MB after).

The question is the same; only the reading changes: the file's bytes are searched
instead, which gives the same answer for every source encoding Python accepts, and any
module that is not a plain ``.py`` file still goes to PySide6's own check. Nothing here
changes which features a module sees.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

MARK = b"PySide6"
FEATURE_MODULE = "shibokensupport.feature"
CHECK = "_mod_uses_pyside"


def use_fast_feature_check() -> bool:
    """Swap in `mentions_pyside` for PySide6's check; False if this PySide6 has no such
    check (a later version may drop or rename it: then its own stays, unchanged)."""
    import PySide6.QtCore  # noqa: F401  (loads shibokensupport.feature)

    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, CHECK, None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "reads_bytes", False):
        return True  # already swapped
    setattr(feature, CHECK, _bytes_check(original))
    return True


def _bytes_check(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # built in, compiled, zipped or a namespace
        try:
            with open(path, "rb") as source:
                return MARK in source.read()
        except OSError:
            return original(module)

    mentions_pyside.reads_bytes = True  # type: ignore[attr-defined]
    return mentions_pyside
