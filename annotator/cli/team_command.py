"""``annotator team init`` and ``annotator team add-analyst NAME [--reviewer]`` (issue #8).

Run by an admin with ``--db postgresql+psycopg://ADMIN@HOST/DATABASE``. Its own module so
that ``commands.py`` only gains the line that registers it.
"""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys
from collections.abc import Callable
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.team import add_analyst, init_team


def register(sub: Any, global_options: Callable[[argparse.ArgumentParser], None]) -> None:
    team = sub.add_parser(
        "team",
        help="set up a shared PostgreSQL project: roles, rights, analysts",
        description="Team mode on PostgreSQL. Run as a role that owns the database and "
        "may create roles, with --db postgresql+psycopg://ADMIN@HOST/DATABASE.",
    )
    global_options(team)
    actions = team.add_subparsers(dest="team_command", required=True, metavar="ACTION")
    init = actions.add_parser(
        "init",
        help="create the schema, the roles annotator_analyst/_reviewer/_admin, "
        "row-level security and live-update triggers (safe to run again)",
    )
    global_options(init)
    init.set_defaults(run=run_init)
    add = actions.add_parser("add-analyst", help="add a login role for a colleague")
    add.add_argument("name", metavar="NAME", help="the login (lower case, e.g. alice)")
    add.add_argument("--reviewer", action="store_true", help="may review and curate gold")
    add.add_argument("--admin", action="store_true", help="may change the tag schema too")
    add.add_argument(
        "--password",
        default=None,
        help="the login's password (default: asked for on a terminal, else generated "
        "and printed once)",
    )
    global_options(add)
    add.set_defaults(run=run_add_analyst)


def run_init(options: argparse.Namespace) -> int:
    setup = init_team(options.db)
    roles = ", ".join(setup.roles_created) or "none (they existed)"
    print(f"Team project ready in database {setup.database} (schema {setup.schema}).")
    print(f"Roles created: {roles}.")
    print("Add analysts with: annotator team add-analyst NAME [--reviewer] --db URL")
    return 0


def run_add_analyst(options: argparse.Namespace) -> int:
    password, generated = _password(options.password, options.name)
    new = add_analyst(
        options.db, options.name, password, reviewer=options.reviewer, admin=options.admin
    )
    kind = "admin" if options.admin else "reviewer" if options.reviewer else "analyst"
    print(f"{'Added' if new else 'Updated'} {kind} {options.name}.")
    if generated:
        print(f"Password for {options.name} (shown once): {password}")
    return 0


def _password(given: str | None, name: str) -> tuple[str, bool]:
    if given:
        return given, False
    if sys.stdin.isatty():
        first = getpass.getpass(f"Password for {name}: ")
        if first != getpass.getpass("Again: "):
            raise AnnotatorError("The two passwords differ; nothing was changed.")
        return first, False
    return secrets.token_urlsafe(12), True
