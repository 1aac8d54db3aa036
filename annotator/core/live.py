"""Live updates from a shared PostgreSQL project (issue #8 point 3).

Triggers (``storage.team_sql``) send one NOTIFY per changed annotation, relation or status
row at commit. ``ChangeFeed`` LISTENs on its own connection in a background thread and
hands each change to a callback; it also reports whether the server is reachable, so the
window can show "offline" within a couple of seconds of a network loss and "live" again
after it reconnects. Callbacks run on the feed's thread: a GUI must hop to its own thread.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import URL

from annotator.core.storage.team_sql import CHANNEL

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5
RETRY_SECONDS = 2.0


@dataclass(frozen=True)
class RemoteChange:
    """One row changed by someone (``user``): ``table`` is annotations, relations or
    document_status; ``op`` INSERT, UPDATE or DELETE."""

    table: str
    op: str
    row_id: str
    document_id: str
    user: str


def parse_notice(payload: str) -> RemoteChange | None:
    try:
        data = json.loads(payload)
        return RemoteChange(
            str(data["table"]),
            str(data["op"]),
            str(data["id"]),
            str(data["document_id"]),
            str(data.get("user", "")),
        )
    except (ValueError, KeyError, TypeError):
        log.warning("ignored a malformed change notice: %.200s", payload)
        return None


class ChangeFeed:
    """LISTEN in a daemon thread; reconnects until ``stop``."""

    def __init__(
        self,
        url: URL,
        on_change: Callable[[RemoteChange], None],
        on_online: Callable[[bool], None],
    ) -> None:
        self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._on_change = on_change
        self._on_online = on_online
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="annotator-live", daemon=True)
        self.online: bool | None = None

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._listen()
            except Exception:
                log.debug("change feed disconnected", exc_info=True)
            self._set_online(False)
            self._stopping.wait(RETRY_SECONDS)

    def _listen(self) -> None:
        import psycopg  # only team mode needs the driver

        with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            self._set_online(True)
            while not self._stopping.is_set():
                for notice in connection.notifies(timeout=POLL_SECONDS):
                    change = parse_notice(notice.payload)
                    if change is not None:
                        self._on_change(change)
                connection.execute("SELECT 1")  # notices a dead server between notices

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self._on_online(online)
