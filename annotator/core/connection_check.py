""""Test connection" for the preferences dialog: can this location be opened, and as what?

It only connects and reads; it never creates, migrates or writes, so testing a URL a
colleague sent is harmless. Every failure is a ``DatabaseError`` whose message says what
to fix (host, password, database name), the way the analyst would want to read it.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from annotator.core.errors import DatabaseError
from annotator.core.storage.engine import make_engine, resolve_url, sqlite_path
from annotator.core.team import team_identity


def check_connection(location: str) -> str:
    """A one-line description of what ``location`` holds, or ``DatabaseError``."""
    url = resolve_url(location)
    path = sqlite_path(url)
    if path is not None:
        if not path.exists():
            return f"No project at {path} yet: Annotator will create it there."
        if path.is_dir():
            raise DatabaseError(f"{path} is a folder; give a project file inside it.")
    engine = make_engine(url, read_only=path is not None)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
        described = _describe(engine, tables)
    except SQLAlchemyError as exc:
        raise DatabaseError(_advice(url.render_as_string(hide_password=True), exc)) from exc
    finally:
        engine.dispose()
    return described


def _describe(engine: Engine, tables: set[str]) -> str:
    where = engine.url.render_as_string(hide_password=True)
    if "annotations" not in tables:
        empty = "an empty database" if not tables else "a database of another program"
        return f"Connected to {where}: {empty}; Annotator will set up a project there."
    with engine.connect() as connection:
        documents = connection.execute(text("SELECT count(*) FROM documents")).scalar()
    team = team_identity(engine)
    if team is None:
        return f"Connected to {where}: an Annotator project with {documents} documents."
    role = "admin" if team.admin else "reviewer" if team.reviewer else "analyst"
    return (
        f"Connected to {where} as {team.login} ({role}): a team project with "
        f"{documents} documents."
    )


def _advice(where: str, exc: SQLAlchemyError) -> str:
    found = str(getattr(exc, "orig", exc)).strip().splitlines()
    reason = found[0] if found else "unknown error"
    lowered = reason.lower()
    if "password" in lowered or "authentication" in lowered:
        hint = "Check the user name and password (in the URL or in ~/.pgpass)."
    elif "does not exist" in lowered:
        hint = "Check the database name; an admin creates it and runs 'annotator team init'."
    elif "connect" in lowered or "refused" in lowered or "timeout" in lowered:
        hint = "Check the host and port, and that the server is running and reachable."
    else:
        hint = "Check the URL: postgresql+psycopg://USER@HOST:PORT/DATABASE."
    return f"Cannot connect to {where}: {reason}. {hint}"
