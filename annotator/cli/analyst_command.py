"""``annotator analyst [NAME]``: show or set the analyst name recorded on annotations.

The same check as the preferences dialog (``core.analysts.checked_analyst``): an empty name
or the name reserved for gold annotations is refused with the core's message (exit 1) and
the settings stay as they were. Its own module so ``commands.py`` only gains one line.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from annotator.core.analysts import checked_analyst
from annotator.core.settings import load_settings, save_settings


def register(sub: Any, global_options: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser(
        "analyst",
        help="show or set your analyst name (recorded on every annotation you make)",
    )
    p.add_argument("name", nargs="?", default=None, metavar="NAME", help="the new name")
    p.set_defaults(run=run_analyst)
    global_options(p)


def run_analyst(options: argparse.Namespace) -> int:
    settings = load_settings()
    if options.name is None:
        print(settings.analyst)
        return 0
    name = checked_analyst(options.name)
    save_settings(replace(settings, analyst=name))
    print(name)
    return 0
