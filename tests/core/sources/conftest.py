"""Helpers for the reader tests: sample files are written as bytes into ``tmp_path``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.sources import read_file


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """Write ``data`` (str as UTF-8) to ``tmp_path / name``, creating folders."""

    def _write(name: str, data: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return _write


def read_one(path: Path, **kwargs: int) -> ArticleDraft:
    (result,) = read_file(path, **kwargs)
    assert isinstance(result, ArticleDraft), result
    return result


def fail_one(path: Path, **kwargs: int) -> ReadFailure:
    (result,) = read_file(path, **kwargs)
    assert isinstance(result, ReadFailure), result
    return result


@pytest.fixture
def read() -> Callable[..., ArticleDraft]:
    return read_one


@pytest.fixture
def fail() -> Callable[..., ReadFailure]:
    return fail_one
