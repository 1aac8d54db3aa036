"""``annotator agreement``: the table, --json keys, CSV formula neutralising, escaped HTML."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from annotator.cli.main import main
from annotator.core.model import AnnotationDraft, ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag

TEXT = "Alice said the port will open next year ."


def make_project(db: Path) -> None:
    spans = [
        (11, 29, "claim", "alice"),
        (0, 5, "=HYPERLINK(1)", "alice"),
        (11, 29, "claim", "<b>bob</b>"),
        (15, 19, "facility", "<b>bob</b>"),
    ]
    draft = ArticleDraft(
        text=TEXT,
        origin="test",
        annotations=tuple(AnnotationDraft(s, e, tag, annotator=who) for s, e, tag, who in spans),
    )
    with Project.open(db, analyst="alice") as project:
        project.store.store_article(draft, annotator="alice", new_tag_color=color_for_new_tag)


def test_agreement_table_json_csv_html(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "p.sqlite")
    make_project(Path(db))
    assert main(["--db", db, "agreement"]) == 0
    out = capsys.readouterr().out
    assert "<b>bob</b> & alice" in out and "overlap F1" in out and "(overall)" in out

    assert main(["--db", db, "agreement", "--json", "--annotators", "alice", "<b>bob</b>"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == 1
    assert data["annotators"] == ["alice", "<b>bob</b>"]
    pair = data["pairs"][0]
    assert pair["overall"]["exact"]["matched"] == 1
    assert set(pair["overall"]["tokens_all"]) == {"tokens", "observed", "kappa", "alpha", "ac1"}
    assert data["group"]["kind"] == "group"

    table, page = tmp_path / "a.csv", tmp_path / "a.html"
    assert main(["--db", db, "agreement", "--csv", str(table), "--html", str(page)]) == 0
    rows = list(csv.reader(table.open(encoding="utf-8")))
    assert rows[0] == ["comparison", "annotators", "documents", "tag", "measure", "value"]
    tags = {row[3] for row in rows[1:]}
    assert "'=HYPERLINK(1)" in tags and "=HYPERLINK(1)" not in tags
    html = page.read_text(encoding="utf-8")
    assert "<b>bob</b>" not in html and "&lt;b&gt;bob&lt;/b&gt;" in html
    assert "http" not in html and "<script" not in html


def test_agreement_needs_two_analysts(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "p.sqlite")
    assert main(["--db", db, "agreement"]) == 1
    assert "two analysts" in capsys.readouterr().err
