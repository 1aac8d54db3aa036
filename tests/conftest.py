"""Shared fixtures: every test gets its own Annotator home (data, config, logs), so no test
touches the analyst's real files, and projects are real SQLite databases in tmp folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from annotator.core.project import Project
from tests.postgres import (  # noqa: F401
    BACKENDS,
    new_location,
    own_cluster,
    pg_cluster,
    pg_database,
    pg_url,
)

# Timings belong in bench/, not in tests: Hypothesis's per-example deadline and its check
# that generating data is not "too slow" fail a correct test when this shared machine
# stalls for a second (seen once in tests/core/sources/test_annotation_fast_path.py).
settings.register_profile("annotator", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("annotator")


@pytest.fixture(autouse=True)
def annotator_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANNOTATOR_HOME", str(home))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "project.sqlite"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules marked ``both_backends`` run every test once on SQLite, once on PostgreSQL."""
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_backends"
    ):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def location(backend: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """Where the test's project lives: a SQLite file, or a fresh PostgreSQL database."""
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(db_path)


@pytest.fixture
def project(location: str) -> Iterator[Project]:
    with Project.open(location, analyst="alice") as opened:
        yield opened


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
