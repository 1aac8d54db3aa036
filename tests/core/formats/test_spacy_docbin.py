"""spaCy reads what we write: the .spacy DocBin (spans, ents, our fields), and every
token-aligned span of the spaCy JSONL export is accepted by ``Doc.char_span``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, DocBin

from annotator.cli.main import main
from annotator.core.errors import AnnotatorError
from annotator.core.formats.tokens import tokenize
from annotator.core.project import Project

from .conftest import UNICODE_TEXT, fresh_project, load

TEXT = "Dr. Ávila's pad—at Veskar😀 opened.\n\nThe  base grew."
PAD = (TEXT.index("pad"), TEXT.index("pad") + 3, "claim")


def _docs(path: Path) -> list[Doc]:
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def test_docbin_spans_ents_and_our_fields(project: Project, tmp_path: Path) -> None:
    veskar = TEXT.index("Veskar")
    base = TEXT.index("base")
    spans = [
        (veskar, veskar + 6, "facility", "alice", {"note": "seen"}),
        (veskar - 3, veskar + 6, "claim", "bob", {"attributes": {"sure": True}}),  # overlaps
        (5, 9, "claim"),  # "vila": inside the token "Ávila"
        (base, base + 4, "facility"),
    ]
    (doc_id,) = load(project, tmp_path, [(TEXT, spans)])
    out = tmp_path / "train.spacy"
    assert project.export("spacy-docbin", out) == 1
    (doc,) = _docs(out)
    assert doc.text == TEXT
    found = [(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]]
    assert found == [
        (4, 9, "claim"),  # widened to the whole token "Ávila"
        (veskar - 3, veskar + 6, "claim"),
        (veskar, veskar + 6, "facility"),
        (base, base + 4, "facility"),
    ]
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert ents == [
        (4, 9, "claim"),
        (veskar - 3, veskar + 6, "claim"),
        (base, base + 4, "facility"),
    ]
    ours = doc.user_data["annotator"]
    assert ours["document_id"] == doc_id
    extras = ours["spans"]
    assert (extras[0]["start"], extras[0]["end"]) == (5, 9), "exact offsets are kept"
    assert extras[1]["annotator"] == "bob" and extras[1]["attributes"] == {"sure": True}
    assert extras[2]["note"] == "seen"
    stored = {a.id for a in project.annotations(doc_id)}
    assert {e["id"] for e in extras} == stored


def test_spacy_format_to_a_dot_spacy_file_writes_a_docbin(project: Project, tmp_path: Path) -> None:
    load(project, tmp_path, [(TEXT, [PAD])])
    project.export("spacy", tmp_path / "a.spacy")
    project.export("spacy", tmp_path / "a.jsonl")
    (doc,) = _docs(tmp_path / "a.spacy")
    assert [s.text for s in doc.spans["sc"]] == ["pad"]
    assert json.loads((tmp_path / "a.jsonl").read_text())["spans"][0]["label"] == "claim"


def test_language_of_the_document_picks_the_tokenizer(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "de.jsonl"
    lines = [
        {"text": "Das ist z.B. ein Test.", "language": "de", "label": [[8, 12, "claim"]]},
        {"text": "Unknown tongue here.", "language": "qq-XX", "label": [[0, 7, "claim"]]},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    project.import_paths([path])
    project.export("spacy-docbin", tmp_path / "o.spacy")
    german, unknown = _docs(tmp_path / "o.spacy")
    assert [s.text for s in german.spans["sc"]] == ["z.B."], "German keeps 'z.B.' one token"
    assert [s.text for s in unknown.spans["sc"]] == ["Unknown"]


def test_cli_reports_widened_spans(tmp_path: Path, db_path: Path, capsys) -> None:
    with Project.open(db_path, analyst="alice") as project:
        load(project, tmp_path, [(TEXT, [(5, 9, "claim"), PAD])])
    out = tmp_path / "o.spacy"
    assert main(["--db", str(db_path), "export", "-f", "spacy-docbin", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "wrote 1 documents" in captured.out
    assert "1 of 2 spans did not fall on spaCy token boundaries" in captured.err


def test_missing_spacy_says_how_to_install(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(project, tmp_path, [(TEXT, [PAD])])
    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(AnnotatorError, match=r"install annotator\[spacy\]"):
        project.export("spacy-docbin", tmp_path / "o.spacy")
    assert not (tmp_path / "o.spacy").exists()


def test_cancel_writes_nothing(project: Project, tmp_path: Path) -> None:
    load(project, tmp_path, [(TEXT, [PAD])])
    assert project.export("spacy-docbin", tmp_path / "o.spacy", cancelled=lambda: True) == 0
    assert list(tmp_path.glob("*.spacy*")) == []


def _spacy_doc(record: dict[str, Any]) -> Doc:
    """A spaCy Doc with exactly the exported tokens, the text between them kept as
    spaCy keeps it: one trailing U+0020 per token, any other whitespace as its own token."""
    text = record["text"]
    words: list[str] = []
    spaces: list[bool] = []
    position = 0

    def gap(until: int) -> None:
        rest = text[position:until]
        if not rest:
            return
        if words and not spaces[-1] and rest.startswith(" "):
            spaces[-1] = True
            rest = rest[1:]
        if rest:
            words.append(rest)
            spaces.append(False)

    for token in record["tokens"]:
        gap(token["start"])
        words.append(token["text"])
        spaces.append(False)
        position = token["end"]
    gap(len(text))
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    assert doc.text == text
    return doc


@st.composite
def aligned_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(UNICODE_TEXT.filter(lambda t: bool(tokenize(t))))
    tokens = tokenize(text)
    spans = []
    for _ in range(draw(st.integers(1, 4))):
        first = draw(st.integers(0, len(tokens) - 1))
        last = draw(st.integers(first, len(tokens) - 1))
        spans.append((tokens[first].start, tokens[last].end, "claim"))
    return text, spans


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=aligned_spans())
def test_char_span_accepts_every_token_aligned_span(
    document: tuple[str, list], tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp = tmp_path_factory.mktemp("aligned")
    with fresh_project(tmp / "p") as project:
        load(project, tmp, [document])
        project.export("spacy", tmp / "o.jsonl")
    (record,) = [json.loads(line) for line in (tmp / "o.jsonl").read_text().splitlines()]
    doc = _spacy_doc(record)
    tokens = record["tokens"]
    for span in record["spans"]:
        assert tokens[span["token_start"]]["start"] == span["start"]
        assert tokens[span["token_end"]]["end"] == span["end"]
        found = doc.char_span(span["start"], span["end"], label=span["label"])
        assert found is not None, span
        assert found.text == record["text"][span["start"] : span["end"]]


def test_a_text_longer_than_spacys_default_limit_is_exported(
    project: Project, tmp_path: Path
) -> None:
    """spaCy refuses texts over 1,000,000 characters unless told they are only tokenized
    (a long report is); the export had failed with spaCy's own error."""
    text = "The Veskar pad grew. " * 50_000  # 1,050,000 characters
    load(project, tmp_path, [(text, [(4, 10, "facility")])])
    out = tmp_path / "long.spacy"
    assert project.export("spacy-docbin", out) == 1
    (doc,) = _docs(out)
    assert len(doc.text) == len(text)
    assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]] == [(4, 10, "facility")]
