"""A throwaway PostgreSQL server for the test suite and the team-mode load benchmark.

Debian ships the server binaries under ``/usr/lib/postgresql/<version>/bin``; ``initdb``
refuses to run as root, so when we are root the cluster is created and run as the
``postgres`` system user (``runuser``). The server listens on 127.0.0.1 at a free port with
``trust`` authentication for the local superuser ``postgres`` only in the sense that tests
connect without passwords; it lives in a temporary folder and is removed on ``stop``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL server binaries here, or the cluster would not start."""


def server_bindir() -> Path | None:
    """The newest Debian PostgreSQL server ``bin`` folder, or one on ``PATH``."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _version_key(path: str) -> float:
    try:
        return float(Path(path).parents[1].name)
    except ValueError:
        return 0.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    """One running throwaway server; ``url(db, user)`` builds SQLAlchemy URLs for it."""

    bindir: Path
    root: Path
    port: int
    as_postgres: bool

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = "") -> str:
        secret = f":{password}" if password else ""
        return f"postgresql+psycopg://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=120)

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        log = self.root / "server.log"
        result = self.run("pg_ctl", "-D", str(self.datadir), "-l", str(log), "-o", options,
                          "-w", "-t", "60", "start", check=False)
        if result.returncode != 0:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise ClusterUnavailable(f"pg_ctl start failed: {result.stderr}\n{tail}")

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.datadir), "-m", mode, "-w", "stop", check=False)

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def wait_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready = self.run("pg_isready", "-h", "127.0.0.1", "-p", str(self.port), check=False)
            if ready.returncode == 0:
                return
            time.sleep(0.1)
        raise ClusterUnavailable(f"the server on port {self.port} did not become ready")


def create_cluster() -> Cluster:
    """initdb + start a new cluster in a temporary folder (about two seconds)."""
    bindir = server_bindir()
    if bindir is None:
        raise ClusterUnavailable(
            "No PostgreSQL server binaries (initdb) found; install Debian's postgresql package."
        )
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    root.chmod(0o700)
    cluster = Cluster(bindir=bindir, root=root, port=_free_port(), as_postgres=as_postgres)
    result = cluster.run("initdb", "-D", str(cluster.datadir), "-U", SUPERUSER, "-A", "trust",
                         "-E", "UTF8", "--no-sync", "--locale=C.UTF-8", check=False)
    if result.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise ClusterUnavailable(f"initdb failed: {result.stderr.strip()[-1000:]}")
    cluster.start()
    cluster.wait_ready()
    return cluster


def main(argv: list[str]) -> int:
    """``python3 bench/pg_cluster.py start`` prints ``URL ROOT``; ``stop ROOT`` removes it
    (for shell scripts such as packaging/build.sh's smoke test)."""
    if argv[:1] == ["start"]:
        cluster = create_cluster()
        print(cluster.url(), cluster.root)
        return 0
    if len(argv) == 2 and argv[0] == "stop":
        bindir = server_bindir()
        root = Path(argv[1])
        if bindir is not None and root.name.startswith("annotator-pg-"):
            Cluster(bindir, root, 0, os.geteuid() == 0).destroy()
        return 0
    print("usage: pg_cluster.py start | stop ROOT", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
