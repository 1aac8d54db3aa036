"""Team mode on a shared PostgreSQL server (issue #8): setting it up and joining it.

``init_team`` is run once by an admin (any PostgreSQL role that may create roles and owns
the database): it creates the schema, the group roles, grants, row-level security, the
live-update triggers and the reserved "gold" analyst. ``add_analyst`` creates a login role
for a colleague. In the app, an analyst connected to a team project *is* their login role:
``team_identity`` tells ``Project.open`` so, because the server decides what they may
change by that name.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from annotator.core.errors import AnnotatorError, DatabaseError
from annotator.core.storage import team_sql
from annotator.core.storage.engine import make_engine, resolve_url
from annotator.core.storage.schema import prepare_schema
from annotator.core.storage.store import Store
from annotator.core.tags import DEFAULT_TAGS

TEAM_MODE_KEY = "team_mode"
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_.-]{0,62}$")


@dataclass(frozen=True)
class TeamSetup:
    """What ``init_team`` did, for the admin's terminal."""

    database: str
    roles_created: tuple[str, ...]
    schema: str


@dataclass(frozen=True)
class TeamIdentity:
    """Who the connection is in a team project: login role and groups."""

    login: str
    roles: frozenset[str]

    @property
    def reviewer(self) -> bool:
        return bool(self.roles & {team_sql.REVIEWER, team_sql.ADMIN})

    @property
    def admin(self) -> bool:
        return team_sql.ADMIN in self.roles


def _postgres_url(url_or_path: str | URL | None) -> URL:
    url = url_or_path if isinstance(url_or_path, URL) else resolve_url(url_or_path)
    if url.get_backend_name() != "postgresql":
        raise AnnotatorError(
            "Team mode needs a PostgreSQL database: give --db "
            "postgresql+psycopg://ADMIN@HOST/DATABASE (the admin's login)."
        )
    return url


def init_team(url_or_path: str | URL | None) -> TeamSetup:
    """Create (or complete) a team project; idempotent."""
    url = _postgres_url(url_or_path)
    engine = make_engine(url)
    try:
        schema = prepare_schema(engine)
        store = Store(engine)
        if not store.tags():
            store.add_tags(DEFAULT_TAGS)
        with _admin_transaction(engine, url) as connection:
            created = team_sql.create_roles(connection)
            team_sql.grant_and_protect(connection, str(url.database))
            team_sql.install_live_triggers(connection)
            _ensure_analyst_row(connection, team_sql.GOLD)
            for key, value in ((TEAM_MODE_KEY, "1"), ("project_id", str(uuid.uuid4()))):
                connection.execute(
                    text(
                        "INSERT INTO project_info (key, value) VALUES (:k, :v) "
                        "ON CONFLICT (key) DO NOTHING"
                    ),
                    {"k": key, "v": value},
                )
        return TeamSetup(str(url.database), tuple(created), schema)
    finally:
        engine.dispose()


def add_analyst(
    url_or_path: str | URL | None,
    name: str,
    password: str,
    *,
    reviewer: bool = False,
    admin: bool = False,
) -> bool:
    """A login role for a colleague and their analyst row; True if the role is new."""
    if not ROLE_NAME.match(name):
        raise AnnotatorError(
            f"'{name}' cannot be an analyst's login: use lower-case letters, digits, '_', "
            "'.' or '-', starting with a letter (it becomes a PostgreSQL role)."
        )
    if name == team_sql.GOLD:
        raise AnnotatorError("'gold' is reserved for reviewed annotations; choose another name.")
    if not password:
        raise AnnotatorError(f"Give {name} a password (--password, or type it when asked).")
    url = _postgres_url(url_or_path)
    engine = make_engine(url)
    try:
        with _admin_transaction(engine, url) as connection:
            new = team_sql.add_login_role(
                connection, name, password, reviewer=reviewer, admin=admin
            )
            _ensure_analyst_row(connection, name)
        return new
    finally:
        engine.dispose()


def team_identity(engine: Engine) -> TeamIdentity | None:
    """The login role and its team groups, or None outside team mode (SQLite, or a
    PostgreSQL project where ``team init`` never ran)."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as connection:
        flag = connection.execute(
            text("SELECT value FROM project_info WHERE key = :k"), {"k": TEAM_MODE_KEY}
        ).scalar()
        if flag is None:
            return None
        login = str(connection.execute(text("SELECT session_user")).scalar())
        roles = frozenset(team_sql.member_roles(connection))
    return TeamIdentity(login, roles)


def _ensure_analyst_row(connection: Connection, name: str) -> None:
    connection.execute(
        text(
            "INSERT INTO annotators (name, display_name, created) "
            "VALUES (:n, :n, now() AT TIME ZONE 'utc') ON CONFLICT (name) DO NOTHING"
        ),
        {"n": name},
    )


@contextmanager
def _admin_transaction(engine: Engine, url: URL) -> Iterator[Connection]:
    """One transaction as the admin; a refusal becomes a message that says what to do."""
    try:
        with engine.begin() as connection:
            yield connection
    except DBAPIError as failure:
        raise DatabaseError(
            f"The server refused the team set-up as {url.username or 'this user'}: "
            f"{failure.orig}. Run it as a role that owns the database and may create "
            "roles (e.g. the postgres superuser)."
        ) from failure
