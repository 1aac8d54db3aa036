"""The sample articles shipped with the program, found through importlib.resources so they
work the same from a source tree, a wheel or a frozen build."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def sample_paths() -> list[Path]:
    folder = resources.files("annotator.resources") / "samples"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".txt"))
