"""The wheel carries everything the program reads at run time: installed into a fresh venv
and run from outside the source tree, it finds its samples, its icon and its Alembic
migrations through importlib.resources."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]

CHECK = """
import json, sys
from importlib import resources
import annotator
from annotator.core.samples import sample_paths
files = resources.files("annotator.resources")
migrations = resources.files("annotator.core.storage") / "migrations"
print(json.dumps({
    "package": annotator.__file__,
    "version": annotator.__version__,
    "samples": [str(path) for path in sample_paths()],
    "icon": (files / "icons" / "annotator.svg").is_file(),
    "mako": (migrations / "script.py.mako").is_file(),
    "versions": sorted(p.name for p in (migrations / "versions").iterdir()
                       if p.name.endswith(".py") and p.name != "__init__.py"),
    "qt_loaded": any(name.startswith("PySide6") for name in sys.modules),
}))
"""


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}{done.stderr}"
    return done.stdout


def copy_sources(target: Path) -> Path:
    """What the sdist would hold: building from a copy keeps build/ and *.egg-info out of the
    working tree that others are editing, and stale build/lib files out of the wheel."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("annotator", "resources"):
        shutil.copytree(REPO / name, target / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, target / name)
    return target


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_finds_its_data(tmp_path: Path) -> None:
    source = copy_sources(tmp_path / "src")
    wheels = tmp_path / "wheels"
    run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)],
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("annotator-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "annotator/resources/icons/annotator.svg" in names
    assert "annotator/core/storage/migrations/script.py.mako" in names
    assert not any(name.startswith(("tests/", "packaging/", "bench/")) for name in names)

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-index",
            "--no-deps",
            "--find-links",
            str(wheels),
            "annotator",
        ],
        cwd=tmp_path,
    )
    # Third-party dependencies come from this interpreter's site-packages, added by a .pth
    # file AFTER the venv's own site-packages, so the installed wheel wins over anything
    # (such as an editable install of the working tree) found there.
    deps = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    site = Path(
        run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            cwd=tmp_path,
        ).strip()
    )
    (site / "zz_annotator_test_deps.pth").write_text("".join(f"{d}\n" for d in deps), "utf-8")

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    found = json.loads(run([str(python), "-c", CHECK], cwd=outside, env=env))

    assert Path(found["package"]).is_relative_to(venv), found["package"]
    assert found["version"] == VERSION
    assert len(found["samples"]) == 3
    assert all(Path(p).is_file() and Path(p).is_relative_to(venv) for p in found["samples"])
    assert found["icon"] and found["mako"] and found["versions"]
    assert not found["qt_loaded"]

    annotator = str(venv / "bin" / "annotator")
    db = str(outside / "project.sqlite")
    run([annotator, "--db", db, "import", found["samples"][0]], cwd=outside, env=env)
    listing = run([annotator, "--db", db, "list"], cwd=outside, env=env)
    assert len(listing.splitlines()) == 1
    assert run([annotator, "--version"], cwd=outside, env=env).strip() == f"annotator {VERSION}"
