"""Fixtures for tests that run on PostgreSQL as well as SQLite (issue #8).

One throwaway server per test session (``bench.pg_cluster``); each test gets a fresh
database, dropped afterwards. Where no server binaries exist the PostgreSQL variants are
skipped, except when ``ANNOTATOR_TEST_PG=required`` (the README's test command sets it), so
CI can never pass by silently skipping them.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.pg_cluster import Cluster, ClusterUnavailable, create_cluster  # noqa: E402

BACKENDS = ("sqlite", "postgresql")


def pg_required() -> bool:
    return os.environ.get("ANNOTATOR_TEST_PG", "") == "required"


def _started_cluster() -> Iterator[Cluster]:
    """A new server, skipped where there are no binaries (failed when PG is required)."""
    try:
        cluster = create_cluster()
    except ClusterUnavailable as exc:
        if pg_required():
            pytest.fail(f"PostgreSQL is required for this run: {exc}")
        pytest.skip(f"no PostgreSQL server: {exc}")
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    yield from _started_cluster()


@pytest.fixture
def own_cluster() -> Iterator[Cluster]:
    """A server of the test's own, for tests that stop and start it."""
    yield from _started_cluster()


def admin_execute(cluster: Cluster, *statements: str, database: str = "postgres") -> None:
    engine = create_engine(cluster.url(database), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def pg_database(pg_cluster: Cluster) -> Iterator[str]:
    """A fresh, empty database on the session's server; yields its name."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin_execute(pg_cluster, f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        admin_execute(pg_cluster, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_cluster: Cluster, pg_database: str) -> str:
    return pg_cluster.url(pg_database)


@pytest.fixture
def new_location(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[[str], str]:
    """Makes more project locations for one test (a colleague's project, say): SQLite
    files in the test's folder, or fresh databases on the session's PostgreSQL server."""

    def make(name: str) -> str:
        if backend != "postgresql":
            return str(tmp_path / f"{name}.sqlite")
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        database = f"t_{uuid.uuid4().hex[:12]}"
        admin_execute(cluster, f'CREATE DATABASE "{database}"')
        request.addfinalizer(
            lambda: admin_execute(cluster, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        )
        return cluster.url(database)

    return make
