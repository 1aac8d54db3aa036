"""Offsets never drift through the GUI (issue 10): text imported from a file (through
``annotator.core.sources``, which normalises newlines) is shown in a real ArticleView, a
span is selected as a Qt range, converted by ``ArticleView.selected_range`` (OffsetMap),
tagged through the Project and exported as JSONL; the quote is exactly what Qt showed
selected, and ``text[start:end] == quote`` in the export.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor

from annotator.core.project import Project
from annotator.core.sources import normalise_text
from annotator.gui.article_view import ArticleView
from annotator.gui.offsets import OffsetMap, for_qt

PIECES = [
    "😀",
    "𝒳",
    "👩\u200d🔬",
    "e\u0301",
    "a\u0308\u0323",
    "\u200d",
    "\u200b",
    "שלום",
    "مرحبا",
    "\u200f",
    "\u202e",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\x0b",
    "\x0c",
    "\x1f",
    "\x85",
    "\u2028",
    "\ufeff",
    "word",
    " ",
]
hostile_text = (
    st.lists(
        st.sampled_from(PIECES)
        | st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
        min_size=1,
        max_size=50,
    )
    .map("".join)
    .filter(lambda text: normalise_text(text) != "")
)


def shown(cursor: QTextCursor) -> str:
    """What Qt shows selected, with its paragraph separators back as newlines."""
    return cursor.selectedText().replace("\u2029", "\n")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=hostile_text, data=st.data())
def test_a_qt_selection_is_tagged_and_exported_without_drift(
    view: ArticleView, tmp_path_factory: Any, raw: str, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("view")
    source = folder / "article.txt"
    source.write_bytes(raw.encode("utf-8"))
    with Project.open(folder / "p.sqlite", analyst="a") as project:
        report = project.import_paths([source])
        assert not report.failures, report.failures
        (document_id,) = report.document_ids
        text = project.document(document_id).text
        view.set_article(text, [])
        offsets = OffsetMap(text)
        assert view.document().characterCount() - 1 == offsets.qt_length
        anchor = data.draw(st.integers(0, offsets.qt_length))
        position = data.draw(st.integers(0, offsets.qt_length))
        cursor = QTextCursor(view.document())
        cursor.setPosition(anchor)
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        chosen = view.selected_range()
        if chosen is None:
            return
        start, end = chosen
        made = project.tag_span(document_id, start, end, "claim")
        # The span converted back selects exactly the quote in Qt.
        back = QTextCursor(view.document())
        back.setPosition(offsets.to_qt(made.start))
        back.setPosition(offsets.to_qt(made.end), QTextCursor.MoveMode.KeepAnchor)
        assert made.quote == text[start:end]
        # Qt shows an opening U+FEFF / U+FFFE as its same-width stand-in (``for_qt``).
        assert shown(back) == for_qt(text)[start:end]
        out = folder / "out.jsonl"
        project.export("jsonl", out)
    (record,) = [json.loads(line) for line in out.read_text("utf-8").split("\n") if line]
    (annotation,) = record["annotations"]
    assert record["text"][annotation["start"] : annotation["end"]] == annotation["quote"]
    assert annotation["quote"] == made.quote


def test_selected_range_matches_qt_text_on_a_mixed_article(
    view: ArticleView, tmp_path: Path
) -> None:
    raw = "Ligne 1 😀 e\u0301\r\nשלום 👩\u200d🔬 end\rlast 𝒳 line\n"
    source = tmp_path / "mixed.txt"
    source.write_bytes(raw.encode("utf-8"))
    with Project.open(tmp_path / "p.sqlite", analyst="a") as project:
        (document_id,) = project.import_paths([source]).document_ids
        text = project.document(document_id).text
        assert text == "Ligne 1 😀 e\u0301\nשלום 👩\u200d🔬 end\nlast 𝒳 line"
        view.set_article(text, [])
        cursor = view.document().find("👩")
        cursor.setPosition(view.document().find("last").selectionEnd(), cursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        chosen = view.selected_range()
        assert chosen is not None
        made = project.tag_span(document_id, *chosen, "quote")
        assert made.quote == "👩\u200d🔬 end\nlast" == shown(cursor)


def test_an_article_that_opens_with_a_byte_order_mark_does_not_drift(
    view: ArticleView, tmp_path: Path
) -> None:
    """A JSONL record keeps a text's opening U+FEFF, which Qt's ``setPlainText`` drops: the
    imported span and a new selection must still cover exactly their words."""
    record = {
        "id": "bom",
        "text": "\ufeffVeskar range grew.",
        "annotations": [{"start": 1, "end": 7, "tag": "facility", "quote": "Veskar"}],
    }
    source = tmp_path / "bom.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Project.open(tmp_path / "p.sqlite", analyst="a") as project:
        (document_id,) = project.import_paths([source]).document_ids
        text = project.document(document_id).text
        assert text.startswith("\ufeff")
        view.set_article(text, [])
        offsets = OffsetMap(text)
        (imported,) = project.annotations(document_id)
        cursor = QTextCursor(view.document())
        cursor.setPosition(offsets.to_qt(imported.start))
        cursor.setPosition(offsets.to_qt(imported.end), QTextCursor.MoveMode.KeepAnchor)
        assert shown(cursor) == "Veskar"
        view.setTextCursor(view.document().find("range"))
        chosen = view.selected_range()
        assert chosen is not None
        assert project.tag_span(document_id, *chosen, "claim").quote == "range"


def test_an_article_that_opens_with_u_fffe_is_not_byte_swapped(view: ArticleView) -> None:
    """PySide would read the noncharacter as a swapped byte order mark and show the rest of
    the article as CJK characters; it shows as one replacement character instead."""
    text = "\ufffeVeskar range grew."
    view.set_article(text, [])
    assert view.document().toPlainText() == "\ufffdVeskar range grew."
    view.setTextCursor(view.document().find("range"))
    assert view.selected_range() == (text.index("range"), text.index("range") + 5)
