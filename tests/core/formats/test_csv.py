"""CSV export: one row per annotation, Excel-ready, safe against formula injection."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from annotator.core.formats.csvfile import COLUMNS, neutralise
from annotator.core.project import Project

from .conftest import load


def _rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_columns_and_values(project: Project, tmp_path: Path) -> None:
    text = 'Veskar said: "the 😀 pad,\nopens" today.'
    start = text.index('"')
    extra = {"note": "see p. 2", "attributes": {"certain": True, "n": 2}}
    (doc_id,) = load(project, tmp_path, [(text, [(start, start + 22, "quote", "bob", extra)])])
    out = tmp_path / "out.csv"
    assert project.export("csv", out) == 1
    (row,) = _rows(out)
    assert tuple(row) == COLUMNS
    assert row["document_id"] == doc_id
    assert (int(row["start"]), int(row["end"])) == (start, start + 22)
    assert row["quote"] == text[start : start + 22]
    assert row["annotator"] == "bob"
    assert json.loads(row["attributes"]) == {"certain": True, "n": 2}
    assert row["note"] == "see p. 2"


def test_hostile_cells_are_neutralised(project: Project, tmp_path: Path) -> None:
    text = '=HYPERLINK("http://evil") +1 -2 @SUM(A1) \tx plain'

    def at(part: str) -> tuple[int, int]:
        start = text.index(part)
        return start, start + len(part)

    spans = [
        (*at("=HYPERLINK"), "=cmd|' /C calc'!A0", "@admin", {"note": "+SUM(1)"}),
        (*at("-2"), "claim", "-rm", {"note": "\rnote"}),
        (*at("@SUM(A1)"), "claim"),
        (*at("\tx plain"), "claim", "alice", {"note": "\tTAB"}),
    ]
    load(project, tmp_path, [(text, spans)])
    out = tmp_path / "out.csv"
    project.export("csv", out)
    for row in _rows(out):
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    quotes = [row["quote"] for row in _rows(out)]
    assert "'=HYPERLINK" in quotes
    assert "'-2" in quotes
    assert "'@SUM(A1)" in quotes
    tags = {row["tag"] for row in _rows(out)}
    assert "'=cmd|' /C calc'!A0" in tags


def test_neutralise_leaves_ordinary_cells_alone() -> None:
    assert neutralise("plain") == "plain"
    assert neutralise("") == ""
    assert neutralise("a=b") == "a=b"
    assert neutralise("-") == "'-"


def test_empty_project_writes_only_the_header(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert project.export("csv", out) == 0
    assert _rows(out) == []
