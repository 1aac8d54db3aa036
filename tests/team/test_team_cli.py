"""``annotator team init`` / ``team add-analyst`` as an admin types them (issue #8)."""

from __future__ import annotations

import pytest

from annotator.cli.main import main
from annotator.core.project import Project
from bench.pg_cluster import Cluster


def test_init_then_add_analysts_then_they_connect(
    pg_cluster: Cluster, pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    admin = pg_cluster.url(pg_database)
    assert main(["team", "init", "--db", admin]) == 0
    assert "Roles created: annotator_analyst, annotator_reviewer, annotator_admin" in (
        capsys.readouterr().out
    )
    assert main(["--db", admin, "team", "add-analyst", "rita", "--reviewer",
                 "--password", "s3cret"]) == 0
    assert "Added reviewer rita." in capsys.readouterr().out
    assert main(["team", "add-analyst", "bob", "--db", admin]) == 0  # piped: generated
    out = capsys.readouterr().out
    assert "Added analyst bob." in out and "Password for bob (shown once): " in out
    assert main(["team", "init", "--db", admin]) == 0
    assert "Roles created: none (they existed)" in capsys.readouterr().out
    with Project.open(pg_cluster.url(pg_database, "rita", "s3cret")) as rita:
        assert rita.analyst == "rita" and rita.team is not None and rita.team.reviewer


def test_refusals_are_messages_not_tracebacks(
    pg_cluster: Cluster, pg_database: str, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["team", "init", "--db", "local.sqlite"]) == 1
    assert "Team mode needs a PostgreSQL database" in capsys.readouterr().err
    admin = pg_cluster.url(pg_database)
    main(["team", "init", "--db", admin])
    main(["team", "add-analyst", "bob", "--password", "x", "--db", admin])
    capsys.readouterr()
    as_bob = pg_cluster.url(pg_database, "bob", "x")
    assert main(["team", "add-analyst", "eve", "--password", "x", "--db", as_bob]) == 1
    err = capsys.readouterr().err
    assert "refused the team set-up as bob" in err and "Traceback" not in err
