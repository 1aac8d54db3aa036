"""Telling apart what a database server's refusal means, so the analyst reads what to do:
the server is unreachable (``OfflineError``: nothing was done, nothing is lost) or its
rules forbid the change (``NotAllowedError``: team-mode roles and row-level security)."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from annotator.core.errors import NotAllowedError, OfflineError

INSUFFICIENT_PRIVILEGE = "42501"  # SQLSTATE of a GRANT or row-level security refusal


def sqlstate(exc: BaseException) -> str | None:
    state = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return state if isinstance(state, str) else None


def unreachable(engine: Engine, exc: BaseException) -> bool:
    """A lost or refused connection to a server (never the case for a SQLite file)."""
    if engine.dialect.name == "sqlite" or not isinstance(exc, OperationalError):
        return False
    state = sqlstate(exc)
    return exc.connection_invalidated or state is None or state.startswith("08")


def offline(where: str) -> OfflineError:
    return OfflineError(
        f"The server of {where} cannot be reached, so this was not done. "
        "Nothing is lost: every change you made before is saved on the server. "
        "Annotator shows when the server is back; then do it again."
    )


def not_allowed(exc: DBAPIError) -> NotAllowedError | None:
    if sqlstate(exc) != INSUFFICIENT_PRIVILEGE:
        return None
    lines = str(exc.orig).strip().splitlines()
    reason = lines[0] if lines else "refused"
    return NotAllowedError(
        f"You are not allowed to make this change ({reason}). " + NotAllowedError.ADVICE
    )
