"""PySide6's check of each newly imported module reads bytes, with the same answers."""

from __future__ import annotations

import inspect
import linecache
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

import annotator.core.model
import annotator.gui.article_view
from annotator.gui import pyside_feature_check
from annotator.gui.pyside_feature_check import CHECK, FEATURE_MODULE, use_fast_feature_check


def feature() -> ModuleType:
    return sys.modules[FEATURE_MODULE]


def pyside_answer(module: ModuleType) -> bool:
    """What PySide6's own check answers: its source, decoded, mentions PySide6."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError):
        return False


def fresh_module(tmp_path: Path, name: str, body: str) -> ModuleType:
    (tmp_path / f"{name}.py").write_text(body, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        return __import__(name)  # an import statement's path, which PySide6 hooks
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(name, None)


def test_importing_the_gui_swaps_the_check_in() -> None:
    check = getattr(feature(), CHECK)
    assert getattr(check, "reads_bytes", False)
    assert use_fast_feature_check()  # a second call keeps the one swap
    assert getattr(feature(), CHECK) is check


@pytest.mark.parametrize(
    "module", [annotator.gui.article_view, annotator.core.model, inspect, sys, math]
)
def test_the_answer_is_pysides(module: ModuleType) -> None:
    assert getattr(feature(), CHECK)(module) == pyside_answer(module)


def test_a_new_module_is_classified_without_decoding_its_source(tmp_path: Path) -> None:
    uses = fresh_module(tmp_path, "uses_qt_sample", "import PySide6.QtCore\nVALUE = 1\n")
    plain = fresh_module(tmp_path, "plain_sample", "# héllo, in UTF-8\nVALUE = 2\n")
    table = feature().pyside_feature_dict
    assert table["uses_qt_sample"] == 0  # uses PySide: switches features (none chosen)
    assert table["plain_sample"] == -1  # does not: PySide ignores it
    assert uses.__file__ not in linecache.cache
    assert plain.__file__ not in linecache.cache


def test_a_pyside_without_the_check_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(feature(), CHECK)
    assert not pyside_feature_check.use_fast_feature_check()
    assert not hasattr(feature(), CHECK)
